package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.CrossValidatedPath;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Poisson elastic net on Spark by distributed IRLS ({@link SingleResponseIrls} with
 * {@link IrlsFamily#POISSON}) in local[2], against the single-machine path and cross-validation
 * and cv.glmnet on glmnet's Poisson reference data (core/src/test/resources/ref/pois.csv: n =
 * 400, p = 8 on unequal scales, counts y, weights w; pois-cv.csv and pois-cv-select.csv:
 * cv.glmnet 4.1-6, lasso, {@code standardize = FALSE}, fold ids (i − 1) mod 5 + 1, deviance,
 * thresh 1e-14; make_glm.R).
 */
class SparkPoissonFitTest {
  private static final List<String> NAMES = List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7",
      "x8");
  private static SparkSession spark;
  private static double[][] x;
  private static double[] y;
  private static double[] w;
  private static int[] folds;

  @BeforeAll
  static void start() throws IOException {
    spark = TestSpark.session("local[2]");
    double[][] rows = SparkBinomialFitTest.refCsv("pois.csv");
    x = new double[rows.length][];
    y = new double[rows.length];
    w = new double[rows.length];
    folds = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      x[i] = Arrays.copyOf(rows[i], 8);
      y[i] = rows[i][8];
      w[i] = rows[i][9];
      folds[i] = i % 5 + 1;
    }
  }

  /** pois.csv's rows with counts {@code counts} and weights {@code weights}, in 2 slices. */
  private static Dataset<Row> frame(double[] counts, double[] weights) {
    return frame(x, counts, weights);
  }

  /** Rows of {@code features} with counts and weights and pois.csv's folds, in 2 slices. */
  private static Dataset<Row> frame(double[][] features, double[] counts, double[] weights) {
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(SparkElasticNetFitTest.rows(features, counts, weights, folds), 2),
        SparkElasticNetFitTest.SCHEMA);
  }

  private static double[] ones() {
    double[] out = new double[y.length];
    Arrays.fill(out, 1.0);
    return out;
  }

  /**
   * The binomial test's comparison (λ, intercepts and coefficients to {@code tolerance} of the
   * largest coefficient, deviance ratios, how the path ended), and the null deviance and df.
   */
  private static void assertSamePath(PathSolution expected, PathSolution actual,
      double tolerance) {
    SparkBinomialFitTest.assertSamePath(expected, actual, tolerance);
    assertEquals(expected.nullDeviance(), actual.nullDeviance(),
        1e-12 * expected.nullDeviance(), "null deviance");
    assertEquals(Arrays.toString(expected.degreesOfFreedom()),
        Arrays.toString(actual.degreesOfFreedom()), "df");
  }

  /** Every λ's certificate at most the tolerance. */
  private static void assertCertified(PathSolution path, double tolerance) {
    assertTrue(path.allConverged(), Arrays.toString(path.certificate()));
    for (double c : path.certificate()) {
      assertTrue(c <= tolerance, "certificate " + c);
    }
  }

  @Test
  void fit_lassoWithGlmnetFolds_equalsSingleMachinePathAndCv_andCvGlmnet() throws IOException {
    SparkElasticNetModel model = new SparkElasticNetCV().setFamily("poisson")
        .setFoldCol("fold").setNumFolds(5).setStandardize(false).setTolerance(1e-11)
        .fit(frame(y, ones()));
    CrossValidatedPath<LinearModel> single = ElasticNetCV.poisson().foldIds(folds)
        .standardize(false).tolerance(1e-11).threads(2).build()
        .crossValidate(dev.tikhonov.data.Dataset.of(x, y, NAMES));

    assertEquals(Family.POISSON, model.family());
    assertSamePath(single.path().solution(), model.path(), 1e-8);
    assertCertified(model.path(), 1e-11);
    assertEquals(single.indexMin(), model.cv().indexMin(), "λ_min");
    assertEquals(single.index1se(), model.cv().index1se(), "λ_1se");
    for (int l = 0; l < single.cv().lambdas().length; l++) {
      assertEquals(single.cv().mean()[l], model.cv().mean()[l],
          1e-8 * single.cv().mean()[l], "CV mean at λ #" + l);
      assertEquals(single.cv().standardError()[l], model.cv().standardError()[l],
          1e-7 * single.cv().standardError()[l], "CV SE at λ #" + l);
    }
    // cv.glmnet (thresh 1e-14) on the same folds: its λ, mean deviance and SE, λ_min, λ_1se.
    double[][] ref = SparkBinomialFitTest.refCsv("pois-cv.csv");
    assertEquals(ref.length, model.path().size(), "cv.glmnet's path length");
    for (int l = 0; l < ref.length; l++) {
      assertEquals(ref[l][0], model.path().lambdas()[l], 1e-10 * ref[l][0], "λ #" + l);
      assertEquals(ref[l][1], model.cv().mean()[l], 1e-6 * ref[l][1],
          "cv.glmnet's cvm at λ #" + l);
      assertEquals(ref[l][2], model.cv().standardError()[l], 1e-5 * ref[l][2],
          "cv.glmnet's cvsd at λ #" + l);
    }
    double[] select = SparkBinomialFitTest.refCsv("pois-cv-select.csv")[0];
    assertEquals(select[0], model.lambdaMin(), 1e-10 * select[0], "cv.glmnet's lambda.min");
    assertEquals(select[1], model.lambda1se(), 1e-10 * select[1], "cv.glmnet's lambda.1se");

    int[] perLambda = model.path().passes();
    System.out.printf("poisson lasso, tolerance 1e-11: %d λ, %d passes in all, full path %.2f"
        + " per λ (max %d)%n", perLambda.length, model.dataPasses(),
        Arrays.stream(perLambda).sum() / (double) perLambda.length,
        Arrays.stream(perLambda).max().getAsInt());

    // The model predicts the mean count e^η at λ_min.
    double eta = model.path().linearPredictor(x[0], model.selectedIndex(), 0);
    assertEquals(Math.exp(eta), model.predict(Vectors.dense(x[0])), 1e-14 * Math.exp(eta));
  }

  @Test
  void path_standardizedElasticNetWithWeights_equalsTheSingleMachinePath() {
    SparkElasticNetCV estimator = new SparkElasticNetCV().setFamily("poisson")
        .setWeightCol("weight").setL1Ratio(0.5).setNumLambdas(15).setTolerance(1e-11);
    PathSolution path = estimator.singleResponsePath(frame(y, w));
    PathSolution single = ElasticNetPath.fit(Family.POISSON, x, y, Observations.ofWeights(w),
        PathSettings.of(0.5).withNumLambdas(15).withTolerance(1e-11), NAMES, List.of());
    assertSamePath(single, path, 1e-8);
    assertCertified(path, 1e-11);
  }

  /**
   * A rare indicator with a large effect (4 of 400 rows, count 400 where the others average
   * about 4), one small λ from the null model: the full Newton step from there moves the
   * indicator's η by about 80 (e^80 against counts of 400), and glmnet's undamped Newton would
   * need one step per unit of η to come back, far beyond the 50 a λ may take. The step is
   * halved instead (a pass per halving) until the objective falls, as the core's, and the fit
   * equals the single machine's, certified.
   */
  @Test
  void path_rareLargeEffectFromTheNullModel_halvesTheOvershootingStep_asTheSingleMachine() {
    double[][] wide = new double[y.length][];
    double[] counts = y.clone();
    for (int i = 0; i < y.length; i++) {
      boolean rare = i % 100 == 0;
      wide[i] = Arrays.copyOf(x[i], 9);
      wide[i][8] = rare ? 1 : 0;
      counts[i] = rare ? 400 : y[i];
    }
    PathSolution path = new SparkElasticNetCV().setFamily("poisson").setStandardize(false)
        .setLambdas(1e-4).setTolerance(1e-11).singleResponsePath(frame(wide, counts, ones()));
    List<String> names = new java.util.ArrayList<>(NAMES);
    names.add("rare");
    PathSolution single = ElasticNetPath.fit(Family.POISSON, wide, counts,
        PathSettings.lasso().withStandardize(false).withLambdas(1e-4).withTolerance(1e-11),
        names, List.of());
    System.out.printf("poisson, a rare large effect from the null model: %d passes, b = %.4f%n",
        path.passes()[0], path.coefficients()[0][0][8]);
    assertSamePath(single, path, 1e-8);
    assertCertified(path, 1e-11);
  }

  @Test
  void fit_negativeOrNonFiniteCount_orEveryCountZero_isNamed() {
    double[] negative = y.clone();
    negative[2] = -2;
    InputException e = assertThrows(InputException.class, () -> new SparkElasticNetCV()
        .setFamily("poisson").setFoldCol("fold").setNumFolds(5).fit(frame(negative, ones())));
    assertEquals("column 'label', row 3 of partition 0: is -2.0, expected a count: a finite"
        + " number ≥ 0 (family poisson)", e.getMessage());

    double[] infinite = y.clone();
    infinite[201] = Double.POSITIVE_INFINITY;
    e = assertThrows(InputException.class, () -> new SparkElasticNetCV().setFamily("poisson")
        .setFoldCol("fold").setNumFolds(5).fit(frame(infinite, ones())));
    assertEquals("column 'label', row 2 of partition 1: Infinity is not a finite number",
        e.getMessage());

    e = assertThrows(InputException.class, () -> new SparkElasticNetCV().setFamily("poisson")
        .setFoldCol("fold").setNumFolds(5).fit(frame(new double[y.length], ones())));
    assertEquals("column 'label': every count is 0: a poisson fit needs a positive count",
        e.getMessage());
  }

  @Test
  void pathJob_familyPoisson_writesTheSingleMachinePath_andSavesAModelTheCoreReads(
      @TempDir Path dir) throws IOException {
    StringBuilder csv = new StringBuilder(String.join(",", NAMES)).append(",y,fold\n");
    for (int i = 0; i < y.length; i++) {
      for (double v : x[i]) {
        csv.append(v).append(',');
      }
      csv.append(y[i]).append(',').append(folds[i]).append('\n');
    }
    Path file = dir.resolve("pois.csv");
    Files.writeString(file, csv.toString());
    Path out = dir.resolve("out");
    Path saved = dir.resolve("model.tikhonov");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = PathJob.run(new String[] {"--data", file.toString(), "--target", "y",
        "--family", "poisson", "--fold-column", "fold", "--cv-folds", "5", "--nlambda", "20",
        "--tol", "1e-11", "--out", out.toString(), "--save", saved.toString()}, spark,
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));

    CrossValidatedPath<LinearModel> single = ElasticNetCV.poisson().foldIds(folds)
        .numLambdas(20).tolerance(1e-11).threads(2).build()
        .crossValidate(dev.tikhonov.data.Dataset.of(x, y, NAMES));
    PathSolution want = single.path().solution();
    JsonNode got = Json.MAPPER.readTree(out.resolve("path.json").toFile());
    assertEquals("poisson", got.get("family").asText());
    assertEquals(want.size(), got.get("lambda").size(), "path length");
    for (int l = 0; l < want.size(); l++) {
      assertEquals(want.lambdas()[l], got.get("lambda").get(l).asDouble(),
          1e-12 * want.lambdas()[0]);
      assertEquals(want.intercepts()[l][0], got.get("intercept").get(l).asDouble(), 1e-8,
          "intercept at λ #" + l);
    }

    // The saved model is the core's Poisson model at λ_min: it predicts the mean count.
    LinearModel model = (LinearModel) Predictor.load(saved);
    LinearModel core = single.atMinimum();
    assertEquals(Family.POISSON, model.family());
    assertEquals(core.lambda(), model.lambda(), 1e-12 * core.lambda());
    double[] predicted = model.predict(x);
    double[] expected = core.predict(x);
    for (int i = 0; i < x.length; i++) {
      assertEquals(expected[i], predicted[i], 1e-7 * expected[i], "row " + (i + 1));
    }
  }

  @Test
  void fittedModel_toLinearModel_savesAndPredictsWhatTheSparkModelPredicts(@TempDir Path dir)
      throws IOException {
    SparkElasticNetModel model = new SparkElasticNetCV().setFamily("poisson")
        .setFoldCol("fold").setNumFolds(5).setNumLambdas(8).setLambdaMinRatio(0.05)
        .fit(frame(y, ones()));
    LinearModel core = model.toLinearModel();
    Path file = dir.resolve("pois.tikhonov");
    core.save(file);
    LinearModel loaded = (LinearModel) Predictor.load(file);
    double[] predicted = loaded.predict(x);
    for (int i = 0; i < x.length; i++) {
      assertEquals(model.predict(Vectors.dense(x[i])), predicted[i], 0.0, "row " + (i + 1));
    }
    // Spark's own persistence: the same family, path and predictions after a load.
    model.write().save(dir.resolve("spark").toString());
    SparkElasticNetModel reloaded = SparkElasticNetModel.load(dir.resolve("spark").toString());
    assertEquals(Family.POISSON, reloaded.family());
    assertEquals(List.of(), reloaded.path().classNames());
    assertEquals(model.selectedLambda(), reloaded.selectedLambda());
    for (double[] row : x) {
      assertEquals(model.predict(Vectors.dense(row)), reloaded.predict(Vectors.dense(row)), 0.0);
    }
    assertThrows(IllegalStateException.class, model::toLinearClassifier);
    assertThrows(IllegalStateException.class, () -> model.probabilities(Vectors.dense(x[0])));
    assertEquals(0, model.numClasses());
  }
}
