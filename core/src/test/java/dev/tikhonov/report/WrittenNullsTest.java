package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.CrossValidatedPath;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.internal.select.PathFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's readers against what the writers of path.json, grid.json and histograms.json put
 * in them. A number that is not finite is written in Jackson's spelling ("NaN", "-Infinity") and
 * reads back as itself; JSON null is written only where a value does not exist (grid.json's SE
 * of a candidate whose SE is not finite), which the report shows as absent. A null where the
 * writer always writes a number was read as NaN and drawn as a gap or "–"; it is refused,
 * naming the file and the key.
 */
class WrittenNullsTest {
  @TempDir Path dir;

  /** path.json as {@code ./tikhonov path --cv-folds 5} writes it of diabetes.csv. */
  private Path pathRun(Path run, Function<Map<String, Object>, Map<String, Object>> edit)
      throws IOException {
    Dataset data = Dataset.read(Path.of("..", "data", "diabetes.csv"), "progression",
        TargetKind.REAL);
    CrossValidatedPath<LinearModel> fit = ElasticNetCV.gaussian().numFolds(5).seed(1)
        .threads(2).numLambdas(12).build().crossValidate(data);
    Files.createDirectories(run);
    Json.write(run.resolve("path.json"), edit.apply(PathFiles.json(fit.path().solution(),
        Optional.of(fit.cv()), OptionalInt.of(data.numRows()))));
    return run.resolve("path.json");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cv(Map<String, Object> json) {
    return (Map<String, Object>) json.get("cv");
  }

  /**
   * The writer spells a non-finite number as Jackson does: "NaN" in the file, NaN when read,
   * and the report is drawn with it.
   */
  @Test
  void pathJson_aNumberThatIsNotFinite_readsBackAsItself() throws IOException {
    Path file = pathRun(dir.resolve("nan"), json -> {
      double[] se = (double[]) cv(json).get("se");
      se[2] = Double.NaN;
      return json;
    });
    assertTrue(Files.readString(file).contains("\"NaN\""));
    PathData read = PathData.read(file);
    assertTrue(Double.isNaN(read.cv().orElseThrow().se()[2]));
    assertTrue(Files.isRegularFile(HtmlReport.write(file.getParent())));
  }

  /**
   * A null where path writes a number (coef, df, dev_ratio, cv.mean, cv.se) read as NaN; it is
   * refused with the file and the entry.
   */
  @Test
  void pathJson_aNullWherePathWritesANumber_isRefusedNamingTheFileAndTheEntry()
      throws IOException {
    Path file = pathRun(dir.resolve("written"), json -> json);
    JsonNode written = Json.MAPPER.readTree(file.toFile());
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("/coef/3", "coef[3][1]");
    entries.put("/df", "df[4]");
    entries.put("/dev_ratio", "dev_ratio[4]");
    entries.put("/cv/mean", "cv: mean[4]");
    entries.put("/cv/se", "cv: se[4]");
    for (Map.Entry<String, String> e : entries.entrySet()) {
      JsonNode root = written.deepCopy();
      ArrayNode array = (ArrayNode) root.at(e.getKey());
      array.setNull(e.getKey().equals("/coef/3") ? 1 : 4);
      Files.writeString(file, Json.MAPPER.writeValueAsString(root));
      InputException thrown = assertThrows(InputException.class, () -> PathData.read(file),
          e.getValue());
      assertEquals(file + ": " + e.getValue() + " is null; expected a number, which the run"
          + " writes there (\"NaN\" for one that is not a number)", thrown.getMessage());
    }
  }

  /**
   * grid.json: the SE of a candidate whose SE is not finite is written as null and shown as
   * absent (the mean alone); a scored candidate's mean is always a number, and a null there is
   * refused.
   */
  @Test
  void gridJson_aNullSe_isShownAsAbsent_andANullMean_isRefused() throws IOException {
    Path run = dir.resolve("grid");
    SelectionRuns.grid(run);
    Path file = run.resolve("grid.json");
    ObjectNode written = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    ObjectNode root = written.deepCopy();
    ((ObjectNode) root.get("candidates").get(0)).putNull("se");
    Files.writeString(file, Json.MAPPER.writeValueAsString(root));
    GridData grid = GridData.read(file);
    assertTrue(Double.isNaN(grid.candidates().get(0).se()));
    StringBuilder table = new StringBuilder();
    ReportTables.grid(grid, table);
    String mean = Html.meanStd(grid.candidates().get(0).mean(), Double.NaN);
    assertFalse(mean.contains("±"), mean);
    assertTrue(table.toString().contains("<td>" + mean + "</td>"), table.toString());

    root = written.deepCopy();
    ((ObjectNode) root.get("candidates").get(1)).putNull("mean");
    Files.writeString(file, Json.MAPPER.writeValueAsString(root));
    InputException e = assertThrows(InputException.class, () -> GridData.read(file));
    assertEquals(file + ": candidates[1]: field \"mean\" is null; expected a number, which the"
        + " run writes there (\"NaN\" for one that is not a number)", e.getMessage());
  }

  /**
   * histograms.json as mnist-l2 writes it (Histogram's edges and counts): empty bins are 0 and
   * read back as 0; a null count, never written, read as NaN and is refused.
   */
  @Test
  void histogramsJson_emptyBinsReadAsZero_andANullCountIsRefused() throws IOException {
    float[] weights = {-0.5f, -0.49f, 0.5f, 0.25f};
    double[] edges = Histogram.symmetricEdges(0.5, 8);
    long[] counts = Histogram.count(weights, edges);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("lambda", 0.0);
    row.put("dropout", 0.0);
    row.put("counts", counts);
    Path file = dir.resolve("histograms.json");
    Json.write(file, Json.object("edges", edges, "rows", List.of(row)));
    Histograms read = Histograms.read(file);
    double[] expected = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      expected[i] = counts[i];
    }
    assertArrayEquals(expected, read.rows().get(0).counts());
    assertEquals(0, expected[3], "a bin left empty");

    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    ((ArrayNode) root.get("rows").get(0).get("counts")).setNull(3);
    Files.writeString(file, Json.MAPPER.writeValueAsString(root));
    InputException e = assertThrows(InputException.class, () -> Histograms.read(file));
    assertEquals(file + ": rows[0]: counts[3] is null; expected a number, which the run writes"
        + " there (\"NaN\" for one that is not a number)", e.getMessage());
  }

