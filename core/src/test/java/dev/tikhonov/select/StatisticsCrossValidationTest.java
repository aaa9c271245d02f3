package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.ReferenceData;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-validation from per-fold sufficient statistics against the same cross-validation on the
 * rows ({@link CrossValidation#path}) and against cv.glmnet with the same fold ids.
 */
class StatisticsCrossValidationTest {
  private static final ReferenceData.Regression DATA = ReferenceData.gauss();

  private static KFold glmnetFolds() {
    double[][] rows = ReferenceData.rows("gauss-foldid");
    int[] ids = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      ids[i] = (int) rows[i][0];
    }
    return KFold.of(ids);
  }

  /** Mean and SE to {@code tolerance} relative, the same λ_min and λ_1se, the same path. */
  static void assertSameCv(CrossValidation.Fit expected, CrossValidation.Fit actual,
      double tolerance, String what) {
    CvResult e = expected.cv();
    CvResult a = actual.cv();
    assertEquals(expected.path().size(), actual.path().size(), what + ": path length");
    assertArrayEquals(e.lambdas(), a.lambdas(), 1e-13 * e.lambdas()[0], what + ": λ");
    for (int l = 0; l < e.lambdas().length; l++) {
      assertEquals(e.mean()[l], a.mean()[l], tolerance * e.mean()[l], what + ": mean, λ #" + l);
      assertEquals(e.standardError()[l], a.standardError()[l],
          tolerance * e.standardError()[l], what + ": se, λ #" + l);
      for (int f = 0; f < e.foldLoss().length; f++) {
        assertEquals(e.foldLoss()[f][l], a.foldLoss()[f][l], tolerance * e.foldLoss()[f][l],
            what + ": fold " + (f + 1) + ", λ #" + l);
      }
    }
    assertEquals(e.indexMin(), a.indexMin(), what + ": λ_min");
    assertEquals(e.index1se(), a.index1se(), what + ": λ_1se");
  }

  @Test
  void gaussian_glmnetFoldIds_equalsTheCvOnTheRows_andCvGlmnet() {
    PathSettings settings = PathSettings.lasso().withStandardize(false).withTolerance(1e-14);
    KFold folds = glmnetFolds();
    CrossValidation.Fit rows = CrossValidation.path(Family.GAUSSIAN, DATA.x(), DATA.y(),
        settings, DATA.names(), List.of(), folds, 2);
    CrossValidation.Fit statistics = CrossValidation.gaussian(
        FoldStatistics.of(DATA.x(), DATA.y(), folds), settings, DATA.names(),
        CrossValidation.Alignment.INTERPOLATE, 2);
    assertSameCv(rows, statistics, 1e-10, "cv.glmnet's folds");
    double[][] ref = ReferenceData.rows("gauss-cv");
    double[] select = ReferenceData.rows("gauss-cv-select")[0];
    CvResult cv = statistics.cv();
    assertEquals(ref.length, cv.lambdas().length, "cv.glmnet's λ sequence length");
    for (int l = 0; l < ref.length; l++) {
      assertEquals(ref[l][1], cv.mean()[l], 1e-6 * ref[l][1], "mean at λ index " + l);
      assertEquals(ref[l][2], cv.standardError()[l], 1e-5 * ref[l][2], "se at λ index " + l);
    }
    assertEquals(select[0], cv.lambdaMin(), 1e-12 * select[0]);
    assertEquals(select[1], cv.lambda1se(), 1e-12 * select[1]);
  }

  @Test
  void gaussian_variousSettings_equalsTheCvOnTheRows() {
    KFold random = KFold.random(DATA.y().length, 5, 3);
    FoldStatistics statistics = FoldStatistics.of(DATA.x(), DATA.y(), random);
    List<PathSettings> settings = List.of(PathSettings.lasso(), PathSettings.of(0.5),
        PathSettings.of(0.0).withNumLambdas(20),
        PathSettings.of(0.9).withLambdas(0.3, 0.1, 0.03, 0.01, 0.003));
    for (PathSettings s : settings) {
      for (CrossValidation.Alignment alignment : CrossValidation.Alignment.values()) {
        CrossValidation.Fit rows = CrossValidation.path(Family.GAUSSIAN, DATA.x(), DATA.y(), s,
            DATA.names(), List.of(), random, alignment, 2);
        CrossValidation.Fit fromStatistics =
            CrossValidation.gaussian(statistics, s, DATA.names(), alignment, 1);
        assertSameCv(rows, fromStatistics, 1e-10, alignment + ", " + s);
      }
    }
  }

  @Test
  void gaussian_aColumnConstantOnOneFoldsTrainingRows_isLeftOutThereAsOnTheRows() {
    // Column 1 varies only on fold 1's rows: constant on fold 1's training rows, where the fit
    // on the rows drops it. Merged (not subtracted) statistics keep its scatter exactly 0.
    KFold folds = KFold.random(DATA.y().length, 4, 8);
    double[][] x = new double[DATA.y().length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = DATA.x()[i].clone();
      if (folds.foldIds()[i] != 1) {
        x[i][0] = 0.3;
      }
    }
    FoldStatistics statistics = FoldStatistics.of(x, DATA.y(), folds);
    assertEquals(0.0, statistics.training(1).featureScatter()[0]);
    PathSettings settings = PathSettings.of(0.5).withNumLambdas(30);
    assertSameCv(CrossValidation.path(Family.GAUSSIAN, x, DATA.y(), settings, DATA.names(),
            List.of(), folds, 1),
        CrossValidation.gaussian(statistics, settings, DATA.names(),
            CrossValidation.Alignment.INTERPOLATE, 2), 1e-10, "constant on fold 1's training");
  }

  @Test
  void gaussian_integerWeights_equalTheCvOnDuplicatedRows() {
    // Weight 2 is the row twice, in the same fold: fold weights are weight sums.
    int n = DATA.y().length;
    KFold folds = KFold.random(n, 5, 11);
    double[] weights = new double[n];
    List<double[]> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      weights[i] = 1 + i % 2;
      for (int c = 0; c < weights[i]; c++) {
        xs.add(DATA.x()[i]);
        ys.add(DATA.y()[i]);
        ids.add(folds.foldIds()[i]);
      }
    }
    double[][] x = xs.toArray(new double[0][]);
    double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
    KFold copies = KFold.of(ids.stream().mapToInt(Integer::intValue).toArray());
    PathSettings settings = PathSettings.of(0.7).withNumLambdas(40);
    assertSameCv(CrossValidation.path(Family.GAUSSIAN, x, y, settings, DATA.names(), List.of(),
            copies, 2),
        CrossValidation.gaussian(FoldStatistics.of(DATA.x(), DATA.y(), weights, folds),
            settings, DATA.names(), CrossValidation.Alignment.INTERPOLATE, 2), 1e-10,
        "weights 1/2 against copies");
  }

  @Test
  void gaussian_aFoldThePathCannotFit_isNamed() {
    // The target varies only on fold 2's rows: constant on fold 2's training rows.
    KFold folds = KFold.random(DATA.y().length, 3, 1);
    double[] y = new double[DATA.y().length];
    for (int i = 0; i < y.length; i++) {
      y[i] = folds.foldIds()[i] == 2 ? DATA.y()[i] : 1.5;
    }
    InputException rows = assertThrows(InputException.class, () -> CrossValidation.path(
        Family.GAUSSIAN, DATA.x(), y, PathSettings.lasso(), DATA.names(), List.of(), folds, 1));
    InputException statistics = assertThrows(InputException.class,
        () -> CrossValidation.gaussian(FoldStatistics.of(DATA.x(), y, folds),
            PathSettings.lasso(), DATA.names(), CrossValidation.Alignment.INTERPOLATE, 1));
    assertEquals("fold 2 of 3 (its training rows): the target is constant (1.5): nothing to"
        + " fit", statistics.getMessage());
    assertEquals(rows.getMessage(), statistics.getMessage());
  }

  @Test
  void foldStatistics_trainingIsTheMergeOfTheOtherFolds_andFoldsNeedRows() {
    KFold folds = KFold.random(DATA.y().length, 4, 2);
    FoldStatistics statistics = FoldStatistics.of(DATA.x(), DATA.y(), folds);
    assertEquals(DATA.y().length, statistics.total().count());
    for (int k = 1; k <= 4; k++) {
      var direct = dev.tikhonov.linear.GaussianStatistics.of(DATA.x(), DATA.y(),
          folds.trainRows(k));
      var merged = statistics.training(k);
      assertEquals(direct.count(), merged.count());
      assertArrayEquals(direct.featureScatter(), merged.featureScatter(),
          1e-12 * direct.featureScatter()[0]);
      assertArrayEquals(direct.featureMeans(), merged.featureMeans(), 1e-14);
    }
    var empty = dev.tikhonov.linear.GaussianStatistics.empty(DATA.features());
    FoldException e = assertThrows(FoldException.class, () -> FoldStatistics.of(List.of(
        statistics.fold(1), empty)));
    assertEquals("fold 2 of 1..2 has no rows: use fewer folds, or give fold ids that use every"
        + " fold", e.getMessage());
    // the fold is named by type, not only in words, for a caller that made the folds
    assertEquals(2, e.fold());
    assertEquals(2, e.numFolds());
    FoldException missing = assertThrows(FoldException.class, () -> KFold.of(new int[] {1, 1, 3, 3}));
    assertEquals("fold 2 of 1..3 has no rows", missing.getMessage());
    assertEquals(2, missing.fold());
    assertEquals(3, missing.numFolds());
  }

  /**
   * CrossValidation.foldPaths: fold k's own path from its training statistics, as a caller that
   * scores held-out rows itself needs it (the Spark module's MAE); a fold its statistics cannot
   * fit is refused naming it.
   */
  @Test
  void foldPaths_areEachFoldsOwnPath_andARefusalNamesTheFold() {
    double[][] x = new double[12][];
    double[] y = new double[12];
    int[] ids = new int[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {i % 5, (i * 7) % 3};
      y[i] = 0.5 * x[i][0] - x[i][1] + (i % 2) * 0.3;
      ids[i] = 1 + i % 3;
    }
    FoldStatistics folds = FoldStatistics.of(x, y, KFold.of(ids));
    PathSettings settings = PathSettings.lasso();
    dev.tikhonov.linear.PathSolution[] paths = CrossValidation.foldPaths(folds, settings,
        List.of("a", "b"), 2);
    assertEquals(3, paths.length);
    for (int k = 1; k <= 3; k++) {
      dev.tikhonov.linear.PathSolution own = dev.tikhonov.linear.ElasticNetPath.fit(
          folds.training(k), settings, List.of("a", "b"));
      assertArrayEquals(own.lambdas(), paths[k - 1].lambdas(), "fold " + k);
      assertArrayEquals(own.coefficients(own.size() - 1)[0],
          paths[k - 1].coefficients(own.size() - 1)[0], "fold " + k);
    }
    double[] flat = y.clone();
    for (int i = 0; i < 12; i++) {
      flat[i] = ids[i] == 2 ? y[i] : 4.0;
    }
    // folds 1 and 3 train on fold 2's rows and one other: fold 2 trains on the constant rest
    FoldException e = assertThrows(FoldException.class, () -> CrossValidation.foldPaths(
        FoldStatistics.of(x, flat, KFold.of(ids)), settings, List.of("a", "b"), 1));
    assertEquals(2, e.fold());
    assertTrue(e.getMessage().startsWith("fold 2 of 3 (its training rows): "),
        e.getMessage());
  }
}
