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

  /**
   * The path at other λ values {@code s}, by glmnet's {@code predict(fit, s = ...)} rule:
   * intercepts and coefficients interpolated linearly in λ between the two neighbouring λ of
   * this path, and clamped to the first (last) solution for s above (below) the path's range.
   * df counts the interpolated nonzeros; devRatio is interpolated the same way; dualityGap is
   * NaN (the interpolated points are not solutions).
   */
  public GlmPath interpolate(double[] s) {
    int m = s.length;
    int last = lambda.length - 1;
    double[][] a0 = new double[m][];
    double[][][] b = new double[m][][];
    int[] nonzero = new int[m];
    double[] ratio = new double[m];
    double[] gap = new double[m];
    for (int t = 0; t < m; t++) {
      int left;
      int right;
      double frac;
      if (last == 0 || s[t] >= lambda[0]) {
        left = right = 0;
        frac = 1;
      } else if (s[t] <= lambda[last]) {
        left = right = last;
        frac = 1;
      } else {
        right = 1;
        while (lambda[right] > s[t]) {
          right++;
        }
        left = right - 1;
        double width = lambda[left] - lambda[right];
        frac = width > 0 ? (s[t] - lambda[right]) / width : 1;
      }
      int k = intercept[left].length;
      a0[t] = new double[k];
      b[t] = new double[k][];
      java.util.Set<Integer> used = new java.util.HashSet<>();
      for (int c = 0; c < k; c++) {
        a0[t][c] = frac * intercept[left][c] + (1 - frac) * intercept[right][c];
        double[] bl = coef[left][c];
        double[] br = coef[right][c];
        b[t][c] = new double[bl.length];
        for (int j = 0; j < bl.length; j++) {
          b[t][c][j] = frac * bl[j] + (1 - frac) * br[j];
          if (b[t][c][j] != 0) {
            used.add(j);
          }
        }
      }
      nonzero[t] = used.size();
      ratio[t] = frac * devRatio[left] + (1 - frac) * devRatio[right];
      gap[t] = Double.NaN;
    }
    return new GlmPath(family, l1Ratio, s.clone(), a0, b, nonzero, ratio, gap, featureNames,
        classNames);
  }
}
