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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-class model's test AUC in train's, grid's and select's metrics.json, report and summary
 * line, beside its accuracy; a model of three classes has none.
 */
class TwoClassScoresTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private InProcess run(String command, String data, String target, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--data",
        Path.of("..", "data", data).toString(), "--target", target, "--standardize",
        "--threads", "1", "--quiet", "--out", dir.resolve(command + "-" + data).toString()));
    args.addAll(List.of(more));
    InProcess r = InProcess.run(args);
    assertEquals(0, r.exit(), r.err());
    return r;
  }

  @Test
  void twoClasses_testAucBesideTheAccuracy_inMetricsReportAndSummary() throws Exception {
    InProcess train = run("train", "breast_cancer.csv", "diagnosis", "--ignore-columns", "id",
        "--model", "logistic", "--lambda", "1e-3");
    run("grid", "breast_cancer.csv", "diagnosis", "--ignore-columns", "id", "--model", "mlp:4",
        "--lambdas", "1e-3,1e-2", "--folds", "2", "--epochs", "2");
    run("select", "breast_cancer.csv", "diagnosis", "--ignore-columns", "id", "--model", "mlp:4",
        "--lambdas", "1e-3,1e-2", "--folds", "2", "--epochs", "2", "--no-evidence");
    for (String command : new String[] {"train", "grid", "select"}) {
      Path out = dir.resolve(command + "-breast_cancer.csv");
      JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
      double auc = m.get("test_auc").asDouble();
      assertTrue(auc > 0.5 && auc <= 1, command + ": " + m);
      assertTrue(Files.readString(out.resolve("report.html")).contains("test_auc"), command);
    }
    JsonNode m = JSON.readTree(dir.resolve("train-breast_cancer.csv/metrics.json").toFile());
    String summary = train.out().lines().filter(l -> l.startsWith("  test ")).findFirst()
        .orElseThrow(() -> new AssertionError(train.out()));
    assertTrue(summary.startsWith(String.format(Locale.ROOT,
        "  test accuracy %.4f, AUC %.4f, loss %.4f   train loss ",
        m.get("test_accuracy").asDouble(), m.get("test_auc").asDouble(),
        m.get("test_loss").asDouble())), summary);
  }

  @Test
  void threeClasses_noAuc() throws Exception {
    InProcess r = run("train", "wine.csv", "cultivar", "--model", "logistic", "--lambda",
        "1e-3");
    JsonNode m = JSON.readTree(dir.resolve("train-wine.csv/metrics.json").toFile());
    assertTrue(m.has("test_accuracy") && !m.has("test_auc"), m.toString());
    assertFalse(r.out().contains("AUC"), r.out());
  }
}
