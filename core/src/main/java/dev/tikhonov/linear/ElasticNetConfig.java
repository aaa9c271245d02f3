package dev.tikhonov.linear;

import java.util.Arrays;

/**
 * Settings of an elastic-net path fit, glmnet's arguments under the project's names. The
 * objective at each λ is DESIGN.md's
 * {@code (1/n) Σ ℓ(yᵢ, a₀ + xᵢ·b) + λ Σⱼ vⱼ [(1−α)/2 bⱼ² + α|bⱼ|]}, which is glmnet's with
 * {@code standardize = FALSE} (and with y of unit variance for the gaussian ridge part; see
 * docs/linear.md).
 *
 * @param l1Ratio α ∈ [0, 1]: 1 is the lasso, 0 ridge
 * @param nlambda number of λ values of the default sequence (ignored when {@code lambdas} given)
 * @param lambdaMinRatio smallest λ of the default sequence as a fraction of λ_max; NaN means
 *     glmnet's default (1e-4 when n ≥ p, else 1e-2); values below 1e-6 are raised to 1e-6 as
 *     glmnet does
 * @param lambdas a user λ sequence (sorted decreasing by the solver), or null for the default
 *     geometric one from λ_max
 * @param standardize fit on features scaled to unit variance (1/n), report coefficients on the
 *     original scale (glmnet's {@code standardize = TRUE}); the penalty then applies to the
 *     standardized coefficients
 * @param tol convergence threshold: a λ is done when every coordinate's weighted squared change
 *     {@code (1/n)‖xⱼ‖²·Δbⱼ²} in a pass is below {@code tol} times the null deviance (glmnet's
 *     {@code thresh}, default 1e-7)
 * @param maxIterations maximum number of coordinate passes over the data, summed over the whole
 *     path (glmnet's {@code maxit}, default 100000)
 * @param penaltyFactors vⱼ ≥ 0 per feature (0 = unpenalized), or null for all 1; rescaled to sum
 *     to p as glmnet does
 * @param intercept fit an unpenalized intercept a₀ (otherwise a₀ = 0 and nothing is centered)
 */
