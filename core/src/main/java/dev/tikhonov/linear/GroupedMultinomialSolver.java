package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import java.util.Arrays;

/**
 * The grouped multinomial lasso (glmnet's {@code type.multinomial = "grouped"}): the symmetric
 * multinomial loss of {@link MultinomialSolver} with each feature's K class coefficients
 * b̃ⱼ = (b̃ⱼ₁ … b̃ⱼK) penalized as one group,
 *
 * <pre>
 *   minimize Σᵢ ωᵢ [−η̃ᵢ,yᵢ + log Σₖ e^{η̃ᵢₖ}] + λ Σⱼ vⱼ [(1−α)/2 · ‖b̃ⱼ‖₂² + α · ‖b̃ⱼ‖₂]
 * </pre>
 *
 * so that a feature is in the model for every class or for none.
 *
 * <p>Each outer step replaces the loss by a quadratic with a diagonal bound on its Hessian, as
 * glmnet's grouped branch of {@code multlognetn} does: observation i's K×K Hessian
 * ωᵢ(diag pᵢ − pᵢpᵢᵀ) is at most ωᵢ·diag(2pᵢₖ(1 − pᵢₖ)) (the difference is diagonally
 * dominant; glmnet bounds it by one scalar, 2 maxᵢₖ pᵢₖ(1 − pᵢₖ), for every row and class:
 * the same solution, more steps; on wine at tolerance 1e-10 this bound takes 3.4 times fewer
 * passes than the rows' maxₖ). A diagonal model separates by feature into K-vectors, and
 * block coordinate descent minimizes it exactly group by group ({@link #update}: group soft
 * thresholding, with a one-dimensional Newton solve for the group's norm where the classes'
 * curvatures differ), the intercepts by their Newton steps. The step is kept when the
 * objective did not grow, else halved (as {@link MultinomialSolver}'s). The loss does not
 * change when every class's b̃ⱼ moves by the same c, and the penalty is smallest at c = the
 * mean, so each feature's K coefficients are centered to sum 0 (as are the intercepts): the
 * solution glmnet reports.
 *
 * <p>Strong rule, KKT checks and λ_max work with the group's gradient norm ‖∇ⱼ‖₂ where the
 * ungrouped solver uses maxₖ |∇ⱼₖ|. The certificate is the scaled KKT residual of the group
 * problem ({@link #certificate}). Not thread-safe.
 */
final class GroupedMultinomialSolver implements PointSolver {

  private static final double PMIN = BinomialResponse.PMIN;
  private static final double VMIN = (1 + PMIN) * PMIN * (1 - PMIN);
  /** glmnet's {@code exmx}: linear predictors are clipped to ±250 before exp. */
  private static final double EXMX = 250;
  /** Halvings of a step before it is given up (2⁻³⁰ of the step is rounding). */
  private static final int MAX_HALVINGS = 30;

  private final StandardizedDesign design;
  private final double[] penalty;
  private final double alpha;
  private final int[] label;
  private final int numClasses;
  private final int n;
  private final int p;
  private final int maxPasses;
  /** Observation weights ωᵢ summing to 1. */
  private final double[] omega;
  private final boolean recompute;

  private final double[] intercept;
  private final double[] interceptOld;
  /** Coefficients, class k's at [k·p, k·p + p). */
  private final double[] b;
  private final double[] bOld;
  /** Probabilities pᵢₖ at [k·n + i]. */
  private final double[] prob;
  private final double[] buffer;
  /** Working weights of the current outer step, class k's 2ωᵢpᵢₖ(1 − pᵢₖ) at [k][i]. */
  private final double[][] v;
  /** Σᵢ of each class's working weights. */
  private final double[] weightSum;
  /** Working residuals ωᵢ(yᵢₖ − pᵢₖ) − moves, one per class. */
  private final double[][] r;
  private final WeightedResidual[] residual;
  /** Σᵢ vᵢ z̃ᵢⱼ² of the current outer step. */
  private final double[] xv;
  /** ‖∇ⱼ‖₂ over the classes, of the last gradient computation. */
  private final double[] groupGradient;
  /** The certificate's gradient ∂/∂b̃ⱼₖ of the mean loss, class k's at [k·p, k·p + p). */
  private final double[] gradient;
  private final double[] g;
  private final double[] stepIntercept;
  private final double[] stepTo;

