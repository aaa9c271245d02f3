package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.RidgeSvdPath;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Ridge evidence against scikit-learn 1.2.1's BayesianRidge on real data, against the Gaussian
 * density it is the closed form of, and against MacKay's fixed point and the project's ridge.
 */
class RidgeEvidenceTest {
  private static final EvidenceData.Table DIABETES = EvidenceData.table("diabetes.csv");
  private static final EvidenceData.Table LINNERUD = EvidenceData.table("linnerud.csv");
  private static final JsonNode REFERENCES = EvidenceData.json("bayesian-ridge.json");

  /** A reference case's (x, y): diabetes (all rows or the first 8), or a linnerud target. */
  private record Problem(double[][] x, double[] y) {}

  private static Problem problem(JsonNode c) {
    String name = c.get("name").asText();
    if (name.startsWith("diabetes")) {
      int rows = c.get("rows").asText().equals("all") ? DIABETES.rows().length : 8;
      double[][] x = Arrays.copyOf(DIABETES.columns(0, 10), rows);
      double[] y = Arrays.copyOf(DIABETES.column(10), rows);
      return new Problem(x, y);
    }
    String target = name.split(" ")[1];
    int column = LINNERUD.header().indexOf(target);
    return new Problem(LINNERUD.columns(0, 3), LINNERUD.column(column));
  }

  private static RidgeEvidence.Hyperprior hyperprior(JsonNode c) {
    return new RidgeEvidence.Hyperprior(c.get("alpha_1").asDouble(), c.get("alpha_2").asDouble(),
        c.get("lambda_1").asDouble(), c.get("lambda_2").asDouble());
  }

  @Test
  void maximum_equalsBayesianRidge_onDiabetesAndLinnerud() {
    assertEquals(10, REFERENCES.get("cases").size());
    for (JsonNode c : REFERENCES.get("cases")) {
      String name = c.get("name").asText();
      Problem problem = problem(c);
      assertEquals(c.get("n").asInt(), problem.y().length, name);
      Optional<RidgeEvidence.Fit> maximum =
          RidgeEvidence.of(problem.x(), problem.y(), RidgeEvidence.Intercept.CENTERED,
              hyperprior(c)).maximum();
      if (c.get("lambda").isNull()) {
        assertTrue(maximum.isEmpty(), name + ": sklearn diverges to lambda_ = ∞, we found "
            + maximum);
        continue;
      }
      RidgeEvidence.Fit fit = maximum.orElseThrow(() -> new AssertionError(name));
      // The issue asks for 1e-6 in λ; both sides converge to the last bits, so hold 1e-10.
      assertRelative(c.get("lambda").asDouble(), fit.lambda(), 1e-10, name + " λ");
      assertRelative(c.get("alpha_").asDouble(), fit.noisePrecision(), 1e-10, name + " alpha_");
      assertRelative(c.get("lambda_").asDouble(), fit.weightPrecision(), 1e-10,
          name + " lambda_");
      assertRelative(c.get("gamma").asDouble(), fit.effectiveParameters(), 1e-10, name + " γ");
      assertRelative(c.get("score").asDouble(), fit.logEvidence(), 1e-12, name + " score");
      double[] coef = EvidenceData.doubles(c.get("coef_"));
      double scale = Arrays.stream(coef).map(Math::abs).max().orElseThrow();
      assertArrayEquals(coef, fit.coefficients(), 1e-10 * scale, name + " coef_");
      double intercept = c.get("intercept_").asDouble();
      assertEquals(intercept, fit.intercept(), 1e-10 * (Math.abs(intercept) + scale),
          name + " intercept_");
    }
  }

  @Test
  void curve_equalsScikitLearnsLogMarginalLikelihood_withTheNoisePrecisionProfiled() {
    for (JsonNode c : REFERENCES.get("cases")) {
      Problem problem = problem(c);
      double[] lambdas = EvidenceData.doubles(c.get("grid_lambda"));
      double[] expected = EvidenceData.doubles(c.get("grid_score"));
      EvidenceCurve curve =
          RidgeEvidence.of(problem.x(), problem.y(), RidgeEvidence.Intercept.CENTERED,
              hyperprior(c)).curve(lambdas);
      for (int l = 0; l < lambdas.length; l++) {
        assertRelative(expected[l], curve.logEvidence()[l], 1e-9,
            c.get("name").asText() + " at λ = " + lambdas[l]);
      }
      // The grid is centred on sklearn's maximum when it has one.
      assertEquals(!c.get("lambda").isNull(), curve.hasInteriorMaximum(), c.get("name").asText());
    }
  }

