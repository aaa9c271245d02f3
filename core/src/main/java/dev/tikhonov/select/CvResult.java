package dev.tikhonov.select;

/**
 * Cross-validation over a λ path, with cv.glmnet's definitions. With e_kl the mean held-out loss
 * of fold k at λ_l and w_k the fold's size:
 *
 * <pre>
 *   mean_l = Σ_k w_k e_kl / Σ_k w_k
 *   se_l   = sqrt( Σ_k w_k (e_kl − mean_l)² / Σ_k w_k / (K − 1) )
 *   λ_min  = the largest λ with the smallest mean
 *   λ_1se  = the largest λ with mean_l ≤ mean_min + se_min
 * </pre>
 *
 * @param lambdas the λ values (the full data's path), decreasing
 * @param mean mean CV loss per λ (MSE for gaussian, deviance otherwise)
 * @param standardError its standard error per λ
 * @param foldLoss e_kl, [fold k − 1][λ index]
 * @param indexMin index of λ_min
 * @param index1se index of λ_1se
 *
 * <p>An immutable value (do not modify the arrays); thread-safe.
 */
public record CvResult(
    double[] lambdas,
    double[] mean,
    double[] standardError,
    double[][] foldLoss,
    int indexMin,
    int index1se) {

  public double lambdaMin() {
    return lambdas[indexMin];
  }

  public double lambda1se() {
    return lambdas[index1se];
  }

  /** Builds the result from per-fold losses and fold weights, as cv.glmnet's cvcompute. */
  static CvResult of(double[] lambda, double[][] foldLoss, double[] foldWeight, int[] foldsWithFit) {
    int m = lambda.length;
    int k = foldLoss.length;
    double totalWeight = 0;
    for (double w : foldWeight) {
      totalWeight += w;
    }
    double[] mean = new double[m];
    double[] se = new double[m];
    for (int l = 0; l < m; l++) {
      double s = 0;
      for (int f = 0; f < k; f++) {
        s += foldWeight[f] * foldLoss[f][l];
      }
      mean[l] = s / totalWeight;
      double v = 0;
      for (int f = 0; f < k; f++) {
        double d = foldLoss[f][l] - mean[l];
        v += foldWeight[f] * d * d;
      }
      se[l] = Math.sqrt(v / totalWeight / (foldsWithFit[l] - 1));
    }
    int best = 0;
    for (int l = 1; l < m; l++) {
      // λ decreases with l, so keeping the first minimum keeps the largest λ among ties.
      if (mean[l] < mean[best]) {
        best = l;
      }
    }
    double bound = mean[best] + se[best];
    int oneSe = best;
    for (int l = 0; l < m; l++) {
      if (mean[l] <= bound) {
        oneSe = l;
        break;
      }
    }
    return new CvResult(lambda.clone(), mean, se, foldLoss, best, oneSe);
  }
}
