package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The result type's own rules: interpolation, warnings, predictions and deviances. */
class PathSolutionTest {

  /** Two features, K = 1, three λ with hand-picked coefficients. */
  private static PathSolution small(Family family, boolean[] converged) {
    double[] lambdas = {1.0, 0.5, 0.1};
    double[][] a0 = {{0.5}, {0.25}, {-1.0}};
    double[][][] b = {{{0, 0}}, {{1, 0}}, {{3, -2}}};
    return new PathSolution(family, 1.0, lambdas, a0, b, new int[] {0, 1, 2},
        new double[] {0, 0.3, 0.6}, 2.0, 1e-3, converged, new int[] {1, 5, 9},
        new double[] {0, 1e-4, 2e-3}, List.of("a", "b"),
        family == Family.GAUSSIAN ? List.of() : List.of("no", "yes"),
        new PathSolution.End(PathSolution.Ending.ALL_LAMBDAS, "all 3 λ fitted"));
  }

  /**
   * The penalty kind a path minimized travels with it: interpolated points keep it, its text
   * names a grouped one, an ungrouped constructor means UNGROUPED, and GROUPED is the
   * multinomial family's only.
   */
  @Test
  void multinomialPenalty_keptByInterpolationAndRefusedOutsideMultinomial() {
    PathSolution ungrouped = small(Family.BINOMIAL, new boolean[] {true, true, true});
    assertEquals(MultinomialPenalty.UNGROUPED, ungrouped.multinomialPenalty());
    double[][][] b = {{{0, 0}, {0, 0}}, {{1, 0}, {-1, 0}}};
    PathSolution grouped = new PathSolution(Family.MULTINOMIAL, 1.0, MultinomialPenalty.GROUPED,
        new double[] {1.0, 0.5}, new double[][] {{0, 0}, {0.1, -0.1}}, b, new int[] {0, 1},
        new double[] {0, 0.2}, 1.4, 1e-3, new boolean[] {true, true}, new int[] {1, 3},
        new double[] {0, 1e-4}, List.of("a", "b"), List.of("no", "yes"),
        new PathSolution.End(PathSolution.Ending.ALL_LAMBDAS, "all 2 λ fitted"));
    assertEquals(MultinomialPenalty.GROUPED,
        grouped.interpolate(new double[] {0.7}).multinomialPenalty());
    assertTrue(grouped.toString().startsWith("PathSolution[multinomial, α = 1, grouped, 2 λ"),
        grouped.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PathSolution(Family.BINOMIAL, 1.0, MultinomialPenalty.GROUPED,
            ungrouped.lambdas(), ungrouped.intercepts(), ungrouped.coefficients(),
            ungrouped.degreesOfFreedom(), ungrouped.devianceRatio(), 2.0, 1e-3,
            ungrouped.converged(), ungrouped.passes(), ungrouped.certificate(),
            ungrouped.featureNames(), ungrouped.classNames(), ungrouped.end()));
    assertEquals("a binomial path has no grouped penalty: GROUPED is the multinomial family's",
        e.getMessage());
  }

  @Test
  void interpolate_isLinearInLambdaAndClampedOutside() {
    PathSolution path = small(Family.GAUSSIAN, new boolean[] {true, true, false});
    PathSolution at = path.interpolate(new double[] {2.0, 0.5, 0.3, 0.01});
    assertEquals(0.5, at.intercept(0, 0));
    assertEquals(0.25, at.intercept(1, 0), 1e-15);
    // 0.3 is halfway between 0.5 and 0.1.
    assertEquals((0.25 - 1.0) / 2, at.intercept(2, 0), 1e-15);
    assertEquals(2.0, at.coefficient(2, 0, 0), 1e-15);
    assertEquals(-1.0, at.coefficient(2, 0, 1), 1e-15);
    assertEquals(2, at.degreesOfFreedom(2));
    assertEquals(0.45, at.devianceRatio(2), 1e-15);
    assertEquals(-2.0, at.coefficient(3, 0, 1));
    assertTrue(at.converged(1));
    assertFalse(at.converged(2), "a neighbour is not converged");
    assertTrue(Double.isNaN(at.certificate(2)));
    assertEquals(0, at.passes(2));
  }

  @Test
  void warning_namesTheWorstUncertifiedLambda() {
    assertTrue(small(Family.GAUSSIAN, new boolean[] {true, true, true}).warning().isEmpty());
    PathSolution path = small(Family.GAUSSIAN, new boolean[] {true, false, false});
    assertFalse(path.allConverged());
    String w = path.warning().orElseThrow();
    assertTrue(w.startsWith("2 of 3 λ not certified to the tolerance 0.00100 (the worst, λ #3"),
        w);
  }

  @Test
  void deviance_isSquaredErrorOrClampedMinusTwoLogLikelihood() {
    PathSolution gaussian = small(Family.GAUSSIAN, new boolean[] {true, true, true});
    double[] row = {1.0, 2.0};
    assertEquals(-1.0 + 3 - 4, gaussian.linearPredictor(row, 2, 0));
    assertEquals(Math.pow(0.5 - (-2.0), 2), gaussian.deviance(row, 0.5, 2), 1e-15);
    assertThrows(IllegalArgumentException.class,
        () -> gaussian.probabilities(new double[][] {row}, 2));
    PathSolution binomial = small(Family.BINOMIAL, new boolean[] {true, true, true});
    double p1 = 1 / (1 + Math.exp(2.0));
    double[] p = binomial.probabilities(new double[][] {row}, 2)[0];
    assertEquals(1 - p1, p[0], 1e-15);
    assertEquals(p1, p[1], 1e-15);
    assertEquals(-2 * Math.log(p1), binomial.deviance(row, 1, 2), 1e-12);
    // A confident mistake is clamped at p = 1e-5, as cv.glmnet does.
    double[] far = {100, 0};
    assertEquals(-2 * Math.log(1e-5), binomial.deviance(far, 0, 2), 1e-12);
    assertEquals((binomial.deviance(row, 1, 2) + binomial.deviance(far, 0, 2)) / 2,
        binomial.meanDeviance(new double[][] {row, far}, new double[] {1, 0}, 2), 1e-12);
  }
}
