package dev.tikhonov.linear;

/**
 * Cyclic coordinate descent for one λ at a time of the gaussian elastic net on a
 * {@link StandardizedDesign} (glmnet's {@code elnet1}/{@code elnet2} point solver), warm-started
 * from the previous λ:
 *
 * <pre>
 *   minimize (1/2n)‖r‖² + λ Σⱼ vⱼ [α|bⱼ| + (1−α)/2 bⱼ²],  r = y − Z b
 *   bⱼ ← S(gⱼ + xvⱼ bⱼ, λαvⱼ) / (xvⱼ + λ(1−α)vⱼ),   gⱼ = (1/n) zⱼᵀr,  xvⱼ = (1/n)‖zⱼ‖²,
 * </pre>
 *
 * S the soft threshold, y the centered target; with box constraints lⱼ ≤ bⱼ ≤ uⱼ ({@link Box},
 * glmnet's {@code cl}) the update is clamped to [lⱼ, uⱼ]. Each λ starts from the sequential strong set
 * {@code |gⱼ| > α(2λ − λ_prev)vⱼ}, alternates full passes over that set with passes over the
 * active set until the largest {@code xvⱼ·Δbⱼ²} of a pass is below the threshold, then checks
 * the KKT conditions {@code |gⱼ| ≤ λαvⱼ} of every discarded feature and repeats if one fails.
 *
 * <p>Its certificate is the relative duality gap (see {@link #certificate}). Not thread-safe.
 */
final class GaussianCoordinateDescent implements PointSolver {
  private final StandardizedDesign design;
  private final GradientTracker tracker;
  private final double[] penalty;
  /** Limits on the design's scale ({@link Box#none()} for none). */
  private final Box box;
  private final double alpha;
  private final int maxPasses;
  /** (1/n)‖y‖² of the centered target: the null deviance per observation. */
  private final double start;
  /** The intercept on the design's scale: the target's mean (0 without an intercept). */
  private final double offset;
  /** Recompute residual and gradients from the coefficients for each certificate. */
  private final boolean recompute;

  private final double[] coefficients;
  private final int[] active;
  private int numActive;
  private final boolean[] isActive;
  private final boolean[] strong;
  /** Decrease of (1/n)RSS from the start, glmnet's rsq unnormalized; exact after a certificate. */
  private double explained;
  private double largestChange;
  private int passes;

  /**
   * @param offset what was subtracted from y to give the tracker's target (its mean with an
   *     intercept, else 0): the intercept on the design's scale
   * @param startMeanSquare (1/n)‖y − offset‖², the null deviance per observation
   * @param box limits lⱼ ≤ b̃ⱼ ≤ uⱼ on the design's scale ({@link Box#none()} for none)
   * @param maxPasses the path's budget of coordinate passes
   * @param recompute certificates from residual and gradients recomputed afresh (exact; costs
   *     about one pass over the active set each), else from the tracked ones
   */
  GaussianCoordinateDescent(StandardizedDesign design, GradientTracker tracker, double[] penalty,
      Box box, double alpha, double offset, double startMeanSquare, int maxPasses,
      boolean recompute) {
    this.design = design;
    this.tracker = tracker;
    this.penalty = penalty;
    this.box = box;
    this.alpha = alpha;
    this.start = startMeanSquare;
    this.offset = offset;
    this.recompute = recompute;
    this.maxPasses = maxPasses;
    int p = design.p;
    coefficients = new double[p];
    active = new int[p];
    isActive = new boolean[p];
    strong = new boolean[p];
  }

  /**
   * A warm start from outside a path ({@link QuadraticDescent}): sets the coefficients to
   * {@code start} (design scale; entries of excluded features are ignored) and brings the tracked
   * gradients and the explained deviance there, each nonzero coefficient entering the strong and
   * active sets. Call before the first {@link #solve}. Modifies this solver and its tracker.
   */
  void startFrom(double[] start) {
    for (int k = 0; k < design.p; k++) {
      if (!design.included[k] || start[k] == 0) {
        continue;
      }
      double delta = start[k];
      double g = tracker.gradient(k);
      coefficients[k] = delta;
      explained += delta * (2 * g - delta * design.variance[k]);
      strong[k] = true;
      isActive[k] = true;
      active[numActive++] = k;
      tracker.activate(k);
      tracker.moveAll(k, delta);
    }
  }

