package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;

/**
 * The rows of a closed-form ridge fit ({@link RidgeSolver}, {@link RidgeSvdPath}) as the
 * gaussian design sees them: the normalized weights ωᵢ = wᵢ/Σw (1/n without weights), whether
 * an intercept is fitted (the means are then the weighted ones, else 0), and the scale √(nωᵢ)
 * by which the design multiplies its centered rows when the weights are not all equal
 * ({@link DenseDesign}'s {@code scaleRows}), so that the unweighted (1/n) products of the
 * closed forms are the weighted ones: (1/n)Σ(√(nωᵢ)uᵢ)(√(nωᵢ)vᵢ) = Σωᵢuᵢvᵢ. Weights all equal
 * scale nothing (the unweighted arithmetic to the last bit). Immutable; thread-safe.
 */
final class RidgeRows {
  /** ωᵢ, summing to 1. */
  final double[] omega;
  final boolean intercept;
  /** All ωᵢ equal: no row is scaled. */
  final boolean uniform;
  /** The number of rows of positive weight, n₊ (GCV's count of observations). */
  final int positive;

  private RidgeRows(double[] omega, boolean intercept) {
    this.omega = omega;
    this.intercept = intercept;
    boolean equal = true;
    int count = 0;
    for (double o : omega) {
      equal &= o == omega[0];
      count += o > 0 ? 1 : 0;
    }
    this.uniform = equal;
    this.positive = count;
  }

  /**
   * The n rows with the observations' weights.
   *
   * @throws InputException for offsets, or weights that are negative, not finite or all 0
   *     (naming {@code offsets} or {@code weights} and the row)
   */
  static RidgeRows of(int n, Observations observations, boolean intercept) {
    if (observations.hasOffsets()) {
      throw InputException.about("offsets", ": closed-form ridge takes no offsets");
    }
    return new RidgeRows(ElasticNetPath.normalizedWeights(observations, n,
        StandardizedDesign.allRows(n)), intercept);
  }

  /**
   * ȳ = Σωᵢyᵢ (the plain mean without weights), 0 without an intercept; an InputException
   * naming the row of a target that is not finite or too large to square.
   */
  double targetMean(double[] y) {
    double mean = StandardizedDesign.finiteMean(y);
    if (!uniform) {
      mean = 0;
      for (int i = 0; i < y.length; i++) {
        mean += omega[i] * y[i];
      }
    }
    return intercept ? mean : 0;
  }

  /** Row i's value v as the design's rows are scaled: v·√(nωᵢ), or v when none is. */
  double scaled(int i, double v) {
    return uniform ? v : v * Math.sqrt(omega.length * omega[i]);
  }

  /** The scaled y − ȳ ({@link #scaled}) of every row. */
  double[] centered(double[] y, double mean) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = scaled(i, y[i] - mean);
    }
    return out;
  }

  /** The intercept's part of row i's leverage: ωᵢ (1/n without weights), 0 without one. */
  double interceptLeverage(int i) {
    return intercept ? omega[i] : 0;
  }

  /**
   * The weights for {@link TwoPassStatistics} that give the scaled rows' products: nωᵢ (so
   * Σᵢ nωᵢ(xᵢ − x̄)(xᵢ − x̄)ᵀ = ZᵀZ), or null (all 1) when no row is scaled.
   */
  double[] statisticsWeights() {
    if (uniform) {
      return null;
    }
    double[] w = new double[omega.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = omega.length * omega[i];
    }
    return w;
  }
}