  private final boolean[] strong;
  private final boolean[] isActive;
  private final int[] active;
  private int numActive;
  private int passes;
  private double dlx;
  private double threshold;
  private final double nullLoss;
  private boolean exhausted;
  /** True when groupGradient holds the final gradient norm outside the strong set. */
  private boolean outsideGradientFresh;

  /**
   * @param omega observation weights (≥ 0, summing to 1)
   * @param penalty normalized penalty factors vⱼ
   * @param maxPasses the path's budget of coordinate passes
   * @param recompute certificates from probabilities recomputed afresh and every feature's
   *     gradient, else reusing the gradients of the last KKT check outside the strong set
   * @throws InputException when a class has no observations
   */
  GroupedMultinomialSolver(StandardizedDesign design, int[] label, int numClasses,
      double[] omega, double[] penalty, double alpha, int maxPasses, boolean recompute) {
    this.design = design;
    this.penalty = penalty;
    this.alpha = alpha;
    this.label = label;
    this.numClasses = numClasses;
    this.n = design.n;
    this.p = design.p;
    this.maxPasses = maxPasses;
    this.omega = omega;
    this.recompute = recompute;
    int k = numClasses;
    intercept = new double[k];
    interceptOld = new double[k];
    b = new double[k * p];
    bOld = new double[k * p];
    prob = new double[k * n];
    buffer = new double[n];
    v = new double[k][n];
    weightSum = new double[k];
    r = new double[k][n];
    residual = new WeightedResidual[k];
    for (int c = 0; c < k; c++) {
      residual[c] = design.weightedResidual();
    }
    xv = new double[k * p];
    groupGradient = new double[p];
    gradient = new double[k * p];
    g = new double[k];
    stepIntercept = new double[k];
    stepTo = new double[k * p];
    strong = new boolean[p];
    isActive = new boolean[p];
    active = new int[p];

    nullLoss = MultinomialSolver.nullModel(label, omega, intercept);
    refreshProbabilities();
    refreshGroupGradient(true);
  }

  @Override
  public void solveUnpenalized(double threshold) {
    // λ_max is read from this fit's gradient, and the bound's steps converge only linearly:
    // sweep far below the path's threshold (the rounding floor still ends the sweeps).
    solve(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, threshold * 1e-8);
  }

  @Override
  public void solve(double lambda, double previousLambda, double sweepThreshold) {
    double l1 = PointSolver.part(alpha, lambda);
    double l2 = PointSolver.part(1 - alpha, lambda);
    double strongThreshold =
        Double.isInfinite(lambda) ? l1 : alpha * (2 * lambda - previousLambda);
    for (int j = 0; j < p; j++) {
      if (design.included[j] && !strong[j]
          && groupGradient[j] > PointSolver.times(penalty[j], strongThreshold)) {
        strong[j] = true;
      }
    }
    threshold = sweepThreshold;
    outsideGradientFresh = false;
    while (true) {
      checkPasses();
      if (workingWeights() <= VMIN) {
        exhausted = true;
        return;
      }
      for (int c = 0; c < numClasses; c++) {
        for (int j = 0; j < p; j++) {
          if (strong[j]) {
            xv[c * p + j] = design.weightedSquares(j, v[c], weightSum[c]);
          }
        }
      }
      System.arraycopy(intercept, 0, interceptOld, 0, numClasses);
      System.arraycopy(b, 0, bOld, 0, b.length);
      double before = objective(l1, l2);
      for (int c = 0; c < numClasses; c++) {
        classResidual(c, r[c]);
        residual[c].begin(v[c], weightSum[c], r[c]);
      }
      try {
        sweeps(l1, l2);
      } finally {
        for (int c = 0; c < numClasses; c++) {
          residual[c].end();
        }
      }
      // The full step is what goes to 0 at the solution (as glmnet's dlx of the outer loop).
      double limit = Math.max(threshold, roundingThreshold());
      boolean notConverged = false;
      for (int c = 0; c < numClasses && !notConverged; c++) {
        double d0 = intercept[c] - interceptOld[c];
        notConverged = weightSum[c] * d0 * d0 > limit;
        for (int a = 0; !notConverged && a < numActive; a++) {
          int j = active[a];
          double d = b[c * p + j] - bOld[c * p + j];
          notConverged = xv[c * p + j] * d * d > limit;
        }
      }
      refreshProbabilities();
      backtrack(before, l1, l2);
      center();
      if (!notConverged && !addKktViolators(l1)) {
        outsideGradientFresh = true;
        return;
      }
    }
  }