  /** What the null-refusal message says of {@code entry} in {@code file}. */
  private static String refused(Path file, String entry) {
    return file + ": " + entry + " is null; expected a number, which the run writes there"
        + " (\"NaN\" for one that is not a number)";
  }

  /**
   * Sets {@code key} (an object's field, or an array's index when a number) of the node at
   * {@code pointer} in a copy of {@code written} to null, and writes the copy to {@code file}.
   */
  private static void writeWithNull(ObjectNode written, String pointer, String key, Path file)
      throws IOException {
    JsonNode root = written.deepCopy();
    JsonNode at = root.at(pointer);
    if (at.isArray()) {
      ((ArrayNode) at).setNull(Integer.parseInt(key));
    } else {
      ((ObjectNode) at).putNull(key);
    }
    Files.writeString(file, Json.MAPPER.writeValueAsString(root));
  }

  /**
   * Each entry {pointer, key, the entry as the message names it} of {@code written} set to null
   * in turn, alone, in {@code file}: {@code read} refuses it naming the file and the entry.
   */
  private static void assertEachNullRefused(ObjectNode written, Path file, String[][] entries,
      Executable read) {
    assertAll(java.util.Arrays.stream(entries).map(e -> () -> {
      writeWithNull(written, e[0], e[1], file);
      InputException thrown = assertThrows(InputException.class, read, e[2]);
      assertEquals(refused(file, e[2]), thrown.getMessage());
    }));
  }