  @Override
  public void solveUnpenalized(double threshold) {
    for (int k = 0; k < design.p; k++) {
      strong[k] = design.included[k] && penalty[k] == 0;
    }
    sweep(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, threshold, true);
  }

  @Override
  public double lambdaMax() {
    double max = 0;
    for (int j = 0; j < design.p; j++) {
      if (design.included[j] && penalty[j] > 0) {
        max = Math.max(max, Math.abs(tracker.gradient(j)) / penalty[j]);
      }
    }
    return max / Math.max(alpha, 1e-3);
  }

  @Override
  public void solve(double lambda, double previousLambda, double threshold) {
    sweep(lambda, previousLambda, threshold, false);
  }

  private void sweep(double lambda, double previousLambda, double threshold,
      boolean unpenalizedOnly) {
    double l1 = PointSolver.part(alpha, lambda);
    double l2 = PointSolver.part(1 - alpha, lambda);
    if (!unpenalizedOnly) {
      addToStrongSet(alpha * (2 * lambda - previousLambda));
    }
    boolean activeFirst = numActive > 0;
    while (true) {
      if (!activeFirst) {
        strongPass(l1, l2);
        if (settled(threshold)) {
          if (unpenalizedOnly || !addToStrongSet(l1)) {
            return;
          }
          continue;
        }
      }
      activeFirst = false;
      tracker.beginActivePasses(coefficients, active, numActive);
      do {
        activePass(l1, l2);
      } while (!settled(threshold));
      tracker.endActivePasses(coefficients, active, numActive);
    }
  }

  /**
   * Whether the last pass ends the sweeps at {@code threshold}: its largest move is below the
   * threshold, or no larger than the rounding floor the coefficients have reached since the
   * caller chose it ({@link #roundingThreshold}). A threshold chosen below the floor while the
   * coefficients were still 0 would otherwise let moves of rounding only, which can cycle
   * between two values forever, run on until the pass budget is spent.
   */
  private boolean settled(double threshold) {
    return largestChange < threshold || largestChange <= roundingThreshold();
  }

  // The loops of a sweep are methods of their own, called many times per path, so that the JIT
  // compiles them as ordinary methods with complete profiles within the first fit. Inside one
  // sweep that runs once per λ, C2 compiled them by on-stack replacement before any loop had
  // exited, and each loop exit or late branch was a trap that threw the code away
  // (docs/performance-log.md, issue 13's fifth session).

  /**
   * Adds to the strong set every included feature outside it whose |gradient| exceeds
   * {@code threshold}·penalty; returns whether it added any.
   */
  private boolean addToStrongSet(double threshold) {
    boolean added = false;
    for (int k = 0, p = design.p; k < p; k++) {
      if (!strong[k] && design.included[k]
          && Math.abs(tracker.gradient(k)) > threshold * penalty[k]) {
        strong[k] = true;
        added = true;
      }
    }
    return added;
  }

  /** One pass over the strong set, activating the features that move. */
  private void strongPass(double l1, double l2) {
    countPass();
    largestChange = 0;
    for (int k = 0, p = design.p; k < p; k++) {
      if (!strong[k]) {
        continue;
      }
      double delta = update(k, l1, l2);
      if (delta != 0) {
        if (!isActive[k]) {
          isActive[k] = true;
          active[numActive++] = k;
          tracker.activate(k);
        }
        tracker.moveAll(k, delta);
      }
    }
  }

  /** One pass over the active set. */
  private void activePass(double l1, double l2) {
    countPass();
    largestChange = 0;
    for (int l = 0; l < numActive; l++) {
      int k = active[l];
      double delta = update(k, l1, l2);
      if (delta != 0) {
        tracker.moveActive(k, delta, active, numActive);
      }
    }
  }

  /** One coordinate update; returns Δb_k (0 when b_k did not move). */
  private double update(int k, double l1, double l2) {
    double old = coefficients[k];
    double g = tracker.gradient(k);
    double xv = design.variance[k];
    double u = g + xv * old;
    double shrunk = Math.abs(u) - PointSolver.times(penalty[k], l1);
    double updated = shrunk > 0
        ? box.clamp(k, Math.copySign(shrunk, u) / (xv + PointSolver.times(penalty[k], l2)))
        : 0.0;
    if (updated == old) {
      return 0.0;
    }
    double delta = updated - old;
    coefficients[k] = updated;
    // (1/n)‖r − δz_k‖² = (1/n)‖r‖² − δ(2g_k − δ xv_k)
    explained += delta * (2 * g - delta * xv);
    largestChange = Math.max(largestChange, xv * delta * delta);
    return delta;
  }

