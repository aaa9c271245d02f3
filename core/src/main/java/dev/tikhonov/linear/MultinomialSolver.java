package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.linear.ElasticNetPenalty;
import java.util.Arrays;

/**
 * Proximal Newton for the symmetric multinomial loss ℓ = −η_y + log Σₖ e^{ηₖ} with one
 * coefficient vector per class (glmnet's {@code lognet} with {@code type.multinomial =
 * "ungrouped"}, Newton Hessian):
 *
 * <pre>
 *   minimize (1/n) Σᵢ [−η̃ᵢ,yᵢ + log Σₖ e^{η̃ᵢₖ}] + λ Σₖ Σⱼ vⱼ [(1−α)/2 · b̃ⱼₖ² + α · |b̃ⱼₖ|]
 * </pre>
 *
 * <p>Each outer step cycles over the classes: for class k it takes the diagonal-block quadratic
 * approximation, weights vᵢ = pᵢₖ(1 − pᵢₖ)/n and residual rᵢ = (yᵢₖ − pᵢₖ)/n, solves it by
 * coordinate descent and refreshes pₖ before the next class. Then, because the loss is
 * unchanged when the same c is added to every class's bⱼ, each feature's K coefficients are
 * shifted by the c that minimizes the penalty Σₖ [(1−α)/2 (bⱼₖ − c)² + α|bⱼₖ − c|] (the median
 * for the lasso, the mean for ridge and for unpenalized features), and the intercepts are
 * centered to sum to zero. The solution is therefore the unique one glmnet reports. Its
 * certificate is the scaled KKT residual over every class ({@link #certificate}).
 *
 * <p>Unlike glmnet, the probabilities are not clamped to [pmin, 1 − pmin] (only the linear
 * predictors to ±250, glmnet's {@code exmx}, in the steps and the certificate alike): near
 * separation the clamps made the steps minimize another function than the one the
 * certificate measures (data/wine.csv at λ #5 of 5, deviance ratio 0.9997, stalled 4.5e-7
 * above the minimum with a certificate of 2.6e-10 in 10⁶ passes). Not thread-safe.
 */
final class MultinomialSolver implements PointSolver {

  private static final double PMIN = BinomialResponse.PMIN;
  private static final double VMIN = (1 + PMIN) * PMIN * (1 - PMIN);
  /** glmnet's {@code exmx}: linear predictors are clipped to ±250 before exp. */
  private static final double EXMX = 250;

  private final StandardizedDesign design;
  private final ProximalNewtonCoordinateDescent cd;
  private final double[] penalty;
  /** Limits on the design's scale, the same for every class (glmnet's {@code cl}). */
  private final Box box;
  private final double alpha;
  private final int[] label;
  private final int numClasses;
  private final int n;
  private final int p;
  /** Observation weights ωᵢ summing to 1 (1/n each without weights). */
  private final double[] omega;

  /** Intercepts per class. */
  private final double[] intercept;
  private final double[] interceptOld;
  /** Coefficients, class k's at [k·p, k·p + p). */
  private final double[] b;
  private final double[] bOld;
  /** Unnormalized probabilities e^{η̃ᵢₖ} at [k·n + i]; pᵢₖ = q[k·n + i] / sxp[i]. */
  private final double[] q;
  private final double[] sxp;
  private final double[] v;
  private final double[] r;
  private final double[] buffer;
  private final double[] xv;
  private final double[] absGradient;
  /** The full Newton step's coefficients of the class being backtracked, by feature. */
  private final double[] stepTo;
  private final double[] classValues;
  private final double[] sorted;
  /** −(1/n)·loglik of the intercept-only model (glmnet's dev₀ for its threshold). */
  private final double nullLoss;
  private boolean exhausted;
  /** True when absGradient holds the final gradient of every feature outside the strong set. */
  private boolean outsideGradientFresh;
  /** Recompute the probabilities from the coefficients for each certificate. */
  private final boolean recompute;
  /** False for glmnet's {@code intercept = FALSE}: every intercept stays 0. */
  private final boolean fitIntercept;

