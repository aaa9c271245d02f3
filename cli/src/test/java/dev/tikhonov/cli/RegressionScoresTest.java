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
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regression's test scores in grid's, select's and train's metrics.json, report and summary
 * line: MSE and R² as {@code evaluate} gives them, no accuracy. grid on data/diabetes.csv printed
 * "test loss 93085032.3620" and its report had a "test_accuracy –" row; train and select's
 * cold-grid line printed "test loss 1529.1234" after grid had learnt to say MSE and R².
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
        "   test MSE %.4g, R² %.4g, loss (½·MSE) %.4g   (", m.get("test_mse").asDouble(),
        m.get("test_r2").asDouble(), m.get("test_loss").asDouble())), chosen);
    assertFalse(chosen.contains("accuracy"), chosen);
  }

  private static String line(InProcess r, String start) {
    return r.out().lines().filter(l -> l.startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError(r.out()));
  }

  @Test
  void train_regression_summarySaysMseAndRSquared_asMetricsJson() throws Exception {
    InProcess r = run("train");
    JsonNode m = JSON.readTree(dir.resolve("train/metrics.json").toFile());
    String summary = line(r, "  test ");
    assertTrue(summary.startsWith(String.format(Locale.ROOT,
        "  test MSE %.4g, R² %.4g, loss (½·MSE) %.4g   train loss (½·MSE) %.4g   penalty ",
        m.get("test_mse").asDouble(), m.get("test_r2").asDouble(),
        m.get("test_loss").asDouble(), m.get("train_loss").asDouble())), summary);
    assertFalse(summary.contains("accuracy"), summary);
  }

  @Test
  void selectCold_regression_coldGridLineSaysMseAndRSquared_asMetricsJson() throws Exception {
    InProcess r = run("select", "--lambdas", "1e-3,1e-2", "--folds", "2", "--no-evidence",
        "--cold");
    JsonNode m = JSON.readTree(dir.resolve("select/metrics.json").toFile());
    String cold = line(r, "  cold grid: ");
    assertTrue(cold.contains(String.format(Locale.ROOT,
        "), test MSE %.4g, R² %.4g, loss (½·MSE) %.4g, ", m.get("cold_test_mse").asDouble(),
        m.get("cold_test_r2").asDouble(), m.get("cold_test_loss").asDouble())), cold);
    assertFalse(cold.contains("accuracy"), cold);
  }

  /**
   * Every number of train's, grid's and select's summaries as Locale.ROOT writes it: printed
   * with the JVM's default locale, a German user read "(0,3 s)" and "penalty 1,234e-03".
   */
  @Test
  void summaries_underALocaleWithADecimalComma_writeDecimalPoints() throws Exception {
    Pattern decimalComma = Pattern.compile("\\d,\\d");
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      for (InProcess r : List.of(run("train"), run("grid", "--lambdas", "1e-3", "--folds", "2"),
          run("select", "--lambdas", "1e-3,1e-2", "--folds", "2", "--no-evidence", "--cold"))) {
        assertFalse(decimalComma.matcher(r.out()).find(), r.out());
        assertFalse(decimalComma.matcher(r.err()).find(), r.err());
      }
    } finally {
      Locale.setDefault(before);
    }
  }
}
