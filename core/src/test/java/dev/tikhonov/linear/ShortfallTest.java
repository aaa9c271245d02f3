package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A path that falls short says why as numbers ({@link Shortfall}), so that a front end words
 * its own remedy from them ({@link Shortfall#message(Shortfall.Remedy)}) instead of rewriting
 * the library's sentence, which stays what {@link PathSolution#warning()} says.
 */
class ShortfallTest {
  private static final ReferenceData.Regression DATA = ReferenceData.gauss();
  /** Names the fields it is given, so a test sees which numbers reached the remedy. */
  private static final Shortfall.Remedy ECHO = s -> "remedy(" + s.kind() + ", "
      + s.maxIterations() + ", " + s.tolerance() + ")";

  @Test
  void shortfall_whenTheBudgetRunsOut_carriesTheBudgetTheToleranceAndTheLambda() {
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(),
        PathSettings.lasso().withTolerance(1e-13).withMaxIterations(37), DATA.names());
    Shortfall s = path.shortfall().orElseThrow();
    assertEquals(Shortfall.Kind.PASS_BUDGET, s.kind());
    assertEquals(37, s.maxIterations());
    assertEquals(1e-13, s.tolerance());
    // the λ the budget ran out during is dropped: the path ends at the one before
    assertEquals(path.size() + 1, s.lambdaNumber());
    assertEquals(path.size(), s.fitted());
    assertEquals(100, s.requested());
    assertEquals(0, s.uncertified());
    assertTrue(s.lambda() < path.lambda(path.size() - 1), "the next λ of the sequence");
    assertTrue(s.certificate() > 1e-13, "the interrupted fit's: " + s.certificate());
    assertEquals(Optional.of(s), path.end().shortfall());
    // the library's sentence is the shortfall's, with the settings' names
    assertEquals(path.warning(), Optional.of(s.message()));
    assertEquals(path.end().message(), s.message());
    assertTrue(s.message().endsWith(": raise maxIterations (now 37) or tolerance"),
        s.message());
    // another remedy replaces the library's, and only it
    assertEquals(s.finding() + ": remedy(PASS_BUDGET, 37, 1.0E-13)", s.message(ECHO));
    assertFalse(s.finding().contains("raise"), s.finding());
  }

  @Test
  void shortfall_whenTheToleranceIsBelowDoublePrecision_countsTheLambdaAndNamesTheWorst() {
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(),
        PathSettings.lasso().withStandardize(false).withTolerance(1e-300).withNumLambdas(10),
        DATA.names());
    Shortfall s = path.shortfall().orElseThrow();
    assertEquals(Shortfall.Kind.NOT_CERTIFIED, s.kind());
    int count = 0;
    int worst = -1;
    for (int l = 0; l < path.size(); l++) {
      if (!path.converged(l)) {
        count++;
        worst = worst < 0 || path.certificate(l) > path.certificate(worst) ? l : worst;
      }
    }
    assertEquals(count, s.uncertified());
    assertEquals(worst + 1, s.lambdaNumber());
    assertEquals(path.certificate(worst), s.certificate());
    assertEquals(path.warning(), Optional.of(s.message()));
    assertTrue(s.message().endsWith("; raise tolerance"), s.message());
    assertEquals(s.finding() + "; remedy(NOT_CERTIFIED, 0, 1.0E-300)", s.message(ECHO));
  }

  @Test
  void shortfall_ofAConvergedPath_isEmpty() {
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), PathSettings.lasso(),
        DATA.names());
    assertTrue(path.allConverged());
    assertEquals(Optional.empty(), path.shortfall());
    assertEquals(Optional.empty(), path.warning());
  }

  @Test
  void shortfall_ofAPathReadBackWithItsEndsMessageOnly_isEmpty_andTheWarningStays() {
    PathSolution fitted = ElasticNetPath.fit(DATA.x(), DATA.y(),
        PathSettings.lasso().withTolerance(1e-13).withMaxIterations(37), DATA.names());
    PathSolution read = new PathSolution(fitted.family(), fitted.l1Ratio(), fitted.lambdas(),
        fitted.intercepts(), fitted.coefficients(), fitted.degreesOfFreedom(),
        fitted.devianceRatio(), fitted.nullDeviance(), fitted.tolerance(), fitted.converged(),
        fitted.passes(), fitted.certificate(), fitted.featureNames(), fitted.classNames(),
        new PathSolution.End(fitted.end().reason(), fitted.end().message()));
    assertEquals(Optional.empty(), read.shortfall());
    assertEquals(fitted.warning(), read.warning());
  }

  @Test
  void notFinite_hasNoRemedy() {
    Shortfall s = Shortfall.notFinite(3, 0.5, 100, Double.NaN, 1e-7, 1000, Double.NaN);
    assertFalse(s.hasRemedy());
    assertEquals(2, s.fitted());
    assertEquals(s.finding(), s.message(ECHO));
    assertEquals(PathSolution.Ending.NOT_FINITE, PathSolution.End.of(s).reason());
  }
}