  /**
   * @param label class index per row; every class must occur
   * @param penalty normalized penalty factors vⱼ
   * @param maxPasses the path's budget of coordinate passes
   * @param recompute certificates from probabilities recomputed afresh (exact; costs a pass
   *     over the active set and every feature's gradient in every class), else from the
   *     incrementally updated ones and the gradients of the last KKT check
   * @throws InputException when a class has no observations
   */
  MultinomialSolver(StandardizedDesign design, int[] label, int numClasses, double[] penalty,
      double alpha, int maxPasses, boolean recompute) {
    this(design, label, numClasses, StandardizedDesign.uniformWeights(design.n), penalty,
        Box.none(), alpha, maxPasses, recompute, true);
  }

  /**
   * With observation weights ωᵢ (≥ 0, summing to 1): the loss is Σᵢ ωᵢ ℓ(yᵢ, ηᵢ); without
   * {@code fitIntercept} every intercept stays 0 (glmnet's intercept = FALSE).
   */
  MultinomialSolver(StandardizedDesign design, int[] label, int numClasses, double[] omega,
      double[] penalty, Box box, double alpha, int maxPasses, boolean recompute,
      boolean fitIntercept) {
    this.box = box;
    this.omega = omega;
    this.design = design;
    this.penalty = penalty;
    this.alpha = alpha;
    this.label = label;
    this.numClasses = numClasses;
    this.recompute = recompute;
    this.fitIntercept = fitIntercept;
    this.n = design.n;
    this.p = design.p;
    this.cd = new ProximalNewtonCoordinateDescent(design, penalty, box, maxPasses, fitIntercept);
    int k = numClasses;
    intercept = new double[k];
    interceptOld = new double[k];
    b = new double[k * p];
    bOld = new double[k * p];
    q = new double[k * n];
    sxp = new double[n];
    v = new double[n];
    r = new double[n];
    buffer = new double[n];
    xv = new double[k * p];
    absGradient = new double[p];
    stepTo = new double[p];
    classValues = new double[k];
    sorted = new double[k];

    nullLoss = nullModel(label, omega, fitIntercept, intercept);
    for (int c = 0; c < k; c++) {
      double e = Math.exp(intercept[c]);
      Arrays.fill(q, c * n, c * n + n, e);
      for (int i = 0; i < n; i++) {
        sxp[i] += e;
      }
    }
    refreshAbsGradient(true);
  }

  /**
   * The null model, the start of both multinomial solvers: with {@code fitIntercept} the
   * intercept-only model, {@code intercept} gets log(share of class k's weight), centered to sum
   * to 0; without, every intercept stays 0 and each class has probability 1/K (glmnet's null
   * model for intercept = FALSE).
   *
   * @return its mean loss, −Σₖ shareₖ·log shareₖ or log K (dev₀/2)
   * @throws InputException when a class has no observations
   */
  static double nullModel(int[] label, double[] omega, boolean fitIntercept,
      double[] intercept) {
    int k = intercept.length;
    double[] share = new double[k];
    for (int i = 0; i < label.length; i++) {
      share[label[i]] += omega[i];
    }
    double dev = 0;
    for (int c = 0; c < k; c++) {
      if (share[c] <= PMIN || share[c] >= 1 - PMIN) {
        throw new InputException("class index " + c + " has no observations: every class of a"
            + " multinomial fit needs some");
      }
      intercept[c] = fitIntercept ? Math.log(share[c]) : 0;
      dev -= share[c] * Math.log(share[c]);
    }
    if (!fitIntercept) {
      return Math.log(k);
    }
    double mean = 0;
    for (double a : intercept) {
      mean += a / k;
    }
    for (int c = 0; c < k; c++) {
      intercept[c] -= mean;
    }
    return dev;
  }

  @Override
  public void solveUnpenalized(double threshold) {
    solve(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, threshold);
  }