  @Test
  void logEvidence_isTheGaussianDensityOfTheCenteredTargets_atItsBestNoisePrecision() {
    // y_c ~ N(0, β⁻¹I + a⁻¹X_cX_cᵀ) is the marginal of y_c = X_c w + ε: no SVD, no profile.
    int n = 30;
    double[][] x = Arrays.copyOf(DIABETES.columns(0, 10), n);
    double[] y = Arrays.copyOf(DIABETES.column(10), n);
    double yMean = Arrays.stream(y).average().orElseThrow();
    double[] yc = Arrays.stream(y).map(v -> v - yMean).toArray();
    RidgeEvidence evidence = RidgeEvidence.of(x, y);
    assertEquals(RidgeEvidence.Intercept.CENTERED, evidence.intercept());
    for (double lambda : new double[] {1e-3, 0.1, 3.0, 100.0}) {
      RidgeEvidence.Fit fit = evidence.atLambda(lambda);
      assertEquals(lambda * n * fit.noisePrecision(), fit.weightPrecision(),
          1e-12 * fit.weightPrecision());
      double direct = new Marginal(x, fit.weightPrecision(), fit.noisePrecision()).logDensity(yc);
      assertRelative(direct, fit.logEvidence(), 1e-10, "λ = " + lambda);
      assertEquals(fit.logEvidence(), evidence.logEvidence(lambda), 0.0);
      // β̂ is the best noise precision for this λ (a/β held at nλ).
      for (double factor : new double[] {0.98, 1.02}) {
        double beta = fit.noisePrecision() * factor;
        assertTrue(new Marginal(x, n * lambda * beta, beta).logDensity(yc) < direct,
            "β̂ is not the maximum at λ = " + lambda);
      }
    }
  }

