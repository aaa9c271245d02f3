package dev.tikhonov.linear;

import java.util.Arrays;

/**
 * Settings of a logistic (binomial) or multinomial elastic-net path fitted by {@link
 * LogisticPath}. The objective at each λ is DESIGN.md's
 *
 * <pre>  (1/n) Σᵢ −log p(yᵢ | xᵢ) + λ Σⱼ vⱼ [ (1−α)/2 · bⱼ² + α · |bⱼ| ]</pre>
 *
 * which is glmnet's {@code family = "binomial"/"multinomial"} objective; with {@code
 * standardize} the penalty applies to the coefficients of the standardized features (glmnet's
 * {@code standardize = TRUE}) and the result is still reported on the original scale.
 *
 * @param l1Ratio α ∈ [0, 1]: 1 is the lasso, 0 ridge
 * @param nlambda number of λ values of the default sequence (ignored when {@code lambdas} is
 *     given); glmnet's {@code nlambda}, default 100
 * @param lambdaMinRatio smallest λ of the default sequence as a fraction of λ_max; NaN means
 *     glmnet's default: 1e-4 when n ≥ p, 1e-2 when n &lt; p
 * @param lambdas a user λ sequence (any order; fitted in decreasing order), or null for the
 *     default geometric sequence
 * @param standardize standardize the features (1/n variance) inside the fit
 * @param tol convergence threshold, glmnet's {@code thresh}: a coordinate-descent pass or a
 *     Newton step has converged when every {@code max xvⱼ·Δbⱼ²} is below {@code tol} times the
 *     null deviance (default 1e-7)
 * @param maxIterations cap on the total number of coordinate-descent passes over the whole path,
 *     glmnet's {@code maxit} (default 100000); when reached, the path stops at the last
 *     converged λ
 * @param penaltyFactors vⱼ ≥ 0 per feature (0 = unpenalized), or null for all ones; like glmnet
 *     they are rescaled to sum to p
 */
public record LogisticConfig(
    double l1Ratio,
    int nlambda,
    double lambdaMinRatio,
    double[] lambdas,
    boolean standardize,
    double tol,
    int maxIterations,
    double[] penaltyFactors) {

  /** glmnet's default {@code thresh}. */
  public static final double DEFAULT_TOL = 1e-7;

  /** glmnet's default {@code maxit}. */
  public static final int DEFAULT_MAX_ITERATIONS = 100_000;

  public LogisticConfig {
    if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
      throw new IllegalArgumentException("l1Ratio must be in [0, 1], got " + l1Ratio);
    }
    if (nlambda < 1) {
      throw new IllegalArgumentException("nlambda must be at least 1, got " + nlambda);
    }
    if (!Double.isNaN(lambdaMinRatio) && !(lambdaMinRatio > 0 && lambdaMinRatio < 1)) {
      throw new IllegalArgumentException(
          "lambdaMinRatio must be in (0, 1) or NaN for the default, got " + lambdaMinRatio);
    }
    if (lambdas != null) {
      if (lambdas.length == 0) {
        throw new IllegalArgumentException("lambdas must not be empty (use null for the default)");
      }
      for (double l : lambdas) {
        if (!(l >= 0) || Double.isInfinite(l)) {
          throw new IllegalArgumentException("every λ must be finite and ≥ 0, got " + l);
        }
      }
      lambdas = lambdas.clone();
    }
    if (!(tol > 0) || Double.isInfinite(tol)) {
      throw new IllegalArgumentException("tol must be positive and finite, got " + tol);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
    }
    if (penaltyFactors != null) {
      double sum = 0;
      for (double v : penaltyFactors) {
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException("penalty factors must be finite and ≥ 0, got " + v);
        }
        sum += v;
      }
      if (sum == 0) {
        throw new IllegalArgumentException("at least one penalty factor must be positive");
      }
      penaltyFactors = penaltyFactors.clone();
    }
  }

  /**
   * glmnet's defaults for the given α: 100 λ values, default λ_min ratio, standardized features,
   * {@code tol} 1e-7, {@code maxIterations} 100000, all penalty factors 1.
   */
  public static LogisticConfig defaults(double l1Ratio) {
    return new LogisticConfig(
        l1Ratio, 100, Double.NaN, null, true, DEFAULT_TOL, DEFAULT_MAX_ITERATIONS, null);
  }

  /** The same settings with a user λ sequence. */
  public LogisticConfig withLambdas(double... values) {
    return new LogisticConfig(
        l1Ratio, nlambda, lambdaMinRatio, values, standardize, tol, maxIterations, penaltyFactors);
  }

  /** The same settings with or without standardization. */
  public LogisticConfig withStandardize(boolean value) {
    return new LogisticConfig(
        l1Ratio, nlambda, lambdaMinRatio, lambdas, value, tol, maxIterations, penaltyFactors);
  }

  /** The same settings with another convergence threshold. */
  public LogisticConfig withTol(double value) {
    return new LogisticConfig(
        l1Ratio, nlambda, lambdaMinRatio, lambdas, standardize, value, maxIterations,
        penaltyFactors);
  }

  /** The same settings with per-feature penalty factors. */
  public LogisticConfig withPenaltyFactors(double... values) {
    return new LogisticConfig(
        l1Ratio, nlambda, lambdaMinRatio, lambdas, standardize, tol, maxIterations, values);
  }

  /** The same settings with a cap on coordinate-descent passes. */
  public LogisticConfig withMaxIterations(int value) {
    return new LogisticConfig(
        l1Ratio, nlambda, lambdaMinRatio, lambdas, standardize, tol, value, penaltyFactors);
  }

  /** A copy of the user λ sequence, or null. */
  @Override
  public double[] lambdas() {
    return lambdas == null ? null : lambdas.clone();
  }

  /** A copy of the penalty factors, or null. */
  @Override
  public double[] penaltyFactors() {
    return penaltyFactors == null ? null : penaltyFactors.clone();
  }

  // Records compare arrays by identity; compare by content so equal settings are equal.
  @Override
  public boolean equals(Object o) {
    return o instanceof LogisticConfig c
        && Double.compare(l1Ratio, c.l1Ratio) == 0
        && nlambda == c.nlambda
        && Double.compare(lambdaMinRatio, c.lambdaMinRatio) == 0
        && Arrays.equals(lambdas, c.lambdas)
        && standardize == c.standardize
        && Double.compare(tol, c.tol) == 0
        && maxIterations == c.maxIterations
        && Arrays.equals(penaltyFactors, c.penaltyFactors);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(
        new double[] {l1Ratio, nlambda, lambdaMinRatio, tol, maxIterations,
            standardize ? 1 : 0, Arrays.hashCode(lambdas), Arrays.hashCode(penaltyFactors)});
  }

  @Override
  public String toString() {
    return "LogisticConfig[l1Ratio=" + l1Ratio + ", nlambda=" + nlambda + ", lambdaMinRatio="
        + lambdaMinRatio + ", lambdas=" + Arrays.toString(lambdas) + ", standardize="
        + standardize + ", tol=" + tol + ", maxIterations=" + maxIterations
        + ", penaltyFactors=" + Arrays.toString(penaltyFactors) + "]";
  }
}