  @Override
  public void solve(double lambda, double previousLambda, double threshold) {
    double l1 = PointSolver.part(alpha, lambda);
    double l2 = PointSolver.part(1 - alpha, lambda);
    double strongThreshold =
        Double.isInfinite(lambda) ? l1 : alpha * (2 * lambda - previousLambda);
    for (int j = 0; j < p; j++) {
      if (design.included[j] && !cd.strong[j]
          && absGradient[j] > PointSolver.times(penalty[j], strongThreshold)) {
        cd.strong[j] = true;
      }
    }
    cd.setThreshold(threshold);
    outsideGradientFresh = false;
    boolean anyClassFitted = false;
    double best = Double.POSITIVE_INFINITY;
    int stalled = 0;
    while (true) {
      cd.checkPasses();
      boolean notConverged = false;
      double promised = 0;
      for (int c = 0; c < numClasses; c++) {
        int off = c * p;
        interceptOld[c] = intercept[c];
        for (int a = 0; a < cd.numActive; a++) {
          int j = cd.active[a];
          bOld[off + j] = b[off + j];
        }
        double weightSum = classWeights(c);
        if (weightSum <= VMIN) {
          continue;
        }
        anyClassFitted = true;
        for (int j = 0; j < p; j++) {
          if (cd.strong[j]) {
            xv[off + j] = design.weightedSquares(j, v, weightSum);
          }
        }
        double before = loss();
        int activeBefore = cd.numActive;
        cd.solve(b, off, intercept, c, xv, v, weightSum, l1, l2, r);
        for (int a = activeBefore; a < cd.numActive; a++) {
          bOld[off + cd.active[a]] = 0; // entered during this solve: its old value was 0
        }
        // glmnet checks a class's Newton step only while all earlier classes converged; the
        // full (undamped) step is what goes to 0 at the solution.
        if (!notConverged) {
          // Never below the coefficients' rounding floor (SingleResponseSolver says why).
          double limit = Math.max(threshold, roundingThreshold());
          double d0 = intercept[c] - interceptOld[c];
          notConverged = weightSum * d0 * d0 > limit;
          for (int a = 0; !notConverged && a < cd.numActive; a++) {
            int j = cd.active[a];
            double d = b[off + j] - bOld[off + j];
            notConverged = xv[off + j] * d * d > limit;
          }
        }
        promised += stepSquares(c, weightSum);
        updateClassProbabilities(c);
        backtrack(c, before, l1, l2);
      }
      center();
      if (!anyClassFitted) {
        exhausted = true;
        return;
      }
      if (!notConverged && !addKktViolators(l1)) {
        outsideGradientFresh = true;
        return;
      }
      // A stall inside the solve: STALLED_ROUNDS rounds in a row whose full Newton steps
      // promised a decrease (½Σ xv·d², the quadratic model's) above the backtracking's slack
      // did not lower the objective (steps that the backtracking rejects, or that undo each
      // other). Without this the rounds went on until the path's budget of passes ran out;
      // now the path's certificate decides, and its tightening ends the λ as not converged, as
      // for a stall between solves. Steps promising less are below the objective's rounding
      // (near the solution at tight tolerances): they go on, the step sizes end those rounds.
      double objective = loss() + penaltyValue(l1, l2);
      boolean visible = 0.5 * promised > 1e-12 * Math.max(1.0, Math.abs(best));
      stalled = objective < best || !visible ? 0 : stalled + 1;
      best = Math.min(best, objective);
      if (stalled >= PathLoop.STALLED_ROUNDS) {
        return;
      }
    }
  }

  /** Σv·d₀² + Σⱼ xvⱼ·dⱼ² of class c's full Newton step (d from bOld, interceptOld). */
  private double stepSquares(int c, double weightSum) {
    int off = c * p;
    double d0 = intercept[c] - interceptOld[c];
    double sum = weightSum * d0 * d0;
    for (int a = 0; a < cd.numActive; a++) {
      int j = cd.active[a];
      double d = b[off + j] - bOld[off + j];
      sum += xv[off + j] * d * d;
    }
    return sum;
  }

  /** The penalty λΣₖΣⱼvⱼ[α|bⱼₖ| + (1−α)/2 bⱼₖ²] over the active set. */
  private double penaltyValue(double l1, double l2) {
    double sum = 0;
    for (int a = 0; a < cd.numActive; a++) {
      int j = cd.active[a];
      double weight1 = PointSolver.times(penalty[j], l1);
      double weight2 = 0.5 * PointSolver.times(penalty[j], l2);
      for (int c = 0; c < numClasses; c++) {
        double bj = b[c * p + j];
        if (bj != 0) { // at λ = ∞ a penalized coefficient is 0 and its weights infinite
          sum += weight1 * Math.abs(bj) + weight2 * bj * bj;
        }
      }
    }
    return sum;
  }

