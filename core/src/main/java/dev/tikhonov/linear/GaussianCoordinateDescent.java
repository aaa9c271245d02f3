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
 * S the soft threshold. Each λ starts from the sequential strong set
 * {@code |gⱼ| > α(2λ − λ_prev)vⱼ}, alternates full passes over that set with passes over the
 * active set until the largest {@code xvⱼ·Δbⱼ²} of a pass is below {@code threshold}, then
 * checks the KKT conditions {@code |gⱼ| ≤ λαvⱼ} of every discarded feature and repeats if one
 * fails.
 */
final class GaussianCoordinateDescent {
  /** glmnet's "infinite" λ, used to fit the unpenalized features alone. */
  static final double BIG_LAMBDA = 9.9e35;

  private final StandardizedDesign design;
  private final GradientTracker tracker;
  private final double[] penalty;
  private final double alpha;
  private final double threshold;
  private final int maxPasses;

  private final double[] coefficients;
  private final int[] active;
  private int numActive;
  private final boolean[] isActive;
  private final boolean[] strong;
  /** Decrease of (1/n)RSS from its start, glmnet's rsq (unnormalized). */
  private double explained;
  private double largestChange;
  private int passes;

  GaussianCoordinateDescent(StandardizedDesign design, GradientTracker tracker, double[] penalty,
      double alpha, double threshold, int maxPasses) {
    this.design = design;
    this.tracker = tracker;
    this.penalty = penalty;
    this.alpha = alpha;
    this.threshold = threshold;
    this.maxPasses = maxPasses;
    int p = design.p;
    coefficients = new double[p];
    active = new int[p];
    isActive = new boolean[p];
    strong = new boolean[p];
  }

  /** Solves at {@code lambda}, warm-started; {@code previousLambda} drives the strong rule. */
  void solve(double lambda, double previousLambda) {
    solve(lambda, previousLambda, false);
  }

  /**
   * Fits the unpenalized features (vⱼ = 0) alone, every penalized coefficient held at 0: the
   * solution at λ = ∞.
   */
  void solveUnpenalized() {
    for (int k = 0; k < design.p; k++) {
      strong[k] = design.included[k] && penalty[k] == 0;
    }
    solve(BIG_LAMBDA, BIG_LAMBDA, true);
  }

  private void solve(double lambda, double previousLambda, boolean unpenalizedOnly) {
    int p = design.p;
    double l1 = lambda * alpha;
    double l2 = lambda * (1 - alpha);
    double strongThreshold = alpha * (2 * lambda - previousLambda);
    for (int k = 0; k < p && !unpenalizedOnly; k++) {
      if (!strong[k] && design.included[k]
          && Math.abs(tracker.gradient(k)) > strongThreshold * penalty[k]) {
        strong[k] = true;
      }
    }
    boolean activeFirst = numActive > 0;
    while (true) {
      if (!activeFirst) {
        countPass(lambda);
        largestChange = 0;
        for (int k = 0; k < p; k++) {
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
        if (largestChange < threshold) {
          boolean violated = false;
          for (int k = 0; k < p && !unpenalizedOnly; k++) {
            if (!strong[k] && design.included[k]
                && Math.abs(tracker.gradient(k)) > l1 * penalty[k]) {
              strong[k] = true;
              violated = true;
            }
          }
          if (!violated) {
            return;
          }
          continue;
        }
      }
      activeFirst = false;
      tracker.beginActivePasses(coefficients, active, numActive);
      do {
        countPass(lambda);
        largestChange = 0;
        for (int l = 0; l < numActive; l++) {
          int k = active[l];
          double delta = update(k, l1, l2);
          if (delta != 0) {
            tracker.moveActive(k, delta, active, numActive);
          }
        }
      } while (largestChange >= threshold);
      tracker.endActivePasses(coefficients, active, numActive);
    }
  }

  /** One coordinate update; returns Δb_k (0 when b_k did not move). */
  private double update(int k, double l1, double l2) {
    double old = coefficients[k];
    double g = tracker.gradient(k);
    double xv = design.variance[k];
    double u = g + xv * old;
    double shrunk = Math.abs(u) - l1 * penalty[k];
    double updated = shrunk > 0 ? Math.copySign(shrunk, u) / (xv + l2 * penalty[k]) : 0.0;
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

  private void countPass(double lambda) {
    if (++passes > maxPasses) {
      throw new IllegalStateException("coordinate descent did not converge within "
          + maxPasses + " passes over the data (at λ = " + lambda
          + "); raise maxIterations or tol");
    }
  }

  /** Coefficients on the design's (standardized) scale; live view, do not modify. */
  double[] coefficients() {
    return coefficients;
  }

  /** Decrease of (1/n)RSS since the start (all coefficients 0). */
  double explained() {
    return explained;
  }

  int passes() {
    return passes;
  }

  /** Current gradient of feature k, (1/n) z_kᵀ r. */
  double gradient(int k) {
    return tracker.gradient(k);
  }

  /**
   * The duality gap P(b) − D(u) at {@code lambda}, with the dual point u = s·r/n scaled into the
   * dual feasible set when some penalty is pure L1:
   *
   * <pre>
   *   P(b) = (1/2n)‖r‖² + λ Σ vⱼ[α|bⱼ| + (1−α)/2 bⱼ²]
   *   D(u) = uᵀy − (n/2)‖u‖² − Σⱼ hⱼ*(zⱼᵀu),  hⱼ*(t) = (|t| − λαvⱼ)₊² / (2λ(1−α)vⱼ)
   *          (for α = 1: the indicator of |t| ≤ λvⱼ)
   * </pre>
   *
   * Unpenalized features (vⱼ = 0) have gⱼ = 0 at the optimum and are left out of D. NaN for
   * λ = 0. {@code startMeanSquare} is (1/n)‖y‖² of the (centered) target.
   */
  double dualityGap(double lambda, double startMeanSquare) {
    if (!(lambda > 0)) {
      return Double.NaN;
    }
    int p = design.p;
    double rss = Math.max(0, tracker.residualMeanSquare(startMeanSquare - explained));
    double l1 = lambda * alpha;
    double l2 = lambda * (1 - alpha);
    double penaltyValue = 0;
    double bg = 0;
    double scale = 1;
    double[] g = new double[p];
    for (int j = 0; j < p; j++) {
      if (!design.included[j]) {
        continue;
      }
      double b = coefficients[j];
      g[j] = tracker.gradient(j);
      penaltyValue += penalty[j] * (l1 * Math.abs(b) + 0.5 * l2 * b * b);
      bg += b * g[j];
      if (penalty[j] > 0 && l2 == 0 && Math.abs(g[j]) > l1 * penalty[j]) {
        scale = Math.min(scale, l1 * penalty[j] / Math.abs(g[j]));
      }
    }
    double primal = 0.5 * rss + penaltyValue;
    // uᵀy = s·rᵀy/n = s·((1/n)‖r‖² + Σ bⱼgⱼ);  (n/2)‖u‖² = (s²/2)(1/n)‖r‖²
    double dual = scale * (rss + bg) - 0.5 * scale * scale * rss;
    if (l2 > 0) {
      for (int j = 0; j < p; j++) {
        if (design.included[j] && penalty[j] > 0) {
          double excess = Math.abs(scale * g[j]) - l1 * penalty[j];
          if (excess > 0) {
            dual -= excess * excess / (2 * l2 * penalty[j]);
          }
        }
      }
    }
    return primal - dual;
  }
}
