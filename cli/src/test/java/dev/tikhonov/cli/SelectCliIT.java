package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The select and grid commands end to end, in a separate JVM. */
class SelectCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void select_onTheBundledDigits_writesTheSelectionTheColdGridAndTheModel() throws Exception {
    Cli.Result r = Cli.run(dir, "select", "--model", "mlp:16", "--epochs", "2",
        "--warm-epochs", "1", "--lambdas", "0.1,0.01,0.001", "--folds", "3", "--cold",
        "--save", "chosen.model", "--threads", "2", "--out", "sel", "--quiet", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    Path run = dir.resolve("sel");
    JsonNode selection = JSON.readTree(run.resolve("selection.json").toFile());
    assertEquals(3, selection.get("lambdas").size());
    JsonNode cv = selection.get("cv");
    assertTrue(cv.get("lambda_1se").asDouble() >= cv.get("lambda_min").asDouble());
    assertEquals(3, selection.get("splits").size());
    assertEquals(3, selection.get("path").size());
    assertTrue(selection.get("evidence").get("log_evidence").get(0).isNumber());
    JsonNode metrics = JSON.readTree(r.stdout());
    assertEquals(cv.get("lambda_1se").asDouble(), metrics.get("lambda_chosen").asDouble());
    assertTrue(metrics.get("test_accuracy").asDouble() > 0.5, metrics.toString());
    assertTrue(metrics.get("cold_seconds").asDouble() > 0);
    assertTrue(Files.exists(run.resolve("selection-cold.json")));
    assertTrue(Files.exists(run.resolve("selection.csv")));
    String html = Files.readString(run.resolve("report.html"));
    assertTrue(html.contains("chart-cv-warm-vs-cold"), "the comparison chart");
    assertTrue(html.contains("chart-evidence"));
    Cli.Result eval = Cli.run(dir, "evaluate", "--model", "chosen.model");
    assertEquals(0, eval.exitCode(), eval.stderr());
    JsonNode run1 = JSON.readTree(run.resolve("run.json").toFile());
    assertEquals("select", run1.get("kind").asText());
  }

  @Test
  void grid_searchesEveryCombination_andSavesTheChosenOne() throws Exception {
    Cli.Result r = Cli.run(dir, "grid", "--model", "mlp:16", "--epochs", "2", "--lambdas",
        "0.1,0.001", "--dropouts", "0,0.2", "--folds", "2", "--threads", "2", "--out", "g",
        "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode grid = JSON.readTree(dir.resolve("g/grid.json").toFile());
    assertEquals(4, grid.get("candidates").size());
    assertEquals(0.1, grid.get("candidates").get(0).get("settings").get("lambda").asDouble());
    assertEquals(0.2, grid.get("candidates").get(0).get("settings").get("dropout").asDouble());
    assertTrue(grid.get("one_se").asInt() <= grid.get("best").asInt());
    assertEquals(grid.get("one_se").asInt(), grid.get("chosen").asInt());
    assertTrue(Files.readString(dir.resolve("g/report.html")).contains("chart-grid-cv"));
  }
}
