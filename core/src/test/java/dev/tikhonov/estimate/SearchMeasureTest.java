package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.GridSearch;
import dev.tikhonov.tensor.Blas;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A search's {@code measure}: the held-out scores the rule picks by are each split's
 * 1 − accuracy, MSE or MAE of the same fits (checked against a fit alone and against the
 * formula), the loss is kept beside them, and a measure that does not apply is refused before
 * any fit.
 */
class SearchMeasureTest {
  static final Dataset DIGITS = GridSearchCVTest.DIGITS;

  static MlpGrid<NetworkClassifier> classifierGrid() {
    return MlpGrid.builder(GridSearchCVTest.base()).lambdas(0.3, 1e-4).learningRates(0.05, 0.02)
        .build();
  }

  static Dataset diabetes() {
    return Splits.trainTest(Dataset.read(Path.of("..", "data", "diabetes.csv"), "progression",
        TargetKind.REAL), 0.5, 0).train();
  }

  static MlpGrid<NetworkRegressor> regressorGrid() {
    MlpRegressor base = MlpRegressor.builder().hiddenLayers(6).epochs(8).batchSize(20).seed(3)
        .standardize(true).standardizeTarget(true).build();
    return MlpGrid.builder(base).lambdas(1.0, 1e-3).build();
  }

  @Test
  void gridByErrorRate_scoresOneMinusAccuracy_picksByIt_andKeepsTheLoss() {
    Resampling folds = Resampling.kFold(3, 2);
    GridSearchCV.Result<NetworkClassifier> byLoss = GridSearchCV.builder(classifierGrid())
        .resampling(folds).threads(2).build().crossValidate(DIGITS);
    GridSearchCV<NetworkClassifier> search = GridSearchCV.builder(classifierGrid())
        .resampling(folds).measure(CvMeasure.MISCLASSIFICATION).threads(2).build();
    assertEquals("class", search.settings().get("measure"));
    GridSearchCV.Result<NetworkClassifier> byError = search.crossValidate(DIGITS);
    assertEquals(CvMeasure.MISCLASSIFICATION, byError.measure());
    GridSearch.Result<Map<String, Object>> scores = byError.scores();

    // candidate 3 (λ = 1e-4, learning rate 0.02) on split 2, fitted alone: 1 − its accuracy
    Resampling.Split split = folds.splits(DIGITS).get(1);
    int before = Blas.threads();
    Blas.setThreads(1);
    try {
      NetworkClassifier alone = classifierGrid().candidates().get(3).estimator()
          .fit(DIGITS.subset(split.trainRows()));
      var e = alone.evaluate(DIGITS.subset(split.testRows()));
      assertEquals(Map.of("lambda", 1e-4, "dropout", 0.0, "weight_decay", 0.0,
          "learning_rate", 0.02), scores.configs().get(3));
      assertEquals(1 - e.accuracy(), scores.scores()[3][1], 0.0);
      assertEquals(e.loss(), byLoss.scores().scores()[3][1], 0.0);
    } finally {
      Blas.setThreads(before);
    }
    // the rule's means are the misclassification summary's; the loss is the default search's
    assertArrayEquals(byError.misclassification().orElseThrow().mean(), scores.mean(), 1e-15);
    assertArrayEquals(byLoss.scores().mean(), byError.loss().mean(), 0.0);
    assertEquals(byError.candidateIndex(scores.index1se()), byError.chosenIndex());
    int best = 0;
    for (int c = 1; c < scores.mean().length; c++) {
      best = scores.mean()[c] < scores.mean()[best] ? c : best;
    }
    assertEquals(scores.mean()[best], scores.mean()[scores.indexMin()], 0.0);
    assertTrue(byError.toString().contains("(misclassification "), byError.toString());
  }

  @Test
  void pathByErrorRate_choosesλByTheErrorRate_andKeepsTheLoss() {
    MlpPathCV.Result<NetworkClassifier> byLoss = MlpPathCVTest.cv(MlpPath.Start.WARM, 2)
        .crossValidate(DIGITS);
    MlpPathCV.Result<NetworkClassifier> byError = MlpPathCV.builder(
            MlpPathCVTest.path(MlpPath.Start.WARM)).resampling(Resampling.kFold(3, 7))
        .measure(CvMeasure.MISCLASSIFICATION).threads(2).build().crossValidate(DIGITS);
    assertEquals(CvMeasure.MISCLASSIFICATION, byError.cv().measure());
    assertArrayEquals(byError.misclassification().orElseThrow().mean(), byError.cv().mean(),
        1e-15);
    assertArrayEquals(byLoss.cv().mean(), byError.loss().mean(), 0.0);
    assertArrayEquals(byLoss.cv().standardError(), byError.loss().standardError(), 0.0);
    double[] mean = byError.cv().mean();
    int min = 0;
    for (int l = 1; l < mean.length; l++) {
      min = mean[l] < mean[min] ? l : min; // the largest λ of the smallest mean
    }
    assertEquals(min, byError.indexMin());
    assertEquals(byError.index1se(), byError.chosenIndex());
  }

