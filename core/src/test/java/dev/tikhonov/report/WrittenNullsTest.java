package dev.tikhonov.report;

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
        Optional.of(fit.cv()), OptionalInt.of(data.size()))));
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
}
