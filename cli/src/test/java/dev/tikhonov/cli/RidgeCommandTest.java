package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.estimate.RidgeCV;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tikhonov ridge} in-process ({@link InProcess}): its chosen λ and coefficients are
 * {@link RidgeCV}'s on the same data (the library is checked against scikit-learn in core's
 * RidgeCvWeightsTest), one case against scikit-learn's RidgeCV directly
 * (ref/ridge/ridgecv-chosen.csv), the run folder, a saved model that predict reads, and bad
 * input: exit 2 and one line naming the flag or file, before any file is written.
 */
class RidgeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIABETES = Path.of("..", "data", "diabetes.csv");
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref",
      "ridge");
  @TempDir Path dir;

  private JsonNode pathJson(Path out) throws Exception {
    return JSON.readTree(out.resolve("path.json").toFile());
  }

  static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** The chosen λ and model of path.json against the library's on the same data. */
  private void assertChosen(Path out, RidgeCV.Validation v) throws Exception {
    JsonNode json = pathJson(out);
    int chosen = json.get("chosen_index").asInt();
    assertEquals(v.chosenIndex(), chosen);
    assertEquals(v.chosenLambda(), json.get("lambda_chosen").asDouble(), 0.0);
    LinearModel model = v.chosenModel();
    assertEquals(model.intercept(), json.get("intercept").get(chosen).asDouble(),
        1e-12 * Math.max(1, Math.abs(model.intercept())));
    double[] coef = numbers(json.get("coef").get(chosen));
    for (int j = 0; j < coef.length; j++) {
      assertEquals(model.coefficients()[j], coef[j], 1e-12 * Math.max(1,
          Math.abs(model.coefficients()[j])), "coefficient " + j);
    }
    assertEquals(v.lambdas().length, json.get("lambda").size());
  }

  @Test
  void defaultGridOnDiabetes_choosesRidgeCvsLambdaAndModel() throws Exception {
    Path out = dir.resolve("run");
    InProcess r = InProcess.run("ridge", "--data", DIABETES.toString(), "--target",
        "progression", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    Dataset data = Dataset.read(DIABETES, "progression", TargetKind.REAL);
    RidgeCV.Validation v = RidgeCV.builder().standardize(true).build().crossValidate(data);
    assertChosen(out, v);
    assertTrue(r.out().contains("<- chosen (smallest gcv)"), r.out());
    assertTrue(r.out().contains("AIC picks lambda"), r.out());
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    assertEquals("ridge", run.get("command").asText());
    assertTrue(run.get("seed").isNull(), "ridge draws no random numbers");
    assertEquals(v.chosenLambda(), run.get("settings").get("lambda_chosen").asDouble(), 0.0);
    assertTrue(Files.readString(out.resolve("report.html")).contains("Closed-form ridge: GCV"
        + " and leave-one-out"), "the report draws the criteria");
    assertTrue(Files.isRegularFile(out.resolve("charts").resolve("ridge-criteria.svg")));
    List<String> csv = Files.readAllLines(out.resolve("path.csv"));
    assertTrue(csv.get(0).startsWith("lambda,df,dev_ratio,training_mse,gcv,loo,aic,bic,"
        + "intercept,age,"), csv.get(0));
    assertEquals(v.lambdas().length + 1, csv.size());
  }

  /** Weights, leave-one-out and raw features: RidgeCV's weighted choice. */
  @Test
  void weightedLeaveOneOut_choosesRidgeCvsLambdaAndModel() throws Exception {
    Path out = dir.resolve("run");
    Path tall = REF.resolve("tall.csv");
    InProcess r = InProcess.run("ridge", "--data", tall.toString(), "--target", "y",
        "--weights", "w", "--criterion", "LOO", "--no-standardize", "--nlambda", "40",
        "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    RidgeCV.Validation v = RidgeCV.builder().weightColumn("w")
        .criterion(RidgeCV.Criterion.LEAVE_ONE_OUT).numLambdas(40).build()
        .crossValidate(Dataset.read(tall, "y", TargetKind.REAL));
    assertChosen(out, v);
    assertEquals("loo", pathJson(out).get("criterion").asText());
  }

  /**
   * scikit-learn 1.2.1's RidgeCV(alphas = 10^(-3..3, 13 values)).fit(X, y, sample_weight = w) on
   * ref/ridge/tall.csv chose alpha_ = 1 (make_ridgecv_sklearn.py): with --lambdas α/Σw,
   * --criterion loo and --no-standardize the command chooses the same λ and model; without an
   * intercept likewise (alpha_ = 10 on the unweighted rows, λ = α/n).
   */
  @Test
  void sklearnsRidgeCv_sameLambdaAndCoefficients() throws Exception {
    Path tall = REF.resolve("tall.csv");
    List<String> lines = Files.readAllLines(tall);
    double sumWeights = 0;
    for (String line : lines.subList(1, lines.size())) {
      sumWeights += Double.parseDouble(line.split(",")[4]);
    }
    int n = lines.size() - 1;
    for (String[] c : new String[][] {{"weighted", "w"}, {"no-intercept", ""}}) {
      boolean weighted = !c[1].isEmpty();
      double[] ref = reference(c[0]);
      List<String> lambdas = new ArrayList<>();
      for (int k = 0; k < 13; k++) {
        double alpha = Math.pow(10, -3 + 0.5 * k);
        lambdas.add(String.valueOf(alpha / (weighted ? sumWeights : n)));
      }
      Path out = dir.resolve(c[0]);
      List<String> args = new ArrayList<>(List.of("ridge", "--data", tall.toString(),
          "--target", "y", "--criterion", "loo", "--no-standardize", "--lambdas",
          String.join(",", lambdas), "--out", out.toString()));
      args.addAll(weighted ? List.of("--weights", "w") : List.of("--ignore-columns", "w",
          "--no-intercept"));
      InProcess r = InProcess.run(args);
      assertEquals(0, r.exit(), r.err());
      JsonNode json = pathJson(out);
      assertEquals(ref[0], json.get("lambda_chosen").asDouble(), 1e-12 * ref[0], c[0]);
      int chosen = json.get("chosen_index").asInt();
      assertEquals(ref[1], json.get("intercept").get(chosen).asDouble(), 1e-8, c[0]);
      double[] coef = numbers(json.get("coef").get(chosen));
      for (int j = 0; j < 4; j++) {
        assertEquals(ref[2 + j], coef[j], 1e-8, c[0] + " coefficient " + j);
      }
    }
  }

  /** ridgecv-chosen.csv's row of tall.csv and {@code which}: lambda, a0, b1..b4. */
  private static double[] reference(String which) throws Exception {
    for (String line : Files.readAllLines(REF.resolve("ridgecv-chosen.csv"))) {
      String[] f = line.split(",", -1);
      if (f[0].equals(which) && f[1].equals("tall.csv")) {
        double[] out = new double[6];
        for (int k = 0; k < 6; k++) {
          out[k] = Double.parseDouble(f[3 + k]);
        }
        return out;
      }
    }
    throw new AssertionError("no reference row " + which);
  }

  @Test
  void savedModel_predictGivesTheChosenFitsPredictions() throws Exception {
    Path out = dir.resolve("run");
    Path model = dir.resolve("ridge.safetensors");
    InProcess r = InProcess.run("ridge", "--data", DIABETES.toString(), "--target",
        "progression", "--lambdas", "1,0.1,0.01,0.001", "--out", out.toString(), "--save",
        model.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("saved the fit at λ = "), r.out());
    Path predictions = dir.resolve("p.csv");
    InProcess p = InProcess.run("predict", "--model", model.toString(), "--data",
        DIABETES.toString(), "--out", predictions.toString());
    assertEquals(0, p.exit(), p.err());
    JsonNode json = pathJson(out);
    int chosen = json.get("chosen_index").asInt();
    double a0 = json.get("intercept").get(chosen).asDouble();
    double[] b = numbers(json.get("coef").get(chosen));
    List<String> rows = Files.readAllLines(DIABETES);
    List<String> predicted = Files.readAllLines(predictions);
    assertEquals("prediction", predicted.get(0));
    for (int i = 1; i < rows.size(); i++) {
      String[] f = rows.get(i).split(",");
      double eta = a0;
      for (int j = 0; j < b.length; j++) {
        eta += b[j] * Double.parseDouble(f[j]);
      }
      assertEquals(eta, Double.parseDouble(predicted.get(i)), 1e-9 * Math.abs(eta), "row " + i);
    }
  }

  /** The λ given end where the criterion is still falling: a warning names --lambdas. */
  @Test
  void chosenAtTheEndOfTheLambdasGiven_warns() throws Exception {
    InProcess r = InProcess.run("ridge", "--data", DIABETES.toString(), "--target",
        "progression", "--lambdas", "100,10,1", "--out", dir.resolve("run").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("tikhonov: warning: the chosen λ 1 is the smallest of"
        + " --lambdas: gcv may fall further below it; add smaller values to --lambdas"),
        r.err());
  }

  /**
   * λ = 0 chosen as the smallest of --lambdas: no λ lies below it, so no warning (it said
   * "the chosen λ 0.00000 is the smallest of --lambdas: gcv may fall further below it; add
   * smaller values", which no value can follow).
   */
  @Test
  void zeroChosenAsTheSmallestOfTheLambdasGiven_doesNotWarn() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 12; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      csv.append(a).append(',').append(b).append(',').append(1 + a - 2 * b).append('\n');
    }
    Path exact = Files.writeString(dir.resolve("exact.csv"), csv);
    InProcess r = InProcess.run("ridge", "--data", exact.toString(), "--target", "y",
        "--lambdas", "0,0.1,1", "--out", dir.resolve("run").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("GCV chooses lambda = 0"), r.out());
    assertFalse(r.err().contains("warning"), r.err());
  }

  @Test
  void badInput_exit2_namesTheFlagOrFile_writesNothing() throws Exception {
    Path constant = Files.writeString(dir.resolve("constant.csv"), "a,b,y\n1,2,3\n2,1,3\n3,5,3\n");
    Path text = Files.writeString(dir.resolve("text.csv"), "a,y\n1,x\n2,y\n");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path one = Files.writeString(dir.resolve("one.csv"), "a,b,y\n1,2,3\n");
    Path oneWeighted = Files.writeString(dir.resolve("one-weighted.csv"),
        "a,w,y\n1,1,3\n2,0,4\n5,0,1\n");
    Path two = Files.writeString(dir.resolve("two.csv"), "a,b,y\n1,2,3\n2,1,5\n");
    Path tiny = Files.writeString(dir.resolve("tiny.csv"),
        "a,b,y\n1e-301,2,3\n2e-301,1,5\n0,4,1\n");
    String d = DIABETES.toString();
    List<List<String>> cases = List.of(
        List.of("--data", d, "--target", "progression", "--criterion", "aic"),
        List.of("--data", d, "--target", "progression", "--lambdas", "0.1", "--nlambda", "5"),
        List.of("--data", d, "--target", "progression", "--lambdas", "-1,0.1"),
        List.of("--data", d, "--target", "progression", "--nlambda", "0"),
        List.of("--data", d, "--target", "progression", "--weights", "progression"),
        List.of("--data", d, "--target", "progression", "--weights", "nope"),
        List.of("--data", d, "--target", "progression", "--weights", "age",
            "--ignore-columns", "age"),
        List.of("--data", d, "--target", "progression", "--save", file + "/m.safetensors"),
        List.of("--data", d, "--target", "progression", "--save", d),
        List.of("--data", d),
        List.of("--data", dir.resolve("nothere.csv").toString(), "--target", "y"),
        List.of("--data", constant.toString(), "--target", "y"),
        List.of("--data", text.toString(), "--target", "y"),
        List.of("--data", d, "--target", "progression", "--family", "binomial"),
        List.of("--data", d, "--target", "progression", "--nlambda", "2000000000"),
        List.of("--data", one.toString(), "--target", "y", "--lambdas", "0.1"),
        List.of("--data", oneWeighted.toString(), "--target", "y", "--weights", "w"),
        List.of("--data", one.toString(), "--target", "y", "--criterion", "cv"),
        List.of("--data", two.toString(), "--target", "y", "--criterion", "loo"),
        List.of("--data", tiny.toString(), "--target", "y"));
    List<String> mentions = List.of("--criterion", "--nlambda", "--lambdas", "--nlambda",
        "--weights \"progression\" is the --target column", "--weights \"nope\": ",
        "--weights \"age\" is also in --ignore-columns", "a-file", "--save", "--target COLUMN",
        "nothere.csv", "constant.csv (--target y): the target is constant (3.0): nothing to fit",
        "text.csv",
        "--family", "--nlambda must be in 1..100000, got 2000000000",
        // the file named (it was not: the core's message alone)
        "one.csv: only 1 row to fit: GCV needs at least 2 rows to score λ",
        "one-weighted.csv: only 1 row of positive weight to fit",
        // the criterion asked for (k folds were told "GCV and leave-one-out need …")
        "one.csv: only 1 row to fit: 5-fold cross-validation needs a row to train on",
        // two rows with an intercept: every λ scored the same, and one was "chosen"
        "two.csv: only 2 rows to fit: with an intercept, leave-one-out scores every λ the same",
        // a column below float32's range was fitted as a constant, without a word
        "tiny.csv (column \"a\"): holds 2.00e-301, below 1.18e-38");
    assertRefused(dir, cases, mentions);
  }

  /**
   * Each {@code ridge} case (its flags, --out added) exits 2 with one line containing its
   * mention, no stack trace, and no --out folder made.
   */
  static void assertRefused(Path dir, List<List<String>> cases, List<String> mentions) {
    for (int c = 0; c < cases.size(); c++) {
      Path out = dir.resolve("bad" + c);
      List<String> args = new ArrayList<>(List.of("ridge"));
      args.addAll(cases.get(c));
      args.addAll(List.of("--out", out.toString()));
      InProcess r = InProcess.run(args);
      String what = String.join(" ", args) + " -> " + r.err();
      assertEquals(2, r.exit(), what);
      assertTrue(r.err().contains(mentions.get(c)), what);
      assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), what);
      assertFalse(Files.exists(out), "refused before any file is written: " + what);
    }
  }
}
