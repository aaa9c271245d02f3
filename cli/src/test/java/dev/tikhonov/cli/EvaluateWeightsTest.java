package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.ClassifierEvaluation;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.estimate.RegressionEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate --weights COLUMN scores a saved model weighted by a column of the file (the
 * library's {@code evaluate(data, column)}, named in the output), and train --weights' test
 * scores and train loss are weighted by its column; the flag's bad input names it.
 */
class EvaluateWeightsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static Path wine;
  private static Path ones;
  private static Path logistic;
  private static Path linear;

  /** data/wine.csv with a column w: 1 + i mod 3 ({@code all1}: every weight 1). */
  private static Path wine(String name, boolean all1) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "data", "wine.csv"));
    StringBuilder csv = new StringBuilder(lines.get(0)).append(",w\n");
    for (int i = 1; i < lines.size(); i++) {
      csv.append(lines.get(i)).append(',').append(all1 ? 1 : 1 + i % 3).append('\n');
    }
    return Files.writeString(dir.resolve(name), csv);
  }

  @BeforeAll
  static void models() throws Exception {
    wine = wine("wine_w.csv", false);
    ones = wine("wine_1.csv", true);
    logistic = dir.resolve("logistic.model");
    linear = dir.resolve("linear.model");
    for (String[] m : new String[][] {{"logistic", "--target", "cultivar", "--save",
        logistic.toString(), "--out", dir.resolve("l").toString()}, {"linear", "--target",
        "alcohol", "--ignore-columns", "cultivar", "--save", linear.toString(), "--out",
        dir.resolve("r").toString()}}) {
      List<String> args = new ArrayList<>(List.of("train", "--epochs", "3", "--threads", "1",
          "--quiet", "--standardize", "--weights", "w", "--data", wine.toString(), "--model"));
      args.addAll(List.of(m));
      InProcess r = InProcess.run(args.toArray(String[]::new));
      assertEquals(0, r.exit(), r.err());
    }
  }

  private static InProcess evaluate(String... more) {
    List<String> args = new ArrayList<>(List.of("evaluate", "--threads", "1"));
    args.addAll(List.of(more));
    return InProcess.run(args.toArray(String[]::new));
  }

  private static JsonNode json(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of(more));
    args.add("--json");
    InProcess r = evaluate(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    return JSON.readTree(r.out());
  }

  private static Dataset read(Path file, String target, TargetKind kind, String... ignored) {
    return CsvReader.read(file, target, kind, CsvOptions.defaults().withIgnoredColumns(ignored));
  }

  @Test
  void evaluate_weights_areTheLibrarysWeightedScores_namedInTheOutput() throws Exception {
    JsonNode c = json("--model", logistic.toString(), "--data", wine.toString(), "--target",
        "cultivar", "--weights", "w");
    ClassifierEvaluation e = Predictor.load(logistic, dev.tikhonov.estimate.Classifier.class)
        .evaluate(read(wine, "cultivar", TargetKind.CLASS), "w");
    assertEquals("w", c.path("weights").asText(), c.toString());
    assertEquals(e.weightSum(), c.path("weight_sum").asDouble(), 0.0);
    assertEquals(e.loss(), c.path("loss").asDouble(), 0.0);
    assertEquals(e.accuracy(), c.path("accuracy").asDouble(), 0.0);
    JsonNode r = json("--model", linear.toString(), "--data", wine.toString(), "--target",
        "alcohol", "--ignore-columns", "cultivar", "--weights", "w");
    RegressionEvaluation g = Predictor.load(linear, dev.tikhonov.estimate.NetworkRegressor.class)
        .evaluate(read(wine, "alcohol", TargetKind.REAL, "cultivar"), "w");
    assertEquals(g.meanSquaredError(), r.path("mse").asDouble(), 0.0);
    assertEquals(g.rSquared().orElseThrow(), r.path("r2").asDouble(), 0.0);
    InProcess text = evaluate("--model", linear.toString(), "--data", wine.toString(),
        "--target", "alcohol", "--ignore-columns", "cultivar", "--weights", "w");
    assertTrue(text.out().contains(": 178 rows weighted by w (Σw 356), loss "), text.out());
  }

  @Test
  void evaluate_weightsAllOne_printTheUnweightedScores() throws Exception {
    JsonNode weighted = json("--model", logistic.toString(), "--data", ones.toString(),
        "--target", "cultivar", "--weights", "w");
    JsonNode plain = json("--model", logistic.toString(), "--data", ones.toString(),
        "--target", "cultivar");
    assertEquals(plain.path("loss").asDouble(), weighted.path("loss").asDouble(), 0.0);
    assertEquals(plain.path("accuracy").asDouble(), weighted.path("accuracy").asDouble(), 0.0);
    assertTrue(plain.path("weights").isMissingNode(), plain.toString());
  }

  @Test
  void train_weights_scoreTheTestRowsWeighted() throws Exception {
    JsonNode metrics = JSON.readTree(dir.resolve("l").resolve("metrics.json").toFile());
    Dataset all = read(wine, "cultivar", TargetKind.CLASS);
    var split = Splits.stratifiedTrainTest(all, 0.2, 0);
    var model = Predictor.load(logistic, dev.tikhonov.estimate.Classifier.class);
    assertEquals(model.evaluate(split.test(), "w").loss(),
        metrics.path("test_loss").asDouble(), 1e-15);
    assertEquals(model.evaluate(split.test(), "w").accuracy(),
        metrics.path("test_accuracy").asDouble(), 1e-15);
    assertEquals(model.evaluate(split.train(), "w").loss(),
        metrics.path("train_loss").asDouble(), 1e-15);
  }

  @Test
  void train_weightsAllZeroOnTheTestRows_isRefusedBeforeTraining() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "data", "wine.csv"));
    StringBuilder csv = new StringBuilder(lines.get(0)).append(",w\n");
    Dataset all = read(Path.of("..", "data", "wine.csv"), "cultivar", TargetKind.CLASS);
    // the rows the split holds out get weight 0
    java.util.Set<String> heldOut = new java.util.HashSet<>();
    double[][] x = Splits.stratifiedTrainTest(all, 0.2, 0).test().featureRows();
    for (double[] row : x) {
      heldOut.add(java.util.Arrays.toString(row));
    }
    double[][] rows = all.featureRows();
    for (int i = 1; i < lines.size(); i++) {
      csv.append(lines.get(i)).append(',')
          .append(heldOut.contains(java.util.Arrays.toString(rows[i - 1])) ? 0 : 1).append('\n');
    }
    Path file = Files.writeString(dir.resolve("zero_test.csv"), csv);
    InProcess r = InProcess.run("train", "--epochs", "1", "--threads", "1", "--quiet",
        "--out", dir.resolve("z").toString(), "--data", file.toString(), "--target",
        "cultivar", "--model", "logistic", "--weights", "w");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("tikhonov: error: --weights \"w\": every weight of the "),
        r.err());
    assertTrue(r.err().contains(" test rows of " + file + " is 0, so their weighted scores would"
        + " have no value"), r.err());
    assertTrue(!Files.exists(dir.resolve("z").resolve("metrics.json")));
  }

  @Test
  void evaluate_badWeights_nameTheFlag() throws Exception {
    String[] base = {"--model", logistic.toString(), "--data", wine.toString(), "--target",
        "cultivar"};
    assertRefused("--weights \"nope\": ", base, "--weights", "nope");
    assertRefused("--weights \"alcohol\": the model reads this column as one of its inputs, so"
        + " it cannot also weight the rows", base, "--weights", "alcohol");
    assertRefused("--weights \"cultivar\" is the --target column", base, "--weights",
        "cultivar");
    assertRefused("--weights \"w\" is also in --ignore-columns", base, "--weights", "w",
        "--ignore-columns", "w");
    assertRefused("--weights applies only to CSV data (it names a column); it has no effect on"
        + " LIBSVM data", new String[] {"--model", logistic.toString(), "--data",
            Path.of("..", "data", "breast_cancer.svm.gz").toString()}, "--weights", "w");
    assertRefused("--weights applies only to CSV data (it names a column); it has no effect on"
        + " the bundled MNIST sample", new String[] {"--model", logistic.toString()},
        "--weights", "w");
    List<String> lines = Files.readAllLines(wine);
    lines.set(5, lines.get(5).replaceAll(",[0-9]+$", ",-2"));
    Path bad = Files.write(dir.resolve("bad.csv"), lines);
    assertRefused(bad + ":6:15 (column \"w\"): weight -2.0; --weights must be finite and ≥ 0",
        new String[] {"--model", logistic.toString(), "--data",
            bad.toString(), "--target", "cultivar"}, "--weights", "w");
  }

  private static void assertRefused(String message, String[] base, String... more) {
    List<String> args = new ArrayList<>(List.of(base));
    args.addAll(List.of(more));
    InProcess r = evaluate(args.toArray(String[]::new));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("tikhonov: error: " + message), r.err());
    assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
  }
}