public record ElasticNetConfig(
    double l1Ratio,
    int nlambda,
    double lambdaMinRatio,
    double[] lambdas,
    boolean standardize,
    double tol,
    int maxIterations,
    double[] penaltyFactors,
    boolean intercept) {

  /** glmnet's {@code thresh} default. */
  public static final double DEFAULT_TOL = 1e-7;

  /** glmnet's {@code maxit} default. */
  public static final int DEFAULT_MAX_ITERATIONS = 100_000;

  public ElasticNetConfig {
    if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
      throw new IllegalArgumentException("l1Ratio (α) must be in [0, 1], got " + l1Ratio);
    }
    if (nlambda < 1) {
      throw new IllegalArgumentException("nlambda must be at least 1, got " + nlambda);
    }
    if (!Double.isNaN(lambdaMinRatio) && !(lambdaMinRatio > 0 && lambdaMinRatio < 1)) {
      throw new IllegalArgumentException(
          "lambdaMinRatio must be in (0, 1) (or NaN for the default), got " + lambdaMinRatio);
    }
    if (lambdas != null) {
      if (lambdas.length == 0) {
        throw new IllegalArgumentException("the λ sequence is empty");
      }
      for (double l : lambdas) {
        if (!(l >= 0) || Double.isInfinite(l)) {
          throw new IllegalArgumentException("λ values must be finite and ≥ 0, got " + l);
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
        throw new IllegalArgumentException("penalty factors are all zero: nothing is penalized");
      }
      penaltyFactors = penaltyFactors.clone();
    }
  }

  /** glmnet's defaults for the given α: 100 λ, default ratio, standardize, tol 1e-7. */
  public static ElasticNetConfig of(double l1Ratio) {
    return new ElasticNetConfig(
        l1Ratio, 100, Double.NaN, null, true, DEFAULT_TOL, DEFAULT_MAX_ITERATIONS, null, true);
  }

  /** The lasso (α = 1) with glmnet's defaults. */
  public static ElasticNetConfig lasso() {
    return of(1.0);
  }

  public ElasticNetConfig withLambdas(double... newLambdas) {
    return new ElasticNetConfig(l1Ratio, nlambda, lambdaMinRatio, newLambdas, standardize, tol,
        maxIterations, penaltyFactors, intercept);
  }

  public ElasticNetConfig withNlambda(int newNlambda) {
    return new ElasticNetConfig(l1Ratio, newNlambda, lambdaMinRatio, lambdas, standardize, tol,
        maxIterations, penaltyFactors, intercept);
  }

  public ElasticNetConfig withLambdaMinRatio(double ratio) {
    return new ElasticNetConfig(l1Ratio, nlambda, ratio, lambdas, standardize, tol,
        maxIterations, penaltyFactors, intercept);
  }

  public ElasticNetConfig withStandardize(boolean newStandardize) {
    return new ElasticNetConfig(l1Ratio, nlambda, lambdaMinRatio, lambdas, newStandardize, tol,
        maxIterations, penaltyFactors, intercept);
  }

  public ElasticNetConfig withTol(double newTol) {
    return new ElasticNetConfig(l1Ratio, nlambda, lambdaMinRatio, lambdas, standardize, newTol,
        maxIterations, penaltyFactors, intercept);
  }

  public ElasticNetConfig withMaxIterations(int newMaxIterations) {
    return new ElasticNetConfig(l1Ratio, nlambda, lambdaMinRatio, lambdas, standardize, tol,
        newMaxIterations, penaltyFactors, intercept);
  }

  public ElasticNetConfig withPenaltyFactors(double... factors) {
    return new ElasticNetConfig(l1Ratio, nlambda, lambdaMinRatio, lambdas, standardize, tol,
        maxIterations, factors, intercept);
  }

  public ElasticNetConfig withIntercept(boolean newIntercept) {
    return new ElasticNetConfig(l1Ratio, nlambda, lambdaMinRatio, lambdas, standardize, tol,
        maxIterations, penaltyFactors, newIntercept);
  }

  /** The λ_min/λ_max ratio used for n rows and p features (glmnet's rule when unset). */
  public double effectiveLambdaMinRatio(int n, int p) {
    double ratio = Double.isNaN(lambdaMinRatio) ? (n < p ? 1e-2 : 1e-4) : lambdaMinRatio;
    return Math.max(ratio, 1e-6);
  }

  /** Penalty factors for p features, rescaled to sum to p (glmnet's convention). */
  public double[] scaledPenaltyFactors(int p) {
    double[] v = new double[p];
    if (penaltyFactors == null) {
      Arrays.fill(v, 1.0);
      return v;
    }
    if (penaltyFactors.length != p) {
      throw new IllegalArgumentException(
          penaltyFactors.length + " penalty factors for " + p + " features");
    }
    double sum = 0;
    for (double f : penaltyFactors) {
      sum += f;
    }
    for (int j = 0; j < p; j++) {
      v[j] = penaltyFactors[j] * p / sum;
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ElasticNetConfig c
        && Double.compare(l1Ratio, c.l1Ratio) == 0 && nlambda == c.nlambda
        && Double.compare(lambdaMinRatio, c.lambdaMinRatio) == 0
        && Arrays.equals(lambdas, c.lambdas) && standardize == c.standardize
        && Double.compare(tol, c.tol) == 0 && maxIterations == c.maxIterations
        && Arrays.equals(penaltyFactors, c.penaltyFactors) && intercept == c.intercept;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(l1Ratio, nlambda, lambdaMinRatio, Arrays.hashCode(lambdas),
        standardize, tol, maxIterations, Arrays.hashCode(penaltyFactors), intercept);
  }

  @Override
  public String toString() {
    return "ElasticNetConfig[l1Ratio=" + l1Ratio + ", nlambda=" + nlambda + ", lambdaMinRatio="
        + lambdaMinRatio + ", lambdas=" + Arrays.toString(lambdas) + ", standardize="
        + standardize + ", tol=" + tol + ", maxIterations=" + maxIterations
        + ", penaltyFactors=" + Arrays.toString(penaltyFactors) + ", intercept=" + intercept + "]";
  }
}
