package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import dev.tikhonov.loss.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relaxed lasso against glmnet 4.1-6's {@code relax = TRUE} (src/test/resources/ref/
 * make_relax.R: n = 200, p = 8 correlated features on unequal scales, thresh 1e-14): the lasso
 * path, the unpenalized refit on each λ's active set ({@code fit$relaxed}) and the blends
 * {@code coef(fit, s, gamma)} at several (λ, γ), to 1e-5 (gaussian) and 1e-4 (binomial) of the
 * largest coefficient at each λ; and each refit's optimality checked from scratch (the gradient
 * of the unpenalized loss on its active set vanishes).
 */
class RelaxedFitGlmnetTest {
  static final double FIT_TOL = 1e-12;

  static final ProximalNewtonRefData.Relax DATA = ProximalNewtonRefData.relax();

  static PathSettings settings(Family family) {
    return PathSettings.lasso().withStandardize(family == Family.GAUSSIAN)
        .withTolerance(FIT_TOL);
  }

  static double[] target(Family family) {
    return family == Family.GAUSSIAN ? DATA.yg() : DATA.yb();
  }

  static RelaxedFit relax(Family family) {
    PathSolution lasso = ElasticNetPath.fit(family, DATA.x(), target(family), settings(family),
        DATA.names(), List.of());
    return RelaxedFit.of(family, DATA.x(), target(family), settings(family), lasso);
  }

  /** The largest |ours − glmnet's| at any λ relative to glmnet's largest |coefficient| there. */
  static double error(double[] a0, double[] b, double refA0, double[] refB) {
    double scale = Math.abs(refA0);
    double err = Math.abs(a0[0] - refA0);
    for (int j = 0; j < refB.length; j++) {
      scale = Math.max(scale, Math.abs(refB[j]));
      err = Math.max(err, Math.abs(b[j] - refB[j]));
    }
    return err / scale;
  }

  static double[] row(Table t, int r, int p) {
    double[] b = new double[p];
    for (int j = 0; j < p; j++) {
      b[j] = t.rows()[r][t.column("b" + (j + 1))];
    }
    return b;
  }

