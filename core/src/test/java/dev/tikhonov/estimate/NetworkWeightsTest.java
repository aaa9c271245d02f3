package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.train.EpochRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observation weights of the network estimators ({@link NetworkBuilder#weightColumn}): the
 * objective Σ wᵢℓᵢ / Σ wᵢ + penalty. Full-batch gradient descent (one batch of all rows, plain
 * SGD: the row order changes only the order of float sums) makes integer weights the rows
 * repeated and weight 0 the row removed; weights all equal are no weights, bit for bit.
 */
class NetworkWeightsTest {
  @TempDir Path dir;

  private static final int N = 40;

  /** Features x0, x1, x2 and, when {@code w} is given, a column "w" between them. */
  private static double[][] x() {
    double[][] x = new double[N][3];
    for (int i = 0; i < N; i++) {
      x[i][0] = Math.sin(i * 0.7);
      x[i][1] = Math.cos(i * 1.3);
      x[i][2] = ((i * 37) % 11) / 11.0 - 0.5;
    }
    return x;
  }

  private static double[] y() {
    return target(x());
  }

  /** A smooth target of rows x0, x1, x2 with a little noise (NetworkSearchWeightsTest's too). */
  static double[] target(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 1.5 * x[i][0] - x[i][1] * x[i][2] + 0.1 * Math.sin(7.0 * i);
    }
    return y;
  }

  private static int[] labels() {
    return classes(y());
  }

  /** Three classes of {@link #target} cut at −0.4 and 0.5. */
  static int[] classes(double[] y) {
    int[] labels = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      labels[i] = y[i] < -0.4 ? 0 : y[i] < 0.5 ? 1 : 2;
    }
    return labels;
  }

  private static final List<String> NAMES = List.of("x0", "x1", "x2");
  private static final List<String> WEIGHTED = List.of("x0", "w", "x1", "x2");

  private static double[][] withWeights(double[][] x, double[] w) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = new double[] {x[i][0], w[i], x[i][1], x[i][2]};
    }
    return out;
  }

  /** Row i of {@code rows} taken counts[i] times. */
  private static double[][] repeat(double[][] rows, int[] counts) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      for (int k = 0; k < counts[i]; k++) {
        out.add(rows[i]);
      }
    }
    return out.toArray(new double[0][]);
  }

  private static double[] repeat(double[] values, int[] counts) {
    double[][] rows = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      rows[i] = new double[] {values[i]};
    }
    return java.util.Arrays.stream(repeat(rows, counts)).mapToDouble(r -> r[0]).toArray();
  }

  private static int[] repeat(int[] values, int[] counts) {
    return java.util.Arrays.stream(repeat(java.util.Arrays.stream(values).asDoubleStream()
        .toArray(), counts)).mapToInt(v -> (int) v).toArray();
  }

  /** Counts 0..3: weight k is the row repeated k times, weight 0 the row removed. */
  private static int[] counts() {
    int[] counts = new int[N];
    for (int i = 0; i < N; i++) {
      counts[i] = (i * 7 + 1) % 4;
    }
    return counts;
  }

  private static double[] asWeights(int[] counts) {
    return java.util.Arrays.stream(counts).asDoubleStream().toArray();
  }

  /** Full-batch gradient descent: every epoch one step on all rows. */
  private static MlpRegressor.Builder fullBatchRegressor() {
    return MlpRegressor.builder().hiddenLayers(6).optimizer(Optimizers.sgd(0.1)).lambda(0.01)
        .batchSize(10_000).epochs(25).seed(3);
  }

  private static MlpClassifier.Builder fullBatchClassifier() {
    return MlpClassifier.builder().hiddenLayers(6).optimizer(Optimizers.sgd(0.2)).lambda(0.01)
        .batchSize(10_000).epochs(25).seed(3);
  }

  @Test
  void fullBatch_integerWeights_trainTheWeightsOfTheRowsRepeated_zeroTheRowRemoved() {
    int[] counts = counts();
    Dataset weighted = Dataset.of(withWeights(x(), asWeights(counts)), y(), WEIGHTED);
    Dataset repeated = Dataset.of(repeat(x(), counts), repeat(y(), counts), NAMES);
    NetworkRegressor a = fullBatchRegressor().weightColumn("w").build().fit(weighted);
    NetworkRegressor b = fullBatchRegressor().build().fit(repeated);
    assertSameLayers(b.layers(), a.layers(), 2e-6);
    assertEquals(b.training().get().finalEpochLoss(), a.training().get().finalEpochLoss(),
        1e-6 * b.training().get().finalEpochLoss(), "the history's loss: the weighted mean");
    // (targets and w̃ᵢ = wᵢ·n/Σw are float32 in training)
    assertEquals(b.training().get().constantPredictionLoss(),
        a.training().get().constantPredictionLoss(), 1e-7);

    Dataset weightedClasses = Dataset.ofClasses(withWeights(x(), asWeights(counts)), labels(),
        List.of("a", "b", "c"), WEIGHTED);
    Dataset repeatedClasses = Dataset.ofClasses(repeat(x(), counts), repeat(labels(), counts),
        List.of("a", "b", "c"), NAMES);
    NetworkClassifier c = fullBatchClassifier().weightColumn("w").build().fit(weightedClasses);
    NetworkClassifier d = fullBatchClassifier().build().fit(repeatedClasses);
    assertSameLayers(d.layers(), c.layers(), 2e-6);
    assertEquals(d.training().get().finalEpochLoss(), c.training().get().finalEpochLoss(),
        1e-6 * d.training().get().finalEpochLoss());
  }

  /**
   * With the features and the regressor's target standardized, the weighted mean and 1/Σw
   * standard deviation (glmnet's) are those of the rows repeated, so the fits agree again.
   */
  @Test
  void fullBatch_standardized_integerWeights_areTheRowsRepeated_zeroTheRowRemoved() {
    int[] counts = counts();
    // a column far from 0 against its spread: unweighted and weighted moments differ clearly
    double[][] x = x();
    for (double[] row : x) {
      row[2] = 3 + row[2];
    }
    Dataset weighted = Dataset.of(withWeights(x, asWeights(counts)), y(), WEIGHTED);
    Dataset repeated = Dataset.of(repeat(x, counts), repeat(y(), counts), NAMES);
    NetworkRegressor a = fullBatchRegressor().standardize(true).standardizeTarget(true)
        .weightColumn("w").build().fit(weighted);
    NetworkRegressor b = fullBatchRegressor().standardize(true).standardizeTarget(true).build()
        .fit(repeated);
    assertSameLayers(b.layers(), a.layers(), 2e-6);
    assertClosePredictions(b.predict(x), a.predict(x));

    Dataset weightedClasses = Dataset.ofClasses(withWeights(x, asWeights(counts)), labels(),
        List.of("a", "b", "c"), WEIGHTED);
    Dataset repeatedClasses = Dataset.ofClasses(repeat(x, counts), repeat(labels(), counts),
        List.of("a", "b", "c"), NAMES);
    NetworkClassifier c = fullBatchClassifier().standardize(true).weightColumn("w").build()
        .fit(weightedClasses);
    NetworkClassifier d = fullBatchClassifier().standardize(true).build().fit(repeatedClasses);
    assertSameLayers(d.layers(), c.layers(), 2e-6);
    double[][] pc = c.predictProba(x);
    double[][] pd = d.predictProba(x);
    for (int i = 0; i < N; i++) {
      assertClosePredictions(pd[i], pc[i]);
    }
  }

  /** Agreement to float32 rounding: a few ulps of float32 at the values' scale. */
  private static void assertClosePredictions(double[] expected, double[] actual) {
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertArrayEquals(expected, actual, 1e-5 * scale);
  }

  /** Equal weights standardize as no weights do, to the bit: the weighted path is not taken. */
  @Test
  void equalWeights_standardized_areNoWeights_bitForBit() {
    double[] tenths = new double[N];
    java.util.Arrays.fill(tenths, 0.1);
    double[][] x = x();
    for (double[] row : x) {
      row[2] = 3 + row[2];
    }
    Dataset weighted = Dataset.of(withWeights(x, tenths), y(), WEIGHTED);
    Dataset plain = Dataset.of(x, y(), NAMES);
    NetworkRegressor a = fullBatchRegressor().standardize(true).standardizeTarget(true)
        .weightColumn("w").build().fit(weighted);
    NetworkRegressor p = fullBatchRegressor().standardize(true).standardizeTarget(true).build()
        .fit(plain);
    assertSameLayers(p.layers(), a.layers(), 0);
    assertArrayEquals(p.predict(x), a.predict(x));
  }

  @Test
  void equalWeights_areNoWeights_bitForBit_inMiniBatchesWithMomentum() {
    double[] tenths = new double[N];
    java.util.Arrays.fill(tenths, 0.1);
    Dataset weighted = Dataset.of(withWeights(x(), tenths), y(), WEIGHTED);
    Dataset plain = Dataset.of(x(), y(), NAMES);
    MlpRegressor.Builder b = MlpRegressor.builder().hiddenLayers(8).batchSize(8).epochs(5)
        .seed(5).validationFraction(0.2);
    NetworkRegressor a = b.weightColumn("w").build().fit(weighted);
    NetworkRegressor p = MlpRegressor.builder().hiddenLayers(8).batchSize(8).epochs(5).seed(5)
        .validationFraction(0.2).build().fit(plain);
    assertSameLayers(p.layers(), a.layers(), 0);
    List<EpochRecord> ha = a.training().get().history().epochs();
    List<EpochRecord> hp = p.training().get().history().epochs();
    for (int e = 0; e < hp.size(); e++) {
      assertEquals(hp.get(e).trainLoss(), ha.get(e).trainLoss(), 1e-12 * hp.get(e).trainLoss());
      assertEquals(hp.get(e).valLoss().getAsDouble(),
          ha.get(e).valLoss().getAsDouble(), 1e-12);
    }
  }

  @Test
  void validationLoss_isTheWeightedMean_andWeightZeroRowsDoNotCount() {
    double[] ones = new double[N];
    java.util.Arrays.fill(ones, 1);
    Dataset train = Dataset.of(withWeights(x(), ones), y(), WEIGHTED);
    // validation rows: the first 20 rows, every third one weighted 0, the others 2
    double[][] vx = java.util.Arrays.copyOf(x(), 20);
    double[] vy = java.util.Arrays.copyOf(y(), 20);
    int[] counts = new int[20];
    double[] vw = new double[20];
    for (int i = 0; i < 20; i++) {
      counts[i] = i % 3 == 0 ? 0 : 1;
      vw[i] = 2 * counts[i];
    }
    Dataset validation = Dataset.of(withWeights(vx, vw), vy, WEIGHTED);
    Dataset kept = Dataset.of(withWeights(repeat(vx, counts), repeat(vw, counts)),
        repeat(vy, counts), WEIGHTED);
    MlpRegressor estimator = MlpRegressor.builder().hiddenLayers(4).epochs(3).batchSize(8)
        .seed(2).weightColumn("w").build();
    NetworkRegressor a = estimator.fit(train, FitOptions.none().withValidation(validation));
    NetworkRegressor b = estimator.fit(train, FitOptions.none().withValidation(kept));
    assertSameLayers(b.layers(), a.layers(), 0);
    for (int e = 0; e < 3; e++) {
      double expected = b.training().get().history().epochs().get(e).valLoss()
          .getAsDouble();
      assertEquals(expected, a.training().get().history().epochs().get(e).valLoss()
          .getAsDouble(), 1e-6 * expected, "epoch " + (e + 1));
    }
  }

  @Test
  void weightColumn_isRecorded_savedAndLoaded_andNotNeededToPredict() {
    double[] w = asWeights(counts());
    Dataset weighted = Dataset.of(withWeights(x(), w), y(), WEIGHTED);
    NetworkRegressor model = fullBatchRegressor().epochs(2).weightColumn("w").build()
        .fit(weighted);
    assertEquals("w", model.provenance().settings().get("weight_column"));
    assertEquals(NAMES, model.featureNames());
    Path file = dir.resolve("m.json");
    model.save(file);
    NetworkRegressor loaded = Predictor.load(file, NetworkRegressor.class);
    assertEquals("w", loaded.provenance().settings().get("weight_column"));
    assertArrayEquals(model.predict(Dataset.of(x(), y(), NAMES)), loaded.predict(weighted));
    assertFalse(fullBatchRegressor().build().fit(Dataset.of(x(), y(), NAMES)).provenance()
        .settings().containsKey("weight_column"), "none when not given");
    assertTrue(fullBatchRegressor().weightColumn("w").build().toString()
        .contains("weight_column=w"));
  }

  @Test
  void badWeights_areRefused_namingTheColumnAndRow() {
    double[] w = new double[N];
    java.util.Arrays.fill(w, 1);
    w[6] = -2;
    assertMessage("weightColumn \"w\": row 7 of double[][]: weight -2.0; weights must be"
        + " finite and ≥ 0", w);
    assertMessage("weightColumn \"w\": every weight of double[][] is 0; nothing to fit",
        new double[N]);
    InputException missing = assertThrows(InputException.class, () -> fullBatchRegressor()
        .weightColumn("v").build().fit(Dataset.of(withWeights(x(), w), y(), WEIGHTED)));
    assertEquals("weightColumn \"v\": double[][] has no such column (its feature columns: x0,"
        + " w, x1, x2)", missing.getMessage());
    // the held-out rows' weights all 0 (rows 1..N/2 weighted 0, the validation split takes 4)
    double[] half = new double[N];
    for (int i = 0; i < N; i++) {
      half[i] = i % 2;
    }
    InputException held = assertThrows(InputException.class, () -> MlpRegressor.builder()
        .hiddenLayers(2).epochs(1).validationFraction(0.05).seed(0).weightColumn("w").build()
        .fit(Dataset.of(withWeights(x(), evenHeldOut(half)), y(), WEIGHTED)));
    assertEquals("validationFraction 0.05 of the 40 training rows of double[][] holds out 2"
        + " rows for validation, whose weights (\"w\") are all 0: nothing to validate on, their"
        + " weighted loss would have no value; hold out another share, or split with another"
        + " seed", held.getMessage());
  }

  @Test
  void aValidationSplitThatLeavesTheFittedRowsNoWeight_saysSo() {
    // weight only on the 2 rows the seed-1 split holds out: the rows fitted weigh 0
    double[] ones = new double[N];
    java.util.Arrays.fill(ones, 1);
    double[] heldOnly = evenHeldOut(ones);
    for (int i = 0; i < N; i++) {
      heldOnly[i] = 1 - heldOnly[i];
    }
    InputException fitted = assertThrows(InputException.class, () -> MlpRegressor.builder()
        .hiddenLayers(2).epochs(1).validationFraction(0.05).seed(0).weightColumn("w").build()
        .fit(Dataset.of(withWeights(x(), heldOnly), y(), WEIGHTED)));
    assertEquals("validationFraction 0.05 of the 40 training rows of double[][] leaves 38 rows"
        + " to fit, whose weights (\"w\") are all 0: nothing to fit; hold out another share, or"
        + " split with another seed", fitted.getMessage());
    assertEquals(java.util.Optional.of("validationFraction"), fitted.setting());
    // given validation rows of weight 0: nothing to validate on, not "nothing to fit"
    Dataset validation = Dataset.of(withWeights(x(), new double[N]), y(), WEIGHTED)
        .withSource("val.csv");
    InputException given = assertThrows(InputException.class, () -> fullBatchRegressor()
        .weightColumn("w").build().fit(Dataset.of(withWeights(x(), ones), y(), WEIGHTED),
            FitOptions.none().withValidation(validation)));
    assertEquals("weightColumn \"w\": every weight of val.csv is 0; nothing to validate on,"
        + " their weighted loss would have no value", given.getMessage());
  }

  /** The weights with every row the seed-1 split holds out set to 0. */
  private static double[] evenHeldOut(double[] w) {
    Dataset marked = Dataset.of(withWeights(x(), indices()), y(), WEIGHTED);
    dev.tikhonov.data.TrainTest split = NetworkFit.validationSplit(marked, 0.05, 1);
    double[] out = w.clone();
    for (int i = 0; i < split.test().numRows(); i++) {
      out[(int) split.test().feature(i, 1)] = 0;
    }
    return out;
  }

  private static double[] indices() {
    return java.util.stream.IntStream.range(0, N).asDoubleStream().toArray();
  }

  private static void assertMessage(String start, double[] w) {
    InputException e = assertThrows(InputException.class, () -> fullBatchRegressor()
        .weightColumn("w").build().fit(Dataset.of(withWeights(x(), w), y(), WEIGHTED)));
    assertTrue(e.getMessage().startsWith(start) || e.getMessage().contains(start),
        e.getMessage());
    assertEquals(java.util.Optional.of("weightColumn"), e.setting());
  }

  private static void assertSameLayers(List<LayerWeights> expected, List<LayerWeights> actual,
      double relative) {
    assertEquals(expected.size(), actual.size());
    for (int l = 0; l < expected.size(); l++) {
      float[][] e = {expected.get(l).weight(), expected.get(l).bias()};
      float[][] a = {actual.get(l).weight(), actual.get(l).bias()};
      for (int k = 0; k < 2; k++) {
        if (relative == 0) {
          assertArrayEquals(e[k], a[k], "layer " + l);
          continue;
        }
        double scale = 0;
        for (float v : e[k]) {
          scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < e[k].length; j++) {
          assertEquals(e[k][j], a[k][j], relative * scale, "layer " + l + " entry " + j);
        }
      }
    }
  }
}
