package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Observation weights and offsets (glmnet's {@code weights} and {@code offset}) for every
 * family against glmnet 4.1-6 (ref/make_glm.R, thresh 1e-14): the same λ sequence (λ_max and
 * the early stop included) and coefficients within {@link #COEF_TOL} of the largest at each λ.
 * Integer weights are checked against duplicated rows, which needs no reference.
 */
class WeightsOffsetsGlmnetTest {
  static final double COEF_TOL = 1e-5;
  static final double FIT_TOL = 1e-12;
  static final PoissonGlmnetTest.Pois DATA = PoissonGlmnetTest.DATA;

  private static double[] column(String file, String name) {
    Table t = ProximalNewtonRefData.read(file);
    double[] out = new double[t.rows().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.rows()[i][t.column(name)];
    }
    return out;
  }

  private static void check(String reference, Family family, double[] y,
      Observations observations, PathSettings settings) {
    Table ref = ProximalNewtonRefData.read(reference);
    double[] lambdas = ProximalNewtonRefData.lambdas(ref);
    PathSolution own = ElasticNetPath.fit(family, DATA.x(), y, observations,
        settings.withTolerance(FIT_TOL), DATA.names(), List.of());
    assertEquals(lambdas[0], own.lambda(0), 1e-9 * lambdas[0], reference + ": λ_max");
    assertEquals(lambdas.length, own.size(), reference + ": glmnet's path length; "
        + own.end().message());
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], own.lambda(l), 1e-9 * lambdas[l], "λ index " + l);
    }
    double err = BinomialGlmnetTest.maxRelativeError(own, ref, 1);
    System.out.println(reference + ": max relative coefficient error " + err);
    assertTrue(err < COEF_TOL, reference + ": max relative error " + err);
    assertTrue(own.allConverged(), own.warning().orElse(""));
  }

  @Test
  void poisson_withWeights_matchesGlmnet() {
    check("pois-lasso-std-weights.csv", Family.POISSON, DATA.y(),
        Observations.ofWeights(DATA.w()), PathSettings.of(1));
  }

  @Test
  void poisson_withAnOffset_matchesGlmnet() {
    check("pois-enet05-raw-offset.csv", Family.POISSON, DATA.y(),
        Observations.ofOffsets(DATA.off()), PathSettings.of(0.5).withStandardize(false));
  }

  @Test
  void poisson_withWeightsAndAnOffset_matchesGlmnet() {
    check("pois-lasso-std-weights-offset.csv", Family.POISSON, DATA.y(),
        Observations.ofWeights(DATA.w()).withOffsets(DATA.off()), PathSettings.of(1));
  }

  @Test
  void gaussian_withWeightsAndAnOffset_matchesGlmnet() {
    check("gauss-lasso-std-weights-offset.csv", Family.GAUSSIAN, column("glm2.csv", "yg"),
        Observations.ofWeights(DATA.w()).withOffsets(DATA.off()), PathSettings.of(1));
  }

  @Test
  void binomial_withWeightsAndAnOffset_matchesGlmnet() {
    check("binom-lasso-raw-weights-offset.csv", Family.BINOMIAL, column("glm2.csv", "yb"),
        Observations.ofWeights(DATA.w()).withOffsets(DATA.off()),
        PathSettings.of(1).withStandardize(false));
  }

  /** Weights 1, 2, 3 (cycling) give the path of the data with each row repeated that often. */
  @Test
  void integerWeights_equalRepeatedRows_forEveryFamily() {
    ProximalNewtonRefData.Data multi = ProximalNewtonRefData.data("multi.csv");
    double[] gaussianY = column("glm2.csv", "yg");
    for (Family family : Family.values()) {
      double[][] x = family == Family.MULTINOMIAL ? multi.x() : DATA.x();
      double[] y = switch (family) {
        case GAUSSIAN -> gaussianY;
        case BINOMIAL -> column("glm2.csv", "yb");
        case MULTINOMIAL -> multi.y();
        case POISSON -> DATA.y();
      };
      List<String> names = family == Family.MULTINOMIAL ? multi.featureNames() : DATA.names();
      int n = x.length;
      double[] w = new double[n];
      int total = 0;
      for (int i = 0; i < n; i++) {
        w[i] = i % 3 + 1;
        total += (int) w[i];
      }
      double[][] xr = new double[total][];
      double[] yr = new double[total];
      for (int i = 0, t = 0; i < n; i++) {
        for (int c = 0; c < w[i]; c++, t++) {
          xr[t] = x[i];
          yr[t] = y[i];
        }
      }
      PathSettings settings = PathSettings.of(0.7).withTolerance(1e-12).withNumLambdas(20);
      PathSolution weighted = ElasticNetPath.fit(family, x, y, Observations.ofWeights(w),
          settings, names, List.of());
      PathSolution repeated = ElasticNetPath.fit(family, xr, yr, settings, names, List.of());
      assertEquals(repeated.size(), weighted.size(), family + ": path length");
      for (int l = 0; l < weighted.size(); l++) {
        assertEquals(repeated.lambda(l), weighted.lambda(l), 1e-10 * weighted.lambda(0),
            family + " λ index " + l);
        for (int k = 0; k < weighted.intercepts(l).length; k++) {
          assertEquals(repeated.intercept(l, k), weighted.intercept(l, k), 1e-7,
              family + " λ index " + l);
          for (int j = 0; j < names.size(); j++) {
            assertEquals(repeated.coefficient(l, k, j), weighted.coefficient(l, k, j),
                1e-7, family + " λ index " + l + ", feature " + (j + 1));
          }
        }
        assertEquals(repeated.devianceRatio(l), weighted.devianceRatio(l), 1e-9);
      }
    }
  }

  @Test
  void allEqualWeights_areNoWeights() {
    double[] w = new double[DATA.y().length];
    java.util.Arrays.fill(w, 2.5);
    PathSolution weighted = ElasticNetPath.fit(Family.POISSON, DATA.x(), DATA.y(),
        Observations.ofWeights(w), PathSettings.lasso(), DATA.names(), List.of());
    PathSolution plain = ElasticNetPath.fit(Family.POISSON, DATA.x(), DATA.y(),
        PathSettings.lasso(), DATA.names(), List.of());
    assertEquals(plain.size(), weighted.size());
    for (int l = 0; l < plain.size(); l++) {
      assertEquals(plain.lambda(l), weighted.lambda(l), 0);
      assertEquals(plain.coefficient(l, 0, 2), weighted.coefficient(l, 0, 2), 0);
    }
  }

  /**
   * Which input was wrong is also a typed part of the exception (InputException.setting), so a
   * caller naming it otherwise (the CLI's --weights and --offset) does not depend on the
   * message's wording.
   */
  /**
   * One row of positive weight with an intercept: the intercept fits it exactly. The gaussian
   * path said "the target is constant (-1.73…): nothing to fit", which the CLI showed as a fact
   * about the --target column, though the target varies in the file; the weights are named first
   * (redteam42's w1.csv).
   */
  @Test
  void oneRowOfPositiveWeight_withAnIntercept_isRefusedAsTheWeightsFact() {
    int n = DATA.y().length;
    double[] one = new double[n];
    one[5] = 1;
    String message = "weights: only row 6 has a weight above 0: the intercept fits that row"
        + " exactly, which leaves nothing to fit; give at least two rows a weight above 0";
    for (Family family : List.of(Family.GAUSSIAN, Family.BINOMIAL)) {
      double[] y = family == Family.GAUSSIAN ? DATA.y() : column("glm2.csv", "yb");
      InputException e = assertThrows(InputException.class, () -> ElasticNetPath.fit(family,
          DATA.x(), y, Observations.ofWeights(one), PathSettings.lasso(), DATA.names(),
          List.of()));
      assertEquals(message, e.getMessage(), family.toString());
      assertEquals(java.util.Optional.of("weights"), e.setting());
    }
    InputException e = assertThrows(InputException.class, () -> ElasticNetPath.fit(
        Family.GAUSSIAN, DATA.x(), DATA.y(), new int[] {0, 5, 7}, Observations.ofWeights(one),
        PathSettings.lasso(), DATA.names(), List.of()));
    assertEquals("weights: only row 6 of the 3 rows fitted has a weight above 0: the intercept"
        + " fits that row exactly, which leaves nothing to fit; give at least two rows a weight"
        + " above 0", e.getMessage());
  }

  @Test
  void badWeightsAndOffsets_areNamed_andCarryTheSettingTyped() {
    int n = DATA.y().length;
    double[] negative = new double[n];
    java.util.Arrays.fill(negative, 1);
    negative[4] = -1;
    InputException e = assertThrows(InputException.class, () -> ElasticNetPath.fit(
        Family.POISSON, DATA.x(), DATA.y(), Observations.ofWeights(negative),
        PathSettings.lasso(), DATA.names(), List.of()));
    assertEquals("weights: row 5: weight -1.0; weights must be finite and ≥ 0",
        e.getMessage());
    assertEquals(java.util.Optional.of("weights"), e.setting());
    assertEquals(": row 5: weight -1.0; weights must be finite and ≥ 0", e.afterSetting());
    e = assertThrows(InputException.class, () -> ElasticNetPath.fit(Family.GAUSSIAN,
        DATA.x(), DATA.y(), Observations.ofWeights(new double[n]), PathSettings.lasso(),
        DATA.names(), List.of()));
    assertEquals("weights: every weight is 0; nothing to fit", e.getMessage());
    double[] offsets = new double[n];
    offsets[9] = Double.NaN;
    e = assertThrows(InputException.class, () -> ElasticNetPath.fit(Family.BINOMIAL,
        DATA.x(), column("glm2.csv", "yb"), Observations.ofOffsets(offsets),
        PathSettings.lasso(), DATA.names(), List.of()));
    assertEquals("offsets: row 10 has offset NaN; offsets must be finite", e.getMessage());
    assertEquals(java.util.Optional.of("offsets"), e.setting());
    e = assertThrows(InputException.class, () -> ElasticNetPath.fit(Family.POISSON, DATA.x(),
        DATA.y(), Observations.ofWeights(1, 2), PathSettings.lasso(), DATA.names(), List.of()));
    assertEquals("weights: 2 values for " + n + " rows", e.getMessage());
    e = assertThrows(InputException.class, () -> ElasticNetPath.fit(Family.MULTINOMIAL,
        DATA.x(), column("glm2.csv", "yb"), Observations.ofOffsets(new double[n]),
        PathSettings.lasso(), DATA.names(), List.of()));
    assertTrue(e.getMessage().startsWith("offsets: the multinomial family takes no offset"));
    assertEquals(java.util.Optional.of("offsets"), e.setting());
    assertEquals(": the multinomial family takes no offset (it would need one per class); fit"
        + " without offsets", e.afterSetting());
  }
}
