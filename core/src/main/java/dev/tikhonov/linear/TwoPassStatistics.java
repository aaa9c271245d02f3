package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import org.bytedeco.openblas.global.openblas;

/**
 * {@link GaussianStatistics} of rows at hand by the corrected two-pass algorithm (Chan, Golub
 * &amp; LeVeque 1983) with the scatter formed by the BLAS: pass 1 the weighted means m; pass 2,
 * in blocks of rows, the deviations dᵢ = xᵢ − m scaled by √wᵢ into a block D (a row per observation) and
 * {@code S += DᵀD} by one {@code dsyrk} per block (with {@code Dᵀt} by {@code dgemv} for the
 * target), plus the residual means c = (1/W)Σwᵢdᵢ that the rounding of m leaves; then
 *
 * <pre>
 *   x̄ = m + c,   Sxx = Σ wᵢ dᵢdᵢᵀ − W·c·cᵀ,   likewise Sxy and Syy
 * </pre>
 *
 * (the scatter about the exact mean). n·p²/2 multiply-adds at BLAS speed instead of the
 * row-at-a-time Welford update's n·p²/2 scalar ones; as accurate (error about ε·κ, κ = |x̄|/σ).
 * A column whose values are all equal gets m equal to that value exactly, deviations of exactly
 * 0 and so a scatter of exactly 0 (the path leaves it out, as the X-based design does).
 * Stateless and thread-safe (the BLAS call may use the BLAS's own threads).
 */
final class TwoPassStatistics {
  /** About 4 MiB of deviations per block: large enough for dsyrk's speed, small next to X. */
  private static final int BLOCK_DOUBLES = 1 << 19;

  private TwoPassStatistics() {}

  static GaussianStatistics of(double[][] x, double[] y, double[] weights, int[] rows) {
    if (x.length != y.length || x.length != weights.length) {
      throw new InputException(x.length + " feature rows, " + y.length + " targets and "
          + weights.length + " weights: expected one of each per row");
    }
    if (x.length == 0) {
      throw new InputException("no rows: the number of features is unknown");
    }
    return compute(x, y, weights, rows, x[0].length, Checks.STATISTICS);
  }

  /**
   * The same for the path and ridge fits on rows, checking each row as the design-based fits
   * do and with their messages ({@link DenseDesign#of}: "row 7, column 3: value Infinity is
   * not finite"; "target of row 2 is not finite: NaN"). The caller has checked the weights
   * (finite, ≥ 0; {@code weights} null for all 1) and that rows[0]'s p is at least 1.
   */
  static GaussianStatistics ofRows(double[][] x, double[] y, double[] weights, int[] rows) {
    return compute(x, y, weights, rows, x[rows[0]].length, Checks.DESIGN);
  }

  /** Which messages the checks of pass 1 give. */
  private enum Checks {
    STATISTICS,
    DESIGN
  }