  private void countPass() {
    if (++passes > maxPasses) {
      throw new IterationLimitReached(maxPasses);
    }
  }

  /**
   * The relative duality gap (P(b) − D(u)) / dev₀ at {@code lambda}, dev₀ = (1/n)‖y‖², with the
   * dual point u = s·r/n, s ≤ 1 shrinking it into the dual feasible set when the penalty is pure
   * L1:
   *
   * <pre>
   *   P(b) = (1/2n)‖r‖² + λ Σ vⱼ[α|bⱼ| + (1−α)/2 bⱼ²]
   *   D(u) = uᵀy − (n/2)‖u‖² − Σⱼ hⱼ*(zⱼᵀu),  hⱼ*(t) = (|t| − λαvⱼ)₊² / (2λ(1−α)vⱼ)
   *          (for α = 1: the indicator of |t| ≤ λvⱼ)
   *   P − D = ½(1−s)²·(1/n)‖r‖² + Σⱼ [hⱼ(bⱼ) + hⱼ*(s·gⱼ) − s·bⱼgⱼ]
   * </pre>
   *
   * evaluated in the last form, a sum of terms that are each ≥ 0 (Fenchel–Young) and vanish at
   * the optimum, so the rounding of the two O(dev₀) objectives never cancels into it. At tight
   * tolerances the residual, the gradients and (1/n)‖r‖² are first recomputed exactly from the
   * coefficients (the running values drift by rounding over many updates, about 1e-14 of dev₀
   * over a path); otherwise the tracked ones serve. An unpenalized feature (vⱼ = 0,
   * whose dual constraint is gⱼ = 0) contributes |bⱼgⱼ|. At λ = 0 there is no useful dual; the
   * certificate is then the largest standardized gradient maxⱼ |gⱼ|/√xvⱼ relative to √dev₀ (a
   * correlation of the residual with a feature; with limits, only the part pointing into the
   * box). With box constraints the gap is that of the constrained problem ({@link #boxedGap}).
   */
  @Override
  public double certificate(double lambda) {
    int p = design.p;
    double rss;
    if (recompute) {
      rss = Math.max(0, tracker.refresh(coefficients, active, numActive));
      explained = start - rss;
    } else {
      rss = Math.max(0, tracker.residualMeanSquare(start - explained));
    }
    if (!(lambda > 0)) {
      double worst = 0;
      for (int j = 0; j < p; j++) {
        if (design.included[j]) {
          // |gⱼ| without limits; with them, how far gⱼ points into the box.
          double g = tracker.gradient(j);
          worst = Math.max(worst, (box.bounded
              ? box.violation(j, -g, coefficients[j], 0, 0, 0) : Math.abs(g))
              / Math.sqrt(design.variance[j]));
        }
      }
      return worst / Math.sqrt(start);
    }
    double l1 = lambda * alpha;
    double l2 = lambda * (1 - alpha);
    if (box.bounded) {
      return boxedGap(l1, l2, rss) / start;
    }
    double[] g = new double[p];
    double scale = 1;
    for (int j = 0; j < p; j++) {
      if (!design.included[j]) {
        continue;
      }
      g[j] = tracker.gradient(j);
      if (penalty[j] > 0 && l2 == 0 && Math.abs(g[j]) > l1 * penalty[j]) {
        scale = Math.min(scale, l1 * penalty[j] / Math.abs(g[j]));
      }
    }
    double gap = 0.5 * (1 - scale) * (1 - scale) * rss;
    for (int j = 0; j < p; j++) {
      if (!design.included[j]) {
        continue;
      }
      double b = coefficients[j];
      double t = scale * g[j];
      if (penalty[j] == 0) {
        gap += Math.abs(b * t);
        continue;
      }
      double term = penalty[j] * (l1 * Math.abs(b) + 0.5 * l2 * b * b) - b * t;
      if (l2 > 0) {
        double excess = Math.abs(t) - l1 * penalty[j];
        if (excess > 0) {
          term += excess * excess / (2 * l2 * penalty[j]);
        }
      }
      gap += term;
    }
    return gap / start;
  }