  /**
   * selection.json as select writes it (SelectionFiles): the means, the evidence's best λ, the
   * path's and the splits' numbers and the seconds are always numbers, and a null in any was
   * read as NaN (a split's epochs as 0) and drawn as a gap, "–" or 0 epochs; each is refused,
   * naming the file and the key. The nulls the writer does write (an SE, a log evidence, a
   * validation loss that is not there) still read as absent.
   */
  @Test
  void selectionJson_aNullWhereSelectWritesANumber_isRefusedNamingTheFileAndTheKey()
      throws IOException {
    Path run = dir.resolve("select");
    SelectionRuns.select(run);
    Path file = run.resolve("selection.json");
    ObjectNode written = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    String[][] entries = {
        {"/cv/mean", "2", "cv: mean[2]"},
        {"/loss/mean", "2", "loss: mean[2]"},
        {"/misclassification/mean", "2", "misclassification: mean[2]"},
        {"/evidence", "best_lambda", "evidence: field \"best_lambda\""},
        {"/path/1", "train_loss", "path[1]: field \"train_loss\""},
        {"/path/1", "penalty", "path[1]: field \"penalty\""},
        {"/path/1", "epochs", "path[1]: field \"epochs\""},
        {"/path/1/layer_norms", "0", "path[1]: layer_norms[0]"},
        {"/splits/2/1", "epochs", "splits[2][1]: field \"epochs\""},
        {"", "seconds", "field \"seconds\""}};
    assertEachNullRefused(written, file, entries, () -> SelectionData.read(file));

    writeWithNull(written, "/cv/se", "2", file);
    assertTrue(Double.isNaN(SelectionData.read(file).se()[2]));
    writeWithNull(written, "/evidence/log_evidence", "2", file);
    assertTrue(Double.isNaN(SelectionData.read(file).logEvidence()[2]));
    writeWithNull(written, "/path/1", "validation_loss", file);
    assertTrue(Double.isNaN(SelectionData.read(file).path().get(1).validationLoss()));
  }

  /**
   * A selection.json from before "loss" (the held-out loss beside another measure) still reads,
   * without it; so do the evidence, path and split entries and the seconds when missing, as
   * absent.
   */
  @Test
  void selectionJson_withoutKeysOfLaterVersions_stillReads() throws IOException {
    Path run = dir.resolve("old-select");
    SelectionRuns.select(run);
    Path file = run.resolve("selection.json");
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    root.remove("loss");
    root.remove("seconds");
    ((ObjectNode) root.get("evidence")).remove("best_lambda");
    ((ObjectNode) root.get("path").get(1)).remove(List.of("train_loss", "penalty", "epochs",
        "layer_norms"));
    ((ObjectNode) root.get("splits").get(2).get(1)).remove("epochs");
    Files.writeString(file, Json.MAPPER.writeValueAsString(root));
    SelectionData read = SelectionData.read(file);
    assertEquals(0, read.lossMean().length);
    assertTrue(Double.isNaN(read.seconds()));
    assertTrue(Double.isNaN(read.evidenceBest()));
    assertTrue(Double.isNaN(read.path().get(1).trainLoss()));
    assertEquals(0, read.path().get(1).layerNorms().length);
    assertTrue(Double.isNaN(read.splitEpochsMean()[1]), "not 0 epochs");
    assertTrue(Files.isRegularFile(HtmlReport.write(run)));
  }

  /**
   * grid.json: a scored candidate's loss_mean and the search's seconds are always numbers; a
   * null there (read as NaN and shown as "–") is refused. A grid.json from before loss_mean
   * still reads, without it.
   */
  @Test
  void gridJson_aNullLossMeanOrSeconds_isRefused_andAFileWithoutThemStillReads()
      throws IOException {
    Path run = dir.resolve("grid");
    SelectionRuns.grid(run);
    Path file = run.resolve("grid.json");
    ObjectNode written = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    String[][] entries = {
        {"/candidates/1", "loss_mean", "candidates[1]: field \"loss_mean\""},
        {"", "seconds", "field \"seconds\""}};
    assertEachNullRefused(written, file, entries, () -> GridData.read(file));

    ObjectNode old = written.deepCopy();
    old.remove("seconds");
    old.get("candidates").forEach(c -> ((ObjectNode) c).remove(List.of("loss_mean",
        "loss_se")));
    Files.writeString(file, Json.MAPPER.writeValueAsString(old));
    GridData read = GridData.read(file);
    assertTrue(Double.isNaN(read.seconds()));
    assertTrue(Double.isNaN(read.candidates().get(1).lossMean()));
    assertTrue(Files.isRegularFile(HtmlReport.write(run)));
  }

