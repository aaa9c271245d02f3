package dev.tikhonov.spark;

import dev.tikhonov.select.FoldStatistics;
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
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.KFold;
import org.apache.spark.ml.linalg.Vectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimator: params, schema checks, the pass it runs, persistence. */
class SparkElasticNetCVTest {
  private static SparkSession spark;
  private static final TestSpark.Table TABLE = TestSpark.table(200, 4, 5, 17);

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  @Test
  void params_haveGlmnetsDefaults_andSettersReturnTheEstimator() {
    SparkElasticNetCV cv = new SparkElasticNetCV();
    assertEquals("features", cv.getFeaturesCol());
    assertEquals("label", cv.getLabelCol());
    assertEquals(Optional.empty(), cv.getWeightCol());
    assertEquals(Optional.empty(), cv.getFoldCol());
    assertEquals("gaussian", cv.getFamily());
    assertEquals(1.0, cv.getL1Ratio());
    assertFalse(cv.getLambdas().isPresent());
    assertEquals(100, cv.getNumLambdas());
    assertTrue(cv.getStandardize());
    assertEquals(10, cv.getNumFolds());
    assertEquals(0L, cv.getSeed());
    assertEquals("min", cv.getSelection());
    assertEquals(1e-3, cv.getTolerance());
    assertFalse(cv.getLambdaMinRatio().isPresent());
    assertEquals(2, cv.getAggregationDepth());
    assertEquals("deviance", cv.getMeasure());

    SparkElasticNetCV set = cv.setFeaturesCol("f").setLabelCol("y").setWeightCol("w")
        .setFoldCol("k").setPredictionCol("p").setL1Ratio(0.5).setLambdas(0.1, 1.0)
        .setNumLambdas(50).setStandardize(false).setNumFolds(4).setSeed(9).setSelection("1se")
        .setTolerance(1e-10).setAggregationDepth(3).setMeasure(" MAE");
    assertSame(cv, set);
    assertEquals(Optional.of("w"), cv.getWeightCol());
    assertEquals(Optional.of("k"), cv.getFoldCol());
    assertArrayEquals(new double[] {0.1, 1.0}, cv.getLambdas().orElseThrow());
    assertEquals(0.5, cv.getL1Ratio());
    assertEquals("1se", cv.getSelection());
    assertEquals(4, cv.getNumFolds());
    assertEquals("mae", cv.getMeasure(), "cv.glmnet's id, as the core's CvMeasure reads it");
  }

  /** Printed, the estimator shows the settings that decide its fit, not its uid alone. */
  @Test
  void toString_showsTheFamilyAndTheSelectionSettings() {
    SparkElasticNetCV cv = new SparkElasticNetCV("cv1").setFamily("binomial").setL1Ratio(0.5)
        .setNumFolds(5).setSelection("1se");
    assertEquals("SparkElasticNetCV: uid=cv1, family=binomial, l1Ratio=0.5, numFolds=5,"
        + " selection=1se, measure=deviance", cv.toString());
  }

  @Test
  void params_outOfRange_areRejected() {
    SparkElasticNetCV cv = new SparkElasticNetCV();
    assertThrows(IllegalArgumentException.class, () -> cv.setL1Ratio(1.5));
    assertThrows(IllegalArgumentException.class, () -> cv.setFamily("gamma"));
    assertThrows(IllegalArgumentException.class, () -> cv.setSelection("best"));
    assertThrows(IllegalArgumentException.class, () -> cv.setNumFolds(1));
    assertThrows(IllegalArgumentException.class, () -> cv.setTolerance(0));
    assertEquals("lambdas: λ values must be finite and ≥ 0, got NaN",
        assertThrows(InputException.class, () -> cv.setLambdas(1, Double.NaN)).getMessage());
    assertEquals("lambdas: the λ sequence is empty",
        assertThrows(InputException.class, () -> cv.setLambdas()).getMessage());
  }

