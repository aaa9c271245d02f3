package dev.tikhonov.linear;

import dev.tikhonov.internal.linear.ElasticNetPenalty;

/**
 * Proximal Newton for a single-response generalized linear model (glmnet's {@code lognet}
 * two-class and {@code fishnet} point solvers), the family given by its
 * {@link WorkingResponse} (binomial, Poisson):
 *
 * <pre>  minimize Σᵢ ωᵢ ℓ(yᵢ, oᵢ + ã₀ + z̃ᵢ·b̃) + λ Σⱼ vⱼ [ (1−α)/2 · b̃ⱼ² + α · |b̃ⱼ| ],  lⱼ ≤ b̃ⱼ ≤ uⱼ</pre>
 *
 * with observation weights ωᵢ summing to 1 (1/n each without weights), offsets oᵢ (0 without)
 * and optional box constraints ({@link Box}). One outer step: the family's working weights
 * vᵢ and working residual rᵢ at the current linear predictor, then coordinate descent
 * ({@link ProximalNewtonCoordinateDescent}, clamped to the box) on the weighted least-squares
 * model; with {@link WorkingResponse#halvesSteps()} a step that raises the penalized objective
 * is halved until it does not. Repeated until the Newton step is below the threshold, then a
 * KKT check of the features outside the strong set. Its certificate is the scaled KKT residual
 * ({@link #certificate}). Not thread-safe.
 */
final class SingleResponseSolver implements PointSolver {

  /** Halvings of one Newton step before it is given up (the state stays where it was). */
  static final int MAX_HALVINGS = 50;

  private final StandardizedDesign design;
  private final WorkingResponse response;
  private final ProximalNewtonCoordinateDescent cd;
  private final Box box;
  private final double[] penalty;
  private final double alpha;
  private final double[] offset;
  private final boolean fitIntercept;
  private final int n;
  private final int p;

  private final double[] intercept = new double[1];
  private final double[] b;
  private final double[] bOld;
  private final double[] v;
  private final double[] r;
  private final double[] eta;
  private final double[] xv;
  private final double[] absGradient;
  private double weightSum;
  private boolean exhausted;
  /** True when absGradient holds the final gradient of every feature outside the strong set. */
  private boolean outsideGradientFresh;
  /** True while v and r may lag the coefficients (a solve interrupted by the pass budget). */
  private boolean stale;

