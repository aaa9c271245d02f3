package dev.tikhonov.spark;

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
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binomial elastic net on Spark by distributed IRLS ({@link SingleResponseIrls}) in local[2],
 * against the single-machine path and cross-validation on glmnet's binomial reference data
 * (core/src/test/resources/ref/binom.csv: n = 1000, p = 20, labels 0/1; cv.glmnet 4.1-6's CV
 * curve and λ_min/λ_1se for fold ids (i − 1) mod 10 + 1, make_cv_classification.R).
 */
class SparkBinomialFitTest {
  private static SparkSession spark;
  private static double[][] x;
  private static double[] y;
  private static int[] folds;
  private static List<String> names;

  @BeforeAll
  static void start() throws IOException {
    spark = TestSpark.session("local[2]");
    List<String> lines = Files.readAllLines(SparkElasticNetFitTest.REF.resolve("binom.csv"),
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
      folds[i] = i % 10 + 1;
    }
  }

  /** binom.csv with weights {@code w} in {@code partitions} slices, reads counted. */
  private static Dataset<Row> binom(double[] y, double[] w, int partitions,
      LongAccumulator reads) {
    JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(SparkElasticNetFitTest.rows(x, y, w, folds), partitions).map(row -> {
          reads.add(1);
          return row;
        });
    return spark.createDataFrame(rdd, SparkElasticNetFitTest.SCHEMA);
  }

