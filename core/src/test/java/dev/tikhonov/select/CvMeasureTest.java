package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The measures' definitions against their formulas written out (cv.glmnet's, per row), the AUC
 * against the count over every pair, the direction of the AUC's choice, and the refusals.
 */
class CvMeasureTest {

  /** A binomial path on 40 rows of 3 features, for scoring rows with. */
  static final double[][] X = new double[40][3];
  static final double[] Y = new double[40];

  static {
    Random r = new Random(7);
    for (int i = 0; i < X.length; i++) {
      for (int j = 0; j < 3; j++) {
        X[i][j] = r.nextGaussian();
      }
      Y[i] = X[i][0] - 0.5 * X[i][1] + r.nextGaussian() > 0 ? 1 : 0;
    }
  }

  static PathSolution binomialPath() {
    return ElasticNetPath.fit(Family.BINOMIAL, X, Y, PathSettings.lasso(), List.of("a", "b", "c"),
        List.of("no", "yes"));
  }

  @Test
  void rowValues_areCvGlmnetsFormulas() {
    // gaussian and poisson on the mean μ (η, e^η)
    assertEquals(0.25, CvMeasure.MEAN_SQUARED_ERROR.rowValue(Family.GAUSSIAN,
        new double[] {1.5}, 2), 0.0);
    assertEquals(0.5, CvMeasure.MEAN_ABSOLUTE_ERROR.rowValue(Family.GAUSSIAN,
        new double[] {1.5}, 2), 0.0);
    double mu = Math.exp(0.3);
    assertEquals((3 - mu) * (3 - mu), CvMeasure.MEAN_SQUARED_ERROR.rowValue(Family.POISSON,
        new double[] {0.3}, 3), 1e-15);
    assertEquals(3 - mu, CvMeasure.MEAN_ABSOLUTE_ERROR.rowValue(Family.POISSON,
        new double[] {0.3}, 3), 1e-15);
    // binomial: (y₁ − (1 − p))² + (y₂ − p)² = 2(y − p)², and the absolute values alike
    double p = 1 / (1 + Math.exp(-0.8));
    assertEquals(2 * (1 - p) * (1 - p), CvMeasure.MEAN_SQUARED_ERROR.rowValue(Family.BINOMIAL,
        new double[] {0.8}, 1), 1e-15);
    assertEquals(2 * p, CvMeasure.MEAN_ABSOLUTE_ERROR.rowValue(Family.BINOMIAL,
        new double[] {0.8}, 0), 1e-15);
    // misclassification: the second class when p > 0.5; at p = 0.5 exactly, the first
    assertEquals(0, CvMeasure.MISCLASSIFICATION.rowValue(Family.BINOMIAL, new double[] {0.8}, 1));
    assertEquals(1, CvMeasure.MISCLASSIFICATION.rowValue(Family.BINOMIAL, new double[] {0.8}, 0));
    assertEquals(1, CvMeasure.MISCLASSIFICATION.rowValue(Family.BINOMIAL, new double[] {0.0}, 1));
    assertEquals(0, CvMeasure.MISCLASSIFICATION.rowValue(Family.BINOMIAL, new double[] {0.0}, 0));
    // multinomial: Σ_k over the indicator of y against the softmax; the first most probable
    double[] eta = {0.2, 1.0, -0.5};
    double z = Math.exp(0.2) + Math.exp(1.0) + Math.exp(-0.5);
    double[] pk = {Math.exp(0.2) / z, Math.exp(1.0) / z, Math.exp(-0.5) / z};
    double squares = pk[0] * pk[0] + (1 - pk[1]) * (1 - pk[1]) + pk[2] * pk[2];
    assertEquals(squares, CvMeasure.MEAN_SQUARED_ERROR.rowValue(Family.MULTINOMIAL, eta, 1),
        1e-15);
    assertEquals(pk[0] + (1 - pk[1]) + pk[2],
        CvMeasure.MEAN_ABSOLUTE_ERROR.rowValue(Family.MULTINOMIAL, eta, 1), 1e-15);
    assertEquals(0, CvMeasure.MISCLASSIFICATION.rowValue(Family.MULTINOMIAL, eta, 1));
    assertEquals(1, CvMeasure.MISCLASSIFICATION.rowValue(Family.MULTINOMIAL, eta, 2));
    assertEquals(0, CvMeasure.MISCLASSIFICATION.rowValue(Family.MULTINOMIAL,
        new double[] {1, 1, 0}, 0), "ties: the first most probable class");
  }