  /**
   * @param offset oᵢ per design row (zeros for none)
   * @param penalty normalized penalty factors vⱼ
   * @param box limits on the design's scale ({@link Box#none()} for none)
   * @param maxPasses the path's budget of coordinate passes
   * @param fitIntercept whether ã₀ is fitted (false: ã₀ = 0, glmnet's intercept = FALSE)
   * @throws dev.tikhonov.data.InputException when the family has no null model for these
   *     targets ({@link WorkingResponse#start})
   */
  SingleResponseSolver(StandardizedDesign design, WorkingResponse response, double[] offset,
      double[] penalty, Box box, double alpha, int maxPasses, boolean fitIntercept) {
    this.design = design;
    this.response = response;
    this.offset = offset;
    this.penalty = penalty;
    this.box = box;
    this.alpha = alpha;
    this.fitIntercept = fitIntercept;
    this.n = design.n;
    this.p = design.p;
    this.cd = new ProximalNewtonCoordinateDescent(design, penalty, box, maxPasses, fitIntercept);
    this.b = new double[p];
    this.bOld = new double[p];
    this.v = new double[n];
    this.r = new double[n];
    this.eta = new double[n];
    this.xv = new double[p];
    this.absGradient = new double[p];
    weightSum = response.start(offset, fitIntercept, intercept, eta, v, r);
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
      update();
      stale = false;
    }
    boolean halves = response.halvesSteps();
    double objective = halves ? objective(l1, l2) : Double.NaN;
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
      update();
      stale = false;
      if (response.exhausted(weightSum)) {
        exhausted = true;
        return;
      }
      if (halves) {
        double next = objective(l1, l2);
        int halvings = 0;
        // Step-size control: halve the step while it raises the objective (beyond rounding).
        // Every point between two feasible ones is feasible: the box needs no care here.
        while (!(next <= objective + 1e-13 * Math.abs(objective)) && halvings < MAX_HALVINGS) {
          intercept[0] = 0.5 * (intercept[0] + b0Old);
          for (int a = 0; a < cd.numActive; a++) {
            int k = cd.active[a];
            b[k] = 0.5 * (b[k] + bOld[k]);
          }
          update();
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
          update();
          if (!addKktViolators(l1)) {
            outsideGradientFresh = true;
            return;
          }
          continue;
        }
        objective = next;
      }
      // The intercept's move is weighed with the weights the step was taken with when steps
      // are controlled, with the refreshed ones for glmnet's full steps.
      // Never below the coefficients' rounding floor: the threshold may have been chosen
      // under it while they were still 0, and steps of rounding only can cycle.
      double limit = Math.max(threshold, roundingThreshold());
      double d0 = intercept[0] - b0Old;
      boolean converged = (halves ? oldWeightSum : weightSum) * d0 * d0 <= limit;
      for (int a = 0; converged && a < cd.numActive; a++) {
        int k = cd.active[a];
        double d = b[k] - bOld[k];
        converged = xv[k] * d * d <= limit;
      }
      if (converged && !addKktViolators(l1)) {
        outsideGradientFresh = true;
        return;
      }
    }
  }

  /** η = o + ã₀ + Z̃b̃, and the family's v and r there, computed afresh. */
  private void update() {
    for (int i = 0; i < n; i++) {
      eta[i] = intercept[0] + offset[i];
    }
    design.addColumns(b, 0, cd.active, cd.numActive, eta);
    weightSum = response.working(eta, v, r);
  }

  /** Σ ωᵢ ℓ(yᵢ, ηᵢ) + penalty, at the current state (η fresh). */
  private double objective(double l1, double l2) {
    double loss = response.loss(eta);
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
      update();
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
      update();
      stale = false;
    }
    return response.devianceRatio(eta);
  }

  @Override
  public double nullDeviance() {
    return response.nullDeviance();
  }

  /** Half the null deviance: −Σωᵢ·loglikᵢ of the null model, glmnet's scale of thresh. */
  @Override
  public double sweepScale() {
    return response.nullDeviance() / 2;
  }

  @Override
  public double roundingThreshold() {
    // A move's weight: at most bound·xvⱼ-of-unit-weights when the family bounds its working
    // weights (binomial: Σv ≤ 1/4, xvⱼ ≤ variance/4), else the current weights.
    double bound = response.weightBound();
    boolean bounded = !Double.isNaN(bound);
    double largest = (bounded ? bound : weightSum) * intercept[0] * intercept[0];
    for (int a = 0; a < cd.numActive; a++) {
      int k = cd.active[a];
      largest = Math.max(largest, bounded ? bound * design.variance[k] * b[k] * b[k]
          : xv[k] * b[k] * b[k]);
    }
    return ROUNDING * largest;
  }

  @Override
  public int passes() {
    return cd.passes();
  }

  @Override
  public int everActive() {
    return cd.numActive;
  }

  /**
   * The scaled KKT residual at {@code lambda}: with v and r computed afresh from the
   * coefficients (as every solve leaves them, or recomputed when the pass budget cut one short)
   * and ∇ the gradient of the weighted mean loss on the design's scale,
   *
   * <pre>
   *   max( |∂/∂ã₀| (with an intercept),  maxⱼ sⱼ·|∇ⱼ + λ(1−α)vⱼb̃ⱼ + λαvⱼ·sign b̃ⱼ|  (b̃ⱼ ≠ 0),
   *                  maxⱼ sⱼ·(|∇ⱼ| − λαvⱼ)₊                  (b̃ⱼ = 0) ) / dev₀
   * </pre>
   *
   * with sⱼ = √xvⱼ the column's standard deviation on the design's scale (1 when standardized),
   * so the residual is that of the standardized problem whatever the features' units, and dev₀
   * the null deviance. With box constraints, a coordinate at a limit only needs its gradient to
   * point out of the box ({@link Box#violation}).
   */
  @Override
  public double certificate(double lambda) {
    if (stale) {
      update();
      stale = false;
      outsideGradientFresh = false;
    }
    double l1 = PointSolver.part(alpha, lambda);
    double l2 = PointSolver.part(1 - alpha, lambda);
    double sum = 0;
    for (double ri : r) {
      sum += ri;
    }
    double worst = fitIntercept ? Math.abs(sum) : 0;
    double rc = design.centerDot(r);
    for (int j = 0; j < p; j++) {
      if (!design.included[j]) {
        continue;
      }
      double s = Math.sqrt(design.variance[j]);
      if (!cd.strong[j] && outsideGradientFresh && !box.zeroLimit(j)) {
        // The last KKT check just computed it at these coefficients, and bⱼ = 0 outside the
        // strong set: no second pass over the (memory-bound) columns. (Not at a limit of 0,
        // where the gradient's sign matters.)
        worst = Math.max(worst, s * ElasticNetPenalty.violation(absGradient[j], 0, penalty[j], l1, l2));
        continue;
      }
      double g = design.dot(j, r, rc);
      absGradient[j] = Math.abs(g);
      worst = Math.max(worst, s * box.violation(j, -g, b[j], penalty[j], l1, l2));
    }
    return worst / response.nullDeviance();
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
