package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.ElasticNet;
import dev.tikhonov.estimate.ClassifierEvaluation;
import dev.tikhonov.estimate.Evaluation;
import dev.tikhonov.estimate.RegressionEvaluation;
import dev.tikhonov.estimate.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate prints a regressor's R² and MSE and a count model's D² (text and --json), the numbers
 * the library's {@link Evaluation} gives; a classifier's output has none of them.
 */
class EvaluateScoresTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;

  @BeforeAll
  static void files() throws Exception {
    StringBuilder real = new StringBuilder("a,b,y\n");
    StringBuilder counts = new StringBuilder("a,b,count\n");
    StringBuilder classes = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 40; i++) {
      String ab = Math.sin(i) + "," + Math.cos(3 * i) + ",";
      real.append(ab).append(2 * Math.sin(i) - Math.cos(3 * i) + 0.3 * Math.sin(7 * i))
          .append('\n');
      counts.append(ab).append(i % 5).append('\n');
      classes.append(ab).append(Math.sin(i) + 0.3 * Math.sin(5 * i) > Math.cos(3 * i)
          ? "up" : "down").append('\n');
    }
    Files.writeString(dir.resolve("y.csv"), real);
    Files.writeString(dir.resolve("count.csv"), counts);
    Files.writeString(dir.resolve("label.csv"), classes);
  }

  /** The command's stdout; its exit code must be 0. */
  private static String evaluate(String model, String target, boolean json) {
    return evaluate(model, dir.resolve(target + ".csv"), target, json);
  }

  /** As above, on the file {@code data}. */
  private static String evaluate(String model, Path data, String target, boolean json) {
    InProcess r = json
        ? InProcess.run("evaluate", "--model", dir.resolve(model).toString(), "--data",
            data.toString(), "--target", target, "--json")
        : InProcess.run("evaluate", "--model", dir.resolve(model).toString(), "--data",
            data.toString(), "--target", target);
    assertEquals(0, r.exit(), r.err());
    return r.out();
  }

  private static Evaluation fitAndSave(ElasticNet.Builder<? extends Predictor> builder,
      String target, TargetKind kind, String file) {
    Dataset data = Dataset.read(dir.resolve(target + ".csv"), target, kind);
    Predictor m = builder.build().fit(data);
    m.save(dir.resolve(file));
    return m.evaluate(data);
  }

  @Test
  void evaluate_regressor_printsRSquaredAndMeanSquaredError() throws Exception {
    RegressionEvaluation e = (RegressionEvaluation)
        fitAndSave(ElasticNet.gaussian().lambda(0.01), "y", TargetKind.REAL,
        "linear.model");
    JsonNode m = JSON.readTree(evaluate("linear.model", "y", true));
    assertEquals(e.rSquared().orElseThrow(), m.get("r2").asDouble(), 1e-12);
    assertEquals(e.meanSquaredError(), m.get("mse").asDouble(), 1e-12);
    assertFalse(m.has("d2"), m.toString());
    String text = evaluate("linear.model", "y", false);
    assertTrue(text.contains(String.format(java.util.Locale.ROOT,
        ", loss (½·MSE) %.4g, MSE %.4g, R² %.4g", e.loss(), e.meanSquaredError(),
        e.rSquared().orElseThrow())), text);
  }

  /** A model far off the data printed its loss with %.6f: 78 digits for a loss of 1e77. */
  @Test
  void evaluate_aHugeLoss_printsInSignificantDigits() throws Exception {
    fitAndSave(ElasticNet.gaussian().lambda(0.01), "y", TargetKind.REAL, "small.model");
    StringBuilder far = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 5; i++) {
      far.append(Math.sin(i)).append(',').append(Math.cos(i)).append(",1e38\n");
    }
    Path data = dir.resolve("far.csv");
    Files.writeString(data, far);
    String text = evaluate("small.model", data, "y", false);
    assertTrue(text.matches("(?s).*loss \\(½·MSE\\) 5\\.000e\\+75, MSE 1\\.000e\\+76, R² .*"),
        text);
  }

  /**
   * A negative count was named "row 5", its index among the rows, not its line in the file;
   * then "F:7:", its line without its column (the third, "count").
   */
  @Test
  void evaluate_countModel_negativeCount_namesTheFilesLineAndColumn() throws Exception {
    fitAndSave(ElasticNet.poisson().lambda(0.01), "count", TargetKind.REAL, "counts.model");
    java.util.List<String> lines = new java.util.ArrayList<>(
        Files.readAllLines(dir.resolve("count.csv")));
    lines.add(1, ""); // a blank line: skipped as a row, counted as a line
    lines.set(6, lines.get(6).replaceAll(",[^,]*$", ",-1"));
    Path data = Files.write(dir.resolve("negative.csv"), lines);
    InProcess r = InProcess.run("evaluate", "--model", dir.resolve("counts.model").toString(),
        "--data", data.toString(), "--target", "count");
    assertEquals(2, r.exit(), r.err());
    assertEquals(data + ":7:3 (column \"count\"): count -1.0 is not a finite number ≥ 0 (the poisson family models"
        + " counts)", r.message());
  }

  @Test
  void evaluate_countModel_printsDevianceExplained() throws Exception {
    RegressionEvaluation e = (RegressionEvaluation)
        fitAndSave(ElasticNet.poisson().lambda(0.01), "count", TargetKind.REAL,
        "counts.model");
    JsonNode m = JSON.readTree(evaluate("counts.model", "count", true));
    assertEquals(e.devianceExplained().orElseThrow(), m.get("d2").asDouble(), 1e-12);
    String text = evaluate("counts.model", "count", false);
    assertTrue(text.contains(", loss (μ − y·log μ, not a deviance) "), text);
    assertEquals(e.meanPoissonDeviance().orElseThrow(), m.get("deviance").asDouble(), 1e-12);
    assertTrue(text.contains("D² (deviance explained) "), text);
  }

  /**
   * Rows whose target is constant (every count 0) give R² and D² no value: the text line said
   * nothing of them and the JSON left the keys out, as for a classifier, which has no such
   * score at all.
   */
  @Test
  void evaluate_constantTarget_saysRSquaredAndDevianceExplainedAreUndefined() throws Exception {
    fitAndSave(ElasticNet.poisson().lambda(0.01), "count", TargetKind.REAL, "counts0.model");
    StringBuilder zeros = new StringBuilder("a,b,count\n");
    for (int i = 0; i < 5; i++) {
      zeros.append(Math.sin(i)).append(',').append(Math.cos(i)).append(",0\n");
    }
    Path data = Files.writeString(dir.resolve("zeros.csv"), zeros);
    JsonNode m = JSON.readTree(evaluate("counts0.model", data, "count", true));
    assertTrue(m.get("mse").isNumber(), m.toString());
    assertTrue(m.has("r2") && m.get("r2").isNull(), m.toString());
    assertTrue(m.has("d2") && m.get("d2").isNull(), m.toString());
    String text = evaluate("counts0.model", data, "count", false);
    assertTrue(text.contains(", R² undefined (every target value is the same), D² (deviance"
        + " explained) undefined (every count is the same)"), text);
  }

  /** A two-class model: accuracy and AUC, the library's; no regression scores. */
  @Test
  void evaluate_twoClassModel_printsAccuracyAndAuc() throws Exception {
    ClassifierEvaluation e = (ClassifierEvaluation)
        fitAndSave(ElasticNet.binomial().lambda(0.01), "label", TargetKind.CLASS,
        "bin.model");
    JsonNode m = JSON.readTree(evaluate("bin.model", "label", true));
    assertTrue(m.has("accuracy") && !m.has("r2") && !m.has("mse"), m.toString());
    assertEquals(e.auc().orElseThrow(), m.get("auc").asDouble(), 0.0);
    String text = evaluate("bin.model", "label", false);
    assertFalse(text.contains("R²"), text);
    assertTrue(text.contains(String.format(java.util.Locale.ROOT, ", AUC %.4g",
        e.auc().getAsDouble())), text);
  }

  /** Rows of one class: the AUC is undefined (JSON null), said so; a 3-class model has none. */
  @Test
  void evaluate_rowsOfOneClass_aucUndefined_moreClassesNone() throws Exception {
    fitAndSave(ElasticNet.binomial().lambda(0.01), "label", TargetKind.CLASS, "one.model");
    List<String> lines = Files.readAllLines(dir.resolve("label.csv"));
    StringBuilder ups = new StringBuilder(lines.get(0)).append('\n');
    lines.stream().filter(l -> l.endsWith(",up")).forEach(l -> ups.append(l).append('\n'));
    Path up = dir.resolve("up.csv");
    Files.writeString(up, ups);
    JsonNode m = JSON.readTree(evaluate("one.model", up, "label", true));
    assertTrue(m.has("auc") && m.get("auc").isNull(), m.toString());
    assertTrue(evaluate("one.model", up, "label", false).contains(
        ", AUC undefined (every row is of one class)"));
    StringBuilder three = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 30; i++) {
      three.append(Math.sin(i)).append(',').append(Math.cos(i)).append(',').append(i % 3)
          .append('\n');
    }
    Files.writeString(dir.resolve("three.csv"), three);
    Dataset data = Dataset.read(dir.resolve("three.csv"), "label", TargetKind.CLASS);
    ElasticNet.multinomial().lambda(0.01).build().fit(data).save(dir.resolve("three.model"));
    JsonNode t = JSON.readTree(evaluate("three.model", dir.resolve("three.csv"), "label", true));
    assertTrue(t.has("accuracy") && !t.has("auc"), t.toString());
  }
}
