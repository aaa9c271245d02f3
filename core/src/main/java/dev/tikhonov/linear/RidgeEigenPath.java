package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Blas;
import org.bytedeco.javacpp.DoublePointer;
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
 * (a term with eₖ + nλ = 0 counts 0, as in the SVD route, and so does one whose eₖ is at most
 * max(n, p)·ε·e_max: the Gram matrix's rounding, a direction of the design's null space). Two
 * passes over the rows of x, no n×p copy of it: the first forms x̄, ȳ, ZᵀZ and Zᵀy_c
 * ({@link TwoPassStatistics}: blocks of centered rows, one {@code dsyrk} and one {@code dgemv}
 * per block); after the
 * eigendecomposition (O(p³), independent of n) the second takes the rows again in blocks Z_b,
 * forms Z_bV by {@code dgemm} (2n·p² flops over all blocks), then the block's fitted values and
 * leverages for all λ by two more products, and adds the block's residuals to each λ's sums.
 * Memory: O(p² + block·(p + m)) beside x, where the design copy, ZV and the n×m fitted values
 * and leverages took 2n·p + 2n·m doubles. LAPACK's SVD of a tall n×p matrix costs several times
 * n·p² more. No division by a singular value is needed, but eigenvalues carry an absolute error
 * of about ε·e_max, so directions whose eₖ is below ε·e_max (condition number of Z above 10⁸)
 * are known only to that accuracy; they matter only where nλ is as small as that, and the SVD
 * route is then the better choice (it is what {@link RidgeSvdPath#fit} takes when n is not
 * several times p).
 *
 * <p>With observation weights the rows are those of {@link RidgeRows}: the statistics take the
 * weights nωᵢ, so that the scatter about the weighted means is ZᵀZ of the rows scaled by
 * √(nωᵢ), and the second pass scales each centered row and its target by √(nωᵢ). Without an
 * intercept ZᵀZ and Zᵀy are the uncentered products (the scatter plus W·x̄x̄ᵀ, W·x̄ȳ), and the
 * columns that are constant on the rows of positive weight (scatter exactly 0) are left out,
 * as the design leaves them out. Stateless and thread-safe (the BLAS calls may use the BLAS's
 * threads).
 */
final class RidgeEigenPath {
  /** About 2 MiB of centered rows per block of the second pass, and as much of Z_bV. */
  private static final int BLOCK_DOUBLES = 1 << 18;

  private RidgeEigenPath() {}

  /**
   * The path of x (n×p, row-major, not modified) and y, checked as the design-based route
   * checks them (the same messages).
   */
  static RidgeSvdPath fit(double[][] x, double[] y, RidgeRows rows, double[] lambdas) {
    int n = x.length;
    if (n == 0) {
      throw new InputException("no rows to fit");
    }
    int p = x[0].length;
    if (p == 0) {
      throw new InputException("no features to fit: the rows have 0 columns");
    }
    GaussianStatistics statistics = TwoPassStatistics.ofRows(x, y, rows.statisticsWeights(),
        StandardizedDesign.allRows(n));
    // a column constant on the rows of positive weight has a scatter of exactly 0
    boolean[] included = new boolean[p];
    for (int j = 0; j < p; j++) {
      included[j] = statistics.featureScatter()[j * p + j] > 0;
    }
    double[] mean = rows.intercept ? statistics.featureMeans() : new double[p];
    double yMean = rows.intercept ? statistics.targetMean() : 0;
    double nullMse = (rows.intercept ? statistics.targetScatter() : statistics.targetSquares())
        / n;
    // ZᵀZ (symmetric: row- and column-major alike); eigenvectors overwrite it, eigenvalues
    // ascending.
    double[] v = rows.intercept ? statistics.featureScatter() : statistics.featureProducts();
    double[] zty = rows.intercept ? statistics.featureTargetScatter()
        : statistics.featureTargetProducts();
    for (int j = 0; j < p; j++) {
      if (!included[j]) {
        zty[j] = 0;
        for (int k = 0; k < p; k++) {
          v[j * p + k] = 0;
          v[k * p + j] = 0;
        }
      }
    }
    double[] ascending = new double[p];
    int info = Blas.call(() -> openblas.LAPACKE_dsyevd(openblas.LAPACK_COL_MAJOR, (byte) 'V',
        (byte) 'U', p, v, p, ascending));
    if (info != 0) {
      throw new IllegalStateException("eigendecomposition did not converge (LAPACK info "
          + info + ")");
    }
    double[] e = new double[p];
    for (int k = 0; k < p; k++) {
      e[k] = Math.max(ascending[k], 0.0);
    }
    // Directions of rounding size are the design's null space (a repeated column): they count
    // nothing and take no coefficient, or λ = 0 divided their noise (RidgeSvdPath.rank).
    boolean[] kept = RidgeSvdPath.rank(e, Math.max(n, p) * Math.ulp(1.0));
    // c = Vᵀ Zᵀ y_c
    double[] c = new double[p];
    Blas.run(() -> openblas.cblas_dgemv(openblas.CblasColMajor, openblas.CblasTrans, p, p, 1.0, v,
        p, zty, 1, 0.0, c, 1));

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
        double inv = kept[k] && denominator > 0 ? 1.0 / denominator : 0.0;
        inverse[k + l * p] = inv;
        weight[k + l * p] = inv * c[k];
        dof += e[k] * inv;
      }
      df[l] = dof;
    }
    double[] coefficients = new double[p * m];
    Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans,
        openblas.CblasNoTrans, p, m, p, 1.0, v, p, weight, p, 0.0, coefficients, p));

    // Second pass, in blocks of rows, all row-major: Z_b (b×p), Z_bV (b×p), fitted values and
    // leverages (b×m). V (column-major) is Vᵀ row-major, and weight and inverse (column-major
    // p×m) are their transposes row-major: hence the transposed right-hand operands.
    int block = Math.max(1, Math.min(n, BLOCK_DOUBLES / Math.max(p, m)));
    double[] centered = new double[p];
    double[] squares = new double[block * p];
    double[] fitted = new double[block * m];
    double[] leverage = new double[block * m];
    double[] sse = new double[m];
    double[] looSum = new double[m];
    // The BLAS operands live in native memory: passed as Java arrays, every call would copy
    // them in and out (JNI's Get/Release<Type>ArrayElements), V's p² doubles on every block.
    try (DoublePointer vMemory = new DoublePointer(v);
        DoublePointer weightMemory = new DoublePointer(weight);
        DoublePointer inverseMemory = new DoublePointer(inverse);
        DoublePointer blockMemory = new DoublePointer((long) block * p);
        DoublePointer zvMemory = new DoublePointer((long) block * p);
        DoublePointer fittedMemory = new DoublePointer((long) block * m);
        DoublePointer leverageMemory = new DoublePointer((long) block * m)) {
      java.nio.DoubleBuffer blockRows = blockMemory.asBuffer();
      java.nio.DoubleBuffer zvRows = zvMemory.asBuffer();
      for (int start = 0; start < n; start += block) {
        int rowsInBlock = Math.min(block, n - start);
        for (int b = 0; b < rowsInBlock; b++) {
          double[] row = x[start + b];
          for (int j = 0; j < p; j++) {
            centered[j] = included[j] ? rows.scaled(start + b, row[j] - mean[j]) : 0.0;
          }
          blockRows.put(b * p, centered, 0, p);
        }
        Blas.run(() -> openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans,
            openblas.CblasTrans, rowsInBlock, p, p, 1.0, blockMemory, p, vMemory, p, 0.0, zvMemory,
            p));
        Blas.run(() -> openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans,
            openblas.CblasTrans, rowsInBlock, m, p, 1.0, zvMemory, p, weightMemory, p, 0.0,
            fittedMemory, m));
        int size = rowsInBlock * p;
        zvRows.get(0, squares, 0, size);
        for (int i = 0; i < size; i++) {
          squares[i] *= squares[i];
        }
        zvRows.put(0, squares, 0, size);
        Blas.run(() -> openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans,
            openblas.CblasTrans, rowsInBlock, m, p, 1.0, zvMemory, p, inverseMemory, p, 0.0,
            leverageMemory, m));
        fittedMemory.get(fitted, 0, rowsInBlock * m);
        leverageMemory.get(leverage, 0, rowsInBlock * m);
        for (int b = 0; b < rowsInBlock; b++) {
          double yc = rows.scaled(start + b, y[start + b] - yMean);
          double interceptLeverage = rows.interceptLeverage(start + b);
          int o = b * m;
          for (int l = 0; l < m; l++) {
            double residual = yc - fitted[o + l];
            sse[l] += residual * residual;
            double loo = residual / (1 - (interceptLeverage + leverage[o + l]));
            looSum[l] += loo * loo;
          }
        }
      }
    }
    double[] singular = new double[p];
    for (int k = 0; k < p; k++) {
      singular[k] = Math.sqrt(e[p - 1 - k]);
    }
    return RidgeSvdPath.of(lambdas, rows, mean, included, yMean, nullMse, coefficients, sse,
        looSum, df, singular);
  }
}
