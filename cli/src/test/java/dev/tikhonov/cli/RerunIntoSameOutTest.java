package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.io.CheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run into the --out of an earlier run: the earlier run's files that this run does not
 * rewrite (RunWriter.finish removes them) stayed beside the new run's, read as this run's by
 * its report or by {@code train --resume DIR}. docs/formats.md, "Files a run leaves".
 */
class RerunIntoSameOutTest {
  private static final Path DATA = Path.of("..", "data");
  @TempDir Path dir;

  /**
   * A train run without {@code --checkpoint-every} into the --out of one with it: the earlier
   * checkpoint.safetensors stayed, and {@code train --resume DIR} continued the earlier run
   * (another model, other data) and replaced the new run's results with its own, exit 0.
   */
  @Test
  void trainWithoutCheckpoints_intoTheOutOfARunWithOne_removesTheEarlierCheckpoint()
      throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    Path out = dir.resolve("run");
    InProcess first = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "mlp:3", "--regression", "--epochs", "2", "--threads", "1",
        "--checkpoint-every", "1", "--quiet", "--out", out.toString());
    assertEquals(0, first.exit(), first.err());
    Path checkpoint = out.resolve(CheckpointFile.FILE_NAME);
    assertTrue(Files.exists(checkpoint));

    InProcess second = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--epochs", "1", "--threads", "1", "--quiet", "--out",
        out.toString());
    assertEquals(0, second.exit(), second.err());
    assertFalse(Files.exists(checkpoint), "the earlier run's checkpoint is gone");
    InProcess resume = InProcess.run("train", "--resume", out.toString());
    assertEquals(2, resume.exit());
    assertEquals(checkpoint + ": no checkpoint here (train with --checkpoint-every N to write"
        + " one)", resume.message());
  }

  /**
   * A train run stopped after its checkpoints (here it diverges, exit 3, and keeps its last
   * good checkpoint), then a fresh train without --checkpoint-every into its --out: the
   * checkpoint was written past the run's record, in no list, so it stayed beside the fresh
   * run's results, and {@code train --resume DIR} continued the stopped training over them. The
   * stopped run's run.json.partial lists it now, and the fresh run removes it as that run's.
   */
  @Test
  void trainStoppedAfterACheckpoint_aFreshTrainIntoItsOut_removesTheCheckpoint()
      throws Exception {
    // y = 50·x: SGD at lr 0.35 (above 2/L) diverges after some epochs, not in the first
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 40; i++) {
      double x = 1 + i % 4;
      csv.append(x).append(',').append(50 * x).append('\n');
    }
    Path data = Files.writeString(dir.resolve("line.csv"), csv);
    Path out = dir.resolve("run");
    InProcess stopped = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--optimizer", "sgd", "--lr", "0.35", "--epochs", "400",
        "--batch-size", "64", "--checkpoint-every", "1", "--threads", "1", "--quiet", "--out",
        out.toString());
    assertEquals(3, stopped.exit(), stopped.err());
    Path checkpoint = out.resolve(CheckpointFile.FILE_NAME);
    assertTrue(CheckpointFile.read(checkpoint).state().epoch() >= 1);
    assertTrue(Files.readString(out.resolve("run.json.partial"))
        .contains(CheckpointFile.FILE_NAME), "listed as the stopped run's");

    InProcess fresh = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--epochs", "1", "--threads", "1", "--out", out.toString());
    assertEquals(0, fresh.exit(), fresh.err());
    assertFalse(Files.exists(checkpoint), "the stopped run's checkpoint is gone");
    assertTrue(fresh.out().contains("  removed 1 file that a run stopped before its end left in "
        + out + " (listed in its run.json.partial), which this run did not rewrite:"
        + " checkpoint.safetensors"), fresh.out());
    InProcess resume = InProcess.run("train", "--resume", out.toString());
    assertEquals(2, resume.exit());
    assertEquals(checkpoint + ": no checkpoint here (train with --checkpoint-every N to write"
        + " one)", resume.message());
  }

  /**
   * select without --cold into the --out of a select with it: selection-cold.json stayed, and
   * the report drew the earlier run's cold grid against this run's path ("warm vs cold").
   */
  @Test
  void selectWithoutCold_intoTheOutOfOneWithIt_removesTheColdGrid() throws Exception {
    Path out = dir.resolve("select");
    List<String> args = List.of("select", "--data", DATA.resolve("wine.csv").toString(),
        "--target", "cultivar", "--model", "mlp:4", "--cv-folds", "2", "--lambdas",
        "0.01,0.1", "--epochs", "2", "--threads", "1", "--out", out.toString());
    InProcess cold = InProcess.run(concat(args, "--cold"));
    assertEquals(0, cold.exit(), cold.err());
    assertTrue(Files.exists(out.resolve("selection-cold.json")));
    assertTrue(Files.readString(out.resolve("report.html")).contains("warm-vs-cold"));

    InProcess warm = InProcess.run(args);
    assertEquals(0, warm.exit(), warm.err());
    for (String gone : List.of("selection-cold.json", "selection-cold.csv",
        "charts/cv-warm-vs-cold.svg")) {
      assertFalse(Files.exists(out.resolve(gone)), gone);
    }
    assertFalse(Files.readString(out.resolve("report.html")).contains("warm-vs-cold"));
    assertTrue(warm.out().contains("  removed 4 files of the earlier select run in " + out
        + " that this run did not rewrite: selection-cold.csv, selection-cold.json,"
        + " charts/cv-warm-vs-cold."), warm.out());
  }

  /**
   * path into the --out of a train run with checkpoints: the train run's history, metrics,
   * weights and checkpoint stayed beside path.json, and {@code train --resume DIR} replaced
   * the path run by the earlier training's end. The user's own file stays.
   */
  @Test
  void pathIntoTheOutOfATrainRun_removesTheTrainRunsFiles() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    Path out = dir.resolve("run");
    InProcess train = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--epochs", "2", "--threads", "1", "--checkpoint-every", "1",
        "--quiet", "--out", out.toString());
    assertEquals(0, train.exit(), train.err());
    Files.writeString(out.resolve("notes.txt"), "mine");

    InProcess path = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--out", out.toString());
    assertEquals(0, path.exit(), path.err());
    for (String gone : List.of("history.csv", "history.json", "metrics.json", "weights.json",
        CheckpointFile.FILE_NAME, "charts/loss-curves.svg")) {
      assertFalse(Files.exists(out.resolve(gone)), gone);
    }
    assertTrue(Files.exists(out.resolve("notes.txt")));
    assertTrue(Files.exists(out.resolve("path.json")));
    InProcess resume = InProcess.run("train", "--resume", out.toString());
    assertEquals(2, resume.exit(), resume.err());
  }

  /**
   * A chart of the user's in charts/ and a file of the earlier run they edited: the earlier
   * run's files were found by their names (charts/*.svg), and a path run into the folder
   * removed the user's plot with the train run's charts. Now each run lists its files in
   * run.json, and the next removes only those, still as that run left them.
   */
  @Test
  void pathIntoTheOutOfATrainRun_keepsTheUsersChartAndEditedFile() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    Path out = dir.resolve("run");
    InProcess train = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--epochs", "2", "--threads", "1", "--quiet", "--out",
        out.toString());
    assertEquals(0, train.exit(), train.err());
    String listed = Files.readString(out.resolve("run.json"));
    for (String file : List.of("history.csv", "metrics.json", "charts/loss-curves.svg")) {
      assertTrue(listed.contains("\"path\" : \"" + file + "\""), file + " in " + listed);
    }
    Files.writeString(out.resolve("charts/my-plot.svg"), "<svg/>");
    Files.writeString(out.resolve("weights.json"), "{\"mine\": true}");

    InProcess path = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--nlambda", "5", "--out", out.toString());
    assertEquals(0, path.exit(), path.err());
    assertEquals("<svg/>", Files.readString(out.resolve("charts/my-plot.svg")));
    assertEquals("{\"mine\": true}", Files.readString(out.resolve("weights.json")));
    for (String gone : List.of("history.csv", "history.json", "metrics.json",
        "charts/loss-curves.svg")) {
      assertFalse(Files.exists(out.resolve(gone)), gone);
    }
    assertTrue(path.out().contains("  removed "), path.out());
    assertTrue(path.out().contains(" of the earlier train run in " + out
        + " that this run did not rewrite: history.csv, history.json, metrics.json, charts/"),
        path.out());
    assertFalse(path.out().contains("my-plot"), path.out());
    assertTrue(Files.readString(out.resolve("run.json")).contains("\"path\" : \"path.json\""));
  }

  /**
   * A train run with checkpoints into the --out of an earlier one, stopped before its first
   * checkpoint: the checkpoint there is the earlier run's (here a second link to it, moved back
   * over the second run's), and the stop line said "tikhonov train --resume DIR continues".
   */
  @Test
  void trainStoppedBeforeItsFirstCheckpoint_besideAnEarlierOne_namesNoResume()
      throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    Path out = dir.resolve("run");
    List<String> args = List.of("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--epochs", "2", "--threads", "1", "--checkpoint-every", "1",
        "--quiet", "--out", out.toString());
    InProcess first = InProcess.run(args);
    assertEquals(0, first.exit(), first.err());
    Path checkpoint = out.resolve(CheckpointFile.FILE_NAME);
    Path earlier = Files.createLink(dir.resolve("earlier.safetensors"), checkpoint);
    InProcess second = InProcess.run(args);
    assertEquals(0, second.exit(), second.err());
    // stopped before its results and run.json (after them, the line names the report)
    Files.delete(out.resolve("run.json"));
    Files.delete(out.resolve("metrics.json"));
    assertTrue(Main.interruptedMessage().contains("--resume"), Main.interruptedMessage());
    Files.move(earlier, checkpoint, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals("tikhonov: stopped by a signal (Ctrl-C or kill) before the command finished; no"
        + " file was left half-written", Main.interruptedMessage());
  }

  /**
   * An experiment that fails on its way (here at its end: a folder where its last setting's
   * history.csv goes) into the --out of a finished one: it had rewritten the histories of the
   * settings before, which no longer matched the earlier run.json's list, and the earlier run
   * was lost. It stages its files, and refuses the folder before it moves any in: the earlier
   * run stays as it was. The next run into the folder (a path run) removes the earlier run's
   * files and the staged ones.
   */
  @Test
  void anExperimentThatFailsOnItsWay_leavesTheEarlierRunAsItWas() throws Exception {
    Path out = dir.resolve("gd");
    List<String> args = List.of("experiment", "gd-linear", "--quick", "--quiet", "--out",
        out.toString());
    InProcess first = InProcess.run(args);
    assertEquals(0, first.exit(), first.err());
    Files.delete(out.resolve("runs/lambda-10.0/history.csv"));
    Path blocked = Files.createDirectories(out.resolve("runs/lambda-10.0/history.csv/x"));
    java.util.Map<Path, byte[]> before = new java.util.TreeMap<>();
    try (var files = Files.walk(out)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        before.put(f, Files.readAllBytes(f));
      }
    }
    InProcess stopped = InProcess.run(args);
    assertEquals(2, stopped.exit(), stopped.err());
    assertEquals(blocked.getParent() + ": is a directory where the run writes a file (move or"
        + " remove it, then run again, or choose another output directory); the earlier run in "
        + out + " is as it was", stopped.message());
    for (var e : before.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey().toString());
    }
    assertFalse(Files.exists(out.resolve("run.json.partial")));
    Files.delete(blocked);
    Files.delete(blocked.getParent());
    Files.writeString(out.resolve("runs/lambda-0.3/notes.txt"), "mine");

    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    InProcess path = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--nlambda", "5", "--out", out.toString());
    assertEquals(0, path.exit(), path.err());
    for (String gone : List.of("runs/lambda-0.0/history.csv", "runs/lambda-0.3/history.json",
        "runs/lambda-10.0", "results.json", "experiment.json", ".tikhonov-staging")) {
      assertFalse(Files.exists(out.resolve(gone)), gone);
    }
    assertEquals("mine", Files.readString(out.resolve("runs/lambda-0.3/notes.txt")));
  }

  /**
   * A finished experiment into the folder of an earlier run of another kind: its files replace
   * the earlier run's when it ends, the earlier run's others are removed, and run.json lists
   * this run's files only, each as it is.
   */
  @Test
  void aFinishedExperimentOverAnEarlierRun_replacesIt_andListsOnlyItsOwnFiles()
      throws Exception {
    Path out = dir.resolve("ex");
    InProcess ridge = InProcess.run("experiment", "ridge-vs-lasso", "--quick", "--quiet",
        "--out", out.toString());
    assertEquals(0, ridge.exit(), ridge.err());
    InProcess gd = InProcess.run("experiment", "gd-linear", "--quick", "--out",
        out.toString());
    assertEquals(0, gd.exit(), gd.err());
    assertFalse(Files.exists(out.resolve("path-lasso.json")));
    assertFalse(Files.exists(out.resolve(".tikhonov-staging")));
    assertTrue(gd.out().contains("of the earlier experiment ridge-vs-lasso run in " + out
        + " that this run did not rewrite: "), gd.out());
    var listed = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.resolve("run.json").toFile()).path("files");
    assertTrue(listed.size() > 4, listed.toString());
    for (var f : listed) {
      Path file = out.resolve(f.path("path").asText());
      assertTrue(f.path("path").asText().startsWith("runs/lambda-")
          || f.path("path").asText().startsWith("charts/")
          || List.of("experiment.json", "results.json", "report.html")
              .contains(f.path("path").asText()), f.toString());
      assertEquals(f.path("sha256").asText(),
          dev.tikhonov.data.DataFiles.sha256(Files.readAllBytes(file)), file.toString());
    }
  }

  /**
   * {@code report DIR} on the folder of a run whose run.json an older tikhonov wrote (no list
   * of its files): the charts it drew were in no list, so a run into the folder only named
   * them, and they stayed. Now report lists them (and marks the list as not all of the run's
   * files), and the next run removes them while it still only names the older run's results.
   */
  @Test
  void reportOnAnOlderRunsFolder_recordsItsCharts_andTheNextRunRemovesThem() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    Path out = dir.resolve("run");
    InProcess path = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--nlambda", "5", "--quiet", "--out", out.toString());
    assertEquals(0, path.exit(), path.err());
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var runJson = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(
        out.resolve("run.json").toFile());
    runJson.remove("files"); // as an older tikhonov wrote it
    mapper.writeValue(out.resolve("run.json").toFile(), runJson);
    Path chart = out.resolve("charts/coefficient-path.svg");
    Files.delete(chart);
    Files.writeString(out.resolve("charts/my-plot.svg"), "<svg/>");

    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertTrue(Files.exists(chart));
    String listed = Files.readString(out.resolve("run.json"));
    assertTrue(listed.contains("\"path\" : \"charts/coefficient-path.svg\""), listed);
    assertFalse(listed.contains("my-plot"), listed);
    assertFalse(listed.contains("\"path.json\""), listed);

    InProcess train = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--epochs", "2", "--threads", "1", "--quiet", "--out",
        out.toString());
    assertEquals(0, train.exit(), train.err());
    assertFalse(Files.exists(chart));
    assertEquals("<svg/>", Files.readString(out.resolve("charts/my-plot.svg")));
    assertTrue(Files.exists(out.resolve("path.json")));
    assertTrue(train.out().contains("charts/coefficient-path.svg"), train.out());
    assertTrue(train.out().contains("remove them if they are not yours: path.csv, path.json"),
        train.out());
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }

  /**
   * A run whose data is an earlier run's file in its --out (path on train's history.csv): the
   * file is this run's input, not a leftover, and stays.
   */
  @Test
  void aRunReadingAnEarlierRunsFileInItsOut_keepsIt() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    Path out = dir.resolve("run");
    InProcess train = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--epochs", "6", "--threads", "1", "--quiet", "--out",
        out.toString());
    assertEquals(0, train.exit(), train.err());
    Path history = out.resolve("history.csv");
    InProcess path = InProcess.run("path", "--data", history.toString(), "--target",
        "train_loss", "--ignore-columns", "val_loss,val_accuracy,seconds", "--nlambda", "5",
        "--out", out.toString());
    assertEquals(0, path.exit(), path.err());
    assertTrue(Files.exists(history), path.out());
    assertFalse(Files.exists(out.resolve("metrics.json")), path.out());
  }
}

