package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Optimality and edge cases of the gaussian elastic-net path. */
class ElasticNetPathTest {
  private static final ReferenceData.Regression DATA = ReferenceData.gauss();

  @Test
  void fit_everyLambda_satisfiesKktConditions() {
    for (double alpha : new double[] {1.0, 0.5, 0.0}) {
      for (boolean standardize : new boolean[] {false, true}) {
        ElasticNetConfig config =
            ElasticNetConfig.of(alpha).withStandardize(standardize).withTol(1e-18);
        GlmPath path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
        for (int l = 0; l < path.size(); l++) {
          double violation = Optimality.kktViolation(DATA.x(), DATA.y(), path, l, config);
          assertTrue(violation < 1e-7,
              "α " + alpha + " std " + standardize + " λ index " + l + ": KKT " + violation);
        }
      }
    }
  }

  @Test
  void fit_everyLambda_hasDualityGapBelowTolerance() {
    for (double alpha : new double[] {1.0, 0.5, 0.0}) {
      // The gap is first order in the KKT violation, which dlx < tol bounds by about √tol.
      ElasticNetConfig config = ElasticNetConfig.of(alpha).withStandardize(false).withTol(1e-18);
      GlmPath path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
      for (int l = 0; l < path.size(); l++) {
        double gap = path.dualityGap()[l];
        assertTrue(gap > -1e-14 && gap < 1e-8, "α " + alpha + " λ index " + l + ": gap " + gap);
      }
    }
  }

  @Test
  void dualityGap_atDefaultTolerance_boundsTheSuboptimality() {
    // Weak duality: P(b) − P(b*) ≤ gap, with b* glmnet's path polished to the exact optimum.
    double[][] ref = ReferenceData.rows("gauss-enet05-raw");
    ElasticNetConfig config = ElasticNetConfig.of(0.5).withStandardize(false)
        .withLambdas(ReferenceData.lambdas(ref));
    GlmPath path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    double nullDeviance = objective(ref[0][1], new double[DATA.features()], 0, 0.5) * 2;
    for (int l = 0; l < path.size(); l++) {
      double[] exact = java.util.Arrays.copyOfRange(ref[l], 2, ref[l].length);
      double suboptimality = objective(path.intercept()[l][0], path.coef()[l][0], ref[l][0], 0.5)
          - objective(ref[l][1], exact, ref[l][0], 0.5);
      double gap = path.dualityGap()[l] * nullDeviance;
      assertTrue(gap >= -1e-15, "λ index " + l + ": gap " + gap);
      assertTrue(suboptimality <= gap + 1e-13,
          "λ index " + l + ": suboptimality " + suboptimality + " > gap " + gap);
    }
  }

  /** DESIGN.md's objective on the gauss data, all penalty factors 1. */
  private static double objective(double a0, double[] b, double lambda, double alpha) {
    double rss = 0;
    for (int i = 0; i < DATA.x().length; i++) {
      double eta = a0;
      for (int j = 0; j < b.length; j++) {
        eta += DATA.x()[i][j] * b[j];
      }
      rss += (DATA.y()[i] - eta) * (DATA.y()[i] - eta);
    }
    double penalty = 0;
    for (double v : b) {
      penalty += alpha * Math.abs(v) + (1 - alpha) / 2 * v * v;
    }
    return rss / (2 * DATA.x().length) + lambda * penalty;
  }

  @Test
  void fit_naiveAndCovarianceUpdates_agree() {
    ElasticNetConfig config = ElasticNetConfig.of(0.7).withTol(1e-14);
    GlmPath covariance = ElasticNetPath.fit(DATA.x(), DATA.y(), null, config, DATA.names(),
        ElasticNetPath.Updates.COVARIANCE);
    GlmPath naive = ElasticNetPath.fit(DATA.x(), DATA.y(), null, config, DATA.names(),
        ElasticNetPath.Updates.NAIVE);
    assertEquals(covariance.size(), naive.size());
    for (int l = 0; l < naive.size(); l++) {
      for (int j = 0; j < DATA.features(); j++) {
        assertEquals(covariance.coef()[l][0][j], naive.coef()[l][0][j], 1e-8);
      }
    }
  }

