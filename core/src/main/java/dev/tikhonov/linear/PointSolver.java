package dev.tikhonov.linear;

import dev.tikhonov.internal.linear.ElasticNetPenalty;

/**
 * The point layer of the path (glmnetpp's {@code point}): solves docs/objective.md's objective
 *
 * <pre>  (1/n) Σᵢ ℓ(yᵢ, ã₀ + z̃ᵢ·b̃) + λ Σⱼ vⱼ [ (1−α)/2 · b̃ⱼ² + α · |b̃ⱼ| ]</pre>
 *
 * at one λ on a {@link StandardizedDesign}, warm-started from its current state, and says how
 * far the result is from optimal. The path driver ({@link PathLoop}) owns the λ sequence, the
 * stopping rule and the pass budget's consequences; a point solver owns the family's math (the
 * coordinate update, the working weights, the dual) and keeps its state between calls.
 *
 * <p>Implementations: {@link GaussianCoordinateDescent} (ℓ = ½(y − η)²) and the proximal Newton
 * solvers {@link SingleResponseSolver} (binomial, Poisson), {@link MultinomialSolver} and
 * {@link GroupedMultinomialSolver} (whose penalty is on each feature's K class coefficients as a
 * group, and whose gradients in λ_max, the strong rule and the KKT checks are the group's
 * Euclidean norm). Not thread-safe: one path, one solver.
 */
interface PointSolver {

  /**
   * Fits the unpenalized features (vⱼ = 0) and the intercepts alone, every penalized
   * coefficient held at 0: the solution at λ = ∞, the path's one "infinite λ". Sweeps as
   * {@link #solve} does, with the same {@code threshold}.
   *
   * @throws IterationLimitReached when the path's budget of passes runs out
   */
  void solveUnpenalized(double threshold);

  /**
   * λ_max at the current state (meant for the λ = ∞ fit): max over included j with vⱼ &gt; 0 of
   * |∇ⱼ| / vⱼ, divided by max(α, 10⁻³), with ∇ the gradient of the mean loss on the design's
   * scale (for multinomial, the largest over the classes). The smallest λ at which every
   * penalized coefficient is zero (for α ≥ 10⁻³). 0 when no feature is usable.
   */
  double lambdaMax();

  /**
   * Solves at {@code lambda}, warm-started from the current state: the sequential strong rule
   * {@code |∇ⱼ| > α(2λ − λ_prev)vⱼ} picks the features to cycle over, coordinate sweeps run until
   * glmnet's {@code dlx < thr} (the largest weighted squared coefficient change of a pass below
   * {@code threshold}), then the KKT conditions of every discarded feature are checked and the
   * sweeps resume if one fails.
   *
   * @param previousLambda the λ solved before (λ_max after the λ = ∞ fit; {@code lambda} itself
   *     when tightening the same λ)
   * @param threshold absolute threshold on max xvⱼ·Δbⱼ² of a pass
   * @throws IterationLimitReached when the path's budget of passes runs out
   */
  void solve(double lambda, double previousLambda, double threshold);

  /**
   * How far the current state is from the solution at {@code lambda}, recomputed exactly from the
   * coefficients (no running sums): the relative duality gap for gaussian, the scaled KKT
   * residual for binomial and multinomial (see the implementations). Comparable to the path's
   * {@code tolerance}.
   */
  double certificate(double lambda);

  /** 1 − dev/dev₀ at the current state. */
  double devianceRatio();

  /**
   * dev₀, the mean deviance of the null model: (1/n)Σ(yᵢ − ȳ)² for gaussian, −(2/n)·loglik for
   * binomial and multinomial.
   */
  double nullDeviance();

  /**
   * The scale glmnet multiplies its {@code thresh} by: the target's variance (gaussian), the
   * null model's mean negative log-likelihood −(1/n)·loglik (binomial, multinomial).
   */
  double sweepScale();

  /**
   * The sweep threshold below which tightening only chases rounding: (8ε)²·maxⱼ xvⱼ·b̃ⱼ², a
   * pass whose largest move is a few units in the last place of the largest coefficient (ε the
   * machine epsilon; intercepts included). 0 at the null model.
   */
  double roundingThreshold();

  /** Coordinate passes used so far, over the whole path. */
  int passes();

  /**
   * Features that entered the active set so far, over the whole path: those that one
   * coordinate update made nonzero (in any class), counted once and never leaving, even when
   * their coefficients return to 0 (glmnet's {@code nin}, which its {@code pmax} limits).
   */
  int everActive();

  /**
   * True when no further progress is possible: every working weight vanished (every fitted
   * probability is 0 or 1, glmnet's {@code vmin}). Never for gaussian.
   */
  boolean exhausted();

  /** Number of coefficient vectors K (1 for gaussian and binomial). */
  int numVectors();

  /**
   * Copies the current intercepts (K) and coefficients (K×p) on the design's scale. Modified:
   * {@code interceptOut}, {@code coefficientsOut}.
   */
  void coefficients(double[] interceptOut, double[][] coefficientsOut);

  /** {@link ElasticNetPenalty#times}: vⱼ·λ with 0·∞ = 0, kept there so the solvers share it. */
  static double times(double penaltyFactor, double lambda) {
    return ElasticNetPenalty.times(penaltyFactor, lambda);
  }

  /** (8ε)² with ε = 2⁻⁵² the machine epsilon, the factor of {@link #roundingThreshold()}. */
  double ROUNDING = Math.pow(8 * Math.ulp(1.0), 2);

  /** share·λ with 0·∞ = 0 (the L1 or L2 share of λ). */
  static double part(double share, double lambda) {
    return share == 0 ? 0 : share * lambda;
  }

}
