package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path temp;

  private static InProcess run(String... args) {
    return InProcess.run(args);
  }

  @Test
  void report_onAPathDirectory_writesReportHtml() throws IOException {
    Files.writeString(temp.resolve("path.json"),
        "{\"family\": \"gaussian\", \"l1_ratio\": 1, \"lambda\": [1.0, 0.1, 0.01],"
            + " \"intercept\": [0.5, 0.5, 0.5], \"coef\": [[0, 0], [0.6, 0], [0.95, -0.4]],"
            + " \"df\": [0, 1, 2], \"dev_ratio\": [0, 0.4, 0.7], \"feature_names\": [\"a\", \"b\"]}");
    InProcess r = run("report", temp.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("report.html"), r.out());
    String html = Files.readString(temp.resolve("report.html"));
    assertTrue(html.contains("<svg "), "charts inline");
    assertTrue(Files.isRegularFile(temp.resolve("charts").resolve("coefficient-path.png")));
  }

  /** The help names every kind of run report draws; it left out select and grid. */
  @Test
  void help_namesEveryKindOfRun() {
    InProcess r = run("report", "--help");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().replaceAll("\\s+", " ").contains("a train, path, ridge, select, grid"
        + " or experiment run left in DIR"), r.out());
  }

  @Test
  void report_onADirectoryThatIsNoRun_exits2WithAClearMessage() {
    InProcess r = run("report", temp.toString());
    assertEquals(2, r.exit());
    assertEquals("tikhonov: error: " + temp + " is not a tikhonov run directory: no run.json,"
        + " results.json, history.csv or path.json", r.err().trim());
  }

  @Test
  void report_withoutDirectory_exits2AndShowsUsageHint() {
    InProcess r = run("report");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("DIR"), r.err());
  }

  /**
   * A path.json whose coefficient rows differ in length (or df in count) is a clear error naming
   * the file and the entry; it used to be an ArrayIndexOutOfBoundsException ("internal error").
   */
  @Test
  void report_onAPathWithRaggedCoefficients_exits2NamingTheEntry() throws IOException {
    String head = "{\"family\": \"gaussian\", \"l1_ratio\": 1, \"lambda\": [1.0, 0.1, 0.01],"
        + " \"intercept\": [0.5, 0.5, 0.5], ";
    Files.writeString(temp.resolve("path.json"), head
        + "\"coef\": [[0, 0], [0.6], [0.95, -0.4]], \"df\": [0, 1, 2]}");
    InProcess r = run("report", temp.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("tikhonov: error: " + temp.resolve("path.json") + ": coef[1] holds 1"
        + " coefficients, coef[0] 2; every λ and class needs one per feature", r.err().trim());
    Files.writeString(temp.resolve("path.json"), head
        + "\"coef\": [[[0, 0], [0, 0]], [[0.6, 0]], [[0.9, 0], [0, 0]]]}");
    r = run("report", temp.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("coef[1] holds 1 classes, coef[0] 2"), r.err());
    Files.writeString(temp.resolve("path.json"), head
        + "\"coef\": [[0, 0], [0.6, 0], [0.95, -0.4]], \"df\": [0, 1]}");
    r = run("report", temp.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("\"df\" must have one entry per λ (3), found 2"), r.err());
  }

  /**
   * weights.json's histogram with a count too many, or with edges out of order (XChart refuses
   * to draw those), is a clear error; both used to be internal errors.
   */
  @Test
  void report_onATrainRunWithABadHistogram_exits2NamingIt() throws IOException {
    Files.writeString(temp.resolve("history.csv"), "epoch,train_loss\n1,0.5\n2,0.4\n");
    Path weights = temp.resolve("weights.json");
    Files.writeString(weights, "{\"layers\": [{\"name\": \"dense0.weight\", \"histogram\":"
        + " {\"edges\": [-1, 0, 1], \"counts\": [1, 2, 3]}}]}");
    InProcess r = run("report", temp.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("tikhonov: error: " + weights + ": layers[0].histogram: 3 counts for 3 edges,"
        + " expected 2", r.err().trim());
    Files.writeString(weights, "{\"layers\": [{\"name\": \"dense0.weight\", \"histogram\":"
        + " {\"edges\": [-1, 1, 0], \"counts\": [1, 2]}}]}");
    r = run("report", temp.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("tikhonov: error: " + weights + ": layers[0].histogram: edges[2] is 0.0 after"
        + " 1.0; histogram bin edges must be numbers in increasing order", r.err().trim());
    Files.writeString(weights, "{\"layers\": [{\"name\": \"dense0.weight\", \"histogram\":"
        + " {\"edges\": [-1, 0, 1], \"counts\": [1, 2]}}]}");
    r = run("report", temp.toString());
    assertEquals(0, r.exit(), r.err());
  }

  /** It said "is not a directory" for a directory that does not exist. */
  @Test
  void report_onAMissingDirectory_saysNoSuchDirectory() throws IOException {
    InProcess r = run("report", temp.resolve("nonexistent").toString());
    assertEquals(2, r.exit());
    assertEquals("tikhonov: error: " + temp.resolve("nonexistent") + ": no such directory",
        r.err().trim());
    Path file = Files.writeString(temp.resolve("f.txt"), "x");
    r = run("report", file.toString());
    assertEquals("tikhonov: error: " + file + ": is a file, not a run directory", r.err().trim());
  }

  /** Jackson's "(start marker at [Source: REDACTED …])" reached the user. */
  @Test
  void report_onTruncatedJson_isOneLineWithoutParserInternals() throws IOException {
    Files.writeString(temp.resolve("path.json"), "{\"lambda\": [1,2");
    InProcess r = run("report", temp.toString());
    assertEquals(2, r.exit());
    assertEquals("tikhonov: error: " + temp.resolve("path.json") + ":1:16: not valid JSON:"
        + " Unexpected end-of-input: expected close marker for Array", r.err().trim());
  }

  /**
   * A path run's folder that lost its path.json (its run.json says it was a path run): the
   * message said {@code cannot read: FileNotFoundException: …/path.json (No such file or
   * directory)}, a Java exception's name and text.
   */
  @Test
  void report_pathRunWithoutPathJson_saysFileNotFound() throws IOException {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 30; i++) {
      csv.append(Math.sin(i)).append(',').append(Math.cos(3 * i)).append(',')
          .append(2 * Math.sin(i) + 0.1 * Math.cos(7 * i)).append('\n');
    }
    Path data = Files.writeString(temp.resolve("d.csv"), csv);
    Path run = temp.resolve("run");
    InProcess fit = run("path", "--data", data.toString(), "--target", "y", "--nlambda", "5",
        "--quiet", "--out", run.toString());
    assertEquals(0, fit.exit(), fit.err());
    Files.delete(run.resolve("path.json"));
    InProcess r = run("report", run.toString());
    assertEquals(2, r.exit());
    assertEquals("tikhonov: error: " + run.resolve("path.json") + ": file not found; "
        + run.resolve("run.json") + " says this is a path run, whose report is drawn from"
        + " path.json, and it is not here", r.err().trim());
  }

  /**
   * The folder of a train run stopped before its end holds only its checkpoint: the report said
   * "is not a tikhonov run directory", of a run's folder, without a word on resuming it.
   */
  @Test
  void report_runStoppedBeforeItsEnd_saysToResumeIt() throws IOException {
    Path run = temp.resolve("stopped");
    Files.createDirectories(run);
    Files.write(run.resolve("checkpoint.safetensors"), new byte[] {1, 2, 3});
    InProcess r = run("report", run.toString());
    assertEquals(2, r.exit());
    assertEquals("tikhonov: error: " + run + " holds only a training checkpoint: its train run"
        + " was stopped before the end, so it has no history or metrics to report yet; continue"
        + " it with train --resume " + run + ", which writes them and the report", r.err().trim());
  }

  /**
   * A run.json of kind "train" in a folder with none of a train run's files (a bare run.json, or
   * a gd-linear folder whose run.json was edited) gave an empty report and exit 0.
   */
  @Test
  void report_trainRunWithoutHistory_namesTheMissingFile() throws IOException {
    Path run = temp.resolve("bare");
    Files.createDirectories(run);
    Files.writeString(run.resolve("run.json"), "{\"kind\": \"train\", \"command\": \"train\"}");
    Files.writeString(run.resolve("results.json"), "[]");
    InProcess r = run("report", run.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("tikhonov: error: " + run.resolve("history.csv") + ": file not found; "
        + run.resolve("run.json") + " says this is a train run, whose report shows its history"
        + " (history.csv) and scores (metrics.json), and neither is here", r.err().trim());
    assertTrue(Files.notExists(run.resolve("report.html")));
  }

  /**
   * A later run into a finished run's folder, stopped before its end, leaves its histories over
   * the earlier run's while run.json and results.json stay the earlier run's (here: history.csv
   * cut to its first epoch); report drew the one run's table with the other's curves, exit 0,
   * without a word. run.json records each file's size and SHA-256: the report now names the
   * files that differ, on stderr, and draws them as they are.
   */
  @Test
  void report_ofFilesThatDifferFromRunJson_warnsNamingThem() throws IOException {
    Path data = CsvFiles.regression(temp.resolve("d.csv"), 40, 0);
    Path out = temp.resolve("run");
    InProcess train = run("train", "--data", data.toString(), "--target", "y", "--model",
        "linear", "--epochs", "3", "--threads", "1", "--quiet", "--out", out.toString());
    assertEquals(0, train.exit(), train.err());
    InProcess same = run("report", out.toString());
    assertEquals(0, same.exit(), same.err());
    assertEquals("", same.err(), "nothing changed since the run");

    Path history = out.resolve("history.csv");
    List<String> lines = Files.readAllLines(history);
    Files.write(history, lines.subList(0, 2));
    InProcess r = run("report", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("tikhonov: warning: history.csv in " + out + " differs from what "
        + out.resolve("run.json") + " records: written by a later run stopped before its end,"
        + " or edited by hand; the report reads it as it is now, beside the rest of the run"
        + " that run.json describes", r.err().trim());
    assertTrue(Files.isRegularFile(out.resolve("report.html")));

    // two files: "differ", "them" (one file was named in the plural)
    Files.writeString(out.resolve("metrics.json"), "\n", java.nio.file.StandardOpenOption.APPEND);
    InProcess two = run("report", out.toString());
    assertEquals(0, two.exit(), two.err());
    assertTrue(two.err().contains("metrics.json") && two.err().contains(" in " + out
        + " differ from what ") && two.err().contains(" reads them as they are now, "),
        two.err());
  }

  /**
   * A history.csv with an epoch's row deleted, or a row with a cell too many or too few, was
   * drawn (exit 0, after the warning that it differs from run.json's record): the curves were
   * of one epoch fewer, every later epoch one to the left, or of the cells after the extra one
   * each in another's column. A run writes epochs 1, 2, … (a resumed run's history too,
   * CheckpointCliIT) and one cell per column of the header; now the report refuses another
   * file naming its line. The columns' order stays free, and history.json is held to the same
   * epochs.
   */
  @Test
  void report_ofAHistoryThatIsNotTheRuns_exits2NamingTheLine() throws IOException {
    Path data = CsvFiles.regression(temp.resolve("d.csv"), 40, 0);
    Path out = temp.resolve("run");
    InProcess train = run("train", "--data", data.toString(), "--target", "y", "--model",
        "linear", "--epochs", "4", "--threads", "1", "--quiet", "--out", out.toString());
    assertEquals(0, train.exit(), train.err());
    Path history = out.resolve("history.csv");
    List<String> lines = Files.readAllLines(history);
    assertEquals(5, lines.size(), "header and 4 epochs");
    String rule = ": a run writes one row per epoch, numbered 1, 2, … in order; a row is"
        + " missing or out of order";

    List<String> edited = new java.util.ArrayList<>(lines);
    edited.remove(2);
    assertRefused(out, history, edited, history + ":3: epoch 3, expected 2" + rule);
    edited = new java.util.ArrayList<>(lines);
    edited.remove(1);
    assertRefused(out, history, edited, history + ":2: epoch 2, expected 1" + rule);
    edited = new java.util.ArrayList<>(lines);
    edited.set(2, edited.get(2) + ",7");
    assertRefused(out, history, edited,
        history + ":3: 10 cells, expected 9, one per column of the header");
    edited = new java.util.ArrayList<>(lines);
    edited.set(4, edited.get(4).substring(0, edited.get(4).lastIndexOf(',')));
    assertRefused(out, history, edited,
        history + ":5: 8 cells, expected 9, one per column of the header");

    // the same file with its columns in another order: the first and last swapped
    Files.write(history, lines.stream().map(l -> {
      String[] cells = l.split(",", -1);
      String first = cells[0];
      cells[0] = cells[cells.length - 1];
      cells[cells.length - 1] = first;
      return String.join(",", cells);
    }).toList());
    InProcess swapped = run("report", out.toString());
    assertEquals(0, swapped.exit(), swapped.err());

    Files.delete(history);
    Path json = out.resolve("history.json");
    com.fasterxml.jackson.databind.node.ArrayNode epochs =
        (com.fasterxml.jackson.databind.node.ArrayNode)
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
    epochs.remove(1);
    Files.writeString(json, epochs.toString());
    InProcess r = run("report", out.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("tikhonov: error: " + json + ": row 2: epoch 3, expected 2"
        + rule), r.err());
  }

  private static void assertRefused(Path out, Path history, List<String> lines,
      String message) throws IOException {
    Files.write(history, lines);
    InProcess r = run("report", out.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().trim().endsWith("tikhonov: error: " + message), r.err());
  }
}
