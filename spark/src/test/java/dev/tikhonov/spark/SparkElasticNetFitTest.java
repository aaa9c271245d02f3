package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.CrossValidatedPath;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.FoldStatistics;
import dev.tikhonov.select.KFold;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkElasticNetCV#fit} end to end in local[2]: the path and the cross-validation from
 * one pass equal the single-machine {@code ElasticNetCV} (1e-8) and cv.glmnet with the same fold
 * ids (λ_min, λ_1se); the data are read once; the fitted model predicts, saves and loads.
 */
class SparkElasticNetFitTest {
  /** glmnet 4.1-6's references (core/src/test/resources/ref/README.md, make_ref.R). */
  static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref");

  private static SparkSession spark;
  private static double[][] x;
  private static double[] y;
  private static int[] glmnetFolds;

  @BeforeAll
  static void start() throws IOException {
    spark = TestSpark.session("local[2]");
    double[][] data = csv("gauss.csv.gz");
    int p = data[0].length - 1;
    x = new double[data.length][];
    y = new double[data.length];
    for (int i = 0; i < data.length; i++) {
      x[i] = Arrays.copyOf(data[i], p);
      y[i] = data[i][p];
    }
    double[][] folds = csv("gauss-foldid.csv.gz");
    glmnetFolds = Arrays.stream(folds).mapToInt(r -> (int) r[0]).toArray();
  }

