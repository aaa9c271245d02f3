package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ProximalNewtonRefData.Data;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.tikhonov.internal.linear.ElasticNetPenalty;

/**
 * The multinomial path against glmnet 4.1-6 (../shared/ref/multi-lasso-raw.csv, ungrouped,
 * thresh 1e-12), compared after the same centering (intercepts summing to zero), plus the KKT
 * conditions and the penalty-minimizing center of each feature's K coefficients.
 */
class MultinomialGlmnetTest {

  private static final Data DATA = ProximalNewtonRefData.data("multi.csv");
  private static final List<String> CLASSES = List.of("0", "1", "2");

  private static PathSolution fit(PathSettings config) {
    return ElasticNetPath.fit(Family.MULTINOMIAL, DATA.x(), DATA.y(), config,
        DATA.featureNames(), CLASSES);
  }

  @Test
  void fit_lassoRawWithGlmnetLambdas_matchesGlmnet() {
    Table ref = ProximalNewtonRefData.read("multi-lasso-raw.csv");
    double[] lambdas = ProximalNewtonRefData.lambdas(ref);
    PathSolution path = fit(PathSettings.of(1).withStandardize(false)
        .withTolerance(BinomialGlmnetTest.FIT_TOL).withLambdas(lambdas));
    assertEquals(Family.MULTINOMIAL, path.family());
    assertEquals(lambdas.length, path.size());
    double err = BinomialGlmnetTest.maxRelativeError(path, ref, 3);
    System.out.println("multi lasso raw, glmnet λ: max relative coefficient error " + err);
    assertTrue(err < BinomialGlmnetTest.COEF_TOL, "max relative error " + err);
  }

  @Test
  void fit_lassoRawWithDefaultLambdas_reproducesGlmnetSequenceAndCoefficients() {
    Table ref = ProximalNewtonRefData.read("multi-lasso-raw.csv");
    double[] lambdas = ProximalNewtonRefData.lambdas(ref);
    PathSolution path = fit(PathSettings.of(1).withStandardize(false)
        .withTolerance(BinomialGlmnetTest.FIT_TOL));
    assertEquals(lambdas.length, path.size());
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], path.lambda(l), 1e-12 * lambdas[l], "λ index " + l);
    }
    double err = BinomialGlmnetTest.maxRelativeError(path, ref, 3);
    System.out.println("multi lasso raw, own λ: max relative coefficient error " + err);
    assertTrue(err < BinomialGlmnetTest.COEF_TOL, "max relative error " + err);
  }

  @Test
  void fit_lassoRaw_interceptsSumToZeroAndKktHolds() {
    PathSolution path = fit(PathSettings.of(1).withStandardize(false)
        .withTolerance(BinomialGlmnetTest.FIT_TOL));
    double[] v = ProximalNewtonRefData.ones(path.numFeatures());
    double worst = 0;
    for (int l = 0; l < path.size(); l++) {
      double sum = 0;
      for (double a : path.intercepts(l)) {
        sum += a;
      }
      assertEquals(0, sum, 1e-12);
      double viol = ProximalNewtonRefData.kktViolation(path, l, DATA.x(), DATA.y(), false, v);
      worst = Math.max(worst, viol);
      assertTrue(viol < 1e-4, "λ index " + l + ": relative KKT violation " + viol);
    }
    System.out.println("multi lasso raw: max KKT violation relative to λ " + worst);
  }

  @Test
  void fit_enetStandardized_satisfiesKktAtEveryLambda() {
    PathSolution path = fit(PathSettings.of(0.3).withTolerance(BinomialGlmnetTest.FIT_TOL));
    double[] v = ProximalNewtonRefData.ones(path.numFeatures());
    for (int l = 0; l < path.size(); l++) {
      double viol = ProximalNewtonRefData.kktViolation(path, l, DATA.x(), DATA.y(), true, v);
      assertTrue(viol < 1e-4, "λ index " + l + ": relative KKT violation " + viol);
    }
  }

  @Test
  void penaltyCenter_minimizesPenaltyOverShifts() {
    double[][] cases = {{0.3, -1.2, 2.0}, {1, 1, 1}, {0.5, 0.5, -3, 4}, {-2, 0.1, 0.2, 0.3, 7}};
    double[] alphas = {0, 0.2, 0.5, 0.9, 1};
    for (double[] a : cases) {
      for (double alpha : alphas) {
        double c = ElasticNetPenalty.center(alpha, a, new double[a.length]);
        double fc = shiftedPenalty(alpha, a, c);
        // No shift on a fine grid around it does better.
        for (double d = -5; d <= 5; d += 1e-3) {
          assertTrue(fc <= shiftedPenalty(alpha, a, d) + 1e-12,
              "α=" + alpha + " center " + c + " beaten by " + d);
        }
      }
    }
  }

  private static double shiftedPenalty(double alpha, double[] a, double c) {
    double f = 0;
    for (double x : a) {
      f += 0.5 * (1 - alpha) * (x - c) * (x - c) + alpha * Math.abs(x - c);
    }
    return f;
  }
}