  @Test
  void fit_lassoOnOrthonormalDesign_isSoftThresholding() {
    int n = 200;
    int p = 10;
    double[][] x = orthonormalColumns(n, p, new Rng(3));
    Rng rng = new Rng(4);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 2 + 1.5 * x[i][0] - 0.7 * x[i][1] + 0.3 * x[i][2] + 0.5 * rng.nextGaussian();
    }
    double[] lambdas = {0.5, 0.2, 0.05, 0.01};
    ElasticNetConfig config = ElasticNetConfig.lasso().withStandardize(false).withTol(1e-14)
        .withLambdas(lambdas);
    GlmPath path = ElasticNetPath.fit(x, y, config, names(p));
    for (int l = 0; l < lambdas.length; l++) {
      for (int j = 0; j < p; j++) {
        double z = 0;
        for (int i = 0; i < n; i++) {
          z += x[i][j] * y[i] / n;
        }
        double expected = Math.signum(z) * Math.max(Math.abs(z) - lambdas[l], 0);
        assertEquals(expected, path.coef()[l][0][j], 1e-10, "λ " + lambdas[l] + " j " + j);
      }
    }
  }

  @Test
  void fit_whenLambdaAtOrAboveMax_returnsZeros() {
    GlmPath full = ElasticNetPath.fit(DATA.x(), DATA.y(), ElasticNetConfig.of(0.5)
        .withStandardize(false), DATA.names());
    double lambdaMax = full.lambda()[0];
    ElasticNetConfig config = ElasticNetConfig.of(0.5).withStandardize(false).withTol(1e-14)
        .withLambdas(new double[] {10 * lambdaMax, lambdaMax * (1 + 1e-9), lambdaMax * 0.99});
    GlmPath path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    double yMean = 0;
    for (double v : DATA.y()) {
      yMean += v / DATA.y().length;
    }
    for (int l = 0; l < 2; l++) {
      assertEquals(0, path.df()[l], "λ index " + l);
      assertEquals(yMean, path.intercept()[l][0], 1e-12);
    }
    assertTrue(path.df()[2] > 0, "just below λ_max a feature enters");
    assertEquals(0, full.df()[0]);
  }

  @Test
  void fit_alphaZero_agreesWithClosedFormRidge() {
    double[] lambdas = {1.0, 0.1, 0.01, 0.001};
    ElasticNetConfig config = ElasticNetConfig.of(0.0).withStandardize(false).withTol(1e-20)
        .withLambdas(lambdas);
    GlmPath path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    RidgePath svd = RidgePath.fit(DATA.x(), DATA.y(), lambdas);
    for (int l = 0; l < lambdas.length; l++) {
      RidgeFit cholesky = Ridge.fit(DATA.x(), DATA.y(), lambdas[l]);
      for (int j = 0; j < DATA.features(); j++) {
        assertEquals(cholesky.coef()[j], path.coef()[l][0][j], 1e-8, "λ " + lambdas[l]);
        assertEquals(cholesky.coef()[j], svd.coef()[l][j], 1e-10, "λ " + lambdas[l]);
      }
      assertEquals(cholesky.intercept(), path.intercept()[l][0], 1e-8);
    }
  }

  @Test
  void fit_constantColumn_getsZeroAndLeavesOthersUnchanged() {
    double[][] x = withExtraColumn(DATA.x(), i -> 3.0);
    List<String> names = new ArrayList<>(DATA.names());
    names.add("constant");
    ElasticNetConfig config = ElasticNetConfig.of(0.5).withTol(1e-14);
    GlmPath with = ElasticNetPath.fit(x, DATA.y(), config, names);
    GlmPath without = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    assertEquals(without.size(), with.size());
    for (int l = 0; l < with.size(); l++) {
      assertEquals(0.0, with.coef()[l][0][DATA.features()]);
      assertTrue(Double.isFinite(with.intercept()[l][0]));
      for (int j = 0; j < DATA.features(); j++) {
        assertEquals(without.coef()[l][0][j], with.coef()[l][0][j], 1e-12);
      }
    }
  }

  @Test
  void fit_duplicatedColumn_lassoSplitsTheSameTotal() {
    double[][] x = withExtraColumn(DATA.x(), i -> DATA.x()[i][0]);
    List<String> names = new ArrayList<>(DATA.names());
    names.add("x1-copy");
    ElasticNetConfig config = ElasticNetConfig.lasso().withStandardize(false).withTol(1e-14);
    GlmPath with = ElasticNetPath.fit(x, DATA.y(), config, names);
    GlmPath without = ElasticNetPath.fit(DATA.x(), DATA.y(),
        config.withLambdas(with.lambda()), DATA.names());
    for (int l = 0; l < with.size(); l++) {
      double total = with.coef()[l][0][0] + with.coef()[l][0][DATA.features()];
      assertEquals(without.coef()[l][0][0], total, 1e-6);
      for (int j = 1; j < DATA.features(); j++) {
        assertEquals(without.coef()[l][0][j], with.coef()[l][0][j], 1e-6);
      }
    }
  }

  @Test
  void fit_duplicatedColumn_elasticNetSplitsEqually() {
    double[][] x = withExtraColumn(DATA.x(), i -> DATA.x()[i][0]);
    List<String> names = new ArrayList<>(DATA.names());
    names.add("x1-copy");
    ElasticNetConfig config = ElasticNetConfig.of(0.5).withStandardize(false).withTol(1e-18);
    GlmPath path = ElasticNetPath.fit(x, DATA.y(), config, names);
    for (int l = 0; l < path.size(); l++) {
      assertEquals(path.coef()[l][0][0], path.coef()[l][0][DATA.features()], 1e-6);
      assertTrue(Optimality.kktViolation(x, DATA.y(), path, l, config) < 1e-6);
    }
  }

  @Test
  void fit_moreFeaturesThanRows_givesFiniteOptimalPath() {
    int n = 40;
    int p = 120;
    Rng rng = new Rng(11);
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = rng.nextGaussian();
      }
      y[i] = 2 * x[i][0] - x[i][1] + 0.1 * rng.nextGaussian();
    }
    for (double alpha : new double[] {1.0, 0.3}) {
      ElasticNetConfig config = ElasticNetConfig.of(alpha).withTol(1e-12);
      GlmPath path = ElasticNetPath.fit(x, y, config, names(p));
      double ratio = path.lambda()[path.size() - 1] / path.lambda()[0];
      assertTrue(path.size() == 100 ? Math.abs(ratio - 1e-2) < 1e-12 : ratio > 1e-2,
          "p > n uses λ_min = 0.01 λ_max; ratio " + ratio);
      for (int l = 0; l < path.size(); l++) {
        assertTrue(Optimality.kktViolation(x, y, path, l, config) < 1e-5, "λ index " + l);
      }
    }
  }

  @Test
  void fit_manyFeatures_usesNaiveUpdatesAndStaysOptimal() {
    int n = 60;
    int p = 600;
    Rng rng = new Rng(5);
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = rng.nextGaussian();
      }
      y[i] = x[i][3] - x[i][7] + 0.5 * rng.nextGaussian();
    }
    ElasticNetConfig config = ElasticNetConfig.lasso().withNlambda(30).withTol(1e-12);
    GlmPath path = ElasticNetPath.fit(x, y, config, names(p));
    GlmPath covariance = ElasticNetPath.fit(x, y, null, config, names(p),
        ElasticNetPath.Updates.COVARIANCE);
    assertEquals(covariance.size(), path.size());
    for (int l = 0; l < path.size(); l++) {
      assertTrue(Optimality.kktViolation(x, y, path, l, config) < 1e-5, "λ index " + l);
      for (int j = 0; j < p; j++) {
        assertEquals(covariance.coef()[l][0][j], path.coef()[l][0][j], 1e-6);
      }
    }
  }

  @Test
  void fit_unpenalizedFeature_isInFromTheFirstLambda() {
    double[] factors = new double[DATA.features()];
    java.util.Arrays.fill(factors, 1.0);
    factors[9] = 0.0;
    ElasticNetConfig config = ElasticNetConfig.lasso().withStandardize(false).withTol(1e-18)
        .withPenaltyFactors(factors);
    GlmPath path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    assertNotEquals(0.0, path.coef()[0][0][9]);
    assertEquals(1, path.df()[0]);
    for (int l = 0; l < path.size(); l++) {
      assertTrue(Optimality.kktViolation(DATA.x(), DATA.y(), path, l, config) < 1e-7);
    }
  }

  @Test
  void fit_constantTarget_isAClearError() {
    double[] y = new double[DATA.y().length];
    java.util.Arrays.fill(y, 4.0);
    InputException e = assertThrows(InputException.class,
        () -> ElasticNetPath.fit(DATA.x(), y, ElasticNetConfig.lasso(), DATA.names()));
    assertTrue(e.getMessage().contains("constant"), e.getMessage());
  }

  @Test
  void config_outOfRangeSettings_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> ElasticNetConfig.of(1.5));
    assertThrows(IllegalArgumentException.class, () -> ElasticNetConfig.lasso().withTol(0));
    assertThrows(IllegalArgumentException.class,
        () -> ElasticNetConfig.lasso().withLambdas(new double[] {0.1, -1}));
    assertThrows(IllegalArgumentException.class,
        () -> ElasticNetConfig.lasso().withPenaltyFactors(new double[] {0, 0}));
  }

  static List<String> names(int p) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + j);
    }
    return names;
  }

  private static double[][] withExtraColumn(
      double[][] x, java.util.function.IntToDoubleFunction column) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = java.util.Arrays.copyOf(x[i], x[i].length + 1);
      out[i][x[i].length] = column.applyAsDouble(i);
    }
    return out;
  }

  /** Centered columns with (1/n)XᵀX = I, by Gram–Schmidt on Gaussian columns. */
  private static double[][] orthonormalColumns(int n, int p, Rng rng) {
    double[][] q = new double[p][n];
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        q[j][i] = rng.nextGaussian();
        mean += q[j][i] / n;
      }
      for (int i = 0; i < n; i++) {
        q[j][i] -= mean;
      }
      for (int k = 0; k < j; k++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += q[j][i] * q[k][i];
        }
        for (int i = 0; i < n; i++) {
          q[j][i] -= dot * q[k][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[j][i] * q[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        q[j][i] /= norm;
      }
    }
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = q[j][i] * Math.sqrt(n);
      }
    }
    return x;
  }
}