  /** A gzipped reference CSV without its header line (quoted names). */
  static double[][] csv(String name) throws IOException {
    Path file = REF.resolve(name);
    assertTrue(Files.exists(file), "reference file " + file.toAbsolutePath());
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
        }
      }
    }
    return rows.toArray(new double[0][]);
  }

  static final StructType SCHEMA = new StructType()
      .add("features", SQLDataTypes.VectorType(), false)
      .add("label", DataTypes.DoubleType, false)
      .add("weight", DataTypes.DoubleType, false)
      .add("fold", DataTypes.IntegerType, false);

  static List<Row> rows(double[][] x, double[] y, double[] w, int[] folds) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      rows.add(RowFactory.create(Vectors.dense(x[i]), y[i], w[i], folds[i]));
    }
    return rows;
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  /** gauss.csv in {@code partitions} slices, rows counted by {@code reads} as they are read. */
  private static Dataset<Row> gauss(int partitions, LongAccumulator reads) {
    JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(rows(x, y, ones(y.length), glmnetFolds), partitions).map(row -> {
          reads.add(1);
          return row;
        });
    return spark.createDataFrame(rdd, SCHEMA);
  }

  static void assertSamePath(PathSolution expected, PathSolution actual, double tolerance) {
    assertEquals(expected.size(), actual.size(), "path length");
    assertEquals(expected.featureNames(), actual.featureNames());
    double scale = 0;
    for (double[][] b : expected.coefficients()) {
      for (double v : b[0]) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int l = 0; l < expected.size(); l++) {
      assertEquals(expected.lambdas()[l], actual.lambdas()[l],
          tolerance * expected.lambdas()[0], "λ #" + l);
      assertEquals(expected.intercepts()[l][0], actual.intercepts()[l][0],
          tolerance * (1 + Math.abs(expected.intercepts()[l][0])), "intercept at λ #" + l);
      assertArrayEquals(expected.coefficients()[l][0], actual.coefficients()[l][0],
          tolerance * scale, "coefficients at λ #" + l);
      assertEquals(expected.degreesOfFreedom()[l], actual.degreesOfFreedom()[l], "df, λ #" + l);
    }
  }

  static void assertSameCv(CvResult expected, CvResult actual, double tolerance) {
    assertEquals(expected.lambdas().length, actual.lambdas().length);
    for (int l = 0; l < expected.lambdas().length; l++) {
      assertEquals(expected.mean()[l], actual.mean()[l], tolerance * expected.mean()[l],
          "CV mean at λ #" + l);
      assertEquals(expected.standardError()[l], actual.standardError()[l],
          tolerance * expected.standardError()[l], "CV SE at λ #" + l);
      for (int f = 0; f < expected.foldLoss().length; f++) {
        assertEquals(expected.foldLoss()[f][l], actual.foldLoss()[f][l],
            tolerance * expected.foldLoss()[f][l], "fold " + (f + 1) + " at λ #" + l);
      }
    }
    assertEquals(expected.indexMin(), actual.indexMin(), "λ_min");
    assertEquals(expected.index1se(), actual.index1se(), "λ_1se");
  }

  @Test
  void fit_glmnetFoldIds_equalsSingleMachineElasticNetCV_andCvGlmnet_fromOneRead() throws IOException {
    // cv.glmnet(x, y, alpha = 1, foldid, standardize = FALSE, thresh = 1e-14) (make_ref.R).
    LongAccumulator reads = spark.sparkContext().longAccumulator("rows read");
    SparkElasticNetCV estimator = new SparkElasticNetCV().setFoldCol("fold").setNumFolds(10)
        .setStandardize(false).setTolerance(1e-14);
    SparkElasticNetModel model = estimator.fit(gauss(4, reads));
    assertEquals(y.length, reads.value(), "the path and the 10-fold CV read every row once");

    CrossValidatedPath<LinearModel> single = ElasticNetCV.gaussian().foldIds(glmnetFolds)
        .standardize(false).tolerance(1e-14).threads(2).build()
        .crossValidate(dev.tikhonov.data.Dataset.of(x, y));
    assertSamePath(single.path().solution(), model.path(), 1e-8);
    assertSameCv(single.cv(), model.cv(), 1e-8);

    double[] select = csv("gauss-cv-select.csv.gz")[0];
    assertEquals(select[0], model.lambdaMin(), 1e-12 * select[0], "cv.glmnet's lambda.min");
    assertEquals(select[1], model.lambda1se(), 1e-12 * select[1], "cv.glmnet's lambda.1se");
    double[][] curve = csv("gauss-cv.csv.gz");
    assertEquals(curve.length, model.cv().lambdas().length, "cv.glmnet's λ count");
    for (int l = 0; l < curve.length; l++) {
      assertEquals(curve[l][0], model.cv().lambdas()[l], 1e-12 * curve[0][0]);
      assertEquals(curve[l][1], model.cv().mean()[l], 1e-6 * curve[l][1]);
    }
    // selection "min" (the default): the model is the path at λ_min.
    int at = model.cv().indexMin();
    assertEquals(model.lambdaMin(), model.selectedLambda());
    assertEquals(model.path().intercepts()[at][0], model.intercept());
    assertArrayEquals(model.path().coefficients()[at][0], model.coefficients().toArray());
  }

  @Test
  void fit_defaultSettingsStandardizedElasticNet_equalsSingleMachineElasticNetCV() {
    SparkElasticNetModel model = new SparkElasticNetCV().setFoldCol("fold").setNumFolds(10)
        .setL1Ratio(0.5).setSelection("1se")
        .fit(gauss(3, spark.sparkContext().longAccumulator()));
    CrossValidatedPath<LinearModel> single = ElasticNetCV.gaussian().foldIds(glmnetFolds)
        .l1Ratio(0.5).threads(1).build().crossValidate(dev.tikhonov.data.Dataset.of(x, y));
    assertSamePath(single.path().solution(), model.path(), 1e-8);
    assertSameCv(single.cv(), model.cv(), 1e-8);
    assertEquals(single.index1se(), model.selectedIndex());
    assertEquals(single.lambda1se(), model.selectedLambda(), 1e-13 * single.lambda1se());
    LinearModel oneSe = single.atOneStandardError();
    assertEquals(oneSe.intercept(), model.intercept(), 1e-8);
    assertArrayEquals(oneSe.coefficients(), model.coefficients().toArray(), 1e-8);
  }

  @Test
  void fit_weightsAndOwnLambdas_equalTheCoreFromTheRowsStatistics() {
    TestSpark.Table table = TestSpark.table(400, 6, 5, 31);
    double[] lambdas = {0.5, 0.2, 0.1, 0.05, 0.02, 0.01};
    SparkElasticNetModel model = new SparkElasticNetCV().setWeightCol("weight")
        .setFoldCol("fold").setNumFolds(5).setL1Ratio(0.8).setLambdas(lambdas)
        .fit(TestSpark.frame(spark, table, 3));
    CrossValidation.Fit core = CrossValidation.gaussian(
        FoldStatistics.of(table.x(), table.y(), table.w(), KFold.of(table.folds())),
        PathSettings.of(0.8).withLambdas(lambdas), dev.tikhonov.data.Dataset.defaultNames(6),
        CrossValidation.Alignment.INTERPOLATE, 1);
    assertArrayEquals(lambdas, model.path().lambdas(), 0.0, "the given λ, decreasing");
    assertSamePath(core.path(), model.path(), 1e-8);
    assertSameCv(core.cv(), model.cv(), 1e-8);
  }

  /**
   * minimumAtPathEnd, as the core's CrossValidatedPath: true for three λ near λ_max, where the
   * held-out error still falls at the sequence's end; false for the default sequence, whose
   * λ_min is its last λ too, but where glmnet's deviance rule cut the path (the fit no longer
   * changes below it).
   */
  @Test
  void minimumAtPathEnd_saysWhetherLambdaMinEndsAFullSequence() {
    TestSpark.Table table = TestSpark.table(400, 6, 5, 31);
    SparkElasticNetCV estimator = new SparkElasticNetCV().setFoldCol("fold").setNumFolds(5)
        .setL1Ratio(0.8);
    SparkElasticNetModel cut = estimator.fit(TestSpark.frame(spark, table, 3));
    assertEquals(cut.path().lambdas().length - 1, cut.cv().indexMin());
    assertEquals(PathSolution.Ending.DEVIANCE_RULE, cut.path().end().reason());
    assertFalse(cut.minimumAtPathEnd());

    double lambdaMax = cut.path().lambdas()[0];
    SparkElasticNetModel atEnd = estimator.setLambdas(0.9 * lambdaMax, 0.8 * lambdaMax,
        0.7 * lambdaMax).fit(TestSpark.frame(spark, table, 3));
    assertEquals(0.7 * lambdaMax, atEnd.lambdaMin(), 1e-12 * lambdaMax);
    assertTrue(atEnd.minimumAtPathEnd());
  }

  @Test
  void fit_inAPipeline_namesFeaturesFromTheAssembler_transformsSavesAndLoadsInANewSession(
      @TempDir Path dir) {
    StructType schema = new StructType().add("a", DataTypes.DoubleType)
        .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType)
        .add("y", DataTypes.DoubleType);
    List<Row> raw = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      raw.add(RowFactory.create(x[i][0], x[i][1], x[i][2], y[i]));
    }
    Dataset<Row> data = spark.createDataFrame(raw, schema).repartition(3);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"a", "b", "c"})
            .setOutputCol("features"),
        new SparkElasticNetCV().setLabelCol("y").setNumFolds(4).setSeed(5)
            .setPredictionCol("yhat")});
    PipelineModel fitted = pipeline.fit(data);
    SparkElasticNetModel model = (SparkElasticNetModel) fitted.stages()[1];
    assertEquals(List.of("a", "b", "c"), model.path().featureNames());
    assertEquals("yhat", model.getPredictionCol(), "the estimator's params reach the model");
    assertTrue(model.parent() instanceof SparkElasticNetCV);

    List<Row> predicted = fitted.transform(data).select("a", "b", "c", "yhat").collectAsList();
    double[] b = model.coefficients().toArray();
    for (Row r : predicted) {
      double expected = model.intercept() + b[0] * r.getDouble(0) + b[1] * r.getDouble(1)
          + b[2] * r.getDouble(2);
      assertEquals(expected, r.getDouble(3), 1e-12 * (1 + Math.abs(expected)));
    }

    String path = dir.resolve("pipeline").toString();
    try {
      fitted.write().save(path);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    TestSpark.restart();
    spark = TestSpark.session("local[2]");
    PipelineModel loaded = PipelineModel.load(path);
    SparkElasticNetModel reloaded = (SparkElasticNetModel) loaded.stages()[1];
    assertSamePath(model.path(), reloaded.path(), 0.0);
    assertSameCv(model.cv(), reloaded.cv(), 0.0);
    assertEquals(model.selectedIndex(), reloaded.selectedIndex());
    Dataset<Row> again = spark.createDataFrame(raw, schema).repartition(3);
    List<Row> repredicted = loaded.transform(again).select("a", "b", "c", "yhat")
        .collectAsList();
    assertEquals(sorted(predicted), sorted(repredicted), "identical predictions");
  }

  private static List<String> sorted(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().toList();
  }

  @Test
  void fit_badInput_isNamed() {
    StructType stringLabel = new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.StringType);
    Dataset<Row> text = spark.createDataFrame(
        List.of(RowFactory.create(Vectors.dense(1, 2), "3.5")), stringLabel);
    assertEquals("label column 'label' must be numeric, got string",
        assertThrows(InputException.class, () -> new SparkElasticNetCV().fit(text))
            .getMessage());

    double[][] nanX = {{1, 2}, {3, Double.NaN}, {5, 6}, {7, 8}};
    Dataset<Row> nan = spark.createDataFrame(rows(nanX, new double[] {1, 2, 3, 4}, ones(4),
        new int[] {1, 2, 1, 2}), SCHEMA).coalesce(1);
    assertEquals("column 'features', row 2 of partition 0: feature 2 (vector index 1) is NaN, "
        + "not a finite number", assertThrows(InputException.class,
            () -> new SparkElasticNetCV().setNumFolds(2).fit(nan)).getMessage());

    double[][] fineX = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
    Dataset<Row> fold3 = spark.createDataFrame(rows(fineX, new double[] {1, 2, 3, 4}, ones(4),
        new int[] {1, 2, 3, 2}), SCHEMA).coalesce(1);
    assertEquals("column 'fold', row 3 of partition 0: is 3.0, expected a fold id in 1..2 "
        + "(numFolds)", assertThrows(InputException.class,
            () -> new SparkElasticNetCV().setFoldCol("fold").setNumFolds(2).fit(fold3))
            .getMessage());

    Metadata wide = new AttributeGroup("features", 5000).toMetadata();
    StructType wideSchema = new StructType()
        .add("features", SQLDataTypes.VectorType(), true, wide)
        .add("label", DataTypes.DoubleType);
    Dataset<Row> tooWide = spark.createDataFrame(List.<Row>of(), wideSchema);
    String limit = assertThrows(InputException.class,
        () -> new SparkElasticNetCV().fit(tooWide)).getMessage();
    assertTrue(limit.startsWith("column 'features' has 5000 features, more than the 4096 this "
        + "fit takes with 10 folds"), limit);
  }

  @Test
  void fit_copiesTheEstimatorsParamsToTheModel() {
    SparkElasticNetCV estimator = new SparkElasticNetCV().setFoldCol("fold").setNumFolds(10)
        .setFeaturesCol("features").setPredictionCol("p").setNumLambdas(20);
    SparkElasticNetModel model = estimator.fit(gauss(2,
        spark.sparkContext().longAccumulator()));
    assertEquals("p", model.getPredictionCol());
    assertEquals(estimator.uid(), model.uid());
    assertSame(estimator, model.parent());
    assertTrue(model.path().size() <= 20);
  }
}
