package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import org.junit.jupiter.api.Test;

/**
 * An index out of range into a fitted result names the index and the range, as
 * {@link RegularizationPath#atIndex} does ("λ index 60 of a path of 60"): they were the
 * array's or the list's own messages ("Index 169 out of bounds for length 169", "Index: 2
 * Size: 2"), and RidgeCV's an ArrayIndexOutOfBoundsException.
 */
class ResultIndicesTest {
  static final Dataset DATA = Synthetic.regression().rows(40).features(3).informative(2).noise(1.0)
      .seed(1).build().data();

  @Test
  void ridgeCvValidation_atIndexOutOfRange_namesTheIndexAndTheGrid() {
    RidgeCV.Validation v = RidgeCV.builder().lambdas(1, 0.1, 0.01).build().crossValidate(DATA);
    assertEquals(0.01, v.atIndex(2).lambda());
    for (int index : new int[] {-1, 3}) {
      IndexOutOfBoundsException e =
          assertThrows(IndexOutOfBoundsException.class, () -> v.atIndex(index));
      assertEquals("λ index " + index + " of a grid of 3 λ (0-based)", e.getMessage());
    }
  }

  /** {@code atIndex}, as every path names it; the deprecated {@code model(i)} is the same. */
  @Test
  @SuppressWarnings("deprecation")
  void mlpPathFit_atIndexOutOfRange_namesTheIndexAndThePath() {
    MlpPath.Fit<NetworkRegressor> fit = MlpPath.builder(MlpRegressor.builder().hiddenLayers(2)
        .epochs(1).build()).lambdas(0.1, 0.01).build().fit(DATA);
    assertEquals(0.01, fit.atIndex(1).lambda());
    assertEquals(fit.atIndex(1), fit.model(1));
    for (int index : new int[] {-1, 2}) {
      IndexOutOfBoundsException e =
          assertThrows(IndexOutOfBoundsException.class, () -> fit.atIndex(index));
      assertEquals("λ index " + index + " of a path of 2 λ (0-based)", e.getMessage());
    }
  }

  @Test
  void gridSearchResult_candidateIndexOutOfRange_namesTheIndexAndTheScoredCandidates() {
    GridSearchCV.Result<NetworkRegressor> r = GridSearchCV.builder(MlpGrid.builder(
        MlpRegressor.builder().hiddenLayers(2).epochs(1).build()).lambdas(0.1, 0.01).build())
        .resampling(Resampling.kFold(2, 0)).build().crossValidate(DATA);
    assertEquals(1, r.candidateIndex(1));
    for (int index : new int[] {-1, 2}) {
      IndexOutOfBoundsException e =
          assertThrows(IndexOutOfBoundsException.class, () -> r.candidateIndex(index));
      assertEquals("score index " + index + " of 2 scored candidates (0-based)",
          e.getMessage());
    }
  }

  @Test
  void relaxedCurveAndRidgeSvdPath_indexOutOfRange_nameTheIndexAndTheRange() {
    dev.tikhonov.select.RelaxedCvResult cv = RelaxedLasso.gaussian().numFolds(3).build()
        .crossValidate(DATA).cv();
    assertEquals(5, cv.gammas().length);
    IndexOutOfBoundsException gamma =
        assertThrows(IndexOutOfBoundsException.class, () -> cv.curve(5));
    assertEquals("γ index 5 of 5 γ (0-based)", gamma.getMessage());
    dev.tikhonov.linear.RidgeSvdPath ridge = dev.tikhonov.linear.RidgeSvdPath.fit(
        DATA.featureRows(), DATA.targets(), new double[] {1, 0.1});
    IndexOutOfBoundsException lambda =
        assertThrows(IndexOutOfBoundsException.class, () -> ridge.atIndex(2));
    assertEquals("λ index 2 of a path of 2 λ (0-based)", lambda.getMessage());
  }

  /**
   * Folds are 1..K (cv.glmnet's foldid): fold 0 had no test rows and every row for training,
   * so a 0-based loop over the folds saw an empty fold and missed the last one, silently.
   */
  @Test
  void kFold_rowsOfAFoldOutside1ToK_areRefused_asFoldStatisticsRefusesThem() {
    dev.tikhonov.select.KFold folds = dev.tikhonov.select.KFold.random(10, 3, 0);
    assertEquals(10, folds.testRows(1).length + folds.testRows(2).length
        + folds.testRows(3).length);
    for (int fold : new int[] {0, 4}) {
      assertEquals("fold " + fold + " is not in 1..3", assertThrows(
          IllegalArgumentException.class, () -> folds.testRows(fold)).getMessage());
      assertEquals("fold " + fold + " is not in 1..3", assertThrows(
          IllegalArgumentException.class, () -> folds.trainRows(fold)).getMessage());
    }
  }

  /**
   * CvResult copies its arrays in and out: it called itself immutable while handing out its own
   * arrays ("do not modify"); its index accessors read one value without a copy and name an
   * index out of range.
   */
  @Test
  void cvResult_copiesItsArraysInAndOut_andNamesAnIndexOutOfRange() {
    double[] lambdas = {1, 0.5, 0.25};
    double[] mean = {3, 2, 2.5};
    double[] se = {0.1, 0.2, 0.3};
    double[][] folds = {{3, 2, 2.5}, {3, 2, 2.5}};
    dev.tikhonov.select.CvResult cv = new dev.tikhonov.select.CvResult(lambdas, mean, se, folds,
        1, 0);
    lambdas[0] = 9;
    mean[1] = 9;
    se[2] = 9;
    folds[0][0] = 9;
    cv.lambdas()[0] = 8;
    cv.mean()[1] = 8;
    cv.standardError()[2] = 8;
    cv.foldLoss()[0][0] = 8;
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 0.5, 0.25}, cv.lambdas());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {3, 2, 2.5}, cv.mean());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0.1, 0.2, 0.3},
        cv.standardError());
    assertEquals(3, cv.foldLoss()[0][0]);
    assertEquals(1, cv.lambda(0));
    assertEquals(2, cv.mean(1));
    assertEquals(0.3, cv.standardError(2));
    assertEquals(2.5, cv.foldLoss(1, 2));
    assertEquals(3, cv.numLambdas());
    assertEquals(2, cv.numFolds());
    assertEquals(0.5, cv.lambdaMin());
    for (int index : new int[] {-1, 3}) {
      assertEquals("λ index " + index + " of 3 λ (0-based)", assertThrows(
          IndexOutOfBoundsException.class, () -> cv.mean(index)).getMessage());
    }
    assertEquals("fold index 2 of 2 folds (0-based)", assertThrows(
        IndexOutOfBoundsException.class, () -> cv.foldLoss(2, 0)).getMessage());
  }
}