  @Test
  void regressorSearch_byMaeAndMse_scoresTheFormula_ofTheSameFits() {
    Dataset data = diabetes();
    Resampling folds = Resampling.kFold(3, 4);
    GridSearchCV.Result<NetworkRegressor> mae = GridSearchCV.builder(regressorGrid())
        .resampling(folds).measure(CvMeasure.MEAN_ABSOLUTE_ERROR).threads(2).build()
        .crossValidate(data);
    GridSearchCV.Result<NetworkRegressor> mse = GridSearchCV.builder(regressorGrid())
        .resampling(folds).measure(CvMeasure.MEAN_SQUARED_ERROR).threads(2).build()
        .crossValidate(data);
    Resampling.Split split = folds.splits(data).get(2);
    int before = Blas.threads();
    Blas.setThreads(1);
    try {
      NetworkRegressor alone = regressorGrid().candidates().get(1).estimator()
          .fit(data.subset(split.trainRows()));
      Dataset test = data.subset(split.testRows());
      double[] predicted = alone.predict(test);
      double absolute = 0;
      double squared = 0;
      for (int i = 0; i < predicted.length; i++) {
        double r = test.target(i) - predicted[i];
        absolute += Math.abs(r);
        squared += r * r;
      }
      assertEquals(absolute / predicted.length, mae.scores().scores()[1][2],
          1e-12 * absolute / predicted.length);
      assertEquals(squared / predicted.length, mse.scores().scores()[1][2],
          1e-12 * squared / predicted.length);
    } finally {
      Blas.setThreads(before);
    }
    // the loss is ½(y − ŷ)², half the MSE of the same fits, whichever measure chose
    for (int c = 0; c < 2; c++) {
      assertEquals(mse.scores().mean()[c], 2 * mse.loss().mean()[c],
          1e-12 * mse.scores().mean()[c]);
      assertArrayEquals(mse.loss().mean(), mae.loss().mean(), 0.0);
    }
  }

  @Test
  void aMeasureThatDoesNotApply_isRefusedBeforeAnyFit() {
    AtomicInteger fits = new AtomicInteger();
    SearchListener count = (done, total, label) -> fits.incrementAndGet();
    for (CvMeasure m : List.of(CvMeasure.MEAN_SQUARED_ERROR, CvMeasure.MEAN_ABSOLUTE_ERROR,
        CvMeasure.AUC)) {
      // an MlpGrid's and an MlpPath's networks are known classifiers: refused by build(),
      // before the data is read, so a caller (the CLI) can check before it prints a header
      InputException e = assertThrows(InputException.class, () -> GridSearchCV.builder(
          classifierGrid()).measure(m).build());
      assertEquals(Optional.of("measure"), e.setting(), e.getMessage());
      assertTrue(e.getMessage().contains("'" + m.id() + "' does not apply to a classifier's"
          + " search") && e.getMessage().contains("takes deviance or class"), e.getMessage());
      InputException p = assertThrows(InputException.class, () -> MlpPathCV.builder(
          MlpPathCVTest.path(MlpPath.Start.WARM)).measure(m).build());
      assertEquals(Optional.of("measure"), p.setting());
      // candidates of any estimator: known from the data, when the search starts
      GridSearchCV<?> listed = GridSearchCV.builder(classifierGrid().candidates()).measure(m)
          .build();
      InputException l = assertThrows(InputException.class, () -> listed.crossValidate(DIGITS,
          count));
      assertEquals(e.getMessage(), l.getMessage());
    }
    for (CvMeasure m : List.of(CvMeasure.MISCLASSIFICATION, CvMeasure.AUC)) {
      InputException e = assertThrows(InputException.class, () -> GridSearchCV.builder(
          regressorGrid()).measure(m).build());
      assertTrue(e.getMessage().contains("takes deviance, mse or mae"), e.getMessage());
      GridSearchCV<?> listed = GridSearchCV.builder(regressorGrid().candidates()).measure(m)
          .build();
      InputException l = assertThrows(InputException.class, () -> listed.crossValidate(
          diabetes(), count));
      assertEquals(e.getMessage(), l.getMessage());
    }
    assertEquals(0, fits.get(), "refused before the first fit");
    assertThrows(NullPointerException.class, () -> GridSearchCV.builder(classifierGrid())
        .measure(null));
  }
}