  /** Throws {@link IterationLimitReached} once the pass budget of the path is used up. */
  private void checkPasses() {
    if (passes > maxPasses) {
      throw new IterationLimitReached(maxPasses);
    }
  }

  /**
   * Each class's weights 2ωᵢpᵢₖ(1 − pᵢₖ), the diagonal that bounds row i's Hessian
   * ωᵢ(diag pᵢ − pᵢpᵢᵀ) (the difference is diagonally dominant); returns the largest class sum.
   */
  private double workingWeights() {
    double largest = 0;
    for (int c = 0; c < numClasses; c++) {
      int off = c * n;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double pic = prob[off + i];
        v[c][i] = 2 * omega[i] * pic * (1 - pic);
        sum += v[c][i];
      }
      weightSum[c] = sum;
      largest = Math.max(largest, sum);
    }
    return largest;
  }

  /**
   * Block coordinate descent on the bound's quadratic model: sweeps over the strong set until
   * one settles, cycling over the active set alone in between (as
   * {@link ProximalNewtonCoordinateDescent}).
   */
  private void sweeps(double l1, double l2) {
    while (true) {
      passes++;
      dlx = 0;
      for (int j = 0; j < p; j++) {
        if (strong[j]) {
          update(j, l1, l2);
        }
      }
      updateIntercepts();
      if (settled()) {
        return;
      }
      checkPasses();
      while (true) {
        passes++;
        dlx = 0;
        for (int a = 0; a < numActive; a++) {
          update(active[a], l1, l2);
        }
        updateIntercepts();
        if (settled()) {
          break;
        }
        checkPasses();
      }
    }
  }

  /**
   * The group update of feature j: the exact minimizer of the model's
   * Σₖ [hₖ/2 (bₖ − b̃ⱼₖ)² − (z̃ⱼᵀrₖ)(bₖ − b̃ⱼₖ)] + μ‖b‖₂ + ρ/2 ‖b‖₂² with hₖ = xvⱼₖ, μ = λαvⱼ,
   * ρ = λ(1−α)vⱼ: with gₖ = z̃ⱼᵀrₖ + hₖb̃ⱼₖ, 0 when ‖g‖₂ ≤ μ, else bₖ = gₖτ / ((hₖ + ρ)τ + μ)
   * where τ = ‖b‖₂ solves Σₖ gₖ² / ((hₖ + ρ)τ + μ)² = 1 (group soft thresholding; with equal
   * hₖ it is g(1 − μ/‖g‖)/(h + ρ)).
   */
  private void update(int j, double l1, double l2) {
    double cut = PointSolver.times(penalty[j], l1);
    double ridge = PointSolver.times(penalty[j], l2);
    double norm2 = 0;
    double curvature = 0;
    for (int c = 0; c < numClasses; c++) {
      double h = xv[c * p + j];
      g[c] = residual[c].dot(j) + h * b[c * p + j];
      norm2 += g[c] * g[c];
      curvature += h + ridge;
    }
    if (!(curvature > 0)) {
      return; // no curvature and no ridge term: the model is flat in b̃ⱼ
    }
    double tau = 0;
    if (cut > 0 && norm2 > cut * cut) {
      tau = groupNorm(cut, ridge, j);
    }
    for (int c = 0; c < numClasses; c++) {
      int at = c * p + j;
      double h = xv[at] + ridge;
      double updated;
      if (cut > 0) {
        updated = tau > 0 ? g[c] * tau / (h * tau + cut) : 0;
      } else {
        if (!(h > 0)) {
          continue; // this class's model is flat in b̃ⱼₖ
        }
        updated = g[c] / h;
      }
      double d = updated - b[at];
      if (d == 0) {
        continue;
      }
      if (!isActive[j]) {
        isActive[j] = true;
        active[numActive++] = j;
      }
      b[at] = updated;
      dlx = Math.max(dlx, xv[at] * d * d);
      residual[c].move(j, d);
    }
  }

  /**
   * τ > 0 with ψ(τ) = Σₖ gₖ² / ((hₖ + ρ)τ + μ)² − 1 = 0, given ‖g‖ > μ (ψ(0) > 0): Newton's
   * method from 0, which for the convex decreasing ψ rises monotonically to the root.
   */
  private double groupNorm(double cut, double ridge, int j) {
    double tau = 0;
    for (int iteration = 0; iteration < 100; iteration++) {
      double psi = -1;
      double slope = 0;
      for (int c = 0; c < numClasses; c++) {
        double h = xv[c * p + j] + ridge;
        double denominator = h * tau + cut;
        double q = g[c] * g[c] / (denominator * denominator);
        psi += q;
        slope -= 2 * q * h / denominator;
      }
      if (!(slope < 0) || psi <= 0) {
        return tau;
      }
      double next = tau - psi / slope;
      if (next <= tau * (1 + 1e-15)) {
        return next;
      }
      tau = next;
    }
    return tau;
  }

  private void updateIntercepts() {
    for (int c = 0; c < numClasses; c++) {
      if (!(weightSum[c] > 0)) {
        continue;
      }
      double d = residual[c].sum() / weightSum[c];
      if (d == 0) {
        continue;
      }
      intercept[c] += d;
      dlx = Math.max(dlx, weightSum[c] * d * d);
      residual[c].moveIntercept(d);
    }
  }

  /** As {@link ProximalNewtonCoordinateDescent}: below the threshold or the rounding floor. */
  private boolean settled() {
    if (dlx < threshold) {
      return true;
    }
    double largest = 0;
    for (int c = 0; c < numClasses; c++) {
      largest = Math.max(largest, weightSum[c] * intercept[c] * intercept[c]);
      for (int a = 0; a < numActive; a++) {
        int j = active[a];
        largest = Math.max(largest, xv[c * p + j] * b[c * p + j] * b[c * p + j]);
      }
    }
    return dlx <= PointSolver.ROUNDING * largest;
  }

  /**
   * Keeps the step when the objective did not grow, else halves it back towards where it
   * started (bOld, interceptOld) until it does not; no decrease at all leaves the start.
   */
  private void backtrack(double before, double l1, double l2) {
    double slack = 1e-12 * Math.max(1.0, Math.abs(before));
    if (objective(l1, l2) <= before + slack) {
      return;
    }
    System.arraycopy(intercept, 0, stepIntercept, 0, numClasses);
    System.arraycopy(b, 0, stepTo, 0, b.length);
    double t = 1.0;
    for (int halving = 0; halving < MAX_HALVINGS; halving++) {
      t *= 0.5;
      moveTowardsStart(t);
      if (objective(l1, l2) <= before + slack) {
        return;
      }
    }
    moveTowardsStart(0);
  }

  /** The coefficients at fraction t of the step from the start; probabilities follow. */
  private void moveTowardsStart(double t) {
    for (int c = 0; c < numClasses; c++) {
      intercept[c] = interceptOld[c] + t * (stepIntercept[c] - interceptOld[c]);
      for (int a = 0; a < numActive; a++) {
        int at = c * p + active[a];
        b[at] = bOld[at] + t * (stepTo[at] - bOld[at]);
      }
    }
    refreshProbabilities();
  }

  /** The mean loss at the current probabilities plus the penalty; +∞ when not finite. */
  private double objective(double l1, double l2) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double pi = prob[label[i] * n + i];
      if (!(pi >= 0)) {
        return Double.POSITIVE_INFINITY;
      }
      sum -= omega[i] * Math.log(Math.max(pi, PMIN));
    }
    for (int a = 0; a < numActive; a++) {
      int j = active[a];
      double norm2 = groupNorm2(j);
      if (norm2 > 0) {
        sum += PointSolver.times(penalty[j], l1) * Math.sqrt(norm2)
            + 0.5 * PointSolver.times(penalty[j], l2) * norm2;
      }
    }
    return sum;
  }

  private double groupNorm2(int j) {
    double s = 0;
    for (int c = 0; c < numClasses; c++) {
      double x = b[c * p + j];
      s += x * x;
    }
    return s;
  }

  /**
   * Intercepts to sum 0 and each active feature's K coefficients shifted by their mean, the
   * shift that minimizes the group penalty; the probabilities do not change.
   */
  private void center() {
    double s = 0;
    for (double a : intercept) {
      s += a / numClasses;
    }
    for (int c = 0; c < numClasses; c++) {
      intercept[c] -= s;
    }
    for (int a = 0; a < numActive; a++) {
      int j = active[a];
      double m = 0;
      for (int c = 0; c < numClasses; c++) {
        m += b[c * p + j] / numClasses;
      }
      if (m == 0) {
        continue;
      }
      for (int c = 0; c < numClasses; c++) {
        b[c * p + j] -= m;
      }
    }
    refreshProbabilities();
  }

  /** Residual of class c at the current probabilities: ωᵢ(yᵢₖ − pᵢₖ). Modifies {@code out}. */
  private void classResidual(int c, double[] out) {
    int off = c * n;
    for (int i = 0; i < n; i++) {
      out[i] = omega[i] * ((label[i] == c ? 1 : 0) - prob[off + i]);
    }
  }

  /** groupGradient[j] = ‖(z̃ⱼᵀrₖ)ₖ‖₂ over included features (outside the strong set unless all). */
  private void refreshGroupGradient(boolean all) {
    for (int j = 0; j < p; j++) {
      if (design.included[j] && (all || !strong[j])) {
        groupGradient[j] = 0;
      }
    }
    double[] rc = buffer;
    for (int c = 0; c < numClasses; c++) {
      classResidual(c, rc);
      double center = design.centerDot(rc);
      for (int j = 0; j < p; j++) {
        if (design.included[j] && (all || !strong[j])) {
          double d = design.dot(j, rc, center);
          groupGradient[j] += d * d;
        }
      }
    }
    for (int j = 0; j < p; j++) {
      if (design.included[j] && (all || !strong[j])) {
        groupGradient[j] = Math.sqrt(groupGradient[j]);
      }
    }
  }

  private boolean addKktViolators(double l1) {
    refreshGroupGradient(false);
    boolean added = false;
    for (int j = 0; j < p; j++) {
      if (design.included[j] && !strong[j]
          && groupGradient[j] > PointSolver.times(penalty[j], l1)) {
        strong[j] = true;
        added = true;
      }
    }
    return added;
  }

  /** max over included penalized j of ‖∇ⱼ‖₂ / vⱼ, divided by max(α, 10⁻³) (glmnet's). */
  @Override
  public double lambdaMax() {
    refreshGroupGradient(true);
    return ProximalNewtonCoordinateDescent.lambdaMax(design.included, penalty, groupGradient,
        alpha);
  }

  @Override
  public double devianceRatio() {
    double dev = 0;
    for (int i = 0; i < n; i++) {
      dev -= omega[i] * Math.log(prob[label[i] * n + i]);
    }
    return (nullLoss - dev) / nullLoss;
  }

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
    // A row's weight is at most ωᵢ/2 (tᵢ ≤ 1/2), a coefficient's xv at most variance/2.
    double largest = 0;
    for (int c = 0; c < numClasses; c++) {
      largest = Math.max(largest, 0.5 * intercept[c] * intercept[c]);
      for (int a = 0; a < numActive; a++) {
        int j = active[a];
        double x = b[c * p + j];
        largest = Math.max(largest, 0.5 * design.variance[j] * x * x);
      }
    }
    return ROUNDING * largest;
  }

  @Override
  public int passes() {
    return passes;
  }

  /**
   * The scaled KKT residual of the group problem at {@code lambda}: with ∇ⱼ = (∂/∂b̃ⱼₖ)ₖ the
   * K-vector of the mean loss's gradient,
   *
   * <pre>
   *   max( maxₖ |∂/∂ã₀ₖ|,
   *        maxⱼ sⱼ·‖∇ⱼ + λ(1−α)vⱼb̃ⱼ + λαvⱼ·b̃ⱼ/‖b̃ⱼ‖₂‖₂   (b̃ⱼ ≠ 0),
   *        maxⱼ sⱼ·(‖∇ⱼ‖₂ − λαvⱼ)₊                       (b̃ⱼ = 0) ) / dev₀
   * </pre>
   *
   * (the distance of −∇ⱼ from the group penalty's subdifferential) with sⱼ = √xvⱼ the
   * column's standard deviation on the design's scale and dev₀ = −(2/n)·loglik of the
   * intercept-only model. At tight tolerances the probabilities are first recomputed.
   */
  @Override
  public double certificate(double lambda) {
    boolean reuse = outsideGradientFresh && !recompute;
    if (recompute) {
      refreshProbabilities();
    }
    double l1 = PointSolver.part(alpha, lambda);
    double l2 = PointSolver.part(1 - alpha, lambda);
    double worst = 0;
    double[] rc = buffer;
    for (int c = 0; c < numClasses; c++) {
      classResidual(c, rc);
      double sum = 0;
      for (double x : rc) {
        sum += x;
      }
      worst = Math.max(worst, Math.abs(sum));
      double center = design.centerDot(rc);
      for (int j = 0; j < p; j++) {
        if (design.included[j] && !(reuse && !strong[j])) {
          gradient[c * p + j] = -design.dot(j, rc, center);
        }
      }
    }
    for (int j = 0; j < p; j++) {
      if (!design.included[j]) {
        continue;
      }
      double cut = PointSolver.times(penalty[j], l1);
      double violation;
      if (reuse && !strong[j]) {
        // Fresh from the last KKT check; all K coefficients are 0 outside the strong set.
        violation = Math.max(0, groupGradient[j] - cut);
      } else {
        double norm2 = groupNorm2(j);
        double gradientNorm2 = 0;
        for (int c = 0; c < numClasses; c++) {
          gradientNorm2 += gradient[c * p + j] * gradient[c * p + j];
        }
        groupGradient[j] = Math.sqrt(gradientNorm2);
        if (norm2 == 0) {
          violation = Math.max(0, groupGradient[j] - cut);
        } else {
          double norm = Math.sqrt(norm2);
          double ridge = PointSolver.times(penalty[j], l2);
          double s = 0;
          for (int c = 0; c < numClasses; c++) {
            double x = b[c * p + j];
            double e = gradient[c * p + j] + ridge * x + cut * x / norm;
            s += e * e;
          }
          violation = Math.sqrt(s);
        }
      }
      worst = Math.max(worst, Math.sqrt(design.variance[j]) * violation);
    }
    return worst / (2 * nullLoss);
  }

  /**
   * The probabilities afresh: the softmax of the linear predictors (clipped to ±250 as glmnet
   * does), each row's exponents taken relative to its largest so that none overflows.
   */
  private void refreshProbabilities() {
    for (int c = 0; c < numClasses; c++) {
      Arrays.fill(buffer, intercept[c]);
      design.addColumns(b, c * p, active, numActive, buffer);
      int qo = c * n;
      for (int i = 0; i < n; i++) {
        prob[qo + i] = Math.max(-EXMX, Math.min(EXMX, buffer[i]));
      }
    }
    for (int i = 0; i < n; i++) {
      double largest = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < numClasses; c++) {
        largest = Math.max(largest, prob[c * n + i]);
      }
      double sum = 0;
      for (int c = 0; c < numClasses; c++) {
        double e = Math.exp(prob[c * n + i] - largest);
        prob[c * n + i] = e;
        sum += e;
      }
      for (int c = 0; c < numClasses; c++) {
        prob[c * n + i] /= sum;
      }
    }
  }

  @Override
  public boolean exhausted() {
    return exhausted;
  }

  @Override
  public int numVectors() {
    return numClasses;
  }

  @Override
  public void coefficients(double[] interceptOut, double[][] coefOut) {
    System.arraycopy(intercept, 0, interceptOut, 0, numClasses);
    for (int c = 0; c < numClasses; c++) {
      System.arraycopy(b, c * p, coefOut[c], 0, p);
    }
  }
}
