package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's own files, and the start-of-run check of the folders it writes into. */
class RunWriterTest {
  @TempDir Path dir;

  @Test
  void writes_namesTheFilesOfEachKind_andNothingElse() {
    assertTrue(RunKind.TRAIN.writes(Path.of("history.csv")));
    assertTrue(RunKind.TRAIN.writes(Path.of("checkpoint.safetensors")));
    assertTrue(RunKind.PATH.writes(Path.of("report.html")));
    assertTrue(RunKind.PATH.writes(Path.of("charts", "anything.png")));
    assertTrue(RunKind.MNIST_L2.writes(Path.of("runs", "lambda-0.1", "seed-0", "history.csv")));
    assertTrue(RunKind.RIDGE_VS_LASSO.writes(Path.of("path-lasso.json")));
    assertTrue(RunKind.MNIST_SELECT.writes(Path.of("selection-digits-warm.csv")));
    // they were missing from the lists: --save there was not refused, and a later run into the
    // folder would not know them as the earlier run's
    assertTrue(RunKind.PATH.writes(Path.of("out-of-fold.csv")));
    assertTrue(RunKind.PATH.writes(Path.of("l1-ratios.csv")));
    assertTrue(RunKind.SELECT.writes(Path.of("metrics.json")));
    assertTrue(RunKind.GRID.writes(Path.of("metrics.json")));
    assertFalse(RunKind.TRAIN.writes(Path.of("model.safetensors")));
    assertFalse(RunKind.TRAIN.writes(Path.of("runs", "x")));
    assertFalse(RunKind.PATH.writes(Path.of("history.csv")));
    assertFalse(RunKind.MNIST_SELECT.writes(Path.of("sub", "selection-a.json")));
    // runs/ and charts/ hold the histories and charts of the run, not whatever else is there
    assertTrue(RunKind.GD_LINEAR.writes(Path.of("runs", "lambda-0.1", "history.json")));
    assertFalse(RunKind.GD_LINEAR.writes(Path.of("runs", "lambda-0.1", "seed-0", "history.csv")));
    assertFalse(RunKind.MNIST_L2.writes(Path.of("runs", "lambda-0.1", "history.csv")));
    assertFalse(RunKind.MNIST_L2.writes(Path.of("runs", "tb", "events.out.tfevents.1")));
    assertFalse(RunKind.MNIST_L2.writes(Path.of("runs", "path-20261206-110926", "path.json")));
    assertFalse(RunKind.PATH.writes(Path.of("charts", "notes.txt")));
    assertFalse(RunKind.PATH.writes(Path.of("charts", "mine", "figure.svg")));
  }

