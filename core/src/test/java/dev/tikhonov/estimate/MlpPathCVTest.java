package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.train.DivergenceException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link MlpPathCV}: the splits' paths run side by side are the paths fitted alone, bit for bit;
 * the statistics are cv.glmnet's; the model is the one the rule names.
 */
class MlpPathCVTest {
  static final Dataset DIGITS = Mnist.bundled().train().subset(IntStream.range(0, 300).toArray());

  static MlpClassifier base() {
    return MlpClassifier.builder().hiddenLayers(12).epochs(5).batchSize(30).seed(5).build();
  }

  static MlpPath<NetworkClassifier> path(MlpPath.Start start) {
    return MlpPath.builder(base()).lambdas(0.3, 0.03, 3e-3, 3e-4).start(start).warmEpochs(2)
        .build();
  }

  static MlpPathCV<NetworkClassifier> cv(MlpPath.Start start, int threads) {
    return MlpPathCV.builder(path(start)).resampling(Resampling.kFold(3, 7)).threads(threads)
        .build();
  }

  @Test
  void warm_splitsSideBySide_areBitForBitThePathsFittedAlone() {
    int before = Blas.threads();
    MlpPathCV.Result<NetworkClassifier> two = cv(MlpPath.Start.WARM, 2).crossValidate(DIGITS);
    assertEquals(before, Blas.threads(), "OpenBLAS's threads are given back");
    MlpPathCV.Result<NetworkClassifier> one = cv(MlpPath.Start.WARM, 1).crossValidate(DIGITS);
    assertArrayEquals(one.cv().mean(), two.cv().mean(), 0.0);
    MlpPath<NetworkClassifier> alone = MlpPath.builder(base().toBuilder().threads(1).build())
        .lambdas(0.3, 0.03, 3e-3, 3e-4).warmEpochs(2).build();
    List<Resampling.Split> splits = Resampling.kFold(3, 7).splits(DIGITS);
    // scored as the search scores: with OpenBLAS on one thread (two threads may round a
    // product's last bit differently)
    Blas.setThreads(1);
    try {
      assertSameSplits(alone, splits, two);
    } finally {
      Blas.setThreads(before);
    }
  }

  static void assertSameSplits(MlpPath<NetworkClassifier> alone, List<Resampling.Split> splits,
      MlpPathCV.Result<NetworkClassifier> two) {
    for (int k = 0; k < 3; k++) {
      Resampling.Split split = splits.get(k);
      MlpPath.Fit<NetworkClassifier> fit = alone.fit(DIGITS.subset(split.trainRows()));
      Dataset test = DIGITS.subset(split.testRows());
      for (int l = 0; l < 4; l++) {
        assertEquals(fit.atIndex(l).evaluate(test).loss(), two.cv().foldLoss()[k][l], 0.0,
            "split " + k + ", λ index " + l);
        assertSamePoint(fit.points().get(l), two.splitPoints().get(k).get(l));
      }
    }
    MlpPath.Fit<NetworkClassifier> all = alone.fit(DIGITS);
    MlpPath.Fit<NetworkClassifier> full = two.fullPath().orElseThrow();
    for (int l = 0; l < 4; l++) {
      assertArrayEquals(all.atIndex(l).layers().get(0).weight(),
          full.atIndex(l).layers().get(0).weight(), "all rows, λ index " + l);
    }
  }

  static void assertSamePoint(MlpPath.Point a, MlpPath.Point b) {
    assertEquals(a.lambda(), b.lambda());
    assertEquals(a.validationLoss(), b.validationLoss());
    assertEquals(a.validationAccuracy(), b.validationAccuracy());
    assertEquals(a.trainLoss(), b.trainLoss());
    assertEquals(a.penalty(), b.penalty());
    assertArrayEquals(a.layerNorms(), b.layerNorms());
    assertEquals(a.epochs(), b.epochs());
    assertEquals(a.bestEpoch(), b.bestEpoch());
  }

