package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
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
 *
 * <p>With a {@code weightCol} of weights wᵢ (W = Σwᵢ) every deviation is a weighted one and both
 * sides divide the loss by W (Spark 4.2: {@code WeightedLeastSquares.scala}, the normal solver,
 * {@code bStd} and {@code aStd} with divisor W and the data term Σwᵢ(…)²/(2W);
 * {@code Summarizer.scala}'s {@code computeVariance}, what the L-BFGS solver and
 * LogisticRegression standardize with, divides by W − Σwᵢ²/W; the loss aggregators'
 * {@code DifferentiableLossAggregator.loss} is lossSum/weightSum). So the formulas hold with σ_y
 * the label's weighted population deviation and c = c_w = √(W²/(W² − Σwᵢ²)), which is √(n/(n−1))
 * for unit weights; tikhonov's side is {@code ElasticNetPath} with {@link Observations#ofWeights}.
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
  private static double[] weights;
  /** The label's weighted population standard deviation (divisor W). */
  private static double weightedSigmaY;
  /** c_w = √(W²/(W² − Σwᵢ²)): the weighted sample deviation over the population one. */
  private static double weightedC;
  private static Dataset<Row> weightedFrame;
  private static Dataset<Row> weightedBinaryFrame;

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

    // Weights spread over two decades, so that the weighted σ_y and c_w are far from the
    // unweighted ones (here σ_y differs by 2%, c_w² − 1 is six times c² − 1).
    weights = new double[N];
    List<Row> weightedRows = new ArrayList<>();
    List<Row> weightedBinaryRows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      weights[i] = Math.exp(1.5 * rng.nextGaussian());
      weightedRows.add(RowFactory.create(Vectors.dense(x[i]), y[i], weights[i]));
      weightedBinaryRows.add(RowFactory.create(Vectors.dense(x[i]), labels[i], weights[i]));
    }
    double w = Arrays.stream(weights).sum();
    double ww = Arrays.stream(weights).map(v -> v * v).sum();
    double weightedMean = 0;
    for (int i = 0; i < N; i++) {
      weightedMean += weights[i] * y[i] / w;
    }
    double weightedVariance = 0;
    for (int i = 0; i < N; i++) {
      weightedVariance += weights[i] * (y[i] - weightedMean) * (y[i] - weightedMean) / w;
    }
    weightedSigmaY = Math.sqrt(weightedVariance);
    weightedC = Math.sqrt(w * w / (w * w - ww));
    StructType weightedSchema = schema.add("weight", DataTypes.DoubleType);
    weightedFrame = spark.createDataFrame(weightedRows, weightedSchema).repartition(2).cache();
    weightedBinaryFrame = spark.createDataFrame(weightedBinaryRows, weightedSchema)
        .repartition(2).cache();
  }

  /** Intercept then coefficients. */
  private static double[] mllib(String solver, double regParam, double elasticNetParam) {
    return mllib(solver, regParam, elasticNetParam, false);
  }

  /** Intercept then coefficients; {@code weighted}: on the weighted frame with its weightCol. */
  private static double[] mllib(String solver, double regParam, double elasticNetParam,
      boolean weighted) {
    LinearRegression estimator = new LinearRegression().setSolver(solver)
        .setRegParam(regParam).setElasticNetParam(elasticNetParam).setStandardization(true)
        .setTol(1e-15).setMaxIter(10_000);
    LinearRegressionModel model = weighted
        ? estimator.setWeightCol("weight").fit(weightedFrame) : estimator.fit(frame);
    double[] out = new double[P + 1];
    out[0] = model.intercept();
    System.arraycopy(model.coefficients().toArray(), 0, out, 1, P);
    return out;
  }

  private static double[] tikhonov(double lambda, double alpha) {
    return tikhonov(lambda, alpha, Observations.none());
  }

  private static double[] tikhonov(double lambda, double alpha, Observations observations) {
    var path = ElasticNetPath.fit(Family.GAUSSIAN, x, y, observations, PathSettings.of(alpha)
        .withLambdas(lambda).withTolerance(1e-15), List.of("x1", "x2", "x3", "x4"), List.of());
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
    return logistic(regParam, elasticNetParam, standardize, false);
  }

  private static double[] logistic(double regParam, double elasticNetParam, boolean standardize,
      boolean weighted) {
    LogisticRegression estimator = new LogisticRegression().setFamily("binomial")
        .setRegParam(regParam).setElasticNetParam(elasticNetParam).setStandardization(standardize)
        .setTol(1e-14).setMaxIter(10_000);
    LogisticRegressionModel model = weighted
        ? estimator.setWeightCol("weight").fit(weightedBinaryFrame) : estimator.fit(binaryFrame);
    double[] out = new double[P + 1];
    out[0] = model.intercept();
    System.arraycopy(model.coefficients().toArray(), 0, out, 1, P);
    return out;
  }

  private static double[] tikhonovBinomial(double lambda, double alpha, boolean standardize) {
    return tikhonovBinomial(lambda, alpha, standardize, Observations.none());
  }

  private static double[] tikhonovBinomial(double lambda, double alpha, boolean standardize,
      Observations observations) {
    var path = ElasticNetPath.fit(Family.BINOMIAL, x, labels, observations, PathSettings.of(alpha)
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

  @Test
  void weightCol_linearRegression_isTikhonovWeightedAtTheWeightedDeviations_andNotOtherwise() {
    double r = 0.3;
    Observations weighted = Observations.ofWeights(weights);
    double c = Math.sqrt((double) N / (N - 1));
    assertTrue(Math.abs(weightedSigmaY / sigmaY - 1) > 0.01 && weightedC - c > 0.01,
        "the data should tell the weighted deviations from the unweighted ones: σ_y "
            + sigmaY + " weighted " + weightedSigmaY + ", c " + c + " c_w " + weightedC);
    for (double a : new double[] {0.0, 0.5, 1.0}) {
      double lambda = r * (a + (1 - a) / weightedSigmaY);
      double alpha = a / (a + (1 - a) / weightedSigmaY);
      double[] normal = mllib("normal", r, a, true);
      double[] mapped = tikhonov(lambda, alpha, weighted);
      assertSameModel(mapped, normal, 1e-6, "weighted, normal solver, elasticNetParam " + a);
      double unweighted = gap(tikhonov(lambda, alpha), normal);
      assertTrue(unweighted > 1e-3, "elasticNetParam " + a + ": the fit without the weights "
          + "should be another model (relative gap " + unweighted + ")");
      if (a < 1) {
        // The lasso's λ = r has no σ_y; at a < 1 the unweighted σ_y gives another λ.
        double sigmaLambda = r * (a + (1 - a) / sigmaY);
        double sigmaAlpha = a / (a + (1 - a) / sigmaY);
        double wrongSigma = gap(tikhonov(sigmaLambda, sigmaAlpha, weighted), normal);
        assertTrue(wrongSigma > 1e-4, "elasticNetParam " + a + ": the unweighted σ_y should "
            + "give another model (relative gap " + wrongSigma + ")");
      }
      if (a == 0.5) {
        continue;
      }
      double[] lbfgs = mllib("l-bfgs", r, a, true);
      assertSameModel(tikhonov(weightedC * lambda, alpha, weighted), lbfgs, 1e-6,
          "weighted, l-bfgs, elasticNetParam " + a);
      double unweightedC = gap(tikhonov(c * lambda, alpha, weighted), lbfgs);
      assertTrue(unweightedC > 1e-4, "elasticNetParam " + a + ": l-bfgs with the unweighted "
          + "c = √(n/(n−1)) should be another model (relative gap " + unweightedC + ")");
    }
  }

  @Test
  void weightCol_logisticRegression_isTikhonovWeightedAtTheWeightedC_andNotOtherwise() {
    double r = 0.02;
    Observations weighted = Observations.ofWeights(weights);
    double c = Math.sqrt((double) N / (N - 1));
    for (double a : new double[] {0.0, 0.5, 1.0}) {
      double lambda = r * (a * weightedC + (1 - a) * weightedC * weightedC);
      double alpha = a * weightedC / (a * weightedC + (1 - a) * weightedC * weightedC);
      double[] spark = logistic(r, a, true, true);
      double[] mapped = tikhonovBinomial(lambda, alpha, true, weighted);
      double matched = gap(mapped, spark);
      assertTrue(matched < 1e-5, "weighted, elasticNetParam " + a + ": tikhonov "
          + Arrays.toString(mapped) + " MLlib " + Arrays.toString(spark) + ", relative gap "
          + matched);
      double unweighted = gap(tikhonovBinomial(lambda, alpha, true), spark);
      assertTrue(unweighted > 10 * matched && unweighted > 1e-3, "elasticNetParam " + a
          + ": the fit without the weights should be another model (" + unweighted + ")");
      double unweightedC = gap(tikhonovBinomial(r * (a * c + (1 - a) * c * c),
          a * c / (a * c + (1 - a) * c * c), true, weighted), spark);
      assertTrue(unweightedC > 10 * matched, "elasticNetParam " + a + ": the unweighted "
          + "c = √(n/(n−1)) should be measurably further off (" + unweightedC + ")");
    }
    double[] plain = logistic(0.02, 0.5, false, true);
    double[] same = tikhonovBinomial(0.02, 0.5, false, weighted);
    assertTrue(gap(same, plain) < 1e-5, "weighted, no standardization: tikhonov "
        + Arrays.toString(same) + " MLlib " + Arrays.toString(plain) + ", relative gap "
        + gap(same, plain));
  }

  /**
   * docs/spark.md's table gave the L-BFGS solver λ = c·r·(a + (1−a)/σ_y) whatever
   * {@code standardization}, and mapped {@code standardization} to {@code standardize}. Without
   * standardization MLlib divides each feature's penalty by its (sample) deviation again, so the
   * features' deviations, and with them the c of the L1 part, cancel; what is left is σ_y's
   * sample deviation c·σ_y in the L2 part: λ = r·(a + (1−a)/(c·σ_y)), α = a/(a + (1−a)/(c·σ_y)).
   * The normal solver's mapping holds as it is (population deviations throughout).
   */
  @Test
  void withoutStandardization_bothSolversMatchTikhonovThroughTheMapping() {
    double r = 0.3;
    double c = Math.sqrt((double) N / (N - 1));
    for (double a : new double[] {0.0, 0.5, 1.0}) {
      double lambda = r * (a + (1 - a) / sigmaY);
      double alpha = a / (a + (1 - a) / sigmaY);
      double[] normal = unstandardized("normal", r, a);
      assertSameModel(tikhonovUnstandardized(lambda, alpha), normal, 1e-6,
          "normal solver, standardization false, elasticNetParam " + a);
      double lbfgsLambda = r * (a + (1 - a) / (c * sigmaY));
      double lbfgsAlpha = a / (a + (1 - a) / (c * sigmaY));
      double[] lbfgs = unstandardized("l-bfgs", r, a);
      double[] mapped = tikhonovUnstandardized(lbfgsLambda, lbfgsAlpha);
      assertSameModel(mapped, lbfgs, 1e-6, "l-bfgs, standardization false, elasticNetParam " + a);
      if (a < 1) {
        double standardizedRow = gap(tikhonovUnstandardized(c * lambda, alpha), lbfgs);
        assertTrue(standardizedRow > 100 * gap(mapped, lbfgs), "elasticNetParam " + a
            + ": the standardized row's λ = c·r·(a + (1−a)/σ_y) should be measurably further"
            + " off (" + standardizedRow + " against " + gap(mapped, lbfgs) + ")");
      }
    }
  }

  /** MLlib's LinearRegression without standardization: intercept then coefficients. */
  private static double[] unstandardized(String solver, double regParam, double elasticNetParam) {
    LinearRegressionModel model = new LinearRegression().setSolver(solver).setRegParam(regParam)
        .setElasticNetParam(elasticNetParam).setStandardization(false).setTol(1e-15)
        .setMaxIter(10_000).fit(frame);
    double[] out = new double[P + 1];
    out[0] = model.intercept();
    System.arraycopy(model.coefficients().toArray(), 0, out, 1, P);
    return out;
  }

  private static double[] tikhonovUnstandardized(double lambda, double alpha) {
    var path = ElasticNetPath.fit(Family.GAUSSIAN, x, y, Observations.none(), PathSettings
        .of(alpha).withStandardize(false).withLambdas(lambda).withTolerance(1e-15),
        List.of("x1", "x2", "x3", "x4"), List.of());
    double[] out = new double[P + 1];
    out[0] = path.intercepts()[0][0];
    System.arraycopy(path.coefficients()[0][0], 0, out, 1, P);
    return out;
  }
}