  /** A reference CSV of numbers after its header line. */
  static double[][] refCsv(String name) throws IOException {
    List<String> lines = Files.readAllLines(SparkElasticNetFitTest.REF.resolve(name),
        StandardCharsets.UTF_8);
    return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank())
        .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
        .toArray(double[][]::new);
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  /** Coefficients and intercepts to {@code tolerance} of the path's largest coefficient. */
  static void assertSamePath(PathSolution expected, PathSolution actual,
      double tolerance) {
    assertEquals(expected.size(), actual.size(), "path length");
    assertEquals(expected.end().reason(), actual.end().reason(), actual.end().message());
    double scale = 0;
    for (double[][] b : expected.coefficients()) {
      for (double v : b[0]) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    double worst = 0;
    for (int l = 0; l < expected.size(); l++) {
      assertEquals(expected.lambdas()[l], actual.lambdas()[l], 1e-12 * expected.lambdas()[0],
          "λ #" + l);
      worst = Math.max(worst, Math.abs(expected.intercepts()[l][0] - actual.intercepts()[l][0]));
      for (int j = 0; j < expected.numFeatures(); j++) {
        worst = Math.max(worst, Math.abs(expected.coefficients()[l][0][j]
            - actual.coefficients()[l][0][j]));
      }
      assertEquals(expected.devianceRatio()[l], actual.devianceRatio()[l], 1e-9,
          "deviance ratio at λ #" + l);
    }
    assertTrue(worst <= tolerance * scale, "largest difference " + worst + " against "
        + tolerance + " × " + scale);
  }

  @Test
  void fit_lassoWithGlmnetFolds_equalsSingleMachinePathAndCv_andCvGlmnet_inAFewPassesPerLambda()
      throws IOException {
    LongAccumulator reads = spark.sparkContext().longAccumulator("rows read");
    SparkElasticNetModel model = new SparkElasticNetCV().setFamily("binomial")
        .setFoldCol("fold").setNumFolds(10).setStandardize(false).setTolerance(1e-10)
        .fit(binom(y, ones(y.length), 2, reads));

    int[] labels = Arrays.stream(y).mapToInt(v -> (int) v).toArray();
    CrossValidatedPath<LinearClassifier> single = ElasticNetCV.binomial().foldIds(folds)
        .standardize(false).tolerance(1e-10).threads(2).build()
        .crossValidate(dev.tikhonov.data.Dataset.ofClasses(x, labels, List.of("0", "1"),
            names));
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
    double[] select = refCsv("binom-cv-select.csv")[0];
    assertEquals(select[0], model.lambdaMin(), 1e-10 * select[0], "cv.glmnet's lambda.min");
    assertEquals(select[1], model.lambda1se(), 1e-10 * select[1], "cv.glmnet's lambda.1se");

    // Every pass reads every row once; the statistics pass, the Newton passes of all 11 fits
    // together, and the scoring pass.
    assertEquals((long) y.length * model.dataPasses(), reads.value(), "rows read");
    int[] perLambda = model.path().passes();
    int sum = Arrays.stream(perLambda).sum();
    assertTrue(sum + 1 <= model.dataPasses(), sum + " passes on the full path, "
        + model.dataPasses() + " in all");
    double mean = sum / (double) perLambda.length;
    System.out.printf("binomial lasso, tolerance 1e-10: %d λ, %d passes in all, full path %.2f"
        + " per λ (max %d)%n", perLambda.length, model.dataPasses(), mean,
        Arrays.stream(perLambda).max().getAsInt());
    assertTrue(mean <= 6, "passes per λ: " + Arrays.toString(perLambda));

    // At λ_min: P(y = 1) = σ(η), and the prediction is the class, 1 when σ(η) > σ(−η).
    int at = model.selectedIndex();
    double eta = model.path().linearPredictor(x[0], at, 0);
    double[] p = model.probabilities(Vectors.dense(x[0])).toArray();
    assertEquals(1 / (1 + Math.exp(-eta)), p[1], 1e-15);
    assertEquals(p[1] > p[0] ? 1.0 : 0.0, model.predict(Vectors.dense(x[0])), 0.0);
  }

  @Test
  void fit_standardizedElasticNetWithWeights_equalsTheSingleMachinePath() {
    double[] w = new double[y.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.5 + (i % 7) / 4.0;
    }
    SparkElasticNetModel model = new SparkElasticNetCV().setFamily("binomial")
        .setWeightCol("weight").setFoldCol("fold").setNumFolds(10).setL1Ratio(0.5)
        .setNumLambdas(12).setTolerance(1e-10)
        .fit(binom(y, w, 2, spark.sparkContext().longAccumulator()));
    PathSolution single = ElasticNetPath.fit(Family.BINOMIAL, x, y, Observations.ofWeights(w),
        PathSettings.of(0.5).withNumLambdas(12).withTolerance(1e-10), names, List.of());
    System.out.printf("binomial enet weighted: %d λ, %d passes in all, full path %s, converged"
        + " %s%n", model.path().size(), model.dataPasses(),
        Arrays.toString(model.path().passes()), Arrays.toString(model.path().converged()));
    assertSamePath(single, model.path(), 1e-6);
    assertTrue(model.path().allConverged(), Arrays.toString(model.path().certificate()));
  }

  @Test
  void pathJob_familyBinomial_writesTheSingleMachinePathJson(@TempDir Path dir)
      throws IOException {
    StringBuilder csv = new StringBuilder(String.join(",", names)).append(",y\n");
    for (int i = 0; i < y.length; i++) {
      for (double v : x[i]) {
        csv.append(v).append(',');
      }
      csv.append((int) y[i]).append('\n');
    }
    Path file = dir.resolve("binom.csv");
    Files.writeString(file, csv.toString());
    Path out = dir.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = PathJob.run(new String[] {"--data", file.toString(), "--target", "y",
        "--family", "binomial", "--l1-ratio", "0.5", "--nlambda", "6", "--tol", "1e-10",
        "--out", out.toString()}, spark, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));
    PathSolution single = ElasticNetPath.fit(Family.BINOMIAL, x, y,
        PathSettings.of(0.5).withNumLambdas(6).withTolerance(1e-10), names, List.of());
    JsonNode want = Json.MAPPER.valueToTree(PathFiles.json(single,
        java.util.Optional.empty(), java.util.OptionalInt.of(y.length)));
    JsonNode got = Json.MAPPER.readTree(out.resolve("path.json").toFile());
    List<String> wantKeys = new ArrayList<>();
    want.fieldNames().forEachRemaining(wantKeys::add);
    List<String> gotKeys = new ArrayList<>();
    got.fieldNames().forEachRemaining(gotKeys::add);
    assertEquals(wantKeys, gotKeys, "the same fields in the same order");
    for (String key : List.of("family", "feature_names", "class_names", "df")) {
      assertEquals(want.get(key), got.get(key), key);
    }
    assertEquals(want.get("lambda").size(), got.get("lambda").size(), "path length");
    for (int l = 0; l < want.get("lambda").size(); l++) {
      assertEquals(want.get("lambda").get(l).asDouble(), got.get("lambda").get(l).asDouble(),
          1e-12 * want.get("lambda").get(0).asDouble());
      JsonNode wb = want.get("coef").get(l);
      JsonNode gb = got.get("coef").get(l);
      assertEquals(flat(wb).length, flat(gb).length);
      double[] a = flat(wb);
      double[] b = flat(gb);
      for (int j = 0; j < a.length; j++) {
        assertEquals(a[j], b[j], 1e-7, "coefficient " + j + " at λ #" + l);
      }
    }
  }

