package dev.tikhonov.linear;

import java.util.List;

/**
 * A fitted regularization path: for each λ, the intercepts and coefficients minimizing
 * {@code (1/n) Σ ℓ(yᵢ, ηᵢ) + λ Σⱼ vⱼ [(1−α)/2 bⱼ² + α|bⱼ|]} with {@code η = a₀ + x·b}
 * (DESIGN.md's objective, glmnet's with {@code standardize = FALSE}). Coefficients are always on
 * the original scale of the features, whatever standardization the fit used inside.
 *
 * <p>K = 1 for gaussian and binomial, K = number of classes for multinomial.
 *
 * @param family the loss
 * @param l1Ratio α
 * @param lambda the λ values, decreasing
 * @param intercept [λ index][K]
 * @param coef [λ index][K][p]
 * @param df degrees of freedom at each λ (nonzero coefficients; for multinomial, features with
 *     a nonzero coefficient in any class)
 * @param devRatio fraction of the null deviance explained, 1 − dev/dev₀
 * @param dualityGap duality gap (or, where no dual is cheap, the KKT violation) at each λ,
 *     relative to the null deviance; NaN where not computed
 * @param featureNames p names
 * @param classNames K class names (multinomial, binomial: the two classes); empty for gaussian
 */
public record GlmPath(
    Family family,
    double l1Ratio,
    double[] lambda,
    double[][] intercept,
    double[][][] coef,
    int[] df,
    double[] devRatio,
    double[] dualityGap,
    List<String> featureNames,
    List<String> classNames) {

  public GlmPath {
    int m = lambda.length;
    if (intercept.length != m || coef.length != m || df.length != m || devRatio.length != m
        || dualityGap.length != m) {
      throw new IllegalArgumentException("path arrays must all have one entry per λ");
    }
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
  }

  /** Number of λ values. */
  public int size() {
    return lambda.length;
  }

  /** Number of features p. */
  public int numFeatures() {
    return featureNames.size();
  }

  /** η = a₀ + x·b at λ index {@code l}, for rows of {@code x} (n×p): n×K. */
  public double[][] linearPredictor(double[][] x, int l) {
    int k = intercept[l].length;
    double[][] eta = new double[x.length][k];
    for (int i = 0; i < x.length; i++) {
      for (int c = 0; c < k; c++) {
        double s = intercept[l][c];
        double[] b = coef[l][c];
        for (int j = 0; j < b.length; j++) {
          s += x[i][j] * b[j];
        }
        eta[i][c] = s;
      }
    }
    return eta;
  }
}
