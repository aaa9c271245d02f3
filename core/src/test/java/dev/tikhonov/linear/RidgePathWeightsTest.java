package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RidgeSvdPath} with observation weights and without an intercept, against checks that
 * need no reference: the weighted leave-one-out error is the error of the weighted fit without
 * the row, refitted; every λ's model is {@link RidgeSolver}'s; a weight of 0 is a row left out
 * (for every number, the criteria too); a weight of 2 is the row twice (for the models, df and
 * training MSE); the SVD and the eigendecomposition give the same path. scikit-learn's
 * {@code RidgeCV} is the reference in {@code estimate.RidgeCvWeightsTest}.
 */
class RidgePathWeightsTest {
  private static final double[] LAMBDAS = {3.0, 0.3, 0.03, 0.003};

  /** n rows of p features on unequal scales and means, a target, and weights in [0, 3). */
  private record Problem(double[][] x, double[] y, double[] w) {
    static Problem random(int n, int p, long seed) {
      Rng rng = new Rng(seed);
      double[][] x = new double[n][p];
      double[] y = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < p; j++) {
          x[i][j] = rng.nextGaussian() * (1 + j % 3) + 0.5 * j;
        }
        y[i] = 2 + x[i][0] - 0.5 * x[i][1] + rng.nextGaussian();
        w[i] = 3 * rng.nextDouble();
      }
      return new Problem(x, y, w);
    }

    Observations weights() {
      return Observations.ofWeights(w);
    }
  }

  private static RidgeSvdPath path(Problem problem, boolean intercept,
      RidgeSvdPath.Decomposition decomposition) {
    return RidgeSvdPath.fit(problem.x, problem.y, problem.weights(), intercept, LAMBDAS,
        decomposition);
  }

  @Test
  void leaveOneOut_withWeights_isTheWeightedMeanOfRefitsWithoutEachRow() {
    for (int[] shape : new int[][] {{30, 4}, {9, 14}}) {
      Problem problem = Problem.random(shape[0], shape[1], 3);
      problem.w[4] = 0;
      for (boolean intercept : new boolean[] {true, false}) {
        for (RidgeSvdPath.Decomposition d : RidgeSvdPath.Decomposition.values()) {
          assertLeaveOneOutIsRefitting(problem, intercept, path(problem, intercept, d),
              shape[0] + "×" + shape[1] + ", intercept " + intercept + ", " + d);
        }
      }
    }
  }

  /**
   * LOO = Σωᵢrᵢ², rᵢ the error on row i of the weighted fit without it; that fit keeps the
   * penalty's weight against Σwᵢeᵢ² (the objective times Σw), so its λ is λ·W/(W − wᵢ).
   */
  private static void assertLeaveOneOutIsRefitting(Problem problem, boolean intercept,
      RidgeSvdPath path, String what) {
    int n = problem.x.length;
    double total = 0;
    for (double v : problem.w) {
      total += v;
    }
    for (int l = 0; l < LAMBDAS.length; l++) {
      double sum = 0;
      double trainingSum = 0;
      for (int out = 0; out < n; out++) {
        double[][] x = new double[n - 1][];
        double[] y = new double[n - 1];
        double[] w = new double[n - 1];
        for (int i = 0, k = 0; i < n; i++) {
          if (i != out) {
            x[k] = problem.x[i];
            y[k] = problem.y[i];
            w[k++] = problem.w[i];
          }
        }
        double lambda = LAMBDAS[l] * total / (total - problem.w[out]);
        Observations weights = Observations.ofWeights(w);
        RidgeSolution fit = intercept ? RidgeSolver.fit(x, y, weights, lambda)
            : RidgeSolver.fitWithoutIntercept(x, y, weights, lambda);
        double e = problem.y[out] - fit.predict(problem.x[out]);
        sum += problem.w[out] / total * e * e;
        double trained = problem.y[out] - path.atIndex(l).predict(problem.x[out]);
        trainingSum += problem.w[out] / total * trained * trained;
      }
      String at = what + ", λ = " + LAMBDAS[l];
      assertEquals(sum, path.leaveOneOutMse()[l], 1e-9 * sum, at);
      assertEquals(trainingSum, path.trainingMse()[l], 1e-10 * trainingSum, at);
      double denominator = 1 - ((intercept ? 1 : 0) + path.degreesOfFreedom()[l]) / (n - 1.0);
      assertEquals(path.trainingMse()[l] / (denominator * denominator), path.gcv()[l],
          1e-12 * path.gcv()[l], at + " (GCV over the n − 1 rows of positive weight)");
    }
  }

  @Test
  void everyLambda_isRidgeSolversFit() {
    for (int[] shape : new int[][] {{30, 4}, {9, 14}}) {
      Problem problem = Problem.random(shape[0], shape[1], 5);
      for (boolean intercept : new boolean[] {true, false}) {
        RidgeSvdPath path = intercept
            ? RidgeSvdPath.fit(problem.x, problem.y, problem.weights(), LAMBDAS)
            : RidgeSvdPath.fitWithoutIntercept(problem.x, problem.y, problem.weights(), LAMBDAS);
        for (int l = 0; l < LAMBDAS.length; l++) {
          RidgeSolution fit = intercept
              ? RidgeSolver.fit(problem.x, problem.y, problem.weights(), LAMBDAS[l])
              : RidgeSolver.fitWithoutIntercept(problem.x, problem.y, problem.weights(),
                  LAMBDAS[l]);
          String at = shape[0] + "×" + shape[1] + ", intercept " + intercept + ", λ "
              + LAMBDAS[l];
          assertArrayEquals(fit.coefficients(), path.coefficients()[l], 1e-10, at);
          assertEquals(fit.intercept(), path.intercepts()[l], 1e-10, at);
          assertEquals(fit.degreesOfFreedom(), path.degreesOfFreedom()[l], 1e-10, at);
          if (!intercept) {
            assertEquals(0.0, path.intercepts()[l], 0.0, at);
          }
        }
      }
    }
  }

  @Test
  void zeroWeight_isARowLeftOut_forTheCriteriaToo() {
    Problem problem = Problem.random(24, 5, 7);
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < problem.w.length; i++) {
      if (i % 5 == 2) {
        problem.w[i] = 0;
      } else {
        kept.add(i);
      }
    }
    Problem fewer = new Problem(kept.stream().map(i -> problem.x[i]).toArray(double[][]::new),
        kept.stream().mapToDouble(i -> problem.y[i]).toArray(),
        kept.stream().mapToDouble(i -> problem.w[i]).toArray());
    for (boolean intercept : new boolean[] {true, false}) {
      for (RidgeSvdPath.Decomposition d : RidgeSvdPath.Decomposition.values()) {
        assertSamePath(path(fewer, intercept, d), path(problem, intercept, d), true,
            "intercept " + intercept + ", " + d);
      }
    }
  }

  @Test
  void weightTwo_isTheRowTwice_forTheModelsNotTheCriteria() {
    Problem problem = Problem.random(20, 4, 11);
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int i = 0; i < problem.w.length; i++) {
      problem.w[i] = 1 + i % 2;
      for (int c = 0; c < problem.w[i]; c++) {
        x.add(problem.x[i]);
        y.add(problem.y[i]);
      }
    }
    double[][] repeatedX = x.toArray(new double[0][]);
    double[] repeatedY = y.stream().mapToDouble(Double::doubleValue).toArray();
    for (boolean intercept : new boolean[] {true, false}) {
      for (RidgeSvdPath.Decomposition d : RidgeSvdPath.Decomposition.values()) {
        RidgeSvdPath repeated = RidgeSvdPath.fit(repeatedX, repeatedY, Observations.none(),
            intercept, LAMBDAS, d);
        RidgeSvdPath weighted = path(problem, intercept, d);
        assertSamePath(repeated, weighted, false, "intercept " + intercept + ", " + d);
        // leaving out a row of weight 2 leaves out both copies: a larger error
        for (int l = 0; l < LAMBDAS.length; l++) {
          assertTrue(weighted.leaveOneOutMse()[l] > repeated.leaveOneOutMse()[l],
              "λ " + LAMBDAS[l]);
        }
      }
    }
  }

  @Test
  void equalWeights_areNoWeights() {
    Problem problem = Problem.random(30, 4, 13);
    java.util.Arrays.fill(problem.w, 0.7);
    for (boolean intercept : new boolean[] {true, false}) {
      for (RidgeSvdPath.Decomposition d : RidgeSvdPath.Decomposition.values()) {
        RidgeSvdPath plain = RidgeSvdPath.fit(problem.x, problem.y, Observations.none(),
            intercept, LAMBDAS, d);
        assertSamePath(plain, path(problem, intercept, d), true, "intercept " + intercept);
      }
    }
  }

  @Test
  void eigenAndSvd_giveTheSamePath_withWeightsAndWithoutIntercept() {
    for (int[] shape : new int[][] {{60, 5}, {12, 20}}) {
      Problem problem = Problem.random(shape[0], shape[1], 17);
      problem.w[3] = 0;
      for (double[] row : problem.x) {
        row[2] = 4.5; // a constant column: coefficient 0 on both routes, with no intercept too
      }
      for (boolean intercept : new boolean[] {true, false}) {
        RidgeSvdPath svd = path(problem, intercept, RidgeSvdPath.Decomposition.SVD);
        String what = shape[0] + "×" + shape[1] + ", intercept " + intercept;
        assertSamePath(svd, path(problem, intercept, RidgeSvdPath.Decomposition.EIGEN), true,
            what);
        for (double[] b : svd.coefficients()) {
          assertEquals(0.0, b[2], 0.0, what);
        }
      }
    }
  }

  @Test
  void offsetsAndBadWeights_areRefused() {
    Problem problem = Problem.random(10, 3, 1);
    InputException offsets = assertThrows(InputException.class, () -> RidgeSvdPath.fit(
        problem.x, problem.y, Observations.ofOffsets(new double[10]), LAMBDAS));
    assertTrue(offsets.getMessage().contains("offsets"), offsets.getMessage());
    problem.w[6] = -1;
    InputException negative = assertThrows(InputException.class,
        () -> RidgeSvdPath.fitWithoutIntercept(problem.x, problem.y, problem.weights(),
            LAMBDAS));
    assertTrue(negative.getMessage().contains("row 7") && negative.getMessage().contains(
        "weights"), negative.getMessage());
  }

  /**
   * The same models (coefficients and intercepts to 1e-9 of the largest), degrees of freedom,
   * training and null MSE to 1e-9 relative; with {@code criteria} the GCV and leave-one-out
   * scores too.
   */
  private static void assertSamePath(RidgeSvdPath expected, RidgeSvdPath actual,
      boolean criteria, String what) {
    double tol = 1e-9;
    for (int l = 0; l < LAMBDAS.length; l++) {
      double scale = Math.abs(expected.intercepts()[l]);
      for (double b : expected.coefficients()[l]) {
        scale = Math.max(scale, Math.abs(b));
      }
      String at = what + ", λ = " + LAMBDAS[l];
      assertArrayEquals(expected.coefficients()[l], actual.coefficients()[l], tol * scale, at);
      assertEquals(expected.intercepts()[l], actual.intercepts()[l], tol * scale, at);
      assertEquals(expected.degreesOfFreedom()[l], actual.degreesOfFreedom()[l],
          tol * expected.degreesOfFreedom()[l], at);
      assertEquals(expected.trainingMse()[l], actual.trainingMse()[l],
          tol * expected.trainingMse()[l], at);
      if (criteria) {
        assertEquals(expected.gcv()[l], actual.gcv()[l], tol * expected.gcv()[l], at);
        assertEquals(expected.leaveOneOutMse()[l], actual.leaveOneOutMse()[l],
            tol * expected.leaveOneOutMse()[l], at);
      }
    }
    assertEquals(expected.nullMse(), actual.nullMse(), 1e-9 * expected.nullMse(), what);
  }
}