  /**
   * The step-size control of proximal Newton (Lee, Sun and Saunders 2014): the class's full
   * Newton step, the minimizer of its quadratic model, is kept when the objective did not grow;
   * otherwise it is halved (coefficients and intercept moved back towards where the class's
   * solve started) until the objective is at most its value before the step. Without it the
   * diagonal-block quadratic model of the softmax can overshoot: a cold start far below λ_max
   * diverged to NaN, and on correlated features (neighbouring MNIST pixels) the full steps
   * cycled between two points forever. Where the step is accepted (almost always near the
   * solution) this costs one evaluation of the loss, O(n).
   *
   * @param before the objective's data part (the mean loss) before the class's step
   */
  private void backtrack(int c, double before, double l1, double l2) {
    int off = c * p;
    double after = loss();
    double penaltyChange = penaltyChange(off, l1, l2);
    // Rounding in a sum of n logarithms is far below 1e-12 relative.
    double slack = 1e-12 * Math.max(1.0, Math.abs(before));
    if (after + penaltyChange <= before + slack) {
      return;
    }
    double newIntercept = intercept[c];
    for (int a = 0; a < cd.numActive; a++) {
      int j = cd.active[a];
      stepTo[j] = b[off + j];
    }
    double t = 1.0;
    for (int halving = 0; halving < MAX_HALVINGS; halving++) {
      t *= 0.5;
      intercept[c] = interceptOld[c] + t * (newIntercept - interceptOld[c]);
      for (int a = 0; a < cd.numActive; a++) {
        int j = cd.active[a];
        b[off + j] = bOld[off + j] + t * (stepTo[j] - bOld[off + j]);
      }
      updateClassProbabilities(c);
      after = loss();
      penaltyChange = penaltyChange(off, l1, l2);
      if (after + penaltyChange <= before + slack) {
        return;
      }
    }
    // No decrease along the step at all: stay where the class started.
    intercept[c] = interceptOld[c];
    for (int a = 0; a < cd.numActive; a++) {
      int j = cd.active[a];
      b[off + j] = bOld[off + j];
    }
    updateClassProbabilities(c);
  }

  /** Halvings of a Newton step before it is given up (2⁻³⁰ of the step is rounding). */
  private static final int MAX_HALVINGS = 30;

  /**
   * The change of class c's penalty λΣⱼvⱼ[α|bⱼ| + (1−α)/2 bⱼ²] from its coefficients at the
   * start of the step (bOld) to the current ones, over the active set.
   */
  private double penaltyChange(int off, double l1, double l2) {
    double change = 0;
    for (int a = 0; a < cd.numActive; a++) {
      int j = cd.active[a];
      double now = b[off + j];
      double old = bOld[off + j];
      if (now == old) {
        continue;
      }
      change += PointSolver.times(penalty[j], l1) * (Math.abs(now) - Math.abs(old))
          + 0.5 * PointSolver.times(penalty[j], l2) * (now * now - old * old);
    }
    return change;
  }

