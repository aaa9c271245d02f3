package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regression's test scores in grid's, select's and train's metrics.json, report and summary
 * line: MSE and R² as {@code evaluate} gives them, no accuracy. grid on data/diabetes.csv printed
 * "test loss 93085032.3620" and its report had a "test_accuracy –" row.
 */
class RegressionScoresTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIABETES = Path.of("..", "data", "diabetes.csv");
  @TempDir Path dir;

  private InProcess run(String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--data", DIABETES.toString(),
        "--target", "progression", "--regression", "--model", "mlp:4", "--standardize",
        "--epochs", "2", "--lr", "1e-3", "--threads", "1", "--out", dir.resolve(command).toString()));
    args.addAll(List.of(more));
    InProcess r = InProcess.run(args);
    assertEquals(0, r.exit(), r.err());
    return r;
  }

  @Test
  void gridSelectAndTrain_regression_reportMseAndRSquared_noAccuracy() throws Exception {
    run("grid", "--lambdas", "1e-3,1e-2", "--folds", "2");
    run("select", "--lambdas", "1e-3,1e-2", "--folds", "2", "--no-evidence");
    run("train");
    for (String command : new String[] {"grid", "select", "train"}) {
      Path out = dir.resolve(command);
      JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
      assertFalse(m.has("test_accuracy"), command + ": " + m);
      // ℓ = ½(y − ŷ)², so the mean loss is half the MSE
      assertEquals(2 * m.get("test_loss").asDouble(), m.get("test_mse").asDouble(),
          1e-9 * m.get("test_mse").asDouble(), command + ": " + m);
      assertTrue(m.get("test_r2").asDouble() < 1, command + ": " + m);
      String report = Files.readString(out.resolve("report.html"));
      assertFalse(report.contains("test_accuracy"), command);
      assertTrue(report.contains("test_mse") && report.contains("test_r2"), command);
    }
  }

  @Test
  void grid_regression_summarySaysMseAndRSquaredInSignificantDigits() throws Exception {
    InProcess r = run("grid", "--lambdas", "1e-3", "--folds", "2");
    JsonNode m = JSON.readTree(dir.resolve("grid/metrics.json").toFile());
    String chosen = r.out().lines().filter(l -> l.startsWith("  chosen (")).findFirst()
        .orElseThrow(() -> new AssertionError(r.out()));
    assertTrue(chosen.contains(String.format(java.util.Locale.ROOT,
        "   test MSE %.4g, R² %.4g, loss %.4g   (", m.get("test_mse").asDouble(),
        m.get("test_r2").asDouble(), m.get("test_loss").asDouble())), chosen);
    assertFalse(chosen.contains("accuracy"), chosen);
  }
}
