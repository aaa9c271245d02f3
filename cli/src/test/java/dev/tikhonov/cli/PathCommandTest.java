package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tikhonov path} (and predict, evaluate, export, report of its models) on glmnet's
 * reference data (shared/ref, some copied gzipped), in-process ({@link InProcess}): what is
 * asserted is in the files a command writes, its exit code, its error line and what it prints
 * on stdout and stderr (tables, warnings), which {@link InProcess} captures as a terminal shows
 * them.
 */
class PathCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref");
  /** The flags whose relative file names are taken in {@link #dir}, as a working directory. */
  private static final Set<String> OUTPUTS = Set.of("--out", "--save", "--model");
  @TempDir Path dir;

  /** {@code REF/name.gz} unpacked into {@code dir}. */
  static Path gunzip(Path dir, String name) throws Exception {
    Path out = dir.resolve(name);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(REF.resolve(name + ".gz")))) {
      Files.copy(in, out);
    }
    return out;
  }

  private Path gunzip(String name) throws Exception {
    return gunzip(dir, name);
  }

  /**
   * The command in this JVM, its relative --out, --save and --model and report's folder taken in
   * {@code dir}; its exit code and what picocli's out and err received.
   */
  private Cli.Result run(String... args) {
    List<String> resolved = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      boolean file = i > 0 && (OUTPUTS.contains(args[i - 1]) || args[i - 1].equals("report"));
      resolved.add(file ? dir.resolve(args[i]).toString() : args[i]);
    }
    InProcess r = InProcess.run(resolved);
    return new Cli.Result(r.exit(), r.out(), r.err());
  }

  /** A row of a glmnet reference CSV: λ, a₀, b₁, … */
  private static double[] refRow(String line) {
    return java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  /** The largest |a₀|, |bⱼ| of a reference row: the scale its tolerances are relative to. */
  private static double coefficientScale(double[] row) {
    double scale = 0;
    for (int c = 1; c < row.length; c++) {
      scale = Math.max(scale, Math.abs(row[c]));
    }
    return scale;
  }

  @Test
  void binomialOnThreeClasses_isAClearError() throws Exception {
    Path csv = dir.resolve("three.csv");
    Files.writeString(csv, "a,y\n1,x\n2,y\n3,z\n4,x\n");
    Cli.Result r = run("path", "--data", csv.toString(), "--target", "y",
        "--family", "binomial", "--l1-ratio", "1");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("multinomial"), r.stderr());
  }

  @Test
  void pathJson_carriesEachLambdasCertificate() throws Exception {
    Path data = gunzip("gauss.csv");
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--nlambda", "20", "--tol", "1e-9", "--out", "c", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("c/path.json").toFile());
    assertEquals(1e-9, path.get("tolerance").asDouble());
    // gauss.csv's deviance ratio levels off: glmnet's rule ends the default sequence early.
    assertEquals("deviance_rule", path.get("end").asText());
    assertTrue(path.get("end_message").asText().startsWith("glmnet's rule stopped"));
    int m = path.get("lambda").size();
    assertTrue(m >= 5 && m < 20, "path length " + m);
    for (int l = 0; l < m; l++) {
      assertTrue(path.get("converged").get(l).asBoolean(), "λ index " + l);
      double certificate = path.get("certificate").get(l).asDouble();
      assertTrue(certificate <= 1e-9, "λ index " + l + ": " + certificate);
      assertEquals(certificate, path.get("duality_gap").get(l).asDouble());
      assertTrue(path.get("passes").get(l).asInt() >= 0);
    }
  }

  @Test
  void maxIterationsBelowOne_isReportedUnderItsFlag() throws Exception {
    Path data = gunzip("gauss.csv");
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--max-iterations", "0");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("tikhonov: error: --max-iterations must be at least 1, got 0"),
        r.stderr());
  }

  /** pois.csv (ref/make_glm.R) with only the features and the counts: x1..x8,y. */
  private Path poissonCsv() throws Exception {
    List<String> lines = Files.readAllLines(REF.resolve("pois.csv"));
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      String[] cells = line.split(",");
      out.append(String.join(",", java.util.Arrays.copyOf(cells, 9)).replace("\"", ""))
          .append("\n");
    }
    return Files.writeString(dir.resolve("pois.csv"), out.toString());
  }

  @Test
  void poissonPath_isGlmnetsPath_andItsModelPredictsTheMean() throws Exception {
    Path data = poissonCsv();
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--family", "poisson", "--no-standardize", "--tol", "1e-12", "--save", "pois.model",
        "--out", "pois", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("pois/path.json").toFile());
    assertEquals("poisson", path.get("family").asText());
    // Information criteria from the Poisson deviance (lasso: df = nonzero coefficients).
    JsonNode ic = path.get("ic");
    assertEquals(path.get("lambda").size(), ic.get("aic").size());
    for (int l = 0; l < path.get("lambda").size(); l++) {
      assertEquals(path.get("df").get(l).asDouble(), ic.get("df").get(l).asDouble(), 0);
      assertEquals(ic.get("aic").get(l).asDouble() + (Math.log(400) - 2)
          * ic.get("df").get(l).asDouble(), ic.get("bic").get(l).asDouble(), 1e-6);
    }
    assertTrue(ic.get("variance").asText().startsWith("none (no dispersion)"));
    List<String> ref = Files.readAllLines(REF.resolve("pois-lasso-raw.csv"));
    assertEquals(ref.size() - 1, path.get("lambda").size(), "glmnet's path length");
    for (int l = 0; l < ref.size() - 1; l++) {
      double[] row = refRow(ref.get(l + 1));
      double scale = coefficientScale(row);
      // The CSV reader keeps float32 features: about 7 significant digits.
      assertEquals(row[0], path.get("lambda").get(l).asDouble(), 1e-5 * row[0]);
      assertEquals(row[1], path.get("intercept").get(l).asDouble(), 1e-4 * scale);
      for (int j = 0; j < 8; j++) {
        assertEquals(row[2 + j], path.get("coef").get(l).get(j).asDouble(), 1e-4 * scale,
            "λ index " + l + ", b" + (j + 1));
      }
    }
    r = run("predict", "--model", "pois.model", "--data", data.toString(),
        "--out", "pred.csv");
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> predictions = Files.readAllLines(dir.resolve("pred.csv"));
    int last = path.get("lambda").size() - 1;
    String[] first = Files.readAllLines(data).get(1).split(",");
    double eta = path.get("intercept").get(last).asDouble();
    for (int j = 0; j < 8; j++) {
      eta += Double.parseDouble(first[j]) * path.get("coef").get(last).get(j).asDouble();
    }
    assertEquals("prediction", predictions.get(0));
    assertEquals(Math.exp(eta), Double.parseDouble(predictions.get(1)),
        1e-5 * Math.exp(eta), "predict gives the mean exp(η): " + predictions.get(1));
    r = run("export", "--model", "pois.model", "--out", "pois.onnx");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().startsWith("tikhonov: error: export --model "
        + dir.resolve("pois.model") + ": a poisson"
        + " model cannot be exported to ONNX because its prediction exp(a₀ + x·b) needs an"
        + " exponential output"), r.stderr());
    assertTrue(Files.notExists(dir.resolve("pois.onnx")));
  }

  @Test
  void weightsAndOffset_giveGlmnetsPath_andPredictReadsTheOffsetColumn() throws Exception {
    Path data = dir.resolve("full.csv");
    Files.copy(REF.resolve("pois.csv"), data);
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--family", "poisson", "--weights", "w", "--offset", "off", "--tol", "1e-12",
        "--save", "wo.model", "--out", "wo", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("wo/path.json").toFile());
    assertEquals(8, path.get("feature_names").size(), "w and off are not features");
    assertTrue(path.get("ic").get("lambda_bic").asDouble() > 0,
        "the weighted criteria with the offsets: " + path.get("ic"));
    assertTrue(path.get("ic_omitted") == null);
    List<String> ref = Files.readAllLines(REF.resolve("pois-lasso-std-weights-offset.csv"));
    assertEquals(ref.size() - 1, path.get("lambda").size(), "glmnet's path length");
    for (int l = 0; l < ref.size() - 1; l++) {
      double[] row = refRow(ref.get(l + 1));
      double scale = coefficientScale(row);
      for (int j = 0; j < 8; j++) {
        assertEquals(row[2 + j], path.get("coef").get(l).get(j).asDouble(), 1e-4 * scale,
            "λ index " + l + ", b" + (j + 1));
      }
    }
    r = run("predict", "--model", "wo.model", "--data", data.toString(), "--out",
        "wo.csv");
    assertEquals(0, r.exitCode(), r.stderr());
    int last = path.get("lambda").size() - 1;
    String[] first = Files.readAllLines(data).get(1).split(",");
    double eta = Double.parseDouble(first[10]) + path.get("intercept").get(last).asDouble();
    for (int j = 0; j < 8; j++) {
      eta += Double.parseDouble(first[j]) * path.get("coef").get(last).get(j).asDouble();
    }
    assertEquals(Math.exp(eta), Double.parseDouble(Files.readAllLines(dir.resolve("wo.csv"))
        .get(1)), 1e-5 * Math.exp(eta), "exp(offset + η)");
    // Without the offset column the model cannot predict, and says which column it needs.
    r = run("predict", "--model", "wo.model", "--data", poissonCsv().toString(),
        "--out", "none.csv");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("\"off\""), r.stderr());
    r = run("export", "--model", "wo.model", "--out", "wo.onnx");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().startsWith("tikhonov: error: export --model "
        + dir.resolve("wo.model") + ": a model fitted"
        + " with the offset column \"off\" cannot be exported to ONNX because"), r.stderr());
  }

  @Test
  void badWeightsAndOffsets_nameTheFlagAndColumn() throws Exception {
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(REF.resolve("pois.csv")));
    String[] cells = lines.get(4).split(",");
    cells[9] = "-2";
    lines.set(4, String.join(",", cells));
    Path data = Files.write(dir.resolve("bad.csv"), lines);
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--family", "poisson", "--weights", "w");
    assertEquals(2, r.exitCode(), r.stderr());
    String says = "tikhonov: error: " + data + ":5:10 (column \"w\"): weight -2.0; --weights"
        + " must be finite and ≥ 0";
    assertTrue(r.stderr().contains(says), r.stderr());
    r = run("path", "--data", data.toString(), "--target", "y", "--family",
        "poisson", "--weights", "exposure");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("--weights \"exposure\": "), r.stderr());
    r = run("path", "--data", data.toString(), "--target", "y", "--family",
        "poisson", "--weights", "w", "--cv-folds", "5");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains(says), "cross-validation says the same: " + r.stderr());
  }

  @Test
  void penaltyFactors_byName_inlineOrFromAFile_keepAnUnpenalizedFeatureIn() throws Exception {
    Path data = gunzip("gauss.csv");
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--penalty-factors", "x3=0,x7=2", "--nlambda", "10", "--out", "inline", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    Path file = Files.writeString(dir.resolve("factors.txt"), "# v\nx3=0\nx7,2\n");
    r = run("path", "--data", data.toString(), "--target", "y",
        "--penalty-factors", file.toString(), "--nlambda", "10", "--out", "file", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode inline = JSON.readTree(dir.resolve("inline/path.json").toFile());
    JsonNode fromFile = JSON.readTree(dir.resolve("file/path.json").toFile());
    assertEquals(inline.get("coef"), fromFile.get("coef"), "the two spellings agree");
    int x3 = 2;
    int x7 = 6;
    for (int l = 0; l < inline.get("lambda").size(); l++) {
      assertTrue(inline.get("coef").get(l).get(x3).asDouble() != 0,
          "x3 is unpenalized: in the model at λ index " + l);
    }
    // The same path from the library (the CLI's float32 CSV: 7 digits).
    ProximalReader ref = ProximalReader.of(data);
    double[] v = new double[50];
    java.util.Arrays.fill(v, 1);
    v[x3] = 0;
    v[x7] = 2;
    dev.tikhonov.linear.PathSolution lib = dev.tikhonov.linear.ElasticNetPath.fit(ref.x(),
        ref.y(), dev.tikhonov.linear.PathSettings.lasso().withNumLambdas(10)
            .withPenaltyFactors(v), ref.names());
    assertEquals(lib.size(), inline.get("lambda").size());
    for (int l = 0; l < lib.size(); l++) {
      assertEquals(lib.lambda(l), inline.get("lambda").get(l).asDouble(),
          1e-5 * lib.lambda(l));
      for (int j = 0; j < 50; j++) {
        assertEquals(lib.coefficient(l, 0, j), inline.get("coef").get(l).get(j).asDouble(),
            1e-4, "λ index " + l + ", x" + (j + 1));
      }
    }
    r = run("path", "--data", data.toString(), "--target", "y",
        "--penalty-factors", "x99=0");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("--penalty-factors: no feature column 'x99'"), r.stderr());
    r = run("path", "--data", data.toString(), "--target", "y",
        "--penalty-factors", "x1=-1");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("the factor of 'x1' must be finite and ≥ 0, got -1.0"),
        r.stderr());
    // glmnet's penalty.factor = Inf (exclude): said in glmnet's terms, with this tool's way
    r = run("path", "--data", data.toString(), "--target", "y",
        "--penalty-factors", "x2=1,x3=Inf");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("--penalty-factors: the factor of 'x3' is Inf, which in"
        + " glmnet leaves the feature out of the model; here leave it out of the data (a CSV"
        + " file's with --ignore-columns x3); factors must be finite and ≥ 0"), r.stderr());
  }

  /**
   * glmnet's {@code intercept = FALSE}: the path on data/diabetes.csv is glmnet 4.1-6's
   * ({@code ref/make_nointercept.R}) over the λ where glmnet's own solution is exact (the first
   * 34; NoInterceptGlmnetTest has why), with every intercept 0; so is the Poisson path with an
   * offset on data/cgd.csv, whose saved model predicts without an intercept.
   */
  @Test
  void noIntercept_isGlmnetsInterceptFalse_forGaussianAndPoisson() throws Exception {
    Path data = Path.of("..", "data", "diabetes.csv");
    Cli.Result r = run("path", "--data", data.toString(), "--target", "progression",
        "--no-intercept", "--tol", "1e-13", "--max-iterations", "10000000", "--out", "noint",
        "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("noint/path.json").toFile());
    List<String> ref = Files.readAllLines(REF.resolve("real/diabetes-nointercept-lasso.csv"));
    assertEquals(ref.size() - 1, path.get("lambda").size(), "glmnet's 100 λ");
    for (int l = 0; l < 34; l++) {
      double[] row = refRow(ref.get(l + 1));   // lambda, dev_ratio, df, age, ..., s6
      assertEquals(row[0], path.get("lambda").get(l).asDouble(), 1e-10 * row[0]);
      assertEquals(0.0, path.get("intercept").get(l).asDouble(), 0.0, "λ #" + (l + 1));
      double scale = 1e-300;
      for (int j = 3; j < row.length; j++) {
        scale = Math.max(scale, Math.abs(row[j]));
      }
      for (int j = 3; j < row.length; j++) {
        assertEquals(row[j], path.get("coef").get(l).get(j - 3).asDouble(), 1e-8 * scale,
            "λ #" + (l + 1) + ", feature " + (j - 2));
      }
    }
    // Poisson with an offset (data/cgd.csv), glmnet's path at thresh 1e-14
    // (ref/make_nointercept_glm.R); the saved model predicts exp(offset + x·b), no a₀. (The
    // CSV's offset column is R's log(followup_days / 365.25) to 10 decimals.)
    Path cgd = Path.of("..", "data", "cgd.csv");
    r = run("path", "--data", cgd.toString(), "--target", "infections", "--family", "poisson",
        "--ignore-columns", "id,followup_days", "--offset", "log_followup_years",
        "--no-intercept", "--tol", "1e-10", "--max-iterations", "10000000", "--save",
        "cgd.model", "--out", "cgd", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    path = JSON.readTree(dir.resolve("cgd/path.json").toFile());
    ref = Files.readAllLines(REF.resolve("real/cgd-nointercept-path.csv"));
    assertEquals(ref.size() - 1, path.get("lambda").size(), "glmnet's path length");
    for (int l = 0; l < ref.size() - 1; l++) {
      double[] row = refRow(ref.get(l + 1));   // lambda, dev_ratio, df, a0 = 0, features
      assertEquals(row[0], path.get("lambda").get(l).asDouble(), 1e-9 * row[0]);
      assertEquals(0.0, path.get("intercept").get(l).asDouble(), 0.0, "λ #" + (l + 1));
      double scale = 1e-300;
      for (int j = 4; j < row.length; j++) {
        scale = Math.max(scale, Math.abs(row[j]));
      }
      for (int j = 4; j < row.length; j++) {
        // glmnet is exact over the first 12 λ, then creeps (NoInterceptFamiliesGlmnetTest)
        assertEquals(row[j], path.get("coef").get(l).get(j - 4).asDouble(),
            (l < 12 ? 1e-8 : 1e-4) * scale, "λ #" + (l + 1) + ", feature " + (j - 3));
      }
    }
    r = run("predict", "--model", "cgd.model", "--data", cgd.toString(), "--out",
        "cgd.csv");
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> lines = Files.readAllLines(cgd);
    List<String> header = List.of(lines.get(0).split(","));
    String[] first = lines.get(1).split(",");
    int last = path.get("lambda").size() - 1;
    double eta = Double.parseDouble(first[header.indexOf("log_followup_years")]);
    JsonNode names = path.get("feature_names");
    for (int j = 0; j < names.size(); j++) {
      eta += Double.parseDouble(first[header.indexOf(names.get(j).asText())])
          * path.get("coef").get(last).get(j).asDouble();
    }
    assertEquals(Math.exp(eta), Double.parseDouble(Files.readAllLines(dir.resolve("cgd.csv"))
        .get(1)), 1e-6 * Math.exp(eta), "exp(offset + x·b) without an intercept");
  }

  /**
   * cv.glmnet's {@code alignment = "fraction"}: on diabetes with its fold ids, path.json's λ_min
   * and λ_1se are cv.glmnet's ({@code ref/make_fraction.R}); a value other than lambda or
   * fraction, the flag without CV and with --relax exit 2 naming it.
   */
  @Test
  void cvAlignmentFraction_isCvGlmnets_andMisuseIsRefused() throws Exception {
    String data = Path.of("..", "data", "diabetes.csv").toString();
    String folds = REF.resolve("real/diabetes-foldid.csv").toString();
    Cli.Result r = run("path", "--data", data, "--target", "progression", "--foldid", folds,
        "--cv-alignment", "fraction", "--tol", "1e-10", "--max-iterations", "10000000",
        "--out", "fraction", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode cv = JSON.readTree(dir.resolve("fraction/path.json").toFile()).get("cv");
    double[] select = refRow(Files.readAllLines(REF.resolve("fraction/diabetes-cv-select.csv"))
        .get(1));
    assertEquals(select[0], cv.get("lambda_min").asDouble(), 1e-10 * select[0], "λ_min");
    assertEquals(select[1], cv.get("lambda_1se").asDouble(), 1e-10 * select[1], "λ_1se");

    r = run("path", "--data", data, "--target", "progression", "--foldid", folds,
        "--cv-alignment", "index");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("--cv-alignment must be lambda or fraction (any case), got 'index'"),
        r.stderr());
    r = run("path", "--data", data, "--target", "progression", "--cv-alignment", "fraction");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("--cv-alignment applies only with cross-validation"),
        r.stderr());
    r = run("path", "--data", data, "--target", "progression", "--foldid", folds, "--relax",
        "--cv-alignment", "fraction");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("--cv-alignment applies only to the lasso's"
        + " cross-validation; it has no effect with --relax"), r.stderr());
    r = run("path", "--data", data, "--target", "progression", "--foldid", folds,
        "--adaptive", "--cv-alignment", "fraction");
    assertEquals(2, r.exitCode(), r.stderr());
    // in flags, not the library's INTERPOLATE, which no flag takes
    assertTrue(r.stderr().contains("--cv-alignment fraction: the adaptive lasso's folds are"
        + " lined up with the full path's λ by interpolation only (cv.glmnet's \"lambda\");"
        + " leave --cv-alignment out or give lambda"), r.stderr());
  }

  @Test
  void limits_nonNegativeAndPerFeatureBox_matchTheLibrary_andBadLimitsAreNamed()
      throws Exception {
    Path data = gunzip("gauss.csv");
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--lower-limits", "0", "--nlambda", "10", "--out", "nonneg", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode nonneg = JSON.readTree(dir.resolve("nonneg/path.json").toFile());
    assertEquals(50, nonneg.get("lower_limits").size());
    assertEquals(0.0, nonneg.get("lower_limits").get(7).asDouble(), 0);
    assertTrue(nonneg.get("upper_limits").get(7).isNull(), "no upper limit: null");
    for (JsonNode coef : nonneg.get("coef")) {
      for (JsonNode c : coef) {
        assertTrue(c.asDouble() >= 0, "non-negative: " + c);
      }
    }
    r = run("path", "--data", data.toString(), "--target", "y",
        "--lower-limits", "x1=-0.01,x2=-inf", "--upper-limits", "x1=0.02,x3=Inf,x4=0",
        "--nlambda", "10", "--out", "box", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode box = JSON.readTree(dir.resolve("box/path.json").toFile());
    ProximalReader ref = ProximalReader.of(data);
    double[] lower = new double[50];
    double[] upper = new double[50];
    java.util.Arrays.fill(lower, Double.NEGATIVE_INFINITY);
    java.util.Arrays.fill(upper, Double.POSITIVE_INFINITY);
    lower[0] = -0.01;
    upper[0] = 0.02;
    upper[3] = 0;
    dev.tikhonov.linear.PathSolution lib = dev.tikhonov.linear.ElasticNetPath.fit(ref.x(),
        ref.y(), dev.tikhonov.linear.PathSettings.lasso().withNumLambdas(10)
            .withLowerLimits(lower).withUpperLimits(upper), ref.names());
    assertEquals(lib.size(), box.get("lambda").size());
    for (int l = 0; l < lib.size(); l++) {
      for (int j = 0; j < 50; j++) {
        assertEquals(lib.coefficient(l, 0, j), box.get("coef").get(l).get(j).asDouble(),
            1e-4, "λ index " + l + ", x" + (j + 1));
      }
      double b1 = box.get("coef").get(l).get(0).asDouble();
      assertTrue(b1 >= -0.01 && b1 <= 0.02, "x1 in its box: " + b1);
      assertTrue(box.get("coef").get(l).get(3).asDouble() <= 0, "x4 ≤ 0");
    }
    String[][] bad = {
        {"--lower-limits", "x1=0.5", "--upper-limits", "x1=0.2"},
        {"--lower-limits", "0.5"},
        {"--upper-limits", "x2=-1"},
        {"--lower-limits", "abc"},
        {"--lower-limits", "x1=abc"},
        {"--upper-limits", "x99=1"}};
    String[] expected = {
        "--lower-limits: the lower limit 0.5 of 'x1' is above its upper limit 0.2"
            + " (--upper-limits)",
        "--lower-limits: the limit of 'x1' must be ≤ 0 (0 must be feasible, as glmnet"
            + " requires), got 0.5",
        "--upper-limits: the limit of 'x2' must be ≥ 0 (0 must be feasible, as glmnet"
            + " requires), got -1.0",
        "--lower-limits abc: no such file, and not a number or COLUMN=VALUE pairs",
        "--lower-limits: 'abc' is not a number",
        "--upper-limits: no feature column 'x99'"};
    for (int c = 0; c < bad.length; c++) {
      String[] args = new String[6 + bad[c].length];
      String[] head = {"path", "--data", data.toString(), "--target", "y", "--quiet"};
      System.arraycopy(head, 0, args, 0, 6);
      System.arraycopy(bad[c], 0, args, 6, bad[c].length);
      r = run(args);
      assertEquals(2, r.exitCode(), String.join(" ", bad[c]) + ": " + r.stderr());
      assertTrue(r.stderr().contains("tikhonov: error: " + expected[c]),
          String.join(" ", bad[c]) + ": " + r.stderr());
      assertFalse(r.stderr().contains("Exception"), r.stderr());
    }
  }

  /** gauss.csv read in double: x1..x50 and y. */
  record ProximalReader(double[][] x, double[] y, List<String> names) {
    static ProximalReader of(Path csv) throws Exception {
      List<String> lines = Files.readAllLines(csv);
      List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
      int n = lines.size() - 1;
      int p = header.size() - 1;
      double[][] x = new double[n][p];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        String[] c = lines.get(i + 1).split(",");
        for (int j = 0; j < p; j++) {
          x[i][j] = Double.parseDouble(c[j]);
        }
        y[i] = Double.parseDouble(c[p]);
      }
      return new ProximalReader(x, y, header.subList(0, p));
    }
  }

  @Test
  void poissonPath_negativeCount_namesItsCell() throws Exception {
    // data row 3 is line 4 and y the 2nd column: the library's "row 3" alone named neither
    Path csv = Files.writeString(dir.resolve("neg.csv"), "a,y\n1,2\n2,0\n3,-1\n4,5\n");
    for (String[] folds : new String[][] {{}, {"--cv-folds", "2"}}) {
      List<String> args = new java.util.ArrayList<>(List.of("path", "--data", csv.toString(),
          "--target", "y", "--family", "poisson", "--out", dir.resolve("neg").toString()));
      args.addAll(List.of(folds));
      Cli.Result r = run(args.toArray(String[]::new));
      assertEquals(2, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("tikhonov: error: " + csv + ":4:2 (column \"y\"): count"
          + " -1.0 is not a finite number ≥ 0 (the poisson family models counts)"), r.stderr());
    }
  }

  /**
   * A LIBSVM file's count below 0 is shown at its label, as the reader shows a bad label
   * ("F:LINE:COLUMN: token 1: …"), by path and by evaluate; both named the line only
   * ("F:4: count -1.0 …"), so this failed before the label's column was looked up.
   */
  @Test
  void poissonPathAndEvaluate_negativeLibsvmCount_nameItsLabel() throws Exception {
    Path counts = Files.writeString(dir.resolve("counts.svm"),
        "2 1:1 2:0.5\n0 1:2\n3 2:1\n1 1:0.5 2:2\n4 1:3 2:1\n");
    // data row 3 is line 4 (a comment line first), its label after two blanks: column 3
    Path neg = Files.writeString(dir.resolve("neg.svm"),
        "# counts\n2 1:1 2:0.5\n0 1:2\n  -1 2:1\n1 1:0.5 2:2\n4 1:3 2:1\n");
    String problem = ":4:3: token 1 (the label): count -1.0 is not a finite number ≥ 0 (the"
        + " poisson family models counts)";
    for (String[] folds : new String[][] {{}, {"--cv-folds", "2"}}) {
      List<String> args = new java.util.ArrayList<>(List.of("path", "--data", neg.toString(),
          "--family", "poisson", "--out", dir.resolve("neg").toString()));
      args.addAll(List.of(folds));
      Cli.Result r = run(args.toArray(String[]::new));
      assertEquals(2, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("tikhonov: error: " + neg + problem), r.stderr());
    }
    Cli.Result fit = run("path", "--data", counts.toString(), "--family", "poisson",
        "--nlambda", "5", "--quiet", "--out", dir.resolve("counts").toString(), "--save",
        dir.resolve("counts.model").toString());
    assertEquals(0, fit.exitCode(), fit.stderr());
    Cli.Result r = run("evaluate", "--model", dir.resolve("counts.model").toString(), "--data",
        neg.toString());
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("tikhonov: error: " + neg + problem), r.stderr());
  }

  @Test
  void reportOnADirectoryThatIsNotARun_saysSo() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    Cli.Result r = run("report", "empty");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("not a tikhonov run directory"), r.stderr());
  }

  @Test
  void pathSave_atLambdaMin_predictsWithThePathsCoefficients() throws Exception {
    Path data = gunzip("gauss.csv");
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--l1-ratio", "1", "--cv-folds", "5", "--save", "lasso.model", "--out", "p",
        "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("p/path.json").toFile());
    double lambdaMin = path.get("cv").get("lambda_min").asDouble();
    int l = 0;
    while (path.get("lambda").get(l).asDouble() != lambdaMin) {
      l++;
    }
    Cli.Result p = run("predict", "--model", "lasso.model", "--data", data.toString(),
        "--out", "pred.csv");
    assertEquals(0, p.exitCode(), p.stderr());
    java.util.List<String> rows = Files.readAllLines(data);
    java.util.List<String> predictions = Files.readAllLines(dir.resolve("pred.csv"));
    String[] header = rows.get(0).split(",");
    double a0 = path.get("intercept").get(l).asDouble();
    JsonNode coef = path.get("coef").get(l);
    for (int i = 1; i <= 5; i++) {
      String[] cells = rows.get(i).split(",");
      double eta = a0;
      int j = 0;
      for (int c = 0; c < header.length; c++) {
        if (!header[c].replace("\"", "").equals("y")) {
          eta += Double.parseDouble(cells[c]) * coef.get(j++).asDouble();
        }
      }
      assertEquals(eta, Double.parseDouble(predictions.get(i).split(",")[0]), 1e-4,
          "row " + i);
    }
  }

  @Test
  void multinomialPath_givesOneCoefficientVectorPerClass() throws Exception {
    Path data = REF.resolve("multi.csv").toAbsolutePath();
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--family", "multinomial", "--l1-ratio", "1", "--out", "m", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("m/path.json").toFile());
    int last = path.get("lambda").size() - 1;
    assertEquals(3, path.get("intercept").get(last).size());
    assertEquals(3, path.get("coef").get(last).size());
    double sum = 0;
    for (JsonNode a : path.get("intercept").get(last)) {
      sum += a.asDouble();
    }
    assertEquals(0, sum, 1e-9, "intercepts centred as glmnet's");
  }

  /**
   * A ridge path's default sequence (glmnet's: it starts at the λ_max of α = 0.001 and ends 10⁻⁴
   * below it) ends above the best λ on data/diabetes.csv: λ_min is its last λ, and the command
   * says so on stderr and in path.json; a lasso's minimum inside the sequence gets no such
   * warning.
   */
  @Test
  void lambdaMinAtTheSequencesEnd_isAWarning() throws Exception {
    Cli.Result ridge = diabetesCv("0", "ridge");
    JsonNode cv = JSON.readTree(dir.resolve("ridge/path.json").toFile()).get("cv");
    assertEquals(smallestLambda("ridge"), cv.get("lambda_min").asDouble());
    String warning = cv.get("lambda_min_warning").asText();
    assertTrue(warning.startsWith("lambda_min is the sequence's smallest lambda"), warning);
    assertTrue(ridge.stderr().contains("tikhonov: warning: " + warning), ridge.stderr());

    Cli.Result lasso = diabetesCv("1", "lasso");
    JsonNode lassoCv = JSON.readTree(dir.resolve("lasso/path.json").toFile()).get("cv");
    assertTrue(lassoCv.get("lambda_min").asDouble() > smallestLambda("lasso"),
        lassoCv.toString());
    assertTrue(lassoCv.get("lambda_min_warning").isNull(), lassoCv.toString());
    assertFalse(lasso.stderr().contains("smallest lambda"), lasso.stderr());
  }

  /**
   * The relaxed lasso's CV (path --relax) likewise: a sequence of three large λ (the lasso's
   * λ_max is near 45 on data/diabetes.csv) ends while the held-out loss still falls, and the
   * warning is on stderr and in path.json's relaxed.cv; the default sequence gets none.
   */
  @Test
  void relaxed_lambdaMinAtTheSequencesEnd_isAWarning() throws Exception {
    Cli.Result edge = diabetesRelaxedCv("edge", "--lambdas", "30,20,10");
    JsonNode cv = JSON.readTree(dir.resolve("edge/path.json").toFile()).get("relaxed")
        .get("cv");
    assertEquals(10, cv.get("lambda_min").asDouble(), cv.toString());
    String warning = cv.get("lambda_min_warning").asText();
    assertTrue(warning.startsWith("lambda_min is the sequence's smallest lambda, 10:"),
        warning);
    // the sequence is --lambdas: its remedy is smaller values there (--lambda-min-ratio is
    // refused with --lambdas), not "give --lambdas"
    assertTrue(warning.endsWith("or smaller values in --lambdas"), warning);
    assertTrue(edge.stderr().contains("tikhonov: warning: " + warning), edge.stderr());

    Cli.Result inside = diabetesRelaxedCv("inside");
    JsonNode insideCv = JSON.readTree(dir.resolve("inside/path.json").toFile()).get("relaxed")
        .get("cv");
    assertTrue(insideCv.get("lambda_min_warning").isNull(), insideCv.toString());
    assertFalse(inside.stderr().contains("smallest lambda"), inside.stderr());
  }

  /** {@code path --relax} by 5-fold CV on data/diabetes.csv into {@code dir/out}; exit 0. */
  private Cli.Result diabetesRelaxedCv(String out, String... more) {
    List<String> args = new ArrayList<>(List.of("path", "--data",
        Path.of("..", "data", "diabetes.csv").toString(), "--target", "progression", "--relax",
        "--cv-folds", "5", "--quiet", "--out", out));
    args.addAll(List.of(more));
    Cli.Result r = run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.stderr());
    return r;
  }

  /** {@code path} by 10-fold CV on data/diabetes.csv at this α, into {@code dir/out}; exit 0. */
  private Cli.Result diabetesCv(String l1Ratio, String out) {
    Cli.Result r = run("path", "--data", Path.of("..", "data", "diabetes.csv").toString(),
        "--target", "progression", "--l1-ratio", l1Ratio, "--cv-folds", "10", "--quiet",
        "--out", out);
    assertEquals(0, r.exitCode(), r.stderr());
    return r;
  }

  /** The last (smallest) λ of {@code dir/out/path.json}'s sequence. */
  private double smallestLambda(String out) throws Exception {
    JsonNode lambdas = JSON.readTree(dir.resolve(out + "/path.json").toFile()).get("lambda");
    return lambdas.get(lambdas.size() - 1).asDouble();
  }

  @Test
  void lassoPathWithGlmnetFoldIds_picksGlmnetsLambdaMinAnd1se() throws Exception {
    Path data = gunzip(dir, "gauss.csv");
    Path foldid = gunzip(dir, "gauss-foldid.csv");
    String[] select = Files.readAllLines(gunzip(dir, "gauss-cv-select.csv")).get(1).split(",");
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--family", "gaussian", "--l1-ratio", "1", "--no-standardize", "--foldid",
        foldid.toString(), "--out", "p", "--threads", "2");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("p/path.json").toFile());
    JsonNode cv = path.get("cv");
    // The CSV's values are fitted in double precision, as glmnet fits them.
    assertEquals(Double.parseDouble(select[0]), cv.get("lambda_min").asDouble(),
        1e-12 * Double.parseDouble(select[0]));
    assertEquals(Double.parseDouble(select[1]), cv.get("lambda_1se").asDouble(),
        1e-12 * Double.parseDouble(select[1]));
    int m = path.get("lambda").size();
    assertEquals(m, path.get("coef").size());
    assertEquals(m, path.get("df").size());
    assertEquals(50, path.get("coef").get(0).size(), "one coefficient per feature");
    for (JsonNode c : path.get("coef").get(0)) {
      assertEquals(0.0, c.asDouble(), 0, "all zeros at λ_max");
    }
    assertTrue(Files.exists(dir.resolve("p/path.csv")));
    assertTrue(Files.exists(dir.resolve("p/report.html")));
    assertTrue(r.stdout().contains("lambda_min") || r.stdout().contains("λ_min"), r.stdout());
    assertTrue(r.stdout().contains("AIC picks lambda = ") && r.stdout().contains("EBIC"),
        "the criteria next to CV's choice: " + r.stdout());
    assertTrue(path.get("ic").get("lambda_bic").asDouble() > 0);
  }

  @Test
  void settingOutOfRange_isReportedUnderItsFlag() throws Exception {
    Path data = gunzip(dir, "gauss.csv");
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--l1-ratio", "1.5");
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals(1, r.errorLines().size(), r.stderr());
    assertTrue(r.stderr().contains("tikhonov: error: --l1-ratio must be in [0, 1], got 1.5"),
        r.stderr());
    r = run("path", "--data", data.toString(), "--target", "y", "--tol", "0");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("--tol must be positive"), r.stderr());
  }

  @Test
  void maxIterations_whenTheBudgetRunsOut_dropsTheLambda_andWarnsOnceNamingItAndTheFlag()
      throws Exception {
    Path data = gunzip(dir, "gauss.csv");
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--tol", "1e-13", "--max-iterations", "60", "--out", "short");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("short/path.json").toFile());
    int m = path.get("lambda").size();
    assertTrue(m >= 1 && m < 100, "ends early: " + m);
    assertEquals("iteration_limit", path.get("end").asText());
    for (JsonNode c : path.get("converged")) {
      assertTrue(c.asBoolean(), "the λ the budget interrupted is dropped, as glmnet's");
    }
    assertTrue(path.get("warning").asText().startsWith("the budget of 60 coordinate passes over"
        + " the path ran out while fitting λ #" + (m + 1) + " of 100"),
        path.get("warning").asText());
    int budget = 0;
    for (JsonNode passes : path.get("passes")) {
      budget += passes.asInt();
    }
    assertTrue(budget < 60, "passes over the λ kept " + budget);
    long warnings = r.stderr().lines().filter(l -> l.contains("warning")).count();
    assertEquals(1, warnings, r.stderr());
    assertFalse(r.stdout().contains("warning"), "said once, on stderr: " + r.stdout());
    String line = r.stderr().lines().filter(l -> l.contains("warning")).findFirst().get();
    assertTrue(line.startsWith("tikhonov: warning: the budget of 60 coordinate passes over the"
        + " path ran out while fitting λ #" + (m + 1) + " of 100 (λ = "), line);
    assertTrue(line.contains("the path ends at λ #" + m + ", the last fit it completed"), line);
    assertTrue(line.contains("raise --max-iterations (now 60) or --tol"), line);
    assertTrue(r.stdout().contains("passes") && !r.stdout().contains(" no\n"),
        "the table has no unconverged λ: " + r.stdout());
    // With the budget raised the same path converges everywhere and says nothing.
    r = run("path", "--data", data.toString(), "--target", "y", "--tol", "1e-13",
        "--nlambda", "10", "--max-iterations", "1000000", "--out", "long", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    assertFalse(r.stderr().contains("warning"), r.stderr());
    path = JSON.readTree(dir.resolve("long/path.json").toFile());
    assertTrue(path.get("warning").isNull());
    for (JsonNode c : path.get("converged")) {
      assertTrue(c.asBoolean());
    }
  }

  /**
   * redteam34: on diabetes a budget of 300 passes at --tol 1e-12 runs out while fitting
   * λ = 0.5, the 7th of 11. The path kept that fit, which is not a solution, as its last λ
   * (marked not converged), the CV chose it as λ_min, and --save refused to write it. glmnet
   * drops the λ its maxit interrupts and returns the fits before it (cv.glmnet then never
   * chooses it): so does the path now, and λ_min, the table and the model are of converged fits.
   */
  @Test
  void maxIterations_lambdaTheBudgetInterrupts_isNeitherReturnedNorChosenNorSaved()
      throws Exception {
    String[] lambdas = {"40", "20", "10", "5", "2", "1", "0.5", "0.2", "0.1", "0.05", "0.01"};
    Cli.Result r = run("path", "--data", Path.of("..", "data", "diabetes.csv").toString(),
        "--target", "progression", "--max-iterations", "300", "--lambdas",
        String.join(",", lambdas), "--cv-folds", "5", "--tol", "1e-12", "--out", "cut",
        "--save", "cut.model");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("cut/path.json").toFile());
    assertEquals("iteration_limit", path.get("end").asText());
    String warning = path.get("warning").asText();
    assertTrue(warning.contains("ran out while fitting λ #7 of 11 (λ = 0.500000"), warning);
    JsonNode fitted = path.get("lambda");
    assertEquals(6, fitted.size(), "the fits before λ #7: " + fitted);
    List<Double> kept = new ArrayList<>();
    for (int l = 0; l < fitted.size(); l++) {
      assertEquals(Double.parseDouble(lambdas[l]), fitted.get(l).asDouble());
      assertTrue(path.get("converged").get(l).asBoolean(), "λ #" + (l + 1));
      kept.add(fitted.get(l).asDouble());
    }
    double lambdaMin = path.get("cv").get("lambda_min").asDouble();
    assertTrue(kept.contains(lambdaMin), "λ_min is a fit of the path: " + lambdaMin);
    assertNotEquals(0.5, lambdaMin);
    assertTrue(Files.exists(dir.resolve("cut.model")), "the fit at λ_min is saved: "
        + r.stderr());
    assertFalse(r.stdout().contains("0.500000"), "the table has no row at λ = 0.5: "
        + r.stdout());
  }

  /**
   * The budget runs out in a fold's first λ (the full path's first λ fits in 1600 passes, a
   * fold of 3 needs more): the fold's refusal ended with the fold advice (another --seed, more
   * --cv-folds), not with the budget's own.
   */
  @Test
  void maxIterations_runOutAtAFoldsFirstLambda_saysToRaiseIt() throws Exception {
    String[] args = {"path", "--data", Path.of("..", "data", "diabetes.csv").toString(),
        "--target", "progression", "--max-iterations", "1600", "--lambdas", "0.001", "--tol",
        "1e-13", "--out", "none"};
    assertEquals(0, run(args).exitCode());
    String[] cv = java.util.Arrays.copyOf(args, args.length + 2);
    cv[args.length] = "--cv-folds";
    cv[args.length + 1] = "3";
    Cli.Result r = run(cv);
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains(": fold 1 of 3 (its training rows): --max-iterations: the"
        + " budget of 1600 coordinate passes over the path ran out while fitting the first λ"
        + " (0.00100000), so the path has no fit (glmnet returns no fit either); raise it"),
        r.stderr());
    assertFalse(r.stderr().contains("--seed"), r.stderr());
  }

  /** A budget that runs out during the first λ leaves no fit: exit 2 naming the flag. */
  @Test
  void maxIterations_runOutAtTheFirstLambda_isAnErrorNamingTheFlag() throws Exception {
    Cli.Result r = run("path", "--data", Path.of("..", "data", "diabetes.csv").toString(),
        "--target", "progression", "--max-iterations", "1", "--lambdas", "0.001", "--tol",
        "1e-13", "--out", "none");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("tikhonov: error: --max-iterations: the budget of 1"
        + " coordinate passes over the path ran out while fitting the first λ (0.00100000), so"
        + " the path has no fit"), r.stderr());
    assertFalse(r.stderr().contains("maxIterations"), r.stderr());
    assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
  }

  /**
   * Cross-validation with --weights and --offset: cv.glmnet's λ_min and λ_1se with the same
   * fold ids (ref/pois-cv-weights-offset-select.csv, make_glm.R), and the weighted information
   * criteria next to CV's choice.
   */
  @Test
  void crossValidation_withWeightsAndOffset_picksCvGlmnetsLambdas() throws Exception {
    Path data = dir.resolve("full.csv");
    Files.copy(REF.resolve("pois.csv"), data);
    int n = Files.readAllLines(data).size() - 1;
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < n; i++) {
      ids.append(i % 5 + 1).append('\n');
    }
    Path foldid = Files.writeString(dir.resolve("foldid.txt"), ids.toString());
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--family", "poisson", "--weights", "w", "--offset", "off", "--tol", "1e-12",
        "--foldid", foldid.toString(), "--out", "cvwo", "--threads", "2");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode cv = JSON.readTree(dir.resolve("cvwo/path.json").toFile()).get("cv");
    String[] select = Files.readAllLines(REF.resolve("pois-cv-weights-offset-select.csv"))
        .get(1).split(",");
    // The CLI reads the CSV in float32: 7 digits.
    assertEquals(Double.parseDouble(select[0]), cv.get("lambda_min").asDouble(),
        1e-4 * Double.parseDouble(select[0]));
    assertEquals(Double.parseDouble(select[1]), cv.get("lambda_1se").asDouble(),
        1e-4 * Double.parseDouble(select[1]));
    assertTrue(r.stdout().contains("AIC picks lambda = "),
        "the weighted criteria next to CV's choice: " + r.stdout());
  }

  /**
   * --save-lambda below the path's smallest λ, or above its largest where some coefficients are
   * not zero yet, saves the fit at that end: the model file, the line printed and a warning give
   * the end's λ. They used to give the λ asked for (0, 1) over the end's coefficients. Above
   * λ_max the null model solves every λ, so the λ asked for is kept there, without a warning.
   */
  @Test
  void saveLambda_outsideThePath_savesTheEndsFit_withTheEndsLambda_andWarns() throws Exception {
    Path data = gunzip(dir, "gauss.csv");
    String[][] cases = {
        {"0", "0.01", "saved the fit at λ = 0.01, the path's smallest λ,",
            "tikhonov: warning: --save-lambda 0 is below the path's smallest λ, 0.01; the "
                + "path has no fit at 0, so the model saved is the fit at 0.01 (glmnet's "
                + "predict(s = 0) does the same); to save the fit at 0, include 0 in --lambdas"},
        {"1", "0.1", "saved the fit at λ = 0.1, the path's largest λ,",
            "tikhonov: warning: --save-lambda 1 is above the path's largest λ, 0.1, where "
                + "some coefficients are not yet zero; the path has no fit at 1, so the model "
                + "saved is the fit at 0.1 (glmnet's predict(s = 1) does the same); to save "
                + "the fit at 1, include 1 in --lambdas"}};
    for (String[] c : cases) {
      String model = "m" + c[0] + ".model";
      Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
          "--lambdas", "0.1,0.01", "--save", model, "--save-lambda", c[0], "--out",
          "s" + c[0], "--quiet");
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stdout().contains(c[2] + " to " + dir.resolve(model)
          + System.lineSeparator()), r.stdout());
      // besides the warning that AIC's and BIC's λ is an end of --lambdas (RidgeCriteriaLinesTest)
      assertEquals(List.of(c[3]), r.errorLines().stream()
          .filter(line -> !line.contains(" of --lambdas: AIC")).toList());
      var saved = (dev.tikhonov.estimate.LinearModel) dev.tikhonov.estimate.Predictor.load(
          dir.resolve(model));
      assertEquals(Double.parseDouble(c[1]), saved.lambda(), model);
    }
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--nlambda", "5", "--save", "null.model", "--save-lambda", "1", "--out", "null",
        "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("saved the fit at λ = 1 (1) to "
        + dir.resolve("null.model")), r.stdout());
    assertEquals(List.of(), r.errorLines());
    var saved = (dev.tikhonov.estimate.LinearModel) dev.tikhonov.estimate.Predictor.load(
        dir.resolve("null.model"));
    assertEquals(1.0, saved.lambda());
  }

  @Test
  void binomialPath_savedAtLambdaMin_evaluatesAsAClassifier() throws Exception {
    Path data = REF.resolve("binom.csv").toAbsolutePath();
    Cli.Result r = run("path", "--data", data.toString(), "--target", "y",
        "--family", "binomial", "--l1-ratio", "1", "--cv-folds", "5", "--save", "b.model",
        "--out", "b", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("b/path.json").toFile());
    assertEquals("binomial", path.get("family").asText());
    assertTrue(path.get("cv").get("lambda_min").asDouble() > 0);
    Cli.Result e = run("evaluate", "--model", "b.model", "--data", data.toString(),
        "--target", "y", "--json");
    assertEquals(0, e.exitCode(), e.stderr());
    JsonNode m = JSON.readTree(e.stdout());
    assertTrue(m.get("accuracy").asDouble() > 0.7, m.toString());
  }
}
