package dev.tikhonov.select;

import dev.tikhonov.tensor.Blas;
import org.bytedeco.openblas.global.openblas;

/**
 * The Kronecker-factored curvature of a {@link SoftmaxLayer} (see {@link Curvature#KRONECKER}).
 * With x̃ = (x, 1), every class's weights and bias stacked as one (q+1)-vector, and the a
 * classes that have parameters (a = K for SOFTMAX, counting b₀; a = K − 1 for BASELINE):
 *
 * <pre>
 *   H ≈ G ⊗ A + I_a ⊗ D,   G = (1/n) Σᵢ Λᵢ (a×a),   A = Σᵢ x̃ᵢx̃ᵢᵀ,   D = diag(τ, …, τ, 0)
 * </pre>
 *
 * In an orthonormal eigenbasis V of G this is block diagonal with blocks gₖA + D, so
 * log det H = Σₖ log det(gₖA + D). For SOFTMAX, G·1 = 0: the eigenvector 1/√K carries the
 * invariance (all biases shifted together), whose block is D; dropping its bias coordinate
 * leaves τ^q, and moving from orthonormal coordinates of 1^⊥ to the differences bₖ − b₀ that
 * {@link SoftmaxLayer} uses multiplies the determinant by 1/K. So for SOFTMAX
 * log det H = Σ_{k=1}^{K−1} log det(gₖA + D) + q log τ − log K, with g₁..g_{K−1} the
 * eigenvalues of G on 1^⊥ (Helmert basis).
 */
final class KroneckerCurvature {
  private final int blockSize;
  private final int augmented;
  private final boolean softmax;
  private final double tau;
  private final int features;
  private final SoftmaxLayer layer;
  /** V, a×a column-major; for SOFTMAX column 0 is 1/√K. */
  private final double[] basis;
  /** Cholesky factors of gₖA + D, null for SOFTMAX's null direction (column 0). */
  private final Cholesky[] blocks;
  private final double logDeterminant;

