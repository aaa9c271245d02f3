package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.CrossValidatedPath;
import dev.tikhonov.estimate.ElasticNet;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.select.FoldException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code maxEverActive} param (glmnet's {@code pmax}) on Spark in local[2], on data/'s
 * files: the path ends before the λ whose fit brings more features into the active set than
 * allowed, and where the IRLS's count is the core's, path and cross-validation equal the core's
 * {@code ElasticNetCV} with the same limit and folds (gaussian from the statistics; binomial,
 * Poisson and multinomial by the distributed IRLS, which counts the features its steps'
 * coordinate descent makes nonzero). Its steps are not the core's, so at some limits fewer
 * features pass through its active set and its path ends later: {@link
 * #whereTheCountsDiffer_theLimitStillHolds_andThePathEndsNoEarlier} measures those, and
 * docs/spark.md lists them. The core's counts are glmnet's for these data
 * (MaxEverActiveGlmnetTest; ref/pmax/*-lengths.csv, read here too).
 */
class SparkMaxEverActiveTest {
  private static final Path DATA = Path.of("..", "data");
  private static final Path PMAX = SparkElasticNetFitTest.REF.resolve("pmax");
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  private static dev.tikhonov.data.Dataset diabetes() {
    return dev.tikhonov.data.Dataset.read(DATA.resolve("diabetes.csv"), "progression",
        TargetKind.REAL);
  }

  private static dev.tikhonov.data.Dataset breastCancer() {
    return CsvReader.read(DATA.resolve("breast_cancer.csv"), "diagnosis", TargetKind.CLASS,
        CsvOptions.defaults().withIgnoredColumns("id"));
  }

  /** cgd's infection counts without the follow-up time (Spark fits have no offset). */
  private static dev.tikhonov.data.Dataset cgd() {
    return CsvReader.read(DATA.resolve("cgd.csv"), "infections", TargetKind.REAL,
        CsvOptions.defaults().withIgnoredColumns("id", "followup_days", "log_followup_years"));
  }

  private static dev.tikhonov.data.Dataset wine() {
    return dev.tikhonov.data.Dataset.read(DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS);
  }

  private static int[] folds(int n, int k) {
    return IntStream.range(0, n).map(i -> i % k + 1).toArray();
  }

  /** The data set's rows with weight 1 and fold ids (i mod 5) + 1, in 2 slices. */
  private static Dataset<Row> frame(dev.tikhonov.data.Dataset d) {
    double[] y = d.isClassification()
        ? Arrays.stream(d.labels()).asDoubleStream().toArray() : d.targets();
    double[] w = new double[y.length];
    Arrays.fill(w, 1.0);
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(SparkElasticNetFitTest.rows(d.featureRows(), y, w, folds(y.length, 5)), 2),
        SparkElasticNetFitTest.SCHEMA);
  }

  private static SparkElasticNetCV estimator(String family) {
    return new SparkElasticNetCV().setFamily(family).setFoldCol("fold").setNumFolds(5)
        .setTolerance(1e-10);
  }

  private static ElasticNetCV.Builder<?> core(String family) {
    ElasticNetCV.Builder<?> b = switch (family) {
      case "gaussian" -> ElasticNetCV.gaussian();
      case "binomial" -> ElasticNetCV.binomial();
      case "poisson" -> ElasticNetCV.poisson();
      default -> ElasticNetCV.multinomial();
    };
    return b.tolerance(1e-10).threads(2);
  }

  /** glmnet 4.1-6's number of λ with pmax = k (make_pmax.R's CASE-lengths.csv). */
  private static int glmnetLength(String name, int k) throws IOException {
    List<String> lines = Files.readAllLines(PMAX.resolve(name + "-lengths.csv"));
    String[] row = lines.get(k + 1).split(",");
    assertEquals(k, Integer.parseInt(row[0]));
    return Integer.parseInt(row[1]);
  }

  /**
   * The Spark fit against the core's on the same folds and limit: λ, length, df, deviance
   * ratios, the ending (the limit, the λ it ended after; the count it stopped at can differ),
   * the CV mean and SE over the first {@code cvLambdas} λ (all: and λ_min, λ_1se); and the
   * limit bit: the path without it is longer.
   */
  private static void assertSameAsTheCore(String what, CrossValidatedPath<?> core,
      PathSolution free, SparkElasticNetModel spark, int cvLambdas) {
    PathSolution expected = core.path().solution();
    PathSolution actual = spark.path();
    assertEquals(PathSolution.Ending.EVER_ACTIVE_LIMIT, expected.end().reason(), what);
    assertTrue(free.size() > expected.size(), what + ": the limit shortens the path");
    assertEquals(expected.size(), actual.size(), what + ": " + actual.end().message());
    assertEquals(upToTheCount(expected.end().message()), upToTheCount(actual.end().message()),
        what);
    assertArrayEquals(expected.degreesOfFreedom(), actual.degreesOfFreedom(), what + ": df");
    for (int l = 0; l < expected.size(); l++) {
      assertEquals(expected.lambdas()[l], actual.lambdas()[l], 1e-12 * expected.lambdas()[0],
          what + ": λ #" + (l + 1));
      assertEquals(expected.devianceRatio()[l], actual.devianceRatio()[l], 1e-8,
          what + ": deviance ratio at λ #" + (l + 1));
    }
    assertEquals(core.cv().lambdas().length, spark.cv().lambdas().length, what);
    for (int l = 0; l < Math.min(cvLambdas, core.cv().lambdas().length); l++) {
      assertEquals(core.cv().mean()[l], spark.cv().mean()[l],
          1e-6 * core.cv().mean()[l], what + ": CV mean at λ #" + (l + 1));
      assertEquals(core.cv().standardError()[l], spark.cv().standardError()[l],
          1e-5 * core.cv().standardError()[l], what + ": CV SE at λ #" + (l + 1));
    }
    if (cvLambdas >= core.cv().lambdas().length) {
      assertEquals(core.indexMin(), spark.cv().indexMin(), what + ": λ_min");
      assertEquals(core.index1se(), spark.cv().index1se(), what + ": λ_1se");
    }
  }

  /** An ending's message without the count of the fit it stopped before. */
  private static String upToTheCount(String message) {
    return message.replaceAll(" brought \\d+ features .*", "");
  }

  /**
   * The λ whose CV the IRLS families' folds give as the core's: each fold path ends at its own
   * count, which can differ from the core's fold's (the full paths' counts differ at other
   * limits: {@link #whereTheCountsDiffer_theLimitStillHolds_andThePathEndsNoEarlier}), and from
   * there it is scored at its last λ; these first λ are before any fold's end.
   */
  private static final int IRLS_CV_LAMBDAS = 8;

  @Test
  void gaussian_pathAndCv_equalTheCores_andGlmnetsLength() throws IOException {
    dev.tikhonov.data.Dataset d = diabetes();
    SparkElasticNetModel model = estimator("gaussian").setMaxEverActive(7).fit(frame(d));
    var core = core("gaussian").foldIds(folds(d.numRows(), 5)).maxEverActive(7).build()
        .crossValidate(d);
    PathSolution free = ElasticNet.gaussian().tolerance(1e-10).build().path(d).solution();
    assertSameAsTheCore("diabetes, 7", core, free, model, Integer.MAX_VALUE);
    assertEquals(core.path().solution().end().message(), model.path().end().message());
    assertEquals(glmnetLength("diabetes-lasso", 7), model.path().size());
  }

  /** Breast cancer at 6: 15 λ (glmnet's too), though 6 features pass through at λ #2. */
  @Test
  void binomial_pathAndCv_equalTheCores_andGlmnetsLength() throws IOException {
    dev.tikhonov.data.Dataset d = breastCancer();
    SparkElasticNetModel model = estimator("binomial").setMaxEverActive(6).fit(frame(d));
    var core = core("binomial").foldIds(folds(d.numRows(), 5)).maxEverActive(6).build()
        .crossValidate(d);
    PathSolution free = ElasticNet.binomial().tolerance(1e-10).build().path(d).solution();
    assertSameAsTheCore("breast cancer, 6", core, free, model, IRLS_CV_LAMBDAS);
    assertEquals(glmnetLength("breast_cancer", 6), model.path().size());
    // 6 features passed through the active set at λ #2, though its model has 2
    assertEquals(2, model.path().degreesOfFreedom()[1]);
  }

  @Test
  void poisson_pathAndCv_equalTheCores() {
    dev.tikhonov.data.Dataset d = cgd();
    SparkElasticNetModel model = estimator("poisson").setMaxEverActive(4).fit(frame(d));
    var core = core("poisson").foldIds(folds(d.numRows(), 5)).maxEverActive(4).build()
        .crossValidate(d);
    PathSolution free = ElasticNet.poisson().tolerance(1e-10).build().path(d).solution();
    assertSameAsTheCore("cgd, 4", core, free, model, IRLS_CV_LAMBDAS);
  }

  @Test
  void multinomial_pathAndCv_equalTheCores_andGlmnetsLength() throws IOException {
    dev.tikhonov.data.Dataset d = wine();
    SparkElasticNetModel model = estimator("multinomial").setMaxEverActive(6).fit(frame(d));
    var core = core("multinomial").foldIds(folds(d.numRows(), 5)).maxEverActive(6).build()
        .crossValidate(d);
    PathSolution free = ElasticNet.multinomial().tolerance(1e-10).build().path(d).solution();
    assertSameAsTheCore("wine, 6", core, free, model, IRLS_CV_LAMBDAS);
    assertEquals(glmnetLength("wine", 6), model.path().size());
  }

  /**
   * The features nonzero in any class at any λ of the path, which every count of the features
   * ever active includes.
   */
  private static int nonzeroAlongThePath(PathSolution path) {
    BitSet seen = new BitSet();
    for (double[][] b : path.coefficients()) {
      for (double[] bc : b) {
        for (int j = 0; j < bc.length; j++) {
          if (bc[j] != 0) {
            seen.set(j);
          }
        }
      }
    }
    return seen.cardinality();
  }

  /**
   * Where the IRLS's steps let fewer features through the active set than the core's (and
   * glmnet's) steps: breast cancer at 7 (core and glmnet 16 λ), wine at 8 (22), cgd at 6 (13).
   * The path still ends at the limit, no earlier than the core's, every feature nonzero along
   * it counted, and the fit it stops before has more than the limit.
   */
  @Test
  void whereTheCountsDiffer_theLimitStillHolds_andThePathEndsNoEarlier() throws IOException {
    record Case(String family, dev.tikhonov.data.Dataset data, int limit,
        IntFunction<PathSolution> core) {}
    for (Case c : List.of(
        new Case("binomial", breastCancer(), 7, k -> ElasticNet.binomial().maxEverActive(k)
            .tolerance(1e-10).build().path(breastCancer()).solution()),
        new Case("multinomial", wine(), 8, k -> ElasticNet.multinomial().maxEverActive(k)
            .tolerance(1e-10).build().path(wine()).solution()),
        new Case("poisson", cgd(), 6, k -> ElasticNet.poisson().maxEverActive(k)
            .tolerance(1e-10).build().path(cgd()).solution()))) {
      String what = c.family() + ", " + c.limit();
      PathSolution path = estimator(c.family()).setMaxEverActive(c.limit())
          .pathOnly(frame(c.data())).path();
      PathSolution core = c.core().apply(c.limit());
      assertEquals(PathSolution.Ending.EVER_ACTIVE_LIMIT, path.end().reason(), what);
      assertTrue(path.size() >= core.size(), what + ": " + path.size() + " λ, the core "
          + core.size());
      assertTrue(nonzeroAlongThePath(path) <= c.limit(), what);
      String stop = path.end().message();
      int brought = Integer.parseInt(stop.replaceAll(".* brought (\\d+) features .*", "$1"));
      assertTrue(brought > c.limit(), stop);
      assertTrue(stop.contains("ended it after " + path.size() + " of "), stop);
      System.out.printf("%s: Spark %d λ, the core %d%n", what, path.size(), core.size());
    }
    assertEquals(16, glmnetLength("breast_cancer", 7));
    assertEquals(22, glmnetLength("wine", 8));
  }

  /**
   * A λ sequence of one's own is cut by the limit too (unlike maxFeatures), as the core's (no
   * earlier); a
   * first λ that already exceeds it is refused with the core's message, and so is a ridge
   * path (every feature enters at its first λ); in a fold, naming the fold.
   */
  @Test
  void ownLambdas_areCut_andAFirstLambdaOverTheLimitIsRefusedAsTheCoresIs() {
    dev.tikhonov.data.Dataset d = breastCancer();
    Dataset<Row> f = frame(d);
    double[] lambdas = Arrays.copyOf(estimator("binomial").pathOnly(f).path().lambdas(), 30);
    PathSolution own = estimator("binomial").setLambdas(lambdas).setMaxEverActive(8)
        .pathOnly(f).path();
    PathSolution core = ElasticNet.binomial().lambdas(lambdas).maxEverActive(8)
        .tolerance(1e-10).build().path(d).solution();
    assertEquals(PathSolution.Ending.EVER_ACTIVE_LIMIT, own.end().reason());
    assertTrue(own.size() < 30, own.end().message());
    // the count differs here (Spark 26 λ, the core 24): the path ends no earlier
    assertTrue(own.size() >= core.size(), own.end().message() + "; the core: "
        + core.end().message());
    assertTrue(nonzeroAlongThePath(own) <= 8, own.end().message());

    double[] low = Arrays.copyOfRange(lambdas, 20, 30);
    InputException coreRefusal = assertThrows(InputException.class, () -> ElasticNet
        .binomial().lambdas(low).maxEverActive(3).tolerance(1e-10).build().path(d));
    InputException sparkRefusal = assertThrows(InputException.class, () -> estimator("binomial")
        .setLambdas(low).setMaxEverActive(3).fit(f));
    assertEquals(coreRefusal.getMessage(), sparkRefusal.getMessage());
    assertFalse(sparkRefusal instanceof FoldException,
        "the fit of all rows refuses first, not a fold");
    assertEquals("maxEverActive", sparkRefusal.setting().orElse(""));

    InputException coreRidge = assertThrows(InputException.class, () -> ElasticNet.poisson()
        .l1Ratio(0).maxEverActive(5).tolerance(1e-10).build().path(cgd()));
    InputException sparkRidge = assertThrows(InputException.class, () -> estimator("poisson")
        .setL1Ratio(0).setMaxEverActive(5).pathOnly(frame(cgd())));
    assertEquals(coreRidge.getMessage(), sparkRidge.getMessage());
    assertTrue(sparkRidge.getMessage().contains("raise the limit to the number of features"),
        sparkRidge.getMessage());
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
    assertEquals(OptionalInt.empty(), cv.getMaxEverActive());
    assertEquals(OptionalInt.empty(), cv.pathSettings().maxEverActive());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cv.setMaxEverActive(-1));
    assertTrue(e.getMessage().contains("parameter maxEverActive given invalid value -1"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> cv.set(cv.maxEverActive(), -2));
    assertThrows(IllegalArgumentException.class,
        () -> new org.apache.spark.ml.param.ParamMap().put(cv.maxEverActive().w(-3)));
    assertEquals(OptionalInt.empty(), cv.getMaxEverActive(), "refused values are not kept");
    cv.setMaxEverActive(0);
    assertEquals(OptionalInt.of(0), cv.getMaxEverActive());
    assertEquals(OptionalInt.of(0), cv.pathSettings().maxEverActive());

    SparkElasticNetModel model = estimator("poisson").setMaxEverActive(2).fit(frame(cgd()));
    assertEquals(PathSolution.Ending.EVER_ACTIVE_LIMIT, model.path().end().reason());
    assertEquals(2, model.toLinearModel().provenance().settings().get("max_ever_active"));
    String saved = dir.resolve("model").toString();
    model.write().save(saved);
    SparkElasticNetModel loaded = SparkElasticNetModel.load(saved);
    assertEquals(model.path().size(), loaded.path().size());
    assertEquals(model.path().end(), loaded.path().end());
    assertArrayEquals(model.path().lambdas(), loaded.path().lambdas());
    assertEquals(model.selectedLambda(), loaded.selectedLambda());
  }
}
