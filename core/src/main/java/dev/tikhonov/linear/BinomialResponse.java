package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;

/**
 * The two-class logistic loss ℓ = −[y·η − log(1 + e^η)], y ∈ {0, 1}, η the log-odds of class 1
 * (glmnet's {@code lognet} two-class point solver, Newton Hessian), as the
 * {@link WorkingResponse} of {@link SingleResponseSolver}: pᵢ = σ(ηᵢ), vᵢ = ωᵢpᵢ(1 − pᵢ),
 * rᵢ = ωᵢ(yᵢ − pᵢ), full Newton steps. As in glmnet, a linear predictor beyond
 * ±log(1/pmin − 1) gives p = 0 or 1 and weight 0 (pmin = 10⁻⁹), so separated points stop
 * pulling the coefficients to infinity; when every weight is gone (Σv ≤ vmin) the path ends.
 * The null model is the logit of the class-1 share, found by Newton's method on the intercept
 * when there are offsets; without an intercept it is η = o (p = 1/2 without offsets), as in
 * glmnet. Not thread-safe.
 */
final class BinomialResponse implements WorkingResponse {

  /** glmnet's {@code pmin}: probabilities are kept in [pmin, 1 − pmin]. */
  static final double PMIN = 1e-9;

  private static final double VMIN = (1 + PMIN) * PMIN * (1 - PMIN);
  private static final double FMAX = Math.log(1 / PMIN - 1);

  private final double[] y;
  private final double[] omega;
  /** pᵢ at the last {@link #working} call. */
  private final double[] q;
  /** −Σωᵢ·loglikᵢ of the null model: half of dev₀ (glmnet's scale of its thresh). */
  private double nullLoss;

  /**
   * @param y 0/1 per row
   * @param omega observation weights ωᵢ ≥ 0 summing to 1
   */
  BinomialResponse(double[] y, double[] omega) {
    this.y = y;
    this.omega = omega;
    this.q = new double[y.length];
  }

  /** @throws InputException when y holds a single class */
  @Override
  public double start(double[] offset, boolean fitIntercept, double[] intercept, double[] eta,
      double[] v, double[] r) {
    int n = y.length;
    double q0 = 0;
    boolean offsets = false;
    for (int i = 0; i < n; i++) {
      q0 += omega[i] * y[i];
      offsets |= offset[i] != 0;
    }
    if (q0 <= PMIN || q0 >= 1 - PMIN) {
      throw new InputException("the target has a single class: a binomial fit needs both");
    }
    if (!fitIntercept) {
      // glmnet's intercept = FALSE: the null model is η = o, p = σ(o) (1/2 without offsets).
      intercept[0] = 0;
      double weightSum = working(predictor(offset, 0, eta), v, r);
      nullLoss = loss(eta);
      return weightSum;
    }
    // Start at the intercept-only model: logit of the class-1 share.
    double b0 = Math.log(q0 / (1 - q0));
    intercept[0] = b0;
    if (!offsets) {
      for (int i = 0; i < n; i++) {
        q[i] = q0;
        v[i] = omega[i] * q0 * (1 - q0);
        r[i] = omega[i] * (y[i] - q0);
      }
      nullLoss = -(b0 * q0 + Math.log(1 - q0));
      return q0 * (1 - q0);
    }
    // Σ ωᵢ (yᵢ − σ(a₀ + oᵢ)) = 0 by Newton's method on a₀ (concave, from the logit start).
    double weightSum;
    for (int it = 0; it < 100; it++) {
      weightSum = working(predictor(offset, intercept[0], eta), v, r);
      double step = 0;
      for (int i = 0; i < n; i++) {
        step += r[i];
      }
      step /= weightSum;
      intercept[0] += step;
      if (Math.abs(step) <= 1e-15 * (1 + Math.abs(intercept[0]))) {
        break;
      }
    }
    weightSum = working(predictor(offset, intercept[0], eta), v, r);
    nullLoss = loss(eta);
    return weightSum;
  }

  /** ηᵢ = a₀ + oᵢ. Modified: {@code eta}. */
  static double[] predictor(double[] offset, double intercept, double[] eta) {
    for (int i = 0; i < eta.length; i++) {
      eta[i] = intercept + offset[i];
    }
    return eta;
  }

  @Override
  public double working(double[] eta, double[] v, double[] r) {
    double sum = 0;
    for (int i = 0; i < eta.length; i++) {
      double f = eta[i];
      double qi = f < -FMAX ? 0 : f > FMAX ? 1 : 1 / (1 + Math.exp(-f));
      q[i] = qi;
      double vi = omega[i] * qi * (1 - qi);
      v[i] = vi;
      sum += vi;
      r[i] = omega[i] * (y[i] - qi);
    }
    return sum;
  }

  /** Σ ωᵢ [log(1 + e^ηᵢ) − yᵢηᵢ], without overflow. */
  @Override
  public double loss(double[] eta) {
    double loss = 0;
    for (int i = 0; i < eta.length; i++) {
      double e = eta[i];
      loss += omega[i] * ((e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e)))
          - y[i] * e);
    }
    return loss;
  }

  @Override
  public double devianceRatio(double[] eta) {
    double dev = 0;
    for (int i = 0; i < q.length; i++) {
      double pi = Math.min(Math.max(PMIN, q[i]), 1 - PMIN);
      dev -= omega[i] * (y[i] * Math.log(pi) + (1 - y[i]) * Math.log(1 - pi));
    }
    return (nullLoss - dev) / nullLoss;
  }

  /** −2·Σωᵢ·loglikᵢ of the null model ({@link #start}). */
  @Override
  public double nullDeviance() {
    return 2 * nullLoss;
  }

  @Override
  public boolean halvesSteps() {
    return false;
  }

  @Override
  public boolean exhausted(double weightSum) {
    return weightSum <= VMIN;
  }

  /** p(1 − p) ≤ 1/4. */
  @Override
  public double weightBound() {
    return 0.25;
  }
}
