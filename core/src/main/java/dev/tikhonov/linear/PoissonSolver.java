package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;

/**
 * Proximal Newton for the Poisson loss with log link (glmnet's {@code fishnet} point solver),
 * ℓ = μ − y·log μ with μ = exp(η), y ≥ 0 a count (or any non-negative rate):
 *
 * <pre>  minimize Σᵢ ωᵢ ℓ(yᵢ, oᵢ + ã₀ + z̃ᵢ·b̃) + λ Σⱼ vⱼ [ (1−α)/2 · b̃ⱼ² + α · |b̃ⱼ| ]</pre>
 *
 * with observation weights ωᵢ summing to 1 (1/n each without weights) and offsets oᵢ (0 without
 * an offset). One outer step: μᵢ = exp(ηᵢ), working weights vᵢ = ωᵢμᵢ and working residual
 * rᵢ = ωᵢ(yᵢ − μᵢ), then coordinate descent ({@link ProximalNewtonCoordinateDescent}) on the
 * weighted least-squares model. Unlike glmnet, a step that raises the penalized objective is
 * halved until it does not (the exponential makes a full Newton step from far away overshoot,
 * e.g. at a cold start at small λ); repeated until the step is below the threshold, then a KKT
 * check of the features outside the strong set. Its certificate is the scaled KKT residual, as
 * for binomial ({@link #certificate}), divided by the null deviance. Not thread-safe.
 */
final class PoissonSolver implements PointSolver {

  /** Halvings of one Newton step before it is given up (the state stays where it was). */
  static final int MAX_HALVINGS = 50;

  private final StandardizedDesign design;
  private final ProximalNewtonCoordinateDescent cd;
  private final double[] penalty;
  private final double alpha;
  private final double[] y;
  private final double[] omega;
  private final double[] offset;
  private final int n;
  private final int p;

  private final double[] intercept = new double[1];
  private final double[] b;
  private final double[] bOld;
  private final double[] mu;
  private final double[] v;
  private final double[] r;
  private final double[] eta;
  private final double[] xv;
  private final double[] absGradient;
  private double weightSum;
  /** Σ ωᵢ yᵢ log yᵢ (0·log 0 = 0): the saturated model's part of the deviance. */
  private final double saturated;
  /** The null deviance 2·Σ ωᵢ [yᵢ log(yᵢ/μ₀ᵢ) − (yᵢ − μ₀ᵢ)], μ₀ the intercept-only fit. */
  private final double nullDeviance;
  private boolean outsideGradientFresh;
  private boolean stale;

