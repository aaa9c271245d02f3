package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tikhonov.io.CheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs stopped by Ctrl-C or kill where the stop line said only "no file was left half-written"
 * (found by redteam42): a grid stopped while it drew its report, after --save and run.json,
 * and a {@code train --resume} stopped while it read and checked its data. The line is the one
 * the shutdown hook prints ({@link Main#interruptedMessage}), as the command left it: a
 * finished run is stopped at its last moment, the report; a refused resume at the moment of
 * its refusal, after the data check began. The grid's folder is then put in the state of the
 * stop (no report.html, run.json.partial of its results) and the command the line names is
 * run.
 */
class StoppedDuringReportTest {
  private static final String STOPPED = "tikhonov: stopped by a signal (Ctrl-C or kill) before"
      + " the command finished; no file was left half-written";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The folder of a finished linear train run on {@code data} with a checkpoint per epoch. */
  private Path trainWithCheckpoints(Path data) {
    Path out = dir.resolve("run");
    InProcess run = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--epochs", "2", "--threads", "1", "--checkpoint-every", "1",
        "--quiet", "--out", out.toString());
    assertEquals(0, run.exit(), run.err());
    return out;
  }

  @Test
  void gridStoppedDuringItsReport_saysTheModelWasSaved_andReportEndsTheRun() throws Exception {
    Path out = dir.resolve("grid");
    Path model = dir.resolve("m.model");
    InProcess grid = InProcess.run("grid", "--data", Path.of("..", "data", "wine.csv")
        .toString(), "--target", "cultivar", "--model", "mlp:4", "--epochs", "2",
        "--batch-size", "32", "--lambdas", "0,0.1", "--cv-folds", "2", "--threads", "1",
        "--standardize", "--quiet", "--save", model.toString(), "--out", out.toString());
    assertEquals(0, grid.exit(), grid.err());
    assertEquals(STOPPED + "; the model was saved to " + model + "; its results and run.json"
        + " were written, its report was not: tikhonov report " + out + " draws it and ends the"
        + " run", Main.interruptedMessage());

    // the folder as the stop leaves it: the record of the run in progress lists its results
    Files.delete(out.resolve("report.html"));
    ArrayNode results = JSON.createArrayNode();
    JSON.readTree(out.resolve("run.json").toFile()).path("files").forEach(e -> {
      if (!e.path("path").asText().startsWith("charts/")) {
        results.add(e);
      }
    });
    JSON.writeValue(out.resolve("run.json.partial").toFile(),
        Map.of("runs", List.of(Map.of("kind", "grid", "files", results))));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
    assertFalse(Files.exists(out.resolve("run.json.partial")));
  }

  /**
   * path and ridge write path.json, select metrics.json, then --save, run.json and the
   * report.
   */
  @Test
  void pathRidgeAndSelectStoppedDuringTheirReport_sayTheModelWasSaved() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0.1);
    for (String command : List.of("path", "ridge", "select")) {
      Path out = dir.resolve(command);
      Path model = dir.resolve(command + ".model");
      List<String> select = command.equals("select") ? List.of("--regression", "--model",
          "mlp:4", "--epochs", "1", "--nlambda", "2", "--threads", "1") : List.of();
      List<String> args = new java.util.ArrayList<>(List.of(command, "--data",
          data.toString(), "--target", "y", "--quiet", "--save", model.toString(), "--out",
          out.toString()));
      args.addAll(select);
      InProcess run = InProcess.run(args);
      assertEquals(0, run.exit(), run.err());
      assertEquals(STOPPED + "; the model was saved to " + model + "; its results and run.json"
          + " were written, its report was not: tikhonov report " + out + " draws it and ends"
          + " the run", Main.interruptedMessage(), command);
    }
  }

  /**
   * {@code train --resume DIR} stopped while it reads and checks its data (here: refused, at
   * the moment the check ends, for data that changed since): the checkpoint it continues is
   * untouched, and the line said only "no file was left half-written".
   */
  @Test
  void resumeStoppedDuringItsDataCheck_saysTheCheckpointStays() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    Path out = trainWithCheckpoints(data);
    Files.delete(out.resolve("run.json")); // stopped after its last checkpoint
    CsvFiles.regression(data, 40, 0.5);
    InProcess resumed = InProcess.run("train", "--resume", out.toString(), "--quiet");
    assertEquals(2, resumed.exit(), resumed.err());
    assertTrue(Files.exists(out.resolve(CheckpointFile.FILE_NAME)));
    assertEquals(STOPPED + "; the last checkpoint stays: tikhonov train --resume " + out
        + " continues", Main.interruptedMessage());
  }

  /**
   * Stopped while the command line is parsed, before the command starts (a second or more on a
   * busy machine: SIGTERM 1.6 s after the start said nothing of the checkpoint).
   */
  @Test
  void resumeStoppedBeforeTheCommandStarts_saysTheCheckpointStays() throws Exception {
    Path out = trainWithCheckpoints(CsvFiles.regression(dir.resolve("d.csv"), 40, 0));
    Main.onInterrupt(() -> "");
    TrainCommand.onInterruptFromTheStart(new String[] {"train", "--quiet", "--resume=" + out});
    assertEquals(STOPPED + "; the last checkpoint stays: tikhonov train --resume " + out
        + " continues", Main.interruptedMessage());
    Main.onInterrupt(() -> "");
    TrainCommand.onInterruptFromTheStart(new String[] {"predict", "--resume", out.toString()});
    assertEquals(STOPPED, Main.interruptedMessage());
  }

  /** A train run stopped while it draws its report: its checkpoint is final, the report left. */
  @Test
  void trainStoppedDuringItsReport_namesTheReport() throws Exception {
    Path out = trainWithCheckpoints(CsvFiles.regression(dir.resolve("d.csv"), 40, 0));
    assertEquals(STOPPED + "; its results and run.json were written, its report was not:"
        + " tikhonov report " + out + " draws it and ends the run", Main.interruptedMessage());
  }

  /**
   * A path run into a train run's folder, stopped while it drew its report: the record still
   * carries the train run's charts, which {@code report DIR} removes as the run would have
   * (path draws none of their names). It removed them without a word; now one line names
   * them. Failed before: report printed only "wrote …/report.html".
   */
  @Test
  void reportEndingAStoppedRun_namesTheEarlierChartsItRemoved() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0.1);
    Path out = trainWithCheckpoints(data);
    ArrayNode trainCharts = JSON.createArrayNode();
    Map<Path, byte[]> drawn = new java.util.TreeMap<>();
    for (com.fasterxml.jackson.databind.JsonNode e
        : JSON.readTree(out.resolve("run.json").toFile()).path("files")) {
      if (e.path("path").asText().startsWith("charts/")) {
        trainCharts.add(e);
        Path chart = out.resolve(e.path("path").asText());
        drawn.put(chart, Files.readAllBytes(chart));
      }
    }
    assertFalse(drawn.isEmpty());
    InProcess path = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--quiet", "--out", out.toString());
    assertEquals(0, path.exit(), path.err());

    // the folder as the stop leaves it: path's run.json lists its results, the record carries
    // the train run's charts and path's results, the train charts are there, no report
    Files.delete(out.resolve("report.html"));
    for (Map.Entry<Path, byte[]> chart : drawn.entrySet()) {
      Files.write(chart.getKey(), chart.getValue());
    }
    com.fasterxml.jackson.databind.node.ObjectNode runJson =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
            out.resolve("run.json").toFile());
    ArrayNode results = JSON.createArrayNode();
    runJson.path("files").forEach(e -> {
      if (!e.path("path").asText().startsWith("charts/")) {
        results.add(e);
      }
    });
    runJson.set("files", results);
    JSON.writeValue(out.resolve("run.json").toFile(), runJson);
    JSON.writeValue(out.resolve("run.json.partial").toFile(), Map.of("runs", List.of(
        Map.of("kind", "train", "files", trainCharts),
        Map.of("kind", "path", "files", results))));

    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    List<String> names = drawn.keySet().stream().map(p -> out.relativize(p).toString())
        .toList();
    assertEquals("removed " + names.size() + " charts of an earlier run in " + out + " that"
        + " this report did not redraw: " + String.join(", ", names) + "\nwrote "
        + out.resolve("report.html") + "\n", report.out());
    for (Path chart : drawn.keySet()) {
      assertFalse(Files.exists(chart), chart.toString());
    }
    assertFalse(Files.exists(out.resolve("run.json.partial")));
  }
}
