package dev.tikhonov.linear;

import org.bytedeco.openblas.global.openblas;

/**
 * {@link RidgeSvdPath}'s numbers from one eigendecomposition of the Gram matrix instead of an SVD
 * of the design, for n ≫ p. With Z the centered n×p design, ZᵀZ = V diag(e) Vᵀ (LAPACK
 * {@code dsyevd}, e = d², d the singular values of Z) and ZV = U·D:
 *
 * <pre>
 *   b(λ)      = V diag(1/(eₖ + nλ)) Vᵀ Zᵀy_c                 (= V diag(dₖ/(dₖ² + nλ)) Uᵀy_c)
 *   ŷ(λ) − ȳ  = (ZV) diag(1/(eₖ + nλ)) Vᵀ Zᵀy_c
 *   Hᵢᵢ(λ)    = 1/n + Σₖ (ZV)ᵢₖ² / (eₖ + nλ)                  (= 1/n + Σₖ uᵢₖ² dₖ²/(dₖ² + nλ))
 *   df(λ)     = Σₖ eₖ/(eₖ + nλ)
 * </pre>
 *
 * (a term with eₖ + nλ = 0 counts 0, as in the SVD route). Cost: ZᵀZ by {@code dsyrk} (n·p²
 * flops), the eigendecomposition (O(p³), independent of n), ZV by {@code dgemm} (2n·p²), then the
 * same two n×p×m products for all λ as the SVD route; LAPACK's SVD of a tall n×p matrix costs
 * several times n·p² more. No division by a singular value is needed, but eigenvalues carry an
 * absolute error of about ε·e_max, so directions whose eₖ is below ε·e_max (condition number
 * of Z above 10⁸) are known only to that accuracy; they matter only where nλ is as small as
 * that, and the SVD route is then the better choice (it is what {@link RidgeSvdPath#fit} takes
 * when n is not several times p). Stateless and thread-safe.
 */
final class RidgeEigenPath {
  private RidgeEigenPath() {}

  /**
   * The path on the centered design (not standardized; constant columns all zero).
   *
   * @param yc y − ȳ (n)
   */
  static RidgeSvdPath fit(DenseDesign design, double[] yc, double yMean, double nullMse,
      double[] lambdas) {
    int n = design.n;
    int p = design.p;
    // gram (column-major, upper) = ZᵀZ; then eigenvectors overwrite it, eigenvalues ascending.
    double[] v = new double[p * p];
    openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasTrans,
        p, n, 1.0, design.z, n, 0.0, v, p);
    double[] ascending = new double[p];
    int info = openblas.LAPACKE_dsyevd(openblas.LAPACK_COL_MAJOR, (byte) 'V', (byte) 'U', p, v,
        p, ascending);
    if (info != 0) {
      throw new IllegalStateException("eigendecomposition did not converge (LAPACK info "
          + info + ")");
    }
    double[] e = new double[p];
    for (int k = 0; k < p; k++) {
      e[k] = Math.max(ascending[k], 0.0);
    }
    // zv = Z·V (n×p, column-major): column k is U_k·d_k.
    double[] zv = new double[n * p];
    openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
        n, p, p, 1.0, design.z, n, v, p, 0.0, zv, n);
    // c = Vᵀ Zᵀ y_c = (ZV)ᵀ y_c
    double[] c = new double[p];
    openblas.cblas_dgemv(openblas.CblasColMajor, openblas.CblasTrans, n, p, 1.0, zv, n, yc, 1,
        0.0, c, 1);

    int m = lambdas.length;
    double[] df = new double[m];
    // Column-major p×m: inverse[k + l·p] = 1/(eₖ + nλₗ); weight = inverse·cₖ.
    double[] inverse = new double[p * m];
    double[] weight = new double[p * m];
    for (int l = 0; l < m; l++) {
      double nl = n * lambdas[l];
      double dof = 0;
      for (int k = 0; k < p; k++) {
        double denominator = e[k] + nl;
        double inv = denominator > 0 ? 1.0 / denominator : 0.0;
        inverse[k + l * p] = inv;
        weight[k + l * p] = inv * c[k];
        dof += e[k] * inv;
      }
      df[l] = dof;
    }
    double[] coefficients = new double[p * m];
    openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
        p, m, p, 1.0, v, p, weight, p, 0.0, coefficients, p);
    double[] fitted = new double[n * m];
    openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
        n, m, p, 1.0, zv, n, weight, p, 0.0, fitted, n);
    for (int i = 0; i < zv.length; i++) {
      zv[i] *= zv[i]; // ZV is not needed after this: square it in place
    }
    double[] leverage = new double[n * m];
    openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
        n, m, p, 1.0, zv, n, inverse, p, 0.0, leverage, n);

    double[] singular = new double[p];
    for (int k = 0; k < p; k++) {
      singular[k] = Math.sqrt(e[p - 1 - k]);
    }
    return RidgeSvdPath.assemble(design, yc, yMean, nullMse, lambdas, coefficients, fitted,
        leverage, df, singular);
  }
}
