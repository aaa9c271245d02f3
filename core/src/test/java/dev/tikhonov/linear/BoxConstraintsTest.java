package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import dev.tikhonov.loss.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Box constraints (glmnet's {@code lower.limits}/{@code upper.limits}) for every family:
 * against glmnet 4.1-6 (ref/make_bounds.R, thresh 1e-14, certified there by the box's KKT
 * conditions) to 1e-5 (gaussian) / 1e-4 (others) of the largest coefficient, with glmnet's λ
 * sequence (λ_max does not change); against the closed form on an orthonormal design; the
 * certificate against the objective; infinite limits against no limits, bit for bit.
 */
class BoxConstraintsTest {
  static final PoissonGlmnetTest.Pois DATA = PoissonGlmnetTest.DATA;
  static final double FIT_TOL = 1e-12;
  /** The two-sided box of make_bounds.R, on the original scale. */
  static final double[] LOWER = {-0.1, Double.NEGATIVE_INFINITY, -0.2, 0,
      Double.NEGATIVE_INFINITY, -0.05, -0.15, Double.NEGATIVE_INFINITY};
  static final double[] UPPER = {0.3, 0.2, Double.POSITIVE_INFINITY, 0.1, 0,
      Double.POSITIVE_INFINITY, 0.05, 0.5};

  static double[] column(String file, String name) {
    Table t = ProximalNewtonRefData.read(file);
    double[] out = new double[t.rows().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.rows()[i][t.column(name)];
    }
    return out;
  }

  private static PathSolution check(String reference, Family family, double[][] x, double[] y,
      Observations observations, PathSettings settings, List<String> names, int numVectors,
      double tolerance) {
    Table ref = ProximalNewtonRefData.read(reference);
    double[] lambdas = ProximalNewtonRefData.lambdas(ref);
    PathSolution own = ElasticNetPath.fit(family, x, y, observations,
        settings.withTolerance(FIT_TOL), names, List.of());
    assertEquals(lambdas[0], own.lambda(0), 1e-9 * lambdas[0], reference + ": λ_max");
    assertEquals(lambdas.length, own.size(), reference + ": glmnet's path length; "
        + own.end().message());
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], own.lambda(l), 1e-9 * lambdas[l], "λ index " + l);
    }
    double err = BinomialGlmnetTest.maxRelativeError(own, ref, numVectors);
    System.out.println(reference + ": max relative coefficient error " + err);
    assertTrue(err < tolerance, reference + ": max relative error " + err);
    assertTrue(own.allConverged(), own.warning().orElse(""));
    double[] lower = settings.lowerLimits(names.size());
    double[] upper = settings.upperLimits(names.size());
    for (int l = 0; l < own.size(); l++) {
      for (double[] b : own.coefficients(l)) {
        for (int j = 0; j < b.length; j++) {
          assertTrue(b[j] >= lower[j] && b[j] <= upper[j], reference + ": λ index " + l
              + ", feature " + (j + 1) + " = " + b[j] + " outside its box");
        }
      }
    }
    return own;
  }

  @Test
  void gaussian_nonNegativeLasso_matchesGlmnet() {
    PathSolution path = check("gauss-lasso-std-nonneg.csv", Family.GAUSSIAN, DATA.x(),
        column("glm2.csv", "yg"), Observations.none(), PathSettings.of(1).withLowerLimits(0),
        DATA.names(), 1, 1e-5);
    // The limit binds: a feature with a negative effect (x3, −0.4 in make_glm.R) stays at 0.
    for (int l = 0; l < path.size(); l++) {
      assertEquals(0, path.coefficient(l, 0, 2), 0);
    }
  }

  @Test
  void binomial_nonNegativeLasso_matchesGlmnet() {
    check("binom-lasso-std-nonneg.csv", Family.BINOMIAL, DATA.x(), column("glm2.csv", "yb"),
        Observations.none(), PathSettings.of(1).withLowerLimits(0), DATA.names(), 1, 1e-4);
  }

  @Test
  void gaussian_twoSidedBox_matchesGlmnet() {
    check("gauss-lasso-std-box.csv", Family.GAUSSIAN, DATA.x(), column("glm2.csv", "yg"),
        Observations.none(), PathSettings.of(1).withLowerLimits(LOWER).withUpperLimits(UPPER),
        DATA.names(), 1, 1e-5);
  }

  @Test
  void binomial_twoSidedBoxElasticNet_matchesGlmnet() {
    check("binom-enet05-raw-box.csv", Family.BINOMIAL, DATA.x(), column("glm2.csv", "yb"),
        Observations.none(), PathSettings.of(0.5).withStandardize(false)
            .withLowerLimits(LOWER).withUpperLimits(UPPER), DATA.names(), 1, 1e-4);
  }

  @Test
  void poisson_twoSidedBoxWithWeightsAndOffset_matchesGlmnet() {
    check("pois-lasso-std-box-weights-offset.csv", Family.POISSON, DATA.x(), DATA.y(),
        Observations.ofWeights(DATA.w()).withOffsets(DATA.off()),
        PathSettings.of(1).withLowerLimits(LOWER).withUpperLimits(UPPER), DATA.names(), 1,
        1e-4);
  }

  @Test
  void multinomial_nonNegativeLasso_matchesGlmnet() {
    ProximalNewtonRefData.Data multi = ProximalNewtonRefData.data("multi.csv");
    check("multi-lasso-raw-nonneg.csv", Family.MULTINOMIAL, multi.x(), multi.y(),
        Observations.none(), PathSettings.of(1).withStandardize(false).withLowerLimits(0),
        multi.featureNames(), 3, 1e-4);
  }

  /**
   * On an orthonormal design ((1/n)ZᵀZ = I, centered, no standardization) the boxed lasso is
   * the soft threshold clamped to the box: bⱼ = clamp(S(zⱼᵀy/n, λ), lⱼ, uⱼ).
   */
  @Test
  void orthonormalDesign_boxedLassoIsTheClampedSoftThreshold() {
    int n = 8;
    // Columns of a Hadamard matrix without its all-ones column: centered, (1/n)‖z‖² = 1.
    double[][] x = new double[n][3];
    for (int i = 0; i < n; i++) {
      x[i][0] = (i & 1) == 0 ? 1 : -1;
      x[i][1] = (i & 2) == 0 ? 1 : -1;
      x[i][2] = (i & 4) == 0 ? 1 : -1;
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 0.9 * x[i][0] - 0.7 * x[i][1] + 0.4 * x[i][2] + 0.05 * Math.sin(i);
    }
    double[] lower = {-1, -0.3, 0};
    double[] upper = {0.5, 1, 0.2};
    double[] lambdas = {0.6, 0.3, 0.1, 0.01};
    PathSolution path = ElasticNetPath.fit(x, y, PathSettings.of(1).withStandardize(false)
        .withTolerance(1e-14).withLambdas(lambdas).withLowerLimits(lower)
        .withUpperLimits(upper), List.of("a", "b", "c"));
    for (int l = 0; l < lambdas.length; l++) {
      for (int j = 0; j < 3; j++) {
        double c = 0;
        for (int i = 0; i < n; i++) {
          c += x[i][j] * y[i] / n;
        }
        double soft = Math.signum(c) * Math.max(0, Math.abs(c) - lambdas[l]);
        double expected = Math.max(lower[j], Math.min(upper[j], soft));
        assertEquals(expected, path.coefficient(l, 0, j), 1e-13, "λ " + lambdas[l]
            + ", feature " + (j + 1));
      }
    }
  }

  /**
   * The gaussian certificate with a box is a duality gap: after a deliberately loose solve
   * (sweep threshold 10⁻²·dev₀) it bounds the objective's distance to the tightly solved
   * solution, 0 ≤ P(b) − P(b*) ≤ gap·dev₀, at every λ, for the lasso and the elastic net.
   */
  @Test
  void gaussian_boxedCertificate_boundsTheObjectiveGap() {
    double[][] x = DATA.x();
    double[] y = column("glm2.csv", "yg");
    int n = y.length;
    double mean = 0;
    for (double v : y) {
      mean += v / n;
    }
    for (double alpha : new double[] {1, 0.5}) {
      StandardizedDesign design = StandardizedDesign.of(x, true, false);
      double[] target = new double[n];
      double start = 0;
      for (int i = 0; i < n; i++) {
        target[i] = y[i] - mean;
        start += target[i] * target[i] / n;
      }
      double[] ones = ProximalNewtonRefData.ones(8);
      GaussianCoordinateDescent solver = new GaussianCoordinateDescent(design,
          new CovarianceTracker(design, target), ones, Box.of(LOWER, UPPER, design.scale),
          alpha, mean, start, 1_000_000, true);
      solver.solveUnpenalized(1e-9 * start);
      double lambdaMax = solver.lambdaMax();
      double previous = lambdaMax;
      double largest = 0;
      for (double share : new double[] {0.5, 0.2, 0.05, 0.01, 0.001}) {
        double lambda = share * lambdaMax;
        solver.solve(lambda, previous, 1e-2 * start);
        previous = lambda;
        double cert = solver.certificate(lambda);
        double[] a0 = new double[1];
        double[][] b = new double[1][8];
        solver.coefficients(a0, b);
        PathSolution tight = ElasticNetPath.fit(x, y, PathSettings.of(alpha)
            .withStandardize(false).withTolerance(1e-14).withLambdas(lambda)
            .withLowerLimits(LOWER).withUpperLimits(UPPER), DATA.names());
        double gap = objective(x, y, b[0], lambda, alpha)
            - objective(x, y, tight.coefficients(0)[0], lambda, alpha);
        assertTrue(cert >= 0, "α " + alpha + ", λ " + lambda + ": certificate " + cert);
        assertTrue(gap >= -1e-13 * start, "the tight fit is optimal: " + gap);
        assertTrue(gap <= cert * start * (1 + 1e-9) + 1e-14 * start, "α " + alpha + ", λ "
            + lambda + ": objective gap " + gap + " above the certificate's " + cert * start);
        largest = Math.max(largest, gap / start);
      }
      System.out.println("α " + alpha + ": largest relative objective gap of the loose solves "
          + largest);
      assertTrue(largest > 1e-8, "the loose solves should be measurably off: " + largest);
    }
  }

  /**
   * (1/2n)Σ(y − a₀ − xb)² + λΣ[(1−α)/2 b² + α|b|] on the raw scale, a₀ = ȳ − x̄·b (the optimal
   * intercept for b).
   */
  private static double objective(double[][] x, double[] y, double[] b, double lambda,
      double alpha) {
    int n = y.length;
    double[] fitted = new double[n];
    double shift = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < b.length; j++) {
        fitted[i] += x[i][j] * b[j];
      }
      shift += (y[i] - fitted[i]) / n;
    }
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - shift - fitted[i];
      loss += r * r;
    }
    double pen = 0;
    for (double v : b) {
      pen += (1 - alpha) / 2 * v * v + alpha * Math.abs(v);
    }
    return loss / (2 * n) + lambda * pen;
  }

  /** Limits of ±∞ given explicitly are no limits: the same path to the last bit. */
  @Test
  void infiniteLimits_areNoLimits_toTheLastBit() {
    ProximalNewtonRefData.Data multi = ProximalNewtonRefData.data("multi.csv");
    for (Family family : Family.values()) {
      double[][] x = family == Family.MULTINOMIAL ? multi.x() : DATA.x();
      double[] y = switch (family) {
        case GAUSSIAN -> column("glm2.csv", "yg");
        case BINOMIAL -> column("glm2.csv", "yb");
        case MULTINOMIAL -> multi.y();
        case POISSON -> DATA.y();
      };
      List<String> names = family == Family.MULTINOMIAL ? multi.featureNames() : DATA.names();
      PathSettings settings = PathSettings.of(0.8).withNumLambdas(30);
      PathSolution plain = ElasticNetPath.fit(family, x, y, settings, names, List.of());
      PathSolution boxed = ElasticNetPath.fit(family, x, y,
          settings.withLowerLimits(Double.NEGATIVE_INFINITY)
              .withUpperLimits(Double.POSITIVE_INFINITY), names, List.of());
      assertEquals(plain.size(), boxed.size(), family + "");
      for (int l = 0; l < plain.size(); l++) {
        assertArrayEquals(plain.intercepts(l), boxed.intercepts(l), 0, family + "");
        for (int k = 0; k < plain.coefficients(l).length; k++) {
          assertArrayEquals(plain.coefficients(l)[k], boxed.coefficients(l)[k], 0,
              family + " λ index " + l);
        }
        assertEquals(plain.certificate(l), boxed.certificate(l), 0);
      }
    }
  }

  @Test
  void badLimits_areNamed() {
    InputException e = assertThrows(InputException.class,
        () -> PathSettings.lasso().withLowerLimits(0, 0.5, -1));
    assertEquals("lowerLimits: feature 2 has lower limit 0.5; a lower limit must be ≤ 0 (0"
        + " must be feasible, as glmnet requires)", e.getMessage());
    e = assertThrows(InputException.class, () -> PathSettings.lasso().withUpperLimits(-1));
    assertEquals("upperLimits: every feature has upper limit -1.0; an upper limit must be ≥ 0"
        + " (0 must be feasible, as glmnet requires)", e.getMessage());
    e = assertThrows(InputException.class, () -> PathSettings.builder()
        .lowerLimits(0, 0.5).upperLimits(1, 0.2).build());
    assertEquals("lowerLimits: feature 2 has lower limit 0.5 above its upper limit 0.2",
        e.getMessage());
    e = assertThrows(InputException.class,
        () -> PathSettings.lasso().withLowerLimits(Double.NaN));
    assertTrue(e.getMessage().startsWith("lowerLimits: every feature has lower limit NaN"),
        e.getMessage());
    e = assertThrows(InputException.class, () -> ElasticNetPath.fit(DATA.x(), DATA.y(),
        PathSettings.lasso().withLowerLimits(0, 0, 0), DATA.names()));
    assertEquals("lowerLimits: 3 values for 8 features; give one value for every feature or one"
        + " per feature", e.getMessage());
    assertTrue(PathSettings.lasso().withLowerLimits(0).bounded());
    assertTrue(!PathSettings.lasso().withLowerLimits(Double.NEGATIVE_INFINITY).bounded());
  }
}
