package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;

/**
 * Proximal Newton for the two-class logistic loss ℓ = −[y·η − log(1 + e^η)], y ∈ {0, 1}, η the
 * log-odds of class 1 (glmnet's {@code lognet} two-class point solver, Newton Hessian):
 *
 * <pre>  minimize (1/n) Σᵢ ℓ(yᵢ, ã₀ + z̃ᵢ·b̃) + λ Σⱼ vⱼ [ (1−α)/2 · b̃ⱼ² + α · |b̃ⱼ| ]</pre>
 *
 * <p>One outer step: pᵢ = σ(η̃ᵢ), working weights vᵢ = pᵢ(1 − pᵢ)/n and working residual
 * rᵢ = (yᵢ − pᵢ)/n, then coordinate descent ({@link ProximalNewtonCoordinateDescent}) on the
 * weighted least-squares model; repeated until the Newton step is below the threshold, then a
 * KKT check of the features outside the strong set. As in glmnet, a linear predictor beyond
 * ±log(1/pmin − 1) gives p = 0 or 1 and weight 0 (pmin = 10⁻⁹), so separated points stop
 * pulling the coefficients to infinity. Its certificate is the scaled KKT residual
 * ({@link #certificate}). Not thread-safe.
 */
final class BinomialSolver implements PointSolver {

  /** glmnet's {@code pmin}: probabilities are kept in [pmin, 1 − pmin]. */
  static final double PMIN = 1e-9;

  private static final double VMIN = (1 + PMIN) * PMIN * (1 - PMIN);
  private static final double FMAX = Math.log(1 / PMIN - 1);

  private final StandardizedDesign design;
  private final ProximalNewtonCoordinateDescent cd;
  private final double[] penalty;
  private final double alpha;
  private final double[] y;
  private final int n;
  private final int p;
  /** Observation weights ωᵢ summing to 1 (1/n each without weights). */
  private final double[] omega;
  /** Offsets oᵢ added to the linear predictor (zeros without). */
  private final double[] offset;

  private final double[] intercept = new double[1];
  private final double[] b;
  private final double[] bOld;
  private final double[] q;
  private final double[] v;
  private final double[] r;
  private final double[] eta;
  private final double[] xv;
  private final double[] absGradient;
  private double weightSum;
  /** −(1/n)·loglik of the intercept-only model (glmnet's dev₀ for its threshold). */
  private final double nullLoss;
  private boolean exhausted;
  /** True when absGradient holds the final gradient of every feature outside the strong set. */
  private boolean outsideGradientFresh;
  /** True while q, v and r may lag the coefficients (a solve interrupted by the pass budget). */
  private boolean stale;

  /**
   * @param y 0/1 per row
   * @param penalty normalized penalty factors vⱼ
   * @param maxPasses the path's budget of coordinate passes
   * @throws InputException when y holds a single class
   */
  BinomialSolver(StandardizedDesign design, double[] y, double[] penalty, double alpha,
      int maxPasses) {
    this(design, y, StandardizedDesign.uniformWeights(design.n), new double[design.n], penalty,
        alpha, maxPasses);
  }

