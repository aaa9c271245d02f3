package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed IRLS on features far from 0: {@link TestSpark#table}'s columns 0 and 3 have
 * means 10⁴ and 4·10⁴ against standard deviations 1 and 4 (the core's design centres them; the
 * Spark fits must converge as well and give the core's path). 240 rows, 4 features, labels cut
 * from the table's target at its median (binomial) and terciles (multinomial).
 */
class SparkIrlsOffsetTest {
  private static SparkSession spark;
  private static TestSpark.Table table;
  private static List<String> names;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
    table = TestSpark.table(240, 4, 3, 11);
    names = List.of("x0", "x1", "x2", "x3");
  }

  private static SparkElasticNetModel fit(SparkElasticNetCV cv, double[] labels) {
    return cv.fit(TestSpark.frame(spark,
        new TestSpark.Table(table.x(), labels, table.w(), table.folds()), 2));
  }

  /** Every λ certified, the whole default path fitted, few passes per λ. */
  private static void assertConverged(String what, SparkElasticNetModel model, int lambdas,
      double maxPassesPerLambda) {
    PathSolution path = model.path();
    int[] passes = path.passes();
    double mean = Arrays.stream(passes).sum() / (double) passes.length;
    System.out.printf("%s: %d λ, %d passes in all, full path %s, certificates %s%n", what,
        path.size(), model.dataPasses(), Arrays.toString(passes),
        Arrays.toString(path.certificate()));
    assertTrue(path.allConverged(), what + ": certificates " + Arrays.toString(
        path.certificate()) + " against " + path.tolerance());
    assertEquals(lambdas, path.size(), what + ": " + path.end().message());
    assertTrue(mean <= maxPassesPerLambda, what + ": passes per λ " + Arrays.toString(passes));
  }

  /**
   * The core's path and the Spark one: λ to 1e-12, deviance ratios to 1e-9, df equal, and the
   * coefficients and the intercepts at the data's mean ({@link #atMean}) to 10⁻⁶ of the largest
   * coefficient (the tolerance of the Spark-vs-core tests, SparkMultinomialFitTest). The
   * intercepts at x = 0 differ more: a₀ = (a₀ + x̄·b) − x̄·b carries each coefficient's
   * difference multiplied by the feature's mean, here up to 4·10⁴.
   */
  private static void assertSamePath(PathSolution expected, PathSolution actual) {
    assertEquals(expected.size(), actual.size(), "path length");
    int k = expected.intercepts()[0].length;
    int p = expected.numFeatures();
    double[] mean = new double[p];
    for (double[] row : table.x()) {
      for (int j = 0; j < p; j++) {
        mean[j] += row[j] / table.n();
      }
    }
    double scale = 0;
    for (double[][] b : expected.coefficients()) {
      for (double[] bc : b) {
        for (double v : bc) {
          scale = Math.max(scale, Math.abs(v));
        }
      }
    }
    double worst = 0;
    double worstRaw = 0;
    for (int l = 0; l < expected.size(); l++) {
      assertEquals(expected.lambdas()[l], actual.lambdas()[l], 1e-12 * expected.lambdas()[0],
          "λ #" + l);
      assertEquals(expected.devianceRatio()[l], actual.devianceRatio()[l], 1e-9,
          "deviance ratio at λ #" + l);
      assertEquals(expected.degreesOfFreedom()[l], actual.degreesOfFreedom()[l], "df at λ #" + l);
      for (int c = 0; c < k; c++) {
        double[] be = expected.coefficients()[l][c];
        double[] ba = actual.coefficients()[l][c];
        worstRaw = Math.max(worstRaw,
            Math.abs(expected.intercepts()[l][c] - actual.intercepts()[l][c]));
        for (int j = 0; j < p; j++) {
          worst = Math.max(worst, Math.abs(be[j] - ba[j]));
        }
      }
      double[] ae = atMean(expected.intercepts()[l], expected.coefficients()[l], mean);
      double[] aa = atMean(actual.intercepts()[l], actual.coefficients()[l], mean);
      for (int c = 0; c < k; c++) {
        worst = Math.max(worst, Math.abs(ae[c] - aa[c]));
      }
    }
    System.out.printf("largest difference %.3g (intercepts at 0: %.3g), scale %.3g%n", worst,
        worstRaw, scale);
    assertTrue(worst <= 1e-6 * scale, "largest difference " + worst + " against 1e-6 × "
        + scale);
  }

  /**
   * The intercepts at the mean, a₀꜀ + x̄·b꜀; for more than one class less their average (the
   * multinomial's intercepts are determined up to a common shift, which both fits fix at
   * Σ꜀a₀꜀ = 0, where x = 0).
   */
  private static double[] atMean(double[] a0, double[][] b, double[] mean) {
    double[] out = new double[a0.length];
    double average = 0;
    for (int c = 0; c < a0.length; c++) {
      out[c] = a0[c];
      for (int j = 0; j < mean.length; j++) {
        out[c] += mean[j] * b[c][j];
      }
      average += out[c] / a0.length;
    }
    for (int c = 0; a0.length > 1 && c < a0.length; c++) {
      out[c] -= average;
    }
    return out;
  }

  @Test
  void multinomial_onOffsetFeatures_convergesAtEveryLambda_andEqualsTheCore() {
    double third = table.quantile(1, 3);
    double twoThirds = table.quantile(2, 3);
    double[] classes = table.labels(y -> y < third ? 0 : y < twoThirds ? 1 : 2);
    List<String> classNames = List.of("0", "1", "2");
    // The settings SparkToCoreModelTest fits with: default tolerance 1e-3.
    SparkElasticNetModel model = fit(new SparkElasticNetCV().setFamily("multinomial")
        .setFoldCol("fold").setNumFolds(3).setNumLambdas(8).setLambdaMinRatio(0.05), classes);
    assertConverged("multinomial, tolerance 1e-3", model, 8, 4);

    SparkElasticNetModel tight = fit(new SparkElasticNetCV().setFamily("multinomial")
        .setFoldCol("fold").setNumFolds(3).setNumLambdas(8).setLambdaMinRatio(0.05)
        .setTolerance(1e-10), classes);
    PathSolution single = ElasticNetPath.fit(Family.MULTINOMIAL, table.x(), classes,
        PathSettings.of(1).withNumLambdas(8).withLambdaMinRatio(0.05).withTolerance(1e-10),
        names, classNames);
    assertConverged("multinomial, tolerance 1e-10", tight, 8, 4);
    assertSamePath(single, tight.path());
  }

  @Test
  void binomial_onOffsetFeatures_convergesAtEveryLambda_andEqualsTheCore() {
    double median = table.quantile(1, 2);
    double[] binary = table.labels(y -> y >= median ? 1 : 0);
    SparkElasticNetModel model = fit(new SparkElasticNetCV().setFamily("binomial")
        .setNumFolds(3).setSeed(5).setNumLambdas(8).setLambdaMinRatio(0.05)
        .setStandardize(false), binary);
    assertConverged("binomial, tolerance 1e-3", model, 8, 4);

    SparkElasticNetModel tight = fit(new SparkElasticNetCV().setFamily("binomial")
        .setNumFolds(3).setSeed(5).setNumLambdas(8).setLambdaMinRatio(0.05)
        .setStandardize(false).setTolerance(1e-10), binary);
    PathSolution single = ElasticNetPath.fit(Family.BINOMIAL, table.x(), binary,
        PathSettings.of(1).withNumLambdas(8).withLambdaMinRatio(0.05).withStandardize(false)
            .withTolerance(1e-10), names, List.of());
    assertConverged("binomial, tolerance 1e-10", tight, 8, 4);
    assertSamePath(single, tight.path());
  }
}
