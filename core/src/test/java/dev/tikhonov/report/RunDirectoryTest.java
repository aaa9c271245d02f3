package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
  @TempDir Path temp;

  @Test
  void detect_tellsEveryKindFromItsFiles() throws IOException {
    assertEquals(RunKind.TRAIN, RunDirectory.detect(SampleRuns.train(temp.resolve("a"))).kind());
    assertEquals(RunKind.MNIST_L2, RunDirectory.detect(SampleRuns.mnistL2(temp.resolve("b"))).kind());
    assertEquals(RunKind.PATH, RunDirectory.detect(SampleRuns.path(temp.resolve("c"))).kind());
    assertEquals(RunKind.RIDGE_VS_LASSO, RunDirectory.detect(SampleRuns.ridgeVsLasso(temp.resolve("d"))).kind());
    assertEquals(RunKind.GD_LINEAR, RunDirectory.detect(SampleRuns.gdLinear(temp.resolve("e"))).kind());
  }

  /**
   * An mnist-select run stopped after its results but before its report has no run.json (which
   * holds the kind): its experiment.json names it. It was "cannot tell which experiment wrote
   * them", while the stop message says that tikhonov report builds the report.
   */
  /**
   * A run.json that is not a JSON object (an array, a number): it said "run.json names command
   * \"\" but its files (results.json, history.csv or path.json) are missing", of a file that
   * names nothing.
   */
  @Test
  void detect_runJsonThatIsAnArray_saysItIsNoObject() throws IOException {
    Files.writeString(temp.resolve("run.json"), "[1, 2]");
    InputException e = assertThrows(InputException.class, () -> RunDirectory.detect(temp));
    assertEquals(temp.resolve("run.json") + ": expected a JSON object (the run's record), found"
        + " an array", e.getMessage());
  }

  @Test
  void detect_mnistSelectWithoutRunJson_isToldByExperimentJson() throws IOException {
    Files.writeString(temp.resolve("results.json"), "[{\"dataset\": \"bundled\"}]");
    Files.writeString(temp.resolve("experiment.json"), "{\"name\": \"mnist-select\"}");
    assertEquals(RunKind.MNIST_SELECT, RunDirectory.detect(temp).kind());
  }

  /**
   * The same with the rows mnist-select writes: they have test_accuracy_mean, as mnist-l2's do,
   * and the folder was taken for mnist-l2's, whose report failed with "results.json: row 1:
   * missing field "lambda"" (a results.json that was fine), where the stop message sends the
   * user to tikhonov report. Without experiment.json, the rows' method field tells it.
   */
  @Test
  void detect_mnistSelectsOwnRowsWithoutRunJson_isMnistSelect_andItsReportIsWritten()
      throws IOException {
    Path dir = SampleRuns.mnistSelect(temp.resolve("ms"), temp.resolve("ms-source"));
    Files.delete(dir.resolve("run.json"));
    assertEquals(RunKind.MNIST_SELECT, RunDirectory.detect(dir).kind());
    assertTrue(Files.readString(HtmlReport.write(dir)).contains("experiment mnist-select"));
    Files.delete(dir.resolve("experiment.json"));
    assertEquals(RunKind.MNIST_SELECT, RunDirectory.detect(dir).kind());
  }

  /** experiment.json names the experiment whatever fields the rows have. */
  @Test
  void detect_experimentJsonNamesTheExperiment_beforeTheRowsFields() throws IOException {
    Files.writeString(temp.resolve("results.json"), "[{\"slope\": 1.0, \"model\": \"x\"}]");
    Files.writeString(temp.resolve("experiment.json"), "{\"name\": \"ridge-vs-lasso\"}");
    assertEquals(RunKind.RIDGE_VS_LASSO, RunDirectory.detect(temp).kind());
    Files.writeString(temp.resolve("experiment.json"), "{\"name\": \"train\"}");
    assertEquals(RunKind.GD_LINEAR, RunDirectory.detect(temp).kind(), "not an experiment's name");
  }

  /**
   * run.json's "kind" of another type is refused (a number was passed over, and the folder told
   * by its files), and a kind whose file is not in the folder names both (a grid run in a path
   * run's folder said only "grid.json: file not found").
   */
  @Test
  void detect_kindNotAString_orItsFileMissing_isRefusedNamingRunJson() throws IOException {
    Path dir = SampleRuns.path(temp.resolve("p"));
    Path runJson = dir.resolve("run.json");
    Files.writeString(runJson, "{\"kind\": 3}");
    assertEquals(runJson + ": \"kind\" must be a string naming the run's kind (train, mnist-l2,"
        + " gd-linear, ridge-vs-lasso, path, ridge, select, grid, mnist-select), found number",
        assertThrows(InputException.class, () -> RunDirectory.detect(dir)).getMessage());
    Files.writeString(runJson, "{\"kind\": \"grid\"}");
    assertEquals(dir.resolve("grid.json") + ": file not found; " + runJson + " says this is a"
        + " grid run, whose report is drawn from grid.json, and it is not here",
        assertThrows(InputException.class, () -> RunDirectory.detect(dir)).getMessage());
    Files.writeString(runJson, "{\"kind\": \"mnist-select\"}");
    assertEquals(dir.resolve("results.json") + ": file not found; " + runJson + " says this is"
        + " an experiment mnist-select run, whose report is drawn from results.json, and it is"
        + " not here",
        assertThrows(InputException.class, () -> RunDirectory.detect(dir)).getMessage());
    Files.writeString(runJson, "{\"kind\": \"path\"}");
    assertEquals(RunKind.PATH, RunDirectory.detect(dir).kind());
  }

  /**
   * run.json's "ridge" (a ridge run's kind; it said "path") is a ridge run's folder, drawn from
   * path.json as a path run's is, and refused naming path.json without it.
   */
  @Test
  void detect_kindRidge_isRidge_andNeedsPathJson() throws IOException {
    Path dir = SampleRuns.path(temp.resolve("r"));
    Path runJson = dir.resolve("run.json");
    Files.writeString(runJson, "{\"kind\": \"ridge\"}");
    assertEquals(RunKind.RIDGE, RunDirectory.detect(dir).kind());
    Files.delete(dir.resolve("path.json"));
    assertEquals(dir.resolve("path.json") + ": file not found; " + runJson + " says this is a"
        + " ridge run, whose report is drawn from path.json, and it is not here",
        assertThrows(InputException.class, () -> RunDirectory.detect(dir)).getMessage());
  }

  @Test
  void detect_whenOnlyHistoryJsonExists_isTrain() throws IOException {
    Files.writeString(temp.resolve("history.json"), "[{\"epoch\": 1, \"train_loss\": 0.5}]");
    assertEquals(RunKind.TRAIN, RunDirectory.detect(temp).kind());
    assertEquals(0.5, EpochRow.readHistory(temp).get(0).trainLoss(), 0);
    assertTrue(Double.isNaN(EpochRow.readHistory(temp).get(0).valLoss()), "missing column is NaN");
  }

  @Test
  void detect_whenEmptyDirectory_namesTheFilesItLookedFor() {
    InputException e = assertThrows(InputException.class, () -> RunDirectory.detect(temp));
    assertEquals(temp + " is not a tikhonov run directory: no run.json, results.json, history.csv"
        + " or path.json", e.getMessage());
  }

  @Test
  void detect_whenNotADirectory_saysSo() throws IOException {
    Path file = Files.writeString(temp.resolve("x.txt"), "x");
    InputException e = assertThrows(InputException.class, () -> RunDirectory.detect(file));
    assertTrue(e.getMessage().endsWith(": is a file, not a run directory"), e.getMessage());
    e = assertThrows(InputException.class, () -> RunDirectory.detect(temp.resolve("none")));
    assertTrue(e.getMessage().endsWith("none: no such directory"), e.getMessage());
  }

  @Test
  void readCsv_whenCellIsNotANumber_namesLineAndColumn() throws IOException {
    Files.writeString(temp.resolve("history.csv"), "epoch,train_loss\n1,0.5\n2,abc\n");
    InputException e = assertThrows(InputException.class, () -> EpochRow.readHistory(temp));
    assertEquals(temp.resolve("history.csv") + ":3:2: expected a number, found \"abc\"", e.getMessage());
  }
}
