package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.ProximalNewtonRefData;
import dev.tikhonov.linear.ReferenceData;
import dev.tikhonov.loss.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-validation against cv.glmnet with the same fold ids. */
class CrossValidationTest {
  private static final ReferenceData.Regression DATA = ReferenceData.gauss();

  private static KFold glmnetFolds() {
    double[][] rows = ReferenceData.rows("gauss-foldid");
    int[] ids = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      ids[i] = (int) rows[i][0];
    }
    return KFold.of(ids);
  }

  @Test
  void elasticNet_sameFoldIds_matchesCvGlmnet() {
    PathSettings config = PathSettings.lasso().withStandardize(false).withTolerance(1e-14);
    CrossValidation.Fit fit = CrossValidation.path(Family.GAUSSIAN, DATA.x(), DATA.y(), config,
        DATA.names(), List.of(), glmnetFolds(), 2);
    double[][] ref = ReferenceData.rows("gauss-cv");
    double[] select = ReferenceData.rows("gauss-cv-select")[0];
    CvResult cv = fit.cv();
    assertEquals(ref.length, cv.lambdas().length, "cv.glmnet's λ sequence length");
    for (int l = 0; l < ref.length; l++) {
      assertEquals(ref[l][0], cv.lambdas()[l], 1e-10 * ref[l][0]);
      assertEquals(ref[l][1], cv.mean()[l], 1e-6 * ref[l][1], "mean at λ index " + l);
      assertEquals(ref[l][2], cv.standardError()[l], 1e-5 * ref[l][2], "se at λ index " + l);
    }
    assertEquals(select[0], cv.lambdaMin(), 1e-12 * select[0]);
    assertEquals(select[1], cv.lambda1se(), 1e-12 * select[1]);
  }

  @Test
  void path_binomial_matchesCvGlmnet() {
    assertMatchesCvGlmnet("binom", Family.BINOMIAL, PathSettings.lasso().withStandardize(false),
        10);
  }

  @Test
  void path_multinomial_matchesCvGlmnet() {
    assertMatchesCvGlmnet("multi", Family.MULTINOMIAL, PathSettings.of(0.5), 5);
  }

  /**
   * cv.glmnet (4.1-6, type.measure = "deviance", its default interpolation alignment) on the
   * reference data with fold ids (i − 1) mod K + 1: resources ref/make_cv_classification.R.
   */
  @Test
  void path_poisson_matchesCvGlmnet() {
    // pois.csv holds weights and an offset beside x1..x8 (make_glm.R); this CV uses neither.
    ProximalNewtonRefData.Table t = ProximalNewtonRefData.read("pois.csv");
    int n = t.rows().length;
    double[][] x = new double[n][8];
    double[] y = new double[n];
    List<String> names = new java.util.ArrayList<>();
    for (int j = 0; j < 8; j++) {
      names.add("x" + (j + 1));
    }
    for (int i = 0; i < n; i++) {
      System.arraycopy(t.rows()[i], 0, x[i], 0, 8);
      y[i] = t.rows()[i][8];
    }
    assertMatchesCvGlmnet("pois", new ProximalNewtonRefData.Data(x, y, names), Family.POISSON,
        PathSettings.lasso().withStandardize(false), 5);
  }

  private static void assertMatchesCvGlmnet(String name, Family family, PathSettings settings,
      int numFolds) {
    assertMatchesCvGlmnet(name, ProximalNewtonRefData.data(name + ".csv"), family, settings,
        numFolds);
  }

  private static void assertMatchesCvGlmnet(String name, ProximalNewtonRefData.Data data,
      Family family, PathSettings settings, int numFolds) {
    int[] ids = new int[data.y().length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i % numFolds + 1;
    }
    CrossValidation.Fit fit = CrossValidation.path(family, data.x(), data.y(),
        settings.withTolerance(1e-13), data.featureNames(), List.of(), KFold.of(ids), 2);
    double[][] ref = ProximalNewtonRefData.read(name + "-cv.csv").rows();
    double[] select = ProximalNewtonRefData.read(name + "-cv-select.csv").rows()[0];
    CvResult cv = fit.cv();
    assertEquals(ref.length, cv.lambdas().length, "cv.glmnet's λ sequence length");
    for (int l = 0; l < ref.length; l++) {
      assertEquals(ref[l][0], cv.lambdas()[l], 1e-10 * ref[l][0]);
      assertEquals(ref[l][1], cv.mean()[l], 1e-6 * ref[l][1], "mean at λ index " + l);
      assertEquals(ref[l][2], cv.standardError()[l], 1e-4 * ref[l][2], "se at λ index " + l);
    }
    assertEquals(select[0], cv.lambdaMin(), 1e-12 * select[0]);
    assertEquals(select[1], cv.lambda1se(), 1e-12 * select[1]);
  }

  @Test
  void path_whenAFoldLacksAClass_namesTheFold() {
    ProximalNewtonRefData.Data data = ProximalNewtonRefData.data("multi.csv");
    int[] ids = new int[data.y().length];
    for (int i = 0; i < ids.length; i++) {
      // Fold 1 holds every row of class 2: its training rows have none.
      ids[i] = data.y()[i] == 2 ? 1 : 2 + i % 2;
    }
    InputException e = assertThrows(InputException.class, () -> CrossValidation.path(
        Family.MULTINOMIAL, data.x(), data.y(), PathSettings.lasso(), data.featureNames(),
        List.of(), KFold.of(ids), 1));
    assertTrue(e.getMessage().startsWith("fold 1 of 3 (its training rows): class 2 has no"
        + " observations"), e.getMessage());
  }

  @Test
  void run_oneOrTwoThreads_giveTheSameResult() {
    PathSettings config = PathSettings.of(0.5).withNumLambdas(20);
    KFold folds = KFold.random(DATA.y().length, 5, 17);
    CvResult one = CrossValidation.path(Family.GAUSSIAN, DATA.x(), DATA.y(), config,
        DATA.names(), List.of(), folds, 1).cv();
    CvResult two = CrossValidation.path(Family.GAUSSIAN, DATA.x(), DATA.y(), config,
        DATA.names(), List.of(), folds, 2).cv();
    assertArrayEquals(one.mean(), two.mean(), 0.0);
    assertTrue(one.indexMin() >= one.index1se(), "λ_1se ≥ λ_min");
  }

  @Test
  void kFoldRandom_isSeededAndBalanced() {
    KFold a = KFold.random(103, 10, 5);
    KFold b = KFold.random(103, 10, 5);
    KFold c = KFold.random(103, 10, 6);
    assertEquals(a, b);
    assertTrue(!a.equals(c));
    for (int f = 1; f <= 10; f++) {
      int size = a.testRows(f).length;
      assertTrue(size == 10 || size == 11, "fold " + f + " size " + size);
      assertEquals(103, size + a.trainRows(f).length);
    }
  }

  @Test
  void kFold_isImmutable_neitherTheGivenIdsNorTheReturnedOnesReachIt() {
    int[] ids = {1, 2, 1, 2};
    KFold folds = KFold.of(ids);
    ids[0] = 2;
    folds.foldIds()[1] = 1;
    assertArrayEquals(new int[] {1, 2, 1, 2}, folds.foldIds());
    assertArrayEquals(new int[] {0, 2}, folds.testRows(1));
  }

  @Test
  void kFold_badIds_areClearErrors() {
    assertThrows(InputException.class, () -> KFold.of(new int[] {1, 2, 0}));
    assertThrows(InputException.class, () -> KFold.of(new int[] {1, 1, 3}));
    assertThrows(InputException.class, () -> KFold.of(new int[] {1, 1, 1}));
  }
}
