package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.estimate.CrossValidatedPath;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code maxFeatures} param (glmnet's {@code dfmax}) on Spark in local[2]: the path and its
 * cross-validation equal the core's {@code ElasticNetCV} with the same {@code maxFeatures} on the
 * same data and folds, for gaussian (from the statistics), binomial and Poisson (distributed
 * IRLS, {@link IrlsPathRecord}) and multinomial ({@link MultinomialIrls}); each path does end
 * at the limit (shorter than without it); a λ sequence of one's own is fitted whole.
 */
class SparkMaxFeaturesTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  /** Rows of {@code x}, {@code y} with weight 1 and fold ids (i mod k) + 1, in 2 slices. */
  private static Dataset<Row> frame(double[][] x, double[] y, int[] folds) {
    double[] w = new double[y.length];
    Arrays.fill(w, 1.0);
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(SparkElasticNetFitTest.rows(x, y, w, folds), 2),
        SparkElasticNetFitTest.SCHEMA);
  }

  private static int[] folds(int n, int k) {
    return IntStream.range(0, n).map(i -> i % k + 1).toArray();
  }

  /** A reference CSV's rows split into features (the first p columns) and the label. */
  private record Table(double[][] x, double[] y, List<String> names) {
    static Table of(double[][] rows, int p) {
      double[][] x = new double[rows.length][];
      double[] y = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        x[i] = Arrays.copyOf(rows[i], p);
        y[i] = rows[i][p];
      }
      List<String> names = IntStream.range(0, p).mapToObj(j -> "x" + (j + 1)).toList();
      return new Table(x, y, names);
    }

    int[] labels() {
      return Arrays.stream(y).mapToInt(v -> (int) v).toArray();
    }
  }

  private static SparkElasticNetCV estimator(String family, int numFolds, double tolerance) {
    return new SparkElasticNetCV().setFamily(family).setFoldCol("fold").setNumFolds(numFolds)
        .setTolerance(tolerance);
  }

  /**
   * The Spark fit against the core's on the same folds and limit: λ, length, df, the ending
   * (the feature limit, with the core's message), deviance ratios, the CV mean and SE; and the
   * limit bit: the path without it is longer, and the last λ kept has more than
   * {@code limit} features, those from the fifth to it at most that many.
   */
  private static void assertSameAsTheCore(CrossValidatedPath<?> core, CrossValidatedPath<?> free,
      SparkElasticNetModel spark, int limit, double pathTolerance, double cvTolerance) {
    PathSolution expected = core.path().solution();
    PathSolution actual = spark.path();
    assertEquals(PathSolution.Ending.FEATURE_LIMIT, expected.end().reason(), "the core's end");
    assertTrue(free.path().solution().size() > expected.size(), "the limit shortens the path");
    int[] df = expected.degreesOfFreedom();
    assertTrue(df[df.length - 1] > limit, Arrays.toString(df));
    for (int l = 4; l < df.length - 1; l++) {
      assertTrue(df[l] <= limit, "from the fifth λ on the first over the limit ends it: "
          + Arrays.toString(df));
    }
    SparkMultinomialFitTest.assertSamePath(expected, actual, pathTolerance);
    assertEquals(expected.end().message(), actual.end().message());
    assertArrayEquals(df, actual.degreesOfFreedom(), "df");
    assertEquals(core.cv().lambdas().length, spark.cv().lambdas().length);
    for (int l = 0; l < core.cv().lambdas().length; l++) {
      assertEquals(core.cv().mean()[l], spark.cv().mean()[l],
          cvTolerance * core.cv().mean()[l], "CV mean at λ #" + l);
      assertEquals(core.cv().standardError()[l], spark.cv().standardError()[l],
          10 * cvTolerance * core.cv().standardError()[l], "CV SE at λ #" + l);
    }
    assertEquals(core.indexMin(), spark.cv().indexMin(), "λ_min");
    assertEquals(core.index1se(), spark.cv().index1se(), "λ_1se");
  }

  @Test
  void gaussian_pathAndCv_equalTheCores() throws IOException {
    Table t = Table.of(SparkElasticNetFitTest.csv("gauss.csv.gz"), 50);
    int[] folds = folds(t.y().length, 5);
    SparkElasticNetModel model = estimator("gaussian", 5, 1e-10).setMaxFeatures(3)
        .fit(frame(t.x(), t.y(), folds));
    var data = dev.tikhonov.data.Dataset.of(t.x(), t.y(), t.names());
    var core = ElasticNetCV.gaussian().foldIds(folds).tolerance(1e-10).maxFeatures(3).threads(2)
        .build().crossValidate(data);
    var free = ElasticNetCV.gaussian().foldIds(folds).tolerance(1e-10).threads(2).build()
        .crossValidate(data);
    assertSameAsTheCore(core, free, model, 3, 1e-8, 1e-8);
  }

  @Test
  void binomial_pathAndCv_equalTheCores() throws IOException {
    Table t = Table.of(SparkBinomialFitTest.refCsv("binom.csv"), 20);
    int[] folds = folds(t.y().length, 10);
    SparkElasticNetModel model = estimator("binomial", 10, 1e-10).setMaxFeatures(5)
        .fit(frame(t.x(), t.y(), folds));
    var data = dev.tikhonov.data.Dataset.ofClasses(t.x(), t.labels(), List.of("0", "1"),
        t.names());
    var core = ElasticNetCV.binomial().foldIds(folds).tolerance(1e-10).maxFeatures(5).threads(2)
        .build().crossValidate(data);
    var free = ElasticNetCV.binomial().foldIds(folds).tolerance(1e-10).threads(2).build()
        .crossValidate(data);
    assertSameAsTheCore(core, free, model, 5, 1e-6, 1e-6);
  }

  @Test
  void poisson_pathAndCv_equalTheCores() throws IOException {
    Table t = Table.of(SparkBinomialFitTest.refCsv("pois.csv"), 8);
    int[] folds = folds(t.y().length, 5);
    SparkElasticNetModel model = estimator("poisson", 5, 1e-11).setMaxFeatures(4)
        .fit(frame(t.x(), t.y(), folds));
    var data = dev.tikhonov.data.Dataset.of(t.x(), t.y(), t.names());
    var core = ElasticNetCV.poisson().foldIds(folds).tolerance(1e-11).maxFeatures(4).threads(2)
        .build().crossValidate(data);
    var free = ElasticNetCV.poisson().foldIds(folds).tolerance(1e-11).threads(2).build()
        .crossValidate(data);
    assertSameAsTheCore(core, free, model, 4, 1e-8, 1e-8);
  }

  @Test
  void multinomial_pathAndCv_equalTheCores() throws IOException {
    Table t = Table.of(SparkBinomialFitTest.refCsv("multi.csv"), 10);
    int[] folds = folds(t.y().length, 5);
    SparkElasticNetModel model = estimator("multinomial", 5, 1e-10).setMaxFeatures(6)
        .fit(frame(t.x(), t.y(), folds));
    var data = dev.tikhonov.data.Dataset.ofClasses(t.x(), t.labels(), List.of("0", "1", "2"),
        t.names());
    var core = ElasticNetCV.multinomial().foldIds(folds).tolerance(1e-10).maxFeatures(6)
        .threads(2).build().crossValidate(data);
    var free = ElasticNetCV.multinomial().foldIds(folds).tolerance(1e-10).threads(2).build()
        .crossValidate(data);
    assertSameAsTheCore(core, free, model, 6, 1e-6, 1e-6);
  }

  /** A λ sequence of one's own is fitted whole, limit or not, as glmnet and the core fit it. */
  @Test
  void lambdasOfOnesOwn_areFittedWhole() throws IOException {
    Table t = Table.of(SparkBinomialFitTest.refCsv("binom.csv"), 20);
    int[] folds = folds(t.y().length, 5);
    double[] lambdas = Arrays.copyOf(estimator("binomial", 5, 1e-8)
        .fit(frame(t.x(), t.y(), folds)).path().lambdas(), 12);
    for (String family : List.of("binomial", "gaussian")) {
      SparkElasticNetModel model = estimator(family, 5, 1e-8).setLambdas(lambdas)
          .setMaxFeatures(1).fit(frame(t.x(), t.y(), folds));
      assertEquals(12, model.path().size(), family);
      assertEquals(PathSolution.Ending.ALL_LAMBDAS, model.path().end().reason(), family);
      assertTrue(Arrays.stream(model.path().degreesOfFreedom()).max().getAsInt() > 1,
          family + ": the limit would have ended it " + Arrays.toString(
              model.path().degreesOfFreedom()));
      assertEquals(12, model.cv().lambdas().length, family);
    }
  }

  /**
   * The param is validated as Spark's are (≥ 0; by its setter, set and a ParamMap), unset by
   * default, and passed into the path settings and the fit's provenance; a saved model loads
   * with the path it ended with.
   */
  @Test
  void param_isValidated_unsetByDefault_andReachesTheSettingsAndTheSavedModel(@TempDir Path dir)
      throws IOException {
    SparkElasticNetCV cv = new SparkElasticNetCV();
    assertEquals(OptionalInt.empty(), cv.getMaxFeatures());
    assertEquals(OptionalInt.empty(), cv.pathSettings().maxFeatures());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cv.setMaxFeatures(-1));
    assertTrue(e.getMessage().contains("parameter maxFeatures given invalid value -1"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> cv.set(cv.maxFeatures(), -2));
    assertThrows(IllegalArgumentException.class,
        () -> new org.apache.spark.ml.param.ParamMap().put(cv.maxFeatures().w(-3)));
    assertEquals(OptionalInt.empty(), cv.getMaxFeatures(), "refused values are not kept");
    cv.setMaxFeatures(0);
    assertEquals(OptionalInt.of(0), cv.getMaxFeatures());
    assertEquals(OptionalInt.of(0), cv.pathSettings().maxFeatures());

    Table t = Table.of(SparkBinomialFitTest.refCsv("pois.csv"), 8);
    SparkElasticNetModel model = estimator("poisson", 5, 1e-8).setMaxFeatures(2)
        .fit(frame(t.x(), t.y(), folds(t.y().length, 5)));
    assertEquals(PathSolution.Ending.FEATURE_LIMIT, model.path().end().reason());
    assertEquals(2, model.toLinearModel().provenance().settings().get("max_features"));
    String saved = dir.resolve("model").toString();
    model.write().save(saved);
    SparkElasticNetModel loaded = SparkElasticNetModel.load(saved);
    assertEquals(model.path().size(), loaded.path().size());
    assertEquals(model.path().end(), loaded.path().end());
    assertArrayEquals(model.path().lambdas(), loaded.path().lambdas());
    assertEquals(model.selectedLambda(), loaded.selectedLambda());
  }
}