  /**
   * The duality gap P − D of the box-constrained problem (not yet divided by dev₀): each
   * penalty hⱼ(b) = vⱼ[l1|b| + l2/2·b²] is restricted to lⱼ ≤ b ≤ uⱼ, so its conjugate is
   *
   * <pre>
   *   hⱼ*(t) = t·b* − hⱼ(b*),  b* = clamp(S(t, l1vⱼ)/(l2vⱼ), lⱼ, uⱼ)       (l2 &gt; 0)
   *   hⱼ*(t) = (t − l1vⱼ)₊·uⱼ + (−t − l1vⱼ)₊·(−lⱼ)                      (l2 = 0)
   * </pre>
   *
   * (finite wherever the limit on the side t points to is), and the dual point u = s·r/n is
   * shrunk (s ≤ 1) only as far as the features whose gradient exceeds l1vⱼ towards an
   * infinite limit need. With limits at 0, a feature held at 0 by its limit contributes
   * nothing, whatever its gradient. An unpenalized feature contributes t·(uⱼ − bⱼ) or
   * t·(lⱼ − bⱼ) (its conjugate is the support function of the box), |bⱼt| where the limit is
   * infinite, as without limits.
   */
  private double boxedGap(double l1, double l2, double rss) {
    int p = design.p;
    double[] g = new double[p];
    double scale = 1;
    for (int j = 0; j < p; j++) {
      if (!design.included[j]) {
        continue;
      }
      g[j] = tracker.gradient(j);
      double limit = g[j] > 0 ? box.upper(j) : box.lower(j);
      if (penalty[j] > 0 && l2 == 0 && Math.abs(g[j]) > l1 * penalty[j]
          && Double.isInfinite(limit)) {
        scale = Math.min(scale, l1 * penalty[j] / Math.abs(g[j]));
      }
    }
    double gap = 0.5 * (1 - scale) * (1 - scale) * rss;
    for (int j = 0; j < p; j++) {
      if (!design.included[j]) {
        continue;
      }
      double b = coefficients[j];
      double t = scale * g[j];
      if (penalty[j] == 0) {
        double limit = t > 0 ? box.upper(j) : box.lower(j);
        gap += t == 0 ? 0 : Double.isInfinite(limit) ? Math.abs(b * t)
            : Math.max(0, t * (limit - b));
        continue;
      }
      double c1 = l1 * penalty[j];
      double c2 = l2 * penalty[j];
      double term = c1 * Math.abs(b) + 0.5 * c2 * b * b - b * t;
      if (c2 > 0) {
        double shrunk = Math.abs(t) - c1;
        double best = shrunk > 0 ? box.clamp(j, Math.copySign(shrunk, t) / c2) : 0;
        term += t * best - c1 * Math.abs(best) - 0.5 * c2 * best * best;
      } else {
        // The shrinking made t feasible towards infinite limits (up to rounding: skip those).
        if (t > c1 && !Double.isInfinite(box.upper(j))) {
          term += (t - c1) * box.upper(j);
        }
        if (-t > c1 && !Double.isInfinite(box.lower(j))) {
          term += (-t - c1) * -box.lower(j);
        }
      }
      // A Fenchel–Young term, ≥ 0 but for the rounding of its parts.
      gap += Math.max(0, term);
    }
    return gap;
  }

  @Override
  public double devianceRatio() {
    return explained / start;
  }

  @Override
  public double nullDeviance() {
    return start;
  }

  @Override
  public double sweepScale() {
    return start;
  }

  @Override
  public double roundingThreshold() {
    double largest = 0;
    for (int l = 0; l < numActive; l++) {
      int k = active[l];
      largest = Math.max(largest, design.variance[k] * coefficients[k] * coefficients[k]);
    }
    return ROUNDING * largest;
  }

  @Override
  public int passes() {
    return passes;
  }

  @Override
  public int everActive() {
    return numActive;
  }

  /** Whether feature {@code k} is among the {@link #everActive} ones. */
  boolean isEverActive(int k) {
    return isActive[k];
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
    interceptOut[0] = offset;
    System.arraycopy(coefficients, 0, coefficientsOut[0], 0, design.p);
  }
}
