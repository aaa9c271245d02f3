package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Poisson path against glmnet 4.1-6 (src/test/resources/ref/make_glm.R: n = 400, p = 8,
 * unequal scales, thresh 1e-14, each reference λ certified by its KKT conditions to ~1e-6 of
 * λ): the same λ_max and default sequence, the same coefficients to {@link #COEF_TOL} of the
 * largest coefficient at each λ, and the KKT conditions checked from scratch.
 */
class PoissonGlmnetTest {
  static final double COEF_TOL = 1e-5;
  static final double FIT_TOL = 1e-12;

  /** pois.csv: x1..x8, y (counts), w (observation weights), off (offset). */
  record Pois(double[][] x, double[] y, double[] w, double[] off, List<String> names) {}

  static final Pois DATA = load();

  static Pois load() {
    Table t = ProximalNewtonRefData.read("pois.csv");
    int n = t.rows().length;
    List<String> names = new ArrayList<>();
    for (String h : t.header()) {
      if (h.startsWith("x")) {
        names.add(h);
      }
    }
    int p = names.size();
    double[][] x = new double[n][p];
    double[] y = new double[n];
    double[] w = new double[n];
    double[] off = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = t.rows()[i][t.column(names.get(j))];
      }
      y[i] = t.rows()[i][t.column("y")];
      w[i] = t.rows()[i][t.column("w")];
      off[i] = t.rows()[i][t.column("off")];
    }
    return new Pois(x, y, w, off, names);
  }

  private static PathSolution fit(PathSettings settings) {
    return ElasticNetPath.fit(Family.POISSON, DATA.x(), DATA.y(), settings, DATA.names(),
        List.of());
  }

  /**
   * The largest KKT violation over the path, relative to λ, computed here from the original
   * data: with μ = exp(a₀ + x·b), g = (1/n)xᵀ(y − μ)/sⱼ on the penalized scale b̃ⱼ = sⱼbⱼ.
   */
  static double kkt(PathSolution path, boolean standardize) {
    double[][] x = DATA.x();
    int n = x.length;
    int p = x[0].length;
    double[] s = new double[p];
    for (int j = 0; j < p; j++) {
      double m = 0;
      for (double[] row : x) {
        m += row[j] / n;
      }
      double ss = 0;
      for (double[] row : x) {
        ss += (row[j] - m) * (row[j] - m) / n;
      }
      s[j] = standardize ? Math.sqrt(ss) : 1;
    }
    double alpha = path.l1Ratio();
    double worst = 0;
    for (int l = 0; l < path.size(); l++) {
      double lambda = path.lambda(l);
      double[] mu = path.means(x, l);
      double[] g = new double[p];
      double g0 = 0;
      for (int i = 0; i < n; i++) {
        double r = (DATA.y()[i] - mu[i]) / n;
        g0 += r;
        for (int j = 0; j < p; j++) {
          g[j] += x[i][j] * r;
        }
      }
      worst = Math.max(worst, Math.abs(g0) / lambda);
      for (int j = 0; j < p; j++) {
        double gt = g[j] / s[j];
        double bt = path.coefficient(l, 0, j) * s[j];
        double v = bt != 0
            ? Math.abs(gt - lambda * (1 - alpha) * bt - lambda * alpha * Math.signum(bt))
            : Math.max(0, Math.abs(gt) - lambda * alpha);
        worst = Math.max(worst, v / lambda);
      }
    }
    return worst;
  }

  private static void check(String reference, PathSettings settings, boolean standardize) {
    Table ref = ProximalNewtonRefData.read(reference);
    double[] lambdas = ProximalNewtonRefData.lambdas(ref);
    PathSolution given = fit(settings.withLambdas(lambdas));
    assertEquals(lambdas.length, given.size());
    double err = BinomialGlmnetTest.maxRelativeError(given, ref, 1);
    System.out.println(reference + ", glmnet λ: max relative coefficient error " + err);
    assertTrue(err < COEF_TOL, reference + ": max relative error " + err);
    assertTrue(given.allConverged(), given.warning().orElse(""));
    double violation = kkt(given, standardize);
    assertTrue(violation < 1e-8, reference + ": KKT violation / λ " + violation);

    // The default sequence: glmnet's λ_max, its geometric steps and its early stop.
    PathSolution own = fit(settings);
    assertEquals(lambdas[0], own.lambda(0), 1e-10 * lambdas[0], "λ_max");
    assertEquals(lambdas.length, own.size(), "glmnet stops its default path after "
        + lambdas.length + " λ: " + own.end().message());
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], own.lambda(l), 1e-10 * lambdas[l], "λ index " + l);
    }
    double ownErr = BinomialGlmnetTest.maxRelativeError(own, ref, 1);
    assertTrue(ownErr < COEF_TOL, reference + ", own λ: max relative error " + ownErr);
  }

  @Test
  void lassoRaw_matchesGlmnet() {
    check("pois-lasso-raw.csv", PathSettings.of(1).withStandardize(false)
        .withTolerance(FIT_TOL), false);
  }

  @Test
  void elasticNetStandardized_matchesGlmnet() {
    check("pois-enet05-std.csv", PathSettings.of(0.5).withTolerance(FIT_TOL), true);
  }

  @Test
  void deviance_isPoissonDeviance_andTheRatioIsAgainstTheInterceptOnlyFit() {
    PathSolution path = fit(PathSettings.of(1).withNumLambdas(10));
    double[] y = DATA.y();
    int n = y.length;
    double mean = 0;
    for (double v : y) {
      mean += v / n;
    }
    double dev0 = 0;
    for (double v : y) {
      dev0 += 2 * ((v > 0 ? v * Math.log(v / mean) : 0) - (v - mean)) / n;
    }
    assertEquals(dev0, path.nullDeviance(), 1e-12 * dev0);
    int last = path.size() - 1;
    double dev = path.meanDeviance(DATA.x(), y, last);
    assertEquals(1 - dev / dev0, path.devianceRatio(last), 1e-9);
    // At λ_max only the intercept: log of the mean count.
    assertEquals(Math.log(mean), path.intercept(0, 0), 1e-12);
  }

  @Test
  void coldStartFarBelowLambdaMax_convergesToTheWarmPath() {
    Table ref = ProximalNewtonRefData.read("pois-lasso-raw.csv");
    double[] lambdas = ProximalNewtonRefData.lambdas(ref);
    int last = lambdas.length - 1;
    PathSolution cold = fit(PathSettings.of(1).withStandardize(false).withTolerance(FIT_TOL)
        .withLambdas(lambdas[last]));
    assertTrue(cold.allConverged(), cold.warning().orElse(""));
    for (int j = 0; j < DATA.names().size(); j++) {
      assertEquals(ProximalNewtonRefData.coef(ref, last, j, 0, 1),
          cold.coefficient(0, 0, j), 1e-5);
    }
  }

  @Test
  void badCounts_areClearErrors() {
    double[] y = DATA.y().clone();
    y[6] = -1;
    InputException e = assertThrows(InputException.class, () -> ElasticNetPath.fit(
        Family.POISSON, DATA.x(), y, PathSettings.lasso(), DATA.names(), List.of()));
    assertEquals("input row 7: count -1.0 is not a finite number ≥ 0 (the poisson family models"
        + " counts)", e.getMessage());
    assertTrue(((dev.tikhonov.data.RowException) e).inTarget(), "the count is the target");
    double[] zeros = new double[y.length];
    e = assertThrows(InputException.class, () -> ElasticNetPath.fit(Family.POISSON, DATA.x(),
        zeros, PathSettings.lasso(), DATA.names(), List.of()));
    assertTrue(e.getMessage().startsWith("every count is 0"), e.getMessage());
    // a target of one value, as a constant gaussian one: a caller that read it names the file
    assertTrue(e instanceof dev.tikhonov.data.ConstantTargetException, e.getClass().getName());
  }
}
