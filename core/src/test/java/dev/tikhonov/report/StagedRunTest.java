package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment into the folder of an earlier finished run rewrote its files in place as it
 * went: stopped half-way, the folder held the earlier run.json beside a mix of new and old
 * histories and results, and the earlier run was lost. It stages its files in
 * {@value RunWriter#STAGING} until it ends. Each stop here is a writer left without
 * {@link RunWriter#finish}, as a stopped process leaves it (the finished case, which draws a
 * report, is the CLI's ExperimentCommandTest).
 */
class StagedRunTest {
  @TempDir Path dir;

  /** Every file under {@code root} and its bytes, by relative path. */
  private static Map<String, byte[]> files(Path root) throws Exception {
    Map<String, byte[]> all = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          all.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    }
    return all;
  }

  @Test
  void anExperimentStoppedOverAnEarlierRun_leavesEveryEarlierFileAsItWas() throws Exception {
    Path run = dir.resolve("run");
    RunManifestTest.earlierRun(run, RunKind.GD_LINEAR, "experiment.json", "results.json",
        "runs/lambda-0.0/history.csv", "runs/lambda-0.0/history.json", "charts/curves.svg");
    Files.writeString(run.resolve("report.html"), "<html>earlier</html>");
    Map<String, byte[]> before = files(run);

    RunWriter stopped = RunWriter.open(run, RunKind.GD_LINEAR);
    stopped.json("experiment.json", Map.of("name", "gd-linear"));
    stopped.text("runs/lambda-0.0/history.csv", "epoch,loss\n1,0.5\n");
    stopped.json("results.json", List.of(Map.of("lambda", 0.0)));
    assertTrue(stopped.wrote("results.json"));

    Map<String, byte[]> after = files(run);
    after.keySet().removeIf(p -> p.startsWith(RunWriter.STAGING + "/"));
    assertEquals(before.keySet(), after.keySet());
    before.forEach((p, bytes) -> assertArrayEquals(bytes, after.get(p), p));
    assertEquals(List.of(), RunManifest.changed(run));
    assertEquals(Optional.of(run.resolve(RunWriter.STAGING)), stopped.staging());
    assertTrue(Files.isRegularFile(run.resolve(RunWriter.STAGING).resolve("results.json")));

    // the next run empties the stopped run's staging folder as it writes its first file
    RunWriter next = RunWriter.open(run, RunKind.GD_LINEAR);
    assertFalse(next.wrote("results.json"), "the stopped run's staged results are not its own");
    next.json("experiment.json", Map.of("name", "gd-linear"));
    assertFalse(Files.exists(run.resolve(RunWriter.STAGING).resolve("results.json")));
  }

  @Test
  void aFirstExperiment_andATrainRunOverAnEarlierOne_stageNothing() throws Exception {
    assertEquals(Optional.empty(), RunWriter.open(dir.resolve("new"), RunKind.GD_LINEAR)
        .staging());
    Path train = dir.resolve("train");
    RunManifestTest.earlierRun(train, RunKind.TRAIN, "history.csv");
    // train --resume DIR continues the checkpoint in the directory: never staged
    assertEquals(Optional.empty(), RunWriter.open(train, RunKind.TRAIN).staging());
  }
}
