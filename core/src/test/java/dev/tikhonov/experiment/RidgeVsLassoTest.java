package dev.tikhonov.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.Json;
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
}
