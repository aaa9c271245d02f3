package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CvResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model: predictions, schema checks, persistence across sessions, use in a Pipeline. */
class SparkElasticNetModelTest {
  private static SparkSession spark;
  private static final double[] B = {0.5, -2.0, 0.0, 1e-3};
  private static final double A0 = 3.25;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  /** A path over λ = 0.09, 0.05, 0.02 whose λ_1se = 0.09 (selected, a₀ = A0, b = B). */
  static SparkElasticNetModel model() {
    double[] lambdas = {0.09, 0.05, 0.02};
    double[][] intercepts = {{A0}, {A0 + 1}, {A0 + 2}};
    double[][][] coefficients = {{B.clone()}, {{1, -3, 0.5, 0}}, {{1.5, -3.5, 1, 2e-3}}};
    PathSolution path = new PathSolution(Family.GAUSSIAN, 0.5, lambdas, intercepts, coefficients,
        new int[] {3, 3, 4}, new double[] {0.1, 0.4, 0.5}, 2.5, 1e-3,
        new boolean[] {true, true, false}, new int[] {3, 5, 8},
        new double[] {1e-4, 2e-4, Double.NaN}, List.of("a", "b", "c", "d"), List.of(),
        new PathSolution.End(PathSolution.Ending.ALL_LAMBDAS, "every λ"));
    CvResult cv = new CvResult(lambdas.clone(), new double[] {1.0, 0.8, 0.7},
        new double[] {0.1, 0.15, 0.2}, new double[][] {{1.1, 0.9, 0.6}, {0.9, 0.7, 0.8}}, 2, 0);
    return new SparkElasticNetModel(path, cv, 0);
  }

  private static Dataset<Row> frame() {
    List<Row> rows = List.of(
        RowFactory.create(1, Vectors.dense(1, 2, 3, 4)),
        RowFactory.create(2, Vectors.sparse(4, new int[] {1, 3}, new double[] {-1.5, 1e4})),
        RowFactory.create(3, Vectors.dense(0, 0, 0, 0)),
        RowFactory.create(4, Vectors.dense(-7.5, 1e-3, 2, 1e6)));
    StructType schema = new StructType().add("id", DataTypes.IntegerType)
        .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    return spark.createDataFrame(rows, schema);
  }

  private static double[] predictions(Dataset<Row> transformed, String column) {
    return transformed.orderBy("id").select(column).collectAsList().stream()
        .mapToDouble(r -> r.getDouble(0)).toArray();
  }

  @Test
  void transform_addsInterceptPlusFeaturesTimesCoefficients() {
    double[] expected = {
        A0 + 0.5 * 1 - 2.0 * 2 + 1e-3 * 4,
        A0 - 2.0 * -1.5 + 1e-3 * 1e4,
        A0,
        A0 + 0.5 * -7.5 - 2.0 * 1e-3 + 1e-3 * 1e6};
    Dataset<Row> out = model().transform(frame());
    assertArrayEquals(expected, predictions(out, "prediction"), 1e-12);
    assertEquals(DataTypes.DoubleType, out.schema().apply("prediction").dataType());
    assertEquals(expected[1], model().predict(Vectors.sparse(4, new int[] {1, 3},
        new double[] {-1.5, 1e4})), 1e-12);
  }

  @Test
  void binomialProbabilities_ofAConfidentRow_keepTheDigitsOfTheSmallOne() {
    // η = 30 at x = 0: p₀ = σ(−30) = e⁻³⁰/(1 + e⁻³⁰) ≈ 9.36e-14, which 1 − σ(30) gets wrong in
    // the third digit.
    double[] lambdas = {0.1};
    PathSolution path = new PathSolution(Family.BINOMIAL, 1, lambdas, new double[][] {{30}},
        new double[][][] {{{1, -1}}}, new int[] {2}, new double[] {0.5}, 1.2, 1e-3,
        new boolean[] {true}, new int[] {1}, new double[] {1e-4}, List.of("a", "b"),
        List.of("0", "1"), new PathSolution.End(PathSolution.Ending.ALL_LAMBDAS, "every λ"));
    CvResult cv = new CvResult(lambdas.clone(), new double[] {1.0}, new double[] {0.1},
        new double[][] {{1.1}, {0.9}}, 0, 0);
    SparkElasticNetModel model = new SparkElasticNetModel(path, cv, 0);
    double[] p = model.probabilities(Vectors.dense(0, 0)).toArray();
    double small = Math.exp(-30) - Math.exp(-60); // e⁻³⁰/(1 + e⁻³⁰) to 1e-26 relative
    assertEquals(small, p[0], 1e-15 * small);
    assertEquals(1 / (1 + Math.exp(-30)), p[1]);
    assertEquals(1.0, model.predict(Vectors.dense(0, 0)), "the class, not P(class 1)");
    // Negative η: σ(η) = e^η/(1 + e^η) is the small one.
    double[] q = model.probabilities(Vectors.dense(0, 60)).toArray();
    assertEquals(small, q[1], 1e-15 * small);
  }

