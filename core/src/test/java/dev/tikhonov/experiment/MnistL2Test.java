package dev.tikhonov.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.report.HtmlReport;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.train.DivergenceException;
import dev.tikhonov.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The experiment's runs go side by side; its results are those of each run alone. */
class MnistL2Test {
  private final int savedThreads = Blas.threads();
  @TempDir Path dir;

  @AfterEach
  void restoreThreads() {
    Blas.setThreads(savedThreads);
  }

  private static TrainTest digits() {
    TrainTest all = Mnist.bundled();
    return new TrainTest(all.train().subset(IntStream.range(0, 700).toArray()),
        all.test().subset(IntStream.range(0, 300).toArray()));
  }

  private static final MnistL2.Recipe RECIPE = new MnistL2.Recipe(2, 32, 0.05, 0.9,
      List.of(32, 16));

  private static MnistL2.Settings settings() {
    return new MnistL2.Settings(List.of(0.0, 0.01), 0.2, List.of(1e-4), List.of(0L, 1L),
        RECIPE);
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void run_sideBySide_givesTheRunsAloneAtOneThread_andTheSameFilesAtAnyThreadCount()
      throws Exception {
    TrainTest data = digits();
    List<String> runStarts = Collections.synchronizedList(new ArrayList<>());
    List<String> runEnds = Collections.synchronizedList(new ArrayList<>());
    ExperimentListener listener = new ExperimentListener() {
      private volatile boolean inside;

      @Override
      public void runStarted(int index, int total, String label) {
        enter();
        runStarts.add(index + "/" + total);
        inside = false;
      }

      @Override
      public void runFinished(int index, int total, String summary) {
        enter();
        runEnds.add(summary);
        inside = false;
      }

      private void enter() {
        assertTrue(!inside, "listener calls overlap");
        inside = true;
      }
    };
    Blas.setThreads(2);
    List<MnistL2.Row> two = MnistL2.run(data, settings(), RunWriter.open(dir.resolve("two"),
        RunKind.MNIST_L2), listener).rows();
    assertEquals(6, runStarts.size());
    assertEquals(6, runEnds.size());
    Blas.setThreads(1);
    List<MnistL2.Row> one = MnistL2.run(data, settings(), RunWriter.open(dir.resolve("one"),
        RunKind.MNIST_L2), ExperimentListener.none()).rows();
    assertEquals(3, two.size());
    for (int r = 0; r < two.size(); r++) {
      MnistL2.Row a = one.get(r);
      MnistL2.Row b = two.get(r);
      assertEquals(a.testAccuracyMean(), b.testAccuracyMean(), "row " + r);
      assertEquals(a.testLossMean(), b.testLossMean(), "row " + r);
      assertEquals(a.testLossStd(), b.testLossStd(), "row " + r);
      assertEquals(a.trainLossMean(), b.trainLossMean(), "row " + r);
      assertArrayEquals(a.layerWeightNormsMean(), b.layerWeightNormsMean(), "row " + r);
    }
    assertEquals(Files.readString(dir.resolve("one/histograms.json")),
        Files.readString(dir.resolve("two/histograms.json")));
    for (String run : List.of("lambda-0.01/seed-1", "dropout-0.2_lambda-1.0E-4/seed-0")) {
      assertEquals(losses(dir.resolve("one/runs").resolve(run)),
          losses(dir.resolve("two/runs").resolve(run)), run);
    }

    // the λ = 0.01 row's seed-1 run, alone through the estimator at one thread
    NetworkClassifier alone = settings().recipe().estimator(0.01, 0, 1)
        .fit(data.train(), data.test(), TrainingListener.none());
    List<Double> expected = alone.training().orElseThrow().history().epochs().stream()
        .map(e -> e.trainLoss()).toList();
    assertEquals(expected, losses(dir.resolve("two/runs/lambda-0.01/seed-1")));
    assertTrue(two.get(0).testAccuracyMean() > 0.4, "the runs learn (guessing is 0.1): "
        + two.get(0).testAccuracyMean());
  }

  /**
   * A run's epoch time in the table is its steady epoch: a first epoch slowed sixfold by the
   * JVM's warm-up (as the first settings' were) does not move it, where the mean moved by half.
   */
  @Test
  void typicalEpochSeconds_isTheMedian_soTheWarmUpOfAFirstEpochDoesNotCount() {
    double[] warmUpFirst = {0.30, 0.050, 0.046, 0.048, 0.052};
    assertEquals(0.050, MnistL2.typicalEpochSeconds(warmUpFirst), 0.0);
    assertEquals(0.047, MnistL2.typicalEpochSeconds(new double[] {0.30, 0.046, 0.048, 0.046}),
        1e-15);
    assertEquals(0.045, MnistL2.typicalEpochSeconds(new double[] {0.045}), 0.0);
    assertEquals(0, MnistL2.typicalEpochSeconds(new double[0]), 0.0);
    assertEquals(0.30, warmUpFirst[0], 0.0, "the run's own times are left as they were");
  }

  /**
   * λ = 10⁶ (λ·lr ≫ 1) diverges. It used to stop the whole experiment with a
   * DivergenceException, throwing away the runs of every other setting; it is now a failed
   * setting: no row, listed with its seed and epoch in the results and experiment.json, and the
   * other rows exactly what they are without it.
   */
  @Test
  void run_aSettingThatDiverges_hasNoRow_theOthersExactlyAsWithoutIt() throws Exception {
    TrainTest data = digits();
    Blas.setThreads(2);
    MnistL2.Settings both = new MnistL2.Settings(List.of(1e6, 0.01), 0.2, List.of(1e-4),
        List.of(0L, 1L), RECIPE);
    MnistL2.Settings without = new MnistL2.Settings(List.of(0.01), 0.2, List.of(1e-4),
        List.of(0L, 1L), RECIPE);
    MnistL2.Results r = MnistL2.run(data, both, RunWriter.open(dir.resolve("both"),
        RunKind.MNIST_L2), ExperimentListener.none());
    MnistL2.Results w = MnistL2.run(data, without, RunWriter.open(dir.resolve("without"),
        RunKind.MNIST_L2), ExperimentListener.none());

    assertEquals(1, r.diverged().size());
    MnistL2.Diverged d = r.diverged().get(0);
    assertEquals(1e6, d.lambda());
    assertEquals(0.0, d.dropout());
    assertEquals(0L, d.seed(), "the first seed that diverged");
    assertTrue(d.message().startsWith("training diverged at epoch " + d.epoch()), d.message());
    assertEquals(w.rows().size(), r.rows().size());
    for (int i = 0; i < w.rows().size(); i++) {
      MnistL2.Row a = w.rows().get(i);
      MnistL2.Row b = r.rows().get(i);
      assertEquals(a.lambda(), b.lambda());
      assertEquals(a.testAccuracyMean(), b.testAccuracyMean(), "row " + i);
      assertEquals(a.testLossMean(), b.testLossMean(), "row " + i);
      assertEquals(a.trainLossMean(), b.trainLossMean(), "row " + i);
      assertArrayEquals(a.layerWeightNormsMean(), b.layerWeightNormsMean(), "row " + i);
    }
    assertEquals(Files.readString(dir.resolve("without/histograms.json")),
        Files.readString(dir.resolve("both/histograms.json")));
    assertEquals(losses(dir.resolve("without/runs/lambda-0.01/seed-1")),
        losses(dir.resolve("both/runs/lambda-0.01/seed-1")));
    String experiment = Files.readString(dir.resolve("both/experiment.json"));
    assertTrue(experiment.contains("\"diverged\" : [ {") && experiment.contains("\"seed\" : 0"),
        experiment);
    assertTrue(MnistL2.table(r).contains("diverged (seed 0, epoch " + d.epoch() + ")"),
        MnistL2.table(r));
    String report = Files.readString(HtmlReport.write(dir.resolve("both")));
    Matcher note = Pattern.compile("One setting diverged and has"
        + " no row: λ = ([^ ]+) \\(seed 0, epoch " + d.epoch() + "\\)").matcher(report);
    assertTrue(note.find(), "the report names the diverged setting");
    assertEquals(1e6, Double.parseDouble(note.group(1)));

    MnistL2.Settings none = new MnistL2.Settings(List.of(1e6), 0.2, List.of(), List.of(0L),
        RECIPE.toBuilder().epochs(1).build());
    DivergenceException e = assertThrows(DivergenceException.class, () -> MnistL2.run(data,
        none, RunWriter.open(dir.resolve("none"), RunKind.MNIST_L2), ExperimentListener.none()));
    assertTrue(e.getMessage().startsWith("the only setting diverged; the first: λ="),
        e.getMessage());
  }

  /** The train_loss column of a run's history.csv. */
  private static List<Double> losses(Path runDir) throws Exception {
    List<String> lines = Files.readAllLines(runDir.resolve("history.csv"));
    int column = List.of(lines.get(0).split(",")).indexOf("train_loss");
    assertTrue(column >= 0, lines.get(0));
    List<Double> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      out.add(Double.parseDouble(line.split(",")[column]));
    }
    return out;
  }