  /** The numbers of a JSON array of numbers or of arrays of numbers, in order. */
  private static double[] flat(JsonNode node) {
    List<Double> out = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode child : node) {
        for (double v : flat(child)) {
          out.add(v);
        }
      }
    } else {
      out.add(node.asDouble());
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Classes a feature separates: the working weights vanish as the path goes down, and the
   * λ-loop ends the path there (IrlsLambdaLoop's exhausted branch), at the λ the single-machine
   * path ends at, with the same coefficients up to then.
   */
  @Test
  void path_separatedClasses_endsWhenNoWeightIsLeft_asTheSingleMachinePath() {
    // x0 moved away from 0 by 1 on each side: the label x0 > 0 is separated with a margin.
    double[][] apart = new double[y.length][];
    double[] separated = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      apart[i] = x[i].clone();
      apart[i][0] += Math.signum(x[i][0]);
      separated[i] = x[i][0] > 0 ? 1 : 0;
    }
    double[] lambdas = new double[30];
    for (int l = 0; l < lambdas.length; l++) {
      lambdas[l] = 0.1 * Math.pow(10, -l / 3.0);
    }
    SparkElasticNetCV estimator = new SparkElasticNetCV().setFamily("binomial")
        .setStandardize(false).setLambdas(lambdas).setTolerance(1e-10);
    PathSolution spark = estimator.singleResponsePath(SparkBinomialFitTest.spark.createDataFrame(
        JavaSparkContext.fromSparkContext(SparkBinomialFitTest.spark.sparkContext()).parallelize(
            SparkElasticNetFitTest.rows(apart, separated, ones(y.length), folds), 2),
        SparkElasticNetFitTest.SCHEMA));
    PathSolution single = ElasticNetPath.fit(Family.BINOMIAL, apart, separated,
        Observations.ofWeights(ones(y.length)), PathSettings.of(1.0).withStandardize(false)
            .withLambdas(lambdas).withTolerance(1e-10), names, List.of());
    assertEquals(PathSolution.Ending.NO_WEIGHTS_LEFT, spark.end().reason(), spark.end().message());
    assertTrue(spark.size() < lambdas.length, spark.end().message());
    // Near separation the loss is flat along the separating coefficient: both certificates
    // hold at points further apart than on binom.csv's own labels.
    assertSamePath(single, spark, 1e-5);
  }

  @Test
  void fit_badLabels_areNamed() {
    double[] three = y.clone();
    three[5] = 2;
    InputException e = assertThrows(InputException.class, () -> new SparkElasticNetCV()
        .setFamily("binomial").setFoldCol("fold").fit(binom(three, ones(y.length), 1,
            spark.sparkContext().longAccumulator())));
    assertEquals("column 'label', row 6 of partition 0: is 2.0, expected a class 0 or 1 (family"
        + " binomial)", e.getMessage());

    double[] single = new double[y.length];
    e = assertThrows(InputException.class, () -> new SparkElasticNetCV().setFamily("binomial")
        .setFoldCol("fold").fit(binom(single, ones(y.length), 2,
            spark.sparkContext().longAccumulator())));
    assertEquals("column 'label' has a single class (every row is 0): a binomial fit needs"
        + " both 0 and 1", e.getMessage());
  }
}