  @Test
  void transformSchema_rejectsMissingOrNonVectorFeaturesAndAnExistingPrediction() {
    StructType schema = frame().schema();
    InputException missing = assertThrows(InputException.class,
        () -> model().setFeaturesCol("x").transformSchema(schema));
    assertEquals("no features column 'x' in the data (columns: id, features)",
        missing.getMessage());
    InputException notVector = assertThrows(InputException.class,
        () -> model().setFeaturesCol("id").transformSchema(schema));
    assertTrue(notVector.getMessage().startsWith("features column 'id' must hold vectors"),
        notVector.getMessage());
    InputException exists = assertThrows(InputException.class,
        () -> model().setPredictionCol("id").transformSchema(schema));
    assertEquals("prediction column 'id' already exists in the data", exists.getMessage());
  }

  @Test
  void predict_ofAVectorOfTheWrongSize_isAClearError() {
    InputException e = assertThrows(InputException.class,
        () -> model().predict(Vectors.dense(1, 2, 3)));
    assertEquals("a feature vector of 3 elements for a model of 4 features", e.getMessage());
  }

  /**
   * transform of vectors of another size: refused at once, naming the column and p, when the
   * column's ML attributes give the size (a VectorAssembler of 3 columns for a model of 4);
   * else at the first row, the same words inside Spark's task failure (it was "a feature
   * vector of 3 elements for a model of 4 features", no column, at the first action).
   */
  @Test
  void transform_ofVectorsOfTheWrongSize_namesTheColumnAndTheModelsP() {
    StructType columns = new StructType().add("x1", DataTypes.DoubleType)
        .add("x2", DataTypes.DoubleType).add("x3", DataTypes.DoubleType);
    Dataset<Row> three = new VectorAssembler().setInputCols(new String[] {"x1", "x2", "x3"})
        .setOutputCol("features")
        .transform(spark.createDataFrame(List.of(RowFactory.create(1.0, 2.0, 3.0)), columns));
    InputException eager = assertThrows(InputException.class, () -> model().transform(three));
    assertEquals("features column 'features' holds vectors of 3 elements, expected 4: the model"
        + " was fitted on 4 features (the column's ML attributes say so)", eager.getMessage());
    StructType plain = new StructType()
        .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    Dataset<Row> out = model().transform(spark.createDataFrame(
        List.of(RowFactory.create(Vectors.dense(1, 2, 3))), plain));
    Exception e = assertThrows(Exception.class, out::collectAsList);
    Throwable cause = e;
    while (cause != null && !(cause instanceof InputException)) {
      cause = cause.getCause();
    }
    assertTrue(cause != null, "an InputException inside Spark's: " + e);
    assertEquals("features column 'features' holds vectors of 3 elements, expected 4: the model"
        + " was fitted on 4 features", cause.getMessage());
  }