  /**
   * Spark's other ways of setting a param (set, a ParamMap given to fit or copy, a saved
   * estimator's load) bypass the setters: an empty λ array got in and the fit took it for
   * unset, glmnet's sequence, without a word; an infinite tolerance got in and was refused
   * only at the fit. Each is now the param's validator's refusal, as MLlib's params are.
   */
  @Test
  void params_setWithoutTheirSetters_areValidatedToo() {
    SparkElasticNetCV cv = new SparkElasticNetCV();
    for (double[] bad : new double[][] {{}, {1, -1}, {Double.NaN}, {Double.POSITIVE_INFINITY}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> cv.set(cv.lambdas(), bad));
      assertTrue(e.getMessage().contains("parameter lambdas given invalid value"),
          e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> new org.apache.spark.ml.param.ParamMap().put(cv.lambdas().w(bad)));
    }
    assertThrows(IllegalArgumentException.class,
        () -> cv.setTolerance(Double.POSITIVE_INFINITY));
    cv.set(cv.lambdas(), new double[] {0, 0.5});
    assertArrayEquals(new double[] {0, 0.5}, cv.getLambdas().orElseThrow());
    cv.setTolerance(1e300);
    assertEquals(1e300, cv.getTolerance());
  }

  /**
   * Spark's validators say only "parameter numFolds given invalid value 1.", so the range is
   * told where a Spark user looks for it: each bounded param's doc in explainParams().
   */
  @Test
  void explainParams_statesEachBoundedParamsRange() {
    SparkElasticNetCV cv = new SparkElasticNetCV();
    Object[][] ranges = {
        {cv.l1Ratio(), "in [0, 1]"}, {cv.numLambdas(), "(≥ 1)"}, {cv.numFolds(), "(≥ 2)"},
        {cv.tolerance(), "(> 0 and finite;"}, {cv.lambdaMinRatio(), "in (0, 1)"},
        {cv.aggregationDepth(), "(≥ 1)"}, {cv.lambdas(), "finite and ≥ 0"},
        {cv.weightCol(), "≥ 0"}, {cv.foldCol(), "1..numFolds"},
        {cv.measure(), "deviance, mse, mae"}};
    for (Object[] r : ranges) {
      org.apache.spark.ml.param.Param<?> param = (org.apache.spark.ml.param.Param<?>) r[0];
      assertTrue(cv.explainParam(param).contains((String) r[1]), cv.explainParam(param));
    }
  }

