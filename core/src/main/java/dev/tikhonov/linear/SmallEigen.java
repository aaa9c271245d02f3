package dev.tikhonov.linear;

import java.util.Arrays;

/**
 * The eigendecomposition A = QΛQᵀ of a small symmetric matrix (a multinomial's K×K Hessian
 * block) by cyclic Jacobi rotations: each rotation zeroes one off-diagonal entry, and sweeps over
 * all pairs repeat until the off-diagonal part's Frobenius norm is at most a tolerance times the
 * matrix's (quadratic convergence: a handful of sweeps), O(K³) per sweep. Started from the
 * eigenvectors of a nearby matrix (the same block one outer step earlier) it needs one or two
 * sweeps. Deterministic: the same input gives the same bits. Stateless; thread-safe.
 */
final class SmallEigen {
  private static final int MAX_SWEEPS = 60;

  private SmallEigen() {}

  /**
   * Decomposes the symmetric {@code k}×{@code k} matrix held row-major in {@code a}[0, k²).
   * On return {@code out}[0, k²) holds Q row-major (column m is the eigenvector of eigenvalue
   * m) and {@code out}[k², k² + k) the eigenvalues, unsorted; ‖QᵀAQ − Λ‖_F ≤ tolerance·‖A‖_F.
   * Modified: {@code a} (destroyed), {@code out}.
   */
  static void decompose(double[] a, int k, double tolerance, double[] out) {
    Arrays.fill(out, 0, k * k, 0.0);
    for (int i = 0; i < k; i++) {
      out[i * k + i] = 1;
    }
    sweep(a, k, tolerance, out);
  }

  /**
   * As {@link #decompose}, started from the orthogonal Q₀ in {@code out}[0, k²) (row-major):
   * a ← Q₀ᵀaQ₀, then rotations until it is diagonal to the tolerance. Modified: {@code a},
   * {@code scratch} (k² values), {@code out}.
   */
  static void decomposeFrom(double[] a, int k, double tolerance, double[] scratch,
      double[] out) {
    // scratch ← a·Q₀, then a ← Q₀ᵀ·scratch
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int m = 0; m < k; m++) {
          s += a[i * k + m] * out[m * k + j];
        }
        scratch[i * k + j] = s;
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int m = 0; m < k; m++) {
          s += out[m * k + i] * scratch[m * k + j];
        }
        a[i * k + j] = s;
      }
    }
    // Symmetric again exactly (the two products round differently above and below).
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        double m = 0.5 * (a[i * k + j] + a[j * k + i]);
        a[i * k + j] = m;
        a[j * k + i] = m;
      }
    }
    sweep(a, k, tolerance, out);
  }

  private static void sweep(double[] a, int k, double tolerance, double[] out) {
    double norm2 = 0;
    for (int i = 0; i < k * k; i++) {
      norm2 += a[i] * a[i];
    }
    double limit = tolerance * tolerance * norm2;
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
          off += 2 * a[i * k + j] * a[i * k + j];
        }
      }
      if (!(off > limit)) {
        break;
      }
      for (int p = 0; p < k; p++) {
        for (int q = p + 1; q < k; q++) {
          rotate(a, k, p, q, out);
        }
      }
    }
    for (int i = 0; i < k; i++) {
      out[k * k + i] = a[i * k + i];
    }
  }

  /** One Jacobi rotation in the (p, q) plane that zeroes a[p][q] (Golub and Van Loan 8.5.2). */
  private static void rotate(double[] a, int k, int p, int q, double[] v) {
    double apq = a[p * k + q];
    if (apq == 0) {
      return;
    }
    double theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    for (int i = 0; i < k; i++) {
      double aip = a[i * k + p];
      double aiq = a[i * k + q];
      a[i * k + p] = c * aip - s * aiq;
      a[i * k + q] = s * aip + c * aiq;
    }
    for (int j = 0; j < k; j++) {
      double apj = a[p * k + j];
      double aqj = a[q * k + j];
      a[p * k + j] = c * apj - s * aqj;
      a[q * k + j] = s * apj + c * aqj;
    }
    for (int i = 0; i < k; i++) {
      double vip = v[i * k + p];
      double viq = v[i * k + q];
      v[i * k + p] = c * vip - s * viq;
      v[i * k + q] = s * vip + c * viq;
    }
  }
}
