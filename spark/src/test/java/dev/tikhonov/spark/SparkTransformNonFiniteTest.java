package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * transform of rows whose features are NaN or ±∞, or null, beside Spark 4.2's own
 * LinearRegressionModel, GeneralizedLinearRegressionModel (poisson, log) and
 * LogisticRegressionModel (binomial and multinomial) of the same numbers in local[2]: the same
 * IEEE numbers where the answer is a number or a limit (docs/spark.md, "Rows that are not
 * finite"), NaN where MLlib invents a class (its comparisons make a NaN margin class 0) or
 * clamps a mean count into [1e-16, Double.MAX_VALUE]; and the core's models, which refuse such
 * rows.
 */
class SparkTransformNonFiniteTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;
  /** Feature 2's coefficient is 0 in every model: a lasso that left it out. */
  private static final double[] B = {0.5, -2.0, 0.0, 1e-3};
  private static final double A0 = 0.25;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  /** The rows: one finite, then each kind of value that is not finite. */
  private static final Vector[] ROWS = {
      Vectors.dense(1, 2, 3, 4),
      Vectors.dense(NAN, 2, 3, 4),              // NaN in a feature the model uses
      Vectors.dense(1, 2, NAN, 4),              // NaN in a feature of coefficient 0
      Vectors.dense(INF, 2, 3, 4),              // η = +∞
      Vectors.dense(-INF, 2, 3, 4),             // η = −∞
      Vectors.dense(1, INF, 3, 4),              // +∞ times a negative coefficient: η = −∞
      Vectors.dense(1, 2, INF, 4),              // ∞ · 0 = NaN
      Vectors.sparse(4, new int[] {2}, new double[] {INF}),  // the same, sparse
      Vectors.dense(INF, -INF, 3, 4),           // ∞ + ∞ = ∞
      Vectors.dense(INF, INF, 3, 4)};           // ∞ − ∞ = NaN

  private static Dataset<Row> frame(Vector... rows) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      out.add(RowFactory.create(i, rows[i]));
    }
    return spark.createDataFrame(out, new StructType().add("id", DataTypes.IntegerType)
        .add("features", SQLDataTypes.VectorType(), true));
  }

  /** Each row's values of {@code columns} (doubles, or vectors flattened), in row order. */
  private static List<double[]> collect(Transformer model, Dataset<Row> data,
      String... columns) {
    List<double[]> out = new ArrayList<>();
    for (Row r : model.transform(data).orderBy("id").collectAsList()) {
      List<Double> values = new ArrayList<>();
      for (String c : columns) {
        Object v = r.getAs(c);
        if (v instanceof Vector vector) {
          for (double d : vector.toArray()) {
            values.add(d);
          }
        } else {
          values.add((Double) v);
        }
      }
      out.add(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return out;
  }

  /** IEEE arithmetic alike: ŷ = a₀ + x·b is NaN, +∞ or −∞ exactly where MLlib's is. */
  @Test
  void gaussian_ofRowsThatAreNotFinite_predictsMllibsNumbers() {
    SparkElasticNetModel ours = SparkElasticNetModelTest.oneLambda(Family.GAUSSIAN,
        new double[] {A0}, new double[][] {B.clone()});
    List<double[]> a = collect(ours, frame(ROWS), "prediction");
    List<double[]> m = collect(new LinearRegressionModel("mllib", Vectors.dense(B), A0),
        frame(ROWS), "prediction");
    double[] expected = {A0 + 0.5 - 4 + 4e-3, NAN, NAN, INF, -INF, -INF, NAN, NAN, INF, NAN};
    for (int i = 0; i < ROWS.length; i++) {
      assertEquals(expected[i], a.get(i)[0], 1e-15, "row " + i);
      assertEquals(m.get(i)[0], a.get(i)[0], 1e-15, "row " + i + " against MLlib");
    }
  }

  /**
   * μ = exp(η): ∞ at η = +∞, 0 at η = −∞, NaN for NaN; MLlib's GLM clamps every mean into
   * [1e-16, Double.MAX_VALUE] (its fitting safeguard, Poisson's project), a finite
   * η = −40 too (e⁻⁴⁰ ≈ 4.2e-18 becomes 1e-16), where glmnet's and the core's predictions are
   * exp(η).
   */
  @Test
  void poisson_ofRowsThatAreNotFinite_predictsExpOfTheMargin_whereMllibClamps() {
    Vector[] rows = new Vector[ROWS.length + 1];
    System.arraycopy(ROWS, 0, rows, 0, ROWS.length);
    rows[ROWS.length] = Vectors.dense(0, 20.125, 0, 0);   // η = 0.25 − 40.25 = −40
    SparkElasticNetModel ours = SparkElasticNetModelTest.oneLambda(Family.POISSON,
        new double[] {A0}, new double[][] {B.clone()});
    GeneralizedLinearRegressionModel glm =
        new GeneralizedLinearRegressionModel("mllib", Vectors.dense(B), A0);
    glm.set(glm.family(), "poisson").set(glm.link(), "log");
    List<double[]> a = collect(ours, frame(rows), "prediction");
    List<double[]> m = collect(glm, frame(rows), "prediction");
    double[] expected = {Math.exp(A0 + 0.5 - 4 + 4e-3), NAN, NAN, INF, 0, 0, NAN, NAN, INF, NAN,
        Math.exp(-40)};
    double[] mllib = {expected[0], NAN, NAN, Double.MAX_VALUE, 1e-16, 1e-16, NAN, NAN,
        Double.MAX_VALUE, NAN, 1e-16};
    for (int i = 0; i < rows.length; i++) {
      assertEquals(expected[i], a.get(i)[0], 1e-15 * Math.abs(expected[0]), "row " + i);
      assertEquals(mllib[i], m.get(i)[0], 1e-15 * Math.abs(expected[0]), "row " + i
          + ": MLlib's clamped mean");
    }
  }

  /**
   * Binomial: ±∞ margins give MLlib's class, probabilities (1, 0) or (0, 1) and margins; a NaN
   * margin gives NaN in all three columns, where MLlib's prediction is class 0 whichever column
   * it is computed from (probability(1) &gt; 0.5, rawPrediction(1) &gt; 0 and score &gt; 0.5
   * are all false for NaN).
   */
  @Test
  void binomial_ofANanMargin_predictsNaN_notMllibsClass0_andInfiniteMarginsAsMllib() {
    SparkElasticNetModel ours = SparkElasticNetModelTest.oneLambda(Family.BINOMIAL,
        new double[] {A0}, new double[][] {B.clone()})
        .setProbabilityCol("probability").setRawPredictionCol("rawPrediction");
    LogisticRegressionModel mllib = new LogisticRegressionModel("mllib", Vectors.dense(B), A0);
    String[] columns = {"prediction", "probability", "rawPrediction"};
    List<double[]> a = collect(ours, frame(ROWS), columns);
    List<double[]> m = collect(mllib, frame(ROWS), columns);
    List<double[]> mllibPredictionOnly = collect(mllib.copy(new org.apache.spark.ml.param
        .ParamMap()).setProbabilityCol("").setRawPredictionCol(""), frame(ROWS), "prediction");
    for (int i = 0; i < ROWS.length; i++) {
      double eta = SparkElasticNetModel.linear(A0, B, ROWS[i]);
      if (Double.isNaN(eta)) {
        assertArrayEquals(new double[] {NAN, NAN, NAN, NAN, NAN}, a.get(i), "row " + i);
        assertArrayEquals(new double[] {0, NAN, NAN, NAN, NAN}, m.get(i),
            "row " + i + ": MLlib's invented class");
        assertEquals(0.0, mllibPredictionOnly.get(i)[0], "row " + i);
      } else {
        assertArrayEquals(m.get(i), a.get(i), 1e-15, "row " + i + " against MLlib");
      }
    }
    assertArrayEquals(new double[] {1, 0, 1, -INF, INF}, a.get(3), "η = +∞: class 1");
    assertArrayEquals(new double[] {0, 1, 0, INF, -INF}, a.get(4), "η = −∞: class 0");
  }

  /**
   * Multinomial: softmax's limit where it has one, NaN where it has none. One margin +∞ and the
   * others finite or −∞: that class with probability 1 (MLlib's class; its probabilities put
   * NaN, 0·(−∞), beside the 1); it was NaN, though a binomial model of the same margins said
   * the class. A NaN margin, two margins +∞, or every margin −∞: NaN prediction and
   * probabilities, where MLlib predicts the first such class or class 0.
   */
  @Test
  void multinomial_ofOneMarginAtPlusInfinity_isThatClass_andNaNWhereSoftmaxHasNoLimit() {
    double[][] b = {{0.5, -2, 0, 1}, {-1, 0.25, 10, 1}, {0.25, 1, 0, 1}};
    double[] a0 = {0.25, -0.5, 0.25};
    SparkElasticNetModel ours = SparkElasticNetModelTest.oneLambda(Family.MULTINOMIAL, a0, b)
        .setProbabilityCol("probability").setRawPredictionCol("rawPrediction");
    double[] columnMajor = new double[12];
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 4; j++) {
        columnMajor[c + 3 * j] = b[c][j];
      }
    }
    LogisticRegressionModel mllib = new LogisticRegressionModel("mllib3",
        Matrices.dense(3, 4, columnMajor), Vectors.dense(a0), 3, true);
    Vector[] rows = {
        Vectors.dense(INF, 1, 0, 0),    // η = (+∞, −∞, +∞): two at +∞
        Vectors.dense(-INF, 0, 0, 0),   // η = (−∞, +∞, −∞): class 1
        Vectors.dense(0, INF, 0, 0),    // η = (−∞, +∞, +∞)
        Vectors.dense(0, -INF, 0, 0),   // η = (+∞, −∞, −∞): class 0
        Vectors.dense(0, 0, INF, 0),    // 0 · ∞: η = (NaN, +∞, NaN)
        Vectors.dense(0, 0, 0, -INF),   // every η −∞
        Vectors.dense(0, 0, 0, INF),    // every η +∞
        Vectors.dense(0, 0, 1e308, 0)}; // η = (0.25, +∞ by overflow, 0.25): class 1
    String[] columns = {"prediction", "probability"};
    List<double[]> a = collect(ours, frame(rows), columns);
    List<double[]> m = collect(mllib, frame(rows), columns);
    assertArrayEquals(new double[] {1, 0, 1, 0}, a.get(1), "η₁ = +∞ alone: class 1");
    assertArrayEquals(new double[] {0, 1, 0, 0}, a.get(3), "η₀ = +∞ alone: class 0");
    assertArrayEquals(new double[] {1, 0, 1, 0}, a.get(7), "beside finite margins");
    for (int i : new int[] {1, 3, 7}) {
      assertEquals(m.get(i)[0], a.get(i)[0], "row " + i + ": MLlib's class");
      assertEquals(1.0, m.get(i)[1 + (int) a.get(i)[0]], "row " + i + ": MLlib's 1");
      assertArrayEquals(concat(ours.predict(rows[i]), ours.probabilities(rows[i]).toArray()),
          a.get(i), "row " + i + ": transform is predict and probabilities");
    }
    assertArrayEquals(new double[] {1, NAN, 1, NAN}, m.get(1), "MLlib: 0·(−∞) beside the 1");
    assertArrayEquals(new double[] {1, 0, 1, 0}, m.get(7), "MLlib beside finite margins");
    int[] undefined = {0, 2, 4, 5, 6};
    double[] mllibClass = new double[undefined.length];
    for (int r = 0; r < undefined.length; r++) {
      int i = undefined[r];
      assertArrayEquals(new double[] {NAN, NAN, NAN, NAN}, a.get(i), "row " + i);
      mllibClass[r] = m.get(i)[0];
    }
    assertArrayEquals(new double[] {0, 1, 0, 0, 0}, mllibClass, "MLlib's classes: the first"
        + " at +∞, class 0 beside a NaN or when all are −∞");
    // A two-class multinomial of margins (−∞, +∞) says the binomial's class 1 of η = +∞.
    SparkElasticNetModel two = SparkElasticNetModelTest.oneLambda(Family.MULTINOMIAL,
        new double[] {0, 0}, new double[][] {{-1, 0, 0, 0}, {1, 0, 0, 0}});
    assertEquals(1.0, two.predict(Vectors.dense(INF, 0, 0, 0)));
  }

  private static double[] concat(double first, double[] rest) {
    double[] out = new double[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  /**
   * A null vector is no number to compute with: the job stops naming the column, as MLlib's
   * stops (with a NullPointerException, "Cannot invoke …Vector.size() because "x" is null").
   */
  @Test
  void nullFeatures_stopTheJobNamingTheColumn_asMllibsJobStops() {
    Dataset<Row> data = frame(Vectors.dense(1, 2, 3, 4), null);
    for (Family family : Family.values()) {
      double[] a0 = family == Family.MULTINOMIAL ? new double[] {0, 0} : new double[] {A0};
      double[][] b = family == Family.MULTINOMIAL ? new double[][] {B.clone(), B.clone()}
          : new double[][] {B.clone()};
      Dataset<Row> out = SparkElasticNetModelTest.oneLambda(family, a0, b).transform(data);
      Exception e = assertThrows(Exception.class, out::collectAsList);
      Throwable cause = e;
      while (cause != null && !(cause instanceof InputException)) {
        cause = cause.getCause();
      }
      assertTrue(cause != null, family + ": an InputException inside Spark's: " + e);
      assertEquals("features column 'features' has a null row (expected a vector of 4"
          + " elements)", cause.getMessage());
    }
    Exception mllib = assertThrows(Exception.class, new LinearRegressionModel("mllib",
        Vectors.dense(B), A0).transform(data)::collectAsList);
    Throwable root = mllib;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertTrue(root instanceof NullPointerException, root.toString());
  }

  /**
   * The core's models refuse what transform answers with NaN or ∞: a value that is not finite
   * (InputException naming the row and column), and a finite row whose prediction or
   * probabilities are not (naming the row); a caller of the core holds the array and can
   * mend it, where a Spark job would fail whole for one row.
   */
  @Test
  void theCoresModels_refuseTheRowsThatTransformAnswersWithNaNOrInfinity() {
    SparkElasticNetModel gaussian = SparkElasticNetModelTest.oneLambda(Family.GAUSSIAN,
        new double[] {A0}, new double[][] {B.clone()});
    InputException nan = assertThrows(InputException.class,
        () -> gaussian.toLinearModel().predict(new double[][] {{NAN, 2, 3, 4}}));
    assertEquals("input row 1, column 1: NaN is not allowed; values must be finite",
        nan.getMessage());
    SparkElasticNetModel poisson = SparkElasticNetModelTest.oneLambda(Family.POISSON,
        new double[] {A0}, new double[][] {B.clone()});
    assertEquals(INF, poisson.predict(Vectors.dense(2000, 0, 0, 0)));
    InputException large = assertThrows(InputException.class,
        () -> poisson.toLinearModel().predict(new double[][] {{2000, 0, 0, 0}}));
    assertTrue(large.getMessage().contains("the prediction is Infinity"), large.getMessage());
    SparkElasticNetModel multinomial = SparkElasticNetModelTest.oneLambda(Family.MULTINOMIAL,
        new double[] {0, 0}, new double[][] {{-2, 0, 0, 0}, {2, 0, 0, 0}});
    assertEquals(1.0, multinomial.predict(Vectors.dense(Double.MAX_VALUE, 0, 0, 0)));
    InputException overflow = assertThrows(InputException.class, () -> multinomial
        .toLinearClassifier().predict(new double[][] {{Double.MAX_VALUE, 0, 0, 0}}));
    assertTrue(overflow.getMessage().contains("not finite"), overflow.getMessage());
  }
}
