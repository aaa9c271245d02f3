package dev.tikhonov.spark;

import java.util.Locale;

/**
 * How many features the gaussian fit takes: the driver holds the statistics of the K folds and
 * their total, (K + 1) p×p matrices of doubles, (K + 1)·p²·8 bytes (and each task K
 * accumulators of p(p+1)/2 doubles). The limit is the smaller of
 *
 * <ul>
 *   <li>{@value #MAX_FEATURES} features, the ceiling of the single-machine covariance route
 *       (a Gram matrix of 128 MiB), and
 *   <li>the p at which (K + 1)·p²·8 bytes reach half the driver's maximum heap.
 * </ul>
 *
 * <p>At K = 10: 4096 features need 1.5 GB on the driver and 0.7 GB per task; 1000 features
 * 88 MB and 40 MB.
 *
 * <p>The IRLS fits hold the Newton statistics of the K + 1 fits at every step: the binomial's
 * weighted Gram matrices, (K + 1)·p²·8 bytes (as the gaussian's), and the multinomial's full
 * Hessians in the C(p + 1) intercepts and coefficients of all classes, C² matrices of p×p per
 * fit, (K + 1)·C²·p²·8 bytes (each task sums half of it, C(C+1)/2 blocks of p(p+1)/2 per fit);
 * the same two limits apply to that memory ({@link #maxFeatures(int, int, long)},
 * {@link #irlsMessage}). At K = 10 and C = 3: 1000 features need 0.8 GB on the driver. Stateless.
 */
final class DriverLimit {
  static final int MAX_FEATURES = 4096;

  private DriverLimit() {}

  /** (K + 1)·p²·8. */
  static long bytes(int numFeatures, int numFolds) {
    return (numFolds + 1L) * numFeatures * numFeatures * 8L;
  }

  /** The largest p for K folds on a driver whose heap is at most {@code driverHeap} bytes. */
  static int maxFeatures(int numFolds, long driverHeap) {
    double byMemory = Math.floor(Math.sqrt(driverHeap / 2.0 / (8.0 * (numFolds + 1))));
    return (int) Math.min(MAX_FEATURES, byMemory);
  }

  /** (K + 1)·B·p²·8 for B p×p matrices per fit (B = C² for multinomial, 1 otherwise). */
  static long bytes(int numFeatures, int numFolds, int matricesPerFit) {
    return bytes(numFeatures, numFolds) * matricesPerFit;
  }

  /** The largest p for K folds and B matrices per fit on a driver of {@code driverHeap}. */
  static int maxFeatures(int numFolds, int matricesPerFit, long driverHeap) {
    double byMemory = Math.floor(Math.sqrt(driverHeap / 2.0
        / (8.0 * (numFolds + 1) * matricesPerFit)));
    return (int) Math.min(MAX_FEATURES, byMemory);
  }

  /** The largest p for K folds and B matrices per fit on this JVM (the driver). */
  static int maxFeatures(int numFolds, int matricesPerFit) {
    return maxFeatures(numFolds, matricesPerFit, Runtime.getRuntime().maxMemory());
  }

  /**
   * The error of an IRLS fit (binomial: {@code classes} "2 classes", 1 matrix per fit;
   * multinomial: "C classes", C² matrices per fit) with p features beyond the limit.
   */
  static String irlsMessage(String column, int numFeatures, int numFolds, String classes,
      int matricesPerFit, int maxFeatures) {
    if (maxFeatures < 1) {
      return tooManyFolds(numFolds, matricesPerFit);
    }
    return String.format(Locale.ROOT, "column '%s' has %d features, more than the %d this fit "
        + "takes with %d folds and %s: the driver would hold %d matrices of p×p doubles, "
        + "(K + 1)·%sp²·8 = %s (the limit is %d features, and that memory within half the "
        + "driver's heap); select or hash fewer features", column, numFeatures, maxFeatures,
        numFolds, classes, (numFolds + 1) * matricesPerFit,
        matricesPerFit == 1 ? "" : "C²·", humanBytes(bytes(numFeatures, numFolds,
            matricesPerFit)), MAX_FEATURES);
  }

  /** The largest p on this JVM (the driver). */
  static int maxFeatures(int numFolds) {
    return maxFeatures(numFolds, Runtime.getRuntime().maxMemory());
  }

  /** The error for p features beyond the limit. */
  static String message(String column, int numFeatures, int numFolds, int maxFeatures) {
    if (maxFeatures < 1) {
      return tooManyFolds(numFolds, 1);
    }
    return String.format(Locale.ROOT, "column '%s' has %d features, more than the %d this fit "
        + "takes with %d folds: the driver would hold %d matrices of p×p doubles, "
        + "(K + 1)·p²·8 = %s (the limit is %d features, and that memory within half the "
        + "driver's heap); select or hash fewer features", column, numFeatures, maxFeatures,
        numFolds, numFolds + 1, humanBytes(bytes(numFeatures, numFolds)), MAX_FEATURES);
  }

  /**
   * The error when not even one feature fits: the folds are the problem, not the features (it
   * said "column 'features' has 3 features, more than the 0 this fit takes").
   */
  static String tooManyFolds(int numFolds, int matricesPerFit) {
    return String.format(Locale.ROOT, "%d folds are more than the driver can hold: the"
        + " statistics of their %d fits take %s even for one feature, more than half the"
        + " driver's heap; use fewer folds (at most one per row)", numFolds, numFolds + 1L,
        humanBytes(bytes(1, numFolds, matricesPerFit)));
  }

  static String humanBytes(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
  }
}
