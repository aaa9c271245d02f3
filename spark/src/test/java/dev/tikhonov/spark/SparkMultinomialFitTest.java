package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.CrossValidatedPath;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.estimate.LinearClassifier;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.internal.select.PathFiles;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multinomial elastic net on Spark by distributed IRLS ({@link MultinomialIrls}) in
 * local[2], against the single-machine path and cross-validation on glmnet's multinomial
 * reference data (core/src/test/resources/ref/multi.csv: n = 600, p = 10, classes 0, 1, 2;
 * cv.glmnet 4.1-6's λ_min/λ_1se for α = 0.5, standardized, fold ids (i − 1) mod 5 + 1,
 * make_cv_classification.R).
 */
class SparkMultinomialFitTest {
  private static final List<String> CLASSES = List.of("0", "1", "2");
  private static SparkSession spark;
  private static double[][] x;
  private static double[] y;
  private static int[] folds;
  private static List<String> names;

  @BeforeAll
  static void start() throws IOException {
    spark = TestSpark.session("local[2]");
    List<String> lines = Files.readAllLines(SparkElasticNetFitTest.REF.resolve("multi.csv"),
        StandardCharsets.UTF_8);
    String[] header = lines.get(0).replace("\"", "").split(",");
    int p = header.length - 1;
    names = Arrays.asList(header).subList(0, p);
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
      }
    }
    x = new double[rows.size()][];
    y = new double[rows.size()];
    folds = new int[rows.size()];
    for (int i = 0; i < y.length; i++) {
      x[i] = Arrays.copyOf(rows.get(i), p);
      y[i] = rows.get(i)[p];
      folds[i] = i % 5 + 1;
    }
  }

  /** multi.csv with labels {@code y}, weights {@code w} in {@code partitions} slices. */
  static Dataset<Row> frame(double[] y, double[] w, int partitions, LongAccumulator reads) {
    JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(SparkElasticNetFitTest.rows(x, y, w, folds), partitions).map(row -> {
          reads.add(1);
          return row;
        });
    return spark.createDataFrame(rdd, SparkElasticNetFitTest.SCHEMA);
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  private static int[] labels() {
    return Arrays.stream(y).mapToInt(v -> (int) v).toArray();
  }

  /**
   * Every class's coefficients and intercepts to {@code tolerance} of the path's largest
   * coefficient; λ to 1e-12; deviance ratios to 1e-9.
   */
  static void assertSamePath(PathSolution expected, PathSolution actual, double tolerance) {
    assertEquals(expected.size(), actual.size(), "path length");
    assertEquals(expected.end().reason(), actual.end().reason(), actual.end().message());
    int k = expected.intercepts()[0].length;
    assertEquals(k, actual.intercepts()[0].length, "classes");
    double scale = 0;
    for (double[][] b : expected.coefficients()) {
      for (double[] bc : b) {
        for (double v : bc) {
          scale = Math.max(scale, Math.abs(v));
        }
      }
    }
    double worst = 0;
    for (int l = 0; l < expected.size(); l++) {
      assertEquals(expected.lambdas()[l], actual.lambdas()[l], 1e-12 * expected.lambdas()[0],
          "λ #" + l);
      for (int c = 0; c < k; c++) {
        worst = Math.max(worst,
            Math.abs(expected.intercepts()[l][c] - actual.intercepts()[l][c]));
        for (int j = 0; j < expected.numFeatures(); j++) {
          worst = Math.max(worst, Math.abs(expected.coefficients()[l][c][j]
              - actual.coefficients()[l][c][j]));
        }
      }
      assertEquals(expected.devianceRatio()[l], actual.devianceRatio()[l], 1e-9,
          "deviance ratio at λ #" + l);
      assertEquals(expected.degreesOfFreedom()[l], actual.degreesOfFreedom()[l], "df at λ #" + l);
    }
    System.out.printf("multinomial: largest difference %.3g (scale %.3g)%n", worst, scale);
    assertTrue(worst <= tolerance * scale, "largest difference " + worst + " against "
        + tolerance + " × " + scale);
  }

  @Test
  void fit_standardizedElasticNetWithGlmnetFolds_equalsSingleMachinePathAndCv_andCvGlmnet()
      throws IOException {
    LongAccumulator reads = spark.sparkContext().longAccumulator("rows read");
    SparkElasticNetModel model = new SparkElasticNetCV().setFamily("multinomial")
        .setL1Ratio(0.5).setFoldCol("fold").setNumFolds(5).setTolerance(1e-10)
        .fit(frame(y, ones(y.length), 2, reads));

    CrossValidatedPath<LinearClassifier> single = ElasticNetCV.multinomial().foldIds(folds)
        .l1Ratio(0.5).tolerance(1e-10).threads(2).build()
        .crossValidate(dev.tikhonov.data.Dataset.ofClasses(x, labels(), CLASSES, names));
    assertSamePath(single.path().solution(), model.path(), 1e-6);
    assertTrue(model.path().allConverged(), model.path().end().message());
    assertEquals(single.indexMin(), model.cv().indexMin(), "λ_min");
    assertEquals(single.index1se(), model.cv().index1se(), "λ_1se");
    for (int l = 0; l < single.cv().lambdas().length; l++) {
      assertEquals(single.cv().mean()[l], model.cv().mean()[l],
          1e-6 * single.cv().mean()[l], "CV mean at λ #" + l);
      assertEquals(single.cv().standardError()[l], model.cv().standardError()[l],
          1e-5 * single.cv().standardError()[l], "CV SE at λ #" + l);
    }
    // cv.glmnet (thresh 1e-14) on the same folds.
    List<String> select = Files.readAllLines(
        SparkElasticNetFitTest.REF.resolve("multi-cv-select.csv"), StandardCharsets.UTF_8);
    double[] glmnet = Arrays.stream(select.get(1).split(",")).mapToDouble(Double::parseDouble)
        .toArray();
    assertEquals(glmnet[0], model.lambdaMin(), 1e-8 * glmnet[0], "cv.glmnet's lambda.min");
    assertEquals(glmnet[1], model.lambda1se(), 1e-8 * glmnet[1], "cv.glmnet's lambda.1se");

    // Every pass reads every row once: the statistics and class passes, the Newton passes of
    // all 6 fits together, and the scoring pass.
    assertEquals((long) y.length * model.dataPasses(), reads.value(), "rows read");
    int[] perLambda = model.path().passes();
    int sum = Arrays.stream(perLambda).sum();
    assertTrue(sum + 3 <= model.dataPasses(), sum + " passes on the full path, "
        + model.dataPasses() + " in all");
    double mean = sum / (double) perLambda.length;
    System.out.printf("multinomial enet 0.5 std, tolerance 1e-10: %d λ, %d passes in all, full"
        + " path %.2f per λ (max %d): %s%n", perLambda.length, model.dataPasses(), mean,
        Arrays.stream(perLambda).max().getAsInt(), Arrays.toString(perLambda));
    assertTrue(mean <= 4, "passes per λ: " + Arrays.toString(perLambda));

    // The model predicts the most probable class at λ_min, and its probabilities.
    int at = model.selectedIndex();
    double[][] probabilities = model.path().probabilities(new double[][] {x[0]}, at);
    Vector predicted = model.probabilities(Vectors.dense(x[0]));
    int best = 0;
    for (int c = 0; c < 3; c++) {
      assertEquals(probabilities[0][c], predicted.apply(c), 1e-15);
      best = probabilities[0][c] > probabilities[0][best] ? c : best;
    }
    assertEquals(best, model.predict(Vectors.dense(x[0])));
    assertEquals(3, model.numClasses());
    assertArrayEquals(model.path().intercepts()[at], model.interceptVector().toArray(), 0.0);
    assertEquals(model.path().coefficients()[at][2][4], model.coefficientMatrix().apply(2, 4));
    assertThrows(IllegalStateException.class, model::intercept);
  }

  @Test
  void fit_lassoRawWithWeights_equalsTheSingleMachinePath() {
    double[] w = new double[y.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.5 + (i % 7) / 4.0;
    }
    SparkElasticNetModel model = new SparkElasticNetCV().setFamily("multinomial")
        .setWeightCol("weight").setFoldCol("fold").setNumFolds(5).setStandardize(false)
        .setNumLambdas(30).setTolerance(1e-10)
        .fit(frame(y, w, 3, spark.sparkContext().longAccumulator()));
    PathSolution single = ElasticNetPath.fit(Family.MULTINOMIAL, x, y,
        Observations.ofWeights(w), PathSettings.of(1).withStandardize(false).withNumLambdas(30)
            .withTolerance(1e-10), names, CLASSES);
    System.out.printf("multinomial lasso raw weighted: %d λ, %d passes in all, full path %s%n",
        model.path().size(), model.dataPasses(), Arrays.toString(model.path().passes()));
    assertSamePath(single, model.path(), 1e-6);
    assertTrue(model.path().allConverged(), Arrays.toString(model.path().certificate()));
  }

  @Test
  void transform_thenSaveAndLoadInANewSession_predictsTheSameClasses(@TempDir Path dir)
      throws IOException {
    SparkElasticNetModel model = new SparkElasticNetCV().setFamily("multinomial")
        .setFoldCol("fold").setNumFolds(5).setNumLambdas(10).setSelection("1se")
        .fit(frame(y, ones(y.length), 2, spark.sparkContext().longAccumulator()));
    Dataset<Row> data = frame(y, ones(y.length), 2, spark.sparkContext().longAccumulator());
    List<Row> before = model.transform(data).select("prediction").collectAsList();
    int agree = 0;
    for (int i = 0; i < y.length; i++) {
      double want = model.predict(Vectors.dense(x[i]));
      assertEquals(want, before.get(i).getDouble(0), "row " + i);
      agree += want == y[i] ? 1 : 0;
    }
    assertTrue(agree > y.length / 2, agree + " of " + y.length + " rows classified right");
    String path = dir.resolve("model").toString();
    model.write().save(path);

    TestSpark.restart();
    spark = TestSpark.session("local[2]");
    SparkElasticNetModel loaded = SparkElasticNetModel.load(path);
    assertEquals(Family.MULTINOMIAL, loaded.family());
    assertEquals(CLASSES, loaded.path().classNames());
    assertSamePath(model.path(), loaded.path(), 0.0);
    assertArrayEquals(model.cv().mean(), loaded.cv().mean(), 0.0);
    assertEquals(model.selectedLambda(), loaded.selectedLambda());
    List<Row> after = loaded.transform(frame(y, ones(y.length), 2,
        spark.sparkContext().longAccumulator())).select("prediction").collectAsList();
    assertEquals(before, after);
  }

  @Test
  void pathJob_familyMultinomial_writesTheSingleMachinePathJson(@TempDir Path dir)
      throws IOException {
    StringBuilder csv = new StringBuilder(String.join(",", names)).append(",y\n");
    for (int i = 0; i < y.length; i++) {
      for (double v : x[i]) {
        csv.append(v).append(',');
      }
      csv.append((int) y[i]).append('\n');
    }
    Path file = dir.resolve("multi.csv");
    Files.writeString(file, csv.toString());
    Path out = dir.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = PathJob.run(new String[] {"--data", file.toString(), "--target", "y",
        "--family", "multinomial", "--l1-ratio", "0.5", "--nlambda", "8", "--tol", "1e-10",
        "--out", out.toString()}, spark, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));
    PathSolution single = ElasticNetPath.fit(Family.MULTINOMIAL, x, y,
        PathSettings.of(0.5).withNumLambdas(8).withTolerance(1e-10), names, CLASSES);
    JsonNode want = Json.MAPPER.valueToTree(PathFiles.json(single,
        java.util.Optional.empty(), java.util.OptionalInt.of(y.length)));
    JsonNode got = Json.MAPPER.readTree(out.resolve("path.json").toFile());
    List<String> wantKeys = new ArrayList<>();
    want.fieldNames().forEachRemaining(wantKeys::add);
    List<String> gotKeys = new ArrayList<>();
    got.fieldNames().forEachRemaining(gotKeys::add);
    assertEquals(wantKeys, gotKeys, "the same fields in the same order");
    PathJsonAssertions.samePath(want, got,
        List.of("family", "feature_names", "class_names", "df"));
  }


  @Test
  void fit_badLabels_failWithTheColumnNamed() {
    double[] half = y.clone();
    half[7] = 1.5;
    InputException e = assertThrows(InputException.class, () -> new SparkElasticNetCV()
        .setFamily("multinomial").setFoldCol("fold").setNumFolds(5)
        .fit(frame(half, ones(y.length), 2, spark.sparkContext().longAccumulator())));
    assertTrue(e.getMessage().startsWith("column 'label', row ") && e.getMessage().contains(
        "is 1.5, expected a class index: a whole number in 0..999"), e.getMessage());

    double[] negative = y.clone();
    negative[3] = -1;
    e = assertThrows(InputException.class, () -> new SparkElasticNetCV()
        .setFamily("multinomial").setFoldCol("fold").setNumFolds(5)
        .fit(frame(negative, ones(y.length), 2, spark.sparkContext().longAccumulator())));
    assertTrue(e.getMessage().contains("is -1.0, expected a class index"), e.getMessage());

    double[] single = new double[y.length];
    e = assertThrows(InputException.class, () -> new SparkElasticNetCV()
        .setFamily("multinomial").setFoldCol("fold").setNumFolds(5)
        .fit(frame(single, ones(y.length), 2, spark.sparkContext().longAccumulator())));
    assertEquals("column 'label' has a single class (every row is 0): a multinomial fit needs"
        + " at least two", e.getMessage());

    double[] gap = new double[y.length];
    for (int i = 0; i < gap.length; i++) {
      gap[i] = y[i] == 1 ? 2 : y[i];
    }
    e = assertThrows(InputException.class, () -> new SparkElasticNetCV()
        .setFamily("multinomial").setFoldCol("fold").setNumFolds(5)
        .fit(frame(gap, ones(y.length), 2, spark.sparkContext().longAccumulator())));
    assertEquals("column 'label' has no rows of positive weight in class 1: the labels of a"
        + " multinomial fit are the class indices 0..2, each with rows", e.getMessage());
  }
}