  @Test
  void warm_choosesByTheRule_andReturnsTheAllRowsPathsModelThere() {
    for (SelectionRule rule : SelectionRule.values()) {
      MlpPathCV<NetworkClassifier> search = MlpPathCV.builder(path(MlpPath.Start.WARM))
          .resampling(Resampling.kFold(3, 7)).threads(2).rule(rule).build();
      MlpPathCV.Result<NetworkClassifier> r = search.crossValidate(DIGITS);
      CvResult cv = r.cv();
      double[] weights = new double[3];
      List<Resampling.Split> splits = Resampling.kFold(3, 7).splits(DIGITS);
      for (int k = 0; k < 3; k++) {
        weights[k] = splits.get(k).testRows().length;
      }
      CvResult expected = CvResult.of(r.lambdas(), cv.foldLoss(), weights);
      assertArrayEquals(expected.mean(), cv.mean(), 0.0);
      assertArrayEquals(expected.standardError(), cv.standardError(), 0.0);
      assertTrue(r.lambda1se() >= r.lambdaMin());
      int chosen = rule == SelectionRule.MINIMUM ? cv.indexMin() : cv.index1se();
      assertEquals(chosen, r.chosenIndex());
      NetworkClassifier model = r.chosenModel();
      assertArrayEquals(r.fullPath().orElseThrow().atIndex(chosen).predict(DIGITS),
          model.predict(DIGITS));
      assertEquals("MlpPathCV", model.provenance().estimator());
      assertEquals(r.chosenLambda(), ((Number) model.provenance().settings().get("lambda"))
          .doubleValue());
      assertEquals(rule.id(), model.provenance().settings().get("rule"));
      assertEquals(DIGITS.numRows(), model.provenance().trainingRows().orElseThrow());
      assertEquals(r.chosenLambda() * 0.5 * Math.pow(model.weightNorm(), 2),
          model.evaluate(DIGITS).penalty(), 1e-6, "the model penalizes at the chosen λ");
      double[] error = r.misclassification().orElseThrow().mean();
      assertTrue(error[cv.indexMin()] < 0.5, "the digits are learnt: " + error[cv.indexMin()]);
    }
  }

  /**
   * The progress labels write λ as the experiments' labels and the messages do ({@code
   * Digits.few}): they said "λ = 3.0E-4" (mnist-select's "9.999999999999999E-6"), Java's text
   * of the double, then "λ = 0.0003000" and "1.000e-05" (%.4g) beside labels saying "1e-05".
   */
  @Test
  void progressLabels_writeLambdaAsTheLabelsDo() {
    for (MlpPath.Start start : MlpPath.Start.values()) {
      List<String> labels = new java.util.concurrent.CopyOnWriteArrayList<>();
      cv(start, 2).crossValidate(DIGITS, (done, total, label) -> labels.add(label));
      assertTrue(labels.contains("split 1 of 3, λ = 3e-04"), start + ": " + labels);
      assertTrue(labels.contains("split 3 of 3, λ = 0.03"), start + ": " + labels);
      assertTrue(labels.stream().noneMatch(l -> l.contains("E-")), start + ": " + labels);
    }
  }

