package dev.tikhonov.select;

import dev.tikhonov.tensor.Blas;
import org.bytedeco.openblas.global.openblas;

/**
 * The Cholesky factor of a symmetric positive definite matrix A = L·Lᵀ (LAPACK {@code dpotrf}),
 * for log det A and solves with A. Package-private helper of the Laplace evidence.
 */
final class Cholesky {
  private final int size;
  /** L in the lower triangle, column-major size×size. */
  private final double[] factor;

  private Cholesky(int size, double[] factor) {
    this.size = size;
    this.factor = factor;
  }

  /**
   * Factors the column-major {@code size}×{@code size} matrix {@code a} (only its lower triangle
   * is read; not modified).
   *
   * @throws IllegalStateException when a is not positive definite
   */
  static Cholesky of(double[] a, int size) {
    double[] l = a.clone();
    int info = Blas.call(() -> openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', size,
        l, size));
    if (info != 0) {
      throw new IllegalStateException("matrix of size " + size + " is not positive definite"
          + " (LAPACK dpotrf info " + info + ")");
    }
    return new Cholesky(size, l);
  }

  /** log det A = 2 Σ log Lₖₖ. */
  double logDeterminant() {
    double s = 0;
    for (int k = 0; k < size; k++) {
      s += Math.log(factor[k + k * size]);
    }
    return 2 * s;
  }

  /** A⁻¹b as a new vector. */
  double[] solve(double[] b) {
    double[] x = b.clone();
    int info = Blas.call(() -> openblas.LAPACKE_dpotrs(openblas.LAPACK_COL_MAJOR, (byte) 'L', size,
        1, factor, size, x, size));
    if (info != 0) {
      throw new IllegalStateException("LAPACK dpotrs info " + info);
    }
    return x;
  }
}