  private KroneckerCurvature(SoftmaxLayer layer, SoftmaxLayer.State state, double tau) {
    this.layer = layer;
    this.tau = tau;
    int n = layer.rows();
    int q = layer.features();
    int k = layer.classes();
    features = q;
    blockSize = q + 1;
    softmax = layer.logits() == Logits.SOFTMAX;
    augmented = softmax ? k : k - 1;
    int first = softmax ? 0 : 1; // the class of augmented index 0
    double[] a = inputFactor(layer.x(), n, q);
    double[] g = new double[augmented * augmented];
    double[] p = state.probabilities();
    for (int i = 0; i < n; i++) {
      for (int u = 0; u < augmented; u++) {
        double pu = p[i * k + first + u];
        for (int v = 0; v < augmented; v++) {
          g[u + v * augmented] += pu * ((u == v ? 1 : 0) - p[i * k + first + v]) / n;
        }
      }
    }
    double[] eigenvalues;
    if (softmax) {
      // V = [1/√K, O·E] with O the Helmert basis of 1^⊥ and E the eigenvectors of OᵀGO.
      double[] o = helmert(k);
      int r = k - 1;
      double[] go = multiply(g, k, k, o, r); // G·O, K×r
      double[] reduced = new double[r * r];
      Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasTrans,
          openblas.CblasNoTrans, r, r, k, 1.0, o, k, go, k, 0.0, reduced, r));
      double[] values = new double[r];
      symmetricEigen(reduced, r, values);
      double[] oe = multiply(o, k, r, reduced, r); // O·E, K×r
      basis = new double[k * k];
      for (int u = 0; u < k; u++) {
        basis[u] = 1 / Math.sqrt(k);
      }
      System.arraycopy(oe, 0, basis, k, k * r);
      eigenvalues = new double[k];
      System.arraycopy(values, 0, eigenvalues, 1, r);
    } else {
      basis = g.clone();
      eigenvalues = new double[augmented];
      symmetricEigen(basis, augmented, eigenvalues);
    }
    blocks = new Cholesky[augmented];
    double logDet = softmax ? q * Math.log(tau) - Math.log(k) : 0.0;
    for (int c = softmax ? 1 : 0; c < augmented; c++) {
      double gc = eigenvalues[c];
      if (!(gc > 0)) {
        throw new IllegalStateException("the softmax curvature vanishes along an eigenvector of"
            + " G (eigenvalue " + gc + "): the predictions are certain on every row");
      }
      double[] block = new double[blockSize * blockSize];
      for (int j = 0; j < block.length; j++) {
        block[j] = gc * a[j];
      }
      for (int j = 0; j < q; j++) {
        block[j + j * blockSize] += tau;
      }
      blocks[c] = Cholesky.of(block, blockSize);
      logDet += blocks[c].logDeterminant();
    }
    logDeterminant = logDet;
  }

  static KroneckerCurvature of(SoftmaxLayer layer, SoftmaxLayer.State state, double tau) {
    return new KroneckerCurvature(layer, state, tau);
  }

  /** log det H in the layer's coordinates (b₀ = 0). */
  double logDeterminant() {
    return logDeterminant;
  }

  /**
   * H⁻¹g for a vector g in the layer's coordinates (vec W, b₁..b_{K−1}), as a new vector in
   * the same coordinates.
   */
  double[] solve(double[] gradient) {
    int q = features;
    int k = layer.classes();
    int first = softmax ? 0 : 1;
    int biasStart = layer.weightCount();
    // Γ: (q+1)×a, column u = (∂W, ∂b) of class first + u; for SOFTMAX ∂b₀ = −Σₖ≥₁ ∂bₖ, the
    // gradient over all K biases being orthogonal to the invariant direction 1.
    double[] gamma = new double[blockSize * augmented];
    for (int u = 0; u < augmented; u++) {
      int cls = first + u;
      System.arraycopy(gradient, layer.columnOf(cls) * q, gamma, u * blockSize, q);
      if (cls >= 1) {
        gamma[q + u * blockSize] = gradient[biasStart + cls - 1];
      } else {
        double s = 0;
        for (int l = 1; l < k; l++) {
          s -= gradient[biasStart + l - 1];
        }
        gamma[q + u * blockSize] = s;
      }
    }
    double[] rotated = multiply(gamma, blockSize, augmented, basis, augmented); // Γ·V
    double[] solved = new double[blockSize * augmented];
    for (int c = 0; c < augmented; c++) {
      double[] column = new double[blockSize];
      System.arraycopy(rotated, c * blockSize, column, 0, blockSize);
      if (blocks[c] == null) {
        for (int j = 0; j < q; j++) {
          solved[j + c * blockSize] = column[j] / tau; // SOFTMAX's null block: D = τI, no bias
        }
      } else {
        System.arraycopy(blocks[c].solve(column), 0, solved, c * blockSize, blockSize);
      }
    }
    // Z = Z'·Vᵀ back to classes, then to the layer's coordinates (biases as bₖ − b₀).
    double[] z = new double[blockSize * augmented];
    Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans,
        openblas.CblasTrans, blockSize, augmented, augmented, 1.0, solved, blockSize, basis,
        augmented, 0.0, z, blockSize));
    double[] out = new double[layer.dimension()];
    double bias0 = softmax ? z[q] : 0.0;
    for (int u = 0; u < augmented; u++) {
      int cls = first + u;
      System.arraycopy(z, u * blockSize, out, layer.columnOf(cls) * q, q);
      if (cls >= 1) {
        out[biasStart + cls - 1] = z[q + u * blockSize] - bias0;
      }
    }
    return out;
  }

  /** A = X̃ᵀX̃ for X̃ = [X, 1], (q+1)×(q+1) column-major, full. */
  private static double[] inputFactor(double[] x, int n, int q) {
    int size = q + 1;
    double[] gram = new double[q * q];
    // gram = XᵀX (lower triangle)
    Blas.run(() -> openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasLower,
        openblas.CblasTrans, q, n, 1.0, x, n, 0.0, gram, q));
    double[] a = new double[size * size];
    for (int j = 0; j < q; j++) {
      for (int i = j; i < q; i++) {
        a[i + j * size] = gram[i + j * q];
        a[j + i * size] = gram[i + j * q];
      }
      double s = 0;
      for (int r = 0; r < n; r++) {
        s += x[r + j * n];
      }
      a[q + j * size] = s;
      a[j + q * size] = s;
    }
    a[q + q * size] = n;
    return a;
  }

  /**
   * The Helmert basis of 1^⊥ in R^K, K×(K−1) column-major: column j−1 is
   * (1, …, 1, −j, 0, …, 0)/√(j(j+1)) with j ones.
   */
  static double[] helmert(int k) {
    double[] o = new double[k * (k - 1)];
    for (int j = 1; j < k; j++) {
      double norm = Math.sqrt(j * (j + 1.0));
      for (int i = 0; i < j; i++) {
        o[i + (j - 1) * k] = 1 / norm;
      }
      o[j + (j - 1) * k] = -j / norm;
    }
    return o;
  }

  /** A·B for column-major A (rows×inner) and B (inner×cols). */
  private static double[] multiply(double[] a, int rows, int inner, double[] b, int cols) {
    double[] out = new double[rows * cols];
    Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans,
        openblas.CblasNoTrans, rows, cols, inner, 1.0, a, rows, b, inner, 0.0, out, rows));
    return out;
  }

  /**
   * Eigen-decomposes the symmetric column-major {@code matrix} (LAPACK {@code dsyev}).
   * Modified: {@code matrix} (becomes the eigenvectors, by column), {@code values} (ascending).
   */
  private static void symmetricEigen(double[] matrix, int size, double[] values) {
    int info = Blas.call(() -> openblas.LAPACKE_dsyev(openblas.LAPACK_COL_MAJOR, (byte) 'V',
        (byte) 'L', size, matrix, size, values));
    if (info != 0) {
      throw new IllegalStateException("symmetric eigendecomposition failed (LAPACK info "
          + info + ")");
    }
  }
}