  @Test
  void cold_everyFitIsFresh_andTheModelIsOneFitAtTheChosenLambda() {
    MlpPathCV.Result<NetworkClassifier> r = cv(MlpPath.Start.COLD, 2).crossValidate(DIGITS);
    assertFalse(r.fullPath().isPresent());
    MlpPath<NetworkClassifier> alone = MlpPath.builder(base().toBuilder().threads(1).build())
        .lambdas(0.3, 0.03, 3e-3, 3e-4).start(MlpPath.Start.COLD).build();
    Resampling.Split split = Resampling.kFold(3, 7).splits(DIGITS).get(1);
    MlpPath.Fit<NetworkClassifier> fit = alone.fit(DIGITS.subset(split.trainRows()));
    int before = Blas.threads();
    Blas.setThreads(1);
    double[] heldOut = new double[4];
    try {
      for (int l = 0; l < 4; l++) {
        heldOut[l] = fit.atIndex(l).evaluate(DIGITS.subset(split.testRows())).loss();
      }
    } finally {
      Blas.setThreads(before);
    }
    for (int l = 0; l < 4; l++) {
      assertEquals(heldOut[l], r.cv().foldLoss()[1][l], 0.0);
      MlpPath.Point p = r.splitPoints().get(1).get(l);
      assertTrue(p.stoppedEarly() ? p.epochs() < 5 : p.epochs() == 5, "the full budget: " + p);
    }
    MlpPath.Fit<NetworkClassifier> refit = MlpPath.builder(base().toBuilder().threads(1).build())
        .lambdas(r.chosenLambda()).start(MlpPath.Start.COLD).build().fit(DIGITS);
    assertArrayEquals(refit.atIndex(0).layers().get(1).weight(),
        r.chosenModel().layers().get(1).weight(), "the refit is the cold fit at λ alone, one core");
    assertTrue(r.cpuSeconds() > 0);
  }

  @Test
  void repeatedSeeds_fitOneSplitWithEachSeed() {
    MlpPathCV.Result<NetworkClassifier> r = MlpPathCV.builder(path(MlpPath.Start.WARM))
        .resampling(Resampling.repeatedSeeds(0.25, 3, 10, 11, 12)).threads(2).build()
        .crossValidate(DIGITS);
    double[][] loss = r.cv().foldLoss();
    assertEquals(3, loss.length);
    assertFalse(loss[0][3] == loss[1][3], "other seeds, other fits");
    assertTrue(r.cv().standardError()[3] > 0);
  }

  @Test
  void aLambdaThatDiverges_namesTheSplitAndTheLambda() {
    // lr·λ = 0.05 · 10⁴ ≫ 1: the coupled shrinkage overshoots, the weights overflow
    MlpPathCV<NetworkClassifier> search = MlpPathCV.builder(MlpPath.builder(base())
        .lambdas(1e4, 0.01).build()).resampling(Resampling.kFold(3, 7)).threads(1).build();
    int before = Blas.threads();
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> search.crossValidate(DIGITS));
    // λ as the progress labels write it (it said "λ = 10000.0", then "1.000e+04")
    assertTrue(e.getMessage().startsWith("all rows, λ = 1e+04: training diverged"),
        e.getMessage());
    assertEquals(before, Blas.threads(), "OpenBLAS's threads are given back after a failure");
  }

  @Test
  void moreFoldsThanRows_isAnInputExceptionNamingTheData() {
    Dataset few = DIGITS.subset(new int[] {0, 1, 2, 3});
    InputException e = assertThrows(InputException.class,
        () -> MlpPathCV.builder(path(MlpPath.Start.WARM)).resampling(Resampling.kFold(5, 0))
            .build().crossValidate(few));
    assertTrue(e.getMessage().startsWith("numFolds (5) is more than the 4 rows to search on ("),
        e.getMessage());
    assertEquals(java.util.Optional.of("numFolds"), e.setting());
    assertFalse(e.getMessage().contains("--"));
    // one row: "use at most 2" folds named a count that is itself more than the rows
    InputException one = assertThrows(InputException.class,
        () -> Resampling.kFold(2, 0).splits(DIGITS.subset(new int[] {0})));
    assertTrue(one.getMessage().startsWith("numFolds (2) is more than the 1 row to search on ("),
        one.getMessage());
    assertTrue(one.getMessage().endsWith(": every fold needs a row, and cross-validation needs"
        + " at least 2 folds, so at least 2 rows"), one.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Resampling.kFold(1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> Resampling.repeatedSeeds(0.2, 0, 1));
    assertThrows(IllegalArgumentException.class,
        () -> MlpPathCV.builder(path(MlpPath.Start.WARM)).threads(0));
  }
}
