package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The gaussian path from sufficient statistics against the same path on the rows (the X-based
 * design, every gradient strategy) and against glmnet: same λ, same coefficients to rounding,
 * same certificates, same early stop.
 */
class StatisticsPathTest {
  private static final ReferenceData.Regression DATA = ReferenceData.gauss();
  /** Relative to the largest coefficient of the path: rounding, not the solver's tolerance. */
  private static final double SAME = 1e-12;

  /** n rows, p features with means far from 0 and one constant column (index 2). */
  private static double[][] offsetRows(int n, int p, long seed, double[] yOut) {
    Rng rng = new Rng(seed);
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      double common = rng.nextGaussian();
      double signal = 0;
      for (int j = 0; j < p; j++) {
        x[i][j] = j == 2 ? 7.25 : 100.0 * (j + 1) + (j + 1) * (0.6 * common
            + 0.8 * rng.nextGaussian());
        signal += (j % 3 == 0 ? 1.0 : -0.4) * (x[i][j] - 100.0 * (j + 1)) / (j + 1);
      }
      yOut[i] = 50 + signal + 0.7 * rng.nextGaussian();
    }
    return x;
  }

  private static List<String> names(int p) {
    List<String> names = new ArrayList<>();
    for (int j = 1; j <= p; j++) {
      names.add("x" + j);
    }
    return names;
  }

  /** Every λ, intercept, coefficient, df, deviance ratio and end equal up to rounding. */
  static void assertSamePath(PathSolution expected, PathSolution actual, double tolerance,
      String what) {
    assertEquals(expected.size(), actual.size(), what + ": number of λ");
    assertEquals(expected.end().reason(), actual.end().reason(), what + ": end");
    assertEquals(expected.nullDeviance(), actual.nullDeviance(),
        1e-13 * expected.nullDeviance(), what + ": null deviance");
    double scale = 1e-300;
    for (int l = 0; l < expected.size(); l++) {
      scale = Math.max(scale, Math.abs(expected.intercept(l, 0)));
      for (double b : expected.coefficients(l)[0]) {
        scale = Math.max(scale, Math.abs(b));
      }
    }
    for (int l = 0; l < expected.size(); l++) {
      String at = what + ", λ #" + (l + 1);
      assertEquals(expected.lambda(l), actual.lambda(l), 1e-13 * expected.lambda(l),
          at + ": λ");
      assertEquals(expected.intercept(l, 0), actual.intercept(l, 0), tolerance * scale,
          at + ": intercept");
      assertArrayEquals(expected.coefficients(l)[0], actual.coefficients(l)[0],
          tolerance * scale, at + ": coefficients");
      assertEquals(expected.degreesOfFreedom(l), actual.degreesOfFreedom(l), at + ": df");
      assertEquals(expected.devianceRatio(l), actual.devianceRatio(l), 1e-11,
          at + ": deviance ratio");
      assertEquals(expected.converged(l), actual.converged(l), at + ": converged");
      assertTrue(actual.certificate(l) <= actual.tolerance() || !actual.converged(l),
          at + ": certificate " + actual.certificate(l));
    }
  }

  private static List<PathSettings> settingsToCompare(int p) {
    double[] factors = new double[p];
    for (int j = 0; j < p; j++) {
      factors[j] = j == 0 ? 0.0 : 0.5 + (j % 4) * 0.5;
    }
    return List.of(
        PathSettings.lasso(),
        PathSettings.lasso().withStandardize(false),
        PathSettings.of(0.5),
        PathSettings.of(0.5).withStandardize(false).withTolerance(1e-9),
        PathSettings.of(0.0).withNumLambdas(30),
        PathSettings.of(0.3).withPenaltyFactors(factors),
        PathSettings.lasso().withLambdas(0.2, 0.05, 0.01, 0.002, 0.0),
        PathSettings.lasso().withIntercept(false),
        PathSettings.of(0.5).withIntercept(false).withStandardize(false).withNumLambdas(40),
        PathSettings.lasso().withLambdaMinRatio(0.05).withNumLambdas(25).withTolerance(1e-12));
  }

  @Test
  void fit_fromStatistics_equalsThePathOnTheRows_forEverySetting() {
    GaussianStatistics welford = GaussianStatistics.of(DATA.x(), DATA.y());
    GaussianStatistics twoPass = GaussianStatistics.twoPass(DATA.x(), DATA.y(),
        IntStream.range(0, DATA.y().length).toArray());
    for (PathSettings settings : settingsToCompare(DATA.features())) {
      PathSolution rows = ElasticNetPath.fit(DATA.x(), DATA.y(), settings, DATA.names());
      assertSamePath(rows, ElasticNetPath.fit(welford, settings, DATA.names()), SAME,
          "Welford statistics, " + settings);
      assertSamePath(rows, ElasticNetPath.fit(twoPass, settings, DATA.names()), SAME,
          "two-pass statistics, " + settings);
    }
  }

  @Test
  void fit_fromStatistics_equalsEveryGradientStrategyOnTheRows_withOffsetsAndAConstantColumn() {
    int n = 300;
    int p = 8;
    double[] y = new double[n];
    double[][] x = offsetRows(n, p, 5, y);
    GaussianStatistics statistics = GaussianStatistics.of(x, y);
    for (PathSettings settings : settingsToCompare(p)) {
      PathSolution fromStatistics = ElasticNetPath.fit(statistics, settings, names(p));
      assertEquals(0.0, fromStatistics.coefficient(fromStatistics.size() - 1, 0, 2),
          "the constant column stays out");
      for (ElasticNetPath.Updates updates : ElasticNetPath.Updates.values()) {
        PathSolution rows = ElasticNetPath.fit(Family.GAUSSIAN, x, y,
            StandardizedDesign.allRows(n), settings, names(p), List.of(), updates);
        assertSamePath(rows, fromStatistics, 1e-10, updates + ", " + settings);
      }
    }
  }

  @Test
  void fit_defaultSequence_isGlmnets_withItsLambdaMinRatioFromTheRowCount() {
    // glmnet's own λ and coefficients (standardized lasso, default sequence, early stop).
    double[][] ref = ReferenceData.rows("gauss-lasso-std");
    PathSolution path = ElasticNetPath.fit(GaussianStatistics.of(DATA.x(), DATA.y()),
        PathSettings.lasso().withTolerance(1e-14), DATA.names());
    assertEquals(ref.length, path.size(), "glmnet's path length");
    for (int l = 0; l < ref.length; l++) {
      assertEquals(ref[l][0], path.lambda(l), 1e-10 * ref[l][0], "λ #" + (l + 1));
      double scale = 1e-9;
      for (int j = 2; j < ref[l].length; j++) {
        scale = Math.max(scale, Math.abs(ref[l][j]));
      }
      for (int j = 2; j < ref[l].length; j++) {
        assertEquals(ref[l][j], path.coefficient(l, 0, j - 2), 1e-5 * scale,
            "λ #" + (l + 1) + ", b" + (j - 1));
      }
      assertEquals(ref[l][1], path.intercept(l, 0), 1e-5, "λ #" + (l + 1) + ", intercept");
    }
    // Fewer rows than features: glmnet's ratio is then 1e-2, decided by the row count.
    int[] few = IntStream.range(0, 40).toArray();
    PathSolution wide = ElasticNetPath.fit(GaussianStatistics.of(DATA.x(), DATA.y(), few),
        PathSettings.lasso().withNumLambdas(10), DATA.names());
    PathSolution wideRows = ElasticNetPath.fit(Family.GAUSSIAN, DATA.x(), DATA.y(), few,
        PathSettings.lasso().withNumLambdas(10), DATA.names(), List.of());
    assertEquals(1e-2, wideRows.lambda(9) / wideRows.lambda(0), 1e-12);
    assertSamePath(wideRows, wide, SAME, "40 rows, 50 features");
  }

  @Test
  void fit_integerWeights_equalThePathOnDuplicatedRows() {
    int n = DATA.y().length;
    double[] weights = new double[n];
    List<Integer> duplicated = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      weights[i] = i % 3; // 0, 1 or 2 copies
      for (int c = 0; c < weights[i]; c++) {
        duplicated.add(i);
      }
    }
    int[] rows = duplicated.stream().mapToInt(Integer::intValue).toArray();
    // The default λ-min ratio counts rows, which differ (weight-0 rows count, copies do not):
    // give the ratio so that both sides build the same sequence.
    PathSettings settings = PathSettings.of(0.7).withLambdaMinRatio(1e-3).withNumLambdas(40);
    PathSolution copies = ElasticNetPath.fit(Family.GAUSSIAN, DATA.x(), DATA.y(), rows,
        settings, DATA.names(), List.of());
    PathSolution weighted = ElasticNetPath.fit(
        GaussianStatistics.twoPass(DATA.x(), DATA.y(), weights,
            IntStream.range(0, n).toArray()), settings, DATA.names());
    assertSamePath(copies, weighted, SAME, "weights 0/1/2 against copies");
  }

  @Test
  void fit_everyLambdaIsCertified_andSatisfiesKktOnTheRows() {
    PathSettings settings = PathSettings.of(0.8).withTolerance(1e-14).withNumLambdas(30);
    PathSolution path = ElasticNetPath.fit(GaussianStatistics.of(DATA.x(), DATA.y()), settings,
        DATA.names());
    assertTrue(path.allConverged(), "every λ certified");
    for (int l = 0; l < path.size(); l++) {
      assertTrue(path.certificate(l) <= 1e-14, "gap at λ #" + (l + 1));
      double kkt = Optimality.kktViolation(DATA.x(), DATA.y(), path, l, settings);
      assertTrue(kkt < 1e-6, "KKT violation " + kkt + " at λ #" + (l + 1));
    }
  }

  @Test
  void fit_badStatisticsOrSettings_areInputErrors() {
    GaussianStatistics statistics = GaussianStatistics.of(DATA.x(), DATA.y());
    assertEquals("featureNames: 2 names for 50 features", assertThrows(InputException.class,
        () -> ElasticNetPath.fit(statistics, PathSettings.lasso(), List.of("a", "b")))
        .getMessage());
    assertEquals("penaltyFactors: 2 values for 50 features", assertThrows(InputException.class,
        () -> ElasticNetPath.fit(statistics, PathSettings.lasso().withPenaltyFactors(1, 2),
            DATA.names())).getMessage());
    double[] constant = new double[DATA.y().length];
    java.util.Arrays.fill(constant, 3.5);
    assertEquals("the target is constant (3.5): nothing to fit", assertThrows(
        InputException.class, () -> ElasticNetPath.fit(GaussianStatistics.of(DATA.x(),
            constant), PathSettings.lasso(), DATA.names())).getMessage());
    assertEquals("no rows to fit", assertThrows(InputException.class,
        () -> ElasticNetPath.fit(GaussianStatistics.empty(50), PathSettings.lasso(),
            DATA.names())).getMessage());
    double[] zero = new double[DATA.y().length];
    assertEquals("no rows of positive weight: nothing to fit", assertThrows(
        InputException.class, () -> ElasticNetPath.fit(GaussianStatistics.of(DATA.x(),
            DATA.y(), zero), PathSettings.lasso(), DATA.names())).getMessage());
  }
}
