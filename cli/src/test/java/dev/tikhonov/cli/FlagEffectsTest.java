package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every flag that changes training or a path has a test here that would fail if the flag were
 * ignored: the run with the flag is compared with the run without it, through the files the
 * command writes. In-process ({@link InProcess}): what is compared is in the files, not in the
 * process.
 */
class FlagEffectsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path csv;

  @BeforeAll
  static void data() throws Exception {
    StringBuilder s = new StringBuilder("a,b,c,y\n");
    for (int i = 0; i < 80; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      double c = Math.sin(5 * i + 1);
      s.append(a).append(',').append(b).append(',').append(c).append(',')
          .append(2 * a - b + 0.5 * Math.sin(11 * i)).append('\n');
    }
    csv = Files.writeString(dir.resolve("d.csv"), s.toString());
  }

  static JsonNode train(String out, String... flags) throws Exception {
    List<String> args = new ArrayList<>(List.of("train", "--data", csv.toString(), "--target",
        "y", "--model", "linear", "--out", dir.resolve(out).toString(), "--quiet", "--threads",
        "1"));
    args.addAll(List.of(flags));
    InProcess r = InProcess.run(args);
    assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r.err());
    return JSON.readTree(dir.resolve(out).resolve("history.json").toFile());
  }

  static double weightNorm(String out) throws Exception {
    return JSON.readTree(dir.resolve(out).resolve("weights.json").toFile()).get("layers").get(0)
        .get("norm").asDouble();
  }

  static JsonNode metrics(String out) throws Exception {
    return JSON.readTree(dir.resolve(out).resolve("metrics.json").toFile());
  }

  @Test
  void weightDecay_shrinksTheWeights() throws Exception {
    train("wd0", "--epochs", "30");
    train("wd1", "--epochs", "30", "--weight-decay", "2");
    assertTrue(weightNorm("wd1") < 0.8 * weightNorm("wd0"),
        weightNorm("wd1") + " vs " + weightNorm("wd0"));
  }

  @Test
  void scheduleStep_dividesTheRateEveryStepEpochs_cosineDecaysIt() throws Exception {
    JsonNode step = train("step", "--epochs", "5", "--lr", "0.1", "--schedule", "step",
        "--step-epochs", "2");
    double[] rate = new double[5];
    for (int e = 0; e < 5; e++) {
      rate[e] = step.get(e).get("learning_rate").asDouble();
    }
    assertEquals(0.1, rate[0], 1e-12);
    assertEquals(0.1, rate[1], 1e-12);
    assertEquals(0.01, rate[2], 1e-12);
    assertEquals(0.001, rate[4], 1e-12);
    JsonNode cosine = train("cos", "--epochs", "5", "--lr", "0.1", "--schedule", "cosine");
    double previous = Double.POSITIVE_INFINITY;
    for (int e = 0; e < 5; e++) {
      double r = cosine.get(e).get("learning_rate").asDouble();
      assertTrue(r < previous, "cosine decreases: epoch " + (e + 1));
      previous = r;
    }
    assertTrue(previous < 0.02, "near 0 at the end: " + previous);
  }

  @Test
  void clipNorm_slowsTheFirstSteps() throws Exception {
    JsonNode free = train("free", "--epochs", "5", "--batch-size", "8");
    JsonNode clipped = train("clip", "--epochs", "5", "--batch-size", "8", "--clip-norm",
        "1e-4");
    double freeLoss = free.get(4).get("train_loss").asDouble();
    double clippedLoss = clipped.get(4).get("train_loss").asDouble();
    assertTrue(clippedLoss > 1.5 * freeLoss, "a tiny clip leaves the loss high: " + clippedLoss
        + " against " + freeLoss);
  }

  @Test
  void momentumZero_isPlainSgd_andMomentumChangesTheRun() throws Exception {
    train("mom0", "--epochs", "3", "--momentum", "0");
    train("sgd", "--epochs", "3", "--optimizer", "sgd");
    train("mom9", "--epochs", "3", "--momentum", "0.9");
    assertEquals(metrics("sgd").get("train_loss").asDouble(),
        metrics("mom0").get("train_loss").asDouble(), 0);
    assertNotEquals(metrics("sgd").get("train_loss").asDouble(),
        metrics("mom9").get("train_loss").asDouble());
  }

  @Test
  void patience_stopsEarlyAndKeepsTheBestEpoch() throws Exception {
    JsonNode history = train("pat", "--epochs", "60", "--patience", "2", "--lr", "0.5",
        "--batch-size", "4", "--validation-fraction", "0.3");
    JsonNode m = metrics("pat");
    assertTrue(m.get("stopped_early").asBoolean(), m.toString());
    assertTrue(history.size() < 60);
    int best = m.get("best_epoch").asInt();
    double bestLoss = history.get(best - 1).get("val_loss").asDouble();
    for (JsonNode e : history) {
      assertTrue(e.get("val_loss").asDouble() >= bestLoss, "the kept epoch has the lowest "
          + "validation loss");
    }
  }

  @Test
  void patience_saysWhichEpochTheModelKeeps() throws Exception {
    List<String> args = List.of("train", "--data", csv.toString(), "--target", "y", "--model",
        "linear", "--out", dir.resolve("patSays").toString(), "--quiet", "--threads", "1",
        "--epochs", "60", "--patience", "2", "--lr", "0.5", "--batch-size", "4",
        "--validation-fraction", "0.3");
    InProcess r = InProcess.run(args);
    assertEquals(0, r.exit(), r.err());
    JsonNode m = metrics("patSays");
    int best = m.get("best_epoch").asInt();
    int ran = m.get("epochs").asInt();
    assertTrue(m.get("stopped_early").asBoolean() && best < ran, m.toString());
    // the scores printed below it are the kept epoch's, which the progress lines do not show
    assertTrue(r.out().contains("stopped early after epoch " + ran + " of 60 (--patience 2: no"
        + " lower validation loss since epoch " + best + "); the model keeps epoch " + best
        + "'s weights"), r.out());
    assertFalse(r.out().contains("standardized target's scale"), r.out());
    // with --standardize-target the epochs' losses, and so the kept one's, are on z's scale,
    // while the test scores printed below it are on y's
    List<String> standardized = new java.util.ArrayList<>(args);
    standardized.set(standardized.indexOf("--out") + 1, dir.resolve("patSaysZ").toString());
    standardized.add("--standardize-target");
    InProcess z = InProcess.run(standardized);
    assertEquals(0, z.exit(), z.err());
    assertTrue(z.out().matches("(?s).*the model keeps epoch \\d+'s weights, validation loss"
        + " \\S+ \\(the standardized target's scale\\)\n.*"), z.out());
  }

  @Test
  void regression_makesAnMlpPredictNumbers() throws Exception {
    InProcess r = InProcess.run("train", "--data", csv.toString(), "--target", "y", "--model",
        "mlp:8", "--regression", "--epochs", "20", "--out", dir.resolve("reg").toString(),
        "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode m = metrics("reg");
    assertFalse(m.has("test_accuracy"), "a regressor has no accuracy");
    assertEquals(2 * m.get("test_loss").asDouble(), m.get("test_mse").asDouble(),
        1e-9 * m.get("test_mse").asDouble(), m.toString());
    assertTrue(m.get("test_loss").asDouble() < 2, m.toString());
  }

  @Test
  void nlambdaAndLambdaMinRatio_shapeTheSequence_saveLambdaPicksTheModel() throws Exception {
    InProcess r = InProcess.run("path", "--data", csv.toString(), "--target", "y",
        "--nlambda", "7", "--lambda-min-ratio", "0.5", "--cv-folds", "4", "--out",
        dir.resolve("seq").toString(), "--save", dir.resolve("one-se.model").toString(),
        "--save-lambda", "1se", "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode path = JSON.readTree(dir.resolve("seq/path.json").toFile());
    JsonNode lambdas = path.get("lambda");
    assertEquals(7, lambdas.size());
    assertEquals(0.5, lambdas.get(6).asDouble() / lambdas.get(0).asDouble(), 1e-12);
    double oneSe = path.get("cv").get("lambda_1se").asDouble();
    InProcess e = InProcess.run("evaluate", "--model", dir.resolve("one-se.model").toString(),
        "--data", csv.toString(), "--target", "y", "--json");
    assertEquals(0, e.exit(), e.err());
    // The saved model is the fit at λ_1se: its header says so.
    String header = new String(Files.readAllBytes(dir.resolve("one-se.model")),
        java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(header.contains("\"lambda\":" + oneSe) || header.contains("\\\"lambda\\\":"
        + oneSe), "λ_1se = " + oneSe + " in the model file");
  }

  @Test
  void tol_certifiesEveryLambdaToIt_andTighterCostsMorePasses() throws Exception {
    long[] passes = new long[2];
    double[] tolerances = {1e-2, 1e-11};
    for (int t = 0; t < 2; t++) {
      InProcess r = InProcess.run("path", "--data", csv.toString(), "--target", "y",
          "--l1-ratio", "1", "--tol", Double.toString(tolerances[t]), "--out",
          dir.resolve("tol" + t).toString(), "--quiet");
      assertEquals(0, r.exit(), r.err());
      JsonNode path = JSON.readTree(dir.resolve("tol" + t + "/path.json").toFile());
      assertEquals(tolerances[t], path.get("tolerance").asDouble(), 0.0);
      for (JsonNode gap : path.get("certificate")) {
        assertTrue(gap.asDouble() <= tolerances[t], "gap " + gap + " > --tol " + tolerances[t]);
      }
      for (JsonNode p : path.get("passes")) {
        passes[t] += p.asLong();
      }
    }
    assertTrue(passes[1] > passes[0], "--tol 1e-11 took " + passes[1] + " passes, 1e-2 took "
        + passes[0]);
  }
}