  /** The deviance per row is the path's own held-out deviance; the AUC has none per row. */
  @Test
  void rowValueOfTheDeviance_isThePathsDeviance_andTheAucHasNone() {
    PathSolution path = binomialPath();
    FoldScorer.Etas etas = FoldScorer.dense(X, new double[0]);
    for (int l : new int[] {0, 5, path.size() - 1}) {
      for (int i = 0; i < X.length; i++) {
        assertEquals(path.deviance(X[i], Y[i], l), CvMeasure.DEVIANCE.rowValue(Family.BINOMIAL,
            etas.of(path, l, i), Y[i]), 1e-12);
      }
    }
    assertThrows(IllegalArgumentException.class,
        () -> CvMeasure.AUC.rowValue(Family.BINOMIAL, new double[] {0}, 1));
    assertThrows(IllegalArgumentException.class,
        () -> CvMeasure.MISCLASSIFICATION.rowValue(Family.GAUSSIAN, new double[] {0}, 1));
  }

  /** The AUC by one sort against the mean over every (second class, first class) pair. */
  @Test
  void auc_isThePairCount_withTiesHalfAndWeights() {
    PathSolution path = binomialPath();
    int[] rows = new int[25];
    for (int t = 0; t < rows.length; t++) {
      rows[t] = t + 5;
    }
    double[] weights = new double[X.length];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = 0.5 + i % 4;
    }
    FoldScorer.Etas etas = FoldScorer.dense(X, new double[0]);
    FoldScorer auc = new FoldScorer.Auc(etas, Y, List.of());
    for (int l : new int[] {0, 3, path.size() - 1}) {
      for (double[] w : List.of(new double[0], weights)) {
        double pairs = 0;
        double total = 0;
        for (int i : rows) {
          for (int j : rows) {
            if (Y[i] == 1 && Y[j] == 0) {
              double wij = (w.length == 0 ? 1 : w[i]) * (w.length == 0 ? 1 : w[j]);
              double ei = etas.of(path, l, i)[0];
              double ej = etas.of(path, l, j)[0];
              pairs += wij * (ei > ej ? 1 : ei == ej ? 0.5 : 0);
              total += wij;
            }
          }
        }
        assertEquals(pairs / total, auc.score(path, l, rows, w, Double.NaN), 1e-14,
            "λ #" + (l + 1) + (w.length == 0 ? "" : ", weighted"));
      }
    }
    // at λ_max only the intercept is fitted: every pair ties
    assertEquals(0.5, auc.score(path, 0, rows, new double[0], rows.length), 0.0);
    // the public form (the Spark module's): one class only has no AUC
    assertTrue(Double.isNaN(CvMeasure.areaUnderCurve(new double[] {1, 2},
        new boolean[] {true, true}, new double[] {1, 1})));
    assertEquals(0.75, CvMeasure.areaUnderCurve(new double[] {1, 2, 2},
        new boolean[] {false, true, false}, new double[] {1, 1, 1}), 0.0);
    assertThrows(IllegalArgumentException.class, () -> CvMeasure.areaUnderCurve(
        new double[] {1}, new boolean[0], new double[] {1}));
  }

  @Test
  void aucOfAFoldOfOneClass_isRefusedBeforeAnyFit() {
    double[] y = Y.clone();
    int[] ids = new int[X.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i < 30 ? 1 + i % 2 : 3;
      if (ids[i] == 3) {
        y[i] = 1;
      }
    }
    FoldException e = assertThrows(FoldException.class, () -> CrossValidation.path(
        Family.BINOMIAL, X, y, Observations.none(), PathSettings.lasso(),
        List.of("a", "b", "c"), List.of("no", "yes"), KFold.of(ids),
        CrossValidation.Alignment.INTERPOLATE, CvMeasure.AUC, 1));
    assertTrue(e.getMessage().startsWith("fold 3 of 3: its 10 held-out rows are all of class"
        + " 'yes', so their AUC"), e.getMessage());
    assertTrue(e.getMessage().contains("fewer folds"), e.getMessage());
    // a fold whose rows all have weight 0 is refused as such, not as one of a single class
    double[] weights = new double[X.length];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = ids[i] == 3 ? 0 : 1;
    }
    FoldException zero = assertThrows(FoldException.class, () -> CrossValidation.path(
        Family.BINOMIAL, X, Y, Observations.ofWeights(weights), PathSettings.lasso(),
        List.of("a", "b", "c"), List.of("no", "yes"), KFold.of(ids),
        CrossValidation.Alignment.INTERPOLATE, CvMeasure.AUC, 1));
    assertEquals("fold 3 of 3: every held-out row has weight 0, so the fold cannot be scored",
        zero.getMessage());
    // the deviance scores that fold
    CrossValidation.path(Family.BINOMIAL, X, y, Observations.none(), PathSettings.lasso(),
        List.of("a", "b", "c"), List.of("no", "yes"), KFold.of(ids),
        CrossValidation.Alignment.INTERPOLATE, CvMeasure.DEVIANCE, 1);
  }

  /** A fold of one held-out row is worded as one row, and its class named. */
  @Test
  void aucOfAFoldOfOneRow_isRefusedAsOneRow() {
    int[] ids = new int[X.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i == 7 ? 3 : 1 + i % 2;
    }
    FoldException e = assertThrows(FoldException.class, () -> CrossValidation.path(
        Family.BINOMIAL, X, Y, Observations.none(), PathSettings.lasso(),
        List.of("a", "b", "c"), List.of("no", "yes"), KFold.of(ids),
        CrossValidation.Alignment.INTERPOLATE, CvMeasure.AUC, 1));
    assertTrue(e.getMessage().startsWith("fold 3 of 3: its only held-out row is of class '"
        + (Y[7] == 1 ? "yes" : "no") + "', so its AUC (which ranks rows of one class against the"
        + " other) is not defined"), e.getMessage());
  }

  @Test
  void measuresAFamilyDoesNotTake_areRefusedNamingTheSetting() {
    InputException auc = assertThrows(InputException.class,
        () -> CvMeasure.AUC.requireAppliesTo(Family.MULTINOMIAL));
    assertEquals(Optional.of("measure"), auc.setting());
    assertTrue(auc.getMessage().contains("'auc' does not apply to a multinomial path"),
        auc.getMessage());
    assertTrue(auc.getMessage().endsWith("takes deviance, mse, mae, class"), auc.getMessage());
    InputException cls = assertThrows(InputException.class,
        () -> CvMeasure.MISCLASSIFICATION.requireAppliesTo(Family.POISSON));
    assertTrue(cls.getMessage().endsWith("takes deviance, mse, mae"), cls.getMessage());
    for (Family f : Family.values()) {
      assertEquals(CvMeasure.DEVIANCE, CvMeasure.DEVIANCE.requireAppliesTo(f));
    }
    NullPointerException none = assertThrows(NullPointerException.class,
        () -> CvResult.of(new double[] {1}, new double[][] {{1}}, new double[] {1},
            (CvMeasure) null));
    assertEquals("measure", none.getMessage());
    NullPointerException path = assertThrows(NullPointerException.class,
        () -> CrossValidation.path(Family.BINOMIAL, X, Y, Observations.none(),
            PathSettings.lasso(), List.of("a", "b", "c"), List.of("no", "yes"),
            KFold.random(X.length, 2, 0), CrossValidation.Alignment.INTERPOLATE, null, 1));
    assertEquals("measure", path.getMessage());
    assertEquals(CvMeasure.AUC, CvMeasure.ofId(" AUC "));
    InputException unknown = assertThrows(InputException.class, () -> CvMeasure.ofId("rmse"));
    assertTrue(unknown.getMessage().endsWith("expected one of deviance, mse, mae, class, auc"),
        unknown.getMessage());
  }

  /** For the AUC λ_min is the largest mean, λ_1se the largest λ within one SE below it. */
  @Test
  void cvResultOfTheAuc_choosesTheLargestMean() {
    double[] lambda = {4, 3, 2, 1};
    double[][] folds = {{0.5, 0.90, 0.90, 0.88}, {0.5, 0.91, 0.94, 0.90}};
    CvResult cv = CvResult.of(lambda, folds, new double[] {1, 1}, CvMeasure.AUC);
    assertEquals(2, cv.indexMin());
    assertEquals(0.92, cv.mean()[2], 1e-15);
    // se at λ = 2: sqrt((0.02² + 0.02²) / 2 / (2 − 1)) = 0.02, so λ_1se is the largest λ whose
    // mean is at least 0.90: λ = 3 (0.905), not λ = 4 (0.5)
    assertEquals(0.02, cv.standardError()[2], 1e-15);
    assertEquals(1, cv.index1se());
    CvResult loss = CvResult.of(lambda, folds, new double[] {1, 1});
    assertEquals(0, loss.indexMin(), "the same numbers as a loss: the smallest");
  }

  @Test
  void relaxedCvResultOfTheAuc_choosesTheLargestMean() {
    double[] lambda = {3, 2, 1};
    CvResult lasso = CvResult.of(lambda, new double[][] {{0.5, 0.7, 0.8}, {0.5, 0.7, 0.8}},
        new double[] {1, 1}, CvMeasure.AUC);
    CvResult refit = CvResult.of(lambda, new double[][] {{0.5, 0.9, 0.6}, {0.5, 0.9, 0.6}},
        new double[] {1, 1}, CvMeasure.AUC);
    RelaxedCvResult r = RelaxedCvResult.of(new double[] {0, 1}, List.of(refit, lasso));
    assertEquals(1, r.indexMin());
    assertEquals(0.0, r.gammaMin(), "the refit's 0.9 is the largest AUC");
    assertEquals(CvMeasure.AUC, r.measure());
  }
}
