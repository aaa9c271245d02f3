package dev.tikhonov.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.report.RunInfo;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RidgeVsLassoTest {
  private static final PrintStream NO_TABLE = new PrintStream(OutputStream.nullOutputStream());

  private static RunWriter writer(Path dir) {
    return RunWriter.open(dir, RunKind.RIDGE_VS_LASSO);
  }

  private static RunInfo info(RunKind kind, String command) {
    return RunInfo.of(kind, command, List.of(), OptionalLong.of(0), 1, Optional.empty(),
        Instant.now(), Map.of());
  }

  /**
   * A run stopped before its end (here after its results, before its run.json, as a kill
   * while it draws its report): it wrote its files past the run's record, in no list, so the
   * next run into the folder left them, read as its own. Each is recorded as it is written now
   * (run.json.partial), and the next run removes them as that run's.
   */
  @Test
  void aRunStoppedBeforeItsEnd_theNextRunRemovesItsFiles(@TempDir Path dir) throws Exception {
    RidgeVsLasso.run(new RidgeVsLasso.Settings(60, 8, 2, 5.0, 0.25, 3), 1, 1, writer(dir),
        NO_TABLE);
    List<String> recorded = new java.util.ArrayList<>();
    Json.MAPPER.readTree(dir.resolve("run.json.partial").toFile()).path("runs").get(0)
        .path("files").forEach(f -> recorded.add(f.path("path").asText()));
    List<String> files = List.of("experiment.json", "path-elastic-net.json", "path-lasso.json",
        "path-ridge.json", "results.json");
    assertEquals(files, recorded);

    RunWriter next = RunWriter.open(dir, RunKind.TRAIN);
    next.metrics(Map.of("test_accuracy", 0.5));
    next.finish(info(RunKind.TRAIN, "train"));
    for (String f : files) {
      assertFalse(Files.exists(dir.resolve(f)), f);
    }
    assertEquals("removed 5 files that a run stopped before its end left in " + dir + " (listed"
        + " in its run.json.partial), which this run did not rewrite: experiment.json,"
        + " path-elastic-net.json, path-lasso.json, path-ridge.json, results.json",
        next.removedMessage().orElseThrow());
  }

  @Test
  void run_quick_lassoIsSparseAndFilesFollowTheFormat(@TempDir Path dir) throws Exception {
    RidgeVsLasso.Settings settings = new RidgeVsLasso.Settings(150, 40, 4, 5.0, 0.25, 5);
    List<RidgeVsLasso.Row> rows = RidgeVsLasso.run(settings, 3, 2, writer(dir), NO_TABLE);
    assertEquals(List.of("ridge", "lasso", "elastic-net"),
        rows.stream().map(RidgeVsLasso.Row::model).toList());
    RidgeVsLasso.Row ridge = rows.get(0);
    RidgeVsLasso.Row lasso = rows.get(1);
    assertEquals(40, ridge.nonzero(), "ridge keeps every coefficient");
    assertTrue(lasso.nonzero() < 40, "lasso zeroes some: " + lasso.nonzero());
    assertTrue(lasso.testMse() < ridge.testMse(),
        "4 informative of 40: lasso " + lasso.testMse() + " vs ridge " + ridge.testMse());
    JsonNode results = Json.MAPPER.readTree(dir.resolve("results.json").toFile());
    assertEquals(3, results.size());
    assertEquals(lasso.lambda(), results.get(1).get("lambda").asDouble(), 0.0);
    JsonNode path = Json.MAPPER.readTree(dir.resolve("path-lasso.json").toFile());
    assertEquals(path.get("lambda").size(), path.get("coef").size());
    assertEquals(40, path.get("coef").get(0).size());
    assertEquals(lasso.lambda(), path.get("cv").get("lambda_min").asDouble(), 0.0);
    assertTrue(Files.exists(dir.resolve("path-ridge.json")));
  }

  /**
   * The CLI's {@code --json} prints the rows with {@link Json#oneLine}; they printed l1Ratio,
   * testMse, cvMse and lambdaAtGridEdge where results.json has l1_ratio, test_mse, cv_mse and
   * lambda_min_at_grid_edge, so a script reading one could not read the other.
   */
  @Test
  void rowsAsJson_areResultsJson_sameKeysAndNumbers(@TempDir Path dir) throws Exception {
    RidgeVsLasso.Settings settings = new RidgeVsLasso.Settings(60, 8, 2, 5.0, 0.25, 3);
    List<RidgeVsLasso.Row> rows = RidgeVsLasso.run(settings, 1, 1, writer(dir), NO_TABLE);
    assertEquals(Json.MAPPER.readTree(dir.resolve("results.json").toFile()),
        Json.MAPPER.readTree(Json.oneLine(rows)));
  }

  /**
   * On the full settings glmnet's default grid ended ridge's path at λ_max·1e-4 = 0.899, where
   * its CV error was still falling steeply: ridge's λ_min was the grid's last λ and its test
   * MSE (259 against the lasso's 101) a boundary value. Every model's λ_min must be a turn of
   * its CV curve, inside its grid, read from the path files.
   */
  @Test
  void run_full_everyLambdaMinIsInsideItsGrid(@TempDir Path dir) throws Exception {
    List<RidgeVsLasso.Row> rows = RidgeVsLasso.run(RidgeVsLasso.Settings.full(), 0, 2,
        writer(dir), NO_TABLE);
    JsonNode results = Json.MAPPER.readTree(dir.resolve("results.json").toFile());
    for (int m = 0; m < rows.size(); m++) {
      String model = rows.get(m).model();
      JsonNode path = Json.MAPPER.readTree(dir.resolve("path-" + model + ".json").toFile());
      JsonNode lambdas = path.get("lambda");
      JsonNode cv = path.get("cv").get("mean");
      int min = 0;
      for (int i = 1; i < cv.size(); i++) {
        min = cv.get(i).asDouble() < cv.get(min).asDouble() ? i : min;
      }
      assertTrue(min > 0 && min < lambdas.size() - 1, model + ": λ_min is λ number " + (min + 1)
          + " of " + lambdas.size());
      assertEquals(lambdas.get(min).asDouble(), rows.get(m).lambda(), 0.0);
      assertTrue(cv.get(lambdas.size() - 1).asDouble() > cv.get(min).asDouble(),
          model + ": the curve turns up again before the grid ends");
      assertEquals(false, results.get(m).get("lambda_min_at_grid_edge").asBoolean());
    }
    RidgeVsLasso.Row ridge = rows.get(0);
    RidgeVsLasso.Row lasso = rows.get(1);
    assertTrue(lasso.testMse() < ridge.testMse(), "10 informative of 200: lasso "
        + lasso.testMse() + " vs ridge " + ridge.testMse());
  }

  /**
   * The report of a real run: its results table said "lambda" without saying that it is
   * λ_min (not λ_1se); its path tables and charts came in file-name order (elastic-net,
   * lasso, ridge) under a results table in the order ridge, lasso, elastic net; and a path
   * with more than 60 nonzero coefficients pointed to path.csv, which ridge-vs-lasso does not
   * write. Its Settings showed the generic J(θ) (no experiment.json), not the experiment's
   * objective.
   */
  @Test
  void report_saysWhichLambda_followsTheTablesOrder_namesFilesThatExist(@TempDir Path dir)
      throws Exception {
    RunWriter writer = RunWriter.open(dir, RunKind.RIDGE_VS_LASSO);
    RidgeVsLasso.Settings settings = new RidgeVsLasso.Settings(120, 70, 3, 5.0, 0.25, 3);
    RidgeVsLasso.run(settings, 0, 1, writer, NO_TABLE);
    Map<String, Object> flat = Json.MAPPER.convertValue(settings, Map.class);
    String html = Files.readString(writer.finish(RunInfo.of(RunKind.RIDGE_VS_LASSO,
        "experiment ridge-vs-lasso", List.of(), OptionalLong.of(0), 1, Optional.empty(),
        Instant.now(), flat)));
    assertTrue(html.contains("lambda: each model's λ_min, the λ of least mean error in 3-fold"
        + " cross-validation"), html);
    assertTrue(html.contains("<p class=\"objective\">" + RidgeVsLasso.OBJECTIVE + "</p>"),
        "the experiment's objective, not the generic J(θ) with ℓ and vⱼ");
    int ridge = html.indexOf("<h3>path-ridge.json</h3>");
    int lasso = html.indexOf("<h3>path-lasso.json</h3>");
    int enet = html.indexOf("<h3>path-elastic-net.json</h3>");
    assertTrue(0 < ridge && ridge < lasso && lasso < enet, ridge + ", " + lasso + ", " + enet);
    assertTrue(html.indexOf("chart-coefficient-path-ridge") < html.indexOf(
        "chart-coefficient-path-elastic-net"), "charts in the table's order too");
    assertFalse(Files.exists(dir.resolve("path.csv")));
    assertFalse(html.contains("path.csv"), "names a file the run did not write");
    assertTrue(html.contains("that enter the path first are drawn; path-ridge.json has them"
        + " all."), "ridge keeps all 70 coefficients, more than are drawn");
  }

  @Test
  void table_whenALambdaMinIsAtItsGridsEdge_saysSo() {
    RidgeVsLasso.Settings settings = RidgeVsLasso.Settings.quick();
    String table = RidgeVsLasso.table(List.of(
        new RidgeVsLasso.Row("ridge", 0, 0.9, 259, 200, 236, true),
        new RidgeVsLasso.Row("lasso", 1, 0.6, 101, 50, 104, false)), settings);
    assertTrue(table.contains("note: ridge's λ_min is the first or last λ of its grid"), table);
    assertTrue(!table.contains("lasso's λ_min"), table);
  }
}
