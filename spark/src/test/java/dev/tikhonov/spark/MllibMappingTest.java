package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.loss.Family;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegression;
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
 * docs/spark.md's mapping between MLlib's (regParam r, elasticNetParam a) and tikhonov's (λ, α),
 * checked against Spark 4.2's LinearRegression itself: with σ_y the label's population standard
 * deviation, MLlib's normal-equation solver is tikhonov at λ = r·(a + (1−a)/σ_y),
 * α = a/(a + (1−a)/σ_y); its L-BFGS solver (sample deviations) is the same with λ multiplied by
 * c = √(n/(n−1)). The tikhonov side is the single-machine ElasticNetPath with standardize.
 *
 * <p>LogisticRegression (binomial) minimizes the mean log-loss plus
 * r·[(1−a)/2 Σ (sⱼbⱼ)² + a Σ sⱼ|bⱼ|] with sⱼ the feature's sample standard deviation under
 * {@code standardization}; tikhonov (and glmnet) scale by the population one, sⱼ/c. So it is
 * tikhonov at λ = r·(a·c + (1−a)·c²), α = a·c/(a·c + (1−a)·c²): the lasso at λ = c·r, ridge at
 * c²·r. Without standardization on both sides no deviation enters: λ = r, α = a.
 */
class MllibMappingTest {
  private static final int N = 120;
  private static final int P = 4;
  private static double[][] x;
  private static double[] y;
  private static double sigmaY;
  private static double[] labels;
  private static Dataset<Row> frame;
  private static Dataset<Row> binaryFrame;

