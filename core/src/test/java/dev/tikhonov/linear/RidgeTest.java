package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Closed-form ridge and the SVD ridge path. */
class RidgeTest {

  @Test
  void fit_matchesGlmnetRidgeSvdPath() {
    ReferenceData.Regression data = ReferenceData.gauss();
    double[][] ref = ReferenceData.rows("gauss-ridge-raw");
    RidgeSvdPath path = RidgeSvdPath.fit(data.x(), data.y(), ReferenceData.lambdas(ref));
    for (int l = 0; l < ref.length; l += 7) {
      RidgeSolution single = RidgeSolver.fit(data.x(), data.y(), ref[l][0]);
      double scale = 0;
      for (int j = 0; j < data.features(); j++) {
        scale = Math.max(scale, Math.abs(ref[l][2 + j]));
      }
      for (int j = 0; j < data.features(); j++) {
        assertEquals(ref[l][2 + j], single.coefficients()[j], 1e-9 * scale,
            "Cholesky, λ index " + l);
        assertEquals(ref[l][2 + j], path.coefficients()[l][j], 1e-9 * scale, "SVD, λ index " + l);
      }
      assertEquals(ref[l][1], single.intercept(), 1e-9);
      assertEquals(ref[l][1], path.intercepts()[l], 1e-9);
    }
  }

  @Test
  void fit_moreFeaturesThanRows_dualFormSolvesTheNormalEquations() {
    Problem problem = Problem.random(30, 80, 7);
    double lambda = 0.05;
    RidgeSolution fit = RidgeSolver.fit(problem.x, problem.y, lambda);
    // Stationarity: (1/n) Xᵀ(y − a₀ − Xb) = λ b and Σ residuals = 0.
    double[] residual = residual(problem, fit.intercept(), fit.coefficients());
    assertEquals(0.0, Arrays.stream(residual).sum() / problem.n(), 1e-12);
    for (int j = 0; j < problem.p(); j++) {
      double g = 0;
      for (int i = 0; i < problem.n(); i++) {
        g += problem.x[i][j] * residual[i] / problem.n();
      }
      assertEquals(lambda * fit.coefficients()[j], g, 1e-10, "feature " + j);
    }
    RidgeSvdPath path = RidgeSvdPath.fit(problem.x, problem.y, new double[] {lambda});
    for (int j = 0; j < problem.p(); j++) {
      assertEquals(fit.coefficients()[j], path.coefficients()[0][j], 1e-10);
    }
    assertEquals(fit.degreesOfFreedom(), path.degreesOfFreedom()[0], 1e-10);
    assertTrue(fit.degreesOfFreedom() < 29 && fit.degreesOfFreedom() > 0,
        "df " + fit.degreesOfFreedom());
  }

  @Test
  void path_leaveOneOut_matchesRefittingWithoutEachRow() {
    for (RidgeSvdPath.Decomposition d : RidgeSvdPath.Decomposition.values()) {
      assertLeaveOneOutIsRefitting(d);
    }
  }

  private static void assertLeaveOneOutIsRefitting(RidgeSvdPath.Decomposition decomposition) {
    Problem problem = Problem.random(25, 6, 9);
    double[] lambdas = {1.0, 0.1, 0.01};
    RidgeSvdPath path = RidgeSvdPath.fit(problem.x, problem.y, lambdas, decomposition);
    for (int l = 0; l < lambdas.length; l++) {
      double sum = 0;
      for (int out = 0; out < problem.n(); out++) {
        double[][] x = new double[problem.n() - 1][];
        double[] y = new double[problem.n() - 1];
        for (int i = 0, k = 0; i < problem.n(); i++) {
          if (i != out) {
            x[k] = problem.x[i];
            y[k++] = problem.y[i];
          }
        }
        // Leaving a row out changes n, so keep nλ (the penalty on ‖b‖² of the RSS) fixed.
        double nLambda = problem.n() * lambdas[l];
        RidgeSolution fit = RidgeSolver.fit(x, y, nLambda / (problem.n() - 1));
        double e = problem.y[out] - fit.predict(problem.x[out]);
        sum += e * e;
      }
      assertEquals(sum / problem.n(), path.leaveOneOutMse()[l], 1e-10 * sum, "λ " + lambdas[l]);
      double denominator = 1 - (1 + path.degreesOfFreedom()[l]) / problem.n();
      assertEquals(path.trainingMse()[l] / (denominator * denominator), path.gcv()[l], 1e-14);
    }
  }

