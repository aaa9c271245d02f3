package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  @Test
  void badInput_isOneLineNamingTheFlag_exitCode2() throws Exception {
    Files.writeString(dir.resolve("tiny.csv"), "a,b,y\n1,2,0\n2,1,1\n3,3,0\n4,1,1\n5,2,0\n");
    String[][] cases = {
      {"select", "--lambdas", "0.1,-1"},
      {"select", "--lambdas", ""},
      {"select", "--data", "tiny.csv", "--target", "y", "--folds", "10", "--model", "mlp:4"},
      {"select", "--model", "linear"},
      {"select", "--folds", "1"},
      {"grid", "--lambdas", "0.1", "--dropouts", "1.5"},
      {"grid", "--lambdas", "0.1", "--repeat-seeds", "3"},
    };
    String[] expected = {
      "--lambdas must be finite numbers >= 0; value 2 of 2 is -1.0",
      "--lambdas",
      "10-fold cross-validation needs at least 10 rows, the data have 4",
      "for linear and logistic models use tikhonov path",
      "--folds must be >= 2, got 1",
      "--dropouts must be in [0, 1); value 1 of 1 is 1.5",
      "--repeat-seeds must be at least 2",
    };
    for (int i = 0; i < cases.length; i++) {
      String[] args = java.util.Arrays.copyOf(cases[i], cases[i].length + 4);
      args[cases[i].length] = "--out";
      args[cases[i].length + 1] = "bad" + i;
      args[cases[i].length + 2] = "--quiet";
      args[cases[i].length + 3] = "--threads=1";
      Cli.Result r = Cli.run(dir, args);
      String what = String.join(" ", cases[i]) + ": " + r.stderr();
      assertEquals(2, r.exitCode(), what);
      assertTrue(r.stderr().contains(expected[i]), what);
      assertFalse(r.stderr().contains("\tat "), "no stack trace: " + what);
    }
  }
}