  private static GaussianStatistics compute(double[][] x, double[] y, double[] weights,
      int[] rows, int p, Checks checks) {
    // Pass 1: checks, weight, weighted sums; which columns are constant on these rows.
    double weight = 0;
    double[] sum = new double[p];
    double sumY = 0;
    boolean[] constant = new boolean[p];
    java.util.Arrays.fill(constant, true);
    double[] first = null;
    for (int row : rows) {
      double[] xi = x[row];
      double w = weights == null ? 1.0 : weights[row];
      if (checks == Checks.STATISTICS) {
        check(xi, y[row], w, p, row);
      } else {
        checkAsDesign(xi, y[row], p, row);
      }
      if (w == 0) {
        continue;
      }
      if (first == null) {
        first = xi;
      }
      weight += w;
      sumY += w * y[row];
      for (int j = 0; j < p; j++) {
        sum[j] += w * xi[j];
        constant[j] &= xi[j] == first[j];
      }
    }
    if (weight == 0) {
      GaussianStatistics none = GaussianStatistics.empty(p);
      return new GaussianStatistics(rows.length, 0, none.featureMeans(), 0,
          none.featureScatter(), none.featureTargetScatter(), 0);
    }
    double[] mean = new double[p];
    for (int j = 0; j < p; j++) {
      mean[j] = constant[j] ? first[j] : sum[j] / weight;
    }
    double meanY = sumY / weight;

    // Pass 2: blocks of √w·(x − m), S += DᵀD, s += Dᵀt, residual means.
    int block = Math.max(1, Math.min(rows.length, BLOCK_DOUBLES / Math.max(p, 1)));
    double[] deviations = new double[block * p];
    double[] target = new double[block];
    double[] packedScatter = new double[p * p]; // column-major upper triangle
    double[] cross = new double[p];
    double[] residual = new double[p];
    double residualY = 0;
    double yy = 0;
    int filled = 0;
    boolean firstBlock = true;
    for (int r = 0; r <= rows.length; r++) {
      if (r < rows.length) {
        int row = rows[r];
        double w = weights == null ? 1.0 : weights[row];
        if (w == 0) {
          continue;
        }
        double root = Math.sqrt(w);
        double[] xi = x[row];
        int o = filled * p;
        for (int j = 0; j < p; j++) {
          double d = xi[j] - mean[j];
          deviations[o + j] = root * d;
          residual[j] += w * d;
        }
        double dy = y[row] - meanY;
        target[filled] = root * dy;
        residualY += w * dy;
        yy += w * dy * dy;
        filled++;
        if (filled < block) {
          continue;
        }
      }
      if (filled == 0) {
        continue;
      }
      // packedScatter (upper, column-major) += Dᵀ D;  cross += Dᵀ t. D (filled×p) is stored
      // row-major, a row per observation, so it is written contiguously; as column-major it is
      // A = Dᵀ (p×filled), and DᵀD = A·Aᵀ.
      openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasNoTrans,
          p, filled, 1.0, deviations, p, firstBlock ? 0.0 : 1.0, packedScatter, p);
      openblas.cblas_dgemv(openblas.CblasColMajor, openblas.CblasNoTrans, p, filled, 1.0,
          deviations, p, target, 1, 1.0, cross, 1);
      firstBlock = false;
      filled = 0;
    }
    double[] c = new double[p];
    for (int j = 0; j < p; j++) {
      c[j] = residual[j] / weight;
      mean[j] += c[j];
    }
    double cy = residualY / weight;
    double[] scatter = new double[p * p];
    for (int k = 0; k < p; k++) {
      for (int j = 0; j <= k; j++) {
        // Column-major upper (j ≤ k) at j + k·p is row-major (j, k); mirror it.
        double v = packedScatter[j + k * p] - weight * c[j] * c[k];
        scatter[j * p + k] = v;
        scatter[k * p + j] = v;
      }
      cross[k] -= weight * c[k] * cy;
    }
    yy -= weight * cy * cy;
    return new GaussianStatistics(rows.length, weight, mean, meanY + cy, scatter, cross,
        Math.max(yy, 0.0));
  }

  private static void checkAsDesign(double[] xi, double yi, int p, int row) {
    if (xi.length != p) {
      throw new InputException("row " + (row + 1) + " has " + xi.length + " features, expected "
          + p);
    }
    for (int j = 0; j < p; j++) {
      if (!Double.isFinite(xi[j])) {
        throw new InputException("row " + (row + 1) + ", column " + (j + 1) + ": value " + xi[j]
            + " is not finite");
      }
    }
    if (!Double.isFinite(yi)) {
      throw new InputException("target of row " + (row + 1) + " is not finite: " + yi);
    }
  }

  private static void check(double[] xi, double yi, double w, int p, int row) {
    if (xi.length != p) {
      throw new InputException("row " + (row + 1) + ": " + xi.length + " features, expected "
          + p);
    }
    for (int j = 0; j < p; j++) {
      if (!Double.isFinite(xi[j])) {
        throw new InputException("row " + (row + 1) + ": feature " + (j + 1) + " is " + xi[j]
            + ", not a finite number");
      }
    }
    if (!Double.isFinite(yi)) {
      throw new InputException("row " + (row + 1) + ": the target is " + yi
          + ", not a finite number");
    }
    if (!(w >= 0) || Double.isInfinite(w)) {
      throw new InputException("row " + (row + 1) + ": the weight is " + w
          + ", expected a finite number ≥ 0");
    }
  }
}
