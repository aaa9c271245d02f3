package dev.tikhonov.select;

import dev.tikhonov.internal.data.Indices;
import java.util.List;

/**
 * Cross-validation of a relaxed lasso over (λ, γ), cv.glmnet's with {@code relax = TRUE}: one
 * {@link CvResult} per γ (each over the full data's λ sequence, with cv.glmnet's mean and
 * standard error), and the choices of glmnet's {@code getOptcv.relaxed}, over all (λ, γ)
 * together:
 *
 * <pre>
 *   (λ_min, γ_min) = among the pairs with the smallest mean: the largest λ, then the largest γ
 *   (λ_1se, γ_1se) = among the pairs with mean ≤ mean(λ_min, γ_min) + se(λ_min, γ_min):
 *                    the largest λ, then the largest γ
 * </pre>
 *
 * For a measure whose larger values are better (the AUC, {@link CvMeasure#largerIsBetter}) the
 * same on the negated means: the largest mean, and mean ≥ mean(λ_min, γ_min) − se.
 *
 * Larger λ and larger γ (closer to the lasso) are the more regularized. Immutable and
 * thread-safe: the γ are copied in and {@link #gammas()} and {@link #lambdas()} return copies;
 * {@link #gamma(int)} and {@link #lambda(int)} read one value without copying, as the curves'
 * own index accessors do ({@link CvResult#mean(int)}).
 *
 * @param gammas the γ values, increasing
 * @param curves the cross-validation per γ, in the order of {@code gammas}
 * @param indexMin λ index of the minimum
 * @param gammaIndexMin γ index of the minimum
 * @param index1se λ index of the one-standard-error choice
 * @param gammaIndex1se γ index of the one-standard-error choice
 */
public record RelaxedCvResult(double[] gammas, List<CvResult> curves, int indexMin,
    int gammaIndexMin, int index1se, int gammaIndex1se) {

  public RelaxedCvResult {
    curves = List.copyOf(curves);
    gammas = gammas.clone();
    if (curves.size() != gammas.length || gammas.length == 0) {
      throw new IllegalArgumentException("one cross-validation curve per γ, at least one");
    }
  }

  /** The γ values, increasing; a new array. */
  @Override
  public double[] gammas() {
    return gammas.clone();
  }

  /** How many γ were scored. */
  public int numGammas() {
    return gammas.length;
  }

  /** How many λ each γ's curve has. */
  public int numLambdas() {
    return curves.get(0).numLambdas();
  }

  /**
   * γ at index {@code g} (0-based, increasing).
   *
   * @throws IndexOutOfBoundsException naming the index and the number of γ
   */
  public double gamma(int g) {
    return gammas[checkedGamma(g)];
  }

  /** λ at index {@code l} (0-based, the full data's path, decreasing). */
  public double lambda(int l) {
    return curves.get(0).lambda(l);
  }

  private int checkedGamma(int g) {
    return Indices.checked(g, gammas.length, "γ", "γ");
  }

  /** The choices of glmnet's getOptcv.relaxed for per-γ curves over the same λ. */
  public static RelaxedCvResult of(double[] gammas, List<CvResult> curves) {
    int m = curves.get(0).numLambdas();
    // the means as losses: negated for a measure whose larger values are better
    double sign = curves.get(0).measure().largerIsBetter() ? -1 : 1;
    double best = Double.POSITIVE_INFINITY;
    for (CvResult c : curves) {
      for (double v : c.mean()) {
        best = Math.min(best, sign * v);
      }
    }
    int[] min = first(curves, m, best, sign);
    CvResult at = curves.get(min[1]);
    int[] oneSe = first(curves, m, sign * at.mean(min[0]) + at.standardError(min[0]),
        sign);
    return new RelaxedCvResult(gammas, curves, min[0], min[1], oneSe[0], oneSe[1]);
  }

  /**
   * The pair with sign·mean ≤ bound and the largest λ (smallest index), then the largest γ; the
   * minimum of sign·mean itself when the bound is not a number.
   */
  private static int[] first(List<CvResult> curves, int m, double bound, double sign) {
    for (int l = 0; l < m; l++) {
      for (int g = curves.size() - 1; g >= 0; g--) {
        if (sign * curves.get(g).mean(l) <= bound) {
          return new int[] {l, g};
        }
      }
    }
    // A NaN bound: fall back to the minimum over every pair.
    int[] out = {0, 0};
    double best = Double.POSITIVE_INFINITY;
    for (int l = 0; l < m; l++) {
      for (int g = curves.size() - 1; g >= 0; g--) {
        if (sign * curves.get(g).mean(l) < best) {
          best = sign * curves.get(g).mean(l);
          out = new int[] {l, g};
        }
      }
    }
    return out;
  }

  /** What every γ's curve was scored by. */
  public CvMeasure measure() {
    return curves.get(0).measure();
  }

  /** The λ values (the full data's path), decreasing; a new array. */
  public double[] lambdas() {
    return curves.get(0).lambdas();
  }

  /** λ_min, the λ of the pair (λ_min, γ_min) with the best mean score (the class javadoc). */
  public double lambdaMin() {
    return lambda(indexMin);
  }

  /** γ_min ∈ [0, 1], the γ of that pair (1 is the lasso fit, 0 the unpenalized refit). */
  public double gammaMin() {
    return gammas[gammaIndexMin];
  }

  /**
   * λ_1se, the λ of the pair (λ_1se, γ_1se): the most regularized pair within one standard
   * error of the best.
   */
  public double lambda1se() {
    return lambda(index1se);
  }

  /** γ_1se ∈ [0, 1], the γ of that pair. */
  public double gamma1se() {

    return gammas[gammaIndex1se];
  }

  /**
   * The cross-validation curve of γ index {@code g} (0-based, as {@link #gammas()}).
   *
   * @throws IndexOutOfBoundsException naming the index and the number of γ
   */
  public CvResult curve(int g) {
    return curves.get(checkedGamma(g));
  }

  /**
   * "RelaxedCvResult[5 γ × 100 λ; min: λ = 0.0123 (index 30, loss 1.02 ± 0.061), γ = 0; 1se:
   * …]", not the arrays' addresses.
   */
  @Override
  public String toString() {
    return "RelaxedCvResult[" + gammas.length + " γ × " + numLambdas() + " λ; min: λ = "
        + curves.get(gammaIndexMin).describe(indexMin) + ", γ = " + gammaMin() + "; 1se: λ = "
        + curves.get(gammaIndex1se).describe(index1se) + ", γ = " + gamma1se() + "]";
  }
}
