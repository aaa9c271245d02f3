package dev.tikhonov.select;

import dev.tikhonov.internal.data.Indices;

/**
 * The statistics of a cross-validation over candidates ordered from the most regularized (the
 * simplest) to the least: cv.glmnet's {@code cvcompute} and its two choices. With e_kc the mean
 * held-out loss of fold k for candidate c and w_k the fold's weight (its number of held-out rows):
 *
 * <pre>
 *   mean_c  = Σ_k w_k e_kc / Σ_k w_k
 *   se_c    = sqrt( Σ_k w_k (e_kc − mean_c)² / Σ_k w_k / (K − 1) )
 *   min     = the first candidate with the smallest mean (ties: the simpler one)
 *   1se     = the first candidate with mean_c ≤ mean_min + se_min
 * </pre>
 *
 * Along a λ path in decreasing order "first" is "largest λ", so {@code min} is cv.glmnet's
 * λ_min and {@code 1se} its λ_1se; for any other candidates (a grid of settings) the order
 * says which is simpler, and the one-standard-error rule picks the simplest candidate whose
 * mean is within one standard error of the best. Always {@code index1se ≤ indexMin}.
 *
 * <p>Immutable and thread-safe: the arrays are copied in, and {@link #mean()} and
 * {@link #standardError()} return copies; {@link #mean(int)} and {@link #standardError(int)}
 * read one value without copying, for loops over the candidates.
 *
 * @param mean mean held-out loss per candidate
 * @param standardError its standard error per candidate
 * @param indexMin the candidate with the smallest mean
 * @param index1se the simplest candidate within one standard error of it
 */
public record CvSummary(double[] mean, double[] standardError, int indexMin, int index1se) {

  public CvSummary {
    mean = mean.clone();
    standardError = standardError.clone();
    if (standardError.length != mean.length) {
      throw new IllegalArgumentException(standardError.length + " standard errors for "
          + mean.length + " means");
    }
  }

  /** Mean held-out loss per candidate; a new array. */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /** Its standard error per candidate; a new array. */
  @Override
  public double[] standardError() {
    return standardError.clone();
  }

  /** How many candidates were scored. */
  public int numCandidates() {
    return mean.length;
  }

  /** The mean held-out loss of candidate {@code c} (0-based). */
  public double mean(int c) {
    return mean[checked(c)];
  }

  /** The standard error of candidate {@code c} (0-based). */
  public double standardError(int c) {
    return standardError[checked(c)];
  }

  private int checked(int c) {
    return Indices.checked(c, mean.length, "candidate", "candidates");
  }

  /**
   * "CvSummary[4 candidates; min: index 3 (loss 0.412 ± 0.031), 1se: index 1 (loss 0.430 ±
   * 0.028)]", not the arrays' addresses.
   */
  @Override
  public String toString() {
    if (mean.length == 0) {
      return "CvSummary[no candidates]";
    }
    return String.format(java.util.Locale.ROOT,
        "CvSummary[%d candidates; min: index %d (loss %.6g ± %.2g), 1se: index %d (loss %.6g ± "
            + "%.2g)]", mean.length, indexMin, mean[indexMin], standardError[indexMin], index1se,
        mean[index1se], standardError[index1se]);
  }

  /**
   * The summary of {@code foldLoss} [fold][candidate] with fold weights {@code foldWeight}: the
   * weighted mean per candidate and its standard error with N = K, every fold counted at every
   * candidate, as cv.glmnet 4.x's {@code cvcompute} (glmnet before 4.0 left a fold whose path
   * ended early out of N past its end).
   */
  public static CvSummary of(double[][] foldLoss, double[] foldWeight) {
    int k = foldLoss.length;
    if (k == 0 || foldWeight.length != k) {
      throw new IllegalArgumentException("a cross-validation summary needs one weight per fold"
          + " and at least one fold, got " + k + " folds and " + foldWeight.length + " weights");
    }
    int m = foldLoss[0].length;
    if (m == 0) {
      throw new IllegalArgumentException("a cross-validation summary needs at least one"
          + " candidate");
    }
    double totalWeight = 0;
    for (double w : foldWeight) {
      totalWeight += w;
    }
    double[] mean = new double[m];
    double[] se = new double[m];
    for (int c = 0; c < m; c++) {
      double s = 0;
      for (int f = 0; f < k; f++) {
        s += foldWeight[f] * foldLoss[f][c];
      }
      mean[c] = s / totalWeight;
      double v = 0;
      for (int f = 0; f < k; f++) {
        double d = foldLoss[f][c] - mean[c];
        v += foldWeight[f] * d * d;
      }
      se[c] = Math.sqrt(v / totalWeight / (k - 1));
    }
    int best = indexMin(mean);
    return new CvSummary(mean, se, best, indexOneStandardError(mean, se, best));
  }

  /** The first index of the smallest mean (ties go to the simpler, earlier candidate). */
  public static int indexMin(double[] mean) {
    int best = 0;
    for (int c = 1; c < mean.length; c++) {
      if (mean[c] < mean[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * The one-standard-error rule: the first (simplest) index whose mean is at most
   * {@code mean[best] + standardError[best]}; {@code best} itself when that bound is not a
   * number.
   */
  public static int indexOneStandardError(double[] mean, double[] standardError, int best) {
    double bound = mean[best] + standardError[best];
    for (int c = 0; c < best; c++) {
      if (mean[c] <= bound) {
        return c;
      }
    }
    return best;
  }
}
