package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.FoldStatistics;
import dev.tikhonov.select.KFold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PathJob writes the path.json of {@code ./tikhonov path} (PathFiles) from one Spark pass. */
class PathJobTest {
  private static final int N = 300;
  private static final int P = 6;
  private static SparkSession spark;
  private static double[][] x;
  private static double[] y;
  private static int[] folds;
  private static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f");

  @BeforeAll
  static void start() throws IOException {
    spark = TestSpark.session("local[2]");
    loadData();
  }

  /** The first 300 rows and 6 features of gauss.csv.gz, fold ids cycling 1..5. */
  static void loadData() throws IOException {
    double[][] data = SparkElasticNetFitTest.csv("gauss.csv.gz");
    x = new double[N][];
    y = new double[N];
    folds = new int[N];
    for (int i = 0; i < N; i++) {
      x[i] = Arrays.copyOf(data[i], P);
      y[i] = data[i][data[i].length - 1];
      folds[i] = i % 5 + 1;
    }
  }

  static Path writeCsv(Path dir, String badCell) throws IOException {
    StringBuilder s = new StringBuilder(String.join(",", NAMES)).append(",y,fold\n");
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < P; j++) {
        s.append(i == 7 && j == 2 && badCell != null ? badCell : Double.toString(x[i][j]))
            .append(",");
      }
      s.append(y[i]).append(",").append(folds[i]).append("\n");
    }
    Path file = dir.resolve("train.csv");
    Files.writeString(file, s.toString());
    return file;
  }

  private static TestSpark.JobResult run(String... args) {
    return TestSpark.runPathJob(spark, args);
  }

  private static double[] doubles(JsonNode node) {
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asDouble();
    }
    return out;
  }

  /**
   * path.json as ./tikhonov path writes it of {@code path} fitted on {@code rows} rows (its
   * "rows" last, which the report checks out-of-fold.csv against).
   */
  static Map<String, Object> cliJson(PathSolution path, Optional<CvResult> cv, int rows) {
    return dev.tikhonov.internal.select.PathFiles.json(path, cv, OptionalInt.of(rows));
  }

  /** path.json against the PathFiles JSON of the expected fit: λ, intercepts, coefficients. */
  static void assertSameJson(Map<String, Object> expected, Path file) throws IOException {
    JsonNode want = Json.MAPPER.valueToTree(expected);
    JsonNode got = Json.MAPPER.readTree(file.toFile());
    List<String> keys = new ArrayList<>();
    want.fieldNames().forEachRemaining(keys::add);
    List<String> gotKeys = new ArrayList<>();
    got.fieldNames().forEachRemaining(gotKeys::add);
    assertEquals(keys, gotKeys, "the same fields in the same order");
    assertEquals(want.get("feature_names"), got.get("feature_names"));
    double[] lambdas = doubles(want.get("lambda"));
    org.junit.jupiter.api.Assertions.assertArrayEquals(lambdas, doubles(got.get("lambda")),
        1e-12 * lambdas[0]);
    org.junit.jupiter.api.Assertions.assertArrayEquals(doubles(want.get("intercept")),
        doubles(got.get("intercept")), 1e-8);
    for (int l = 0; l < lambdas.length; l++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(doubles(want.get("coef").get(l)),
          doubles(got.get("coef").get(l)), 1e-8, "coefficients at λ #" + l);
    }
    assertEquals(want.get("df"), got.get("df"));
    assertEquals(want.get("rows"), got.get("rows"));
    if (want.has("cv")) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(doubles(want.get("cv").get("mean")),
          doubles(got.get("cv").get("mean")), 1e-10);
      assertEquals(want.get("cv").get("lambda_min").asDouble(),
          got.get("cv").get("lambda_min").asDouble(), 1e-12);
      assertEquals(want.get("cv").get("lambda_1se").asDouble(),
          got.get("cv").get("lambda_1se").asDouble(), 1e-12);
      assertEquals(want.get("cv").get("lambda_min_warning"),
          got.get("cv").get("lambda_min_warning"));
    }
  }

  /**
   * {@code file} is the path.json of the core's cross-validation of the CSV of
   * {@link #writeCsv} at α = 0.5 with its 5 folds ({@code ./tikhonov path}'s file).
   */
  static void assertIsTheCoresCrossValidatedPath(Path file) throws IOException {
    CrossValidation.Fit expected = CrossValidation.gaussian(FoldStatistics.of(x, y,
        KFold.of(folds)), PathSettings.of(0.5), NAMES, CrossValidation.Alignment.INTERPOLATE, 1);
    assertSameJson(cliJson(expected.path(), Optional.of(expected.cv()), N), file);
  }

  /**
   * {@code model} is the tikhonov model file of the λ that {@code rule} (min or 1se) selects in
   * {@code pathJson}, the path.json of a PathJob run on the CSV of {@link #writeCsv}: the same
   * λ, intercept and coefficients bit for bit, the features by name, and the provenance of
   * SparkElasticNetCV on the 300 rows with the rule.
   */
  static void assertIsTheSavedSelection(Path model, Path pathJson, String rule)
      throws IOException {
    LinearModel saved = (LinearModel) Predictor.load(model);
    JsonNode json = Json.MAPPER.readTree(pathJson.toFile());
    double lambda = json.get("cv").get("lambda_" + rule).asDouble();
    int index = Arrays.binarySearch(Arrays.stream(doubles(json.get("lambda")))
        .map(l -> -l).toArray(), -lambda);
    assertTrue(index >= 0, "λ_" + rule + " " + lambda + " is on the path");
    assertEquals(lambda, saved.lambda());
    assertEquals(0.5, saved.l1Ratio());
    assertEquals(json.get("intercept").get(index).asDouble(), saved.intercept());
    org.junit.jupiter.api.Assertions.assertArrayEquals(doubles(json.get("coef").get(index)),
        saved.coefficients());
    assertEquals(NAMES, saved.featureNames());
    assertEquals("SparkElasticNetCV", saved.provenance().estimator());
    assertEquals(java.util.OptionalInt.of(N), saved.provenance().trainingRows());
    assertEquals(rule, saved.provenance().settings().get("rule"));
    assertEquals(lambda, saved.provenance().settings().get("lambda"));
    assertEquals("fold", saved.provenance().settings().get("fold_column"));
    // The file predicts the rows as the selected model of the path does.
    double[] predicted = saved.predict(x);
    for (int i = 0; i < N; i++) {
      double expected = saved.intercept();
      for (int j = 0; j < P; j++) {
        expected += x[i][j] * saved.coefficients()[j];
      }
      assertEquals(expected, predicted[i], 0.0, "row " + i);
    }
  }

  @Test
  void csvWithFoldColumn_writesThePathJsonOfTheCrossValidatedPath_andSavesTheSelectedModel(
      @TempDir Path dir) throws IOException {
    Path csv = writeCsv(dir, null);
    Path out = dir.resolve("out");
    Path model = dir.resolve("models").resolve("enet.safetensors");
    var r = run("--data", csv.toString(), "--target", "y", "--fold-column", "fold",
        "--cv-folds", "5", "--l1-ratio", "0.5", "--out", out.toString(),
        "--save", model.toString(), "--save-lambda", "1se");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("<- lambda_min"), r.out());
    assertIsTheCoresCrossValidatedPath(out.resolve("path.json"));
    assertTrue(Files.exists(out.resolve("path.csv")));
    assertIsTheSavedSelection(model, out.resolve("path.json"), "1se");
    assertTrue(r.out().contains("(1se) to " + model), r.out());
    // its minimum is inside the sequence: no λ_min warning
    assertTrue(Json.MAPPER.readTree(out.resolve("path.json").toFile()).get("cv")
        .get("lambda_min_warning").isNull());
    assertFalse(r.err().contains("smallest lambda"), r.err());
  }

  /**
   * {@code file} against {@code expected}, both out-of-fold.csv: the same header, the same row,
   * fold and y cells, and every η within {@code tolerance}·max(1, |η|).
   */
  static void assertSameOutOfFoldCsv(Path expected, Path file, double tolerance)
      throws IOException {
    List<String> want = Files.readAllLines(expected);
    List<String> got = Files.readAllLines(file);
    assertEquals(want.get(0), got.get(0), "header");
    assertEquals(want.size(), got.size(), "rows");
    double worst = 0;
    for (int i = 1; i < want.size(); i++) {
      String[] a = want.get(i).split(",");
      String[] b = got.get(i).split(",");
      assertEquals(a.length, b.length, "cells of line " + (i + 1));
      assertEquals(List.of(a).subList(0, 3), List.of(b).subList(0, 3), "row, fold, y of line "
          + (i + 1));
      for (int c = 3; c < a.length; c++) {
        double e = Double.parseDouble(a[c]);
        worst = Math.max(worst, Math.abs(Double.parseDouble(b[c]) - e) / Math.max(1,
            Math.abs(e)));
      }
    }
    assertTrue(worst <= tolerance, "out-of-fold η " + worst + " from the core's");
  }

  /**
   * --out-of-fold writes the out-of-fold.csv of ./tikhonov path --out-of-fold: the core's
   * PathFiles.writeOutOfFoldCsv of the single-machine cross-validation on the same rows and
   * folds (η to 1e-8); says so; a later run into the same --out without the flag removes it
   * (a report would draw it as that run's) and says so.
   */
  @Test
  void outOfFold_writesTheCoresOutOfFoldCsv_andARunWithoutItRemovesIt(@TempDir Path dir)
      throws IOException {
    Path csv = writeCsv(dir, null);
    Path out = dir.resolve("out");
    var r = run("--data", csv.toString(), "--target", "y", "--fold-column", "fold",
        "--cv-folds", "5", "--l1-ratio", "0.5", "--out-of-fold", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("path.csv and out-of-fold.csv"), r.out());
    assertIsTheCoresCrossValidatedPath(out.resolve("path.json"));
    CrossValidation.Fit core = CrossValidation.path(Family.GAUSSIAN, x, y,
        dev.tikhonov.linear.Observations.none(), PathSettings.of(0.5), NAMES, List.of(),
        KFold.of(folds), CrossValidation.Alignment.INTERPOLATE,
        dev.tikhonov.select.CvMeasure.DEVIANCE, CrossValidation.Keep.OUT_OF_FOLD_PREDICTIONS, 1);
    Path expected = dir.resolve("expected.csv");
    dev.tikhonov.internal.select.PathFiles.writeOutOfFoldCsv(expected,
        core.outOfFold().orElseThrow(), y, List.of());
    assertSameOutOfFoldCsv(expected, out.resolve("out-of-fold.csv"), 1e-8);

    var again = run("--data", csv.toString(), "--target", "y", "--fold-column", "fold",
        "--cv-folds", "5", "--out", out.toString());
    assertEquals(0, again.code(), again.err());
    assertFalse(Files.exists(out.resolve("out-of-fold.csv")));
    assertTrue(again.out().contains("removed " + out.resolve("out-of-fold.csv")), again.out());
  }

  /**
   * A report drawn of an earlier run in --out (`tikhonov report DIR`: report.html, charts/ and
   * run.json.partial; a CLI path run's run.json) is removed by a new run, as ./tikhonov path
   * replaces it: left beside the new path.json it showed the earlier path as this one's. A file
   * of the user's in charts/ stays, and the folder with it.
   */
  @Test
  void anEarlierReportInOut_isRemoved_andSaid(@TempDir Path dir) throws IOException {
    Path csv = writeCsv(dir, null);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path charts = Files.createDirectories(out.resolve("charts"));
    for (String name : List.of("report.html", "run.json", "run.json.partial",
        "charts/coefficient-path.svg", "charts/coefficient-path.png", "charts/notes.txt")) {
      Files.writeString(out.resolve(name), "an earlier run's");
    }
    var r = run("--data", csv.toString(), "--target", "y", "--lambdas", "0.5,0.1", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    for (String name : List.of("report.html", "run.json", "run.json.partial",
        "charts/coefficient-path.svg", "charts/coefficient-path.png")) {
      assertFalse(Files.exists(out.resolve(name)), name);
    }
    assertTrue(Files.exists(charts.resolve("notes.txt")));
    assertTrue(r.out().contains("removed report.html, run.json, run.json.partial, charts/ from "
        + out + ", an earlier run's report (`tikhonov report " + out + "` draws this path's)"),
        r.out());
    Files.delete(charts.resolve("notes.txt"));
    Files.writeString(out.resolve("charts/coefficient-path.svg"), "drawn again");
    var again = run("--data", csv.toString(), "--target", "y", "--lambdas", "0.5,0.1", "--out",
        out.toString());
    assertEquals(0, again.code(), again.err());
    assertFalse(Files.exists(charts), "an emptied charts/ goes too");
  }

  /**
   * Multinomial: one column per λ and class, s<l>_<class> class by class, y the class, as the
   * core writes them (η to 1e-6 at tolerance 1e-10, SparkMaxFeaturesTest's).
   */
  @Test
  void outOfFold_multinomial_hasTheCoresColumnsPerClass(@TempDir Path dir) throws IOException {
    double[][] rows = SparkBinomialFitTest.refCsv("multi.csv");
    int n = 300;
    int p = 10;
    double[][] mx = new double[n][];
    double[] my = new double[n];
    int[] mf = new int[n];
    StringBuilder s = new StringBuilder();
    for (int j = 0; j < p; j++) {
      s.append("x").append(j + 1).append(",");
    }
    s.append("y,fold\n");
    for (int i = 0; i < n; i++) {
      mx[i] = Arrays.copyOf(rows[i], p);
      my[i] = rows[i][p];
      mf[i] = i % 4 + 1;
      for (int j = 0; j < p; j++) {
        s.append(mx[i][j]).append(",");
      }
      s.append((int) my[i]).append(",").append(mf[i]).append("\n");
    }
    Path csv = dir.resolve("multi.csv");
    Files.writeString(csv, s.toString());
    Path out = dir.resolve("out");
    var r = run("--data", csv.toString(), "--target", "y", "--family", "multinomial",
        "--fold-column", "fold", "--cv-folds", "4", "--nlambda", "8", "--tol", "1e-10",
        "--out-of-fold", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> names = java.util.stream.IntStream.rangeClosed(1, p).mapToObj(j -> "x" + j)
        .toList();
    CrossValidation.Fit core = CrossValidation.path(Family.MULTINOMIAL, mx, my,
        dev.tikhonov.linear.Observations.none(), PathSettings.builder().numLambdas(8)
            .tolerance(1e-10).build(), names, List.of("0", "1", "2"), KFold.of(mf),
        CrossValidation.Alignment.INTERPOLATE, dev.tikhonov.select.CvMeasure.DEVIANCE,
        CrossValidation.Keep.OUT_OF_FOLD_PREDICTIONS, 1);
    Path expected = dir.resolve("expected.csv");
    dev.tikhonov.internal.select.PathFiles.writeOutOfFoldCsv(expected,
        core.outOfFold().orElseThrow(), my, List.of("0", "1", "2"));
    assertTrue(Files.readAllLines(expected).get(0).startsWith("row,fold,y,s0_0,s1_0,"),
        "class by class");
    assertSameOutOfFoldCsv(expected, out.resolve("out-of-fold.csv"), 1e-6);
  }

  /**
   * --out-of-fold needs cross-validation, and its file must not replace the data: both refused
   * before the data are read (a missing file, or the data untouched).
   */
  @Test
  void outOfFold_withoutCvOrOverTheData_exitsWithCode2_beforeTheData(@TempDir Path dir)
      throws IOException {
    String missing = dir.resolve("no-such.csv").toString();
    var noCv = run("--data", missing, "--target", "y", "--out-of-fold");
    assertEquals(2, noCv.code(), noCv.err());
    assertEquals("tikhonov-spark: --out-of-fold applies only with cross-validation (--cv-folds"
        + " or --fold-column); it has no effect without cross-validation, which holds no rows"
        + " out", noCv.err().strip());
    Path data = writeCsv(dir, null);
    Path named = Files.move(data, dir.resolve("out-of-fold.csv"));
    String before = Files.readString(named);
    var over = run("--data", named.toString(), "--target", "y", "--cv-folds", "5",
        "--out-of-fold", "--out", dir.toString());
    assertEquals(2, over.code(), over.err());
    assertTrue(over.err().contains("its out-of-fold.csv would replace the --data file"),
        over.err());
    assertEquals(before, Files.readString(named));
  }

  /**
   * --max-features N (glmnet's dfmax): the path.json of the core's cross-validation with
   * maxFeatures N, ending with feature_limit after the first λ (from the fifth on) with more than
   * N features, and the model --save keeps read back as the selection of that path.
   */
  @Test
  void maxFeatures_endsThePathAsTheCoresCrossValidation_andSavesTheSelection(@TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("out");
    Path model = dir.resolve("enet.safetensors");
    var r = run("--data", writeCsv(dir, null).toString(), "--target", "y", "--fold-column",
        "fold", "--cv-folds", "5", "--l1-ratio", "0.5", "--max-features", "2", "--out",
        out.toString(), "--save", model.toString());
    assertEquals(0, r.code(), r.err());
    CrossValidation.Fit expected = CrossValidation.gaussian(FoldStatistics.of(x, y,
        KFold.of(folds)), PathSettings.of(0.5).withMaxFeatures(2), NAMES,
        CrossValidation.Alignment.INTERPOLATE, 1);
    assertEquals(PathSolution.Ending.FEATURE_LIMIT, expected.path().end().reason());
    assertSameJson(cliJson(expected.path(), Optional.of(expected.cv()), N),
        out.resolve("path.json"));
    JsonNode json = Json.MAPPER.readTree(out.resolve("path.json").toFile());
    assertEquals("feature_limit", json.get("end").asText());
    double[] df = doubles(json.get("df"));
    assertTrue(df[df.length - 1] > 2, Arrays.toString(df));
    assertTrue(df.length < CrossValidation.gaussian(FoldStatistics.of(x, y, KFold.of(folds)),
        PathSettings.of(0.5), NAMES, CrossValidation.Alignment.INTERPOLATE, 1).path().size(),
        "the limit shortened the path");
    assertIsTheSavedSelection(model, out.resolve("path.json"), "min");
    assertEquals(2, ((Number) ((LinearModel) Predictor.load(model)).provenance().settings()
        .get("max_features")).intValue(), "the provenance's max_features");
  }

  /**
   * --max-ever-active N (glmnet's pmax): the path.json of the core's cross-validation with
   * maxEverActive N, ending with ever_active_limit before the λ that brought more than N
   * features into the active set, with max_ever_active in the saved model's provenance; a
   * sequence of one's own is cut too.
   */
  @Test
  void maxEverActive_endsThePathAsTheCoresCrossValidation_evenWithLambdas(@TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("out");
    Path model = dir.resolve("enet.safetensors");
    var r = run("--data", writeCsv(dir, null).toString(), "--target", "y", "--fold-column",
        "fold", "--cv-folds", "5", "--max-ever-active", "2", "--out", out.toString(), "--save",
        model.toString());
    assertEquals(0, r.code(), r.err());
    CrossValidation.Fit expected = CrossValidation.gaussian(FoldStatistics.of(x, y,
        KFold.of(folds)), PathSettings.lasso().withMaxEverActive(2), NAMES,
        CrossValidation.Alignment.INTERPOLATE, 1);
    assertEquals(PathSolution.Ending.EVER_ACTIVE_LIMIT, expected.path().end().reason());
    assertSameJson(cliJson(expected.path(), Optional.of(expected.cv()), N),
        out.resolve("path.json"));
    JsonNode json = Json.MAPPER.readTree(out.resolve("path.json").toFile());
    assertEquals("ever_active_limit", json.get("end").asText());
    assertTrue(json.get("lambda").size() < CrossValidation.gaussian(FoldStatistics.of(x, y,
        KFold.of(folds)), PathSettings.lasso(), NAMES, CrossValidation.Alignment.INTERPOLATE, 1)
        .path().size(), "the limit shortened the path");
    assertEquals(2, ((Number) ((LinearModel) Predictor.load(model)).provenance().settings()
        .get("max_ever_active")).intValue(), "the provenance's max_ever_active");

    double[] lambdas = expected.path().lambdas();
    String own = Arrays.stream(Arrays.copyOf(doubles(json.get("lambda")), lambdas.length))
        .mapToObj(Double::toString).collect(java.util.stream.Collectors.joining(","));
    Path ownOut = dir.resolve("own");
    var cut = run("--data", writeCsv(dir, null).toString(), "--target", "y", "--lambdas",
        own + ",1e-6", "--max-ever-active", "2", "--out", ownOut.toString());
    assertEquals(0, cut.code(), cut.err());
    JsonNode ownJson = Json.MAPPER.readTree(ownOut.resolve("path.json").toFile());
    assertEquals("ever_active_limit", ownJson.get("end").asText());
    assertTrue(ownJson.get("lambda").size() <= lambdas.length, ownJson.toString());
  }

  /**
   * --max-ever-active refuses a negative count before the data are read and suggests itself
   * for glmnet's --pmax; a first λ already over the limit (a ridge path: every feature enters
   * there) is refused in the job's flag, with exit code 2.
   */
  @Test
  void maxEverActive_negativeSpeltPmaxOrOverAtTheFirstLambda_exitsWithCode2(@TempDir Path dir)
      throws IOException {
    String missing = dir.resolve("no-such.csv").toString();
    var negative = run("--data", missing, "--target", "y", "--max-ever-active", "-1");
    assertEquals(2, negative.code(), negative.err());
    assertEquals("tikhonov-spark: --max-ever-active must be a whole number ≥ 0, got '-1'",
        negative.err().strip());
    var glmnet = run("--data", missing, "--target", "y", "--pmax", "3");
    assertEquals(2, glmnet.code(), glmnet.err());
    assertEquals("tikhonov-spark: unknown flag --pmax; did you mean --max-ever-active (glmnet's"
        + " pmax)?", glmnet.err().strip());
    var ridge = run("--data", writeCsv(dir, null).toString(), "--target", "y", "--l1-ratio",
        "0", "--max-ever-active", "3", "--out", dir.resolve("out").toString());
    assertEquals(2, ridge.code(), ridge.err());
    assertTrue(ridge.err().startsWith("tikhonov-spark: --max-ever-active: the fit at the first"
        + " λ ("), ridge.err());
    // a..f and the file's fold column, a feature without --fold-column: all 7 at λ #1
    assertTrue(ridge.err().contains(") already has 7 features active, more than the limit of"
        + " 3,"), ridge.err());
    assertTrue(ridge.err().strip().endsWith("every feature enters at a ridge path's first λ:"
        + " raise the limit to the number of features"), ridge.err());
  }

  /**
   * An unknown flag spelt as glmnet, cv.glmnet, MLlib or another case spells one of the job's
   * is answered with the job's flag (a table of the job's own, FlagSuggestions); one explained
   * by nothing points to --help; all before the data are read (the file does not exist), and
   * an unknown flag last on the line is unknown, not short of a value.
   */
  @Test
  void unknownFlag_spelledAsGlmnetOrMllib_suggestsTheJobsFlag_beforeTheData(@TempDir Path dir) {
    String missing = dir.resolve("no-such.csv").toString();
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("--nfolds", "--cv-folds (cv.glmnet's nfolds)");
    expected.put("--foldid", "--fold-column (cv.glmnet's foldid, here a column of the data)");
    expected.put("--thresh", "--tol (glmnet's thresh is where its sweeps stop; --tol"
        + " certifies each λ)");
    expected.put("--type.measure", "--cv-measure (cv.glmnet's type.measure)");
    expected.put("--lambda", "--lambdas");
    expected.put("--regParam", "--lambdas (MLlib's regParam is λ)");
    expected.put("--elasticNetParam", "--l1-ratio (MLlib's elasticNetParam is α)");
    expected.put("--lambda.min.ratio", "--lambda-min-ratio");
    expected.put("--NLambda", "--nlambda");
    expected.put("--l1_ratio", "--l1-ratio");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      var r = run("--data", missing, "--target", "y", e.getKey(), "5");
      assertEquals(2, r.code(), e.getKey() + ": " + r.err());
      assertEquals("tikhonov-spark: unknown flag " + e.getKey() + "; did you mean "
          + e.getValue() + "?", r.err().strip());
    }
    var attached = run("--data", missing, "--target", "y", "--cv-folds=5");
    assertEquals(2, attached.code(), attached.err());
    assertEquals("tikhonov-spark: unknown flag --cv-folds=5; give the value as the next"
        + " argument: --cv-folds 5", attached.err().strip());
    var last = run("--data", missing, "--target", "y", "--keep");
    assertEquals(2, last.code(), last.err());
    assertTrue(last.err().startsWith("tikhonov-spark: unknown flag --keep"), last.err());
    var nothing = run("--data", missing, "--target", "y", "--verbose", "1");
    assertEquals(2, nothing.code(), nothing.err());
    assertEquals("tikhonov-spark: unknown flag --verbose (see --help or docs/spark.md)",
        nothing.err().strip());
  }

  /**
   * spark46 (userwalk45): ./tikhonov path's --ignore-columns, given to the job, got "unknown
   * flag --ignore-columns (see --help or docs/spark.md)", and a typo of one of the job's flags
   * (--featurs) the same; now the first names --features, the job's way to leave columns out,
   * and a typo gets the flags closest in spelling, as the CLI's (CloseNames). Failed before:
   * both ended in "(see --help or docs/spark.md)".
   */
  @Test
  void unknownFlag_theClisIgnoreColumnsOrATypo_suggestsTheJobsFlag(@TempDir Path dir) {
    String missing = dir.resolve("no-such.csv").toString();
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("--ignore-columns", "--features (the job has no --ignore-columns: --features"
        + " lists the columns to fit on, every other one is left out)");
    expected.put("--exclude", "--features (the job has no --ignore-columns: --features lists"
        + " the columns to fit on, every other one is left out)");
    expected.put("--featurs", "--features");
    expected.put("--cv-fold", "--cv-folds");
    expected.put("--lambda-min-ration", "--lambda-min-ratio");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      var r = run("--data", missing, "--target", "y", e.getKey(), "id");
      assertEquals(2, r.code(), e.getKey() + ": " + r.err());
      assertEquals("tikhonov-spark: unknown flag " + e.getKey() + "; did you mean "
          + e.getValue() + "?", r.err().strip());
    }
  }

  /**
   * --nlambda and --lambda-min-ratio set the default sequence: beside --lambdas they had no
   * effect, without a word; refused as ./tikhonov path refuses them, naming both flags, before
   * the data are read.
   */
  @Test
  void defaultSequenceFlags_withLambdas_exitWithCode2_namingBoth_beforeTheData(
      @TempDir Path dir) {
    String missing = dir.resolve("no-such.csv").toString();
    for (String[] flag : new String[][] {{"--nlambda", "20"}, {"--lambda-min-ratio", "0.01"}}) {
      var r = run("--data", missing, "--target", "y", flag[0], flag[1], "--lambdas",
          "0.1,0.01");
      assertEquals(2, r.code(), r.err());
      assertEquals("tikhonov-spark: " + flag[0] + " applies only to the default λ sequence; it"
          + " has no effect with --lambdas, which gives the sequence", r.err().strip());
      var alone = run("--data", missing, "--target", "y", flag[0], flag[1]);
      assertEquals(2, alone.code(), alone.err());
      assertTrue(alone.err().contains("no-such.csv"), "alone it is fine; the data are next: "
          + alone.err());
    }
  }

  /**
   * --max-features refuses a negative count and --lambdas (a sequence of one's own is fitted
   * whole), as ./tikhonov path does, and suggests itself for glmnet's --dfmax; all before the
   * data are read (the file does not exist).
   */
  @Test
  void maxFeatures_negativeWithLambdasOrSpeltDfmax_exitsWithCode2_beforeTheData(
      @TempDir Path dir) {
    String missing = dir.resolve("no-such.csv").toString();
    var negative = run("--data", missing, "--target", "y", "--max-features", "-1");
    assertEquals(2, negative.code(), negative.err());
    assertEquals("tikhonov-spark: --max-features must be a whole number ≥ 0, got '-1'",
        negative.err().strip());
    var given = run("--data", missing, "--target", "y", "--lambdas", "0.1,0.01",
        "--max-features", "3");
    assertEquals(2, given.code(), given.err());
    assertEquals("tikhonov-spark: --max-features applies only to the default λ sequence; it has"
        + " no effect with --lambdas, which gives the sequence", given.err().strip());
    var glmnet = run("--data", missing, "--target", "y", "--dfmax", "3");
    assertEquals(2, glmnet.code(), glmnet.err());
    assertEquals("tikhonov-spark: unknown flag --dfmax; did you mean --max-features (glmnet's"
        + " dfmax)?", glmnet.err().strip());
    var zero = run("--data", missing, "--target", "y", "--max-features", "0");
    assertEquals(2, zero.code(), zero.err());
    assertTrue(zero.err().contains("no-such.csv"), "0 is a limit; the data are next: "
        + zero.err());
  }

  /**
   * A sequence of three λ near λ_max ends while the held-out loss is still falling: the job
   * warns on stderr as ./tikhonov path does, and path.json's cv.lambda_min_warning is the
   * core's (PathFiles) for the same cross-validation.
   */
  @Test
  void lambdaMinAtTheSequencesEnd_isAWarning(@TempDir Path dir) throws IOException {
    double lambdaMax = ElasticNetPath.fit(Family.GAUSSIAN, x, y, PathSettings.of(0.5), NAMES,
        List.of()).lambdas()[0];
    double[] lambdas = {0.9 * lambdaMax, 0.8 * lambdaMax, 0.7 * lambdaMax};
    Path out = dir.resolve("out");
    var r = run("--data", writeCsv(dir, null).toString(), "--target", "y", "--features",
        "a,b,c,d,e,f", "--fold-column", "fold", "--cv-folds", "5", "--l1-ratio", "0.5",
        "--lambdas", lambdas[0] + "," + lambdas[1] + "," + lambdas[2], "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode cv = Json.MAPPER.readTree(out.resolve("path.json").toFile()).get("cv");
    assertEquals(lambdas[2], cv.get("lambda_min").asDouble(), 1e-12 * lambdaMax);
    String warning = cv.get("lambda_min_warning").asText();
    assertTrue(warning.startsWith("lambda_min is the sequence's smallest lambda, "), warning);
    assertTrue(r.err().contains("tikhonov-spark: warning: " + warning), r.err());
    CrossValidation.Fit expected = CrossValidation.gaussian(FoldStatistics.of(x, y,
        KFold.of(folds)), PathSettings.of(0.5).withLambdas(lambdas), NAMES,
        CrossValidation.Alignment.INTERPOLATE, 1);
    assertSameJson(cliJson(expected.path(), Optional.of(expected.cv()), N),
        out.resolve("path.json"));
  }

  @Test
  void parquetWithoutCv_writesTheSingleMachinePath(@TempDir Path dir) throws IOException {
    StructType schema = new StructType();
    for (String name : NAMES) {
      schema = schema.add(name, DataTypes.DoubleType);
    }
    schema = schema.add("y", DataTypes.DoubleType).add("label_text", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      Object[] values = new Object[P + 2];
      for (int j = 0; j < P; j++) {
        values[j] = x[i][j];
      }
      values[P] = y[i];
      values[P + 1] = "row " + i;
      rows.add(RowFactory.create(values));
    }
    String parquet = dir.resolve("train.parquet").toString();
    spark.createDataFrame(rows, schema).repartition(3).write().parquet(parquet);
    Path out = dir.resolve("out");
    var r = run("--data", parquet, "--target", "y", "--features", "a,b,c,d,e,f",
        "--no-standardize", "--nlambda", "30", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    PathSolution expected = ElasticNetPath.fit(Family.GAUSSIAN, x, y,
        PathSettings.lasso().withStandardize(false).withNumLambdas(30), NAMES, List.of());
    assertSameJson(cliJson(expected, Optional.empty(), N), out.resolve("path.json"));
    assertFalse(Json.MAPPER.readTree(out.resolve("path.json").toFile()).has("cv"));
  }

  /**
   * Without cross-validation the job assigns no folds: on 30 rows and on 3 (the first rows of
   * gauss.csv.gz, feature a) it wrote the path; it refused them with "fold 4 of 1..10 has no
   * rows" (30 rows) or fold 1 (3 rows), exit 2, folds the user never asked for. The path is
   * the single-machine one; with --cv-folds 10 the empty fold is still refused.
   */
  @Test
  void smallDataWithoutCv_needsNoFolds_andIsTheSingleMachinePath(@TempDir Path dir)
      throws IOException {
    for (int n : new int[] {30, 3}) {
      double[][] xs = new double[n][];
      double[] ys = Arrays.copyOf(y, n);
      StringBuilder s = new StringBuilder("a,y\n");
      for (int i = 0; i < n; i++) {
        xs[i] = new double[] {x[i][0]};
        s.append(x[i][0]).append(",").append(y[i]).append("\n");
      }
      Path csv = Files.writeString(dir.resolve("small" + n + ".csv"), s.toString());
      Path out = dir.resolve("out" + n);
      var r = run("--data", csv.toString(), "--target", "y", "--features", "a", "--out",
          out.toString());
      assertEquals(0, r.code(), n + " rows: " + r.err());
      PathSolution expected = ElasticNetPath.fit(Family.GAUSSIAN, xs, ys, PathSettings.lasso(),
          List.of("a"), List.of());
      assertSameJson(cliJson(expected, Optional.empty(), n),
          out.resolve("path.json"));
      var cv = run("--data", csv.toString(), "--target", "y", "--features", "a", "--cv-folds",
          "10", "--out", dir.resolve("cv" + n).toString());
      assertEquals(2, cv.code(), cv.err());
      assertTrue(cv.err().contains("has no rows: use fewer folds (--cv-folds, default 10)"),
          cv.err());
    }
  }

  /**
   * The IRLS families without cross-validation on 12 rows (feature a; binomial: y above its
   * median, poisson: |y| rounded, multinomial: y's tertiles) need no folds either: each wrote
   * the single-machine path where an empty hashed fold refused the data.
   */
  @Test
  void smallDataWithoutCv_irlsFamilies_needNoFolds(@TempDir Path dir) throws IOException {
    int n = 12;
    double[][] xs = new double[n][];
    double[] sorted = Arrays.stream(y, 0, n).sorted().toArray();
    for (int i = 0; i < n; i++) {
      xs[i] = new double[] {x[i][0]};
    }
    for (String family : List.of("binomial", "poisson", "multinomial")) {
      double[] labels = new double[n];
      StringBuilder s = new StringBuilder("a,label\n");
      for (int i = 0; i < n; i++) {
        labels[i] = switch (family) {
          case "binomial" -> y[i] > sorted[n / 2] ? 1 : 0;
          case "poisson" -> Math.rint(Math.abs(y[i]));
          default -> y[i] > sorted[2 * n / 3] ? 2 : y[i] > sorted[n / 3] ? 1 : 0;
        };
        s.append(x[i][0]).append(",").append(labels[i]).append("\n");
      }
      Path csv = Files.writeString(dir.resolve(family + ".csv"), s.toString());
      Path out = dir.resolve(family);
      var r = run("--data", csv.toString(), "--target", "label", "--family", family,
          "--features", "a", "--nlambda", "10", "--tol", "1e-12", "--out", out.toString());
      assertEquals(0, r.code(), family + ": " + r.err());
      PathSolution expected = ElasticNetPath.fit(Family.valueOf(family.toUpperCase(
          java.util.Locale.ROOT)), xs, labels, PathSettings.lasso().withNumLambdas(10)
          .withTolerance(1e-12), List.of("a"), List.of());
      if (family.equals("multinomial")) {
        assertArrayEquals(expected.lambdas(), doubles(Json.MAPPER.readTree(
            out.resolve("path.json").toFile()).get("lambda")), 1e-12 * expected.lambdas()[0]);
      } else {
        assertSameJson(cliJson(expected, Optional.empty(), n),
            out.resolve("path.json"));
      }
    }
  }

  /**
   * Without cross-validation --save keeps the path's last λ, or the λ --save-lambda names, as
   * ./tikhonov path --save does: a λ of the path bit for bit, one between two λ interpolated
   * linearly in λ (glmnet's predict(s =)), one below the path its smallest λ's fit with a
   * warning; Predictor.load reads each file.
   */
  @Test
  void csvWithoutCv_savesTheLastOrTheNamedLambda_asTheCoreCliDoes(@TempDir Path dir)
      throws IOException {
    Path csv = writeCsv(dir, null);
    Path out = dir.resolve("out");
    Path last = dir.resolve("last.safetensors");
    var r = run("--data", csv.toString(), "--target", "y", "--features", "a,b,c,d,e,f",
        "--l1-ratio", "0.5", "--nlambda", "30", "--out", out.toString(), "--save",
        last.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode json = Json.MAPPER.readTree(out.resolve("path.json").toFile());
    double[] lambdas = doubles(json.get("lambda"));
    int end = lambdas.length - 1;
    assertIsTheFitAt(Predictor.load(last), json, end, "last");
    assertTrue(r.out().contains("(last) to " + last), r.out());

    Path tenth = dir.resolve("tenth.safetensors");
    r = run("--data", csv.toString(), "--target", "y", "--features", "a,b,c,d,e,f",
        "--l1-ratio", "0.5", "--nlambda", "30", "--out", out.toString(), "--save",
        tenth.toString(), "--save-lambda", Double.toString(lambdas[10]));
    assertEquals(0, r.code(), r.err());
    assertIsTheFitAt(Predictor.load(tenth), json, 10, Double.toString(lambdas[10]));

    double between = 0.5 * (lambdas[10] + lambdas[11]);
    Path inside = dir.resolve("between.safetensors");
    r = run("--data", csv.toString(), "--target", "y", "--features", "a,b,c,d,e,f",
        "--l1-ratio", "0.5", "--nlambda", "30", "--out", out.toString(), "--save",
        inside.toString(), "--save-lambda", Double.toString(between));
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    LinearModel interpolated = (LinearModel) Predictor.load(inside);
    assertEquals(between, interpolated.lambda());
    double t = (lambdas[10] - between) / (lambdas[10] - lambdas[11]);
    for (int j = 0; j < P; j++) {
      double b10 = json.get("coef").get(10).get(j).asDouble();
      double b11 = json.get("coef").get(11).get(j).asDouble();
      assertEquals(b10 + t * (b11 - b10), interpolated.coefficients()[j], 1e-12,
          "coefficient " + j + " interpolated in λ");
    }

    Path below = dir.resolve("below.safetensors");
    r = run("--data", csv.toString(), "--target", "y", "--features", "a,b,c,d,e,f",
        "--l1-ratio", "0.5", "--nlambda", "30", "--out", out.toString(), "--save",
        below.toString(), "--save-lambda", "0");
    assertEquals(0, r.code(), r.err());
    assertIsTheFitAt(Predictor.load(below), json, end, "0");
    assertTrue(r.out().contains("the path's smallest λ, to " + below), r.out());
    assertTrue(r.err().startsWith("tikhonov-spark: warning: --save-lambda 0 is below the path's"
        + " smallest λ"), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line");
  }

  /** {@code model} is path.json's fit at λ index {@code l}, bit for bit, without CV settings. */
  private static void assertIsTheFitAt(Predictor model, JsonNode json, int l, String asked) {
    LinearModel saved = (LinearModel) model;
    assertEquals(json.get("lambda").get(l).asDouble(), saved.lambda(), asked);
    assertEquals(json.get("intercept").get(l).asDouble(), saved.intercept(), asked);
    org.junit.jupiter.api.Assertions.assertArrayEquals(doubles(json.get("coef").get(l)),
        saved.coefficients(), asked);
    assertEquals(NAMES, saved.featureNames());
    assertEquals("SparkElasticNetCV", saved.provenance().estimator());
    assertEquals(java.util.OptionalInt.of(N), saved.provenance().trainingRows());
    for (String cv : List.of("num_folds", "fold_column", "seed", "rule", "lambda_min")) {
      assertFalse(saved.provenance().settings().containsKey(cv), cv + " without CV");
    }
    assertTrue(saved.provenance().seed().isEmpty(), "no folds, no seed");
    assertTrue(saved.provenance().dataFingerprint().orElseThrow().startsWith("spark-rows-v1:"));
    assertEquals(saved.lambda(), saved.provenance().settings().get("lambda"));
  }

  /**
   * A binomial path without CV saves the core's classifier at its last λ; --family is read in
   * any case.
   */
  @Test
  void binomialWithoutCv_savesALinearClassifier(@TempDir Path dir) throws IOException {
    double median = Arrays.stream(y).sorted().toArray()[N / 2];
    StringBuilder s = new StringBuilder(String.join(",", NAMES)).append(",label\n");
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < P; j++) {
        s.append(x[i][j]).append(",");
      }
      s.append(y[i] > median ? 1 : 0).append("\n");
    }
    Path csv = Files.writeString(dir.resolve("classes.csv"), s.toString());
    Path out = dir.resolve("out");
    Path model = dir.resolve("logistic.safetensors");
    // any case, blanks around dropped, as ./tikhonov path --family (Binomial was refused)
    var r = run("--data", csv.toString(), "--target", "label", "--family", " Binomial",
        "--nlambda", "10", "--out", out.toString(), "--save", model.toString());
    assertEquals(0, r.code(), r.err());
    dev.tikhonov.estimate.LinearClassifier saved =
        (dev.tikhonov.estimate.LinearClassifier) Predictor.load(model);
    JsonNode json = Json.MAPPER.readTree(out.resolve("path.json").toFile());
    double[] lambdas = doubles(json.get("lambda"));
    assertEquals(lambdas[lambdas.length - 1], saved.lambda());
    assertEquals(List.of("0", "1"), saved.classNames());
    assertEquals(NAMES, saved.featureNames());
  }

  /**
   * DIR/classes.csv: the first 60 rows, {@code label} 1 where y is above its median, else 0,
   * {@code fold} cycling 1..3.
   */
  private static Path classesCsv(Path dir) throws IOException {
    double median = Arrays.stream(y).sorted().toArray()[N / 2];
    StringBuilder s = new StringBuilder(String.join(",", NAMES)).append(",label,fold\n");
    for (int i = 0; i < 60; i++) {
      for (int j = 0; j < P; j++) {
        s.append(x[i][j]).append(",");
      }
      s.append(y[i] > median ? 1 : 0).append(",").append(i % 3 + 1).append("\n");
    }
    return Files.writeString(dir.resolve("classes.csv"), s.toString());
  }

  /**
   * A binomial CV whose fold paths cannot reach the tolerance (1e-30, below what double
   * precision reaches) was scored without a word: the IRLS CV now carries the folds' warning
   * (path.json's cv.warning) and the job prints it once, naming --tol, as ./tikhonov path does.
   */
  @Test
  void binomialCv_whoseFoldsDoNotConverge_warnsOnceOnStderr_andInPathJson(@TempDir Path dir)
      throws IOException {
    Path csv = classesCsv(dir);
    Path out = dir.resolve("out");
    var r = run("--data", csv.toString(), "--target", "label", "--family", "binomial",
        "--fold-column", "fold", "--cv-folds", "3", "--lambdas", "0.05,0.01", "--tol", "1e-30",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode cv = Json.MAPPER.readTree(out.resolve("path.json").toFile()).get("cv");
    assertTrue(cv.get("warning").isTextual(), cv.toString());
    String warning = cv.get("warning").asText();
    assertTrue(warning.startsWith("cross-validation fold 1 of 3 (and 2 more) did not converge"),
        warning);
    List<String> lines = r.err().lines()
        .filter(l -> l.startsWith("tikhonov-spark: warning: cross-validation")).toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).endsWith("raise --tol"), lines.get(0));
    assertFalse(r.err().contains("raise tolerance"), r.err());
  }

  /**
   * path.json's "rows" is written as ./tikhonov path writes it (PathFiles): the report refused a
   * CLI run's out-of-fold.csv short of its last row, but a Spark run's, without "rows", drew the
   * ROC curves of one row fewer as the run's, exit 0. The file as written is drawn.
   */
  @Test
  void outOfFold_binomial_aFileShortOfItsLastRow_isRefusedByTheReport(@TempDir Path dir)
      throws IOException {
    Path csv = classesCsv(dir);
    Path out = dir.resolve("out");
    var r = run("--data", csv.toString(), "--target", "label", "--family", "binomial",
        "--fold-column", "fold", "--cv-folds", "3", "--nlambda", "5", "--out-of-fold", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(60, Json.MAPPER.readTree(out.resolve("path.json").toFile()).get("rows")
        .asInt());
    dev.tikhonov.report.HtmlReport.write(out);
    assertTrue(Files.exists(out.resolve("charts").resolve("out-of-fold-roc.svg")));
    Path file = out.resolve("out-of-fold.csv");
    List<String> lines = Files.readAllLines(file);
    assertEquals(61, lines.size());
    Files.write(file, lines.subList(0, 60));
    var e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.tikhonov.data.InputException.class, () -> dev.tikhonov.report.HtmlReport.write(out));
    assertEquals(file + ":60: 59 rows, expected 60 (path.json's \"rows\": one per data row)",
        e.getMessage());
  }

  /**
   * The job words a shortfall's remedy from its numbers: it sets only --tol, so a path out of
   * its budget says the budget (the core's default on Spark) is fixed, with the number the path
   * had; the core's setting names never appear, whatever the core's own sentence says.
   */
  @Test
  void remedy_isWordedFromTheShortfallsNumbers_inTheJobsFlags() {
    double[][] x = new double[40][3];
    double[] y = new double[40];
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = x[i][0] - 2 * x[i][1] + random.nextGaussian();
    }
    PathSolution budget = ElasticNetPath.fit(x, y, PathSettings.lasso().withTolerance(1e-13)
        .withMaxIterations(37), List.of("a", "b", "c"));
    String line = budget.shortfall().orElseThrow().message(PathJob.REMEDY);
    assertTrue(line.endsWith(" the path ends at λ #" + budget.size() + ", the last fit it"
        + " completed: raise --tol (the budget of 37 passes is fixed on Spark)"), line);
    PathSolution uncertified = ElasticNetPath.fit(x, y, PathSettings.lasso()
        .withTolerance(1e-300).withNumLambdas(5), List.of("a", "b", "c"));
    line = uncertified.shortfall().orElseThrow().message(PathJob.REMEDY);
    assertTrue(line.endsWith("stopped moving before the certificate reached it; raise --tol"),
        line);
    assertFalse(line.contains("tolerance;") || line.contains("maxIterations"), line);
  }

  @Test
  void help_printsEveryFlagAndFamily_andExitsZero_withoutData() {
    var help = run("--help");
    assertEquals(0, help.code(), help.err());
    assertEquals("", help.err());
    assertEquals(PathJob.USAGE + System.lineSeparator(), help.out());
    for (String flag : List.of("--data", "--target", "--features", "--weight", "--family",
        "--cv-folds", "--fold-column", "--cv-measure", "--seed", "--l1-ratio", "--lambdas", "--nlambda",
        "--lambda-min-ratio", "--max-features", "--max-ever-active", "--no-standardize", "--tol",
        "--out", "--save",
        "--save-lambda", "--help")) {
      assertTrue(help.out().contains("  " + flag + " "), flag);
    }
    for (String family : List.of("gaussian", "binomial", "multinomial", "poisson")) {
      assertTrue(help.out().contains(family), family);
    }
    var poisson = run("--data", "x.csv", "--target", "y", "--family", "gamma");
    assertEquals(2, poisson.code());
    assertEquals("tikhonov-spark: --family gamma: gaussian, binomial, multinomial and poisson"
        + " (any case) run on Spark", poisson.err().strip());
  }

  @Test
  void badInputAndFlags_exitWithCode2AndOneLine(@TempDir Path dir) throws IOException {
    Path csv = writeCsv(dir, "oops");
    String data = csv.toString();
    var unknown = run("--data", data, "--target", "y", "--alpha", "1");
    assertEquals(2, unknown.code());
    assertEquals("tikhonov-spark: unknown flag --alpha; did you mean --l1-ratio (glmnet's alpha"
        + " is α) or --lambdas (scikit-learn's alpha is λ)?", unknown.err().strip());
    var grouped = run("--data", data, "--target", "y", "--family", "multinomial",
        "--multinomial-penalty", "grouped");
    assertEquals(2, grouped.code());
    assertEquals("tikhonov-spark: --multinomial-penalty grouped: the Spark path fits glmnet's"
        + " ungrouped multinomial only; the grouped penalty is `tikhonov path"
        + " --multinomial-penalty grouped`, on one machine", grouped.err().strip());
    var noTarget = run("--data", data, "--target", "z", "--out", dir.resolve("o").toString());
    assertEquals(2, noTarget.code());
    assertTrue(noTarget.err().startsWith("tikhonov-spark: --data " + data
        + " has no column 'z' (columns: a, b, c, d, e, f, y, fold)"), noTarget.err());
    var text = run("--data", data, "--target", "y", "--cv-folds", "5", "--fold-column",
        "fold", "--out", dir.resolve("o").toString());
    assertEquals(2, text.code());
    assertEquals("tikhonov-spark: column 'c' of " + data + ", row 8 after the header line:"
        + " \"oops\" is not a number; choose numeric columns with --features (without it every"
        + " column but the target, weight and fold columns is a feature)", text.err().strip());
    var ratio = run("--data", data, "--target", "y", "--l1-ratio", "2");
    assertEquals("tikhonov-spark: --l1-ratio must be a number in [0, 1], got '2'",
        ratio.err().strip());
    assertEquals(1, text.err().strip().lines().count(), "one line");
  }

  /**
   * Columns named with dots, as R writes them (Sepal.Length): the same path as with plain
   * names, under the file's own names. VectorAssembler and functions.col read "a.1" as field
   * 1 of a struct a, and the job died with Spark's FIELD_NOT_FOUND and a stack trace.
   */
  @Test
  void columnsWithDots_fitAsAnyOther_andKeepTheirNames(@TempDir Path dir) throws IOException {
    Path plain = writeCsv(dir, null);
    Path dotted = dir.resolve("dotted.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(plain));
    lines.set(0, "a.1,b,c,d,e,f,y.v,fold.id");
    Files.write(dotted, lines);
    var expected = run("--data", plain.toString(), "--target", "y", "--fold-column", "fold",
        "--cv-folds", "5", "--out", dir.resolve("plain").toString());
    assertEquals(0, expected.code(), expected.err());
    var r = run("--data", dotted.toString(), "--target", "y.v", "--fold-column", "fold.id",
        "--cv-folds", "5", "--features", "a.1,b,c,d,e,f", "--out",
        dir.resolve("dotted").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode want = Json.MAPPER.readTree(dir.resolve("plain/path.json").toFile());
    JsonNode got = Json.MAPPER.readTree(dir.resolve("dotted/path.json").toFile());
    assertEquals("[\"a.1\",\"b\",\"c\",\"d\",\"e\",\"f\"]",
        got.get("feature_names").toString());
    assertEquals(want.get("coef"), got.get("coef"));
    assertEquals(want.get("cv"), got.get("cv"));
  }

  /**
   * A folder of CSV part files, as Spark's own {@code write().csv(dir)} leaves them, is read
   * with --format csv and fits the path of the same rows in one file; a name that says nothing
   * (no .csv) is read as CSV when --format says so, in any case (as the CLI's enumerated flags:
   * --format CSV was refused).
   */
  @Test
  void formatCsv_readsAFolderOfPartFiles_asTheOneFile(@TempDir Path dir) throws IOException {
    Path csv = writeCsv(dir, null);
    Path parts = dir.resolve("parts");
    spark.read().option("header", "true").csv(csv.toString()).repartition(3).write()
        .option("header", "true").csv(parts.toString());
    Path renamed = Files.copy(csv, dir.resolve("train.data"));
    var one = run("--data", csv.toString(), "--target", "y", "--out", dir.resolve("one")
        .toString());
    assertEquals(0, one.code(), one.err());
    JsonNode want = Json.MAPPER.readTree(dir.resolve("one/path.json").toFile());
    for (Path data : List.of(parts, renamed)) {
      Path out = dir.resolve("out-" + data.getFileName());
      var r = run("--data", data.toString(), "--format", data == parts ? "csv" : " CSV",
          "--target", "y", "--out", out.toString());
      assertEquals(0, r.code(), r.err());
      JsonNode got = Json.MAPPER.readTree(out.resolve("path.json").toFile());
      // the same rows in other partitions: sums in another order, equal to rounding
      assertEquals(want.get("lambda").size(), got.get("lambda").size(), data.toString());
      for (int l = 0; l < want.get("lambda").size(); l++) {
        assertEquals(want.get("lambda").get(l).asDouble(), got.get("lambda").get(l).asDouble(),
            1e-12 * want.get("lambda").get(l).asDouble(), data + " λ " + l);
      }
      for (int l = 0; l < want.get("coef").size(); l++) {
        for (int j = 0; j < want.get("coef").get(l).size(); j++) {
          assertEquals(want.get("coef").get(l).get(j).asDouble(),
              got.get("coef").get(l).get(j).asDouble(), 1e-9, data + " λ " + l + " coef " + j);
        }
      }
    }
  }

  /**
   * Bad files and columns a first user meets: a file that is not Parquet (it ended the job with
   * an IllegalStateException and a stack trace), the target among --features (it fitted y on
   * itself, exit 0), --out naming a file (the message was the path alone), and a CSV label
   * that is not a number (it said "is null", which the file's cell was not).
   */
  @Test
  void badFilesAndColumns_exitWithCode2AndOneLine(@TempDir Path dir) throws IOException {
    Path csv = writeCsv(dir, null);
    Path tsv = Files.copy(csv, dir.resolve("train.tsv"));
    Path out = dir.resolve("out");
    var parquet = run("--data", tsv.toString(), "--target", "y", "--out", out.toString());
    assertEquals(2, parquet.code(), parquet.err());
    assertTrue(parquet.err().startsWith("tikhonov-spark: --data " + tsv + ": not a Parquet file"
        + " or folder ("), parquet.err());
    assertTrue(parquet.err().strip().endsWith("); a CSV file's name must end in .csv, .csv.gz"
        + " or .txt, or give --format csv"), parquet.err());
    var format = run("--data", tsv.toString(), "--target", "y", "--format", "tsv");
    assertEquals(2, format.code(), format.err());
    assertEquals("tikhonov-spark: --format must be csv or parquet (any case), got 'tsv'",
        format.err().strip());
    var target = run("--data", csv.toString(), "--target", "y", "--features", "a,y",
        "--out", out.toString());
    assertEquals(2, target.code(), target.err());
    assertEquals("tikhonov-spark: --features: column 'y' is the target (--target); it cannot"
        + " also be a feature", target.err().strip());
    var fold = run("--data", csv.toString(), "--target", "y", "--features", "a,fold",
        "--fold-column", "fold", "--out", out.toString());
    assertEquals("tikhonov-spark: --features: column 'fold' is the fold column (--fold-column);"
        + " it cannot also be a feature", fold.err().strip());
    var file = run("--data", csv.toString(), "--target", "y", "--out", csv.toString());
    assertEquals(2, file.code(), file.err());
    assertEquals("tikhonov-spark: --out " + csv + ": is a file; path.json and path.csv go into"
        + " a directory", file.err().strip());
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    String[] row8 = lines.get(8).split(",");
    row8[P] = "n/a";
    lines.set(8, String.join(",", row8));
    Path label = Files.write(dir.resolve("label.csv"), lines);
    Path header = Files.writeString(dir.resolve("header.csv"), lines.get(0) + "\n");
    var empty = run("--data", header.toString(), "--target", "y", "--out", out.toString());
    assertEquals(2, empty.code(), empty.err());
    assertEquals("tikhonov-spark: --data " + header + " has no rows", empty.err().strip());
    Path zero = Files.writeString(dir.resolve("zero.csv"), "");
    var nothing = run("--data", zero.toString(), "--target", "y", "--out", out.toString());
    assertEquals(2, nothing.code(), nothing.err());
    assertEquals("tikhonov-spark: --data " + zero + " is empty: no header line",
        nothing.err().strip());
    // fold ids 1..5 with K = 10, --cv-folds left out: the message names the flag to give.
    var folds = run("--data", csv.toString(), "--target", "y", "--fold-column", "fold",
        "--out", out.toString());
    assertEquals(2, folds.code(), folds.err());
    assertEquals("tikhonov-spark: fold 6 of 1..10 has no rows: use fewer folds (--cv-folds,"
        + " default 10), or give fold ids that use every fold", folds.err().strip());
    var text = run("--data", label.toString(), "--target", "y", "--out", out.toString());
    assertEquals(2, text.code(), text.err());
    assertEquals("tikhonov-spark: column 'y', row 8 of partition 0: empty or not a number"
        + " (expected a finite number)", text.err().strip());
  }

  @Test
  void saveFlags_badPathOrWithoutCrossValidation_exitWithCode2AndOneLine_beforeTheData(
      @TempDir Path dir) throws IOException {
    // --data names no file: had anything read it, the error would be about --data.
    String missing = dir.resolve("missing.csv").toString();
    Path plain = Files.writeString(dir.resolve("plain"), "not a directory");
    Path under = plain.resolve("enet.safetensors");
    Path out = dir.resolve("out");
    var unwritable = run("--data", missing, "--target", "y", "--cv-folds", "5",
        "--save", under.toString(), "--out", out.toString());
    assertEquals(2, unwritable.code());
    assertEquals("tikhonov-spark: " + under + ": " + plain.toAbsolutePath().normalize()
        + " is a file, not a directory; cannot write the model file (--save) there",
        unwritable.err().strip());
    assertFalse(Files.exists(out), "nothing is created before the checks");
    var plainPath = run("--data", missing, "--target", "y", "--save", under.toString(),
        "--out", out.toString());
    assertEquals(2, plainPath.code());
    assertEquals(unwritable.err(), plainPath.err(), "the same check without cross-validation");
    assertFalse(Files.exists(out), "nothing is created before the checks");
    var directory = run("--data", missing, "--target", "y", "--cv-folds", "5",
        "--save", dir.toString());
    assertEquals(2, directory.code());
    assertEquals("tikhonov-spark: " + dir + ": is a directory; the model file (--save) must be"
        + " a file path", directory.err().strip());
    // ./tikhonov path's values and messages, with PathJob's fold flag.
    String file = dir.resolve("m.safetensors").toString();
    var noCv = run("--data", missing, "--target", "y", "--save", file, "--save-lambda",
        "1se", "--out", out.toString());
    assertEquals(2, noCv.code());
    assertEquals("tikhonov-spark: --save-lambda 1se needs cross-validation: add --cv-folds K or"
        + " --fold-column COLUMN", noCv.err().strip());
    var word = run("--data", missing, "--target", "y", "--cv-folds", "5", "--save", file,
        "--save-lambda", "often", "--out", out.toString());
    assertEquals(2, word.code());
    assertEquals("tikhonov-spark: --save-lambda must be min, 1se, last or a number >= 0, got"
        + " 'often'", word.err().strip());
    var negative = run("--data", missing, "--target", "y", "--save", file, "--save-lambda",
        "-0.5", "--out", out.toString());
    assertEquals(2, negative.code());
    assertEquals("tikhonov-spark: --save-lambda must be a number >= 0, got -0.5",
        negative.err().strip());
    assertFalse(Files.exists(out), "nothing is created before the checks");
    var alone = run("--data", missing, "--target", "y", "--cv-folds", "5",
        "--save-lambda", "1se");
    assertEquals(2, alone.code());
    assertEquals("tikhonov-spark: --save-lambda says which λ --save keeps; add --save FILE",
        alone.err().strip());
  }

  /**
   * Outputs that would destroy the input: --save naming the --data file replaced the data with
   * the model after the fit, and an --out whose path.csv is the --data file (a path.csv read
   * back as data) replaced it the same way, both exit 0; --out under a file said only "DIR: Not
   * a directory", and an empty --out wrote into the working directory. Each is now one line
   * and code 2, before the data are read, and the data file is unchanged.
   */
  @Test
  void outputsThatWouldReplaceTheDataOrCannotBeMade_exitWithCode2_andTheDataStay(
      @TempDir Path dir) throws IOException {
    Path csv = writeCsv(dir, null);
    byte[] before = Files.readAllBytes(csv);
    var save = run("--data", csv.toString(), "--target", "y", "--save", csv.toString(),
        "--out", dir.resolve("o").toString());
    assertEquals(2, save.code(), save.err());
    assertEquals("tikhonov-spark: --save " + csv + " is the --data file; give another path",
        save.err().strip());
    Path pathCsv = Files.copy(csv, dir.resolve("path.csv"));
    var out = run("--data", pathCsv.toString(), "--target", "y", "--out", dir.toString());
    assertEquals(2, out.code(), out.err());
    assertEquals("tikhonov-spark: --out " + dir + ": its path.csv would replace the --data file "
        + pathCsv + "; give another directory", out.err().strip());
    Path parts = Files.createDirectories(dir.resolve("parts"));
    Files.copy(csv, parts.resolve("part-0.csv"));
    var inside = run("--data", parts.toString(), "--format", "csv", "--target", "y",
        "--out", parts.resolve("fit").toString());
    assertEquals(2, inside.code(), inside.err());
    assertEquals("tikhonov-spark: --out " + parts.resolve("fit") + " is in the --data folder "
        + parts + ", whose files are read as data; give another directory",
        inside.err().strip());
    assertArrayEquals(before, Files.readAllBytes(csv), "--data is unchanged");
    assertArrayEquals(before, Files.readAllBytes(pathCsv), "--data is unchanged");
    Path file = Files.writeString(dir.resolve("plain"), "a file");
    var underFile = run("--data", csv.toString(), "--target", "y", "--out",
        file.resolve("sub").toString());
    assertEquals(2, underFile.code(), underFile.err());
    assertEquals("tikhonov-spark: --out " + file.resolve("sub") + ": " + file + " is a file, not"
        + " a directory; path.json and path.csv cannot go there", underFile.err().strip());
    var empty = run("--data", csv.toString(), "--target", "y", "--out", "");
    assertEquals(2, empty.code(), empty.err());
    assertEquals("tikhonov-spark: --out needs a directory path, got ''", empty.err().strip());
  }

  /**
   * Columns given two roles, or a feature named twice: --weight y --target y fitted with the
   * labels as weights, and --features a,a,b fitted a column against its copy under the core's
   * names x0..x2, so the saved model matched no column of the file (exit 0 both). Now one line
   * and code 2 each.
   */
  @Test
  void aColumnInTwoRolesOrAFeatureTwice_exitWithCode2AndOneLine(@TempDir Path dir)
      throws IOException {
    String data = writeCsv(dir, null).toString();
    String out = dir.resolve("o").toString();
    var weight = run("--data", data, "--target", "y", "--weight", "y", "--out", out);
    assertEquals(2, weight.code(), weight.err());
    assertEquals("tikhonov-spark: --weight y is also the --target column; a column has one role",
        weight.err().strip());
    var fold = run("--data", data, "--target", "fold", "--fold-column", "fold", "--out", out);
    assertEquals(2, fold.code(), fold.err());
    assertEquals("tikhonov-spark: --fold-column fold is also the --target column; a column has"
        + " one role", fold.err().strip());
    var both = run("--data", data, "--target", "y", "--weight", "fold", "--fold-column",
        "fold", "--out", out);
    assertEquals(2, both.code(), both.err());
    assertEquals("tikhonov-spark: --fold-column fold is also the --weight column; a column has"
        + " one role", both.err().strip());
    var twice = run("--data", data, "--target", "y", "--features", "a,a,b", "--out", out);
    assertEquals(2, twice.code(), twice.err());
    assertEquals("tikhonov-spark: --features: column 'a' is named twice", twice.err().strip());
  }

  /**
   * A CSV line with more fields than the header: Spark's default (PERMISSIVE) dropped the extra
   * field and fitted the row, exit 0; one with fewer read the missing ones as empty cells
   * ("column 'fold' ... empty or not a number", not what the file had). Both are now the
   * misaligned line, also when the fit reads only some columns (--features).
   */
  @Test
  void csvLineWithMoreOrFewerFieldsThanTheHeader_exitsWithCode2_namingTheLine(
      @TempDir Path dir) throws IOException {
    Path csv = writeCsv(dir, null);
    List<String> lines = Files.readAllLines(csv);
    List<String> extra = new ArrayList<>(lines);
    extra.set(5, lines.get(5) + ",9.5");
    Path longer = Files.write(dir.resolve("extra.csv"), extra);
    List<String> fewer = new ArrayList<>(lines);
    fewer.set(5, lines.get(5).substring(0, lines.get(5).lastIndexOf(',')));
    Path shorter = Files.write(dir.resolve("short.csv"), fewer);
    for (Path file : List.of(longer, shorter)) {
      String line = Files.readAllLines(file).get(5);
      String shown = line.length() <= 80 ? line : line.substring(0, 77) + "...";
      for (List<String> features : List.of(List.<String>of(), List.of("--features", "a,b"))) {
        List<String> args = new ArrayList<>(List.of("--data", file.toString(), "--target", "y",
            "--out", dir.resolve("o").toString()));
        args.addAll(features);
        var r = run(args.toArray(new String[0]));
        assertEquals(2, r.code(), file + " " + features + ": " + r.err());
        assertEquals("tikhonov-spark: --data " + file + ": a line has more or fewer fields than"
            + " the header line: " + shown, r.err().strip(), file + " " + features);
      }
    }
  }

  /**
   * A folder of CSV part files whose second file orders its columns a, y, ... where the first
   * has y, a, ...: Spark took the columns from one file's header line and ignored the other's,
   * so half the rows were fitted with the target and a feature swapped, exit 0 (deviance ratio
   * 1.0000 here). Now each file's header line is checked, as are a header's repeated and empty
   * names (which Spark renamed a1, a2 and _c1, names the file does not have).
   */
  @Test
  void csvHeaderLinesThatDoNotMatchTheColumns_exitWithCode2_namingTheFile(@TempDir Path dir)
      throws IOException {
    TestSpark.Table t = TestSpark.table(60, 3, 3, 5);
    StringBuilder first = new StringBuilder("y,a,b,c\n");
    StringBuilder second = new StringBuilder("a,y,b,c\n");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      String rest = t.x()[i][1] + "," + t.x()[i][2] + "\n";
      (i < 30 ? first : second).append(i < 30 ? t.y()[i] + "," + t.x()[i][0]
          : t.x()[i][0] + "," + t.y()[i]).append(',').append(rest);
      body.append(t.y()[i]).append(',').append(t.x()[i][0]).append(',').append(rest);
    }
    Path folder = Files.createDirectories(dir.resolve("parts"));
    Files.writeString(folder.resolve("part-0.csv"), first);
    Path swapped = Files.writeString(folder.resolve("part-1.csv"), second);
    var r = run("--data", folder.toString(), "--format", "csv", "--target", "y", "--lambdas",
        "1,0.1", "--out", dir.resolve("o").toString());
    assertEquals(2, r.code(), r.out() + r.err());
    // Spark may take the columns from either file: the other one is named
    String message = r.err().strip();
    assertTrue(message.equals("tikhonov-spark: --data " + folder + ": the header line of "
        + swapped + " (a, y, b, c) orders the columns otherwise than another file's (y, a, b,"
        + " c); every file needs the same header line") || message.equals("tikhonov-spark:"
        + " --data " + folder + ": the header line of " + folder.resolve("part-0.csv")
        + " (y, a, b, c) orders the columns otherwise than another file's (a, y, b, c); every"
        + " file needs the same header line"), message);
    Path twice = Files.writeString(dir.resolve("twice.csv"), "y,a,a,c\n" + body);
    r = run("--data", twice.toString(), "--target", "y", "--lambdas", "1,0.1", "--out",
        dir.resolve("o").toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals("tikhonov-spark: --data " + twice + ": the header line of " + twice
        + " names column 'a' twice; every column needs its own name", r.err().strip());
    Path unnamed = Files.writeString(dir.resolve("unnamed.csv"), "y,,b,c\n" + body);
    r = run("--data", unnamed.toString(), "--target", "y", "--lambdas", "1,0.1", "--out",
        dir.resolve("o").toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals("tikhonov-spark: --data " + unnamed + ": the header line of " + unnamed
        + " has a column without a name (column 2); every column needs its own name",
        r.err().strip());
    // the same rows under one header line fit
    Path good = Files.writeString(dir.resolve("good.csv"), "y,a,b,c\n" + body);
    r = run("--data", good.toString(), "--target", "y", "--lambdas", "1,0.1", "--out",
        dir.resolve("o").toString());
    assertEquals(0, r.code(), r.err());
  }

  /**
   * Path settings the core refuses came back at the fit, after the data were read, in the
   * core's names, which are no flag of the job ({@code numLambdas must be in 1..100000},
   * {@code lambdas must be distinct}). Now they are refused before the data are read (the
   * file here does not exist), naming the flag.
   */
  @Test
  void pathSettingsTheCoreRefuses_exitWithCode2_namingTheFlag_beforeTheDataAreRead(
      @TempDir Path dir) {
    String missing = dir.resolve("no-such.csv").toString();
    var many = run("--data", missing, "--target", "y", "--nlambda", "200000", "--out",
        dir.resolve("o").toString());
    assertEquals(2, many.code(), many.err());
    assertEquals("tikhonov-spark: --nlambda must be in 1..100000, got 200000",
        many.err().strip());
    var twice = run("--data", missing, "--target", "y", "--lambdas", "0.1,1,0.1", "--out",
        dir.resolve("o").toString());
    assertEquals(2, twice.code(), twice.err());
    assertEquals("tikhonov-spark: --lambdas must be distinct; 0.1 is given twice (values 1"
        + " and 3)",
        twice.err().strip());
    assertFalse(Files.exists(dir.resolve("o")), "--out is made after the flags are checked");
    // nor by a run that fails on its data: the first file written makes it (it was made before
    // the data were read, and a failed run left it empty)
    var absent = run("--data", missing, "--target", "y", "--out", dir.resolve("o").toString());
    assertEquals(2, absent.code(), absent.err());
    assertFalse(Files.exists(dir.resolve("o")), "a run that failed left --out behind");
  }

  /** A feature whose squares overflow is named by its column (it was fitted as 0). */
  @Test
  void featureWhoseSquaresOverflow_exitsWithCode2_namingItsColumn(@TempDir Path dir)
      throws IOException {
    TestSpark.Table t = TestSpark.table(60, 3, 3, 5);
    StringBuilder s = new StringBuilder("y,a,b,c\n");
    for (int i = 0; i < 60; i++) {
      s.append(t.y()[i]).append(',').append(t.x()[i][0]).append(',')
          .append(t.x()[i][1] * 1e200).append(',').append(t.x()[i][2]).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("wide.csv"), s);
    var r = run("--data", csv.toString(), "--target", "y", "--lambdas", "1,0.1", "--out",
        dir.resolve("o").toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals("tikhonov-spark: column 'b': the (weighted) sum of squared deviations from its"
        + " mean overflows double precision (values about 1e154 or more apart); rescale it",
        r.err().strip());
  }

  /**
   * A Parquet folder whose part files hold the target as a number in one and as text in the
   * other (two writers, or an append with another schema): Spark's task fails reading one of
   * them, and the job said {@code failed: IllegalStateException: …}, exit 1, as if it had
   * broken. It is the data's fault: exit 2 with Spark's line, which names the file, the column
   * and both types. Spark takes the columns from one of the files, so both orders are run.
   */
  @Test
  void parquetPartFilesWithAColumnOfTwoTypes_exitWithCode2_namingTheFileAndColumn(
      @TempDir Path dir) throws IOException {
    TestSpark.Table t = TestSpark.table(60, 3, 3, 5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(RowFactory.create(t.y()[i], t.x()[i][0], t.x()[i][1]));
    }
    StructType schema = new StructType().add("y", DataTypes.DoubleType)
        .add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType);
    Path numbers = dir.resolve("numbers");
    Path texts = dir.resolve("texts");
    spark.createDataFrame(rows.subList(0, 30), schema).coalesce(1).write()
        .parquet(numbers.toString());
    spark.createDataFrame(rows.subList(30, 60), schema).coalesce(1)
        .withColumn("y", org.apache.spark.sql.functions.col("y").cast("string"))
        .write().parquet(texts.toString());
    int unreadable = 0;
    for (boolean textFirst : new boolean[] {false, true}) {
      Path folder = Files.createDirectories(dir.resolve("parts-" + textFirst));
      Files.copy(part(textFirst ? texts : numbers), folder.resolve("part-00000.parquet"));
      Files.copy(part(textFirst ? numbers : texts), folder.resolve("part-00001.parquet"));
      var r = run("--data", folder.toString(), "--target", "y", "--features", "a,b",
          "--lambdas", "1,0.1", "--out", dir.resolve("o").toString());
      assertEquals(2, r.code(), textFirst + ": " + r.err());
      String message = r.err().strip();
      assertEquals(1, message.lines().count(), message);
      // columns from the text file: y is text, refused before any task
      if (!message.equals("tikhonov-spark: --target: column 'y' must be numeric, got string")) {
        assertTrue(message.startsWith("tikhonov-spark: --data " + folder
            + ": [FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH] "), message);
        assertTrue(message.contains("column [y]"), message);
        unreadable++;
      }
    }
    assertTrue(unreadable > 0, "with the numbers' file's columns, a task fails on the text file");
  }

  /** The one Parquet part file Spark wrote into {@code folder}. */
  private static Path part(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst()
          .orElseThrow();
    }
  }
  /**
   * --save where the job's other outputs or inputs are: inside a --data folder (the model file
   * became a part of the data set: the next read of the folder as CSV failed on its bytes), and
   * on --out's own path.json, which the model replaced after it was written (exit 0, a
   * path.json that is a model file). --out had both refusals; --save had neither. Each is now
   * one line and code 2 before the data are read, and the folder is unchanged.
   */
  @Test
  void saveInsideTheDataFolderOrOnThePathFiles_exitsWithCode2_beforeTheDataAreRead(
      @TempDir Path dir) throws IOException {
    Path csv = writeCsv(dir, null);
    Path parts = Files.createDirectories(dir.resolve("parts"));
    Files.copy(csv, parts.resolve("part-0.csv"));
    Path model = parts.resolve("enet.safetensors");
    var inside = run("--data", parts.toString(), "--format", "csv", "--target", "y",
        "--fold-column", "fold", "--cv-folds", "5", "--save", model.toString(), "--out",
        dir.resolve("o").toString());
    assertEquals(2, inside.code(), inside.err());
    assertEquals("tikhonov-spark: --save " + model + " is in the --data folder " + parts
        + ", whose files are read as data; give another path", inside.err().strip());
    assertFalse(Files.exists(model));
    Path out = dir.resolve("fit");
    for (String name : List.of("path.json", "path.csv")) {
      var onto = run("--data", csv.toString(), "--target", "y", "--fold-column", "fold",
          "--cv-folds", "5", "--save", out.resolve(name).toString(), "--out", out.toString());
      assertEquals(2, onto.code(), onto.err());
      assertEquals("tikhonov-spark: --save " + out.resolve(name) + " is the " + name + " that"
          + " --out " + out + " gets; give another path", onto.err().strip());
    }
  }

  /**
   * A Parquet target, weight or fold column of text was told in the estimator's words ("label
   * column 'y' must be numeric, got string"); the job's user gave it as a flag.
   */
  @Test
  void textTargetWeightOrFoldColumnInParquet_isNamedByItsFlag(@TempDir Path dir) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(RowFactory.create("v" + i, (double) i, (double) (i * i % 7)));
    }
    StructType schema = new StructType().add("t", DataTypes.StringType)
        .add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType);
    String file = dir.resolve("text.parquet").toString();
    spark.createDataFrame(rows, schema).write().parquet(file);
    String out = dir.resolve("o").toString();
    Object[][] cases = {
        {new String[] {"--target", "t"}, "--target: column 't' must be numeric, got string"},
        {new String[] {"--target", "a", "--weight", "t"},
            "--weight: column 't' must be numeric, got string"},
        {new String[] {"--target", "a", "--fold-column", "t"},
            "--fold-column: column 't' must be numeric, got string"}};
    for (Object[] c : cases) {
      List<String> args = new ArrayList<>(List.of("--data", file, "--features", "b", "--out",
          out));
      args.addAll(List.of((String[]) c[0]));
      var r = run(args.toArray(new String[0]));
      assertEquals(2, r.code(), r.err());
      assertEquals("tikhonov-spark: " + c[1], r.err().strip());
    }
  }
}