  @Test
  void integratedIntercept_isTheDensityIntegratedOverAFlatIntercept() {
    // ∫ N(y − a₀1; 0, β⁻¹I + a⁻¹X_cX_cᵀ) da₀ by the trapezoid rule over ±12 standard deviations.
    int n = 30;
    double[][] x = Arrays.copyOfRange(DIABETES.columns(0, 10), 100, 100 + n);
    double[] y = Arrays.copyOfRange(DIABETES.column(10), 100, 100 + n);
    double yMean = Arrays.stream(y).average().orElseThrow();
    RidgeEvidence evidence = RidgeEvidence.of(x, y, RidgeEvidence.Intercept.INTEGRATED,
        RidgeEvidence.Hyperprior.none());
    RidgeEvidence centered = RidgeEvidence.of(x, y);
    for (double lambda : new double[] {0.01, 1.0, 30.0}) {
      RidgeEvidence.Fit fit = evidence.atLambda(lambda);
      Marginal marginal = new Marginal(x, fit.weightPrecision(), fit.noisePrecision());
      double sd = 1 / Math.sqrt(marginal.onesPrecision());
      int points = 4001;
      double h = 24 * sd / (points - 1);
      double[] logValues = new double[points];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < points; k++) {
        double a0 = yMean - 12 * sd + k * h;
        logValues[k] = marginal.logDensity(Arrays.stream(y).map(v -> v - a0).toArray());
        max = Math.max(max, logValues[k]);
      }
      double sum = 0;
      for (int k = 0; k < points; k++) {
        sum += (k == 0 || k == points - 1 ? 0.5 : 1.0) * Math.exp(logValues[k] - max);
      }
      double integral = max + Math.log(sum * h);
      assertRelative(integral, fit.logEvidence(), 1e-10, "λ = " + lambda);
      // Same weights, β̂ = (n − 1)/E instead of n/E.
      RidgeEvidence.Fit plugIn = centered.atLambda(lambda);
      assertArrayEquals(plugIn.coefficients(), fit.coefficients(), 1e-12);
      assertEquals((n - 1.0) / n, fit.noisePrecision() / plugIn.noisePrecision(), 1e-12);
    }
    // MacKay's fixed point with n − 1 observations at the maximum.
    RidgeEvidence.Fit best = evidence.maximum().orElseThrow();
    RidgeSvdPath ridge = RidgeSvdPath.fit(x, y, new double[] {best.lambda()});
    double rss = n * ridge.trainingMse()[0];
    assertRelative((n - 1 - best.effectiveParameters()) / rss, best.noisePrecision(), 1e-9,
        "β = (n − 1 − γ)/rss");
  }

  @Test
  void maximum_isMacKaysFixedPoint_andItsWeightsAreTheProjectsRidgeAtLambda() {
    double[][] x = DIABETES.columns(0, 10);
    double[] y = DIABETES.column(10);
    int n = y.length;
    RidgeEvidence.Fit fit = RidgeEvidence.of(x, y).maximum().orElseThrow();
    RidgeSvdPath ridge = RidgeSvdPath.fit(x, y, new double[] {fit.lambda()});
    assertArrayEquals(ridge.coefficients()[0], fit.coefficients(), 1e-9);
    assertEquals(ridge.intercepts()[0], fit.intercept(), 1e-9);
    assertEquals(ridge.degreesOfFreedom()[0], fit.effectiveParameters(), 1e-9);
    double w2 = Arrays.stream(fit.coefficients()).map(v -> v * v).sum();
    double rss = n * ridge.trainingMse()[0];
    // γ = a‖w‖², β = (n − γ)/‖y − a₀ − Xw‖²
    assertRelative(fit.effectiveParameters(), fit.weightPrecision() * w2, 1e-9, "a = γ/‖w‖²");
    assertRelative((n - fit.effectiveParameters()) / rss, fit.noisePrecision(), 1e-9,
        "β = (n − γ)/rss");
    EvidenceCurve around = RidgeEvidence.of(x, y).curve(
        new double[] {fit.lambda() * 0.999, fit.lambda(), fit.lambda() * 1.001});
    assertEquals(1, around.bestIndex());
  }

  @Test
  void fewerRowsThanFeatures_centeredGrowsLikeHalfLogOneOverLambda_integratedLevelsOff() {
    // n = 8 ≤ p = 10: y_c is fitted exactly as λ → 0. With the plug-in intercept the evidence
    // then grows like −½ log λ (the direction of 1 has zero residual at any noise level);
    // integrating the intercept out removes that, and the limit is finite.
    double[][] x = Arrays.copyOf(DIABETES.columns(0, 10), 8);
    double[] y = Arrays.copyOf(DIABETES.column(10), 8);
    RidgeEvidence centered = RidgeEvidence.of(x, y);
    RidgeEvidence integrated = RidgeEvidence.of(x, y, RidgeEvidence.Intercept.INTEGRATED,
        RidgeEvidence.Hyperprior.none());
    assertEquals(0.5 * Math.log(1e4),
        centered.logEvidence(1e-14) - centered.logEvidence(1e-10), 1e-3);
    assertEquals(0.0, integrated.logEvidence(1e-14) - integrated.logEvidence(1e-10), 1e-3);
    // The interior maximum is the same kind of point for both: a zero of the slope.
    double lambda = centered.maximum().orElseThrow().lambda();
    EvidenceCurve around =
        centered.curve(new double[] {lambda * 0.99, lambda, lambda * 1.01});
    assertEquals(1, around.bestIndex());
    assertTrue(integrated.maximum().isPresent());
  }

  @Test
  void maximum_whenNoFeatureVaries_isEmpty() {
    double[][] x = {{1, 2}, {1, 2}, {1, 2}, {1, 2}};
    double[] y = {1, 3, 2, 5};
    assertTrue(RidgeEvidence.of(x, y).maximum().isEmpty());
  }

  @Test
  void badInput_namesRowColumnOrSetting() {
    double[][] x = {{1, 2}, {3, Double.NaN}, {0, 1}};
    InputException e = assertThrows(InputException.class,
        () -> RidgeEvidence.of(x, new double[] {1, 2, 3}));
    assertTrue(e.getMessage().startsWith("row 2, column 2:"), e.getMessage());
    double[][] good = {{1, 2}, {3, 4}, {0, 1}};
    assertThrows(InputException.class, () -> RidgeEvidence.of(good, new double[] {1, 2}));
    e = assertThrows(InputException.class,
        () -> RidgeEvidence.of(good, new double[] {1, 2, Double.POSITIVE_INFINITY}));
    assertTrue(e.getMessage().startsWith("row 3: target"), e.getMessage());
    e = assertThrows(InputException.class,
        () -> RidgeEvidence.of(good, new double[] {2, 2, 2}));
    assertTrue(e.getMessage().contains("one value in all 3 rows"), e.getMessage());
    RidgeEvidence evidence = RidgeEvidence.of(good, new double[] {1, 2, 4});
    e = assertThrows(InputException.class, () -> evidence.curve(new double[] {1, 0.0}));
    assertTrue(e.getMessage().startsWith("λ 2 is 0.0"), e.getMessage());
    e = assertThrows(InputException.class, () -> evidence.curve(new double[] {1, 2, 1.5}));
    assertTrue(e.getMessage().startsWith("λ 3 of 3"), e.getMessage());
    e = assertThrows(InputException.class,
        () -> new RidgeEvidence.Hyperprior(1e-6, -1, 0, 0));
    assertTrue(e.getMessage().contains("alpha_2"), e.getMessage());
  }

  @Test
  void evidenceCurve_bestIndexAndInteriorMaximum() {
    EvidenceCurve curve = new EvidenceCurve(new double[] {10, 1, 0.1, 0.01},
        new double[] {-5, -2, -3, Double.NEGATIVE_INFINITY});
    assertEquals(1, curve.bestIndex());
    assertEquals(1.0, curve.bestLambda());
    assertTrue(curve.hasInteriorMaximum());
    EvidenceCurve edge = new EvidenceCurve(new double[] {0.1, 1}, new double[] {-1, -2});
    assertFalse(edge.hasInteriorMaximum());
    assertThrows(InputException.class,
        () -> new EvidenceCurve(new double[] {1, 2}, new double[] {0, Double.NaN}));
  }

  /** N(0, β⁻¹I + a⁻¹X_cX_cᵀ) through a Cholesky factorization of the n×n covariance. */
  private static final class Marginal {
    private final double[][] factor;
    private final double logDet;

    Marginal(double[][] x, double a, double beta) {
      int n = x.length;
      int p = x[0].length;
      double[] mean = new double[p];
      for (double[] row : x) {
        for (int j = 0; j < p; j++) {
          mean[j] += row[j] / n;
        }
      }
      double[][] c = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
          double s = 0;
          for (int j = 0; j < p; j++) {
            s += (x[i][j] - mean[j]) * (x[k][j] - mean[j]);
          }
          c[i][k] = s / a + (i == k ? 1 / beta : 0);
        }
      }
      double sum = 0; // c = L Lᵀ in place (lower triangle)
      for (int j = 0; j < n; j++) {
        double d = c[j][j];
        for (int k = 0; k < j; k++) {
          d -= c[j][k] * c[j][k];
        }
        c[j][j] = Math.sqrt(d);
        sum += 2 * Math.log(c[j][j]);
        for (int i = j + 1; i < n; i++) {
          double s = c[i][j];
          for (int k = 0; k < j; k++) {
            s -= c[i][k] * c[j][k];
          }
          c[i][j] = s / c[j][j];
        }
      }
      factor = c;
      logDet = sum;
    }

    /** vᵀC⁻¹v = ‖L⁻¹v‖². */
    double quadratic(double[] v) {
      int n = v.length;
      double[] z = new double[n];
      double q = 0;
      for (int i = 0; i < n; i++) {
        double s = v[i];
        for (int k = 0; k < i; k++) {
          s -= factor[i][k] * z[k];
        }
        z[i] = s / factor[i][i];
        q += z[i] * z[i];
      }
      return q;
    }

    double logDensity(double[] v) {
      return -0.5 * quadratic(v) - 0.5 * logDet - 0.5 * v.length * Math.log(2 * Math.PI);
    }

    /** 1ᵀC⁻¹1, the precision of a₀ in N(y − a₀1; 0, C). */
    double onesPrecision() {
      double[] ones = new double[factor.length];
      Arrays.fill(ones, 1.0);
      return quadratic(ones);
    }
  }

  static void assertRelative(double expected, double actual, double tolerance, String what) {
    double error = Math.abs(actual - expected) / Math.abs(expected);
    assertTrue(error <= tolerance, what + ": expected " + expected + ", got " + actual
        + " (relative error " + error + " > " + tolerance + ")");
  }
}
