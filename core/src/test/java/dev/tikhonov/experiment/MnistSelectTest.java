package dev.tikhonov.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.report.RunInfo;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mnist-select on a slice of the digits: the rows, the files, the report. */
class MnistSelectTest {
  @TempDir Path dir;

  static MnistSelect.Settings tiny() {
    return MnistSelect.Settings.full().toBuilder()
        .recipe(new MnistL2.Recipe(3, 50, 0.05, 0.9, List.of(16))).warmEpochs(1)
        .numLambdas(4).minLambda(1e-4).folds(3, 0).earlyStopping(2, 0.1).rule("1se")
        .seeds(List.of(0L, 1L)).methods(List.of("warm", "cold", "warm-decreasing"))
        .evidence(true).trainRows(500).build();
  }

  /**
   * A divergence is reported by the timed run, in its terms: the untimed warm-up before it
   * trains on fewer rows (its own batch count), so its message would name batches the run
   * does not have.
   */
  @Test
  void run_whenTrainingDiverges_theTimedRunReportsIt() throws Exception {
    MnistSelect.Settings s = tiny().toBuilder()
        .recipe(new MnistL2.Recipe(3, 50, 1e6, 0.9, List.of(16))).methods(List.of("warm"))
        .trainRows(1500).build();
    TrainTest all = Mnist.bundled();
    TrainTest digits = new TrainTest(all.train(),
        all.test().subset(IntStream.range(0, 100).toArray()));
    RunWriter out = RunWriter.open(dir, RunKind.MNIST_SELECT);
    dev.tikhonov.train.DivergenceException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.tikhonov.train.DivergenceException.class, () -> MnistSelect.run(
            List.of(new MnistSelect.DataSet("digits", digits, "bundled")), s, 1, out,
            new ExperimentListener() {}));
    // the all-rows path first: 1,500 rows less the 10 % early-stopping split, 27 batches of
    // 50 (the warm-up's 1,000 rows made 18)
    assertTrue(e.getMessage().startsWith("all rows, λ = "), e.getMessage());
    assertTrue(e.getMessage().contains(" of 27"), e.getMessage());
  }

  @Test
  void run_comparesTheMethodsOnEachDataSet_andWritesTheirFiles() throws Exception {
    TrainTest all = Mnist.bundled();
    TrainTest digits = new TrainTest(all.train(),
        all.test().subset(IntStream.range(0, 300).toArray()));
    RunWriter out = RunWriter.open(dir, RunKind.MNIST_SELECT);
    int[] finished = {0};
    List<MnistSelect.Row> rows = MnistSelect.run(
        List.of(new MnistSelect.DataSet("digits", digits, "bundled")), tiny(), 2, out,
        new ExperimentListener() {
          @Override
          public void runFinished(int index, int total, String summary) {
            finished[0]++;
            assertEquals(MnistSelect.fits(tiny()), total);
          }
        });
    assertEquals(MnistSelect.fits(tiny()), finished[0], "every fit reported once");
    assertEquals(3, rows.size());
    MnistSelect.Row warm = rows.get(0);
    MnistSelect.Row cold = rows.get(1);
    assertEquals("warm", warm.method());
    assertEquals("cold", cold.method());
    for (MnistSelect.Row r : rows) {
      assertTrue(r.lambda1se() >= r.lambdaMin(), r.toString());
      assertEquals(r.lambda1se(), r.lambdaChosen(), "the one-SE rule");
      assertEquals(2, r.seeds());
      assertTrue(r.evidenceLambda().isPresent(), "the warm path's evidence, on every row of the data");
      assertTrue(Files.isRegularFile(dir.resolve("selection-digits-" + r.method() + ".json")));
    }
    // 3 folds × 4 λ + the all-rows path (warm) or one refit (cold)
    assertEquals(16, warm.fits());
    assertEquals(13, cold.fits());
    assertTrue(warm.epochs() < cold.epochs(), "warm: 3 + 3×1 epochs per path at most; cold"
        + " 3 per fit: " + warm.epochs() + " vs " + cold.epochs());
    assertTrue(warm.evidenceSeconds().isPresent());
    assertTrue(cold.evidenceSeconds().isEmpty());
    out.finish(RunInfo.of(RunKind.MNIST_SELECT, "experiment mnist-select", List.of(),
        OptionalLong.of(0), 2, Optional.empty(), Instant.now(), Map.of("experiment", "mnist-select")));
    String html = Files.readString(dir.resolve("report.html"));
    for (String chart : List.of("cv-digits", "evidence-digits", "layer-norms-digits",
        "epochs-digits")) {
      assertTrue(Files.size(dir.resolve("charts").resolve(chart + ".svg")) > 1000, chart);
    }
    assertTrue(html.contains("cold ÷ this"), "the time ratio, inside the time columns");
    assertTrue(Files.readString(dir.resolve("results.csv")).startsWith("data,method,rule"));
  }

  /**
   * --train-rows 1 or 5 failed deep inside the fits, advising "give the λ values" or
   * --validation-fraction, settings mnist-select does not have.
   */
  @Test
  void settings_tooFewTrainingRowsForTheFolds_areRefusedUpFront() {
    MnistSelect.Settings.Builder five = MnistSelect.Settings.full().toBuilder();
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> five.trainRows(49).build());
    assertEquals("trainRows must be 0 (all rows) or at least 10 per fold (50 with 5 folds), got"
        + " 49", e.getMessage());
    assertEquals(50, five.trainRows(50).build().trainRows());
    assertEquals(0, five.trainRows(0).build().trainRows());
  }
}
