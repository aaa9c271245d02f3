package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.tensor.Blas;
import org.bytedeco.javacpp.DoublePointer;
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
    // Pass 1: weight, weighted sums, and spread_j = Σ|x_ij − x_fj| over the rows (f the first
    // row of positive weight), which is exactly 0 when, and only when, column j is constant on
    // them (a sum of terms ≥ 0 that are > 0 unless equal). The values are not checked one by one:
    // a NaN or an infinity makes a sum non-finite, and only then are the rows checked in order
    // (checkRows), for the message of the first bad one. The loops are plain sums, which the JIT
    // vectorizes; the per-value checks and the boolean "still constant" flags did not.
    Sums sums = new Sums(p);
    for (int r = 0; r < rows.length; r += CHUNK_ROWS) {
      sums.add(x, y, weights, rows, r, Math.min(rows.length, r + CHUNK_ROWS), checks);
    }
    double weight = sums.weight;
    if (!Double.isFinite(sums.sumY) || !allFinite(sums.sum) || !allFinite(sums.spread)) {
      // Throws unless the sums overflowed on finite values (left to the arithmetic, as before).
      checkRows(x, y, weights, rows, rows.length, p, checks);
    }
    if (weight == 0) {
      GaussianStatistics none = GaussianStatistics.empty(p);
      return new GaussianStatistics(rows.length, 0, none.featureMeans(), 0,
          none.featureScatter(), none.featureTargetScatter(), 0);
    }
    double[] mean = new double[p];
    for (int j = 0; j < p; j++) {
      mean[j] = sums.spread[j] == 0 ? sums.first[j] : sums.sum[j] / weight;
    }
    double meanY = sums.sumY / weight;

    // Pass 2: blocks of √w·(x − m), S += DᵀD, s += Dᵀt, residual means. The block, the target
    // and S live in native memory: passed as Java arrays, each BLAS call would copy them in and
    // out (JNI's Get/Release<Type>ArrayElements), S's p² doubles on every block.
    int block = Math.max(1, Math.min(rows.length, BLOCK_DOUBLES / Math.max(p, 1)));
    Deviations deviations = new Deviations(mean, meanY, block);
    double[] cross = new double[p];
    // S's upper triangle, column-major, read as a row-major array: (k, j) holds S_jk, j ≤ k.
    double[] scatter = new double[p * p];
    try (DoublePointer deviationsMemory = new DoublePointer((long) block * p);
        DoublePointer targetMemory = new DoublePointer(block);
        DoublePointer scatterMemory = new DoublePointer((long) p * p);
        DoublePointer crossMemory = new DoublePointer(p)) {
      java.nio.DoubleBuffer blockBuffer = deviationsMemory.asBuffer();
      boolean firstBlock = true;
      for (int r = 0; r < rows.length; ) {
        r = deviations.fill(x, y, weights, rows, r, blockBuffer);
        if (deviations.filled > 0) {
          addBlock(p, deviations.filled, deviations.target, firstBlock, deviationsMemory,
              targetMemory, scatterMemory, crossMemory);
          firstBlock = false;
          deviations.filled = 0;
        }
      }
      scatterMemory.get(scatter, 0, p * p);
      crossMemory.get(cross, 0, p);
    }
    double[] residual = deviations.residual;
    double[] c = new double[p];
    for (int j = 0; j < p; j++) {
      c[j] = residual[j] / weight;
      mean[j] += c[j];
    }
    double cy = deviations.residualY / weight;
    for (int k = 0; k < p; k++) {
      correctRow(scatter, cross, p, k, weight, c, cy);
    }
    double yy = deviations.yy - weight * cy * cy;
    if (checks == Checks.DESIGN) {
      // as the design-based fits (DenseDesign.requireValid); the statistics themselves take
      // any finite values, and their sums may overflow
      boolean finite = Double.isFinite(yy) && allFinite(cross);
      for (int j = 0; j < p && finite; j++) {
        finite = Double.isFinite(scatter[j * p + j]);
      }
      if (!finite) {
        requireSquarable(x, y, rows, p); // throws unless the overflow came from the weights
      }
    }
    return new GaussianStatistics(rows.length, weight, mean, meanY + cy, scatter, cross,
        Math.max(yy, 0.0));
  }

  /**
   * Names the first value whose square, summed over the rows, overflows double precision
   * ({@link StandardizedDesign#squarable}): a scatter of ∞ would take the column for one of no
   * spread (a coefficient of 0) and the target for a constant. Called only once the sums came
   * out non-finite; returns when no single value is to blame.
   */
  private static void requireSquarable(double[][] x, double[] y, int[] rows, int p) {
    double limit = StandardizedDesign.squarable(rows.length);
    for (int row : rows) {
      for (int j = 0; j < p; j++) {
        if (Math.abs(x[row][j]) > limit) {
          throw StandardizedDesign.tooLarge("row " + (row + 1) + ", column " + (j + 1),
              x[row][j], rows.length, limit, "column");
        }
      }
      if (Math.abs(y[row]) > limit) {
        throw StandardizedDesign.tooLarge("target of row " + (row + 1), y[row], rows.length,
            limit, "target");
      }
    }
  }

  // Every loop over rows or over the scatter's p² entries runs in a method called many times
  // per fit: per row (addRow, deviationRow), per chunk of rows (Sums.add, Deviations.fill) or
  // per row of the scatter (correctRow). compute itself runs once per fit; with its own loops,
  // C2 compiled them by on-stack replacement before a loop had exited often enough to show in
  // the profile, and each exit was then a trap that threw the code away and left the rest of
  // the fit to the interpreter (docs/performance-log.md, issue 13's fifth and sixth sessions).

  /** Rows per call of the pass-1 loop. */
  private static final int CHUNK_ROWS = 256;

  /** Pass 1's running sums. */
  private static final class Sums {
    double weight;
    double sumY;
    final double[] sum;
    final double[] spread;
    /** The first row of positive weight, or null before it. */
    double[] first;

    Sums(int p) {
      sum = new double[p];
      spread = new double[p];
    }

    /** Adds rows[from..to) (positions in {@code rows}). */
    void add(double[][] x, double[] y, double[] weights, int[] rows, int from, int to,
        Checks checks) {
      int p = sum.length;
      for (int r = from; r < to; r++) {
        int row = rows[r];
        double[] xi = x[row];
        double w = weights == null ? 1.0 : weights[row];
        if (xi.length != p || !(w >= 0) || Double.isInfinite(w)) {
          checkRows(x, y, weights, rows, r + 1, p, checks); // throws at row r at the latest
        }
        if (w == 0) {
          // Left out of every sum, so looked at here; a bad value may still follow a bad row
          // before it, whose message comes first.
          if (!allFinite(xi) || !Double.isFinite(y[row])) {
            checkRows(x, y, weights, rows, r + 1, p, checks);
          }
          continue;
        }
        if (first == null) {
          first = xi;
        }
        weight += w;
        sumY += w * y[row];
        addRow(xi, w, first, sum, spread);
      }
    }
  }

  /** Pass 2's block of deviations being filled, its targets, and the running residuals. */
  private static final class Deviations {
    final double[] mean;
    final double meanY;
    final double[] deviation;
    final double[] residual;
    final double[] target;
    int filled;
    double residualY;
    double yy;

    Deviations(double[] mean, double meanY, int block) {
      this.mean = mean;
      this.meanY = meanY;
      deviation = new double[mean.length];
      residual = new double[mean.length];
      target = new double[block];
    }

    /**
     * Fills the block from rows[from..] (positions in {@code rows}) until it is full or the
     * rows run out; returns the position after the last row read.
     */
    int fill(double[][] x, double[] y, double[] weights, int[] rows, int from,
        java.nio.DoubleBuffer block) {
      int p = mean.length;
      int r = from;
      while (r < rows.length && filled < target.length) {
        int row = rows[r++];
        double w = weights == null ? 1.0 : weights[row];
        if (w == 0) {
          continue;
        }
        deviationRow(x[row], w, mean, deviation, residual);
        block.put(filled * p, deviation, 0, p);
        double dy = y[row] - meanY;
        target[filled] = Math.sqrt(w) * dy;
        residualY += w * dy;
        yy += w * dy * dy;
        filled++;
      }
      return r;
    }
  }

  /**
   * Row k of the correction {@code S − W·c·cᵀ}, mirrored into the lower triangle, and
   * {@code cross[k] −= W·c_k·cy}.
   */
  private static void correctRow(double[] scatter, double[] cross, int p, int k, double weight,
      double[] c, double cy) {
    for (int j = 0; j <= k; j++) {
      // In place: (k, j) is read here before any write reaches it (the only write to it is
      // this iteration's, or the mirror's when j = k); the other triangle is overwritten.
      double v = scatter[k * p + j] - weight * c[j] * c[k];
      scatter[j * p + k] = v;
      scatter[k * p + j] = v;
    }
    cross[k] -= weight * c[k] * cy;
  }

  /** Pass 1 for one row of weight w > 0: sum += w·x, spread += |x − first|. */
  private static void addRow(double[] xi, double w, double[] first, double[] sum,
      double[] spread) {
    int p = sum.length;
    if (w == 1) {
      for (int j = 0; j < p; j++) {
        double v = xi[j];
        sum[j] += v;
        spread[j] += Math.abs(v - first[j]);
      }
    } else {
      for (int j = 0; j < p; j++) {
        double v = xi[j];
        sum[j] += w * v;
        spread[j] += Math.abs(v - first[j]);
      }
    }
  }

  /**
   * Pass 2 for one row of weight w > 0: deviation = √w·(x − m), residual += w·(x − m).
   * Modified: {@code deviation}, {@code residual}.
   */
  private static void deviationRow(double[] xi, double w, double[] mean, double[] deviation,
      double[] residual) {
    int p = mean.length;
    if (w == 1) {
      for (int j = 0; j < p; j++) {
        double d = xi[j] - mean[j];
        deviation[j] = d;
        residual[j] += d;
      }
    } else {
      double root = Math.sqrt(w);
      for (int j = 0; j < p; j++) {
        double d = xi[j] - mean[j];
        deviation[j] = root * d;
        residual[j] += w * d;
      }
    }
  }

  /**
   * S (upper triangle, column-major) += DᵀD and cross += Dᵀt for a block D of {@code filled}
   * rows (S and cross overwritten for the first block). D is stored row-major, a row per
   * observation, so it is written contiguously; as column-major it is A = Dᵀ (p×filled), and
   * DᵀD = A·Aᵀ.
   */
  private static void addBlock(int p, int filled, double[] target, boolean first,
      DoublePointer deviations, DoublePointer targetMemory, DoublePointer scatter,
      DoublePointer cross) {
    if (p == 0) {
      // No feature columns: no scatter to add to, and the BLAS refuses a leading dimension of
      // 0 ("On entry to DSYRK parameter number 7 had an illegal value", printed on stdout).
      return;
    }
    targetMemory.put(target, 0, filled);
    Blas.run(() -> openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper,
        openblas.CblasNoTrans, p, filled, 1.0, deviations, p, first ? 0.0 : 1.0, scatter, p));
    Blas.run(() -> openblas.cblas_dgemv(openblas.CblasColMajor, openblas.CblasNoTrans, p, filled,
        1.0, deviations, p, targetMemory, 1, first ? 0.0 : 1.0, cross, 1));
  }

  /** Checks rows[0..count) in order, with the messages {@code checks} names. */
  private static void checkRows(double[][] x, double[] y, double[] weights, int[] rows,
      int count, int p, Checks checks) {
    for (int r = 0; r < count; r++) {
      int row = rows[r];
      if (checks == Checks.STATISTICS) {
        check(x[row], y[row], weights == null ? 1.0 : weights[row], p, row);
      } else {
        checkAsDesign(x[row], y[row], p, row);
      }
    }
  }

  private static boolean allFinite(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v * 0; // 0 for a finite v, NaN for NaN or ±∞
    }
    return s == 0;
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
    if (!Numbers.isWeight(w)) {
      throw new InputException("row " + (row + 1) + ": " + Numbers.badWeight(w, "weights"));
    }
  }
}
