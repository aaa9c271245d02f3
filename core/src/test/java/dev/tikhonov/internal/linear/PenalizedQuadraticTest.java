package dev.tikhonov.internal.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.tensor.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@link PenalizedQuadratic}: the minimizer of ½βᵀGβ − cᵀβ + ½d + λ·penalty satisfies the KKT
 * conditions, is the same from a cold and a warm start, and equals the gaussian path from
 * statistics at the same λ (the problem it is, written by its moments).
 */
class PenalizedQuadraticTest {

  /** G = (1/n)ZᵀZ, c = (1/n)Zᵀy, d = (1/n)‖y‖² of random correlated data (centered). */
  private static PenalizedQuadratic problem(int n, int p, double alpha, long seed) {
    Rng rng = new Rng(seed);
    double[][] z = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double common = rng.nextGaussian();
      for (int j = 0; j < p; j++) {
        z[i][j] = 0.6 * common + rng.nextGaussian();
      }
      y[i] = 2 * z[i][0] - z[i][1] + 0.5 * z[i][3] + rng.nextGaussian();
    }
    double[] gram = new double[p * p];
    double[] c = new double[p];
    double d = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        c[j] += z[i][j] * y[i] / n;
        for (int k = 0; k < p; k++) {
          gram[j * p + k] += z[i][j] * z[i][k] / n;
        }
      }
      d += y[i] * y[i] / n;
    }
    boolean[] included = new boolean[p];
    java.util.Arrays.fill(included, true);
    double[] factors = new double[p];
    java.util.Arrays.fill(factors, 1.0);
    return new PenalizedQuadratic(gram, c, d, included, factors, alpha);
  }

  /** The largest KKT violation of β at λ. */
  private static double kkt(PenalizedQuadratic q, double[] beta, double lambda) {
    int p = beta.length;
    double worst = 0;
    for (int j = 0; j < p; j++) {
      double gradient = -q.linear()[j];
      for (int k = 0; k < p; k++) {
        gradient += q.gram()[j * p + k] * beta[k];
      }
      worst = Math.max(worst, ElasticNetPenalty.violation(gradient, beta[j], 1.0,
          q.l1Ratio() * lambda, (1 - q.l1Ratio()) * lambda));
    }
    return worst;
  }

  @Test
  void minimize_fromColdAndWarmStarts_reachesTheSameKktPoint() {
    PenalizedQuadratic q = problem(200, 8, 0.7, 3);
    double lambda = 0.05;
    // Tolerance 0: to the floor of double precision.
    PenalizedQuadratic.Solution cold = q.minimize(lambda, new double[8], 0.0, 100_000);
    double[] start = {0.5, -3, 0, 1, 0.2, 0, 0, -0.1};
    PenalizedQuadratic.Solution warm = q.minimize(lambda, start, 0.0, 100_000);
    assertTrue(kkt(q, cold.coefficients(), lambda) < 1e-10, "KKT " + kkt(q, cold.coefficients(),
        lambda));
    assertTrue(kkt(q, warm.coefficients(), lambda) < 1e-10, "KKT " + kkt(q, warm.coefficients(),
        lambda));
    assertArrayEquals(cold.coefficients(), warm.coefficients(), 1e-10);
    assertTrue(warm.certificate() < 1e-14, "certificate " + warm.certificate());
    assertTrue(warm.converged(), "at tolerance 0 converged means the floor was reached");
    PenalizedQuadratic.Solution loose = q.minimize(lambda, start, 1e-3, 100_000);
    assertTrue(loose.converged() && loose.certificate() <= 1e-3 && loose.passes() < warm.passes(),
        "a loose tolerance stops early: " + loose);
    long zeros = java.util.Arrays.stream(cold.coefficients()).filter(b -> b == 0).count();
    assertTrue(zeros > 0 && zeros < 8, "a sparse solution: " + zeros + " zeros");
    assertArrayEquals(new double[] {0.5, -3, 0, 1, 0.2, 0, 0, -0.1}, start, 0.0,
        "the start is not modified");
  }

  @Test
  void minimize_equalsTheGaussianPathFromStatisticsAtTheSameLambda() {
    Rng rng = new Rng(11);
    int n = 300;
    int p = 6;
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = (j + 1) * rng.nextGaussian() + j;
      }
      y[i] = x[i][0] - 0.3 * x[i][2] + rng.nextGaussian();
    }
    GaussianStatistics s = GaussianStatistics.of(x, y);
    double lambda = 0.02;
    PathSolution path = ElasticNetPath.fit(s, PathSettings.of(0.5).withStandardize(false)
        .withLambdas(0.5, 0.1, lambda).withTolerance(1e-13), dev.tikhonov.data.Dataset
        .defaultNames(p));
    // The same problem by its moments: G = Sxx/W, c = Sxy/W, d = Syy/W (centered, raw scale).
    double w = s.weightSum();
    double[] gram = s.featureScatter().clone();
    double[] c = s.featureTargetScatter().clone();
    for (int i = 0; i < gram.length; i++) {
      gram[i] /= w;
    }
    for (int j = 0; j < p; j++) {
      c[j] /= w;
    }
    boolean[] included = new boolean[p];
    java.util.Arrays.fill(included, true);
    double[] factors = new double[p];
    java.util.Arrays.fill(factors, 1.0);
    PenalizedQuadratic q = new PenalizedQuadratic(gram, c, s.targetScatter() / w, included,
        factors, 0.5);
    PenalizedQuadratic.Solution solution = q.minimize(lambda, new double[p], 0.0, 100_000);
    // The path's own accuracy at a 1e-13 duality gap: coefficients to about √gap.
    assertArrayEquals(path.coefficients(2)[0], solution.coefficients(), 1e-8);
    assertEquals(0.0, kkt(q, solution.coefficients(), lambda), 1e-10);
  }

  /**
   * {@link PenalizedQuadratic.Solution#everActive}: every feature nonzero in the solution, and
   * one the start had nonzero though the solution has it at 0 (it entered and left: the count
   * Spark's IRLS sums for maxEverActive); a feature never nonzero is not.
   */
  @Test
  void everActive_holdsTheSolutionsFeatures_andOnesThatLeftOnTheWay() {
    PenalizedQuadratic q = problem(200, 6, 1.0, 7);
    double lambda = 0.3;
    PenalizedQuadratic.Solution cold = q.minimize(lambda, new double[6], 0, 10_000);
    int zero = -1;
    for (int j = 0; j < 6; j++) {
      if (cold.coefficients()[j] != 0) {
        assertTrue(cold.everActive()[j], "nonzero feature " + j);
      } else if (zero < 0) {
        zero = j;
      }
    }
    assertTrue(zero >= 0, java.util.Arrays.toString(cold.coefficients()));
    double[] start = cold.coefficients().clone();
    start[zero] = 0.5;
    PenalizedQuadratic.Solution warm = q.minimize(lambda, start, 0, 10_000);
    assertEquals(0.0, warm.coefficients()[zero], "back at 0 at the end");
    assertTrue(warm.everActive()[zero], "counted: it was nonzero on the way");
    assertTrue(!cold.everActive()[zero], "never nonzero from the cold start");
  }
}