  /**
   * probabilityCol (MLlib's name): a binomial model adds (P(0), P(1)) per row, the numbers of
   * probabilities(v) bit for bit, and keeps the setting through write/load; unset, no column;
   * a gaussian model refuses it, naming the column.
   */
  @Test
  void probabilityCol_addsTheClassProbabilities_andAGaussianModelRefusesIt(@TempDir Path dir)
      throws Exception {
    double[] lambdas = {0.1};
    PathSolution path = new PathSolution(Family.BINOMIAL, 1, lambdas, new double[][] {{0.5}},
        new double[][][] {{B.clone()}}, new int[] {3}, new double[] {0.5}, 1.2, 1e-3,
        new boolean[] {true}, new int[] {1}, new double[] {1e-4}, List.of("a", "b", "c", "d"),
        List.of("0", "1"), new PathSolution.End(PathSolution.Ending.ALL_LAMBDAS, "every λ"));
    CvResult cv = new CvResult(lambdas.clone(), new double[] {1.0}, new double[] {0.1},
        new double[][] {{1.1}, {0.9}}, 0, 0);
    SparkElasticNetModel binomial = new SparkElasticNetModel(path, cv, 0);
    assertEquals(List.of("id", "features", "prediction"),
        List.of(binomial.transform(frame()).columns()), "unset: no probability column");
    binomial.setProbabilityCol("probability");
    List<Row> rows = binomial.transform(frame()).orderBy("id")
        .select("features", "prediction", "probability").collectAsList();
    assertEquals(4, rows.size());
    for (Row r : rows) {
      org.apache.spark.ml.linalg.Vector x = r.getAs(0);
      org.apache.spark.ml.linalg.Vector p = r.getAs(2);
      assertArrayEquals(binomial.probabilities(x).toArray(), p.toArray(), 0.0);
      assertEquals(p.apply(1) > p.apply(0) ? 1.0 : 0.0, r.getDouble(1), 0.0, "the class");
    }
    String saved = dir.resolve("binomial").toString();
    binomial.write().save(saved);
    assertEquals(java.util.Optional.of("probability"),
        SparkElasticNetModel.load(saved).getProbabilityCol());

    InputException gaussian = assertThrows(InputException.class,
        () -> model().setProbabilityCol("probability").transform(frame()));
    assertEquals("probabilityCol 'probability': a gaussian model has no class probabilities"
        + " (binomial and multinomial have); unset it", gaussian.getMessage());
  }

  @Test
  void copy_withExtraParams_keepsTheNumbersAndTakesTheParams() {
    SparkElasticNetModel original = model();
    SparkElasticNetModel copy = original.copy(
        new ParamMap().put(original.predictionCol().w("yhat")));
    assertEquals("yhat", copy.getPredictionCol());
    assertEquals("prediction", original.getPredictionCol());
    assertEquals(original.uid(), copy.uid());
    assertArrayEquals(B, copy.coefficients().toArray());
  }

  @Test
  void saveThenLoadInANewSession_predictsIdentically(@TempDir Path dir) throws Exception {
    SparkElasticNetModel saved = model().setPredictionCol("yhat");
    double[] before = predictions(saved.transform(frame()), "yhat");
    String path = dir.resolve("model").toString();
    saved.write().save(path);
    assertTrue(Files.isDirectory(dir.resolve("model").resolve("metadata")));
    assertTrue(Files.isDirectory(dir.resolve("model").resolve("data")));

    TestSpark.restart();
    spark = TestSpark.session("local[2]");
    SparkElasticNetModel loaded = SparkElasticNetModel.load(path);
    assertEquals(saved.uid(), loaded.uid());
    assertEquals("yhat", loaded.getPredictionCol());
    assertEquals(A0, loaded.intercept());
    assertArrayEquals(B, loaded.coefficients().toArray());
    assertEquals(0.02, loaded.lambdaMin());
    assertEquals(0.09, loaded.lambda1se());
    assertEquals(0.09, loaded.selectedLambda());
    SparkElasticNetFitTest.assertSamePath(saved.path(), loaded.path(), 0.0);
    SparkElasticNetFitTest.assertSameCv(saved.cv(), loaded.cv(), 0.0);
    assertEquals(saved.path().end(), loaded.path().end());
    assertArrayEquals(before, predictions(loaded.transform(frame()), "yhat"), 0.0);

    // Saving over an existing model needs overwrite(), as Spark's own models.
    assertThrows(java.io.IOException.class, () -> saved.write().save(path));
    SparkElasticNetModel other = model().setPredictionCol("other");
    other.write().overwrite().save(path);
    assertEquals("other", SparkElasticNetModel.load(path).getPredictionCol());
    try (var names = Files.list(dir)) {
      assertEquals(List.of("model"), names.map(f -> f.getFileName().toString()).toList(),
          "overwrite() leaves only the new model (SafeOverwrite's siblings are gone)");
    }
  }

