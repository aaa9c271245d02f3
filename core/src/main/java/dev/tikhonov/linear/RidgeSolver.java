package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Blas;
import org.bytedeco.openblas.global.openblas;

/**
 * Ridge regression in closed form at one λ:
 *
 * <pre>
 *   minimize (1/2n)‖y − a₀ − Xb‖² + (λ/2)‖b‖²
 *   b = (ZᵀZ/n + λI)⁻¹ Zᵀy_c/n            (primal, n ≥ p: a p×p Cholesky)
 *     = Zᵀ (ZZᵀ + nλI)⁻¹ y_c              (dual/kernel form, p > n: an n×n Cholesky)
 *   a₀ = ȳ − x̄·b
 * </pre>
 *
 * with Z the column-centered X and y_c = y − ȳ, so the intercept is never penalized. Constant
 * columns get coefficient 0. For many λ at once use {@link RidgeSvdPath} (one SVD). Stateless
 * and thread-safe.
 *
 * <p>With observation weights wᵢ ({@link Observations}, normalized to ωᵢ = wᵢ/Σw as the
 * elastic net's) the data term is (1/2)Σ ωᵢ(yᵢ − a₀ − xᵢ·b)²: the means above are the weighted
 * ones and the rows of Z and y_c are scaled by √(nωᵢ), so the same two forms solve the weighted
 * normal equations (XᵀΩX + λI)b = XᵀΩy on the centered data. Without an intercept nothing is
 * centered and a₀ = 0 (glmnet's {@code intercept = FALSE}).
 */
public final class RidgeSolver {
  private RidgeSolver() {}

  /** Fits at {@code lambda} ≥ 0 (λ = 0 is least squares and needs a full-rank centered X). */
  public static RidgeSolution fit(double[][] x, double[] y, double lambda) {
    return fit(x, y, Observations.none(), lambda);
  }

  /**
   * Fits at {@code lambda} ≥ 0 with the observations' weights (their offsets must be absent).
   *
   * @throws InputException for weights that are negative, not finite or all 0 (naming the row
   *     and {@code weights}), or offsets
   */
  public static RidgeSolution fit(double[][] x, double[] y, Observations observations,
      double lambda) {
    return fit(x, y, observations, true, lambda);
  }

  /**
   * As {@link #fit(double[][], double[], Observations, double)} with a₀ = 0 and nothing
   * centered (glmnet's {@code intercept = FALSE}).
   */
  public static RidgeSolution fitWithoutIntercept(double[][] x, double[] y,
      Observations observations, double lambda) {
    return fit(x, y, observations, false, lambda);
  }

  private static RidgeSolution fit(double[][] x, double[] y, Observations observations,
      boolean intercept, double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new InputException("λ must be finite and ≥ 0, got " + lambda);
    }
    if (x.length != y.length) {
      throw new InputException(x.length + " feature rows but " + y.length + " targets");
    }
    RidgeRows ridgeRows = RidgeRows.of(x.length, observations, intercept);
    int[] rows = StandardizedDesign.allRows(x.length);
    DenseDesign.requireValid(x, rows);
    DenseDesign design = DenseDesign.of(x, rows, ridgeRows.omega, true, intercept, false);
    int n = design.n;
    int p = design.p;
    double yMean = ridgeRows.targetMean(y);
    double[] yc = ridgeRows.centered(y, yMean);
    double[] b = n >= p ? primal(design, yc, lambda) : dual(design, yc, lambda);
    double a0 = yMean;
    for (int j = 0; j < p; j++) {
      a0 -= design.mean[j] * b[j];
    }
    return new RidgeSolution(lambda, a0, b, effectiveDf(design, lambda));
  }

  private static double[] primal(DenseDesign design, double[] yc, double lambda) {
    int n = design.n;
    int p = design.p;
    double[] gram = new double[p * p];
    // gram = ZᵀZ/n (upper triangle), numpy: Z.T @ Z / n
    Blas.run(() -> openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper,
        openblas.CblasTrans, p, n, 1.0 / n, design.z, n, 0.0, gram, p));
    double[] rhs = new double[p];
    // rhs = Zᵀ y_c / n
    Blas.run(() -> openblas.cblas_dgemv(openblas.CblasColMajor, openblas.CblasTrans, n, p, 1.0 / n,
        design.z, n, yc, 1, 0.0, rhs, 1));
    for (int j = 0; j < p; j++) {
      if (design.included[j]) {
        gram[j * p + j] += lambda;
      } else {
        gram[j * p + j] = 1.0; // a constant column: its row and column are zero, b_j = 0
      }
    }
    double[] diagonal = new double[p];
    for (int j = 0; j < p; j++) {
      diagonal[j] = gram[j * p + j];
    }
    int info = Blas.call(() -> openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'U', p,
        gram, p));
    // A pivot that lost all but 1e-12 of its column's weight means collinear columns: rounding
    // alone kept the factorization going, and its solution would be noise.
    for (int j = 0; info == 0 && j < p; j++) {
      double pivot = gram[j * p + j];
      if (pivot * pivot < 1e-12 * diagonal[j]) {
        info = j + 1;
      }
    }
    if (info != 0) {
      throw new InputException("ridge at λ = " + lambda + ": the centered XᵀX + nλI is singular"
          + " (collinear columns with λ = 0); use λ > 0");
    }
    Blas.run(() -> openblas.LAPACKE_dpotrs(openblas.LAPACK_COL_MAJOR, (byte) 'U', p, 1, gram, p,
        rhs, p));
    return rhs;
  }

  private static double[] dual(DenseDesign design, double[] yc, double lambda) {
    int n = design.n;
    int p = design.p;
    if (!(lambda > 0)) {
      throw new InputException("ridge with p = " + p + " > n = " + n + " needs λ > 0");
    }
    double[] kernel = new double[n * n];
    // kernel = Z Zᵀ + nλI
    Blas.run(() -> openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper,
        openblas.CblasNoTrans, n, p, 1.0, design.z, n, 0.0, kernel, n));
    for (int i = 0; i < n; i++) {
      kernel[i * n + i] += n * lambda;
    }
    double[] weights = yc.clone();
    int info = Blas.call(() -> openblas.LAPACKE_dposv(openblas.LAPACK_COL_MAJOR, (byte) 'U', n,
        1, kernel, n, weights, n));
    if (info != 0) {
      throw new IllegalStateException("ridge kernel system not positive definite (info " + info
          + ")");
    }
    double[] b = new double[p];
    // b = Zᵀ weights
    Blas.run(() -> openblas.cblas_dgemv(openblas.CblasColMajor, openblas.CblasTrans, n, p, 1.0,
        design.z, n, weights, 1, 0.0, b, 1));
    return b;
  }

  /** Σ d²/(d² + nλ) from the singular values of Z. */
  private static double effectiveDf(DenseDesign design, double lambda) {
    double[] d = RidgeSvdPath.singularValues(design);
    double df = 0;
    for (double s : d) {
      double d2 = s * s;
      df += d2 + design.n * lambda > 0 ? d2 / (d2 + design.n * lambda) : 0;
    }
    return df;
  }
}