  @Test
  void writes_comparesRealPaths() throws Exception {
    RunWriter run = RunWriter.open(dir.resolve("run"), RunKind.TRAIN);
    assertTrue(run.writes(dir.resolve("x/../run/./report.html")));
    Files.createDirectories(dir.resolve("run"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("run"));
    assertTrue(run.writes(link.resolve("metrics.json")));
    assertFalse(run.writes(dir.resolve("run/my.model")));
    assertFalse(run.writes(dir.resolve("run")));
    assertFalse(run.writes(dir.resolve("report.html")));
  }

  /** It used to fail after the work, with new results beside the old report. */
  @Test
  void open_whenChartsFolderCannotBeWritten_refusesBeforeWork() throws Exception {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "root writes into a read-only folder");
    Path charts = Files.createDirectories(dir.resolve("run/charts"));
    Files.setPosixFilePermissions(charts, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      InputException e = assertThrows(InputException.class,
          () -> RunWriter.open(dir.resolve("run"), RunKind.TRAIN));
      assertTrue(e.getMessage().startsWith(charts + ": cannot write the charts of the run there"),
          e.getMessage());
    } finally {
      Files.setPosixFilePermissions(charts, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void open_whenRunsFolderOfAnExperimentCannotBeWritten_refusesBeforeWork() throws Exception {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "root writes into a read-only folder");
    Path seed = Files.createDirectories(dir.resolve("run/runs/lambda-0.1/seed-0"));
    Files.setPosixFilePermissions(seed, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      InputException e = assertThrows(InputException.class,
          () -> RunWriter.open(dir.resolve("run"), RunKind.MNIST_L2));
      assertEquals(true, e.getMessage().startsWith(seed + ": cannot write the histories"),
          e.getMessage());
      RunWriter.open(dir.resolve("run"), RunKind.TRAIN);
    } finally {
      Files.setPosixFilePermissions(seed, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /**
   * An earlier run of {@code kind} in {@code dir}: the given files, and its run.json listing
   * those of them that a run of the kind writes (the others are the user's).
   */
  private static void earlierRun(Path dir, RunKind kind, String... files) throws Exception {
    StringBuilder listed = new StringBuilder();
    for (String f : files) {
      Files.createDirectories(dir.resolve(f).getParent());
      Files.writeString(dir.resolve(f), "earlier " + f);
      if (kind.writes(Path.of(f))) {
        listed.append(listed.length() == 0 ? "" : ", ").append(entry(f, "earlier " + f));
      }
    }
    Files.writeString(dir.resolve("run.json"), "{\"kind\": \"" + kind.id() + "\", \"files\": ["
        + listed + "]}");
  }

  /** An entry of run.json's "files": a file of {@code content} at {@code path}. */
  private static String entry(String path, String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    return "{\"path\": \"" + path + "\", \"size\": " + bytes.length + ", \"sha256\": \"" + sha
        + "\"}";
  }

  /** A train run that writes only metrics.json, into {@code dir}. */
  private static RunWriter trainRun(Path dir) {
    RunWriter run = RunWriter.open(dir, RunKind.TRAIN);
    run.metrics(Map.of("test_accuracy", 0.5));
    run.finish(RunInfo.of(RunKind.TRAIN, "train", List.of(), OptionalLong.of(0), 1,
        Optional.empty(), Instant.now(), Map.of()));
    return run;
  }

  /**
   * The report failed after the results and run.json were written (a disk full while drawing a
   * chart; here a folder where the chart goes, made after the run opened the directory): the
   * new results stood beside the earlier run's report.html, and the message did not say the
   * results were written (redteam35).
   */
  @Test
  void finish_whenTheReportFails_removesTheEarlierReportAndSaysTheResultsWereWritten()
      throws Exception {
    Path run = dir.resolve("run");
    earlierRun(run, RunKind.TRAIN, "metrics.json", "report.html", "notes.txt");
    RunWriter writer = RunWriter.open(run, RunKind.TRAIN);
    // after open, which refuses a folder in the way before the work: as a disk fills later
    Path chart = Files.createDirectories(run.resolve("charts/loss-curves.svg/in-the-way"))
        .getParent();
    writer.text("history.csv", SampleRuns.historyCsv(3, 0.1, 0));
    writer.metrics(Map.of("test_accuracy", 0.5));
    InputException e = assertThrows(InputException.class, () -> writer.finish(RunInfo.of(
        RunKind.TRAIN, "train", List.of(), OptionalLong.of(0), 1, Optional.empty(),
        Instant.now(), Map.of())));
    assertTrue(e.getMessage().startsWith(chart.toString()), e.getMessage());
    assertTrue(e.getMessage().endsWith("; the run's results and run.json were written, its"
        + " report was not (the earlier run's report.html, which would have been read as this"
        + " run's, was removed)"), e.getMessage());
    assertTrue(writer.reportPending());
    assertFalse(Files.exists(run.resolve("report.html")));
    assertTrue(Files.readString(run.resolve("run.json")).contains("history.csv"));
    assertEquals("earlier notes.txt", Files.readString(run.resolve("notes.txt")));
    // the folder holds a complete run: its report is drawn once the cause is gone
    Files.delete(chart.resolve("in-the-way"));
    Files.delete(chart);
    HtmlReport.write(run);
    assertTrue(Files.isRegularFile(run.resolve("charts/loss-curves.svg")));
  }

  /**
   * Another kind's run in the same directory: its results, runs/ histories and charts stayed
   * beside the new run's files, read as this run's; the user's own files are not a run's.
   */
  @Test
  void finish_removesTheEarlierRunsFilesItDidNotRewrite_andNoneOfTheUsers() throws Exception {
    Path run = dir.resolve("run");
    earlierRun(run, RunKind.MNIST_L2, "results.json", "histograms.json",
        "runs/lambda-0.1/seed-0/history.csv", "charts/test-accuracy.svg", "notes.txt",
        "my-data/results.json", "history.txt");
    RunWriter writer = trainRun(run);
    for (String gone : List.of("results.json", "histograms.json", "runs",
        "charts/test-accuracy.svg")) {
      assertFalse(Files.exists(run.resolve(gone)), gone);
    }
    for (String kept : List.of("notes.txt", "my-data/results.json", "history.txt",
        "metrics.json", "report.html")) {
      assertTrue(Files.exists(run.resolve(kept)), kept);
    }
    assertTrue(Files.readString(run.resolve("run.json")).contains("\"train\""));
    assertEquals(4, writer.removed().size(), writer.removed().toString());
    assertEquals("removed 4 files of the earlier experiment mnist-l2 run in " + run
        + " that this run did not rewrite: histograms.json, results.json,"
        + " runs/lambda-0.1/seed-0/history.csv, charts/test-accuracy.svg",
        writer.removedMessage().orElseThrow());
  }

  /**
   * A folder under runs/ that is not an experiment's history: another run's (runs/path-TIME,
   * where a run goes without --out; it has its own run.json), the user's (TensorBoard's
   * runs/), or a file of the user's beside a history. "runs/" stood for the whole folder: an
   * experiment --out . then a path --out . removed every earlier run in ./runs.
   */
  @Test
  void finish_removesOnlyTheHistoriesInRunsAndTheChartsInCharts() throws Exception {
    Path run = dir.resolve("run");
    earlierRun(run, RunKind.GD_LINEAR, "results.json", "runs/lambda-0.1/history.csv",
        "runs/lambda-0.1/notes.txt", "runs/path-20261206-110926/run.json",
        "runs/path-20261206-110926/path.json", "runs/train-20261206-110930/run.json",
        "runs/train-20261206-110930/history.csv", "runs/tb/events.out.tfevents.1",
        "charts/slope.svg", "charts/mine/figure.svg", "charts/notes.txt");
    RunWriter writer = trainRun(run);
    assertEquals(List.of(run.resolve("results.json"), run.resolve("runs/lambda-0.1/history.csv"),
        run.resolve("charts/slope.svg")), writer.removed());
    for (String kept : List.of("runs/lambda-0.1/notes.txt", "runs/path-20261206-110926/run.json",
        "runs/path-20261206-110926/path.json", "runs/train-20261206-110930/run.json",
        "runs/train-20261206-110930/history.csv", "runs/tb/events.out.tfevents.1",
        "charts/mine/figure.svg", "charts/notes.txt")) {
      assertTrue(Files.exists(run.resolve(kept)), kept);
    }
  }

  /** The same kind with other options: what this run rewrote stays, the rest goes. */
  @Test
  void finish_keepsWhatThisRunRewrote() throws Exception {
    Path run = dir.resolve("run");
    earlierRun(run, RunKind.TRAIN, "metrics.json", "weights.json", "checkpoint.safetensors",
        "charts/loss-curves.svg");
    RunWriter writer = trainRun(run);
    assertTrue(Files.readString(run.resolve("metrics.json")).contains("test_accuracy"));
    assertFalse(Files.exists(run.resolve("weights.json")));
    assertFalse(Files.exists(run.resolve("checkpoint.safetensors")));
    assertFalse(Files.exists(run.resolve("charts/loss-curves.svg")));
    assertEquals(3, writer.removed().size(), writer.removed().toString());
  }

  /** A folder with no run.json is not known to be a run's: nothing in it is removed. */
  @Test
  void finish_withoutAnEarlierRunJson_removesNothing() throws Exception {
    Path run = dir.resolve("run");
    earlierRun(run, RunKind.MNIST_L2, "results.json", "checkpoint.safetensors");
    Files.delete(run.resolve("run.json"));
    RunWriter writer = trainRun(run);
    assertTrue(Files.exists(run.resolve("results.json")));
    assertTrue(Files.exists(run.resolve("checkpoint.safetensors")));
    assertEquals(Optional.empty(), writer.removedMessage());
  }

  /** A run that fails before its end (no finish) leaves the earlier run's files as they were. */
  @Test
  void aRunThatDoesNotFinish_removesNothing() throws Exception {
    Path run = dir.resolve("run");
    earlierRun(run, RunKind.PATH, "path.json", "path.csv", "out-of-fold.csv");
    RunWriter writer = RunWriter.open(run, RunKind.PATH);
    writer.text("path.csv", "lambda\n1\n");
    assertTrue(Files.exists(run.resolve("out-of-fold.csv")));
    assertEquals("earlier path.json", Files.readString(run.resolve("path.json")));
    assertEquals(List.of(), writer.removed());
  }

  /** An earlier run's file this run reads (its data, a checkpoint it continues) stays. */
  @Test
  void finish_keepsTheEarlierFilesThisRunTookAsItsOwn() throws Exception {
    Path run = dir.resolve("run");
    earlierRun(run, RunKind.MNIST_L2, "results.csv", "results.json",
        "runs/lambda-0.1/seed-0/history.csv", "runs/lambda-0.1/seed-1/history.csv");
    RunWriter writer = RunWriter.open(run, RunKind.TRAIN);
    writer.keep(run.resolve("results.csv"));
    writer.keep(dir.resolve("x/../run/runs/lambda-0.1"));
    writer.keep(dir.resolve("elsewhere.csv"));
    writer.metrics(Map.of("test_accuracy", 0.5));
    writer.finish(RunInfo.of(RunKind.TRAIN, "train", List.of(), OptionalLong.of(0), 1,
        Optional.empty(), Instant.now(), Map.of()));
    assertTrue(Files.exists(run.resolve("results.csv")));
    assertTrue(Files.exists(run.resolve("runs/lambda-0.1/seed-1/history.csv")));
    assertFalse(Files.exists(run.resolve("results.json")));
    assertEquals(List.of(run.resolve("results.json")), writer.removed());
  }

  /** An --out that is a link to the earlier run's folder: its files are found through it. */
  @Test
  void finish_throughALinkToTheFolder_removesTheEarlierFiles() throws Exception {
    Path run = dir.resolve("run");
    earlierRun(run, RunKind.PATH, "path.json", "out-of-fold.csv");
    Path link = Files.createSymbolicLink(dir.resolve("link"), run);
    RunWriter writer = trainRun(link);
    assertFalse(Files.exists(run.resolve("out-of-fold.csv")));
    assertEquals(List.of(link.resolve("out-of-fold.csv"), link.resolve("path.json")),
        writer.removed());
    assertTrue(Files.isSymbolicLink(link));
  }
}