  /**
   * @param y non-negative counts, one per design row
   * @param omega observation weights ωᵢ ≥ 0 summing to 1
   * @param offset oᵢ per row (zeros for none)
   * @param penalty normalized penalty factors vⱼ
   * @param maxPasses the path's budget of coordinate passes
   * @throws InputException when every count is 0 (the intercept would be −∞)
   */
  PoissonSolver(StandardizedDesign design, double[] y, double[] omega, double[] offset,
      double[] penalty, double alpha, int maxPasses) {
    this.design = design;
    this.penalty = penalty;
    this.alpha = alpha;
    this.y = y;
    this.omega = omega;
    this.offset = offset;
    this.n = design.n;
    this.p = design.p;
    this.cd = new ProximalNewtonCoordinateDescent(design, penalty, maxPasses);
    this.b = new double[p];
    this.bOld = new double[p];
    this.mu = new double[n];
    this.v = new double[n];
    this.r = new double[n];
    this.eta = new double[n];
    this.xv = new double[p];
    this.absGradient = new double[p];

    double meanCount = 0;
    double exposure = 0;
    double sat = 0;
    for (int i = 0; i < n; i++) {
      meanCount += omega[i] * y[i];
      exposure += omega[i] * Math.exp(offset[i]);
      if (y[i] > 0) {
        sat += omega[i] * y[i] * Math.log(y[i]);
      }
    }
    if (!(meanCount > 0)) {
      throw new InputException("every count is 0: a poisson fit needs a positive count");
    }
    // The intercept-only model: Σ ωᵢ (yᵢ − exp(a₀ + oᵢ)) = 0 in closed form.
    intercept[0] = Math.log(meanCount / exposure);
    saturated = sat;
    stale = true;
    updateMeans();
    stale = false;
    nullDeviance = deviance();
    if (!(nullDeviance > 0) || !Double.isFinite(nullDeviance)) {
      throw new InputException("the counts are fitted exactly by the intercept-only model"
          + " (null deviance " + nullDeviance + "): nothing to fit");
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
    if (stale) {
      updateMeans();
      stale = false;
    }
    double objective = objective(l1, l2);
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
      double oldWeightSum = weightSum;
      stale = true;
      cd.solve(b, 0, intercept, 0, xv, v, weightSum, l1, l2, r);
      updateMeans();
      stale = false;
      double next = objective(l1, l2);
      int halvings = 0;
      // Step-size control: halve the step while it raises the objective (beyond rounding).
      while (!(next <= objective + 1e-13 * Math.abs(objective)) && halvings < MAX_HALVINGS) {
        intercept[0] = 0.5 * (intercept[0] + b0Old);
        for (int a = 0; a < cd.numActive; a++) {
          int k = cd.active[a];
          b[k] = 0.5 * (b[k] + bOld[k]);
        }
        updateMeans();
        next = objective(l1, l2);
        halvings++;
      }
      if (!(next <= objective + 1e-13 * Math.abs(objective))) {
        // No descent along the step at all: stay at the previous point, which is then as
        // close to optimal as this quadratic model can bring it.
        intercept[0] = b0Old;
        for (int a = 0; a < cd.numActive; a++) {
          int k = cd.active[a];
          b[k] = bOld[k];
        }
        updateMeans();
        if (!addKktViolators(l1)) {
          outsideGradientFresh = true;
          return;
        }
        continue;
      }
      objective = next;
      double d0 = intercept[0] - b0Old;
      boolean converged = oldWeightSum * d0 * d0 <= threshold;
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

  /** η, μ, v and r at the current coefficients, computed afresh. */
  private void updateMeans() {
    for (int i = 0; i < n; i++) {
      eta[i] = intercept[0] + offset[i];
    }
    design.addColumns(b, 0, cd.active, cd.numActive, eta);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double m = Math.exp(eta[i]);
      mu[i] = m;
      double vi = omega[i] * m;
      v[i] = vi;
      sum += vi;
      r[i] = omega[i] * (y[i] - m);
    }
    weightSum = sum;
  }

  /** Σ ωᵢ (μᵢ − yᵢηᵢ) + penalty, at the current state (η, μ fresh). */
  private double objective(double l1, double l2) {
    double loss = 0;
    for (int i = 0; i < n; i++) {
      loss += omega[i] * (mu[i] - y[i] * eta[i]);
    }
    double pen = 0;
    for (int a = 0; a < cd.numActive; a++) {
      int k = cd.active[a];
      double bk = b[k];
      if (bk != 0) {
        pen += PointSolver.times(penalty[k], l1) * Math.abs(bk)
            + 0.5 * PointSolver.times(penalty[k], l2) * bk * bk;
      }
    }
    return loss + pen;
  }

  /** 2·Σ ωᵢ [yᵢ log(yᵢ/μᵢ) − (yᵢ − μᵢ)] at the current means. */
  private double deviance() {
    double sum = saturated;
    for (int i = 0; i < n; i++) {
      sum += omega[i] * (mu[i] - y[i] - y[i] * eta[i]);
    }
    return 2 * sum;
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
      updateMeans();
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
    if (stale) {
      updateMeans();
      stale = false;
    }
    return 1 - deviance() / nullDeviance;
  }

  @Override
  public double nullDeviance() {
    return nullDeviance;
  }

  @Override
  public double sweepScale() {
    return nullDeviance / 2;
  }

  @Override
  public double roundingThreshold() {
    double largest = weightSum * intercept[0] * intercept[0];
    for (int a = 0; a < cd.numActive; a++) {
      int k = cd.active[a];
      largest = Math.max(largest, xv[k] * b[k] * b[k]);
    }
    return ROUNDING * largest;
  }

  @Override
  public int passes() {
    return cd.passes();
  }

  /**
   * The scaled KKT residual at {@code lambda}, as {@link BinomialSolver#certificate}: with the
   * means computed afresh from the coefficients and ∇ the gradient of the weighted mean loss on
   * the design's scale, max(|∂/∂ã₀|, maxⱼ sⱼ·violationⱼ) / dev₀ with sⱼ = √xvⱼ the column's
   * standard deviation on the design's scale and dev₀ the null deviance.
   */
  @Override
  public double certificate(double lambda) {
    if (stale) {
      updateMeans();
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
        worst = Math.max(worst, s * PointSolver.violation(absGradient[j], 0, penalty[j], l1, l2));
        continue;
      }
      double g = design.dot(j, r, rc);
      absGradient[j] = Math.abs(g);
      worst = Math.max(worst, s * PointSolver.violation(-g, b[j], penalty[j], l1, l2));
    }
    return worst / nullDeviance;
  }

  @Override
  public boolean exhausted() {
    return false;
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
