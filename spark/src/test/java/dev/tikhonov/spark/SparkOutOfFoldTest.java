package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.KFold;
import dev.tikhonov.select.OutOfFoldPredictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkElasticNetModel#outOfFold} in local[2]: every row's out-of-fold linear predictor at
 * every λ equals the core's {@link OutOfFoldPredictions} (cv.glmnet's {@code fit.preval}, which
 * the core's OutOfFoldGlmnetTest checks against glmnet 4.1-6) of the single-machine
 * cross-validation on the same rows, weights, folds and settings, for every route of the Spark
 * cross-validation: gaussian from the statistics (default sequence, interpolated, and a sequence
 * of one's own), gaussian scored by the MAE (the rows pass), binomial (scored by the deviance
 * and by the AUC), Poisson and multinomial (distributed IRLS), and the content-hashed random
 * folds; and, directly, cv.glmnet's fit.preval on diabetes. Relative to max(1, |η|): 1e-8 for
 * gaussian and Poisson, 1e-6 for binomial and multinomial (SparkMaxFeaturesTest's). Each case
 * also checks that the predictions are not the full model's: a fold scored with the path of all
 * rows would differ by far more.
 */
class SparkOutOfFoldTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  /** Features (the first p columns of a reference file's rows), label, weights, fold ids. */
  private record Data(double[][] x, double[] y, double[] w, int[] folds) {
    static Data of(double[][] rows, int n, int p, int label, int numFolds) {
      double[][] x = new double[n][];
      double[] y = new double[n];
      double[] w = new double[n];
      int[] folds = new int[n];
      for (int i = 0; i < n; i++) {
        x[i] = Arrays.copyOf(rows[i], p);
        y[i] = rows[i][label];
        w[i] = 0.5 + 0.5 * (i % 4);
        folds[i] = i % numFolds + 1;
      }
      return new Data(x, y, w, folds);
    }

    Dataset<Row> frame() {
      return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
          .parallelize(SparkElasticNetFitTest.rows(x, y, w, folds), 2),
          SparkElasticNetFitTest.SCHEMA);
    }
  }

  private static SparkElasticNetCV estimator(String family, int numFolds) {
    return new SparkElasticNetCV().setFamily(family).setFoldCol("fold").setWeightCol("weight")
        .setNumFolds(numFolds).setNumLambdas(30).setTolerance(1e-10).setKeepOutOfFold(true);
  }

  /** The core's cross-validation with the out-of-fold predictions kept, on the same rows. */
  private static OutOfFoldPredictions core(Family family, Data d, int[] folds,
      SparkElasticNetCV estimator, SparkElasticNetModel model, CvMeasure measure) {
    List<String> classes = model.path().classNames();
    CrossValidation.Fit fit = CrossValidation.path(family, d.x(), d.y(),
        Observations.ofWeights(d.w()), estimator.pathSettings(), model.path().featureNames(),
        family.isClassification() ? classes : List.of(), KFold.of(folds),
        CrossValidation.Alignment.INTERPOLATE, measure,
        CrossValidation.Keep.OUT_OF_FOLD_PREDICTIONS, 2);
    assertArrayEquals(fit.path().lambdas(), model.path().lambdas(), 1e-10
        * fit.path().lambdas()[0], "the same path, first");
    return fit.outOfFold().orElseThrow();
  }

  /**
   * Spark's rows (in data order) against the core's: the fold of each row, then η at every λ
   * and output within {@code tolerance}·max(1, |η|); and at some row and λ the prediction is
   * not the full path's own (the fold paths are not the full fit). Returns the folds Spark gave.
   */
  private static int[] assertSame(SparkElasticNetModel model, Dataset<Row> data,
      OutOfFoldPredictions expected, double tolerance) {
    List<Row> rows = model.outOfFold(data).select("features", "outOfFold").collectAsList();
    assertEquals(expected.numRows(), rows.size(), "rows");
    int m = expected.numLambdas();
    Family family = model.family();
    double worst = 0;
    double fromFull = 0;
    int[] folds = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Row oof = rows.get(i).getStruct(1);
      folds[i] = oof.getInt(0);
      assertEquals(expected.foldId(i), folds[i], "fold of row " + i);
      double[][] eta = OutOfFoldScorer.linearPredictors(oof, family);
      assertEquals(m, eta.length, "λ of row " + i);
      double[] x = ((org.apache.spark.ml.linalg.Vector) rows.get(i).get(0)).toArray();
      for (int l = 0; l < m; l++) {
        assertEquals(expected.numOutputs(), eta[l].length, "outputs");
        for (int k = 0; k < expected.numOutputs(); k++) {
          double e = expected.linearPredictor(i, k, l);
          worst = Math.max(worst, Math.abs(eta[l][k] - e) / Math.max(1, Math.abs(e)));
          double full = model.path().intercepts()[l][k];
          for (int j = 0; j < x.length; j++) {
            full += x[j] * model.path().coefficients()[l][k][j];
          }
          fromFull = Math.max(fromFull, Math.abs(eta[l][k] - full) / Math.max(1,
              Math.abs(full)));
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s: out-of-fold η within %.2g of the core's; %.2g from"
        + " the full path's%n", family, worst, fromFull);
    assertTrue(worst <= tolerance, String.format(Locale.ROOT, "%s: out-of-fold η %.3g from the"
        + " core's (allowed %.1g)", family, worst, tolerance));
    assertTrue(fromFull > 1e3 * tolerance, "the fold paths are not the full one's: "
        + fromFull);
    return folds;
  }

  @Test
  void gaussian_fromTheStatistics_isTheCoresOutOfFold() throws IOException {
    Data d = Data.of(SparkElasticNetFitTest.csv("gauss.csv.gz"), 400, 20, 50, 5);
    SparkElasticNetCV cv = estimator("gaussian", 5);
    SparkElasticNetModel model = cv.fit(d.frame());
    assertTrue(model.getKeepOutOfFold());
    assertSame(model, d.frame(), core(Family.GAUSSIAN, d, d.folds(), cv, model,
        CvMeasure.DEVIANCE), 1e-8);
    // a sequence of one's own: every fold at exactly those λ
    double[] lambdas = Arrays.copyOfRange(model.path().lambdas(), 2, 14);
    SparkElasticNetCV given = estimator("gaussian", 5).setLambdas(lambdas);
    SparkElasticNetModel fixed = given.fit(d.frame());
    assertSame(fixed, d.frame(), core(Family.GAUSSIAN, d, d.folds(), given, fixed,
        CvMeasure.DEVIANCE), 1e-8);
  }

  /**
   * Directly against glmnet 4.1-6: cv.glmnet(keep = TRUE)'s fit.preval on diabetes with its
   * foldid at thresh 1e-14 (core/src/test/resources/ref/real/diabetes-out-of-fold-exact.csv.gz,
   * made by ref/make_out_of_fold.R; the core's OutOfFoldGlmnetTest allows 1e-5), from the
   * statistics route at tolerance 1e-10.
   */
  @Test
  void gaussian_diabetes_isCvGlmnetsFitPreval() throws IOException {
    List<String> lines = java.nio.file.Files.readAllLines(Path.of("..", "data", "diabetes.csv"));
    int n = lines.size() - 1;
    double[][] rows = lines.subList(1, lines.size()).stream().map(l -> Arrays.stream(
        l.split(",")).mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
    int p = rows[0].length - 1;
    int[] folds = KFold.read(SparkElasticNetFitTest.REF.resolve("real")
        .resolve("diabetes-foldid.csv"), n).foldIds();
    int k = Arrays.stream(folds).max().getAsInt();
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    Data d = new Data(Arrays.stream(rows).map(r -> Arrays.copyOf(r, p)).toArray(double[][]::new),
        Arrays.stream(rows).mapToDouble(r -> r[p]).toArray(), ones, folds);
    SparkElasticNetModel model = new SparkElasticNetCV().setFoldCol("fold").setNumFolds(k)
        .setTolerance(1e-10).setKeepOutOfFold(true).fit(d.frame());
    List<Row> got = model.outOfFold(d.frame()).select("outOfFold").collectAsList();
    List<String> ref;
    try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
        new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(
            SparkElasticNetFitTest.REF.resolve("real")
                .resolve("diabetes-out-of-fold-exact.csv.gz"))),
        java.nio.charset.StandardCharsets.UTF_8))) {
      ref = in.lines().toList();
    }
    assertEquals(n + 1, ref.size(), "rows");
    assertEquals(model.path().size() + 1, ref.get(0).split(",").length, "fold and one per λ");
    double worst = 0;
    for (int i = 0; i < n; i++) {
      double[] theirs = Arrays.stream(ref.get(i + 1).split(",")).mapToDouble(
          Double::parseDouble).toArray();
      Row oof = got.get(i).getStruct(0);
      assertEquals((int) theirs[0], oof.getInt(0), "fold of row " + i);
      double[][] eta = OutOfFoldScorer.linearPredictors(oof, Family.GAUSSIAN);
      for (int l = 0; l < eta.length; l++) {
        worst = Math.max(worst, Math.abs(eta[l][0] - theirs[l + 1])
            / Math.max(1, Math.abs(theirs[l + 1])));
      }
    }
    System.out.printf(Locale.ROOT, "diabetes: out-of-fold η within %.2g of glmnet's%n", worst);
    assertTrue(worst <= 1e-5, "out-of-fold η " + worst + " from cv.glmnet's fit.preval");
  }

  @Test
  void gaussian_scoredByTheMae_isTheCoresOutOfFold() throws IOException {
    Data d = Data.of(SparkElasticNetFitTest.csv("gauss.csv.gz"), 400, 20, 50, 4);
    SparkElasticNetCV cv = estimator("gaussian", 4).setMeasure("mae");
    SparkElasticNetModel model = cv.fit(d.frame());
    assertSame(model, d.frame(), core(Family.GAUSSIAN, d, d.folds(), cv, model,
        CvMeasure.MEAN_ABSOLUTE_ERROR), 1e-8);
  }

  @Test
  void binomial_isTheCoresOutOfFold() throws IOException {
    Data d = Data.of(SparkBinomialFitTest.refCsv("binom.csv"), 1000, 20, 20, 5);
    SparkElasticNetCV cv = estimator("binomial", 5);
    SparkElasticNetModel model = cv.fit(d.frame());
    assertSame(model, d.frame(), core(Family.BINOMIAL, d, d.folds(), cv, model,
        CvMeasure.DEVIANCE), 1e-6);
    // scored by the AUC (a pass of its own, with a shuffle): the same fold paths kept
    SparkElasticNetCV auc = estimator("binomial", 5).setMeasure("auc");
    SparkElasticNetModel ranked = auc.fit(d.frame());
    assertSame(ranked, d.frame(), core(Family.BINOMIAL, d, d.folds(), auc, ranked,
        CvMeasure.AUC), 1e-6);
  }

  @Test
  void poisson_isTheCoresOutOfFold() throws IOException {
    Data d = Data.of(SparkBinomialFitTest.refCsv("pois.csv"), 400, 8, 8, 5);
    SparkElasticNetCV cv = estimator("poisson", 5);
    SparkElasticNetModel model = cv.fit(d.frame());
    assertSame(model, d.frame(), core(Family.POISSON, d, d.folds(), cv, model,
        CvMeasure.DEVIANCE), 1e-8);
  }

  @Test
  void multinomial_isTheCoresOutOfFold_perClass() throws IOException {
    Data d = Data.of(SparkBinomialFitTest.refCsv("multi.csv"), 600, 10, 10, 5);
    SparkElasticNetCV cv = estimator("multinomial", 5);
    SparkElasticNetModel model = cv.fit(d.frame());
    OutOfFoldPredictions expected = core(Family.MULTINOMIAL, d, d.folds(), cv, model,
        CvMeasure.DEVIANCE);
    assertEquals(List.of("0", "1", "2"), expected.outputs());
    assertSame(model, d.frame(), expected, 1e-6);
  }

  /**
   * Without a fold column each row is predicted by the fold the fit's content hash gave it
   * (RandomFolds): the core's cross-validation on the folds Spark reports gives the same
   * predictions, and the same CV curve, so those are the folds the fit used.
   */
  @Test
  void randomFolds_areTheFitsFolds() throws IOException {
    Data d = Data.of(SparkElasticNetFitTest.csv("gauss.csv.gz"), 300, 10, 50, 5);
    SparkElasticNetCV cv = estimator("gaussian", 5).setSeed(7);
    cv.clear(cv.foldCol());
    assertTrue(cv.getFoldCol().isEmpty());
    SparkElasticNetModel model = cv.fit(d.frame());
    int[] folds = model.outOfFold(d.frame()).select("outOfFold.fold").collectAsList().stream()
        .mapToInt(r -> r.getInt(0)).toArray();
    assertFalse(Arrays.equals(folds, d.folds()), "not the fold column's ids");
    for (int i = 0; i < folds.length; i++) {
      assertEquals(RandomFolds.fold(7, 5, d.y()[i], Vectors.dense(d.x()[i])), folds[i]);
    }
    CrossValidation.Fit fit = CrossValidation.path(Family.GAUSSIAN, d.x(), d.y(),
        Observations.ofWeights(d.w()), cv.pathSettings(), model.path().featureNames(),
        List.of(), KFold.of(folds), CrossValidation.Alignment.INTERPOLATE, CvMeasure.DEVIANCE,
        CrossValidation.Keep.OUT_OF_FOLD_PREDICTIONS, 2);
    assertArrayEquals(fit.cv().mean(), model.cv().mean(), 1e-8
        * fit.cv().mean()[0], "the fit's CV curve is on these folds");
    assertSame(model, d.frame(), fit.outOfFold().orElseThrow(), 1e-8);
  }

  /**
   * Without keepOutOfFold the model has none, and says how to get them; a saved model keeps
   * the param but not the fold paths (data-sized predictions are not saved), and says so;
   * another column named outOfFold is not replaced; a fold id outside 1..K is named.
   */
  @Test
  void notKept_loaded_orClashing_areRefusedWithTheirReason(@TempDir Path dir)
      throws IOException {
    Data d = Data.of(SparkBinomialFitTest.refCsv("pois.csv"), 200, 8, 8, 4);
    SparkElasticNetModel plain = new SparkElasticNetCV().setFamily("gaussian").setFoldCol("fold")
        .setNumFolds(4).setNumLambdas(10).fit(d.frame());
    assertFalse(plain.getKeepOutOfFold());
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> plain.outOfFold(d.frame()));
    assertTrue(none.getMessage().contains("setKeepOutOfFold(true)"), none.getMessage());

    SparkElasticNetModel kept = estimator("gaussian", 4).setNumLambdas(10).fit(d.frame());
    String saved = dir.resolve("model").toString();
    kept.write().save(saved);
    SparkElasticNetModel loaded = SparkElasticNetModel.load(saved);
    assertTrue(loaded.getKeepOutOfFold(), "the param is in the saved metadata");
    IllegalStateException gone = assertThrows(IllegalStateException.class,
        () -> loaded.outOfFold(d.frame()));
    assertTrue(gone.getMessage().contains("loaded"), gone.getMessage());
    SparkElasticNetModel copy = kept.copy(new org.apache.spark.ml.param.ParamMap());
    assertEquals(kept.path().size(), copy.outOfFold(d.frame())
        .select("outOfFold.linearPredictor").first().getList(0).size(), "a copy keeps them");

    InputException clash = assertThrows(InputException.class,
        () -> kept.outOfFold(d.frame().withColumnRenamed("weight", "outOfFold")));
    assertTrue(clash.getMessage().contains("'outOfFold'"), clash.getMessage());
    Dataset<Row> badFold = d.frame().withColumn("fold", org.apache.spark.sql.functions.lit(9));
    Exception bad = assertThrows(Exception.class, () -> SparkFailures.unwrap(
        () -> kept.outOfFold(badFold).collectAsList()));
    assertTrue(bad.getMessage().contains("column 'fold': 9.0, expected a fold id in 1..4"),
        bad.getMessage());
    assertEquals(IntStream.rangeClosed(1, 4).boxed().toList(), kept.outOfFold(d.frame())
        .select("outOfFold.fold").distinct().orderBy("fold").collectAsList().stream()
        .map(r -> r.getInt(0)).toList());
  }
}