  private static void check(Family family, String tag, double tolerance) {
    RelaxedFit fit = relax(family);
    int p = DATA.names().size();
    Table lasso = ProximalNewtonRefData.read("relax-" + tag + "-lasso.csv");
    Table relaxed = ProximalNewtonRefData.read("relax-" + tag + "-relaxed.csv");
    Table blend = ProximalNewtonRefData.read("relax-" + tag + "-blend.csv");
    double[] lambdas = ProximalNewtonRefData.lambdas(lasso);
    assertEquals(lambdas.length, fit.size(), "glmnet's default sequence stops after "
        + lambdas.length + " λ: " + fit.lasso().end().message());
    assertEquals(lambdas.length, relaxed.rows().length, "glmnet refitted every λ");
    double worstLasso = 0;
    double worstRelaxed = 0;
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], fit.lasso().lambda(l), 1e-10 * lambdas[l], "λ index " + l);
      worstLasso = Math.max(worstLasso, error(fit.lasso().intercepts(l),
          fit.lasso().coefficients(l)[0], lasso.rows()[l][1], row(lasso, l, p)));
      worstRelaxed = Math.max(worstRelaxed, error(fit.relaxed().intercepts(l),
          fit.relaxed().coefficients(l)[0], relaxed.rows()[l][1], row(relaxed, l, p)));
    }
    double worstBlend = 0;
    for (int r = 0; r < blend.rows().length; r++) {
      int l = (int) blend.rows()[r][blend.column("index")] - 1;
      double gamma = blend.rows()[r][blend.column("gamma")];
      PathSolution b = fit.blend(gamma);
      worstBlend = Math.max(worstBlend, error(b.intercepts(l), b.coefficients(l)[0],
          blend.rows()[r][blend.column("a0")], row(blend, r, p)));
    }
    System.out.printf("relaxed %s: max relative error lasso %.2e, relaxed %.2e, blends %.2e%n",
        tag, worstLasso, worstRelaxed, worstBlend);
    assertTrue(worstLasso < tolerance, "lasso " + worstLasso);
    assertTrue(worstRelaxed < tolerance, "relaxed " + worstRelaxed);
    assertTrue(worstBlend < tolerance, "blends " + worstBlend);
    assertTrue(fit.warning().isEmpty(), fit.warning().orElse(""));

    // Each refit is the unpenalized optimum on its active set: intercept and active gradients 0.
    double[][] x = DATA.x();
    double[] y = target(family);
    int n = x.length;
    for (int l = 0; l < fit.size(); l++) {
      double[] eta = column(fit.relaxed().linearPredictor(x, l));
      double[] resid = new double[n];
      double g0 = 0;
      for (int i = 0; i < n; i++) {
        double mu = family == Family.GAUSSIAN ? eta[i] : 1 / (1 + Math.exp(-eta[i]));
        resid[i] = (y[i] - mu) / n;
        g0 += resid[i];
      }
      assertEquals(0, g0, 1e-9, "intercept gradient at λ index " + l);
      for (int j = 0; j < p; j++) {
        boolean active = fit.lasso().coefficient(l, 0, j) != 0;
        assertEquals(active, fit.relaxed().coefficient(l, 0, j) != 0,
            "the refit keeps the active set at λ index " + l + ", feature " + j);
        if (active) {
          double g = 0;
          for (int i = 0; i < n; i++) {
            g += x[i][j] * resid[i];
          }
          assertEquals(0, g, 1e-8, "gradient of feature " + j + " at λ index " + l);
        }
      }
    }
  }

  private static double[] column(double[][] eta) {
    double[] out = new double[eta.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = eta[i][0];
    }
    return out;
  }

  @Test
  void gaussianLasso_relaxedAndBlends_matchGlmnet() {
    check(Family.GAUSSIAN, "gauss", 1e-5);
  }

  @Test
  void binomialLasso_relaxedAndBlends_matchGlmnet() {
    check(Family.BINOMIAL, "binom", 1e-4);
  }

  /**
   * Poisson and multinomial (no glmnet reference here): every refit is the unpenalized optimum
   * on its active set, checked from the data — the gradient of the mean negative
   * log-likelihood, (1/n)Σ xᵢⱼ(μᵢ − yᵢ) (per class for multinomial) and its intercept part,
   * vanishes for every active feature, and inactive features stay 0.
   */
  @Test
  void poissonAndMultinomial_refitsAreUnpenalizedOptimaOnTheActiveSet() {
    PathSettings s = PathSettings.lasso().withTolerance(1e-10).withNumLambdas(30);
    PoissonGlmnetTest.Pois pois = PoissonGlmnetTest.DATA;
    PathSolution lasso = ElasticNetPath.fit(Family.POISSON, pois.x(), pois.y(), s, pois.names(),
        List.of());
    RelaxedFit fit = RelaxedFit.of(Family.POISSON, pois.x(), pois.y(), s, lasso);
    checkRefits(fit, pois.x(), pois.y(), 1e-7);
    ProximalNewtonRefData.Data multi = ProximalNewtonRefData.data("multi.csv");
    PathSolution mlasso = ElasticNetPath.fit(Family.MULTINOMIAL, multi.x(), multi.y(), s,
        multi.featureNames(), List.of());
    RelaxedFit mfit = RelaxedFit.of(Family.MULTINOMIAL, multi.x(), multi.y(), s, mlasso);
    checkRefits(mfit, multi.x(), multi.y(), 1e-7);
  }

  private static void checkRefits(RelaxedFit fit, double[][] x, double[] y, double tolerance) {
    assertTrue(fit.warning().isEmpty(), fit.warning().orElse(""));
    PathSolution r = fit.relaxed();
    boolean poisson = r.family() == Family.POISSON;
    int n = x.length;
    int p = x[0].length;
    int refits = 0;
    for (int l = 0; l < fit.size(); l++) {
      if (!fit.refitted()[l]) {
        continue;
      }
      refits++;
      int k = r.intercepts(l).length;
      double[][] prob = poisson ? null : r.probabilities(x, l);
      double[] mu = poisson ? r.means(x, l) : null;
      for (int c = 0; c < k; c++) {
        double[] resid = new double[n];
        double g0 = 0;
        for (int i = 0; i < n; i++) {
          resid[i] = poisson ? (mu[i] - y[i]) / n : (prob[i][c] - (y[i] == c ? 1 : 0)) / n;
          g0 += resid[i];
        }
        assertEquals(0, g0, tolerance, "intercept gradient, λ index " + l + ", class " + c);
        for (int j = 0; j < p; j++) {
          boolean active = false;
          for (double[] bc : fit.lasso().coefficients(l)) {
            active |= bc[j] != 0;
          }
          if (!active) {
            assertEquals(0, r.coefficient(l, c, j), 0, "inactive feature " + j);
            continue;
          }
          double g = 0;
          for (int i = 0; i < n; i++) {
            g += x[i][j] * resid[i];
          }
          assertEquals(0, g, tolerance, "feature " + j + ", λ index " + l + ", class " + c);
        }
      }
    }
    assertTrue(refits > 5, "refits " + refits);
  }

  /**
   * A binomial problem one feature separates: the unpenalized refit on that feature has no
   * finite optimum. The relaxed fit must neither throw nor hand out NaN; it says so in its
   * warning (refit not certified, or not done and stood in for).
   */
  @Test
  void separableBinomial_refitIsFiniteAndWarned() {
    int n = 60;
    java.util.Random random = new java.util.Random(4);
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      x[i][0] = (y[i] == 1 ? 1 : -1) * (0.5 + random.nextDouble());
      x[i][1] = random.nextGaussian();
      x[i][2] = random.nextGaussian();
    }
    PathSettings s = PathSettings.lasso().withNumLambdas(20);
    PathSolution lasso = ElasticNetPath.fit(Family.BINOMIAL, x, y, s, List.of("a", "b", "c"),
        List.of());
    RelaxedFit fit = RelaxedFit.of(Family.BINOMIAL, x, y, s, lasso);
    for (int l = 0; l < fit.size(); l++) {
      assertTrue(Double.isFinite(fit.relaxed().intercept(l, 0)));
      for (double b : fit.relaxed().coefficients(l)[0]) {
        assertTrue(Double.isFinite(b), "λ index " + l);
      }
    }
    assertTrue(fit.warning().orElse("").contains("separate the classes"),
        fit.warning().orElse("no warning"));
  }

  @Test
  void blend_atOneIsTheLasso_atZeroTheRefit_andLinearBetween() {
    RelaxedFit fit = relax(Family.GAUSSIAN);
    assertSame(fit.lasso(), fit.blend(1));
    PathSolution zero = fit.blend(0);
    PathSolution quarter = fit.blend(0.25);
    int l = fit.size() / 2;
    assertArrayEquals(fit.relaxed().coefficients(l)[0], zero.coefficients(l)[0], 0);
    for (int j = 0; j < DATA.names().size(); j++) {
      double expected = 0.25 * fit.lasso().coefficient(l, 0, j)
          + 0.75 * fit.relaxed().coefficient(l, 0, j);
      assertEquals(expected, quarter.coefficient(l, 0, j), 1e-15);
    }
    // At λ_max nothing is active: every γ gives the intercept-only model.
    assertEquals(0, fit.lasso().degreesOfFreedom(0));
    assertFalse(fit.refitted()[0]);
    assertArrayEquals(fit.lasso().intercepts(0), zero.intercepts(0), 0);
  }

  @Test
  void gammaOutsideTheUnitInterval_isAnErrorNamingGamma() {
    RelaxedFit fit = relax(Family.GAUSSIAN);
    InputException e = assertThrows(InputException.class, () -> fit.blend(1.5));
    assertEquals("gamma must be in [0, 1] (1 the lasso, 0 the unpenalized refit), got 1.5",
        e.getMessage());
    assertThrows(InputException.class, () -> fit.blend(-0.1));
    assertThrows(InputException.class, () -> fit.blend(Double.NaN));
  }

  @Test
  void ridgePath_hasNoActiveSetToRelax() {
    PathSettings ridge = PathSettings.of(0).withNumLambdas(5);
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.yg(), ridge, DATA.names());
    InputException e = assertThrows(InputException.class,
        () -> RelaxedFit.of(Family.GAUSSIAN, DATA.x(), DATA.yg(), ridge, path));
    assertTrue(e.getMessage().startsWith("l1Ratio (α) is 0: a ridge path has no active set"),
        e.getMessage());
  }

  @Test
  void activeSetAboveNMinus3_isNotRefitted_andTheLastRefitStandsIn() {
    // 8 rows: active sets of more than 5 features are not refitted (glmnet's maxp = n − 3).
    int n = 8;
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = DATA.x()[i].clone();
      y[i] = DATA.yg()[i];
    }
    PathSettings s = PathSettings.lasso().withTolerance(1e-10);
    PathSolution lasso = ElasticNetPath.fit(x, y, s, DATA.names());
    RelaxedFit fit = RelaxedFit.of(Family.GAUSSIAN, x, y, s, lasso);
    int last = -1;
    boolean skipped = false;
    for (int l = 0; l < fit.size(); l++) {
      int df = lasso.degreesOfFreedom(l);
      assertEquals(df > 0 && df <= n - 3, fit.refitted()[l], "λ index " + l + ", df " + df);
      if (fit.refitted()[l]) {
        last = l;
      } else if (df > n - 3) {
        skipped = true;
        assertArrayEquals(fit.relaxed().coefficients(last)[0],
            fit.relaxed().coefficients(l)[0], 0);
      }
    }
    assertTrue(skipped, "the path reaches more than n − 3 active features");
    assertTrue(fit.warning().orElse("").contains("glmnet's maxp"), fit.warning().orElse(""));
  }
}