  /**
   * The mean loss −(1/n) Σᵢ log pᵢ,yᵢ at the current probabilities, with each p kept at or
   * above pmin as the deviance is; +∞ when a probability is not finite.
   */
  private double loss() {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double qi = q[label[i] * n + i];
      double pi = qi / sxp[i];
      if (!(pi >= 0)) {
        return Double.POSITIVE_INFINITY;
      }
      sum -= omega[i] * (pi > 0 ? Math.log(pi) : Math.log(qi) - Math.log(sxp[i]));
    }
    return sum;
  }

  /** Working weights v and residual r of class c; returns Σv. */
  private double classWeights(int c) {
    int off = c * n;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double pic = q[off + i] / sxp[i];
      double vi = omega[i] * pic * (1 - pic);
      v[i] = vi;
      sum += vi;
      r[i] = omega[i] * ((label[i] == c ? 1 : 0) - pic);
    }
    return sum;
  }

  /** q of class c from its new coefficients, keeping sxp = Σₖ q consistent. */
  private void updateClassProbabilities(int c) {
    int off = c * p;
    Arrays.fill(buffer, intercept[c]);
    design.addColumns(b, off, cd.active, cd.numActive, buffer);
    int qo = c * n;
    boolean finite = true;
    for (int i = 0; i < n; i++) {
      double f = Math.max(-EXMX, Math.min(EXMX, buffer[i]));
      // The other classes' sum afresh: sxp − q would cancel where class c dominates (the
      // probabilities are not clamped away from 0 and 1, so q ranges over e^±250).
      double rest = 0;
      for (int k = 0; k < numClasses; k++) {
        rest += k == c ? 0 : q[k * n + i];
      }
      double e = Math.exp(f);
      q[qo + i] = e;
      sxp[i] = rest + e;
      finite &= sxp[i] > 0 && sxp[i] < Double.POSITIVE_INFINITY;
    }
    if (!finite) {
      // The unnormalized e^η of the incremental updates left the range of double: start afresh.
      refreshProbabilities();
    }
  }

  /**
   * Removes the multinomial's redundancy: intercepts to sum zero, each active feature's K
   * coefficients shifted by the penalty-minimizing center; q and sxp follow (the probabilities
   * do not change).
   */
  private void center() {
    double s = 0;
    for (double a : intercept) {
      s -= a / numClasses;
    }
    for (int c = 0; c < numClasses; c++) {
      intercept[c] += s;
    }
    Arrays.fill(buffer, s);
    for (int a = 0; a < cd.numActive; a++) {
      int j = cd.active[a];
      for (int c = 0; c < numClasses; c++) {
        classValues[c] = b[c * p + j];
      }
      double shift = penalty[j] <= 0
          ? mean(classValues)
          : ElasticNetPenalty.center(alpha, classValues, sorted);
      if (box.bounded) {
        shift = boxedShift(j, shift);
      }
      if (shift == 0) {
        continue;
      }
      for (int c = 0; c < numClasses; c++) {
        b[c * p + j] -= shift;
      }
      design.addScaledColumn(j, -shift, buffer);
    }
    boolean finite = true;
    for (int i = 0; i < n; i++) {
      double e = Math.exp(buffer[i]);
      sxp[i] *= e;
      for (int c = 0; c < numClasses; c++) {
        q[c * n + i] *= e;
      }
      finite &= sxp[i] > 0 && sxp[i] < Double.POSITIVE_INFINITY;
    }
    if (!finite) {
      refreshProbabilities();
    }
  }

  /**
   * glmnet's {@code elc} clamp: the shift c moved into [maxₖ(bⱼₖ − uⱼ), minₖ(bⱼₖ − lⱼ)], the
   * shifts that keep every class's coefficient inside the box (an interval that holds 0, since
   * the coefficients are inside). Unlike glmnet, also for unpenalized features.
   */
  private double boxedShift(int j, double shift) {
    double low = Double.NEGATIVE_INFINITY;
    double high = Double.POSITIVE_INFINITY;
    for (int c = 0; c < numClasses; c++) {
      low = Math.max(low, classValues[c] - box.upper(j));
      high = Math.min(high, classValues[c] - box.lower(j));
    }
    return Math.max(low, Math.min(high, shift));
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s / a.length;
  }

  /** Residual of class c at the current probabilities: (yₖ − pₖ)/n. Modifies {@code out}. */
  private void classResidual(int c, double[] out) {
    int off = c * n;
    for (int i = 0; i < n; i++) {
      out[i] = omega[i] * ((label[i] == c ? 1 : 0) - q[off + i] / sxp[i]);
    }
  }

  /** absGradient[j] = maxₖ |x̃ⱼᵀrₖ| over included features (outside the strong set unless all). */
  private void refreshAbsGradient(boolean all) {
    for (int j = 0; j < p; j++) {
      if (design.included[j] && (all || !cd.strong[j])) {
        absGradient[j] = 0;
      }
    }
    for (int c = 0; c < numClasses; c++) {
      classResidual(c, r);
      double rc = design.centerDot(r);
      for (int j = 0; j < p; j++) {
        if (design.included[j] && (all || !cd.strong[j])) {
          absGradient[j] = Math.max(absGradient[j], Math.abs(design.dot(j, r, rc)));
        }
      }
    }
  }

  private boolean addKktViolators(double l1) {
    refreshAbsGradient(false);
    boolean added = false;
    for (int j = 0; j < p; j++) {
      if (design.included[j] && !cd.strong[j]
          && absGradient[j] > PointSolver.times(penalty[j], l1)) {
        cd.strong[j] = true;
        added = true;
      }
    }
    return added;
  }

  @Override
  public double lambdaMax() {
    refreshAbsGradient(true);
    return ProximalNewtonCoordinateDescent.lambdaMax(design.included, penalty, absGradient,
        alpha);
  }

  @Override
  public double devianceRatio() {
    double dev = 0;
    for (int i = 0; i < n; i++) {
      dev -= omega[i] * Math.log(q[label[i] * n + i] / sxp[i]);
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
    // A class's intercept move is weighted by Σv ≤ 1/4, a coefficient's by xv ≤ variance/4.
    double largest = 0;
    for (int c = 0; c < numClasses; c++) {
      largest = Math.max(largest, 0.25 * intercept[c] * intercept[c]);
      for (int a = 0; a < cd.numActive; a++) {
        int j = cd.active[a];
        double v = b[c * p + j];
        largest = Math.max(largest, 0.25 * design.variance[j] * v * v);
      }
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
   * The scaled KKT residual at {@code lambda} over every class, as {@link SingleResponseSolver}'s:
   * at tight tolerances the probabilities are first recomputed from the coefficients, then
   *
   * <pre>
   *   max over k of ( |∂/∂ã₀ₖ|,  maxⱼ sⱼ·|∇ⱼₖ + λ(1−α)vⱼb̃ⱼₖ + λαvⱼ·sign b̃ⱼₖ|  (b̃ⱼₖ ≠ 0),
   *                               maxⱼ sⱼ·(|∇ⱼₖ| − λαvⱼ)₊                    (b̃ⱼₖ = 0) ) / dev₀
   * </pre>
   *
   * (the intercepts' term only when they are fitted) with sⱼ = √xvⱼ the column's standard
   * deviation on the design's scale and dev₀ = −(2/n)·loglik of the null model. With box
   * constraints, a coefficient at a limit only needs its gradient to point out of the box
   * ({@link Box#violation}).
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
    for (int j = 0; j < p; j++) {
      if (reuse && design.included[j] && !cd.strong[j] && !box.zeroLimit(j)) {
        // Fresh from the last KKT check, and all K coefficients are 0 outside the strong set.
        worst = Math.max(worst, Math.sqrt(design.variance[j])
            * ElasticNetPenalty.violation(absGradient[j], 0, penalty[j], l1, l2));
      } else {
        absGradient[j] = 0;
      }
    }
    for (int c = 0; c < numClasses; c++) {
      classResidual(c, r);
      double sum = 0;
      for (double ri : r) {
        sum += ri;
      }
      worst = fitIntercept ? Math.max(worst, Math.abs(sum)) : worst;
      double rc = design.centerDot(r);
      int off = c * p;
      for (int j = 0; j < p; j++) {
        if (!design.included[j] || (reuse && !cd.strong[j] && !box.zeroLimit(j))) {
          continue;
        }
        double g = design.dot(j, r, rc);
        absGradient[j] = Math.max(absGradient[j], Math.abs(g));
        worst = Math.max(worst, Math.sqrt(design.variance[j])
            * box.violation(j, -g, b[off + j], penalty[j], l1, l2));
      }
    }
    return worst / (2 * nullLoss);
  }

  /**
   * q and sxp afresh from the intercepts and coefficients: the exact softmax of the linear
   * predictors (clipped to ±250), where the class-by-class updates and the centering change
   * them incrementally and accumulate rounding.
   */
  private void refreshProbabilities() {
    Arrays.fill(sxp, 0);
    for (int c = 0; c < numClasses; c++) {
      int off = c * p;
      Arrays.fill(buffer, intercept[c]);
      design.addColumns(b, off, cd.active, cd.numActive, buffer);
      int qo = c * n;
      for (int i = 0; i < n; i++) {
        double e = Math.exp(Math.max(-EXMX, Math.min(EXMX, buffer[i])));
        q[qo + i] = e;
        sxp[i] += e;
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