  @Test
  void insideAPipelineModel_transformsAndSavesAndLoads(@TempDir Path dir) throws Exception {
    StructType schema = new StructType().add("a", DataTypes.DoubleType)
        .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType)
        .add("d", DataTypes.DoubleType);
    Dataset<Row> raw = spark.createDataFrame(List.of(RowFactory.create(1.0, 2.0, 3.0, 4.0),
        RowFactory.create(-1.0, 0.5, 0.0, 8.0)), schema);
    VectorAssembler assembler = new VectorAssembler()
        .setInputCols(new String[] {"a", "b", "c", "d"}).setOutputCol("features");
    PipelineModel pipeline = new PipelineModel("pipeline",
        new Transformer[] {assembler, model()});
    List<Row> out = pipeline.transform(raw).select("prediction").collectAsList();
    assertEquals(A0 + 0.5 - 4.0 + 4e-3, out.get(0).getDouble(0), 1e-12);
    assertEquals(A0 - 0.5 - 1.0 + 8e-3, out.get(1).getDouble(0), 1e-12);

    String path = dir.resolve("pipeline").toString();
    pipeline.write().save(path);
    List<Row> reloaded = PipelineModel.load(path).transform(raw).select("prediction")
        .collectAsList();
    assertEquals(out, reloaded);
  }

  /** The directory of a model saved by an earlier version, in the test resources. */
  static String resource(String name) throws Exception {
    return Path.of(SparkElasticNetModelTest.class.getResource(name).toURI()).toString();
  }

  @Test
  void saveThenLoad_keepsTheCrossValidationsWarning_andItsAbsence(@TempDir Path dir)
      throws Exception {
    SparkElasticNetModel plain = model();
    // fold 2 of 2 left 2 of its 3 λ above the tolerance
    java.util.Optional<dev.tikhonov.select.CvShortfall> folds = dev.tikhonov.select.CvShortfall
        .of(List.of(java.util.Optional.empty(), java.util.Optional.of(
            dev.tikhonov.linear.Shortfall.notCertified(2, 3, 3, 0.01, 1e-3, 1e-7))),
            List.of(java.util.Optional.empty(), java.util.Optional.empty()));
    SparkElasticNetModel warned = new SparkElasticNetModel(plain.path(), plain.cv()
        .withShortfall(folds), 0);
    warned.write().save(dir.resolve("warned").toString());
    plain.write().save(dir.resolve("plain").toString());
    String sentence = warned.cv().warning().orElseThrow();
    assertTrue(sentence.startsWith("cross-validation fold 2 of 2 did not converge"), sentence);
    assertEquals(java.util.Optional.of(sentence),
        SparkElasticNetModel.load(dir.resolve("warned").toString()).cv().warning());
    assertEquals(java.util.Optional.empty(),
        SparkElasticNetModel.load(dir.resolve("plain").toString()).cv().warning());
  }

  @Test
  void load_ofAModelSavedBeforeThePenaltyScalesWereKept_predictsAsBefore() throws Exception {
    SparkElasticNetModel old = SparkElasticNetModel.load(
        resource("gaussian-before-penalty-scales"));
    SparkElasticNetModel same = model();
    assertEquals("yhat", old.getPredictionCol());
    assertEquals(0.09, old.selectedLambda());
    SparkElasticNetFitTest.assertSamePath(same.path(), old.path(), 0.0);
    SparkElasticNetFitTest.assertSameCv(same.cv(), old.cv(), 0.0);
    assertArrayEquals(predictions(same.transform(frame()), "prediction"),
        predictions(old.transform(frame()), "yhat"), 0.0);
  }

  /**
   * A one-λ model of {@code family} with intercepts a₀ and coefficients b (one vector, or one
   * per class), features a, b, c, d, and a fit record (scales and factors 1), so that
   * {@link SparkElasticNetModel#toLinearClassifier()} makes the core's model of the same numbers.
   */
  static SparkElasticNetModel oneLambda(Family family, double[] a0, double[][] b) {
    double[] lambdas = {0.1};
    List<String> classes = family == Family.BINOMIAL ? List.of("0", "1")
        : family == Family.MULTINOMIAL
            ? java.util.stream.IntStream.range(0, a0.length).mapToObj(String::valueOf).toList()
            : List.of();
    PathSolution path = new PathSolution(family, 1, lambdas, new double[][] {a0.clone()},
        new double[][][] {b}, new int[] {4}, new double[] {0.5}, 1.2, 1e-3,
        new boolean[] {true}, new int[] {1}, new double[] {1e-4}, List.of("a", "b", "c", "d"),
        classes, new PathSolution.End(PathSolution.Ending.ALL_LAMBDAS, "every λ"));
    CvResult cv = new CvResult(lambdas.clone(), new double[] {1.0}, new double[] {0.1},
        new double[][] {{1.1}, {0.9}}, 0, 0);
    FitRecord record = FitRecord.read(new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 1},
        "{\"estimator\": \"SparkElasticNetCV\"}", "test");
    return new SparkElasticNetModel("tikhonovElasticNetModel_test", path, cv, 0, 1,
        java.util.Optional.of(record));
  }

  /** Rows id = 1.. with features (t, 0, 0, 0) for each t. */
  private static Dataset<Row> firstFeature(double... t) {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < t.length; i++) {
      rows.add(RowFactory.create(i + 1, Vectors.dense(t[i], 0, 0, 0)));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType)
        .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    return spark.createDataFrame(rows, schema);
  }

  /** The rows (t, 0, 0, 0) as the core's double[n][4]. */
  private static double[][] firstFeatureRows(double... t) {
    double[][] x = new double[t.length][4];
    for (int i = 0; i < t.length; i++) {
      x[i][0] = t[i];
    }
    return x;
  }

  /**
   * Printed, a model says what it is (MLlib's LogisticRegressionModel: "uid, numClasses,
   * numFeatures"): the family, the λ chosen and by which rule, its features and its nonzero
   * coefficients (every class's for multinomial).
   */
  @Test
  void toString_namesTheFamily_theChosenLambda_theFeatures_andTheNonzeros() {
    SparkElasticNetModel gaussian = model();
    assertEquals("SparkElasticNetModel: uid=" + gaussian.uid() + ", family=gaussian,"
        + " numFeatures=4, lambda=0.09 (lambda_1se, index 0 of 3), nonzeros=3 of 4",
        gaussian.toString());
    SparkElasticNetModel multinomial = oneLambda(Family.MULTINOMIAL, new double[] {0, 0, 0},
        new double[][] {{0, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, -2, 0}});
    assertTrue(multinomial.toString().endsWith(", family=multinomial, numClasses=3,"
        + " numFeatures=4, lambda=" + multinomial.selectedLambda() + " (lambda_min, index 0 of 1),"
        + " nonzeros=2 of 12"), multinomial.toString());
  }

  /**
   * A binomial model's prediction is the class 0.0/1.0 (it was P(class 1)), by the core's rule
   * bit for bit: class 1 only when σ(η) &gt; σ(−η). At η = 0, P(class 1) is exactly 0.5 and
   * both say class 0; at η = 1e-17 &gt; 0 the probabilities round to 0.5 each and both say 0
   * (MLlib's margin test η &gt; 0 would say 1); at η = 1e-15 they differ and both say 1.
   */
  @Test
  void binomialPrediction_isTheClass_asTheCoreModelPredictsIt_alsoAtPExactlyHalf() {
    SparkElasticNetModel model = oneLambda(Family.BINOMIAL, new double[] {0},
        new double[][] {{1, 0, 0, 0}}).setProbabilityCol("probability");
    double[] t = {0, 1e-17, -1e-17, 1e-15, 2.5, -2.5};
    Dataset<Row> out = model.transform(firstFeature(t));
    double[] spark = predictions(out, "prediction");
    double[] core = model.toLinearClassifier().predict(firstFeatureRows(t));
    assertArrayEquals(new double[] {0, 0, 0, 1, 1, 0}, spark, 0.0);
    assertArrayEquals(core, spark, 0.0, "the core's LinearClassifier.predict");
    List<Row> half = out.orderBy("id").select("probability").collectAsList();
    org.apache.spark.ml.linalg.Vector p = half.get(0).getAs(0);
    assertArrayEquals(new double[] {0.5, 0.5}, p.toArray(), 0.0, "P exactly 0.5 at η = 0");
    for (int i = 0; i < t.length; i++) {
      assertEquals(spark[i], model.predict(Vectors.dense(t[i], 0, 0, 0)), 0.0, "predict(v)");
    }
  }

  /**
   * A multinomial model's class is the core's too: the first of the largest probabilities. At
   * η = (0, 1e-17, 0) the softmax is (1/3, 1/3, 1/3) and both say class 0 (the argmax of η
   * said 1).
   */
  @Test
  void multinomialPrediction_onATieOfTheProbabilities_isTheCoresFirstClass() {
    SparkElasticNetModel model = oneLambda(Family.MULTINOMIAL, new double[] {0, 0, 0},
        new double[][] {{0, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}});
    double[] t = {1e-17, 1, -1, 0};
    double[] spark = predictions(model.transform(firstFeature(t)), "prediction");
    assertArrayEquals(new double[] {0, 1, 0, 0}, spark, 0.0);
    assertArrayEquals(model.toLinearClassifier().predict(firstFeatureRows(t)), spark, 0.0);
  }

  /**
   * rawPredictionCol (MLlib's name, unset by default): binomial (−η, η) with η = a₀ + x·b,
   * multinomial η꜀ per class, the numbers of rawPrediction(v) bit for bit, and what MLlib's
   * LogisticRegressionModel of the same numbers puts in its rawPrediction, probability and
   * prediction columns; kept through write/load; gaussian and Poisson refuse it.
   */
  @Test
  void rawPredictionCol_addsMllibsMargins_andARegressionRefusesIt(@TempDir Path dir)
      throws Exception {
    double a0 = 0.5;
    SparkElasticNetModel binomial = oneLambda(Family.BINOMIAL, new double[] {a0},
        new double[][] {B.clone()});
    assertEquals(List.of("id", "features", "prediction"),
        List.of(binomial.transform(frame()).columns()), "unset: no raw prediction column");
    binomial.setRawPredictionCol("rawPrediction").setProbabilityCol("probability");
    double[] eta = {
        a0 + 0.5 * 1 - 2.0 * 2 + 1e-3 * 4,
        a0 - 2.0 * -1.5 + 1e-3 * 1e4,
        a0,
        a0 + 0.5 * -7.5 - 2.0 * 1e-3 + 1e-3 * 1e6};
    LogisticRegressionModel mllib = new LogisticRegressionModel("mllib", Vectors.dense(B), a0);
    assertSameAsMllib(binomial, mllib, eta.length);
    List<Row> rows = binomial.transform(frame()).orderBy("id")
        .select("features", "rawPrediction").collectAsList();
    for (int i = 0; i < rows.size(); i++) {
      org.apache.spark.ml.linalg.Vector x = rows.get(i).getAs(0);
      org.apache.spark.ml.linalg.Vector raw = rows.get(i).getAs(1);
      assertArrayEquals(new double[] {-eta[i], eta[i]}, raw.toArray(), 1e-12 * Math.abs(eta[i]));
      assertArrayEquals(binomial.rawPrediction(x).toArray(), raw.toArray(), 0.0);
    }
    String saved = dir.resolve("binomial").toString();
    binomial.write().save(saved);
    assertEquals(java.util.Optional.of("rawPrediction"),
        SparkElasticNetModel.load(saved).getRawPredictionCol());

    double[][] b = {{0.5, -2, 0, 1e-3}, {-1, 0.25, 0.5, 0}, {0, 1, -0.5, -1e-3}};
    double[] a = {0.25, -0.5, 0.25};
    SparkElasticNetModel multinomial = oneLambda(Family.MULTINOMIAL, a, b)
        .setRawPredictionCol("rawPrediction").setProbabilityCol("probability");
    double[] columnMajor = new double[12];
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 4; j++) {
        columnMajor[c + 3 * j] = b[c][j];
      }
    }
    assertSameAsMllib(multinomial, new LogisticRegressionModel("mllib3",
        org.apache.spark.ml.linalg.Matrices.dense(3, 4, columnMajor), Vectors.dense(a), 3, true),
        4);

    InputException gaussian = assertThrows(InputException.class,
        () -> model().setRawPredictionCol("raw").transform(frame()));
    assertEquals("rawPredictionCol 'raw': a gaussian model has no class margins (binomial and"
        + " multinomial have); unset it", gaussian.getMessage());
    SparkElasticNetModel poisson = oneLambda(Family.POISSON, new double[] {a0},
        new double[][] {B.clone()});
    InputException counts = assertThrows(InputException.class,
        () -> poisson.setRawPredictionCol("raw").transformSchema(frame().schema()));
    assertEquals("rawPredictionCol 'raw': a poisson model has no class margins (binomial and"
        + " multinomial have); unset it", counts.getMessage());
    assertThrows(IllegalStateException.class, () -> poisson.rawPrediction(Vectors.dense(B)));
    InputException exists = assertThrows(InputException.class,
        () -> binomial.copy(new ParamMap()).setRawPredictionCol("id").transform(frame()));
    assertEquals("raw prediction column 'id' already exists in the data", exists.getMessage());
  }

  /**
   * Our rawPrediction, probability and prediction columns against MLlib's of the same numbers
   * on {@link #frame()}: the margins and probabilities to rounding (MLlib sums x·b in another
   * order and takes P(0) as 1 − P(1)), the classes equal.
   */
  private static void assertSameAsMllib(SparkElasticNetModel ours, LogisticRegressionModel mllib,
      int n) {
    List<Row> a = ours.transform(frame()).orderBy("id")
        .select("rawPrediction", "probability", "prediction").collectAsList();
    List<Row> m = mllib.transform(frame()).orderBy("id")
        .select("rawPrediction", "probability", "prediction").collectAsList();
    assertEquals(n, a.size());
    for (int i = 0; i < n; i++) {
      double[] raw = ((org.apache.spark.ml.linalg.Vector) a.get(i).get(0)).toArray();
      double[] mllibRaw = ((org.apache.spark.ml.linalg.Vector) m.get(i).get(0)).toArray();
      assertEquals(mllibRaw.length, raw.length);
      for (int k = 0; k < raw.length; k++) {
        assertEquals(mllibRaw[k], raw[k], 1e-12 * Math.max(1, Math.abs(raw[k])),
            "row " + i + " margin " + k);
      }
      assertArrayEquals(((org.apache.spark.ml.linalg.Vector) m.get(i).get(1)).toArray(),
          ((org.apache.spark.ml.linalg.Vector) a.get(i).get(1)).toArray(), 1e-12,
          "row " + i + " probabilities");
      assertEquals(m.get(i).getDouble(2), a.get(i).getDouble(2), 0.0, "row " + i + " class");
    }
  }

  /**
   * A binomial model saved when its prediction column held P(class 1) (test resource, main at
   * c9d7ab0) loads with its params and predicts the class in that column now: the meaning is
   * in transform, not in the saved numbers; its probabilities are unchanged.
   */
  @Test
  void load_ofABinomialModelSavedWhenItPredictedPClass1_predictsTheClass() throws Exception {
    SparkElasticNetModel old = SparkElasticNetModel.load(
        resource("binomial-before-class-prediction"));
    SparkElasticNetModel same = oneLambda(Family.BINOMIAL, new double[] {0.5},
        new double[][] {B.clone()});
    assertEquals("pClass1", old.getPredictionCol());
    assertEquals(java.util.Optional.of("probability"), old.getProbabilityCol());
    assertEquals(java.util.Optional.empty(), old.getRawPredictionCol());
    List<Row> rows = old.transform(frame()).orderBy("id")
        .select("features", "pClass1", "probability").collectAsList();
    double[] classes = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      org.apache.spark.ml.linalg.Vector x = rows.get(i).getAs(0);
      classes[i] = rows.get(i).getDouble(1);
      assertArrayEquals(same.probabilities(x).toArray(),
          ((org.apache.spark.ml.linalg.Vector) rows.get(i).get(2)).toArray(), 0.0);
    }
    // η = −2.996, 13.5, 0.5, 996.748: classes 0, 1, 1, 1.
    assertArrayEquals(new double[] {0, 1, 1, 1}, classes, 0.0);
    assertArrayEquals(old.toLinearClassifier().predict(new double[][] {{1, 2, 3, 4},
        {0, -1.5, 0, 1e4}, {0, 0, 0, 0}, {-7.5, 1e-3, 2, 1e6}}), classes, 0.0);
  }

  /**
   * pathFrame's rows, collected in order, against path() and cv(): the same λ, df,
   * deviance ratio, CV mean and SE, bit for bit, one row per λ, under path.csv's column names.
   */
  private static void assertPathFrame(SparkElasticNetModel model) {
    Dataset<Row> frame = model.pathFrame(spark);
    assertEquals(List.of("lambda", "df", "dev_ratio", "cv_mean", "cv_se"),
        List.of(frame.columns()));
    List<Row> rows = frame.collectAsList();
    PathSolution path = model.path();
    CvResult cv = model.cv();
    assertEquals(path.size(), rows.size(), "one row per λ");
    for (int l = 0; l < rows.size(); l++) {
      Row r = rows.get(l);
      assertEquals(Double.doubleToRawLongBits(path.lambdas()[l]),
          Double.doubleToRawLongBits(r.getDouble(0)), "λ #" + l);
      assertEquals(path.degreesOfFreedom()[l], r.getInt(1), "df at λ #" + l);
      assertEquals(Double.doubleToRawLongBits(path.devianceRatio()[l]),
          Double.doubleToRawLongBits(r.getDouble(2)), "dev_ratio at λ #" + l);
      assertEquals(Double.doubleToRawLongBits(cv.mean()[l]),
          Double.doubleToRawLongBits(r.getDouble(3)), "cv_mean at λ #" + l);
      assertEquals(Double.doubleToRawLongBits(cv.standardError()[l]),
          Double.doubleToRawLongBits(r.getDouble(4)), "cv_se at λ #" + l);
    }
  }

  @Test
  void pathFrame_ofAGaussianFit_hasOneRowPerLambdaWithThePathAndCvNumbers() {
    TestSpark.Table table = TestSpark.table(200, 4, 3, 7);
    SparkElasticNetModel model = new SparkElasticNetCV().setL1Ratio(0.5).setWeightCol("weight")
        .setFoldCol("fold").setNumFolds(3).setNumLambdas(12)
        .fit(TestSpark.frame(spark, table, 2));
    assertTrue(model.path().size() > 5, "a path of several λ: " + model.path().size());
    assertPathFrame(model);
    assertPathFrame(model());
  }

  @Test
  void pathFrame_ofAMultinomialFit_hasOneRowPerLambdaWithThePathAndCvNumbers() {
    TestSpark.Table table = TestSpark.table(150, 3, 3, 11);
    double[] sorted = table.y().clone();
    java.util.Arrays.sort(sorted);
    double third = sorted[sorted.length / 3];
    double twoThirds = sorted[2 * sorted.length / 3];
    double[] classes = java.util.Arrays.stream(table.y())
        .map(y -> y < third ? 0 : y < twoThirds ? 1 : 2).toArray();
    SparkElasticNetModel model = new SparkElasticNetCV().setFamily("multinomial")
        .setFoldCol("fold").setNumFolds(3).setNumLambdas(6).setLambdaMinRatio(0.05)
        .fit(TestSpark.frame(spark,
            new TestSpark.Table(table.x(), classes, table.w(), table.folds()), 2));
    assertEquals(3, model.numClasses());
    assertPathFrame(model);
  }

  /**
   * What load is given instead of a saved model: each refusal names the path and what it is.
   * Spark's own failures were "[PATH_NOT_FOUND] Path does not exist: DIR/metadata" for a
   * missing path, a tikhonov model file and a save stopped before path/ alike (the last naming
   * DIR/path), and "requirement failed: Error loading metadata: Expected class name ..." for
   * another stage's save.
   */
  @Test
  void load_ofWhatIsNotASavedModel_namesThePathAndWhatItIs(@TempDir Path dir) throws Exception {
    String expected = "expected a SparkElasticNetModel saved by write().save(path): a directory"
        + " with metadata/, data/ and path/";
    String missing = dir.resolve("missing").toString();
    InputException none = assertThrows(InputException.class,
        () -> SparkElasticNetModel.load(missing));
    assertEquals(missing + ": no such file or directory; " + expected, none.getMessage());
    String file = Files.writeString(dir.resolve("enet.safetensors"), "not a directory")
        .toString();
    InputException plain = assertThrows(InputException.class,
        () -> SparkElasticNetModel.load(file));
    assertEquals(file + ": is a file; " + expected + " (a tikhonov model file, from"
        + " toLinearModel().save or PathJob --save, loads with Predictor.load)",
        plain.getMessage());
    String assembler = dir.resolve("assembler").toString();
    new VectorAssembler().setInputCols(new String[] {"a"}).setOutputCol("v").write()
        .save(assembler);
    Files.createDirectories(dir.resolve("assembler/data"));
    Files.createDirectories(dir.resolve("assembler/path"));
    InputException other = assertThrows(InputException.class,
        () -> SparkElasticNetModel.load(assembler));
    assertEquals(assembler + ": holds a saved org.apache.spark.ml.feature.VectorAssembler, not"
        + " a dev.tikhonov.spark.SparkElasticNetModel; load it with that class's load",
        other.getMessage());
    String half = dir.resolve("half").toString();
    model().write().save(half);
    org.apache.commons.io.FileUtils.deleteDirectory(dir.resolve("half/path").toFile());
    InputException stopped = assertThrows(InputException.class,
        () -> SparkElasticNetModel.load(half));
    assertEquals(half + ": has no path/; " + expected + " (a save stopped half way leaves one"
        + " without its last parts)", stopped.getMessage());
  }
}
