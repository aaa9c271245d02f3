package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.KFold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code measure} param (cv.glmnet's {@code type.measure}) in local[2], against the core's
 * cross-validation on the same rows and fold ids: {@link TestSpark#table}'s 180 rows, 4
 * features far from 0, 3 folds, 12 λ; labels cut from its target (binomial at the median,
 * multinomial at the terciles, Poisson counts ⌊max(0, y − 47)⌋). Every fit is certified to
 * 1e-10 (a relative duality gap, which fixes the coefficients to about 1e-9 of their size), so
 * the curves agree to 1e-8 relative (seen: 1.1e-9 for the weighted binomial MSE) and the SE, a
 * spread of fold scores, to 1e-7.
 */
class SparkCvMeasureTest {
  private static final int LAMBDAS = 12;
  private static final double TOLERANCE = 1e-10;
  private static SparkSession spark;
  private static TestSpark.Table table;
  private static List<String> names;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
    table = TestSpark.table(180, 4, 3, 23);
    names = List.of("x0", "x1", "x2", "x3");
  }

  private static double[] binomial() {
    double median = table.quantile(1, 2);
    return table.labels(v -> v > median ? 1 : 0);
  }

  private static double[] multinomial() {
    double low = table.quantile(1, 3);
    double high = table.quantile(2, 3);
    return table.labels(v -> v <= low ? 0 : v <= high ? 1 : 2);
  }

  private static double[] counts() {
    return table.labels(v -> Math.floor(Math.max(0, v - 47)));
  }

  private static double[] ones() {
    double[] w = new double[table.n()];
    Arrays.fill(w, 1.0);
    return w;
  }

  private static SparkElasticNetCV estimator(String family, String measure) {
    return new SparkElasticNetCV().setFamily(family).setMeasure(measure).setFoldCol("fold")
        .setNumFolds(3).setNumLambdas(LAMBDAS).setTolerance(TOLERANCE);
  }

  private static SparkElasticNetModel fit(SparkElasticNetCV cv, double[] y, double[] w) {
    return cv.fit(TestSpark.frame(spark, new TestSpark.Table(table.x(), y, w, table.folds()),
        2));
  }

  /** The core's cross-validation (ElasticNetCV's rows route) of the same rows and folds. */
  private static CvResult core(Family family, double[] y, double[] w, CvMeasure measure) {
    return core(family, y, w, measure,
        PathSettings.builder().numLambdas(LAMBDAS).tolerance(TOLERANCE).build());
  }

  private static CvResult core(Family family, double[] y, double[] w, CvMeasure measure,
      PathSettings settings) {
    List<String> classes = family == Family.BINOMIAL ? List.of("0", "1")
        : family == Family.MULTINOMIAL ? List.of("0", "1", "2") : List.of();
    return CrossValidation.path(family, table.x(), y, Observations.ofWeights(w), settings,
        names, classes, KFold.of(table.folds()), CrossValidation.Alignment.INTERPOLATE, measure,
        2).cv();
  }

  /** The same measure, mean and SE at every λ, λ_min and λ_1se. */
  private static void assertSameCv(CvResult expected, SparkElasticNetModel model) {
    CvResult actual = model.cv();
    assertEquals(expected.measure(), actual.measure(), "measure");
    assertEquals(expected.lambdas().length, actual.lambdas().length, "λ count");
    for (int l = 0; l < expected.lambdas().length; l++) {
      assertEquals(expected.lambdas()[l], actual.lambdas()[l], 1e-12 * expected.lambdas()[0]);
      assertEquals(expected.mean()[l], actual.mean()[l], 1e-8 * Math.abs(expected.mean()[l]),
          expected.measure().id() + " mean at λ #" + l);
      assertEquals(expected.standardError()[l], actual.standardError()[l],
          1e-7 * expected.standardError()[l] + 1e-15, expected.measure().id() + " SE at λ #" + l);
    }
    assertEquals(expected.indexMin(), actual.indexMin(), "λ_min");
    assertEquals(expected.index1se(), actual.index1se(), "λ_1se");
    dev.tikhonov.estimate.Predictor core = model.family().isClassification()
        ? model.toLinearClassifier() : model.toLinearModel();
    assertEquals(expected.measure().id(), core.provenance().settings().get("measure"),
        "the provenance's measure");
  }

  @Test
  void gaussian_mseAndMae_equalTheCores_maeFromOneMorePass_andASavedModelKeepsItsMeasure(
      @TempDir Path dir) throws IOException {
    double[] w = table.w();
    SparkElasticNetModel mse = fit(estimator("gaussian", "mse").setWeightCol("weight"),
        table.y(), w);
    assertSameCv(core(Family.GAUSSIAN, table.y(), w, CvMeasure.MEAN_SQUARED_ERROR), mse);
    assertEquals(1, mse.dataPasses(), "the MSE from the statistics pass alone");

    SparkElasticNetModel mae = fit(estimator("gaussian", "MAE").setWeightCol("weight"),
        table.y(), w);
    CvResult expected = core(Family.GAUSSIAN, table.y(), w, CvMeasure.MEAN_ABSOLUTE_ERROR);
    assertSameCv(expected, mae);
    assertEquals(2, mae.dataPasses(), "the statistics pass and the scoring pass");
    // Not the MSE's curve relabelled: the MAE is about the square root of the MSE here.
    int last = mse.path().size() - 1;
    assertTrue(Math.abs(mae.cv().mean()[last] - mse.cv().mean()[last])
        > 0.1, "MAE and MSE differ");
    // The same path as the default route's.
    assertEquals(mse.path().size(), mae.path().size(), "path length");
    assertEquals(mse.path().lambdas()[last], mae.path().lambdas()[last]);

    String saved = dir.resolve("mae-model").toString();
    mae.write().save(saved);
    CvResult loaded = SparkElasticNetModel.load(saved).cv();
    assertEquals(CvMeasure.MEAN_ABSOLUTE_ERROR, loaded.measure(), "the saved measure");
    assertEquals(Arrays.toString(mae.cv().mean()), Arrays.toString(loaded.mean()));
  }

  /** A λ sequence of one's own: every fold at those λ, not interpolated (cv.glmnet's rule). */
  @Test
  void gaussian_maeAtLambdasOfOnesOwn_equalsTheCores() {
    double[] lambdas = {0.8, 0.3, 0.1, 0.03, 0.01};
    SparkElasticNetModel mae = fit(estimator("gaussian", "mae").setLambdas(lambdas)
        .setL1Ratio(0.5), table.y(), ones());
    assertSameCv(core(Family.GAUSSIAN, table.y(), ones(), CvMeasure.MEAN_ABSOLUTE_ERROR,
        PathSettings.builder().lambdas(lambdas).l1Ratio(0.5).tolerance(TOLERANCE).build()),
        mae);
  }

  @Test
  void binomial_classAndMse_equalTheCores() {
    double[] y = binomial();
    SparkElasticNetModel byClass = fit(estimator("binomial", "class"), y, ones());
    assertSameCv(core(Family.BINOMIAL, y, ones(), CvMeasure.MISCLASSIFICATION), byClass);
    double[] w = table.w();
    SparkElasticNetModel mse = fit(estimator("binomial", "mse").setWeightCol("weight"), y, w);
    assertSameCv(core(Family.BINOMIAL, y, w, CvMeasure.MEAN_SQUARED_ERROR), mse);
  }

  /**
   * The AUC, by its own pass (a shuffle that ranks each fold's held-out rows at every λ): the
   * core's, with and without weights, and the largest mean is λ_min.
   */
  @Test
  void binomial_auc_equalsTheCores_fromThePassThatRanksTheRows() {
    double[] y = binomial();
    SparkElasticNetModel auc = fit(estimator("binomial", "auc"), y, ones());
    assertSameCv(core(Family.BINOMIAL, y, ones(), CvMeasure.AUC), auc);
    double[] mean = auc.cv().mean();
    double best = Arrays.stream(mean).max().orElseThrow();
    assertEquals(best, mean[auc.cv().indexMin()], 0.0);
    double[] w = table.w();
    SparkElasticNetModel weighted = fit(estimator("binomial", "auc").setWeightCol("weight"), y,
        w);
    assertSameCv(core(Family.BINOMIAL, y, w, CvMeasure.AUC), weighted);
  }

  /** A fold whose held-out rows are all of one class has no AUC: refused, naming the fold. */
  @Test
  void binomial_auc_aFoldOfOneClass_isRefusedNamingIt() {
    double[] y = binomial();
    for (int i = 0; i < y.length; i++) {
      if (table.folds()[i] == 2) {
        y[i] = 1;
      }
    }
    dev.tikhonov.select.FoldException e = assertThrows(dev.tikhonov.select.FoldException.class,
        () -> fit(estimator("binomial", "auc"), y, ones()));
    assertEquals(2, e.fold());
    assertTrue(e.getMessage().startsWith("fold 2 of 3: its held-out rows of positive weight are"
        + " all of one class, so their AUC"), e.getMessage());
  }

  @Test
  void multinomial_class_equalsTheCores() {
    double[] y = multinomial();
    SparkElasticNetModel model = fit(estimator("multinomial", "class"), y, ones());
    assertSameCv(core(Family.MULTINOMIAL, y, ones(), CvMeasure.MISCLASSIFICATION), model);
  }

  @Test
  void poisson_mseAndMae_equalTheCores() {
    double[] y = counts();
    SparkElasticNetModel mse = fit(estimator("poisson", "mse"), y, ones());
    assertSameCv(core(Family.POISSON, y, ones(), CvMeasure.MEAN_SQUARED_ERROR), mse);
    SparkElasticNetModel mae = fit(estimator("poisson", "mae"), y, ones());
    assertSameCv(core(Family.POISSON, y, ones(), CvMeasure.MEAN_ABSOLUTE_ERROR), mae);
  }

  @Test
  void badMeasures_areRefusedNamingTheParam_beforeAnyPass() {
    InputException unknown = assertThrows(InputException.class,
        () -> new SparkElasticNetCV().setMeasure("rmse"));
    assertEquals("measure: 'rmse' is not a cross-validation measure; expected one of deviance,"
        + " mse, mae, class, auc", unknown.getMessage());
    assertEquals("deviance", new SparkElasticNetCV().getMeasure(), "the default");

    // Refused before any pass: the data would fail the pass (a NaN feature).
    TestSpark.Table bad = new TestSpark.Table(new double[][] {{Double.NaN}, {1}},
        new double[] {0, 1}, new double[] {1, 1}, new int[] {1, 2});
    InputException gaussianClass = assertThrows(InputException.class,
        () -> estimator("gaussian", "class").fit(TestSpark.frame(spark, bad, 1)));
    assertEquals(java.util.Optional.of("measure"), gaussianClass.setting());
    assertTrue(gaussianClass.getMessage().startsWith("measure: 'class' does not apply to a"
        + " gaussian path"), gaussianClass.getMessage());
    InputException poissonAuc = assertThrows(InputException.class,
        () -> estimator("poisson", "auc").fit(TestSpark.frame(spark, bad, 1)));
    assertTrue(poissonAuc.getMessage().startsWith("measure: 'auc' does not apply to a poisson"
        + " path"), poissonAuc.getMessage());
  }

  private static TestSpark.JobResult run(String... args) {
    return TestSpark.runPathJob(spark, args);
  }

  /** The binomial rows with their fold numbers, as classes.csv in {@code dir}: x…, y, fold. */
  private Path classesCsv(Path dir) throws IOException {
    double[] y = binomial();
    StringBuilder csv = new StringBuilder(String.join(",", names)).append(",y,fold\n");
    for (int i = 0; i < y.length; i++) {
      for (double v : table.x()[i]) {
        csv.append(v).append(',');
      }
      csv.append((int) y[i]).append(',').append(table.folds()[i]).append('\n');
    }
    return Files.writeString(dir.resolve("classes.csv"), csv.toString());
  }

  @Test
  void pathJob_cvMeasureClass_writesTheMisclassificationCurve_andRefusesBadValues(
      @TempDir Path dir) throws IOException {
    Path data = classesCsv(dir);
    Path out = dir.resolve("out");
    var ok = run("--data", data.toString(), "--target", "y", "--family", "binomial",
        "--fold-column", "fold", "--cv-folds", "3", "--nlambda", String.valueOf(LAMBDAS),
        "--tol", String.valueOf(TOLERANCE), "--cv-measure", "class", "--out", out.toString());
    assertEquals(0, ok.code(), ok.err());
    JsonNode cv = Json.MAPPER.readTree(out.resolve("path.json").toFile()).get("cv");
    assertEquals("class", cv.get("measure").asText(), "path.json's cv.measure");
    CvResult expected = core(Family.BINOMIAL, binomial(), ones(), CvMeasure.MISCLASSIFICATION);
    assertEquals(expected.mean().length, cv.get("mean").size(), "path.json's λ count");
    for (int l = 0; l < expected.mean().length; l++) {
      assertEquals(expected.mean()[l], cv.get("mean").get(l).asDouble(),
          1e-8 * expected.mean()[l], "path.json's cv.mean at λ #" + l);
    }

    var unknown = run("--data", data.toString(), "--target", "y", "--cv-folds", "3",
        "--cv-measure", "rmse", "--out", out.toString());
    assertEquals(2, unknown.code());
    assertEquals("tikhonov-spark: --cv-measure rmse: not a cross-validation measure; expected"
        + " deviance, mse, mae, class or auc", unknown.err().strip());
    var gaussianClass = run("--data", data.toString(), "--target", "y", "--cv-folds", "3",
        "--cv-measure", "class", "--out", out.toString());
    assertEquals(2, gaussianClass.code());
    assertTrue(gaussianClass.err().startsWith("tikhonov-spark: --cv-measure: 'class' does not"
        + " apply to a gaussian path"), gaussianClass.err());
    var auc = run("--data", data.toString(), "--target", "y", "--family", "multinomial",
        "--cv-folds", "3", "--cv-measure", "auc", "--out", out.toString());
    assertEquals(2, auc.code());
    assertTrue(auc.err().startsWith("tikhonov-spark: --cv-measure: 'auc' does not apply to a"
        + " multinomial path"), auc.err());
    var noCv = run("--data", data.toString(), "--target", "y", "--cv-measure", "mse",
        "--out", out.toString());
    assertEquals(2, noCv.code());
    assertEquals("tikhonov-spark: --cv-measure mse scores the cross-validation: add"
        + " --cv-folds K or --fold-column COLUMN", noCv.err().strip());
    assertEquals(1, auc.err().strip().lines().count(), "one line");
  }

  /**
   * PathJob's warning that λ_min is the sequence's smallest λ speaks of the AUC as the mean AUC
   * still rising (path.json's cv.lambda_min_warning, the same sentence), not of a held-out loss
   * still falling: three λ from λ_max to λ_max/2, the AUC largest at the last.
   */
  @Test
  void pathJob_aucLargestAtTheSequencesEnd_warnsOfTheAucStillRising(@TempDir Path dir)
      throws IOException {
    Path data = classesCsv(dir);
    Path out = dir.resolve("out");
    var r = run("--data", data.toString(), "--target", "y", "--family", "binomial",
        "--fold-column", "fold", "--cv-folds", "3", "--nlambda", "3", "--lambda-min-ratio",
        "0.5", "--tol", String.valueOf(TOLERANCE), "--cv-measure", "auc", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode cv = Json.MAPPER.readTree(out.resolve("path.json").toFile()).get("cv");
    String warning = cv.get("lambda_min_warning").asText();
    assertTrue(warning.contains("the mean AUC was still rising"), warning);
    assertTrue(r.err().contains("tikhonov-spark: warning: " + warning), r.err());
    assertTrue(!r.err().contains("held-out loss"), r.err());
  }
}
