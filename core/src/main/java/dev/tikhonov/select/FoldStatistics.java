package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.linear.GaussianStatistics;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link GaussianStatistics} of the rows of each cross-validation fold k = 1..K: everything
 * the gaussian path and its K-fold cross-validation need
 * ({@link CrossValidation#gaussian}), without another look at the rows:
 *
 * <pre>
 *   total       = fold 1 ⊕ fold 2 ⊕ … ⊕ fold K                 (the full fit)
 *   training(k) = fold 1 ⊕ … ⊕ fold k−1 ⊕ fold k+1 ⊕ … ⊕ fold K  (fold k's fit)
 *   held-out loss of fold k at (a₀, b) = fold(k).meanSquaredError(a₀, b)
 * </pre>
 *
 * where ⊕ is {@link GaussianStatistics#plus}, always applied left to right in fold order, so
 * the same folds give the same bits. The training statistics are merged from the other folds
 * rather than subtracted from the total ({@link GaussianStatistics#minus}): no cancellation, and
 * a feature that is constant on a fold's training rows keeps a scatter of exactly 0, so it is
 * left out of that fold's fit exactly as the fit on those rows leaves it out. That costs K − 2
 * merges of about 1.5p² flops per fold, about 1.5K²p² for all folds, next to the n·p²/2 of the
 * statistics themselves; a fold's training statistics are built when asked and not kept (the
 * K fold statistics, K·p² doubles, are what this holds).
 *
 * <p>From rows at hand, {@link #of(double[][], double[], double[], KFold)} computes each fold's
 * statistics by two passes and the BLAS ({@link GaussianStatistics#twoPass}): n·p²/2 flops for
 * all K + 1 fits, where fitting each fold from its rows forms K + 1 Gram matrices.
 *
 * <p>Immutable; thread-safe.
 */
public final class FoldStatistics {
  private final List<GaussianStatistics> folds;
  private final GaussianStatistics total;

  private FoldStatistics(List<GaussianStatistics> folds) {
    this.folds = List.copyOf(folds);
    GaussianStatistics sum = folds.get(0);
    for (int k = 1; k < folds.size(); k++) {
      sum = sum.plus(folds.get(k));
    }
    this.total = sum;
  }

  /**
   * The statistics of folds 1..K, in order. Every fold needs rows of positive weight: an empty
   * fold is an {@link InputException} naming it.
   */
  public static FoldStatistics of(List<GaussianStatistics> folds) {
    if (folds.size() < 2) {
      throw new InputException("cross-validation needs at least 2 folds, got " + folds.size());
    }
    int p = folds.get(0).numFeatures();
    for (int k = 0; k < folds.size(); k++) {
      GaussianStatistics fold = folds.get(k);
      if (fold.numFeatures() != p) {
        throw new IllegalArgumentException("fold " + (k + 1) + " has " + fold.numFeatures()
            + " features, fold 1 has " + p);
      }
      if (!(fold.weightSum() > 0)) {
        throw new FoldException(k + 1, folds.size(), "fold " + (k + 1) + " of 1.." + folds.size()
            + " has no rows" + (fold.count() > 0 ? " of positive weight" : "")
            + ": use fewer folds, or give fold ids that use every fold");
      }
    }
    return new FoldStatistics(folds);
  }

  /** Each fold's statistics from the rows of x and y (weight 1 each) in that fold. */
  public static FoldStatistics of(double[][] x, double[] y, KFold folds) {
    double[] ones = new double[x.length];
    Arrays.fill(ones, 1.0);
    return of(x, y, ones, folds);
  }

  /**
   * Each fold's statistics from the rows of x, y and weights in that fold (two passes and the
   * BLAS per fold, {@link GaussianStatistics#twoPass}).
   *
   * <p>A column whose largest magnitude over all rows (of positive weight) is below 2⁻⁴⁰⁰
   * (about 3.9e-121; values near 1e-301, say) is refused, naming it and the power of two 2ᵏ
   * that takes it to about 1: its squared deviations underflow, and the statistics would read
   * it as constant (a coefficient of 0 without a word). The fit on the column multiplied by 2ᵏ
   * (exact) is the fit on it with that coefficient multiplied by 2ᵏ; ElasticNetCV does that by
   * taking the rows' route. Only the whole data's largest magnitude counts: a column of order 1
   * that is tiny on one fold's rows is taken. A column tiny on every row but those of one fold
   * is not refused, but that fold's training statistics read it as constant (its fit leaves it
   * out) — fit such data from the rows ({@link CrossValidation#path}).
   *
   * @throws InputException for a fold id count other than the rows, a value that is not
   *     finite (naming the row, 1-based), or such a tiny column
   */
  public static FoldStatistics of(double[][] x, double[] y, double[] weights, KFold folds) {
    if (folds.size() != y.length) {
      throw new InputException("folds: " + folds.size() + " fold ids for " + y.length
          + " rows");
    }
    Numbers.requireSquarable(x, weights);
    GaussianStatistics[] statistics = new GaussianStatistics[folds.numFolds()];
    for (int k = 1; k <= folds.numFolds(); k++) {
      statistics[k - 1] = GaussianStatistics.twoPass(x, y, weights, folds.testRows(k));
    }
    return of(Arrays.asList(statistics));
  }

  /** K. */
  public int numFolds() {
    return folds.size();
  }

  /** p. */
  public int numFeatures() {
    return total.numFeatures();
  }

  /** The statistics of all rows. */
  public GaussianStatistics total() {
    return total;
  }

  /** The statistics of the rows of fold k (1..K): its held-out rows. */
  public GaussianStatistics fold(int k) {
    return folds.get(index(k));
  }

  /**
   * The statistics of every row outside fold k (1..K): the rows its path is fitted on, merged
   * from the other folds in fold order (K − 2 merges; not cached).
   */
  public GaussianStatistics training(int k) {
    int skip = index(k);
    GaussianStatistics sum = null;
    for (int i = 0; i < folds.size(); i++) {
      if (i != skip) {
        sum = sum == null ? folds.get(i) : sum.plus(folds.get(i));
      }
    }
    return sum;
  }

  /** Rows per fold (including rows of weight 0), folds 1..K. */
  public long[] rowCounts() {
    return folds.stream().mapToLong(GaussianStatistics::count).toArray();
  }

  private int index(int k) {
    if (k < 1 || k > folds.size()) {
      throw new IllegalArgumentException("fold " + k + " is not in 1.." + folds.size());
    }
    return k - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FoldStatistics f && folds.equals(f.folds);
  }

  @Override
  public int hashCode() {
    return folds.hashCode();
  }

  @Override
  public String toString() {
    return "FoldStatistics[K=" + folds.size() + ", p=" + numFeatures() + ", rows="
        + total.count() + "]";
  }
}