  /** probabilityCol is checked before any pass, as in a Pipeline's fit: classifiers only. */
  @Test
  void transformSchema_withProbabilityCol_addsAVector_forClassifiersOnly() {
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.DoubleType);
    SparkElasticNetCV cv = new SparkElasticNetCV().setProbabilityCol("p");
    assertEquals(Optional.of("p"), cv.getProbabilityCol());
    InputException gaussian = assertThrows(InputException.class,
        () -> cv.transformSchema(schema));
    assertEquals("probabilityCol 'p': a gaussian model has no class probabilities (binomial and"
        + " multinomial have); unset it", gaussian.getMessage());
    StructType out = cv.setFamily("multinomial").transformSchema(schema);
    assertEquals(SQLDataTypes.VectorType(), out.apply("p").dataType());
    assertEquals(DataTypes.DoubleType, out.apply("prediction").dataType());
    assertEquals(Optional.empty(), new SparkElasticNetCV().getProbabilityCol());
  }

  /** rawPredictionCol (MLlib's name) likewise: a vector for classifiers, refused otherwise. */
  @Test
  void transformSchema_withRawPredictionCol_addsAVector_forClassifiersOnly() {
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.DoubleType);
    SparkElasticNetCV cv = new SparkElasticNetCV().setRawPredictionCol("raw");
    assertEquals(Optional.of("raw"), cv.getRawPredictionCol());
    InputException poisson = assertThrows(InputException.class,
        () -> cv.setFamily("poisson").transformSchema(schema));
    assertEquals("rawPredictionCol 'raw': a poisson model has no class margins (binomial and"
        + " multinomial have); unset it", poisson.getMessage());
    StructType out = cv.setFamily("binomial").transformSchema(schema);
    assertEquals(SQLDataTypes.VectorType(), out.apply("raw").dataType());
    assertEquals(DataTypes.DoubleType, out.apply("prediction").dataType());
    assertEquals(Optional.empty(), new SparkElasticNetCV().getRawPredictionCol());
  }

  @Test
  void transformSchema_withANonNumericLabel_namesTheColumn() {
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.StringType).add("fold", DataTypes.StringType);
    InputException label = assertThrows(InputException.class,
        () -> new SparkElasticNetCV().transformSchema(schema));
    assertEquals("label column 'label' must be numeric, got string", label.getMessage());
    StructType numeric = new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.DoubleType).add("fold", DataTypes.StringType);
    InputException fold = assertThrows(InputException.class,
        () -> new SparkElasticNetCV().setFoldCol("fold").transformSchema(numeric));
    assertEquals("fold id column 'fold' must be numeric, got string", fold.getMessage());
    InputException weight = assertThrows(InputException.class,
        () -> new SparkElasticNetCV().setWeightCol("w").transformSchema(numeric));
    assertEquals("no weight column 'w' in the data (columns: features, label, fold)",
        weight.getMessage());
    StructType out = new SparkElasticNetCV().transformSchema(numeric);
    assertEquals(DataTypes.DoubleType, out.apply("prediction").dataType());
  }

  @Test
  void sufficientStatistics_withWeightsAndFolds_equalEachFoldsSingleMachineStatistics() {
    LongAccumulator reads = spark.sparkContext().longAccumulator("rows read");
    JavaRDD<Row> counted = TestSpark.rdd(spark, TABLE, 4).map(row -> {
      reads.add(1);
      return row;
    });
    Dataset<Row> data = spark.createDataFrame(counted, TestSpark.SCHEMA);
    FoldStatistics folds = new SparkElasticNetCV().setWeightCol("weight").setFoldCol("fold")
        .setNumFolds(5).sufficientStatistics(data);
    assertEquals(200, reads.value(), "one read of the data");
    for (int k = 1; k <= 5; k++) {
      StatisticsPassTest.assertClose(GaussianStatistics.of(TABLE.x(), TABLE.y(), TABLE.w(),
          TABLE.rowsOf(k, true)), folds.fold(k), 1e-14);
    }
  }

  @Test
  void fit_withRandomFolds_readsOnce_andEqualsTheCoreOnTheSameContentHashedFolds() {
    LongAccumulator reads = spark.sparkContext().longAccumulator("rows read");
    JavaRDD<Row> counted = TestSpark.rdd(spark, TABLE, 3).map(row -> {
      reads.add(1);
      return row;
    });
    Dataset<Row> data = spark.createDataFrame(counted, TestSpark.SCHEMA);
    SparkElasticNetModel model = new SparkElasticNetCV().setNumFolds(5).setSeed(7)
        .setL1Ratio(0.7).fit(data);
    assertEquals(200, reads.value(), "one read of the data for the path and the 5-fold CV");
    int[] folds = new int[TABLE.n()];
    for (int i = 0; i < folds.length; i++) {
      folds[i] = RandomFolds.fold(7, 5, TABLE.y()[i], Vectors.dense(TABLE.x()[i]));
    }
    CrossValidation.Fit core = CrossValidation.gaussian(
        FoldStatistics.of(TABLE.x(), TABLE.y(), KFold.of(folds)), PathSettings.of(0.7),
        dev.tikhonov.data.Dataset.defaultNames(4), CrossValidation.Alignment.INTERPOLATE, 1);
    SparkElasticNetFitTest.assertSamePath(core.path(), model.path(), 1e-8);
    SparkElasticNetFitTest.assertSameCv(core.cv(), model.cv(), 1e-8);
  }

  @Test
  void randomFolds_ofTheCoresRows_giveTheCoresCrossValidationSparksCurveAndLambdas() {
    // A user's walk: the same K and seed in both gave λ_min 0.0174 on Spark, 0.0277 in the
    // core, as the core's seed shuffles the rows' order; the core on Spark's folds agrees.
    SparkElasticNetCV cv = new SparkElasticNetCV().setNumFolds(5).setSeed(7).setL1Ratio(0.7)
        .setTolerance(1e-10);
    SparkElasticNetModel model = cv.fit(TestSpark.frame(spark, TABLE, 3));
    dev.tikhonov.data.Dataset rows = dev.tikhonov.data.Dataset.of(TABLE.x(), TABLE.y());
    int[] folds = cv.randomFolds(rows);
    assertFalse(java.util.Arrays.equals(KFold.random(TABLE.n(), 5, 7).foldIds(), folds),
        "the core's own seeded folds are other folds");
    CrossValidatedPath<LinearModel> core = ElasticNetCV.gaussian().l1Ratio(0.7).foldIds(folds)
        .tolerance(1e-10).build().crossValidate(rows);
    assertArrayEquals(core.path().lambdas(), model.path().lambdas(), 1e-12);
    double[][][] b = core.path().coefficients();
    for (int l = 0; l < b.length; l++) {
      for (int j = 0; j < b[l][0].length; j++) {
        assertEquals(b[l][0][j], model.path().coefficient(l, 0, j), 1e-8, "λ #" + l);
      }
    }
    SparkElasticNetFitTest.assertSameCv(core.cv(), model.cv(), 1e-8);
    assertEquals(core.lambdaMin(), model.lambdaMin(), 1e-12 * core.lambdaMin());
    assertEquals(core.lambda1se(), model.lambda1se(), 1e-12 * core.lambda1se());
    InputException none = assertThrows(InputException.class, () -> cv.randomFolds(
        dev.tikhonov.data.Dataset.ofFeatures(TABLE.x(), List.of("a", "b", "c", "d"))));
    assertEquals("the data have no target; a row's random fold hashes its label with its"
        + " features", none.getMessage());
  }

  @Test
  void fit_multinomialWithAContinuousLabel_namesTheLabelColumn() {
    InputException e = assertThrows(InputException.class, () -> new SparkElasticNetCV()
        .setFamily("multinomial").fit(TestSpark.frame(spark, TABLE, 2)));
    // Every partition holds continuous labels; whichever task fails first is reported.
    assertTrue(e.getMessage().matches("column 'label', row 1 of partition [01]: is .*"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(", expected a class index: a whole number in 0..999"
        + " (family multinomial)"), e.getMessage());
  }

  @Test
  void sufficientStatistics_beyondTheLimitByTheColumnsMetadata_failsBeforeReadingAnything() {
    Metadata wide = new AttributeGroup("features", 5000).toMetadata();
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), true, wide)
        .add("label", DataTypes.DoubleType);
    // No rows: had the pass run, the error would be "the data have no rows".
    Dataset<Row> empty = spark.createDataFrame(List.<Row>of(), schema);
    InputException e = assertThrows(InputException.class,
        () -> new SparkElasticNetCV().sufficientStatistics(empty));
    assertTrue(e.getMessage().startsWith("column 'features' has 5000 features, more than the "),
        e.getMessage());
    assertTrue(e.getMessage().contains("(K + 1)·p²·8 = 2.0 GiB"), e.getMessage());
  }

  @Test
  void saveThenLoad_keepsEveryParam(@TempDir Path dir) throws Exception {
    SparkElasticNetCV cv = new SparkElasticNetCV().setWeightCol("w").setFoldCol("k")
        .setL1Ratio(0.25).setLambdas(3, 2, 1).setNumFolds(7).setSeed(123).setSelection("1se")
        .setStandardize(false);
    String path = dir.resolve("cv").toString();
    cv.write().save(path);
    SparkElasticNetCV loaded = SparkElasticNetCV.load(path);
    assertEquals(cv.uid(), loaded.uid());
    assertEquals(Optional.of("w"), loaded.getWeightCol());
    assertEquals(Optional.of("k"), loaded.getFoldCol());
    assertEquals(0.25, loaded.getL1Ratio());
    assertArrayEquals(new double[] {3, 2, 1}, loaded.getLambdas().orElseThrow());
    assertEquals(7, loaded.getNumFolds());
    assertEquals(123L, loaded.getSeed());
    assertEquals("1se", loaded.getSelection());
    assertFalse(loaded.getStandardize());
  }

  @Test
  void inAPipeline_savesAndLoadsAsAStage(@TempDir Path dir) throws Exception {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"a", "b"}).setOutputCol("features"),
        new SparkElasticNetCV().setL1Ratio(0.5).setNumFolds(3)});
    String path = dir.resolve("pipeline").toString();
    pipeline.write().save(path);
    PipelineStage[] stages = Pipeline.load(path).getStages();
    SparkElasticNetCV loaded = (SparkElasticNetCV) stages[1];
    assertEquals(0.5, loaded.getL1Ratio());
    assertEquals(3, loaded.getNumFolds());
  }

  @Test
  void copy_takesExtraParams() {
    SparkElasticNetCV cv = new SparkElasticNetCV().setL1Ratio(0.3);
    SparkElasticNetCV copy = cv.copy(new org.apache.spark.ml.param.ParamMap()
        .put(cv.numFolds().w(4)));
    assertEquals(4, copy.getNumFolds());
    assertEquals(0.3, copy.getL1Ratio());
    assertEquals(10, cv.getNumFolds());
    assertEquals(cv.uid(), copy.uid());
  }

  /**
   * A streaming Dataset: Spark's own refusal ("Queries with streaming sources must be executed
   * with writeStream.start()", an AnalysisException from inside the pass) said nothing of the
   * fit; a fitted model's transform takes one (it is lazy, row by row).
   */
  @Test
  void fit_ofAStreamingDataset_isRefusedInTheLibrarysTerms_whileTransformTakesOne() {
    Dataset<Row> stream = spark.readStream().format("rate").load()
        .select(org.apache.spark.sql.functions.col("value").cast("double").as("label"),
            org.apache.spark.sql.functions.lit(null).cast(SQLDataTypes.VectorType())
                .as("features"));
    for (String family : List.of("gaussian", "binomial")) {
      InputException e = assertThrows(InputException.class,
          () -> new SparkElasticNetCV().setFamily(family).fit(stream));
      assertEquals("the data are a streaming Dataset: a fit needs all its rows, a batch Dataset"
          + " (e.g. the rows so far: a foreachBatch, or the stream's sink read back as a table);"
          + " a fitted model's transform takes streaming data", e.getMessage(), family);
    }
    SparkElasticNetModel model = new SparkElasticNetCV().setNumFolds(5)
        .fit(TestSpark.frame(spark, TABLE, 2));
    assertTrue(model.transform(stream).isStreaming());
  }

  /**
   * The label column given as the weights or the fold ids (or one column as both) fitted with
   * the labels as weights (or failed on a label outside 1..K as a "fold id"); each is refused
   * before any pass, naming the two params.
   */
  @Test
  void aColumnAsTwoOfLabelWeightAndFold_isRefusedNamingBothParams() {
    Dataset<Row> data = TestSpark.frame(spark, TABLE, 2);
    InputException weight = assertThrows(InputException.class,
        () -> new SparkElasticNetCV().setWeightCol("label").fit(data));
    assertEquals("weightCol 'label' is also the labelCol; a column has one role",
        weight.getMessage());
    InputException fold = assertThrows(InputException.class,
        () -> new SparkElasticNetCV().setFoldCol("label").fit(data));
    assertEquals("foldCol 'label' is also the labelCol; a column has one role",
        fold.getMessage());
    InputException both = assertThrows(InputException.class, () -> new SparkElasticNetCV()
        .setFamily("poisson").setWeightCol("fold").setFoldCol("fold").setNumFolds(5).fit(data));
    assertEquals("foldCol 'fold' is also the weightCol; a column has one role",
        both.getMessage());
  }

  /**
   * A feature whose values lie 10²⁰⁰ apart has squares beyond double precision: its variance
   * overflowed to ∞ and the fit returned it with coefficient 0 and another λ_min, without a
   * word, where the same feature at its own scale has a coefficient far from 0. A label
   * 10³⁰⁰ apart was refused by the core as a problem of the features. Both are now refused
   * after the statistics pass, naming the column (and the feature).
   */
  @Test
  void fit_ofValuesWhoseSquaresOverflow_isRefusedNamingTheColumn() {
    TestSpark.Table t = TestSpark.table(60, 3, 3, 5);
    Dataset<Row> plain = TestSpark.frame(spark, t, 2);
    SparkElasticNetCV cv = new SparkElasticNetCV().setNumFolds(3).setFoldCol("fold")
        .setNumLambdas(10);
    // at its own scale the feature matters: the refusal below is not of a feature that is 0
    assertTrue(Math.abs(cv.fit(plain).coefficients().apply(1)) > 0.1);
    List<Row> rows = new java.util.ArrayList<>();
    for (Row r : t.rows()) {
      double[] x = ((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray().clone();
      x[1] *= 1e200;
      rows.add(org.apache.spark.sql.RowFactory.create(Vectors.dense(x), r.get(1), r.get(2),
          r.get(3)));
    }
    Dataset<Row> wide = spark.createDataFrame(rows, TestSpark.SCHEMA);
    for (String family : List.of("gaussian", "poisson")) {
      InputException e = assertThrows(InputException.class, () -> cv.copy(
          new org.apache.spark.ml.param.ParamMap().put(cv.family().w(family))).fit(wide));
      assertEquals("column 'features', feature 2 (vector index 1): the (weighted) sum of"
          + " squared deviations from its mean overflows double precision (values about 1e154"
          + " or more apart); rescale it", e.getMessage(), family);
    }
    InputException label = assertThrows(InputException.class, () -> cv.fit(
        plain.withColumn("label", org.apache.spark.sql.functions.expr("label * 1e300"))));
    assertEquals("column 'label': the (weighted) sum of squared deviations from its mean"
        + " overflows double precision (values about 1e154 or more apart); rescale it",
        label.getMessage());
  }

  /**
   * Vectors of one size in one partition and of another in the next: each partition's own
   * check passes, and the merge said "feature vectors of 3 and 5 elements in the same column",
   * naming no column.
   */
  @Test
  void fit_ofVectorsOfAnotherSizeInAnotherPartition_namesTheColumn() {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(org.apache.spark.sql.RowFactory.create(i < 10 ? Vectors.dense(i, 1, 2)
          : Vectors.dense(i, 1, 2, 3, 4), (double) i, 1.0, i % 2 + 1));
    }
    Dataset<Row> data = spark.createDataFrame(org.apache.spark.api.java.JavaSparkContext
        .fromSparkContext(spark.sparkContext()).parallelize(rows, 2), TestSpark.SCHEMA)
        .withColumnRenamed("features", "x");
    InputException e = assertThrows(InputException.class, () -> new SparkElasticNetCV()
        .setFeaturesCol("x").setNumFolds(2).setFoldCol("fold").fit(data));
    assertEquals("column 'x' holds vectors of 3 elements in some partitions and of 5 in others;"
        + " every row needs the same number", e.getMessage());
  }

  /**
   * The estimator's load instantiated whatever class the saved metadata named: a fitted
   * model's directory (the likeliest mix-up) failed with {@code NoSuchMethodException:
   * SparkElasticNetModel.<init>(java.lang.String)}, another stage's with a
   * {@code ClassCastException}, a missing path as "Path does not exist: path/metadata". Each
   * now names the path and what it holds, as the model's load does.
   */
  @Test
  void load_ofWhatIsNotASavedEstimator_namesThePathAndWhatItHolds(@TempDir Path dir)
      throws Exception {
    String model = dir.resolve("model").toString();
    new SparkElasticNetCV().setNumFolds(3).setNumLambdas(4).fit(TestSpark.frame(spark, TABLE, 2))
        .write().save(model);
    assertEquals(model + ": holds a saved dev.tikhonov.spark.SparkElasticNetModel, not a"
        + " dev.tikhonov.spark.SparkElasticNetCV; load it with that class's load",
        assertThrows(InputException.class, () -> SparkElasticNetCV.load(model)).getMessage());
    String assembler = dir.resolve("assembler").toString();
    new VectorAssembler().setInputCols(new String[] {"a"}).write().save(assembler);
    assertEquals(assembler + ": holds a saved org.apache.spark.ml.feature.VectorAssembler, not"
        + " a dev.tikhonov.spark.SparkElasticNetCV; load it with that class's load",
        assertThrows(InputException.class, () -> SparkElasticNetCV.load(assembler))
            .getMessage());
    String missing = dir.resolve("nothing").toString();
    assertEquals(missing + ": no such file or directory; expected a SparkElasticNetCV saved by"
        + " write().save(path): a directory with metadata/",
        assertThrows(InputException.class, () -> SparkElasticNetCV.load(missing)).getMessage());
    String file = java.nio.file.Files.writeString(dir.resolve("file.txt"), "x").toString();
    assertEquals(file + ": is a file; expected a SparkElasticNetCV saved by write().save(path):"
        + " a directory with metadata/",
        assertThrows(InputException.class, () -> SparkElasticNetCV.load(file)).getMessage());
    String saved = dir.resolve("cv").toString();
    new SparkElasticNetCV().setL1Ratio(0.5).write().save(saved);
    assertEquals(0.5, SparkElasticNetCV.load(saved).getL1Ratio());
  }
}
