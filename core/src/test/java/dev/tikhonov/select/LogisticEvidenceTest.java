package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The logistic Laplace evidence against the marginal likelihood integrated on a grid, and its
 * MAP against the optimality conditions, on real data (breast cancer, wine).
 */
class LogisticEvidenceTest {
  private static final EvidenceData.Table CANCER = EvidenceData.table("breast-cancer.csv");
  private static final EvidenceData.Table WINE = EvidenceData.table("wine.csv");

  /** Standardized breast-cancer columns by name, all 569 rows or every 8th (71 rows). */
  private static double[][] cancerColumns(List<String> names, int every) {
    double[][] all = CANCER.standardizedFeatures();
    int n = (all.length + every - 1) / every;
    double[][] x = new double[n][names.size()];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < names.size(); j++) {
        x[i][j] = all[i * every][CANCER.header().indexOf(names.get(j))];
      }
    }
    return x;
  }

  private static int[] cancerLabels(int every) {
    int[] all = CANCER.labels();
    return java.util.stream.IntStream.range(0, (all.length + every - 1) / every)
        .map(i -> all[i * every]).toArray();
  }

  @Test
  void laplace_isCloseToTheIntegratedEvidence_oneWeight() {
    // One real feature (mean texture, standardized) and the bias: the exact evidence is a 2-D
    // integral, done on an 81×81 grid over ±9 posterior standard deviations (the integrand is
    // smooth and e^−40 at the edges, so the trapezoid rule is exact to ~1e-10 here).
    double[][] x = cancerColumns(List.of("mean_texture"), 1);
    int[] y = cancerLabels(1);
    LogisticEvidence evidence = LogisticEvidence.of(x, y, 2, Logits.BASELINE);
    double worst = 0;
    for (double lambda : new double[] {1e-4, 1e-3, 1.7e-3, 1e-2, 0.1}) {
      LogisticEvidence.Fit fit = evidence.fit(lambda);
      double exact = integratedEvidence(x, y, lambda, fit, 81);
      worst = Math.max(worst, Math.abs(fit.logEvidence() - exact));
    }
    // Laplace is exact for a Gaussian posterior; its error is O(1/n) (the skewness of the
    // logistic likelihood), ≈ 0.003 nats at n = 569 (numpy gives 0.0026 at the maximum).
    assertTrue(worst < 0.01, "Laplace vs integral: " + worst + " nats");
    assertTrue(worst > 1e-4, "Laplace is not exact for a logistic likelihood: " + worst);

    // The maximizing λ: golden-section search on the integrated evidence vs maximize().
    double[] grid = logGrid(1e-5, 10, 13);
    LogisticEvidence.Fit best = evidence.maximize(grid).orElseThrow();
    double lo = Math.log(best.lambda() / 3);
    double hi = Math.log(best.lambda() * 3);
    double exactBest = goldenSection(lo, hi, t -> {
      double lambda = Math.exp(t);
      return integratedEvidence(x, y, lambda, evidence.fit(lambda), 41);
    });
    assertEquals(1.0, best.lambda() / exactBest, 2e-3,
        "λ of the Laplace maximum " + best.lambda() + " vs the integral's " + exactBest);
  }

  @Test
  void laplace_isCloseToTheIntegratedEvidence_twoWeights_andTheErrorShrinksWithN() {
    List<String> names = List.of("mean_texture", "mean_smoothness");
    double[] errors = new double[2];
    int[] every = {1, 8};
    for (int s = 0; s < 2; s++) {
      double[][] x = cancerColumns(names, every[s]);
      int[] y = cancerLabels(every[s]);
      LogisticEvidence evidence = LogisticEvidence.of(x, y, 2, Logits.BASELINE);
      LogisticEvidence.Fit best = evidence.maximize(logGrid(1e-5, 10, 13)).orElseThrow();
      LogisticEvidence.Fit fit = evidence.fit(best.lambda());
      errors[s] = Math.abs(fit.logEvidence() - integratedEvidence(x, y, best.lambda(), fit, 41));
    }
    // numpy: 0.0063 nats at n = 569, 0.045 at n = 71.
    assertTrue(errors[0] < 0.02, "n = 569: " + errors[0]);
    assertTrue(errors[1] > 3 * errors[0],
        "O(1/n): n = 71 gives " + errors[1] + ", n = 569 gives " + errors[0]);
  }

  @Test
  void softmaxWithTwoClassesAtLambda_isBaselineAtHalfLambda() {
    // Two logits with weights w₀, w₁ ~ N(0, 1/(nλ)) see only w₁ − w₀ ~ N(0, 2/(nλ)): the same
    // evidence as one logit with precision nλ/2, exactly, and Laplace keeps that (it is
    // invariant under linear reparametrization).
    double[][] x = CANCER.standardizedFeatures();
    int[] y = CANCER.labels();
    LogisticEvidence softmax = LogisticEvidence.of(x, y, 2, Logits.SOFTMAX);
    LogisticEvidence baseline = LogisticEvidence.of(x, y, 2, Logits.BASELINE);
    for (double lambda : new double[] {1e-3, 0.05}) {
      LogisticEvidence.Fit a = softmax.fit(lambda);
      LogisticEvidence.Fit b = baseline.fit(lambda / 2);
      assertEquals(b.logEvidence(), a.logEvidence(), 1e-8 * Math.abs(b.logEvidence()));
      assertEquals(b.evidence().logLikelihood(), a.evidence().logLikelihood(), 1e-8);
      double[][] wa = a.coefficients();
      double[][] wb = b.coefficients();
      for (int j = 0; j < x[0].length; j++) {
        assertEquals(wb[1][j], wa[1][j] - wa[0][j], 1e-7);
        assertEquals(0.0, wa[1][j] + wa[0][j], 1e-7, "the prior centres each pair");
      }
      assertEquals(b.intercepts()[1], a.intercepts()[1] - a.intercepts()[0], 1e-7);
      assertEquals(0.0, a.intercepts()[0] + a.intercepts()[1], 1e-12);
      assertEquals(a.evidence().parameters(), b.evidence().parameters() + x[0].length);
    }
  }

  @Test
  void map_satisfiesTheOptimalityConditions_onWine() {
    double[][] x = WINE.standardizedFeatures();
    int[] y = WINE.labels();
    int n = x.length;
    int p = x[0].length;
    for (Logits logits : Logits.values()) {
      LogisticEvidence evidence = LogisticEvidence.of(x, y, 3, logits);
      for (double lambda : new double[] {1e-4, 0.01, 1.0}) {
        LogisticEvidence.Fit fit = evidence.fit(lambda);
        double[][] w = fit.coefficients();
        double[] b = fit.intercepts();
        // (1/n) Σᵢ (pᵢₖ − yᵢₖ) xᵢ + λwₖ = 0 for every class with weights; Σᵢ (pᵢₖ − yᵢₖ) = 0.
        double[][] gradW = new double[3][p];
        double[] gradB = new double[3];
        for (int i = 0; i < n; i++) {
          double[] prob = probabilities(x[i], w, b);
          for (int k = 0; k < 3; k++) {
            double r = prob[k] - (y[i] == k ? 1 : 0);
            gradB[k] += r / n;
            for (int j = 0; j < p; j++) {
              gradW[k][j] += r * x[i][j] / n;
            }
          }
        }
        for (int k = logits == Logits.SOFTMAX ? 0 : 1; k < 3; k++) {
          for (int j = 0; j < p; j++) {
            assertEquals(0.0, gradW[k][j] + lambda * w[k][j], 1e-10, logits + " λ=" + lambda);
          }
          assertEquals(0.0, gradB[k], 1e-10);
        }
        assertEquals(0.0, fit.evidence().gradientCorrection(), 1e-12);
        if (logits == Logits.BASELINE) {
          assertArrayEquals(new double[p], w[0], 0.0);
          assertEquals(0.0, b[0], 0.0);
        }
      }
    }
  }

  @Test
  void curve_onWine_hasAnInteriorMaximum_andMaximizeRefinesIt() {
    // Wine's first four measurements (alcohol, malic acid, ash, alcalinity of ash) do not
    // separate the three cultivars, so the evidence has a maximum.
    double[][] x = WINE.columns(0, 4);
    standardize(x);
    int[] y = WINE.labels();
    LogisticEvidence evidence = LogisticEvidence.of(x, y, 3, Logits.SOFTMAX);
    double[] grid = logGrid(1e-5, 10, 13);
    EvidenceCurve curve = evidence.curve(grid);
    assertTrue(curve.hasInteriorMaximum(), Arrays.toString(curve.logEvidence()));
    LogisticEvidence.Fit best = evidence.maximize(grid).orElseThrow();
    int i = curve.bestIndex();
    assertTrue(best.lambda() > grid[i - 1] && best.lambda() < grid[i + 1]);
    assertTrue(best.logEvidence() >= curve.bestLogEvidence());
    // Warm starts along the grid give the same values as fits from zero.
    assertEquals(evidence.fit(grid[3]).logEvidence(), curve.logEvidence()[3], 1e-8);
    // The grid in the other order gives the same curve.
    double[] reversed = grid.clone();
    for (int l = 0; l < grid.length; l++) {
      reversed[l] = grid[grid.length - 1 - l];
    }
    EvidenceCurve down = evidence.curve(reversed);
    for (int l = 0; l < grid.length; l++) {
      assertEquals(curve.logEvidence()[l], down.logEvidence()[grid.length - 1 - l], 1e-8);
    }
    // A grid that stops before the maximum has none inside.
    assertTrue(evidence.maximize(logGrid(1e-5, 1e-4, 3)).isEmpty());
  }

  @Test
  void curve_onSeparableData_keepsRisingAsLambdaVanishes() {
    // All 13 wine measurements separate the cultivars: as λ → 0 the likelihood tends to 1 on
    // a cone of weights whose prior mass does not vanish, so the evidence levels off at its
    // largest value instead of having a maximum. The evidence then gives no λ (docs).
    double[][] x = WINE.standardizedFeatures();
    EvidenceCurve curve = LogisticEvidence.of(x, WINE.labels(), 3, Logits.SOFTMAX)
        .curve(logGrid(1e-7, 10, 17));
    assertEquals(0, curve.bestIndex());
    double[] values = curve.logEvidence();
    for (int l = 1; l < values.length; l++) {
      assertTrue(values[l] < values[l - 1], "decreasing in λ: " + Arrays.toString(values));
    }
    assertTrue(values[0] - values[1] < 0.5, "levelling off: " + Arrays.toString(values));
  }

  /** Standardizes the columns of x in place (mean 0, variance 1 with 1/n). */
  private static void standardize(double[][] x) {
    int n = x.length;
    for (int j = 0; j < x[0].length; j++) {
      double mean = 0;
      for (double[] row : x) {
        mean += row[j] / n;
      }
      double variance = 0;
      for (double[] row : x) {
        variance += (row[j] - mean) * (row[j] - mean) / n;
      }
      for (double[] row : x) {
        row[j] = (row[j] - mean) / Math.sqrt(variance);
      }
    }
  }

  @Test
  void badInput_namesRowColumnOrClass() {
    double[][] x = {{1, 2}, {0, 1}, {3, Double.NaN}};
    InputException e = assertThrows(InputException.class,
        () -> LogisticEvidence.of(x, new int[] {0, 1, 0}, 2, Logits.BASELINE));
    assertTrue(e.getMessage().startsWith("row 3, column 2:"), e.getMessage());
    double[][] good = {{1, 2}, {0, 1}, {3, 1}};
    e = assertThrows(InputException.class,
        () -> LogisticEvidence.of(good, new int[] {0, 2, 0}, 2, Logits.BASELINE));
    assertTrue(e.getMessage().startsWith("row 2: label 2"), e.getMessage());
    e = assertThrows(InputException.class,
        () -> LogisticEvidence.of(good, new int[] {0, 0, 0}, 2, Logits.SOFTMAX));
    assertTrue(e.getMessage().startsWith("class 1 has no rows"), e.getMessage());
    LogisticEvidence evidence = LogisticEvidence.of(good, new int[] {0, 1, 0}, 2,
        Logits.BASELINE);
    assertThrows(InputException.class, () -> evidence.fit(-1));
    assertThrows(InputException.class, () -> evidence.curve(new double[] {1, Double.NaN}));
  }

  /**
   * log ∫∫ p(y | w, b) N(w; 0, (nλ)⁻¹I) dw db (flat prior on b) on a grid of {@code points}
   * per axis, ±9 posterior standard deviations around the MAP; written from the model's
   * definition, sharing no code with LogisticEvidence.
   */
  static double integratedEvidence(double[][] x, int[] y, double lambda,
      LogisticEvidence.Fit fit, int points) {
    int n = x.length;
    int p = x[0].length;
    int d = p + 1;
    double[] centre = new double[d];
    System.arraycopy(fit.coefficients()[1], 0, centre, 0, p);
    centre[p] = fit.intercepts()[1];
    // H = Σ s(1−s) x̃x̃ᵀ + nλ on the weights; standard deviations from H⁻¹'s diagonal.
    double[][] h = new double[d][d];
    for (int i = 0; i < n; i++) {
      double s = sigmoid(eta(x[i], centre));
      for (int a = 0; a < d; a++) {
        for (int c = 0; c < d; c++) {
          h[a][c] += s * (1 - s) * (a < p ? x[i][a] : 1) * (c < p ? x[i][c] : 1);
        }
      }
    }
    for (int j = 0; j < p; j++) {
      h[j][j] += n * lambda;
    }
    double[][] covariance = invert(h);
    double[] width = new double[d];
    for (int a = 0; a < d; a++) {
      width[a] = 9 * Math.sqrt(covariance[a][a]);
    }
    double step = 1.0 / (points - 1);
    int total = (int) Math.pow(points, d);
    double[] logValues = new double[total];
    double[] point = new double[d];
    double max = Double.NEGATIVE_INFINITY;
    double logPriorConstant = 0.5 * p * Math.log(n * lambda / (2 * Math.PI));
    for (int index = 0; index < total; index++) {
      int rest = index;
      for (int a = 0; a < d; a++) {
        int k = rest % points;
        rest /= points;
        point[a] = centre[a] + width[a] * (2 * k * step - 1);
      }
      double value = logPriorConstant;
      for (int j = 0; j < p; j++) {
        value -= 0.5 * n * lambda * point[j] * point[j];
      }
      for (int i = 0; i < n; i++) {
        double e = eta(x[i], point);
        value += y[i] == 1 ? logSigmoid(e) : logSigmoid(-e);
      }
      logValues[index] = value;
      max = Math.max(max, value);
    }
    double sum = 0;
    for (int index = 0; index < total; index++) {
      double weight = 1;
      int rest = index;
      for (int a = 0; a < d; a++) {
        int k = rest % points;
        rest /= points;
        weight *= k == 0 || k == points - 1 ? 0.5 : 1.0; // trapezoid
      }
      sum += weight * Math.exp(logValues[index] - max);
    }
    double volume = 1;
    for (int a = 0; a < d; a++) {
      volume *= 2 * width[a] * step;
    }
    return max + Math.log(sum * volume);
  }

  private static double eta(double[] x, double[] theta) {
    double e = theta[x.length];
    for (int j = 0; j < x.length; j++) {
      e += theta[j] * x[j];
    }
    return e;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** log σ(z) without overflow. */
  private static double logSigmoid(double z) {
    return z > 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
  }

  private static double[] probabilities(double[] x, double[][] w, double[] b) {
    double[] eta = new double[b.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < b.length; k++) {
      eta[k] = b[k];
      for (int j = 0; j < x.length; j++) {
        eta[k] += w[k][j] * x[j];
      }
      max = Math.max(max, eta[k]);
    }
    double sum = 0;
    for (int k = 0; k < b.length; k++) {
      eta[k] = Math.exp(eta[k] - max);
      sum += eta[k];
    }
    for (int k = 0; k < b.length; k++) {
      eta[k] /= sum;
    }
    return eta;
  }

  /** Gauss-Jordan inverse of a small positive definite matrix. */
  private static double[][] invert(double[][] a) {
    int d = a.length;
    double[][] m = new double[d][2 * d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(a[i], 0, m[i], 0, d);
      m[i][d + i] = 1;
    }
    for (int c = 0; c < d; c++) {
      double pivot = m[c][c];
      for (int j = 0; j < 2 * d; j++) {
        m[c][j] /= pivot;
      }
      for (int r = 0; r < d; r++) {
        if (r != c) {
          double f = m[r][c];
          for (int j = 0; j < 2 * d; j++) {
            m[r][j] -= f * m[c][j];
          }
        }
      }
    }
    double[][] inverse = new double[d][d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(m[i], d, inverse[i], 0, d);
    }
    return inverse;
  }

  static double[] logGrid(double from, double to, int count) {
    double[] grid = new double[count];
    for (int l = 0; l < count; l++) {
      grid[l] = Math.exp(Math.log(from) + l * (Math.log(to) - Math.log(from)) / (count - 1));
    }
    return grid;
  }

  /** The argmax of f over [lo, hi] by golden-section search to 1e-5, returned as e^t. */
  private static double goldenSection(double lo, double hi,
      java.util.function.DoubleUnaryOperator f) {
    double ratio = (Math.sqrt(5) - 1) / 2;
    double t1 = hi - ratio * (hi - lo);
    double t2 = lo + ratio * (hi - lo);
    double f1 = f.applyAsDouble(t1);
    double f2 = f.applyAsDouble(t2);
    while (hi - lo > 1e-5) {
      if (f1 >= f2) {
        hi = t2;
        t2 = t1;
        f2 = f1;
        t1 = hi - ratio * (hi - lo);
        f1 = f.applyAsDouble(t1);
      } else {
        lo = t1;
        t1 = t2;
        f1 = f2;
        t2 = lo + ratio * (hi - lo);
        f2 = f.applyAsDouble(t2);
      }
    }
    return Math.exp(0.5 * (lo + hi));
  }
}