  @Test
  void eigenAndSvd_giveTheSamePath() {
    double[][] ref = ReferenceData.rows("gauss-ridge-raw");
    ReferenceData.Regression gauss = ReferenceData.gauss();
    assertSamePath(gauss.x(), gauss.y(), ReferenceData.lambdas(ref), 1e-11, "gauss.csv");
    // 400 × 30, columns correlated (condition number of Z about 10³), one constant column.
    Problem problem = Problem.random(400, 30, 12);
    double[][] x = new double[400][];
    for (int i = 0; i < 400; i++) {
      x[i] = problem.x[i].clone();
      x[i][7] = 4.5;
      for (int j = 1; j < 30; j++) {
        x[i][j] = 0.999 * x[i][0] + 0.001 * x[i][j] * (j + 1);
      }
    }
    assertSamePath(x, problem.y, new double[] {10, 1, 0.1, 1e-3, 1e-5}, 1e-8, "correlated");
  }

  /**
   * Coefficients and intercepts to {@code tol} of the largest, degrees of freedom, GCV and
   * leave-one-out scores to {@code tol} relative, singular values to tol of the largest.
   */
  private static void assertSamePath(double[][] x, double[] y, double[] lambdas, double tol,
      String what) {
    RidgeSvdPath svd = RidgeSvdPath.fit(x, y, lambdas, RidgeSvdPath.Decomposition.SVD);
    RidgeSvdPath eigen = RidgeSvdPath.fit(x, y, lambdas, RidgeSvdPath.Decomposition.EIGEN);
    for (int l = 0; l < lambdas.length; l++) {
      double scale = Math.abs(svd.intercepts()[l]);
      for (double b : svd.coefficients()[l]) {
        scale = Math.max(scale, Math.abs(b));
      }
      String at = what + ", λ = " + lambdas[l];
      assertArrayEquals(svd.coefficients()[l], eigen.coefficients()[l], tol * scale, at);
      assertEquals(svd.intercepts()[l], eigen.intercepts()[l], tol * scale, at);
      assertEquals(svd.degreesOfFreedom()[l], eigen.degreesOfFreedom()[l],
          tol * svd.degreesOfFreedom()[l], at);
      assertEquals(svd.gcv()[l], eigen.gcv()[l], tol * svd.gcv()[l], at);
      assertEquals(svd.leaveOneOutMse()[l], eigen.leaveOneOutMse()[l],
          tol * svd.leaveOneOutMse()[l], at);
      assertEquals(svd.trainingMse()[l], eigen.trainingMse()[l], tol * svd.trainingMse()[l],
          at);
    }
    assertArrayEquals(svd.singularValues(), eigen.singularValues(),
        tol * svd.singularValues()[0], what);
    assertEquals(svd.bestGcv(), eigen.bestGcv(), what);
    assertEquals(svd.bestLoo(), eigen.bestLoo(), what);
  }

  @Test
  void fit_effectiveDegreesOfFreedom_fallFromRankToZero() {
    Problem problem = Problem.random(50, 5, 2);
    RidgeSvdPath path = RidgeSvdPath.fit(problem.x, problem.y, new double[] {1e6, 1.0, 0.0});
    assertEquals(0.0, path.degreesOfFreedom()[0], 1e-4);
    assertTrue(path.degreesOfFreedom()[1] > 0 && path.degreesOfFreedom()[1] < 5);
    assertEquals(5.0, path.degreesOfFreedom()[2], 1e-12);
  }

