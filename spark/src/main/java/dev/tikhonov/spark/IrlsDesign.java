package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.GaussianStatistics;

/**
 * One distributed IRLS fit's design, from the weighted moments of its rows (all rows, or one
 * fold's training rows): W = Σw, the feature means mⱼ, and with the variance
 * σⱼ² = Sxxⱼⱼ/W (divisor W) the scale sⱼ = σⱼ with {@code standardize} (1 without, and for a
 * constant feature), the design's column variance σⱼ²/sⱼ² (1 standardized; 0 for a constant
 * feature, which is excluded). An immutable value (do not modify the arrays); thread-safe.
 *
 * @param weight W, the weight sum
 * @param mean mⱼ
 * @param scale sⱼ
 * @param variance the design's column variances σⱼ²/sⱼ², 0 where excluded
 * @param included whether feature j varies on these rows
 */
record IrlsDesign(double weight, double[] mean, double[] scale, double[] variance,
    boolean[] included) {

  /** The design of the rows summarized by {@code s}; bad input when no row has weight. */
  static IrlsDesign of(GaussianStatistics s, boolean standardize) {
    if (s.count() == 0 || !(s.weightSum() > 0)) {
      throw new InputException("no rows of positive weight: nothing to fit");
    }
    int p = s.numFeatures();
    double weight = s.weightSum();
    double[] scale = new double[p];
    double[] variance = new double[p];
    boolean[] included = new boolean[p];
    double[] scatter = s.featureScatter();
    for (int j = 0; j < p; j++) {
      double var = Math.max(scatter[j * p + j], 0.0) / weight;
      included[j] = var > 0;
      scale[j] = standardize && included[j] ? Math.sqrt(var) : 1.0;
      variance[j] = included[j] ? var / (scale[j] * scale[j]) : 0.0;
    }
    return new IrlsDesign(weight, s.featureMeans(), scale, variance, included);
  }
}