  /**
   * With observation weights ωᵢ (≥ 0, summing to 1) and offsets oᵢ: the loss is
   * Σᵢ ωᵢ ℓ(yᵢ, oᵢ + ã₀ + z̃ᵢ·b̃), the null model the intercept with the offsets (its
   * intercept found by Newton's method when there are offsets, in closed form otherwise).
   */
  BinomialSolver(StandardizedDesign design, double[] y, double[] omega, double[] offset,
      double[] penalty, double alpha, int maxPasses) {
    this.omega = omega;
    this.offset = offset;
    this.design = design;
    this.penalty = penalty;
    this.alpha = alpha;
    this.y = y;
    this.n = design.n;
    this.p = design.p;
    this.cd = new ProximalNewtonCoordinateDescent(design, penalty, maxPasses);
    this.b = new double[p];
    this.bOld = new double[p];
    this.q = new double[n];
    this.v = new double[n];
    this.r = new double[n];
    this.eta = new double[n];
    this.xv = new double[p];
    this.absGradient = new double[p];

    double q0 = 0;
    boolean offsets = false;
    for (int i = 0; i < n; i++) {
      q0 += omega[i] * y[i];
      offsets |= offset[i] != 0;
    }
    if (q0 <= PMIN || q0 >= 1 - PMIN) {
      throw new InputException("the target has a single class: a binomial fit needs both");
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
      weightSum = q0 * (1 - q0);
      nullLoss = -(b0 * q0 + Math.log(1 - q0));
    } else {
      // Σ ωᵢ (yᵢ − σ(a₀ + oᵢ)) = 0 by Newton's method on a₀ (concave, from the logit start).
      for (int it = 0; it < 100; it++) {
        updateProbabilities();
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
      updateProbabilities();
      double loss = 0;
      for (int i = 0; i < n; i++) {
        double e = eta[i];
        // log(1 + e^η) − yη without overflow.
        loss += omega[i] * ((e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e)))
            - y[i] * e);
      }
      nullLoss = loss;
    }
    double rc = design.centerDot(r);
    for (int j = 0; j < p; j++) {
      if (design.included[j]) {
        absGradient[j] = Math.abs(design.dot(j, r, rc));
      }
    }
  }

  @Override
  public void solveUnpenalized(double threshold) {
    solve(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, threshold);
  }

  @Override
  public void solve(double lambda, double previousLambda, double threshold) {
    double l1 = PointSolver.part(alpha, lambda);
    double l2 = PointSolver.part(1 - alpha, lambda);
    double strongThreshold = Double.isInfinite(lambda) ? l1 : alpha * (2 * lambda - previousLambda);
    for (int j = 0; j < p; j++) {
      if (design.included[j] && !cd.strong[j]
          && absGradient[j] > PointSolver.times(penalty[j], strongThreshold)) {
        cd.strong[j] = true;
      }
    }
    cd.setThreshold(threshold);
    outsideGradientFresh = false;
    while (true) {
      cd.checkPasses();
      double b0Old = intercept[0];
      for (int a = 0; a < cd.numActive; a++) {
        int k = cd.active[a];
        bOld[k] = b[k];
      }
      for (int j = 0; j < p; j++) {
        if (cd.strong[j]) {
          xv[j] = design.weightedSquares(j, v, weightSum);
        }
      }
      stale = true;
      cd.solve(b, 0, intercept, 0, xv, v, weightSum, l1, l2, r);

      updateProbabilities();
      stale = false;
      if (weightSum <= VMIN) {
        exhausted = true;
        return;
      }
      double d0 = intercept[0] - b0Old;
      boolean converged = weightSum * d0 * d0 <= threshold;
      for (int a = 0; converged && a < cd.numActive; a++) {
        int k = cd.active[a];
        double d = b[k] - bOld[k];
        converged = xv[k] * d * d <= threshold;
      }
      if (converged && !addKktViolators(l1)) {
        outsideGradientFresh = true;
        return;
      }
    }
  }

  /** η̃, p, v and r at the current coefficients, computed afresh. */
  private void updateProbabilities() {
    for (int i = 0; i < n; i++) {
      eta[i] = intercept[0] + offset[i];
    }
    design.addColumns(b, 0, cd.active, cd.numActive, eta);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double f = eta[i];
      double qi = f < -FMAX ? 0 : f > FMAX ? 1 : 1 / (1 + Math.exp(-f));
      q[i] = qi;
      double vi = omega[i] * qi * (1 - qi);
      v[i] = vi;
      sum += vi;
      r[i] = omega[i] * (y[i] - qi);
    }
    weightSum = sum;
  }

  /** The KKT check over features outside the strong set; true if any joined it. */
  private boolean addKktViolators(double l1) {
    boolean added = false;
    double rc = design.centerDot(r);
    for (int j = 0; j < p; j++) {
      if (!design.included[j] || cd.strong[j]) {
        continue;
      }
      absGradient[j] = Math.abs(design.dot(j, r, rc));
      if (absGradient[j] > PointSolver.times(penalty[j], l1)) {
        cd.strong[j] = true;
        added = true;
      }
    }
    return added;
  }

  @Override
  public double lambdaMax() {
    if (stale) {
      updateProbabilities();
      stale = false;
    }
    double rc = design.centerDot(r);
    for (int j = 0; j < p; j++) {
      if (design.included[j]) {
        absGradient[j] = Math.abs(design.dot(j, r, rc));
      }
    }
    return ProximalNewtonCoordinateDescent.lambdaMax(design.included, penalty, absGradient,
        alpha);
  }

  @Override
  public double devianceRatio() {
    double dev = 0;
    for (int i = 0; i < n; i++) {
      double pi = Math.min(Math.max(PMIN, q[i]), 1 - PMIN);
      dev -= omega[i] * (y[i] * Math.log(pi) + (1 - y[i]) * Math.log(1 - pi));
    }
    return (nullLoss - dev) / nullLoss;
  }

  /** −(2/n)·loglik of the intercept-only model. */
  @Override
  public double nullDeviance() {
    return 2 * nullLoss;
  }

  @Override
  public double sweepScale() {
    return nullLoss;
  }

  @Override
  public double roundingThreshold() {
    // The intercept's move is weighted by Σv ≤ 1/4, a coefficient's by xv ≤ variance/4.
    double largest = 0.25 * intercept[0] * intercept[0];
    for (int a = 0; a < cd.numActive; a++) {
      int k = cd.active[a];
      largest = Math.max(largest, 0.25 * design.variance[k] * b[k] * b[k]);
    }
    return ROUNDING * largest;
  }

  @Override
  public int passes() {
    return cd.passes();
  }

  /**
   * The scaled KKT residual at {@code lambda}: with the probabilities computed afresh from the
   * coefficients (as every solve leaves them, or recomputed when the pass budget cut one short)
   * and ∇ the gradient of the mean loss on the design's scale,
   *
   * <pre>
   *   max( |∂/∂ã₀|,  maxⱼ sⱼ·|∇ⱼ + λ(1−α)vⱼb̃ⱼ + λαvⱼ·sign b̃ⱼ|  (b̃ⱼ ≠ 0),
   *                  maxⱼ sⱼ·(|∇ⱼ| − λαvⱼ)₊                  (b̃ⱼ = 0) ) / dev₀
   * </pre>
   *
   * with sⱼ = √xvⱼ the column's standard deviation on the design's scale (1 when standardized),
   * so the residual is that of the standardized problem whatever the features' units, and dev₀
   * = −(2/n)·loglik of the intercept-only model, the null deviance per observation.
   */
  @Override
  public double certificate(double lambda) {
    if (stale) {
      updateProbabilities();
      stale = false;
      outsideGradientFresh = false;
    }
    double l1 = PointSolver.part(alpha, lambda);
    double l2 = PointSolver.part(1 - alpha, lambda);
    double sum = 0;
    for (double ri : r) {
      sum += ri;
    }
    double worst = Math.abs(sum);
    double rc = design.centerDot(r);
    for (int j = 0; j < p; j++) {
      if (!design.included[j]) {
        continue;
      }
      double s = Math.sqrt(design.variance[j]);
      if (!cd.strong[j] && outsideGradientFresh) {
        // The last KKT check just computed it at these coefficients, and bⱼ = 0 outside the
        // strong set: no second pass over the (memory-bound) columns.
        worst = Math.max(worst, s * PointSolver.violation(absGradient[j], 0, penalty[j], l1, l2));
        continue;
      }
      double g = design.dot(j, r, rc);
      absGradient[j] = Math.abs(g);
      worst = Math.max(worst, s * PointSolver.violation(-g, b[j], penalty[j], l1, l2));
    }
    return worst / (2 * nullLoss);
  }

  @Override
  public boolean exhausted() {
    return exhausted;
  }

  @Override
  public int numVectors() {
    return 1;
  }

  @Override
  public void coefficients(double[] interceptOut, double[][] coefficientsOut) {
    interceptOut[0] = intercept[0];
    System.arraycopy(b, 0, coefficientsOut[0], 0, p);
  }
}
