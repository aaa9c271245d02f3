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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/objective.md's row for MLlib's LogisticRegression (binomial), checked against Spark 4.2
 * itself. MLlib minimizes the mean log-loss plus r·[(1−a)/2 Σ (sⱼbⱼ)² + a Σ sⱼ|bⱼ|] with sⱼ the
 * feature's sample standard deviation (divisor n − 1) under {@code standardization}; tikhonov
 * (and glmnet) scale by the population one, sⱼ/c with c = √(n/(n−1)). So MLlib is tikhonov at
 * λ = r·(a·c + (1−a)·c²), α = a·c/(a·c + (1−a)·c²): for the lasso λ = c·r, for ridge λ = c²·r.
 * Without standardization on both sides no deviation enters: λ = r, α = a.
 */
class MllibLogisticMappingTest {
  private static final int N = 150;
  private static final int P = 4;
  private static double[][] x;
  private static double[] y;
  private static Dataset<Row> frame;

  @BeforeAll
  static void start() {
    SparkSession spark = TestSpark.session("local[2]");
    Rng rng = new Rng(77);
    x = new double[N][P];
    y = new double[N];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < P; j++) {
        x[i][j] = (j + 1) * rng.nextGaussian() + j;
      }
      double eta = -0.5 + 1.2 * x[i][0] - 0.6 * x[i][1] + 0.3 * x[i][3];
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
      rows.add(RowFactory.create(Vectors.dense(x[i]), y[i]));
    }
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.DoubleType);
    frame = spark.createDataFrame(rows, schema).repartition(2).cache();
  }

  /** Intercept then coefficients. */
  private static double[] mllib(double regParam, double elasticNetParam) {
    return mllib(regParam, elasticNetParam, true);
  }

  private static double[] mllib(double regParam, double elasticNetParam, boolean standardize) {
    LogisticRegressionModel model = new LogisticRegression().setFamily("binomial")
        .setRegParam(regParam).setElasticNetParam(elasticNetParam).setStandardization(standardize)
        .setTol(1e-14).setMaxIter(10_000).fit(frame);
    double[] out = new double[P + 1];
    out[0] = model.intercept();
    System.arraycopy(model.coefficients().toArray(), 0, out, 1, P);
    return out;
  }

  private static double[] tikhonov(double lambda, double alpha) {
    return tikhonov(lambda, alpha, true);
  }

  private static double[] tikhonov(double lambda, double alpha, boolean standardize) {
    var path = ElasticNetPath.fit(Family.BINOMIAL, x, y, PathSettings.of(alpha)
        .withStandardize(standardize).withLambdas(lambda).withTolerance(1e-15), List.of("x1", "x2", "x3", "x4"),
        List.of("0", "1"));
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
      double[] spark = mllib(r, a);
      double[] mapped = tikhonov(lambda, alpha);
      assertTrue(gap(mapped, spark) < 1e-5, "elasticNetParam " + a + ": tikhonov "
          + Arrays.toString(mapped) + " MLlib " + Arrays.toString(spark) + ", relative gap "
          + gap(mapped, spark));
      double naive = gap(tikhonov(r, a), spark);
      assertTrue(naive > 10 * gap(mapped, spark), "elasticNetParam " + a
          + ": λ = r should be measurably further off than the mapping (" + naive + ")");
    }
    assertEquals(0.0, mllib(1.0, 1.0)[1], 0.0, "a large lasso r zeroes the coefficients");
  }

  @Test
  void withoutStandardization_regParamIsLambda() {
    double[] spark = mllib(0.02, 0.5, false);
    double[] same = tikhonov(0.02, 0.5, false);
    assertTrue(gap(same, spark) < 1e-5, "tikhonov " + Arrays.toString(same) + " MLlib "
        + Arrays.toString(spark) + ", relative gap " + gap(same, spark));
  }
}