  @BeforeAll
  static void start() {
    SparkSession spark = TestSpark.session("local[2]");
    Rng rng = new Rng(2024);
    x = new double[N][P];
    y = new double[N];
    labels = new double[N];
    List<Row> rows = new ArrayList<>();
    List<Row> binaryRows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < P; j++) {
        x[i][j] = (j + 1) * rng.nextGaussian() + j;
      }
      y[i] = 3 + 2 * x[i][0] - x[i][1] + 0.5 * x[i][3] + 4 * rng.nextGaussian();
      rows.add(RowFactory.create(Vectors.dense(x[i]), y[i]));
      double eta = -0.5 + 1.2 * x[i][0] - 0.6 * x[i][1] + 0.3 * x[i][3];
      labels[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
      binaryRows.add(RowFactory.create(Vectors.dense(x[i]), labels[i]));
    }
    double mean = java.util.Arrays.stream(y).average().orElseThrow();
    sigmaY = Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / N);
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.DoubleType);
    frame = spark.createDataFrame(rows, schema).repartition(2).cache();
    binaryFrame = spark.createDataFrame(binaryRows, schema).repartition(2).cache();
  }

  /** Intercept then coefficients. */
  private static double[] mllib(String solver, double regParam, double elasticNetParam) {
    LinearRegressionModel model = new LinearRegression().setSolver(solver)
        .setRegParam(regParam).setElasticNetParam(elasticNetParam).setStandardization(true)
        .setTol(1e-15).setMaxIter(10_000).fit(frame);
    double[] out = new double[P + 1];
    out[0] = model.intercept();
    System.arraycopy(model.coefficients().toArray(), 0, out, 1, P);
    return out;
  }

  private static double[] tikhonov(double lambda, double alpha) {
    var path = ElasticNetPath.fit(x, y, PathSettings.of(alpha).withLambdas(lambda)
        .withTolerance(1e-15), List.of("x1", "x2", "x3", "x4"));
    double[] out = new double[P + 1];
    out[0] = path.intercepts()[0][0];
    System.arraycopy(path.coefficients()[0][0], 0, out, 1, P);
    return out;
  }

  private static void assertSameModel(double[] expected, double[] actual, double tol,
      String what) {
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int j = 0; j <= P; j++) {
      assertEquals(expected[j], actual[j], tol * scale, what + ", " + (j == 0 ? "intercept"
          : "coefficient " + j) + ": tikhonov " + java.util.Arrays.toString(expected)
          + " MLlib " + java.util.Arrays.toString(actual));
    }
  }

  @Test
  void bothSolvers_matchTikhonovThroughTheMapping_andDisagreeWithEachOther() {
    double r = 0.3;
    double c = Math.sqrt((double) N / (N - 1));
    for (double a : new double[] {0.0, 0.5, 1.0}) {
      double lambda = r * (a + (1 - a) / sigmaY);
      double alpha = a / (a + (1 - a) / sigmaY);
      double[] normal = mllib("normal", r, a);
      assertSameModel(tikhonov(lambda, alpha), normal, 1e-6,
          "normal solver, elasticNetParam " + a);
      if (a == 0.5) {
        continue;
      }
      double[] lbfgs = mllib("l-bfgs", r, a);
      assertSameModel(tikhonov(c * lambda, alpha), lbfgs, 1e-6, "l-bfgs, elasticNetParam " + a);
      double gap = 0;
      for (int j = 1; j <= P; j++) {
        gap = Math.max(gap, Math.abs(normal[j] - lbfgs[j]));
      }
      assertTrue(gap > 1e-4, "the two MLlib solvers should differ at the same regParam: " + gap);
    }
  }

  /** MLlib's binomial LogisticRegression: intercept then coefficients. */
  private static double[] logistic(double regParam, double elasticNetParam, boolean standardize) {
    LogisticRegressionModel model = new LogisticRegression().setFamily("binomial")
        .setRegParam(regParam).setElasticNetParam(elasticNetParam).setStandardization(standardize)
        .setTol(1e-14).setMaxIter(10_000).fit(binaryFrame);
    double[] out = new double[P + 1];
    out[0] = model.intercept();
    System.arraycopy(model.coefficients().toArray(), 0, out, 1, P);
    return out;
  }

  private static double[] tikhonovBinomial(double lambda, double alpha, boolean standardize) {
    var path = ElasticNetPath.fit(Family.BINOMIAL, x, labels, PathSettings.of(alpha)
        .withStandardize(standardize).withLambdas(lambda).withTolerance(1e-15),
        List.of("x1", "x2", "x3", "x4"), List.of("0", "1"));
    double[] out = new double[P + 1];
    out[0] = path.intercepts()[0][0];
    System.arraycopy(path.coefficients()[0][0], 0, out, 1, P);
    return out;
  }

  private static double gap(double[] a, double[] b) {
    double scale = 0;
    double gap = 0;
    for (int j = 0; j <= P; j++) {
      scale = Math.max(scale, Math.abs(a[j]));
      gap = Math.max(gap, Math.abs(a[j] - b[j]));
    }
    return gap / scale;
  }

  @Test
  void logisticRegression_isTikhonovThroughTheMapping_andNotAtTheNaiveOne() {
    double r = 0.02;
    double c = Math.sqrt((double) N / (N - 1));
    for (double a : new double[] {0.0, 0.5, 1.0}) {
      double lambda = r * (a * c + (1 - a) * c * c);
      double alpha = a * c / (a * c + (1 - a) * c * c);
      double[] spark = logistic(r, a, true);
      double[] mapped = tikhonovBinomial(lambda, alpha, true);
      assertTrue(gap(mapped, spark) < 1e-5, "elasticNetParam " + a + ": tikhonov "
          + Arrays.toString(mapped) + " MLlib " + Arrays.toString(spark) + ", relative gap "
          + gap(mapped, spark));
      double naive = gap(tikhonovBinomial(r, a, true), spark);
      assertTrue(naive > 10 * gap(mapped, spark), "elasticNetParam " + a
          + ": λ = r should be measurably further off than the mapping (" + naive + ")");
    }
    assertEquals(0.0, logistic(1.0, 1.0, true)[1], 0.0,
        "a large lasso r zeroes the coefficients");
  }

  @Test
  void logisticWithoutStandardization_regParamIsLambda() {
    double[] spark = logistic(0.02, 0.5, false);
    double[] same = tikhonovBinomial(0.02, 0.5, false);
    assertTrue(gap(same, spark) < 1e-5, "tikhonov " + Arrays.toString(same) + " MLlib "
        + Arrays.toString(spark) + ", relative gap " + gap(same, spark));
  }
}