  /** A λ or seed given twice would be one row shown, or averaged, as two (± 0 over "3 seeds"). */
  @Test
  void settings_refuseALambdaOrSeedGivenTwice() {
    MnistL2.Settings q = MnistL2.Settings.quick();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MnistL2.Settings(List.of(0.1, 0.1), q.dropout(), q.dropoutLambdas(), q.seeds(),
            q.recipe()));
    assertEquals("lambdas must be distinct; 0.1 is given twice (values 1 and 2)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new MnistL2.Settings(q.lambdas(), q.dropout(), q.dropoutLambdas(), List.of(1L, 1L),
            q.recipe()));
    assertEquals("seeds must be distinct; 1 is given twice (values 1 and 2)", e.getMessage());
  }

  /** -0.0 and 0.0 are one λ, though the Doubles are not equal(). */
  @Test
  void settings_refuseZeroAndMinusZero() {
    MnistL2.Settings q = MnistL2.Settings.quick();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MnistL2.Settings(List.of(0.0, -0.0), q.dropout(), q.dropoutLambdas(),
            q.seeds(), q.recipe()));
    assertEquals("lambdas must be distinct; 0.0 and -0.0 (values 1 and 2) are the same",
        e.getMessage());
  }

  /**
   * Two λ that differ in their second significant digit have two labels: λ below 0.01 was
   * written in one digit ("%.0e"), so 0.0035 and 0.004 were both "λ=4e-03" in the progress
   * lines and both "4e-03" in the table. Their run folders are named by the doubles
   * (lambda-0.0035, lambda-0.004), two folders, and stay so.
   */
  @Test
  void twoLambdasThatDifferInTheSecondDigit_haveTwoLabelsAndTwoRunFolders() throws Exception {
    TrainTest all = digits();
    TrainTest data = new TrainTest(all.train().subset(IntStream.range(0, 200).toArray()),
        all.test().subset(IntStream.range(0, 50).toArray()));
    MnistL2.Settings s = new MnistL2.Settings(List.of(0.0035, 0.004), 0.2, List.of(),
        List.of(0L), new MnistL2.Recipe(1, 64, 0.05, 0.9, List.of(8)));
    List<String> labels = Collections.synchronizedList(new ArrayList<>());
    ExperimentListener listener = new ExperimentListener() {
      @Override
      public void runStarted(int index, int total, String label) {
        labels.add(label);
      }

      @Override
      public void runFinished(int index, int total, String summary) {}
    };
    MnistL2.Results r = MnistL2.run(data, s, RunWriter.open(dir.resolve("m"),
        RunKind.MNIST_L2), listener);
    assertEquals(List.of("λ=3.5e-03, seed 0", "λ=4e-03, seed 0"), labels.stream().sorted()
        .toList());
    List<String> firstColumn = MnistL2.table(r).lines().skip(1)
        .map(line -> line.split(" +")[0]).toList();
    assertEquals(List.of("3.5e-03", "4e-03"), firstColumn);
    assertTrue(Files.isDirectory(dir.resolve("m/runs/lambda-0.0035/seed-0")));
    assertTrue(Files.isDirectory(dir.resolve("m/runs/lambda-0.004/seed-0")));
  }

  /**
   * The printed table's columns are as wide as their widest entry: a λ of nine characters
   * ("1.234e-03") overflowed the 8-character λ column and pushed the rest of its row one
   * character right of the header and of the other rows. A diverged setting's line too.
   */
  @Test
  void table_columnsLineUp_whenALambdaIsNineCharactersLong() {
    List<MnistL2.Row> rows = List.of(
        new MnistL2.Row(0, 0, 0, 2, 0.95, 0.002, 0.17, 0.01, 0.1, 14.06, new double[] {1}, 1),
        new MnistL2.Row(0.0012344, 0.25, 0, 2, 0.9, 0.003, 0.3, 0.02, 0.2, 3.5,
            new double[] {1}, 1));
    String table = MnistL2.table(new MnistL2.Results(rows, List.of(
        new MnistL2.Diverged(0.0098765, 0, 0, 1, 1, "training diverged"))));
    List<String> lines = table.lines().toList();
    assertEquals(4, lines.size(), table);
    assertTrue(lines.get(2).startsWith("1.234e-03 0.25"), table);
    assertTrue(lines.get(3).startsWith("9.877e-03 0 "), table);
    int seeds = lines.get(0).indexOf("seeds");
    int accuracy = lines.get(0).indexOf("test accuracy");
    int trainLoss = lines.get(0).indexOf("train loss");
    for (String row : lines.subList(1, 3)) {
      assertEquals("2", row.substring(seeds, seeds + 1), table);
      assertEquals(' ', row.charAt(seeds - 1), table);
      assertTrue(Character.isDigit(row.charAt(accuracy)), table);
      assertTrue(Character.isDigit(row.charAt(trainLoss)), table);
      assertEquals(' ', row.charAt(trainLoss - 1), table);
    }
    assertEquals(lines.get(2).indexOf("0.25"), lines.get(0).indexOf("dropout"), table);
    assertEquals(lines.get(3).indexOf("diverged"), seeds, table);
    assertTrue(lines.stream().noneMatch(l -> l.endsWith(" ")), "no trailing blanks: " + table);
  }
}
