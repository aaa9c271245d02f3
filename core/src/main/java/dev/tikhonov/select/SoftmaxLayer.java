package dev.tikhonov.select;

import dev.tikhonov.tensor.Blas;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * A softmax layer on fixed features, in double: the negative log posterior
 *
 * <pre>
 *   f(θ) = −Σᵢ log softmax(ηᵢ)_{yᵢ} + (τ/2)‖W‖²,   τ = nλ,
 *   ηᵢₖ = bₖ + xᵢᵀWₖ   (b₀ = 0; with {@link Logits#BASELINE} also W₀ = 0)
 * </pre>
 *
 * its gradient and its Hessian in the coordinates θ = (vec W, b₁, …, b_{K−1}): W is q×m
 * column-major, column c holding the weights of class {@link #classOf}(c), m = K for SOFTMAX and
 * K − 1 for BASELINE. Fixing b₀ = 0 removes softmax's one invariance (adding a constant to every
 * bias), so the Hessian is positive definite for τ &gt; 0.
 *
 * <p>With Λᵢ = diag(pᵢ) − pᵢpᵢᵀ: ∂f/∂Wₖ = Σᵢ (pᵢₖ − yᵢₖ)xᵢ + τWₖ, ∂f/∂bₖ = Σᵢ (pᵢₖ − yᵢₖ),
 * ∂²f/∂Wₖ∂Wₗ = Σᵢ Λᵢₖₗ xᵢxᵢᵀ + τδₖₗI, ∂²f/∂Wₖ∂bₗ = Σᵢ Λᵢₖₗ xᵢ, ∂²f/∂bₖ∂bₗ = Σᵢ Λᵢₖₗ.
 *
 * <p>Immutable (every method allocates its own arrays), so thread-safe.
 */
final class SoftmaxLayer {
  private final int rows;
  private final int features;
  private final int classes;
  private final int columns;
  private final Logits logits;
  /** n×q column-major. */
  private final double[] x;
  private final int[] labels;

  /** Probabilities (n×K row-major) and Σᵢ log p(yᵢ) at θ. */
  record State(double[] theta, double[] probabilities, double logLikelihood) {}

  /**
   * A layer over {@code x} (n×q column-major, kept, not copied) and class indices
   * {@code labels} in 0..K−1.
   */
  SoftmaxLayer(double[] x, int rows, int features, int[] labels, int classes, Logits logits) {
    if (x.length != rows * features || labels.length != rows) {
      throw new IllegalArgumentException("shapes do not match: " + x.length + " values, "
          + rows + "×" + features + ", " + labels.length + " labels");
    }
    this.x = x;
    this.rows = rows;
    this.features = features;
    this.labels = labels;
    this.classes = classes;
    this.logits = logits;
    this.columns = logits == Logits.SOFTMAX ? classes : classes - 1;
  }

  int rows() {
    return rows;
  }

  int features() {
    return features;
  }

  int classes() {
    return classes;
  }

  /** m, the number of weight columns. */
  int columns() {
    return columns;
  }

  Logits logits() {
    return logits;
  }

  /** The n×q features, column-major (the layer's own array: do not modify). */
  double[] x() {
    return x;
  }

  /** m·q, the penalized parameters. */
  int weightCount() {
    return columns * features;
  }

  /** d = m·q + K − 1. */
  int dimension() {
    return columns * features + classes - 1;
  }

  /** The class whose weights are column c. */
  int classOf(int column) {
    return logits == Logits.SOFTMAX ? column : column + 1;
  }

  /** The weight column of class k, or −1 (class 0 under BASELINE). */
  int columnOf(int k) {
    return logits == Logits.SOFTMAX ? k : k - 1;
  }

  State state(double[] theta) {
    int n = rows;
    int q = features;
    int m = columns;
    int k = classes;
    double[] xw = new double[n * m];
    // xw = X·W (n×m), W the first m·q entries of θ as a q×m column-major matrix
    Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans,
        openblas.CblasNoTrans, n, m, q, 1.0, x, n, theta, q, 0.0, xw, n));
    double[] probabilities = new double[n * k];
    double[] eta = new double[k];
    double logLikelihood = 0;
    int biasStart = m * q;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        int column = columnOf(c);
        double e = (column >= 0 ? xw[i + column * n] : 0.0)
            + (c >= 1 ? theta[biasStart + c - 1] : 0.0);
        eta[c] = e;
        max = Math.max(max, e);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double e = Math.exp(eta[c] - max);
        probabilities[i * k + c] = e;
        sum += e;
      }
      for (int c = 0; c < k; c++) {
        probabilities[i * k + c] /= sum;
      }
      logLikelihood += eta[labels[i]] - max - Math.log(sum);
    }
    return new State(theta, probabilities, logLikelihood);
  }

  /** ‖W‖². */
  double weightSquaredNorm(double[] theta) {
    double s = 0;
    for (int j = 0, count = weightCount(); j < count; j++) {
      s += theta[j] * theta[j];
    }
    return s;
  }

  /** f(θ) = −log-likelihood + (τ/2)‖W‖². */
  double objective(State state, double tau) {
    return -state.logLikelihood() + 0.5 * tau * weightSquaredNorm(state.theta());
  }

  /** ∇f(θ). */
  double[] gradient(State state, double tau) {
    int n = rows;
    int q = features;
    int m = columns;
    int k = classes;
    double[] p = state.probabilities();
    double[] residual = new double[n * m]; // pᵢ,class(c) − [yᵢ = class(c)], n×m column-major
    double[] g = new double[dimension()];
    int biasStart = m * q;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < m; c++) {
        int cls = classOf(c);
        residual[i + c * n] = p[i * k + cls] - (labels[i] == cls ? 1 : 0);
      }
      for (int c = 1; c < k; c++) {
        g[biasStart + c - 1] += p[i * k + c] - (labels[i] == c ? 1 : 0);
      }
    }
    // g_W = Xᵀ·residual (q×m)
    Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasTrans,
        openblas.CblasNoTrans, q, m, n, 1.0, x, n, residual, n, 0.0, g, q));
    double[] theta = state.theta();
    for (int j = 0; j < m * q; j++) {
      g[j] += tau * theta[j];
    }
    return g;
  }

  /** The Hessian of f, d×d column-major. */
  double[] hessian(State state, double tau) {
    int n = rows;
    int q = features;
    int m = columns;
    int k = classes;
    int d = dimension();
    double[] p = state.probabilities();
    double[] h = new double[d * d];
    double[] column = new double[n];
    double[] block = new double[q * q];
    double[] weight = new double[n];
    int biasStart = m * q;
    // The products' operands live in native memory for the whole Hessian: passed as Java
    // arrays, each of the m(m+1)/2 + m products would copy X and its scaled copy (n×q each) in
    // and out through JNI (Get/Release<Type>ArrayElements).
    try (DoublePointer xMemory = new DoublePointer(x);
        DoublePointer scaledMemory = new DoublePointer((long) n * Math.max(q, k - 1));
        DoublePointer blockMemory = new DoublePointer((long) q * Math.max(q, k - 1))) {
      java.nio.DoubleBuffer scaledRows = scaledMemory.asBuffer();
      for (int c = 0; c < m; c++) {
        int kc = classOf(c);
        for (int c2 = c; c2 < m; c2++) {
          int kc2 = classOf(c2);
          for (int i = 0; i < n; i++) {
            weight[i] = p[i * k + kc] * ((kc == kc2 ? 1 : 0) - p[i * k + kc2]); // Λᵢ[kc, kc2]
          }
          // block = Xᵀ·diag(Λ[kc, kc2])·X; the scaled X written column by column
          for (int j = 0; j < q; j++) {
            for (int i = 0; i < n; i++) {
              column[i] = weight[i] * x[i + j * n];
            }
            scaledRows.put(j * n, column, 0, n);
          }
          Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasTrans,
              openblas.CblasNoTrans, q, q, n, 1.0, xMemory, n, scaledMemory, n, 0.0, blockMemory,
              q));
          blockMemory.get(block, 0, q * q);
          for (int b = 0; b < q; b++) {
            for (int a = 0; a < q; a++) {
              double v = block[a + b * q];
              h[(c * q + a) + (c2 * q + b) * d] = v;
              h[(c2 * q + b) + (c * q + a) * d] = v;
            }
          }
        }
        // Weight-bias block: column c against the biases of classes 1..K−1.
        if (k > 1) {
          double[] lambdaColumns = new double[n * (k - 1)];
          for (int l = 1; l < k; l++) {
            for (int i = 0; i < n; i++) {
              lambdaColumns[i + (l - 1) * n] = p[i * k + kc] * ((kc == l ? 1 : 0) - p[i * k + l]);
            }
          }
          double[] cross = new double[q * (k - 1)];
          scaledMemory.put(lambdaColumns, 0, n * (k - 1));
          Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasTrans,
              openblas.CblasNoTrans, q, k - 1, n, 1.0, xMemory, n, scaledMemory, n, 0.0,
              blockMemory, q));
          blockMemory.get(cross, 0, q * (k - 1));
          for (int l = 0; l < k - 1; l++) {
            for (int a = 0; a < q; a++) {
              double v = cross[a + l * q];
              h[(c * q + a) + (biasStart + l) * d] = v;
              h[(biasStart + l) + (c * q + a) * d] = v;
            }
          }
        }
      }
    }
    for (int l1 = 1; l1 < k; l1++) {
      for (int l2 = l1; l2 < k; l2++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += p[i * k + l1] * ((l1 == l2 ? 1 : 0) - p[i * k + l2]);
        }
        h[(biasStart + l1 - 1) + (biasStart + l2 - 1) * d] = s;
        h[(biasStart + l2 - 1) + (biasStart + l1 - 1) * d] = s;
      }
    }
    for (int j = 0; j < m * q; j++) {
      h[j + j * d] += tau;
    }
    return h;
  }

  /** H·v for the Hessian H of f at the state's θ, without forming H: O(n·m·q). */
  double[] hessianVector(State state, double tau, double[] v) {
    int n = rows;
    int q = features;
    int m = columns;
    int k = classes;
    double[] p = state.probabilities();
    double[] xv = new double[n * m];
    // xv = X·V_W (n×m): the change of each row's logits along v, before the biases
    Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans,
        openblas.CblasNoTrans, n, m, q, 1.0, x, n, v, q, 0.0, xv, n));
    int biasStart = m * q;
    double[] out = new double[dimension()];
    double[] r = new double[n * m]; // (Λᵢuᵢ) of the classes with weights, n×m column-major
    double[] u = new double[k];
    for (int i = 0; i < n; i++) {
      double mean = 0; // pᵢᵀuᵢ
      for (int c = 0; c < k; c++) {
        int column = columnOf(c);
        u[c] = (column >= 0 ? xv[i + column * n] : 0.0) + (c >= 1 ? v[biasStart + c - 1] : 0.0);
        mean += p[i * k + c] * u[c];
      }
      for (int c = 0; c < k; c++) {
        double lu = p[i * k + c] * (u[c] - mean); // (Λᵢuᵢ)_c
        int column = columnOf(c);
        if (column >= 0) {
          r[i + column * n] = lu;
        }
        if (c >= 1) {
          out[biasStart + c - 1] += lu;
        }
      }
    }
    // (Hv)_W = Xᵀ·r + τ·v_W
    Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasTrans,
        openblas.CblasNoTrans, q, m, n, 1.0, x, n, r, n, 0.0, out, q));
    for (int j = 0; j < m * q; j++) {
      out[j] += tau * v[j];
    }
    return out;
  }

  /** The diagonal of the Hessian of f. */
  double[] hessianDiagonal(State state, double tau) {
    int n = rows;
    int q = features;
    int k = classes;
    double[] p = state.probabilities();
    double[] diagonal = new double[dimension()];
    for (int c = 0; c < columns; c++) {
      int cls = classOf(c);
      for (int j = 0; j < q; j++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          double pi = p[i * k + cls];
          double v = x[i + j * n];
          s += pi * (1 - pi) * v * v;
        }
        diagonal[c * q + j] = s + tau;
      }
    }
    int biasStart = columns * q;
    for (int l = 1; l < k; l++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        double pi = p[i * k + l];
        s += pi * (1 - pi);
      }
      diagonal[biasStart + l - 1] = s;
    }
    return diagonal;
  }

  /** A curvature H of f at one θ: log det H and solves with H. */
  interface CurvatureFactor {
    double logDeterminant();

    double[] solve(double[] g);
  }

  /** The chosen curvature of f at the state's θ. */
  CurvatureFactor curvature(State state, double tau, Curvature curvature) {
    switch (curvature) {
      case FULL -> {
        Cholesky factor = Cholesky.of(hessian(state, tau), dimension());
        return new CurvatureFactor() {
          @Override
          public double logDeterminant() {
            return factor.logDeterminant();
          }

          @Override
          public double[] solve(double[] g) {
            return factor.solve(g);
          }
        };
      }
      case DIAGONAL -> {
        double[] diagonal = hessianDiagonal(state, tau);
        return new CurvatureFactor() {
          @Override
          public double logDeterminant() {
            double s = 0;
            for (double v : diagonal) {
              s += Math.log(v);
            }
            return s;
          }

          @Override
          public double[] solve(double[] g) {
            double[] out = new double[g.length];
            for (int j = 0; j < g.length; j++) {
              out[j] = g[j] / diagonal[j];
            }
            return out;
          }
        };
      }
      case KRONECKER -> {
        KroneckerCurvature kfac = KroneckerCurvature.of(this, state, tau);
        return new CurvatureFactor() {
          @Override
          public double logDeterminant() {
            return kfac.logDeterminant();
          }

          @Override
          public double[] solve(double[] g) {
            return kfac.solve(g);
          }
        };
      }
      default -> throw new IllegalStateException("unknown curvature " + curvature);
    }
  }

  /** The Laplace evidence at θ with the chosen curvature (see {@link LaplaceEvidence}). */
  LaplaceEvidence evidence(double[] theta, double lambda, Curvature curvature) {
    State state = state(theta);
    double tau = rows * lambda;
    double[] g = gradient(state, tau);
    CurvatureFactor h = curvature(state, tau, curvature);
    double logDeterminant = h.logDeterminant();
    int weights = weightCount();
    int d = dimension();
    double logPrior = 0.5 * weights * Math.log(tau / (2 * Math.PI))
        - 0.5 * tau * weightSquaredNorm(theta);
    // ½gᵀH⁻¹g with the exact H (conjugate gradients preconditioned by the chosen curvature),
    // whatever approximates log det H.
    double correction = 0.5 * dot(g, SoftmaxNewton.step(this, state, tau, g, h, curvature));
    double logEvidence = state.logLikelihood() + logPrior + 0.5 * d * Math.log(2 * Math.PI)
        - 0.5 * logDeterminant + correction;
    return new LaplaceEvidence(lambda, logEvidence, state.logLikelihood(), logPrior,
        logDeterminant, correction, d, weights, curvature);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
