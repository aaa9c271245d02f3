package dev.tikhonov.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.internal.data.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RidgeVsLassoTest {

  @Test
  void run_quick_lassoIsSparseAndFilesFollowTheFormat(@TempDir Path dir) throws Exception {
    RidgeVsLasso.Settings settings = new RidgeVsLasso.Settings(150, 40, 4, 5.0, 0.25, 5);
    List<RidgeVsLasso.Row> rows = RidgeVsLasso.run(dir, settings, 3, 2, null);
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
    List<RidgeVsLasso.Row> rows = RidgeVsLasso.run(dir, settings, 1, 1, null);
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
    List<RidgeVsLasso.Row> rows = RidgeVsLasso.run(dir, RidgeVsLasso.Settings.full(), 0, 2, null);
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
