package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.optim.Optimizers;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linear network's coefficients and intercept on the original feature scale
 * ({@link NetworkRegressor#linearCoefficients()}, {@link NetworkClassifier#linearCoefficients()}):
 * ridge by gradient descent to convergence against the exact ridge solution of the same
 * objective (docs/objective.md: (1/n) Σ ½(yᵢ − ŷᵢ)² + (λ/2)‖w‖², w the weights the network
 * sees), and a₀ + x·b against the model's own predictions.
 */
class NetworkLinearCoefficientsTest {
  static final int N = 80;
  static final double LAMBDA = 0.1;

  @TempDir java.nio.file.Path dir;

  /**
   * Features far from mean 0 and unit scale, so that the standardization's m and s matter:
   * x₀ ~ 10 + 5·N(0, 1), x₁ ~ −3 + 0.2·N(0, 1), x₂ ~ N(0, 1), plus a correlated x₃ = x₂ + x₀/10;
   * y = 1.5 + 0.4x₀ − 7x₁ + 2x₂ + 0.3·N(0, 1).
   */
  static double[][] features() {
    Random r = new Random(17);
    double[][] x = new double[N][4];
    for (double[] row : x) {
      row[0] = 10 + 5 * r.nextGaussian();
      row[1] = -3 + 0.2 * r.nextGaussian();
      row[2] = r.nextGaussian();
      row[3] = row[2] + row[0] / 10;
    }
    return x;
  }

  static double[] targets(double[][] x) {
    Random r = new Random(18);
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = 1.5 + 0.4 * x[i][0] - 7 * x[i][1] + 2 * x[i][2] + 0.3 * r.nextGaussian();
    }
    return y;
  }

  @Test
  void linearRegression_ridgeByGradientDescent_isTheExactRidge_onTheOriginalScale() {
    double[][] x = features();
    double[] y = targets(x);
    for (boolean standardizeTarget : new boolean[] {false, true}) {
      NetworkRegressor model = LinearRegression.builder().lambda(LAMBDA).l1Ratio(0)
          .standardize(true).standardizeTarget(standardizeTarget)
          .optimizer(Optimizers.sgd(0.1).momentum(0.9)).batchSize(N).epochs(3000).seed(0)
          .build().fit(Dataset.of(x, y));
      double[] exact = exactRidge(x, y, LAMBDA, standardizeTarget);
      double[] b = model.linearCoefficients().orElseThrow();
      double a0 = model.linearIntercept().orElseThrow();
      assertEquals(4, b.length);
      String what = "standardizeTarget " + standardizeTarget;
      for (int j = 0; j < 4; j++) {
        assertEquals(exact[j + 1], b[j], 1e-4 * (1 + Math.abs(exact[j + 1])), what + " b" + j);
      }
      assertEquals(exact[0], a0, 1e-4 * (1 + Math.abs(exact[0])), what + " intercept");
    }
  }

  @Test
  void linearRegression_interceptPlusCoefficientsTimesX_isPredict() {
    double[][] x = features();
    double[] y = targets(x);
    for (boolean standardize : new boolean[] {false, true}) {
      NetworkRegressor model = LinearRegression.builder().lambda(0.01).standardize(standardize)
          .optimizer(Optimizers.sgd(standardize ? 0.05 : 1e-3)).epochs(5).seed(0).build()
          .fit(Dataset.of(x, y));
      double[] b = model.linearCoefficients().orElseThrow();
      double a0 = model.linearIntercept().orElseThrow();
      double[] predicted = model.predict(x);
      for (int i = 0; i < N; i++) {
        double eta = a0;
        double size = Math.abs(a0);
        for (int j = 0; j < b.length; j++) {
          eta += b[j] * x[i][j];
          size += Math.abs(b[j] * x[i][j]);
        }
        // float32 rounding of the standardized inputs, the weights and the sums: ~1e-7·size
        assertEquals(eta, predicted[i], 1e-5 * size, "standardize " + standardize + " row " + i);
      }
      // a loaded model keeps its standardization, so its coefficients are the same numbers
      java.nio.file.Path file = dir.resolve("linear-" + standardize + ".model");
      model.save(file);
      NetworkRegressor back = Predictor.load(file, NetworkRegressor.class);
      assertArrayEquals(b, back.linearCoefficients().orElseThrow());
      assertEquals(a0, back.linearIntercept().orElseThrow());
    }
  }

  @Test
  void logisticRegression_softmaxOfTheLinearLogits_isPredictProba_perClass() {
    double[][] x = features();
    double[] y = targets(x);
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = y[i] < 24 ? 0 : y[i] < 27 ? 1 : 2;
    }
    NetworkClassifier model = LogisticRegression.builder().lambda(0.01).standardize(true)
        .epochs(20).seed(0).build().fit(Dataset.ofClasses(x, labels));
    double[][] b = model.linearCoefficients().orElseThrow();
    double[] a0 = model.linearIntercepts().orElseThrow();
    assertEquals(3, b.length);
    assertEquals(3, a0.length);
    assertEquals(4, b[0].length);
    double[][] proba = model.predictProba(x);
    for (int i = 0; i < N; i++) {
      double[] eta = new double[3];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < 3; k++) {
        eta[k] = a0[k];
        for (int j = 0; j < 4; j++) {
          eta[k] += b[k][j] * x[i][j];
        }
        max = Math.max(max, eta[k]);
      }
      double sum = 0;
      for (int k = 0; k < 3; k++) {
        sum += Math.exp(eta[k] - max);
      }
      for (int k = 0; k < 3; k++) {
        assertEquals(Math.exp(eta[k] - max) / sum, proba[i][k], 1e-5, "row " + i + " class " + k);
      }
    }
    // the classes are told apart: the model learned something the check could miss
    assertTrue(model.evaluate(Dataset.ofClasses(x, labels)).accuracy() > 0.6);
  }

  /**
   * Multinomial ridge by gradient descent against ElasticNet's coordinate descent on the same
   * objective, −(1/n) Σ log p(yᵢ|xᵢ) + (λ/2) Σₖ‖wₖ‖² with w on the standardized features (both
   * standardize): per class, on the original scale. The intercepts are compared centred, since
   * softmax is unchanged by adding one number to every logit.
   */
  @Test
  void logisticRegression_ridgeByGradientDescent_isElasticNetsMultinomialRidge_perClass() {
    double[][] x = features();
    double[] y = targets(x);
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = y[i] < 24 ? 0 : y[i] < 27 ? 1 : 2;
    }
    Dataset data = Dataset.ofClasses(x, labels);
    NetworkClassifier network = LogisticRegression.builder().lambda(LAMBDA).l1Ratio(0)
        .standardize(true).optimizer(Optimizers.sgd(0.2).momentum(0.9)).batchSize(N)
        .epochs(4000).seed(0).build().fit(data);
    LinearClassifier exact = ElasticNet.multinomial().lambda(LAMBDA).l1Ratio(0)
        .tolerance(1e-12).build().fit(data);
    double[][] b = network.linearCoefficients().orElseThrow();
    double[] a0 = centred(network.linearIntercepts().orElseThrow());
    double[][] want = exact.coefficients();
    double[] wantA0 = centred(exact.intercepts());
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(want[k][j], b[k][j], 1e-4 * (1 + Math.abs(want[k][j])),
            "class " + k + " b" + j);
      }
      assertEquals(wantA0[k], a0[k], 1e-4 * (1 + Math.abs(wantA0[k])), "class " + k + " a0");
    }
  }

  static double[] centred(double[] v) {
    double mean = java.util.Arrays.stream(v).average().orElseThrow();
    return java.util.Arrays.stream(v).map(a -> a - mean).toArray();
  }

  @Test
  void networksWithHiddenLayers_haveNoLinearCoefficients() {
    double[][] x = features();
    double[] y = targets(x);
    NetworkRegressor mlp = MlpRegressor.builder().hiddenLayers(3).standardize(true).epochs(1)
        .seed(0).build().fit(Dataset.of(x, y));
    assertEquals(Optional.empty(), mlp.linearCoefficients());
    assertTrue(mlp.linearIntercept().isEmpty());
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = y[i] < 25 ? 0 : 1;
    }
    NetworkClassifier classifier = MlpClassifier.builder().hiddenLayers(3).standardize(true)
        .epochs(1).seed(0).build().fit(Dataset.ofClasses(x, labels));
    assertEquals(Optional.empty(), classifier.linearCoefficients());
    assertEquals(Optional.empty(), classifier.linearIntercepts());
  }

  /**
   * The minimizer of (1/n) Σ ½(tᵢ − c − zᵢ·w)² + (λ/2)‖w‖² on z = (x − m)/s (1/n standard
   * deviations) and t = y, or t = (y − ȳ)/σ_y with standardizeTarget, by the normal equations
   * (ZᵀZ/n + λI) w = Zᵀ(t − t̄)/n, brought back to ŷ = a₀ + x·b: [a₀, b₀, …].
   */
  static double[] exactRidge(double[][] x, double[] y, double lambda,
      boolean standardizeTarget) {
    int n = x.length;
    int p = x[0].length;
    double[] m = new double[p];
    double[] s = new double[p];
    for (int j = 0; j < p; j++) {
      for (double[] row : x) {
        m[j] += row[j] / n;
      }
      for (double[] row : x) {
        s[j] += (row[j] - m[j]) * (row[j] - m[j]) / n;
      }
      s[j] = Math.sqrt(s[j]);
    }
    double yMean = 0;
    for (double v : y) {
      yMean += v / n;
    }
    double ySd = 0;
    for (double v : y) {
      ySd += (v - yMean) * (v - yMean) / n;
    }
    double tScale = standardizeTarget ? Math.sqrt(ySd) : 1;
    double[][] a = new double[p][p + 1];
    for (double[] row : a) {
      java.util.Arrays.fill(row, 0);
    }
    for (int i = 0; i < n; i++) {
      double t = (y[i] - yMean) / tScale;
      for (int j = 0; j < p; j++) {
        double zj = (x[i][j] - m[j]) / s[j];
        for (int k = 0; k < p; k++) {
          a[j][k] += zj * (x[i][k] - m[k]) / s[k] / n;
        }
        a[j][p] += zj * t / n;
      }
    }
    for (int j = 0; j < p; j++) {
      a[j][j] += lambda;
    }
    double[] w = solve(a);
    double[] out = new double[p + 1];
    out[0] = yMean;
    for (int j = 0; j < p; j++) {
      out[j + 1] = tScale * w[j] / s[j];
      out[0] -= m[j] * out[j + 1];
    }
    return out;
  }

  /** Gaussian elimination with partial pivoting of the augmented p×(p+1) system. */
  static double[] solve(double[][] a) {
    int p = a.length;
    for (int c = 0; c < p; c++) {
      int pivot = c;
      for (int r = c + 1; r < p; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = a[c];
      a[c] = a[pivot];
      a[pivot] = t;
      for (int r = c + 1; r < p; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k <= p; k++) {
          a[r][k] -= f * a[c][k];
        }
      }
    }
    double[] w = new double[p];
    for (int r = p - 1; r >= 0; r--) {
      double v = a[r][p];
      for (int k = r + 1; k < p; k++) {
        v -= a[r][k] * w[k];
      }
      w[r] = v / a[r][r];
    }
    return w;
  }
}
