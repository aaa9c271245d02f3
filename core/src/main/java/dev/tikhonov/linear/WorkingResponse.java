package dev.tikhonov.linear;

/**
 * The family's part of single-response proximal Newton ({@link SingleResponseSolver}): the mean
 * μ(η) of the response, the working weights vᵢ = ωᵢ·V(μᵢ) (V the variance function) and the
 * working residual rᵢ = ωᵢ(yᵢ − μᵢ) of the quadratic approximation at the linear predictor η,
 * the data part Σᵢ ωᵢ ℓ(yᵢ, ηᵢ) of the objective and the deviance. Everything else (the strong
 * set, the coordinate descent, the KKT check, the certificate) is the solver's, the same for
 * every family. Implementations hold the targets y and the observation weights ωᵢ (summing to
 * 1), and the means of the last {@link #working} call. Not thread-safe.
 *
 * <p>Implementations: {@link BinomialResponse} (glmnet's {@code lognet}, two classes) and
 * {@link PoissonResponse} (glmnet's {@code fishnet}).
 */
interface WorkingResponse {

  /**
   * The null model with the offsets oᵢ: with {@code fitIntercept} the intercept-only model,
   * else η = o (a₀ = 0, glmnet's {@code intercept = FALSE}, whose null deviance is that of η = o);
   * sets {@code intercept[0]}, v and r there (and the null deviance), returns Σv.
   *
   * @param eta work array of length n. Modified.
   * @throws dev.tikhonov.data.InputException when the targets admit no such model (a single
   *     class, every count 0)
   */
  double start(double[] offset, boolean fitIntercept, double[] intercept, double[] eta,
      double[] v, double[] r);

  /**
   * μ, v and r at the linear predictor η (offsets included); returns Σv. Modified: v, r (and
   * the response's means).
   */
  double working(double[] eta, double[] v, double[] r);

  /** Σᵢ ωᵢ ℓ(yᵢ, ηᵢ) at the means of the last {@link #working} call (for step control). */
  double loss(double[] eta);

  /** 1 − dev/dev₀ at the means of the last {@link #working} call. */
  double devianceRatio(double[] eta);

  /** dev₀, the mean deviance of the null model of {@link #start} (with the offsets). */
  double nullDeviance();

  /**
   * True when the step of each outer iteration is halved while it raises the penalized
   * objective, and its convergence is measured with the working weights the step was taken
   * with (Poisson, whose exponential overshoots from far away); false for glmnet's full
   * Newton steps, measured with the refreshed weights (binomial).
   */
  boolean halvesSteps();

  /** True when the working weights Σv have vanished and no progress is possible. */
  boolean exhausted(double weightSum);

  /**
   * An upper bound c of every working weight per unit observation weight (vᵢ ≤ c·ωᵢ, 1/4 for
   * binomial), or NaN when there is none (Poisson): the rounding floor then uses the current
   * weights.
   */
  double weightBound();
}
