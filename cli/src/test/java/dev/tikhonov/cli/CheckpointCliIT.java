package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.internal.io.ModelFile;
import dev.tikhonov.io.CheckpointFile;
import dev.tikhonov.train.Model;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training process killed with SIGKILL in the middle of an epoch, then resumed with
 * {@code train --resume}, ends exactly where an uninterrupted run with the same seed and thread
 * count ends: identical weights, metrics and history.
 */
class CheckpointCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SETTINGS = List.of("train", "--model", "mlp:64",
      "--dropout", "0.2", "--lambda", "1e-4", "--epochs", "3", "--threads", "1", "--seed", "4",
      "--validation-fraction", "0.1", "--checkpoint-every", "1");
  @TempDir static Path dir;
  private static JsonNode fullMetrics;
  private static Model fullModel;

  private static String[] args(String run, String... more) {
    List<String> a = new ArrayList<>(SETTINGS);
    a.addAll(List.of("--out", run, "--save", run + ".safetensors"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @BeforeAll
  static void uninterrupted() throws Exception {
    Cli.Result r = Cli.run(dir, args("full", "--quiet", "--json"));
    assertEquals(0, r.exitCode(), r.stderr());
    fullMetrics = JSON.readTree(r.stdout());
    fullModel = ModelFile.load(dir.resolve("full.safetensors"));
  }

  @RepeatedTest(2)
  void killedMidEpoch_thenResumed_equalsUninterruptedRun(RepetitionInfo repetition)
      throws Exception {
    String run = "killed" + repetition.getCurrentRepetition();
    int killAfterBatch = repetition.getCurrentRepetition() == 1 ? 3 : 25;
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Cli.jar().toString()));
    cmd.addAll(List.of(args(run, "--quiet")));
    Path err = dir.resolve(run + ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(dir.resolve(run + ".out").toFile()).redirectError(err.toFile());
    pb.environment().put("TIKHONOV_TRACE_BATCHES", "1");
    Process p = pb.start();
    String marker = "batch 2 " + killAfterBatch;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.readString(err, StandardCharsets.UTF_8).contains(marker)) {
      assertTrue(p.isAlive(), "training ended before epoch 2: "
          + Files.readString(err, StandardCharsets.UTF_8));
      assertTrue(System.nanoTime() < deadline, "no progress");
      Thread.sleep(5);
    }
    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(137, p.exitValue(), "killed by SIGKILL (128 + 9)");

    Path checkpoint = dir.resolve(run).resolve(CheckpointFile.FILE_NAME);
    assertEquals(1, CheckpointFile.read(checkpoint).state().epoch(),
        "killed in epoch 2: the checkpoint of epoch 1 is the last good one");
    assertFalse(Files.exists(dir.resolve(run + ".safetensors")), "the run did not finish");

    // Retraining from epoch 1 would end the same as resuming: the traced batches tell them
    // apart. Epoch 1 of the killed run gives the batches per epoch; the resumed run must run
    // exactly epochs 2 and 3, batch 1 to the last, and nothing of epoch 1.
    List<String> killedTrace = trace(Files.readString(err, StandardCharsets.UTF_8));
    long perEpoch = killedTrace.stream().filter(l -> l.startsWith("batch 1 ")).count();
    assertTrue(perEpoch > 1, "epoch 1 traced: " + killedTrace);
    List<String> expectedTrace = new ArrayList<>();
    for (int epoch = 2; epoch <= 3; epoch++) {
      for (int b = 1; b <= perEpoch; b++) {
        expectedTrace.add("batch " + epoch + " " + b);
      }
    }
    List<String> resumeCmd = new ArrayList<>(cmd.subList(0, 3));
    resumeCmd.addAll(List.of("train", "--resume", run, "--quiet", "--json"));
    Path resumedOut = dir.resolve(run + "-resumed.out");
    Path resumedErr = dir.resolve(run + "-resumed.err");
    ProcessBuilder again = new ProcessBuilder(resumeCmd).directory(dir.toFile())
        .redirectOutput(resumedOut.toFile()).redirectError(resumedErr.toFile());
    again.environment().put("TIKHONOV_TRACE_BATCHES", "1");
    Process r = again.start();
    assertTrue(r.waitFor(10, TimeUnit.MINUTES), "the resumed run did not finish");
    String resumedStderr = Files.readString(resumedErr, StandardCharsets.UTF_8);
    assertEquals(0, r.exitValue(), resumedStderr);
    assertEquals(expectedTrace, trace(resumedStderr), "the resumed run's batches");
    JsonNode m = JSON.readTree(Files.readString(resumedOut, StandardCharsets.UTF_8));
    for (String k : new String[] {"test_accuracy", "test_loss", "train_loss", "penalty",
        "epochs", "best_epoch"}) {
      assertEquals(fullMetrics.get(k).asDouble(), m.get(k).asDouble(), 0, k);
    }
    Model model = ModelFile.load(dir.resolve(run + ".safetensors"));
    var expected = fullModel.network().parameters();
    var actual = model.network().parameters();
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).value().toArray(), actual.get(i).value().toArray(),
          expected.get(i).name());
    }
    assertEquals(column(dir.resolve("full/history.csv"), 1),
        column(dir.resolve(run + "/history.csv"), 1), "train_loss per epoch");
    assertEquals(column(dir.resolve("full/history.csv"), 4),
        column(dir.resolve(run + "/history.csv"), 4), "val_loss per epoch");
  }

  /** The "batch E B" lines that TIKHONOV_TRACE_BATCHES makes train print to stderr. */
  private static List<String> trace(String stderr) {
    return stderr.lines().filter(l -> l.matches("batch [0-9]+ [0-9]+")).toList();
  }

  private static List<String> column(Path csv, int index) throws Exception {
    return Files.readAllLines(csv).stream().map(l -> l.split(",")[index]).toList();
  }

  @Test
  void resume_withOtherSettings_isRejected() throws Exception {
    Cli.Result r = Cli.run(dir, "train", "--resume", "full", "--lambda", "0.1");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errorLines().size(), r.stderr());
    assertTrue(r.stderr().contains("drop --lambda"), r.stderr());
  }

  @Test
  void resume_directoryWithoutCheckpoint_isRejected() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    Cli.Result r = Cli.run(dir, "train", "--resume", "empty");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errorLines().size(), r.stderr());
    assertTrue(r.stderr().contains("no checkpoint here"), r.stderr());
  }

  @Test
  void divergence_stopsCleanlyAndKeepsTheLastGoodCheckpoint() throws Exception {
    // y = 50·x on a few rows: SGD with lr 0.35 (above 2/L ≈ 0.24) diverges after some epochs, not in the first.
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 40; i++) {
      double x = 1 + i % 4;
      csv.append(x).append(',').append(50 * x).append('\n');
    }
    Files.writeString(dir.resolve("line.csv"), csv);
    Cli.Result r = Cli.run(dir, "train", "--data", "line.csv", "--target", "y", "--model",
        "linear", "--optimizer", "sgd", "--lr", "0.35", "--epochs", "400", "--batch-size", "64",
        "--test-fraction", "0.25", "--checkpoint-every", "1", "--threads", "1", "--out",
        "diverged", "--quiet");
    assertEquals(3, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("training diverged at epoch"), r.stderr());
    assertTrue(r.stderr().contains("last good checkpoint"), r.stderr());
    var state = CheckpointFile.read(dir.resolve("diverged").resolve(CheckpointFile.FILE_NAME))
        .state();
    assertTrue(state.epoch() >= 1, "some epochs were checkpointed");
    state.parameters().values().forEach(v -> assertTrue(v.allFinite()));
  }
}
