package dev.tikhonov.linear;

/**
 * One family's proximal Newton solver along a λ path, on the centered (and possibly
 * standardized) design of {@link ProximalNewtonDesign}. It minimizes
 *
 * <pre>  (1/n) Σᵢ −log p(yᵢ | η̃ᵢ) + λ Σⱼ vpⱼ [ (1−α)/2 · b̃ⱼ² + α · |b̃ⱼ| ],  η̃ = b̃₀ + x̃·b̃</pre>
 *
 * by glmnet's IRLS: a quadratic approximation of the log-likelihood at the current iterate
 * solved by {@link ProximalNewtonCoordinateDescent}, repeated until the Newton step is below the
 * threshold, then a KKT check of the features outside the strong set. It keeps its state
 * between calls, so each λ starts warm from the previous solution.
 */
interface ProximalNewtonSolver {

  /** The sentinel glmnet's path uses for its first λ: every penalized coefficient is zero. */
  double INFINITE_LAMBDA = Double.POSITIVE_INFINITY;

  /**
   * Fits the next λ, warm from the current state. {@code previousLambda} is the λ fitted before
   * (0 for the first), for the sequential strong rule
   * |∇ⱼ| &gt; α(2λ − λ_prev)·vpⱼ.
   *
   * @throws ProximalNewtonCoordinateDescent.MaxIterationsReached when the path's pass budget
   *     runs out
   */
  void fitPoint(double lambda, double previousLambda);

  /**
   * max over included, penalized j of |∇ⱼ| / vpⱼ / max(α, 10⁻³) at the current state: λ_max,
   * the smallest λ with all penalized coefficients zero, when the state is the null model.
   */
  double lambdaMax();

  /** 1 − dev/dev₀ at the current state. */
  double devianceRatio();

  /** The null deviance per observation, −(1/n)·loglik of the intercept-only model. */
  double nullDeviance();

  /**
   * The largest violation of the KKT conditions at the current state for λ, over the intercepts
   * and every coefficient of every class, in units of the gradient of the mean loss on the
   * design's scale: |∇ⱼ + λ(1−α)vpⱼb̃ⱼ + λα·vpⱼ·sign b̃ⱼ| where b̃ⱼ ≠ 0, max(0, |∇ⱼ| − λα·vpⱼ)
   * where b̃ⱼ = 0. Also refreshes the gradients the strong rule uses.
   */
  double kktViolation(double lambda);

  /**
   * True when no further progress is possible: all working weights vanished (every fitted
   * probability is 0 or 1), glmnet's {@code vmin} test.
   */
  boolean exhausted();

  /** Number of coefficient vectors K (1 for binomial). */
  int numVectors();

  /**
   * Copies the current intercepts (K) and coefficients (K×p) on the design's scale. Modifies
   * {@code interceptOut} and {@code coefOut}.
   */
  void coefficients(double[] interceptOut, double[][] coefOut);

  /**
   * glmnet's λ_max: the smallest λ at which every penalized coefficient is zero,
   * max_j |∂ℓ/∂b_j at b = 0| / v_j, divided by max(α, 10⁻³) (so α = 0 is treated as 10⁻³).
   */
  static double lambdaMax(boolean[] included, double[] penalty, double[] absGradient,
      double alpha) {
    double max = 0;
    for (int j = 0; j < penalty.length; j++) {
      if (included[j] && penalty[j] > 0) {
        max = Math.max(max, absGradient[j] / penalty[j]);
      }
    }
    return max / Math.max(alpha, 1e-3);
  }
}