  @Test
  void fit_lambdaZeroWithCollinearColumns_isAClearError() {
    Problem problem = Problem.random(20, 3, 4);
    double[][] x = new double[20][];
    for (int i = 0; i < 20; i++) {
      x[i] = new double[] {problem.x[i][0], problem.x[i][1], 2 * problem.x[i][0]};
    }
    InputException e =
        assertThrows(InputException.class, () -> RidgeSolver.fit(x, problem.y, 0.0));
    assertTrue(e.getMessage().contains("singular"), e.getMessage());
    RidgeSolution fit = RidgeSolver.fit(x, problem.y, 0.1);
    assertTrue(Arrays.stream(fit.coefficients()).allMatch(Double::isFinite));
  }

  private static double[] residual(Problem problem, double a0, double[] b) {
    double[] r = new double[problem.n()];
    for (int i = 0; i < problem.n(); i++) {
      double eta = a0;
      for (int j = 0; j < problem.p(); j++) {
        eta += problem.x[i][j] * b[j];
      }
      r[i] = problem.y[i] - eta;
    }
    return r;
  }

  /**
   * A column repeated (x₁ twice: exactly collinear, as a duplicated column of a CSV) at λ = 0
   * and at a λ far below rounding: the fit is the minimum-norm least-squares one, the repeat
   * and its original sharing the coefficient that x₁ gets without the repeat, with the same
   * degrees of freedom (the rank), GCV and leave-one-out scores as that fit. The direction of
   * the repeat's difference has a singular value of rounding size (5e-16 for 40 rows): it
   * counted as one more degree of freedom, and its division split the coefficient at random
   * (-1.53 and 2.60 for 0.53 each), in both decompositions.
   */
  @Test
  void fit_ofARepeatedColumnAtLambdaZero_isTheMinimumNormFitOfTheRank() {
    Problem problem = Problem.random(40, 3, 11);
    double[][] repeated = new double[problem.n()][];
    for (int i = 0; i < problem.n(); i++) {
      double[] row = problem.x()[i];
      repeated[i] = new double[] {row[0], row[1], row[2], row[0]};
    }
    double[] lambdas = {1e-30, 0};
    RidgeSvdPath reference = RidgeSvdPath.fit(problem.x(), problem.y(), lambdas);
    for (RidgeSvdPath.Decomposition d : RidgeSvdPath.Decomposition.values()) {
      RidgeSvdPath fit = RidgeSvdPath.fit(repeated, problem.y(), lambdas, d);
      for (int l = 0; l < lambdas.length; l++) {
        String at = d + ", λ = " + lambdas[l];
        double[] b = reference.coefficients()[l];
        assertArrayEquals(new double[] {b[0] / 2, b[1], b[2], b[0] / 2},
            fit.coefficients()[l], 1e-9, at);
        assertEquals(reference.intercepts()[l], fit.intercepts()[l], 1e-9, at);
        assertEquals(reference.degreesOfFreedom()[l], fit.degreesOfFreedom()[l], 1e-9, at);
        assertEquals(reference.gcv()[l], fit.gcv()[l], 1e-9 * reference.gcv()[l], at);
        assertEquals(reference.leaveOneOutMse()[l], fit.leaveOneOutMse()[l],
            1e-9 * reference.leaveOneOutMse()[l], at);
      }
    }
  }

  private record Problem(double[][] x, double[] y) {
    int n() {
      return x.length;
    }

    int p() {
      return x[0].length;
    }

    static Problem random(int n, int p, long seed) {
      Rng rng = new Rng(seed);
      double[][] x = new double[n][p];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < p; j++) {
          x[i][j] = rng.nextGaussian() * (1 + j % 3);
        }
        y[i] = 1 + x[i][0] - 0.5 * x[i][1] + rng.nextGaussian();
      }
      return new Problem(x, y);
    }
  }
}
