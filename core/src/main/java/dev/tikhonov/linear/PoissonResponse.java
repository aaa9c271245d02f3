package dev.tikhonov.linear;

import dev.tikhonov.data.ConstantTargetException;
import dev.tikhonov.data.InputException;

/**
 * The Poisson loss with log link (glmnet's {@code fishnet} point solver), ℓ = μ − y·log μ with
 * μ = exp(η), y ≥ 0 a count (or any non-negative rate), as the {@link WorkingResponse} of
 * {@link SingleResponseSolver}: vᵢ = ωᵢμᵢ, rᵢ = ωᵢ(yᵢ − μᵢ). Unlike glmnet, a step that raises
 * the penalized objective is halved until it does not (the exponential makes a full Newton
 * step from far away overshoot, e.g. at a cold start at small λ). The null model
 * Σ ωᵢ(yᵢ − exp(a₀ + oᵢ)) = 0 is solved in closed form; without an intercept it is μ = exp(o),
 * as in glmnet. Not thread-safe.
 */
final class PoissonResponse implements WorkingResponse {

  private final double[] y;
  private final double[] omega;
  /** μᵢ at the last {@link #working} call. */
  private final double[] mu;
  /** Σ ωᵢ yᵢ log yᵢ (0·log 0 = 0): the saturated model's part of the deviance. */
  private double saturated;
  /** The null deviance 2·Σ ωᵢ [yᵢ log(yᵢ/μ₀ᵢ) − (yᵢ − μ₀ᵢ)], μ₀ the null model's means. */
  private double nullDeviance;

  /**
   * @param y non-negative counts, one per design row
   * @param omega observation weights ωᵢ ≥ 0 summing to 1
   */
  PoissonResponse(double[] y, double[] omega) {
    this.y = y;
    this.omega = omega;
    this.mu = new double[y.length];
  }

  /**
   * @throws ConstantTargetException when every count is 0 (the intercept would be −∞), or the
   *     intercept alone fits the counts exactly
   * @throws InputException when e^offset overflows, or is 0, in double precision
   */
  @Override
  public double start(double[] offset, boolean fitIntercept, double[] intercept, double[] eta,
      double[] v, double[] r) {
    double meanCount = 0;
    double exposure = 0;
    double sat = 0;
    for (int i = 0; i < y.length; i++) {
      meanCount += omega[i] * y[i];
      if (omega[i] > 0) {
        // a row of weight 0 adds nothing, even where e^offset overflows (0·∞ is NaN)
        exposure += omega[i] * Math.exp(offset[i]);
      }
      if (y[i] > 0) {
        sat += omega[i] * y[i] * Math.log(y[i]);
      }
    }
    if (!(exposure > 0 && exposure < Double.POSITIVE_INFINITY)) {
      throw offsetsOutOfRange(offset, exposure > 0);
    }
    if (!(meanCount > 0)) {
      // counts all equal, as ConstantTargetException's other cases: a caller that read them
      // from a file names it
      throw new ConstantTargetException("every count is 0: a poisson fit needs a positive"
          + " count");
    }
    // The intercept-only model: Σ ωᵢ (yᵢ − exp(a₀ + oᵢ)) = 0 in closed form; without an
    // intercept (glmnet's intercept = FALSE) μ = exp(o).
    intercept[0] = fitIntercept ? Math.log(meanCount / exposure) : 0;
    saturated = sat;
    double weightSum = working(BinomialResponse.predictor(offset, intercept[0], eta), v, r);
    nullDeviance = deviance(eta);
    if (Double.isNaN(nullDeviance) || nullDeviance == Double.POSITIVE_INFINITY) {
      // a row's e^(a₀ + oᵢ) out of range where the sum is not (offsets far apart), not counts
      // that the null model fits exactly
      for (int i = 0; i < eta.length; i++) {
        if (omega[i] > 0 && !(mu[i] > 0 && mu[i] < Double.POSITIVE_INFINITY)) {
          throw offsetsOutOfRange(offset, mu[i] > 0);
        }
      }
    }
    // Counts all equal (to exp(o) without an intercept) leave a null deviance of rounding
    // noise, 1e-16 of the counts and of either sign: counts all 7 were fitted, a path of λ
    // near 1e-32 and deviance ratios of −11. A real spread is many orders of magnitude above.
    if (!(nullDeviance > 1e-12 * meanCount) || !Double.isFinite(nullDeviance)) {
      throw new ConstantTargetException("the counts are fitted exactly by the "
          + (fitIntercept ? "intercept-only" : "null") + " model (null deviance " + nullDeviance
          + "): nothing to fit");
    }
    return weightSum;
  }

  /**
   * Offsets whose exponential leaves double precision, where counts that vary were called a
   * constant target ("null deviance NaN"): exposures given instead of their logs, say.
   */
  private InputException offsetsOutOfRange(double[] offset, boolean overflow) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < offset.length; i++) {
      if (omega[i] > 0) {
        min = Math.min(min, offset[i]);
        max = Math.max(max, offset[i]);
      }
    }
    return InputException.about("offsets", ": e^offset " + (overflow ? "overflows a double"
        : "is 0 in double precision") + " (offsets from " + min + " to " + max + "; "
        + (overflow ? "e^709 is about the largest" : "e^-745 is about the smallest")
        + "): a poisson offset is the log of an exposure, log(t) as glmnet takes it; give the"
        + " logs of the exposures");
  }

  @Override
  public double working(double[] eta, double[] v, double[] r) {
    double sum = 0;
    for (int i = 0; i < eta.length; i++) {
      double m = Math.exp(eta[i]);
      mu[i] = m;
      double vi = omega[i] * m;
      v[i] = vi;
      sum += vi;
      r[i] = omega[i] * (y[i] - m);
    }
    return sum;
  }

  /** Σ ωᵢ (μᵢ − yᵢηᵢ). */
  @Override
  public double loss(double[] eta) {
    double loss = 0;
    for (int i = 0; i < eta.length; i++) {
      loss += omega[i] * (mu[i] - y[i] * eta[i]);
    }
    return loss;
  }

  /** 2·Σ ωᵢ [yᵢ log(yᵢ/μᵢ) − (yᵢ − μᵢ)] at the current means. */
  private double deviance(double[] eta) {
    double sum = saturated;
    for (int i = 0; i < eta.length; i++) {
      sum += omega[i] * (mu[i] - y[i] - y[i] * eta[i]);
    }
    return 2 * sum;
  }

  @Override
  public double devianceRatio(double[] eta) {
    return 1 - deviance(eta) / nullDeviance;
  }

  @Override
  public double nullDeviance() {
    return nullDeviance;
  }

  @Override
  public boolean halvesSteps() {
    return true;
  }

  @Override
  public boolean exhausted(double weightSum) {
    return false;
  }

  /** μ has no bound. */
  @Override
  public double weightBound() {
    return Double.NaN;
  }
}
