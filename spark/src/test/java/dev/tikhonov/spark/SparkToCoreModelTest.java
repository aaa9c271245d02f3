package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.LinearClassifier;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.estimate.Provenance;
import dev.tikhonov.internal.data.LibraryVersion;
import dev.tikhonov.internal.io.LinearModelFile;
import dev.tikhonov.loss.Family;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.DoubleUnaryOperator;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark fit becomes the core's model ({@link SparkElasticNetModel#toLinearModel()},
 * {@link SparkElasticNetModel#toLinearClassifier()}), is saved as a tikhonov model file, loads
 * with {@link Predictor#load} and predicts what the Spark model predicts, bit for bit. One small
 * fit per family (240 rows, 4 features, 3 folds, at most 10 λ), shared by the tests.
 */
class SparkToCoreModelTest {
  private static SparkSession spark;
  private static TestSpark.Table table;
  private static double[] binaryLabels;
  private static double[] classLabels;
  private static SparkElasticNetModel gaussian;
  private static SparkElasticNetModel binomial;
  private static SparkElasticNetModel multinomial;

  @TempDir Path dir;

  @BeforeAll
  static void fit() {
    spark = TestSpark.session("local[2]");
    table = TestSpark.table(240, 4, 3, 11);
    double[] sorted = table.y().clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    double third = sorted[sorted.length / 3];
    double twoThirds = sorted[2 * sorted.length / 3];
    binaryLabels = labels(y -> y >= median ? 1 : 0);
    classLabels = labels(y -> y < third ? 0 : y < twoThirds ? 1 : 2);
    // Weighted and standardized: the scales are weighted standard deviations (divisor W).
    gaussian = new SparkElasticNetCV().setWeightCol("weight").setFoldCol("fold").setNumFolds(3)
        .setL1Ratio(0.5).setNumLambdas(10).fit(frame(table.x(), table.y()));
    // The classifiers: λ ≥ 5% of λ_max (the classes are nearly separable). Random folds (the
    // seed is the fit's), the 1se rule, not standardized: every scale is 1.
    binomial = new SparkElasticNetCV().setFamily("binomial").setNumFolds(3).setSeed(5)
        .setNumLambdas(8).setLambdaMinRatio(0.05).setSelection("1se").setStandardize(false)
        .setProbabilityCol("probability").setRawPredictionCol("rawPrediction")
        .fit(frame(table.x(), binaryLabels));
    multinomial = new SparkElasticNetCV().setFamily("multinomial").setFoldCol("fold")
        .setNumFolds(3).setNumLambdas(8).setLambdaMinRatio(0.05)
        .setProbabilityCol("probability").fit(frame(table.x(), classLabels));
  }

  private static double[] labels(DoubleUnaryOperator rule) {
    return Arrays.stream(table.y()).map(rule).toArray();
  }

  /** The table with features x and {@code labels}, in 2 partitions (row order kept). */
  private static Dataset<Row> frame(double[][] x, double[] labels) {
    return TestSpark.frame(spark, new TestSpark.Table(x, labels, table.w(), table.folds()), 2);
  }

  /** The prediction column {@code transform} adds to the rows x, row by row. */
  private static double[] transformed(SparkElasticNetModel model, double[][] x) {
    return model.transform(frame(x, table.y())).select("prediction").collectAsList().stream()
        .mapToDouble(r -> r.getDouble(0)).toArray();
  }

  /** √(Σwᵢ(xᵢⱼ − x̄ⱼ)²/Σwᵢ), two passes: the standard deviation glmnet standardizes with. */
  private static double[] weightedStandardDeviations() {
    int p = table.x()[0].length;
    double total = Arrays.stream(table.w()).sum();
    double[] sd = new double[p];
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < table.n(); i++) {
        mean += table.w()[i] * table.x()[i][j] / total;
      }
      double squares = 0;
      for (int i = 0; i < table.n(); i++) {
        squares += table.w()[i] * (table.x()[i][j] - mean) * (table.x()[i][j] - mean);
      }
      sd[j] = Math.sqrt(squares / total);
    }
    return sd;
  }

  /** What every converted model's provenance says, and the settings that differ per fit. */
  private static void assertProvenance(SparkElasticNetModel model, Provenance provenance,
      Map<String, Object> expected, OptionalLong seed) {
    assertEquals("SparkElasticNetCV", provenance.estimator());
    assertEquals(OptionalInt.of(table.n()), provenance.trainingRows());
    assertEquals(LibraryVersion.current(), provenance.libraryVersion());
    assertEquals(seed, provenance.seed());
    assertTrue(provenance.fittedAt().isPresent());
    Map<String, Object> settings = provenance.settings();
    assertEquals(model.selectedLambda(), settings.get("lambda"));
    assertEquals(model.lambdaMin(), settings.get("lambda_min"));
    assertEquals(model.lambda1se(), settings.get("lambda_1se"));
    assertEquals(3, settings.get("num_folds"));
    expected.forEach((name, value) -> assertEquals(value, settings.get(name), name));
  }

  @Test
  void gaussian_toLinearModel_savedAndLoaded_predictsWhatTransformDoes_bitForBit() {
    LinearModel core = gaussian.toLinearModel();
    assertEquals(gaussian.selectedLambda(), core.lambda());
    assertEquals(0.5, core.l1Ratio());
    assertEquals(gaussian.intercept(), core.intercept());
    assertArrayEquals(gaussian.coefficients().toArray(), core.coefficients());
    assertEquals(gaussian.path().featureNames(), core.featureNames());
    Path file = dir.resolve("gaussian.safetensors");
    core.save(file);
    LinearModel loaded = (LinearModel) Predictor.load(file);
    assertEquals(core, loaded);
    assertEquals(Family.GAUSSIAN, loaded.family());
    assertArrayEquals(transformed(gaussian, table.x()), loaded.predict(table.x()), 0.0);
    for (int i = 0; i < 5; i++) {
      assertEquals(gaussian.predict(Vectors.dense(table.x()[i])), loaded.predict(
          new double[][] {table.x()[i]})[0], 0.0);
    }
    LinearModelFile.Contents contents = LinearModelFile.read(file);
    double[] expected = weightedStandardDeviations();
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], contents.penaltyScales()[j], 1e-9 * expected[j], "s" + j);
    }
    assertArrayEquals(new double[] {1, 1, 1, 1}, contents.penaltyFactors(), 0.0);
    assertProvenance(gaussian, loaded.provenance(), Map.of("family", "gaussian",
        "l1_ratio", 0.5, "standardize", true, "num_lambdas", 10, "fold_column", "fold",
        "weight_column", "weight", "rule", "min"), OptionalLong.empty());
  }

  /**
   * The binomial model's prediction column is the core model's predict, its probability column
   * the core's predictProba, bit for bit; the estimator's probabilityCol and rawPredictionCol
   * reach the model.
   */
  @Test
  void binomial_toLinearClassifier_savedAndLoaded_givesTheSparkClassesAndProbabilities_bitForBit() {
    LinearClassifier core = binomial.toLinearClassifier();
    assertEquals(binomial.selectedLambda(), core.lambda());
    assertEquals(binomial.lambda1se(), core.lambda());
    assertArrayEquals(new double[] {binomial.intercept()}, core.intercepts());
    assertArrayEquals(binomial.coefficients().toArray(), core.coefficients()[0]);
    assertEquals(List.of("0", "1"), core.classNames());
    Path file = dir.resolve("binomial.safetensors");
    core.save(file);
    LinearClassifier loaded = (LinearClassifier) Predictor.load(file);
    assertEquals(core, loaded);
    double[][] p = loaded.predictProba(table.x());
    double[] sparkClasses = transformed(binomial, table.x());
    assertArrayEquals(loaded.predict(table.x()), sparkClasses, 0.0, "the core's predict");
    List<Row> sparkProbabilities = binomial.transform(frame(table.x(), table.y()))
        .select("probability").collectAsList();
    int[] classes = loaded.predictClasses(table.x());
    int ones = 0;
    for (int i = 0; i < table.n(); i++) {
      assertArrayEquals(binomial.probabilities(Vectors.dense(table.x()[i])).toArray(), p[i],
          0.0, "row " + i);
      assertArrayEquals(p[i], ((org.apache.spark.ml.linalg.Vector) sparkProbabilities.get(i)
          .get(0)).toArray(), 0.0, "row " + i);
      assertEquals(classes[i], sparkClasses[i], 0.0, "row " + i);
      ones += classes[i];
    }
    assertTrue(ones > 0 && ones < table.n(), ones + " rows of class 1: both classes predicted");
    LinearModelFile.Contents contents = LinearModelFile.read(file);
    assertArrayEquals(new double[] {1, 1, 1, 1}, contents.penaltyFactors(), 0.0);
    assertArrayEquals(new double[] {1, 1, 1, 1}, contents.penaltyScales(), 0.0,
        "not standardized: every scale is 1");
    assertProvenance(binomial, loaded.provenance(), Map.of("family", "binomial",
        "l1_ratio", 1.0, "standardize", false, "seed", 5, "rule", "1se",
        "lambda_min_ratio", 0.05), OptionalLong.of(5));
    assertEquals(null, loaded.provenance().settings().get("fold_column"));
  }

  @Test
  void multinomial_toLinearClassifier_savedAndLoaded_givesTheSparkProbabilitiesAndClasses() {
    LinearClassifier core = multinomial.toLinearClassifier();
    assertEquals(multinomial.selectedLambda(), core.lambda());
    assertArrayEquals(multinomial.interceptVector().toArray(), core.intercepts());
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(multinomial.coefficientMatrix().apply(c, j), core.coefficients()[c][j]);
      }
    }
    assertEquals(List.of("0", "1", "2"), core.classNames());
    Path file = dir.resolve("multinomial.safetensors");
    core.save(file);
    LinearClassifier loaded = (LinearClassifier) Predictor.load(file);
    assertEquals(core, loaded);
    assertEquals(Family.MULTINOMIAL, loaded.family());
    double[][] p = loaded.predictProba(table.x());
    double[] sparkClasses = transformed(multinomial, table.x());
    // The estimator's probabilityCol reaches the model: the core's probabilities, as a column.
    List<Row> sparkProbabilities = multinomial.transform(frame(table.x(), table.y()))
        .select("probability").collectAsList();
    int[] classes = loaded.predictClasses(table.x());
    for (int i = 0; i < table.n(); i++) {
      assertArrayEquals(multinomial.probabilities(Vectors.dense(table.x()[i])).toArray(), p[i],
          0.0, "row " + i);
      assertArrayEquals(p[i], ((org.apache.spark.ml.linalg.Vector) sparkProbabilities.get(i)
          .get(0)).toArray(), 0.0, "row " + i);
      assertEquals(sparkClasses[i], classes[i], "row " + i);
    }
    double[] scales = LinearModelFile.read(file).penaltyScales();
    double[] unweighted = new double[4];
    for (int j = 0; j < 4; j++) {
      // The standard deviation with divisor n (every row weighs 1).
      int feature = j;
      double mean = Arrays.stream(table.x()).mapToDouble(r -> r[feature]).average().orElseThrow();
      unweighted[j] = Math.sqrt(Arrays.stream(table.x())
          .mapToDouble(r -> (r[feature] - mean) * (r[feature] - mean)).sum() / table.n());
      assertEquals(unweighted[j], scales[j], 1e-9 * unweighted[j], "s" + j);
    }
    assertProvenance(multinomial, loaded.provenance(), Map.of("family", "multinomial",
        "standardize", true, "fold_column", "fold", "rule", "min"), OptionalLong.empty());
  }

  @Test
  void conversionToTheOtherFamily_isRefused_namingTheMethodToCall() {
    IllegalStateException regression = assertThrows(IllegalStateException.class,
        gaussian::toLinearClassifier);
    assertEquals("a gaussian model is a regression: use toLinearModel()",
        regression.getMessage());
    IllegalStateException two = assertThrows(IllegalStateException.class,
        binomial::toLinearModel);
    assertEquals("a binomial model is a classifier: use toLinearClassifier()", two.getMessage());
    IllegalStateException three = assertThrows(IllegalStateException.class,
        multinomial::toLinearModel);
    assertEquals("a multinomial model is a classifier: use toLinearClassifier()",
        three.getMessage());
  }

  @Test
  void savedAndLoadedSparkModel_keepsWhatTheCoreModelNeeds() throws Exception {
    String path = dir.resolve("spark-model").toString();
    binomial.write().save(path);
    SparkElasticNetModel loaded = SparkElasticNetModel.load(path);
    LinearClassifier before = binomial.toLinearClassifier();
    LinearClassifier after = loaded.toLinearClassifier();
    assertEquals(before, after, "numbers, factors and scales");
    assertEquals(before.provenance(), after.provenance());
  }

  @Test
  void modelSavedBeforeTheScalesWereKept_predictsButIsNotConverted() throws Exception {
    SparkElasticNetModel old = SparkElasticNetModel.load(
        SparkElasticNetModelTest.resource("gaussian-before-penalty-scales"));
    assertEquals(SparkElasticNetModelTest.model().predict(Vectors.dense(1, 2, 3, 4)),
        old.predict(Vectors.dense(1, 2, 3, 4)), 0.0);
    InputException e = assertThrows(InputException.class, old::toLinearModel);
    assertEquals("this SparkElasticNetModel (" + old.uid() + ") was saved before the model "
        + "kept the scales its penalty acted on and its provenance, which a core model needs; "
        + "it still predicts, but to convert it, fit it again with SparkElasticNetCV",
        e.getMessage());
    assertThrows(IllegalStateException.class, old::toLinearClassifier);
  }

  /**
   * MLlib's BinaryClassificationEvaluator scores our rawPredictionCol as it scores MLlib's (its
   * element 1, η): the area under the ROC curve equals the one of the probabilityCol (element 1,
   * σ(η)) and the Mann–Whitney count of the core model's probabilities, ties counting ½.
   */
  @Test
  void binomial_rawPredictionCol_givesBinaryClassificationEvaluatorTheAucOfTheProbabilities() {
    Dataset<Row> scored = binomial.transform(frame(table.x(), binaryLabels));
    BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator().setLabelCol("label")
        .setMetricName("areaUnderROC");
    double fromRaw = auc.setRawPredictionCol("rawPrediction").evaluate(scored);
    double fromProbabilities = auc.setRawPredictionCol("probability").evaluate(scored);
    double[][] p = binomial.toLinearClassifier().predictProba(table.x());
    double pairs = 0;
    double wins = 0;
    for (int i = 0; i < table.n(); i++) {
      for (int j = 0; j < table.n(); j++) {
        if (binaryLabels[i] == 1 && binaryLabels[j] == 0) {
          pairs++;
          wins += p[i][1] > p[j][1] ? 1 : p[i][1] == p[j][1] ? 0.5 : 0;
        }
      }
    }
    assertEquals(fromProbabilities, fromRaw, 1e-12);
    assertEquals(wins / pairs, fromRaw, 1e-12);
    assertTrue(fromRaw > 0.6 && fromRaw < 1, "AUC " + fromRaw);
  }
}
