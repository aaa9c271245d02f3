package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ProximalNewtonRefData.Data;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The binomial path against glmnet 4.1-6 (../shared/ref, thresh 1e-12): the same λ values, the
 * same coefficients to 1e-4 of the largest coefficient at each λ (glmnet's own outputs are
 * accurate to about 1e-6), and the KKT conditions checked from scratch.
 */
class BinomialGlmnetTest {

  /** Coefficient agreement, relative to the largest |coefficient| (or |a₀|) at each λ. */
  static final double COEF_TOL = 1e-4;
  /** Our convergence threshold: tighter than glmnet's 1e-12 so our error is not the limit. */
  static final double FIT_TOL = 1e-14;

  private static final Data DATA = ProximalNewtonRefData.data("binom.csv");
  private static final List<String> CLASSES = List.of("0", "1");

  private static PathSolution fit(PathSettings config) {
    return ElasticNetPath.fit(Family.BINOMIAL, DATA.x(), DATA.y(), config, DATA.featureNames(),
        CLASSES);
  }

  /** Largest error over the path, each λ relative to its largest reference value. */
  static double maxRelativeError(PathSolution path, Table ref, int numVectors) {
    int p = path.numFeatures();
    double worst = 0;
    for (int l = 0; l < ref.rows().length; l++) {
      double scale = 0;
      double err = 0;
      for (int k = 0; k < numVectors; k++) {
        double a = ProximalNewtonRefData.intercept(ref, l, k, numVectors);
        scale = Math.max(scale, Math.abs(a));
        err = Math.max(err, Math.abs(path.intercept(l, k) - a));
        for (int j = 0; j < p; j++) {
          double b = ProximalNewtonRefData.coef(ref, l, j, k, numVectors);
          scale = Math.max(scale, Math.abs(b));
          err = Math.max(err, Math.abs(path.coefficient(l, k, j) - b));
        }
      }
      worst = Math.max(worst, err / scale);
    }
    return worst;
  }

  @Test
  void fit_lassoRawWithGlmnetLambdas_matchesGlmnet() {
    Table ref = ProximalNewtonRefData.read("binom-lasso-raw.csv");
    double[] lambdas = ProximalNewtonRefData.lambdas(ref);
    PathSolution path = fit(PathSettings.of(1).withStandardize(false).withTolerance(FIT_TOL)
        .withLambdas(lambdas));
    assertEquals(lambdas.length, path.size());
    double err = maxRelativeError(path, ref, 1);
    System.out.println("binom lasso raw, glmnet λ: max relative coefficient error " + err);
    assertTrue(err < COEF_TOL, "max relative error " + err);
  }

  @Test
  void fit_lassoRawWithDefaultLambdas_reproducesGlmnetSequenceAndCoefficients() {
    Table ref = ProximalNewtonRefData.read("binom-lasso-raw.csv");
    double[] lambdas = ProximalNewtonRefData.lambdas(ref);
    PathSolution path = fit(PathSettings.of(1).withStandardize(false).withTolerance(FIT_TOL));
    // glmnet stopped early (deviance ratio change below 1e-5); so must we, at the same λ.
    assertEquals(lambdas.length, path.size());
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], path.lambda(l), 1e-12 * lambdas[l], "λ index " + l);
    }
    double err = maxRelativeError(path, ref, 1);
    System.out.println("binom lasso raw, own λ: max relative coefficient error " + err);
    assertTrue(err < COEF_TOL, "max relative error " + err);
  }

  @Test
  void fit_enet05StandardizedWithGlmnetLambdas_matchesGlmnet() {
    Table ref = ProximalNewtonRefData.read("binom-enet05-std.csv");
    double[] lambdas = ProximalNewtonRefData.lambdas(ref);
    PathSolution path = fit(PathSettings.of(0.5).withTolerance(FIT_TOL).withLambdas(lambdas));
    double err = maxRelativeError(path, ref, 1);
    System.out.println("binom enet 0.5 std, glmnet λ: max relative coefficient error " + err);
    assertTrue(err < COEF_TOL, "max relative error " + err);
  }

  @Test
  void fit_enet05StandardizedWithDefaultLambdas_reproducesGlmnetSequenceAndCoefficients() {
    Table ref = ProximalNewtonRefData.read("binom-enet05-std.csv");
    double[] lambdas = ProximalNewtonRefData.lambdas(ref);
    PathSolution path = fit(PathSettings.of(0.5).withTolerance(FIT_TOL));
    assertEquals(lambdas.length, path.size());
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], path.lambda(l), 1e-12 * lambdas[l], "λ index " + l);
    }
    double err = maxRelativeError(path, ref, 1);
    System.out.println("binom enet 0.5 std, own λ: max relative coefficient error " + err);
    assertTrue(err < COEF_TOL, "max relative error " + err);
  }

  @Test
  void fit_lassoRaw_satisfiesKktAtEveryLambda() {
    PathSolution path = fit(PathSettings.of(1).withStandardize(false).withTolerance(FIT_TOL));
    double[] v = ProximalNewtonRefData.ones(path.numFeatures());
    for (int l = 0; l < path.size(); l++) {
      double viol = ProximalNewtonRefData.kktViolation(path, l, DATA.x(), DATA.y(), false, v);
      assertTrue(viol < 1e-5, "λ index " + l + ": relative KKT violation " + viol);
      assertTrue(path.certificate(l) < 1e-6, "reported violation " + path.certificate(l));
    }
  }

  @Test
  void fit_enet05Standardized_satisfiesKktAtEveryLambda() {
    PathSolution path = fit(PathSettings.of(0.5).withTolerance(FIT_TOL));
    double[] v = ProximalNewtonRefData.ones(path.numFeatures());
    for (int l = 0; l < path.size(); l++) {
      double viol = ProximalNewtonRefData.kktViolation(path, l, DATA.x(), DATA.y(), true, v);
      assertTrue(viol < 1e-5, "λ index " + l + ": relative KKT violation " + viol);
    }
  }
}
