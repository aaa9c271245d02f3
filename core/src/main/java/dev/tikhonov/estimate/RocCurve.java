package dev.tikhonov.estimate;

import java.util.Arrays;
import java.util.Objects;

/**
 * The ROC curve of two-class scores: for each threshold t, the rows scored s ≥ t called the
 * second class, and
 *
 * <pre>
 *   FPR(t) = Σ_{first-class i: sᵢ ≥ t} wᵢ / W₀      TPR(t) = Σ_{second-class i: sᵢ ≥ t} wᵢ / W₁
 * </pre>
 *
 * <p>(wᵢ = 1 without weights; W₀, W₁ the classes' weight sums). The thresholds are +∞ (the
 * point (0, 0)) and then every distinct score, highest first; rows of one score move the curve
 * together, in one straight step, so the trapezoid {@link #area()} counts a tie between the
 * classes ½ and equals {@link ClassifierEvaluation#auc()} (up to rounding). Its points after
 * the first are glmnet's {@code roc.glmnet} rows; scikit-learn's {@code roc_curve(...,
 * drop_intermediate=False)} gives the same. Immutable (its arrays are copied in and out), so
 * thread-safe.
 *
 * @param thresholds +∞, then the distinct scores, decreasing
 * @param falsePositiveRate FPR at each threshold, from 0 up to 1
 * @param truePositiveRate TPR at each threshold, from 0 up to 1
 */
public record RocCurve(double[] thresholds, double[] falsePositiveRate,
    double[] truePositiveRate) {

  public RocCurve {
    if (thresholds.length == 0 || falsePositiveRate.length != thresholds.length
        || truePositiveRate.length != thresholds.length) {
      throw new IllegalArgumentException(thresholds.length + " thresholds, "
          + falsePositiveRate.length + " false and " + truePositiveRate.length
          + " true positive rates");
    }
    thresholds = thresholds.clone();
    falsePositiveRate = falsePositiveRate.clone();
    truePositiveRate = truePositiveRate.clone();
  }

  /** +∞, then the distinct scores, decreasing (a copy). */
  @Override
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** FPR at each threshold, from 0 up to 1 (a copy). */
  @Override
  public double[] falsePositiveRate() {
    return falsePositiveRate.clone();
  }

  /** TPR at each threshold, from 0 up to 1 (a copy). */
  @Override
  public double[] truePositiveRate() {
    return truePositiveRate.clone();
  }

  /**
   * The curve of {@code score} (any increasing function of the second class's probability:
   * the log-odds η keep apart rows whose probabilities round to one double), rows weighted 1.
   *
   * @throws IllegalArgumentException for a NaN score, lengths that differ, or rows all of one
   *     class (no rate of the other)
   */
  public static RocCurve of(double[] score, boolean[] secondClass) {
    double[] ones = new double[score.length];
    Arrays.fill(ones, 1);
    return of(score, secondClass, ones);
  }

  /**
   * The curve with row weights wᵢ ≥ 0 (cv.glmnet's weighted AUC ranks pairs by wᵢwⱼ; this
   * curve's area is that AUC).
   *
   * @throws IllegalArgumentException as {@link #of(double[], boolean[])}, or when a class has
   *     no positive weight
   */
  public static RocCurve of(double[] score, boolean[] secondClass, double[] weight) {
    int n = score.length;
    if (secondClass.length != n || weight.length != n) {
      throw new IllegalArgumentException(n + " scores, " + secondClass.length + " labels and "
          + weight.length + " weights");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(score[i])) {
        throw new IllegalArgumentException("score " + (i + 1) + " is NaN");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    double[] t = new double[n + 1];
    double[] first = new double[n + 1];
    double[] second = new double[n + 1];
    t[0] = Double.POSITIVE_INFINITY;
    int points = 1;
    for (int start = 0; start < n; ) {
      double s = score[order[start]];
      double f = first[points - 1];
      double p = second[points - 1];
      int end = start;
      for (; end < n && score[order[end]] == s; end++) {
        int i = order[end];
        if (secondClass[i]) {
          p += weight[i];
        } else {
          f += weight[i];
        }
      }
      t[points] = s;
      first[points] = f;
      second[points] = p;
      points++;
      start = end;
    }
    double totalFirst = first[points - 1];
    double totalSecond = second[points - 1];
    if (!(totalFirst > 0 && totalSecond > 0)) {
      throw new IllegalArgumentException("the rows are all of the " + (totalSecond > 0
          ? "second" : "first") + " class: no ROC curve");
    }
    double[] fpr = new double[points];
    double[] tpr = new double[points];
    for (int j = 0; j < points; j++) {
      fpr[j] = first[j] / totalFirst;
      tpr[j] = second[j] / totalSecond;
    }
    return new RocCurve(Arrays.copyOf(t, points), fpr, tpr);
  }

  /** The number of points, thresholds + ∞ included. */
  public int size() {
    return thresholds.length;
  }

  /** The trapezoid area under the points: Σ (FPRⱼ − FPRⱼ₋₁)·(TPRⱼ + TPRⱼ₋₁)/2. */
  public double area() {
    double area = 0;
    for (int j = 1; j < thresholds.length; j++) {
      area += (falsePositiveRate[j] - falsePositiveRate[j - 1])
          * (truePositiveRate[j] + truePositiveRate[j - 1]) / 2;
    }
    return area;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RocCurve r && Arrays.equals(thresholds, r.thresholds)
        && Arrays.equals(falsePositiveRate, r.falsePositiveRate)
        && Arrays.equals(truePositiveRate, r.truePositiveRate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(thresholds), Arrays.hashCode(falsePositiveRate),
        Arrays.hashCode(truePositiveRate));
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "RocCurve[%d points, area %.6g]",
        thresholds.length, area());
  }
}
