package dev.tikhonov.spark;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/**
 * Seeded random fold ids for rows whose number is not known in advance, as a pure function of
 * the row's content:
 *
 * <pre>
 *   h    = mix(seed, label, (j, x_j) for every nonzero x_j in increasing j)    64 bits
 *   fold = 1 + ⌊K · u⌋,  u = (h &gt;&gt;&gt; 11) · 2⁻⁵³ ∈ [0, 1)
 * </pre>
 *
 * with {@code mix} a chain of SplitMix64 finalizers (Steele, Lea &amp; Flood 2014) over the raw
 * IEEE bits (−0.0 is read as 0.0; explicit zeros of a sparse vector are skipped, so a dense and
 * a sparse vector of the same values hash alike).
 *
 * <p><b>The guarantee.</b> A row's fold depends on (seed, K, its label and features) only: the
 * same data give the same folds however they are partitioned, ordered, cached, re-read or
 * retried, on any executor, JVM or Spark version. Nothing positional can give that in one pass:
 * {@code monotonically_increasing_id} encodes the partition index and {@code zipWithIndex} needs
 * a job of its own to count the partitions' rows, and cv.glmnet's assignment
 * {@code sample(rep(1:K, length = n))} needs n before the first row. The price: identical rows
 * share a fold (harmless for CV, arguably right: a duplicate in the training and the test fold
 * would leak), the fold sizes are binomial(n, 1/K) instead of equal (about n/K ± √(n/K)), and
 * the folds are not cv.glmnet's. To reproduce cv.glmnet's folds, or to fold by a group (a
 * customer, a day), give the fold ids as a column.
 *
 * <p>Stateless and thread-safe.
 */
final class RandomFolds {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private RandomFolds() {}

  /** The fold (1..numFolds) of a row with this label and these features. */
  static int fold(long seed, int numFolds, double label, Vector features) {
    long h = mix(seed ^ GOLDEN);
    h = mix(h + bits(label));
    if (features instanceof SparseVector sparse) {
      int[] indices = sparse.indices();
      double[] values = sparse.values();
      for (int i = 0; i < values.length; i++) {
        if (values[i] != 0) {
          h = mix(mix(h + indices[i]) + bits(values[i]));
        }
      }
    } else {
      double[] values = ((DenseVector) features).values();
      for (int j = 0; j < values.length; j++) {
        if (values[j] != 0) {
          h = mix(mix(h + j) + bits(values[j]));
        }
      }
    }
    double u = (h >>> 11) * 0x1.0p-53;
    return 1 + (int) (u * numFolds);
  }

  private static long bits(double v) {
    return Double.doubleToLongBits(v == 0 ? 0.0 : v);
  }

  /** SplitMix64's finalizer: a bijection of 64-bit words with full avalanche. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
