package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped before its own run.json (Ctrl-C, a crash, a full disk), and {@code report}'s
 * charts: the files they wrote were in no list, so the next run into the folder never removed
 * them, and the files the stopped run rewrote no longer matched the earlier run.json's hashes
 * (docs/formats.md, "A run into the folder of an earlier run"). Each stop here is a run whose
 * writer is left without {@link RunWriter#finish}, as a stopped process leaves it.
 */
class StoppedRunTest {
  @TempDir Path dir;

  private static String file(Path dir, String path, String content) throws Exception {
    return RunManifestTest.file(dir, path, content);
  }

  private static void earlierRun(Path dir, RunKind kind, String... files) throws Exception {
    RunManifestTest.earlierRun(dir, kind, files);
  }

  private static RunInfo info(RunKind kind) {
    return RunManifestTest.info(kind);
  }

  /** A train run that writes metrics.json and ends. */
  private static RunWriter trainRun(Path dir) {
    RunWriter run = RunWriter.open(dir, RunKind.TRAIN);
    run.metrics(Map.of("test_accuracy", 0.5));
    run.finish(info(RunKind.TRAIN));
    return run;
  }

  private static List<String> listed(JsonNode list) {
    return RunManifestTest.listed(list);
  }

  /**
   * The case of the brief: a path run into the folder of an earlier one rewrote path.csv and
   * wrote a new out-of-fold.csv, then was stopped. The next run removed the earlier run's
   * unchanged path.json only; the stopped run's two files stayed, read as the next run's.
   */
  @Test
  void aRunStoppedBeforeItsRunJson_itsFilesAreRemovedByTheNextRun() throws Exception {
    Path run = dir.resolve("run");
    earlierRun(run, RunKind.PATH, "path.json", "path.csv");
    Files.writeString(run.resolve("notes.txt"), "mine");
    RunWriter stopped = RunWriter.open(run, RunKind.PATH);
    stopped.text("path.csv", "lambda\n1\n");
    stopped.text("out-of-fold.csv", "fold\n1\n");
    assertEquals(List.of("out-of-fold.csv", "path.csv"), listed(JsonFiles.read(
        run.resolve("run.json.partial")).path("runs").get(0).path("files")));
    // after the stop, a chart of the user's of a run's name: no list names it
    Files.createDirectories(run.resolve("charts"));
    Files.writeString(run.resolve("charts/my-plot.svg"), "<svg/>");

    RunWriter next = trainRun(run);
    for (String gone : List.of("path.json", "path.csv", "out-of-fold.csv", "run.json.partial")) {
      assertFalse(Files.exists(run.resolve(gone)), gone);
    }
    assertEquals("mine", Files.readString(run.resolve("notes.txt")));
    assertEquals("<svg/>", Files.readString(run.resolve("charts/my-plot.svg")));
    assertEquals("removed 1 file of the earlier path run in " + run + " that this run did not"
        + " rewrite: path.json; removed 2 files that a run stopped before its end left in "
        + run + " (listed in its run.json.partial), which this run did not rewrite:"
        + " out-of-fold.csv, path.csv", next.removedMessage().orElseThrow());
  }

  /** A run lists its files in the record as it writes them, and leaves no record at its end. */
  @Test
  void aRunThatFinishes_leavesNoRecord() throws Exception {
    Path run = dir.resolve("run");
    RunWriter writer = RunWriter.open(run, RunKind.TRAIN);
    assertFalse(Files.exists(run), "open creates nothing");
    writer.metrics(Map.of("test_accuracy", 0.5));
    JsonNode group = JsonFiles.read(run.resolve("run.json.partial")).path("runs").get(0);
    assertEquals("train", group.path("kind").asText());
    JsonNode entry = group.path("files").get(0);
    assertEquals("metrics.json", entry.path("path").asText());
    assertEquals(Files.size(run.resolve("metrics.json")), entry.path("size").asLong());
    assertEquals(RunManifest.sha256(run.resolve("metrics.json")).orElseThrow(),
        entry.path("sha256").asText());
    writer.finish(info(RunKind.TRAIN));
    assertFalse(Files.exists(run.resolve("run.json.partial")));
    assertEquals(Optional.empty(), writer.removedMessage());
  }

  /** What the user edited or made after the stop is theirs: it stays. */
  @Test
  void aStoppedRunsFileTheUserEdited_stays() throws Exception {
    Path run = dir.resolve("run");
    RunWriter stopped = RunWriter.open(run, RunKind.PATH);
    stopped.text("path.csv", "lambda\n1\n");
    stopped.text("path.json", "{}");
    Files.writeString(run.resolve("path.csv"), "lambda\n2\n");
    RunWriter next = trainRun(run);
    assertEquals("lambda\n2\n", Files.readString(run.resolve("path.csv")));
    assertEquals(List.of(run.resolve("path.json")), next.removed());
  }

  /**
   * Two runs stopped one after the other: the second's record carries the first's files, which
   * it did not rewrite, and the run that finishes removes both.
   */
  @Test
  void twoStoppedRuns_theNextRemovesTheFilesOfBoth() throws Exception {
    Path run = dir.resolve("run");
    RunWriter.open(run, RunKind.PATH).text("out-of-fold.csv", "fold\n1\n");
    RunWriter.open(run, RunKind.MNIST_L2).text("results.csv", "lambda\n1\n");
    JsonNode groups = JsonFiles.read(run.resolve("run.json.partial")).path("runs");
    assertEquals(2, groups.size(), groups.toString());
    assertEquals("path", groups.get(0).path("kind").asText());
    RunWriter next = trainRun(run);
    assertFalse(Files.exists(run.resolve("out-of-fold.csv")));
    assertFalse(Files.exists(run.resolve("results.csv")));
    assertEquals(2, next.removed().size(), next.removed().toString());
  }

  /**
   * Stopped while drawing its report (here it fails: a folder where a chart goes): its run.json
   * had replaced the earlier one, whose list named the earlier run's charts, so those stayed
   * for good. The record carries them until they are removed.
   */
  @Test
  void aRunStoppedInItsReport_theEarlierChartsAreRemovedByTheNextRun() throws Exception {
    Path run = dir.resolve("run");
    earlierRun(run, RunKind.SELECT, "selection.json", "charts/cv-curve.svg");
    RunWriter writer = RunWriter.open(run, RunKind.TRAIN);
    Path chart = Files.createDirectories(run.resolve("charts/loss-curves.svg/in-the-way"));
    writer.text("history.csv", SampleRuns.historyCsv(3, 0.1, 0));
    writer.metrics(Map.of("test_accuracy", 0.5));
    assertThrows(InputException.class, () -> writer.finish(info(RunKind.TRAIN)));
    assertTrue(Files.exists(run.resolve("charts/cv-curve.svg")));
    Files.delete(chart);
    Files.delete(chart.getParent());

    RunWriter next = trainRun(run);
    assertFalse(Files.exists(run.resolve("charts/cv-curve.svg")));
    assertTrue(next.removedMessage().orElseThrow().contains("charts/cv-curve.svg"),
        next.removedMessage().toString());
  }

  /**
   * A hand-edited (or hostile) record: paths outside the folder, absolute, through a link, of
   * no name the run's kind writes, run.json itself, an unknown kind, entries that are no
   * entries. It can only narrow what is removed: none of them is.
   */
  @Test
  void aHandEditedRecord_removesNothingOutsideTheRules() throws Exception {
    Path run = dir.resolve("run");
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createDirectories(run);
    List<String> entries = new ArrayList<>();
    entries.add(file(run, "../outside/results.json", "x"));
    entries.add(file(outside, "abs.json", "x").replace("abs.json",
        outside.resolve("abs.json").toString()));
    file(outside, "chart.svg", "x");
    Files.createDirectories(run.resolve("charts"));
    Files.createSymbolicLink(run.resolve("charts/link.svg"), outside.resolve("chart.svg"));
    entries.add(file(outside, "chart.svg", "x").replace("chart.svg", "charts/link.svg"));
    entries.add(file(run, "notes.txt", "x"));
    entries.add(file(run, "model.safetensors", "x"));
    entries.add("{\"path\": 3}");
    String ofPath = file(run, "path.json", "mine");
    Files.writeString(run.resolve("run.json.partial"), "{\"runs\": [{\"kind\": \"train\","
        + " \"files\": [" + String.join(", ", entries) + ", " + ofPath + "]},"
        + " {\"kind\": \"other\", \"files\": [" + ofPath + "]}, 7, {\"kind\": \"path\"}]}");

    RunWriter next = trainRun(run);
    assertEquals(List.of(), next.removed());
    for (Path kept : List.of(outside.resolve("results.json"), outside.resolve("abs.json"),
        outside.resolve("chart.svg"), run.resolve("notes.txt"), run.resolve("path.json"),
        run.resolve("model.safetensors"))) {
      assertTrue(Files.exists(kept), kept.toString());
    }
    assertTrue(Files.isSymbolicLink(run.resolve("charts/link.svg")));
    assertFalse(Files.exists(run.resolve("run.json.partial")));
    assertTrue(next.removedMessage().orElseThrow().startsWith("its run.json.partial lists 8"
        + " paths that are no files of that run in the folder, left alone: {\"path\":3},"
        + " ../outside/results.json"), next.removedMessage().toString());
  }

  /**
   * {@code report DIR} on a finished run's folder: the charts it drew were in no list, so a
   * run into the folder left them; it records them, and nothing of the user's.
   */
  @Test
  void report_recordsTheChartsItDrew_inRunJson() throws Exception {
    Path run = dir.resolve("run");
    RunWriter writer = RunWriter.open(run, RunKind.TRAIN);
    writer.text("history.csv", SampleRuns.historyCsv(3, 0.1, 0));
    writer.metrics(Map.of("test_accuracy", 0.5));
    writer.finish(info(RunKind.TRAIN));
    JsonNode before = JsonFiles.read(run.resolve("run.json"));
    Files.delete(run.resolve("charts/loss-curves.svg"));
    Files.writeString(run.resolve("charts/my-plot.svg"), "<svg/>");
    HtmlReport.write(run);
    JsonNode after = JsonFiles.read(run.resolve("run.json"));
    assertEquals(new java.util.TreeSet<>(listed(before.path("files"))),
        new java.util.TreeSet<>(listed(after.path("files"))));
    assertFalse(listed(after.path("files")).contains("charts/my-plot.svg"));
    assertEquals(before.path("settings"), after.path("settings"));
    assertFalse(after.has("files_complete"));
    assertEquals("train", RunInfo.read(run).kind());

    trainRun(run);
    assertFalse(Files.exists(run.resolve("charts/loss-curves.svg")));
    assertEquals("<svg/>", Files.readString(run.resolve("charts/my-plot.svg")));
  }

  /**
   * An older tikhonov's run.json lists no files: report lists the charts it drew, marked as not
   * all of the run's ({@code files_complete: false}), so that the next run removes those and
   * still only names the run's other files, which it cannot tell from the user's.
   */
  @Test
  void report_onAnOlderRunJson_listsItsChartsAndTheRestIsOnlyNamed() throws Exception {
    Path run = SampleRuns.train(dir.resolve("run"));
    Files.writeString(run.resolve("run.json"), "{\"kind\": \"train\", "
        + Files.readString(run.resolve("run.json")).substring(1));
    HtmlReport.write(run);
    JsonNode json = JsonFiles.read(run.resolve("run.json"));
    assertFalse(json.path("files_complete").asBoolean(true));
    List<String> charts = listed(json.path("files"));
    assertFalse(charts.isEmpty());
    charts.forEach(c -> assertTrue(c.startsWith("charts/"), c));
    assertEquals("train", RunInfo.read(run).kind());

    // a path run: a train run would redraw the charts from the history.csv that stays
    RunWriter next = RunWriter.open(run, RunKind.PATH);
    next.text("path.json", SampleRuns.pathJson(5, 3, 1.0, false));
    next.finish(info(RunKind.PATH));
    for (String c : charts) {
      assertFalse(Files.exists(run.resolve(c)), c);
    }
    assertTrue(Files.exists(run.resolve("history.csv")));
    String message = next.removedMessage().orElseThrow();
    assertTrue(message.startsWith("removed " + charts.size() + " files of the earlier train run"
        + " in " + run + " that this run did not rewrite: "), message);
    assertTrue(message.endsWith("; the earlier train run in " + run + " lists no files in its"
        + " run.json (an older tikhonov wrote it), so none was removed; 3 files of its kind that"
        + " this run did not rewrite stay, remove them if they are not yours: history.csv,"
        + " metrics.json, weights.json"), message);
  }

  /**
   * report on the folder of a run stopped before its run.json (an experiment's results, no
   * run.json): the charts go into the record, with the stopped run's files, and the next run
   * removes both.
   */
  @Test
  void report_onAStoppedRunsFolder_recordsTheChartsInTheRecord() throws Exception {
    Path run = dir.resolve("run");
    RunWriter stopped = RunWriter.open(run, RunKind.TRAIN);
    stopped.text("history.csv", SampleRuns.historyCsv(3, 0.1, 0));
    stopped.metrics(Map.of("test_accuracy", 0.5));
    HtmlReport.write(run);
    JsonNode groups = JsonFiles.read(run.resolve("run.json.partial")).path("runs");
    assertEquals(List.of("history.csv", "metrics.json"), listed(groups.get(0).path("files")));
    assertTrue(listed(groups.get(1).path("files")).contains("charts/loss-curves.svg"));

    trainRun(run);
    for (String gone : List.of("history.csv", "charts/loss-curves.svg", "run.json.partial")) {
      assertFalse(Files.exists(run.resolve(gone)), gone);
    }
  }

  /**
   * A run stopped while it drew its report (SIGINT after run.json, before the charts and the
   * end of finish): run.json lists its results, run.json.partial still lists them too and
   * carries the earlier run's chart that this kind does not redraw. {@code report DIR} drew the
   * report and left the record, a run in progress beside a finished one; it now ends the run
   * as finish would have: the earlier chart goes (while as drawn), and so does the record.
   */
  @Test
  void report_onARunStoppedDuringItsReport_endsItAsTheRunWould() throws Exception {
    Path run = dir.resolve("run");
    RunWriter earlier = RunWriter.open(run, RunKind.TRAIN);
    earlier.text("history.csv", SampleRuns.historyCsv(3, 0.1, 0));
    earlier.finish(info(RunKind.TRAIN));
    Path chart = run.resolve("charts/loss-curves.svg");
    String earlierChart = Files.readString(chart);
    RunWriter stopped = RunWriter.open(run, RunKind.PATH);
    stopped.text("path.json", SampleRuns.pathJson(5, 3, 1.0, false));
    stopped.finish(info(RunKind.PATH));
    // the state of the stop: run.json of the results alone, the record of both runs, the
    // earlier chart still there, no report
    Files.delete(run.resolve("report.html"));
    Files.writeString(chart, earlierChart);
    JsonNode runJson = JsonFiles.read(run.resolve("run.json"));
    List<Map<String, Object>> results = new ArrayList<>();
    runJson.path("files").forEach(e -> {
      if (!e.path("path").asText().startsWith("charts/")) {
        results.add(JsonFiles.MAPPER.convertValue(e, Map.class));
      }
    });
    ((com.fasterxml.jackson.databind.node.ObjectNode) runJson).set("files",
        JsonFiles.MAPPER.valueToTree(results));
    Files.writeString(run.resolve("run.json"), JsonFiles.MAPPER.writeValueAsString(runJson));
    RunManifest.writeRecord(run, List.of(
        RunManifest.group(RunKind.TRAIN, new RunManifest().of(run,
            List.of(Path.of("charts/loss-curves.svg")))),
        RunManifest.group(RunKind.PATH, results)));

    HtmlReport.write(run);
    assertFalse(Files.exists(run.resolve("run.json.partial")));
    assertFalse(Files.exists(chart));
    assertTrue(Files.exists(run.resolve("report.html")));
    List<String> listed = listed(JsonFiles.read(run.resolve("run.json")).path("files"));
    assertTrue(listed.contains("path.json"), listed.toString());
    assertTrue(listed.stream().anyMatch(p -> p.startsWith("charts/")), listed.toString());
  }

  /**
   * A later run stopped before its own run.json, beside a finished run's: its record is not
   * the run.json's run, and report leaves it for the next run to remove its files by.
   */
  @Test
  void report_besideALaterStoppedRunsRecord_leavesTheRecord() throws Exception {
    Path run = dir.resolve("run");
    trainRun(run);
    RunWriter stopped = RunWriter.open(run, RunKind.TRAIN);
    stopped.metrics(Map.of("test_accuracy", 0.75));
    HtmlReport.write(run);
    assertTrue(Files.exists(run.resolve("run.json.partial")));
  }
}
