package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.ClassifierEvaluation;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.experiment.MnistL2;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.internal.experiment.Stats;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.train.DivergenceException;
import dev.tikhonov.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep on Spark gives, for every setting, bit for bit the network and numbers that the same
 * setting trained alone on one machine at one thread gives.
 */
class SparkSweepTest {
  static final int[] HIDDEN = {32, 16};
  static final int EPOCHS = 2;
  static final int BATCH = 32;
  private static SparkSession spark;
  private static TrainTest digits;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
    digits = digits(700, 300);
  }

  /** The first n training and m test digits of the bundled MNIST sample (views). */
  static TrainTest digits(int n, int m) {
    TrainTest all = Mnist.bundled();
    return new TrainTest(all.train().subset(IntStream.range(0, n).toArray()),
        all.test().subset(IntStream.range(0, m).toArray()));
  }

  static SparkSweep.Builder recipe() {
    return SparkSweep.builder().hiddenLayers(HIDDEN).epochs(EPOCHS).batchSize(BATCH);
  }

  /** The setting trained alone on one machine, one thread, as the experiment trains it. */
  static NetworkClassifier alone(SweepSetting s, Dataset train, Dataset test) {
    return MlpClassifier.builder().hiddenLayers(HIDDEN).dropout(s.dropout()).lambda(s.lambda())
        .optimizer(Optimizers.sgd(0.05).momentum(0.9)).epochs(EPOCHS).batchSize(BATCH)
        .seed(s.seed()).threads(1).build().fit(train, test, TrainingListener.none());
  }

  /** Every number of a result but the wall times, which no rerun repeats. */
  static List<Object> numbers(SweepResult r) {
    return List.of(r.lambda(), r.dropout(), r.seed(), r.trainLoss(), r.trainAccuracy(),
        r.testLoss(), r.testAccuracy(), r.weightNorm(), List.of(boxed(r.layerWeightNorms())),
        r.epochs(), r.weightsSha256());
  }

  private static Double[] boxed(double[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Double[]::new);
  }

  /** The result of a setting trained alone, in the sweep's terms. */
  static void assertSameAsAlone(SweepResult got, Dataset train, Dataset test) {
    SweepSetting s = got.setting();
    NetworkClassifier model;
    ClassifierEvaluation onTest;
    ClassifierEvaluation onTrain;
    int saved = Blas.threads();
    Blas.setThreads(1); // the evaluations too: OpenBLAS's sums follow its thread count
    try {
      model = alone(s, train, test);
      onTest = model.evaluate(test);
      onTrain = model.evaluate(train);
    } finally {
      Blas.setThreads(saved);
    }
    String what = s.label();
    assertEquals(SparkSweep.sha256(model.layers()), got.weightsSha256(),
        what + ": bit-identical weights and biases");
    assertEquals(onTest.loss(), got.testLoss(), 0.0, what);
    assertEquals(onTest.accuracy(), got.testAccuracy(), 0.0, what);
    assertEquals(onTrain.loss(), got.trainLoss(), 0.0, what);
    assertEquals(onTrain.accuracy(), got.trainAccuracy(), 0.0, what);
    assertEquals(model.weightNorm(), got.weightNorm(), 0.0, what);
    assertEquals(EPOCHS, got.epochs(), what);
  }

  @Test
  void run_givesEachSettingBitForBitItsRunAloneAtOneThread_andSavesTheModels(@TempDir Path dir)
      throws Exception {
    List<SweepSetting> settings = List.of(new SweepSetting(0, 0, 0),
        new SweepSetting(0.01, 0, 1), new SweepSetting(1e-4, 0.2, 0),
        new SweepSetting(1e-4, 0.2, 1));
    Path models = dir.resolve("models");
    SweepResults results = recipe().settings(settings).saveModels(models).build()
        .run(spark, digits.train(), digits.test());

    assertEquals(settings, results.runs().stream().map(SweepResult::setting).toList(),
        "one result per setting, in order");
    for (SweepResult r : results.runs()) {
      assertSameAsAlone(r, digits.train(), digits.test());
      assertTrue(r.testAccuracy() > 0.4, "the networks learn (guessing is 0.1): " + r);
    }
    assertTrue(!results.runs().get(0).weightsSha256().equals(
        results.runs().get(1).weightsSha256()), "different settings, different networks");

    // the saved model (the core's format) is the network of its setting
    SweepResult third = results.runs().get(2);
    Path file = models.resolve("lambda-1.0E-4_dropout-0.2_seed-0.model");
    NetworkClassifier loaded = (NetworkClassifier) Predictor.load(file);
    assertEquals(third.weightsSha256(), SparkSweep.sha256(loaded.layers()));
    int saved = Blas.threads();
    Blas.setThreads(1);
    try {
      assertEquals(third.testLoss(), loaded.evaluate(digits.test()).loss(), 0.0);
    } finally {
      Blas.setThreads(saved);
    }
    assertEquals(4, Files.list(models).filter(f -> f.toString().endsWith(".model")).count());

    // the experiment's table: one row per (λ, dropout), mean ± std over its seeds
    List<MnistL2.Row> table = results.table();
    assertEquals(3, table.size());
    MnistL2.Row dropoutRow = table.get(2);
    assertEquals(1e-4, dropoutRow.lambda());
    assertEquals(0.2, dropoutRow.dropout());
    assertEquals(2, dropoutRow.seeds());
    Stats loss = Stats.of(List.of(results.runs().get(2).testLoss(),
        results.runs().get(3).testLoss()));
    assertEquals(loss.mean(), dropoutRow.testLossMean(), 0.0);
    assertEquals(loss.std(), dropoutRow.testLossStd(), 0.0);
    assertTrue(loss.std() > 0, "two seeds, two networks");
    assertEquals(1, table.get(0).seeds());
    assertTrue(Double.isNaN(table.get(0).testAccuracyStd()), "one seed has no spread");

    results.write(dir);
    // results.csv and runs.csv, read back by the project's CSV reader, are the table and the
    // runs, every cell of every record (they were written by hand, not through CsvWriter).
    // results.csv: the one-seed rows' undefined std are empty cells, which the data reader
    // refuses as missing values, so its lines are split here (numbers only, nothing quoted)
    List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
    assertEquals("lambda,dropout,weight_decay,seeds,test_accuracy_mean,test_accuracy_std,"
        + "test_loss_mean,test_loss_std,train_loss_mean,weight_norm_mean,epoch_seconds_mean",
        lines.get(0), "the columns of experiment mnist-l2's results.csv");
    assertEquals(table.size() + 1, lines.size());
    for (int i = 0; i < table.size(); i++) {
      MnistL2.Row r = table.get(i);
      double[] cells = java.util.Arrays.stream(lines.get(i + 1).split(",", -1))
          .mapToDouble(c -> c.isEmpty() ? Double.NaN : Double.parseDouble(c)).toArray();
      assertArrayEquals(new double[] {r.lambda(), r.dropout(), r.weightDecay(), r.seeds(),
          r.testAccuracyMean(), r.testAccuracyStd(), r.testLossMean(), r.testLossStd(),
          r.trainLossMean(), r.weightNormMean(), r.epochSecondsMean()}, cells, 0.0);
    }
    Dataset runs = CsvReader.read(dir.resolve("runs.csv"), "weights_sha256", TargetKind.CLASS);
    assertEquals(List.of("lambda", "dropout", "seed", "train_loss", "train_accuracy",
        "test_loss", "test_accuracy", "weight_norm", "epochs", "seconds", "epoch_seconds_mean"),
        runs.featureNames());
    assertEquals(results.runs().size(), runs.numRows());
    for (int i = 0; i < runs.numRows(); i++) {
      SweepResult r = results.runs().get(i);
      assertEquals(r.weightsSha256(), runs.classNames().get(runs.label(i)));
      assertArrayEquals(new double[] {runs.label(i), r.lambda(), r.dropout(), r.seed(),
          r.trainLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy(), r.weightNorm(),
          r.epochs(), r.seconds(), r.epochSecondsMean()}, record(runs, i), 0.0);
    }
    var json = Json.MAPPER.readTree(dir.resolve("results.json").toFile());
    assertEquals(dropoutRow.testLossMean(), json.get(2).get("test_loss_mean").asDouble(), 0.0);
    assertTrue(json.get(0).get("test_accuracy_std").isNull(), json.get(0).toString());
    assertEquals(third.weightsSha256(), Json.MAPPER.readTree(dir.resolve("runs.json").toFile())
        .get(2).get("weights_sha256").asText());
  }

  /** Record {@code i} of {@code data}: its target, then its features. */
  private static double[] record(Dataset data, int i) {
    double[] values = new double[data.numFeatures() + 1];
    values[0] = data.target(i);
    for (int j = 0; j < data.numFeatures(); j++) {
      values[j + 1] = data.feature(i, j);
    }
    return values;
  }

  @Test
  void builder_grid_isEveryCombination_lambdaSlowest() {
    SparkSweep sweep = recipe().lambdas(0, 0.1).dropouts(0, 0.5).seeds(3, 4).build();
    assertEquals(8, sweep.settings().size());
    assertEquals(new SweepSetting(0, 0, 3), sweep.settings().get(0));
    assertEquals(new SweepSetting(0, 0, 4), sweep.settings().get(1));
    assertEquals(new SweepSetting(0, 0.5, 3), sweep.settings().get(2));
    assertEquals(new SweepSetting(0.1, 0.5, 4), sweep.settings().get(7));
  }

  @Test
  void badInput_isNamed() {
    InputException empty = assertThrows(InputException.class,
        () -> recipe().seeds().lambdas(0.1).build());
    assertEquals("the sweep's grid is empty (1 λ, 1 dropout rates, 0 seeds): give at least one "
        + "of each", empty.getMessage());
    assertThrows(InputException.class, () -> recipe().build(), "no λ: an empty grid");
    InputException lambda = assertThrows(InputException.class,
        () -> recipe().lambdas(0.1, -1).build());
    assertEquals("setting (λ=-1.0, dropout=0.0, seed=0): λ must be a finite number ≥ 0, got -1.0",
        lambda.getMessage());
    InputException dropout = assertThrows(InputException.class,
        () -> recipe().lambdas(0.1).dropouts(1).build());
    assertEquals("setting (λ=0.1, dropout=1.0, seed=0): the dropout rate must be in [0, 1), got "
        + "1.0", dropout.getMessage());
    IllegalArgumentException epochs = assertThrows(IllegalArgumentException.class,
        () -> recipe().lambdas(0.1).epochs(0).build());
    assertTrue(epochs.getMessage().contains("epochs"), epochs.getMessage());

    SparkSweep sweep = recipe().lambdas(0.1).build();
    InputException cpus = assertThrows(InputException.class, () -> recipe().lambdas(0.1)
        .threadsPerTask(2).build().run(spark, digits.train(), digits.test()));
    assertEquals("threadsPerTask 2 needs spark.task.cpus ≥ 2 (it is 1), or Spark would run more "
        + "threads than the cores it counts", cpus.getMessage());
    Dataset regression = Dataset.of(new double[][] {{1, 2}, {3, 4}}, new double[] {0.5, 1.5});
    InputException real = assertThrows(InputException.class,
        () -> sweep.run(spark, regression, regression));
    assertEquals("double[][]: the sweep trains classifiers, and this data has a real-valued "
        + "target (expected class labels)", real.getMessage());
    Dataset twoClasses = Dataset.ofClasses(new double[][] {{1}, {2}}, new int[] {0, 1});
    InputException features = assertThrows(InputException.class,
        () -> sweep.run(spark, digits.train(), twoClasses));
    assertTrue(features.getMessage().startsWith("double[][]: the test data's 1 features differ "
        + "from the 784 of the training data"), features.getMessage());
    Dataset otherClasses = Dataset.ofClasses(new double[2][784], new int[] {0, 1},
        List.of("a", "b"), Mnist.pixelNames(784));
    InputException classes = assertThrows(InputException.class,
        () -> sweep.run(spark, digits.train(), otherClasses));
    assertEquals("double[][]: the test data's classes [a, b] differ from the training data's "
        + "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9] (bundled:mnist-10k)", classes.getMessage());
  }

  /**
   * A setting whose training diverges (λ·lr ≫ 1) is a failed setting, not a failed sweep, as in
   * experiment mnist-l2: the other settings' results and rows are exactly what they are without
   * it, its (λ, dropout) has no row, it is listed, and no model file is written for it. Only
   * when every setting diverges does the sweep throw. (It used to fail the whole Spark job.)
   */
  @Test
  void run_aSettingThatDiverges_isListed_theOthersExactlyAsWithoutIt(@TempDir Path dir)
      throws Exception {
    SweepSetting blowsUp = new SweepSetting(1e6, 0, 0);
    List<SweepSetting> fine = List.of(new SweepSetting(0.01, 0, 0), new SweepSetting(0.01, 0, 1));
    List<SweepSetting> both = List.of(fine.get(0), blowsUp, new SweepSetting(1e6, 0, 1),
        fine.get(1));
    Path models = dir.resolve("models");
    SweepResults with = recipe().settings(both).saveModels(models).build()
        .run(spark, digits.train(), digits.test());
    SweepResults without = recipe().settings(fine).build()
        .run(spark, digits.train(), digits.test());

    assertEquals(2, with.diverged().size(), "both seeds of λ = 1e6");
    MnistL2.Diverged first = with.diverged().get(0);
    assertEquals(List.of(1e6, 0.0, 0L), List.of(first.lambda(), first.dropout(), first.seed()));
    assertTrue(first.message().startsWith("training diverged at epoch " + first.epoch()),
        first.message());
    assertEquals(without.runs().stream().map(SparkSweepTest::numbers).toList(),
        with.runs().stream().map(SparkSweepTest::numbers).toList());
    assertEquals(1, with.table().size(), "no row for λ = 1e6");
    assertEquals(without.table().get(0).testAccuracyMean(),
        with.table().get(0).testAccuracyMean(), 0.0);
    assertTrue(with.summary().contains("diverged (seed 0, epoch " + first.epoch() + ")"),
        with.summary());
    assertEquals(2, models.toFile().list().length, "model files for the trained settings only");
    with.write(dir.resolve("out"));
    assertEquals(2, Json.MAPPER.readTree(dir.resolve("out/diverged.json").toFile()).size());

    DivergenceException all = assertThrows(DivergenceException.class, () -> recipe()
        .settings(List.of(blowsUp)).build().run(spark, digits.train(), digits.test()));
    assertTrue(all.getMessage().startsWith("the only setting diverged; the first: "),
        all.getMessage());
  }

  @Test
  void sizeLimit_namesTheSizes() {
    InputException e = assertThrows(InputException.class, () -> SweepData.of(digits.train(),
        digits.test(), 1 << 20, "a quarter of the executor's 4.0 MiB heap"));
    assertEquals("the sweep broadcasts the training and test data to every executor: "
        + "(700 + 300 rows)·(784 features + 1)·4 bytes = 3.0 MiB, more than the 1.0 MiB it "
        + "allows (a quarter of the executor's 4.0 MiB heap); give the executors more memory, "
        + "or train on fewer rows or features", e.getMessage());
    assertEquals(1000L * 785 * 4, SweepData.bytes(700, 300, 784));
    long limit = SparkSweep.maxBroadcastBytes(spark.sparkContext());
    assertEquals(Math.min(Runtime.getRuntime().maxMemory() / 4, Integer.MAX_VALUE), limit,
        "local mode: a quarter of the driver's heap");
  }
}
