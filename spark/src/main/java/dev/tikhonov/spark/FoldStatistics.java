package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.GaussianStatistics;
import java.util.List;

/**
 * What the distributed pass returns: the {@link GaussianStatistics} of the rows of each
 * cross-validation fold k = 1..K. Everything the gaussian path and its cross-validation need
 * follows without another look at the data:
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
 * a feature that is constant on a fold's training rows keeps a variance of exactly 0, as the
 * single-machine fit on those rows sees it. That costs K − 2 merges of about 2p² flops per fold,
 * about 2K²p² for all folds (2·10⁸ at p = 1000, K = 10), next to the pass's n·p²/2.
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
        throw new InputException("fold " + (k + 1) + " of 1.." + folds.size() + " has no rows"
            + (fold.count() > 0 ? " of positive weight" : "")
            + ": use fewer folds, or give fold ids that use every fold");
      }
    }
    return new FoldStatistics(folds);
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

  /** The statistics of every row outside fold k (1..K): the rows its path is fitted on. */
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