  /**
   * results.json of experiment mnist-select (MnistSelect.Row): the times, λ, CV loss and test
   * accuracy are always numbers, and a null selection_seconds was read as 0 s, the cold grid's
   * ratio over it "∞×"; each null there is refused naming the file, the row and the key. The
   * nulls the writer does write (evidence_lambda without the evidence, test_accuracy_std of one
   * seed) still read as absent, and a file from before cpu_seconds still reads.
   */
  @Test
  void mnistSelectResults_aNullWhereTheRowHasANumber_isRefusedNamingTheFileAndTheKey()
      throws IOException {
    Path run = SampleRuns.mnistSelect(dir.resolve("ms"), dir.resolve("ms-source"));
    Path file = run.resolve("results.json");
    JsonNode rows = Json.MAPPER.readTree(file.toFile());
    String[] keys = {"selection_seconds", "cpu_seconds", "lambda_chosen", "lambda_min",
        "lambda_1se", "cv_loss", "cv_se", "test_accuracy_mean", "seeds"};
    assertAll(java.util.Arrays.stream(keys).map(key -> () -> {
      JsonNode copy = rows.deepCopy();
      ((ObjectNode) copy.get(4)).putNull(key);
      Files.writeString(file, Json.MAPPER.writeValueAsString(copy));
      InputException thrown = assertThrows(InputException.class, () -> HtmlReport.write(run),
          key);
      assertEquals(refused(file, "row 5: field \"" + key + "\""), thrown.getMessage());
    }));

    JsonNode old = rows.deepCopy();
    ((ObjectNode) old.get(4)).putNull("evidence_lambda").putNull("test_accuracy_std");
    old.forEach(r -> ((ObjectNode) r).remove("cpu_seconds"));
    Files.writeString(file, Json.MAPPER.writeValueAsString(old));
    assertTrue(Files.isRegularFile(HtmlReport.write(run)));
  }

  /**
   * selection.json's splits hold one point per λ each (SelectionFiles); a split of another
   * length, or not an array, was skipped without a word and the epochs chart averaged the
   * others. It is refused naming the file and the split.
   */
  @Test
  void selectionJson_aSplitNotOfOnePointPerLambda_isRefusedNamingTheFileAndTheSplit()
      throws IOException {
    Path run = dir.resolve("splits");
    SelectionRuns.select(run);
    Path file = run.resolve("selection.json");
    ObjectNode written = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    int m = written.get("lambdas").size();
    ObjectNode shorter = written.deepCopy();
    ((ArrayNode) shorter.get("splits").get(2)).remove(m - 1);
    Files.writeString(file, Json.MAPPER.writeValueAsString(shorter));
    InputException e = assertThrows(InputException.class, () -> SelectionData.read(file));
    assertEquals(file + ": splits[2] has " + (m - 1) + " entries; expected an array of " + m
        + ", one per λ of \"lambdas\"", e.getMessage());

    ObjectNode object = written.deepCopy();
    ((ArrayNode) object.get("splits")).set(1, Json.MAPPER.createObjectNode());
    Files.writeString(file, Json.MAPPER.writeValueAsString(object));
    e = assertThrows(InputException.class, () -> SelectionData.read(file));
    assertEquals(file + ": splits[1] is an object; expected an array of " + m
        + ", one per λ of \"lambdas\"", e.getMessage());
  }
}
