package dev.tikhonov.linear;

/**
 * The inner solver of proximal Newton: cyclic coordinate descent on one penalized weighted
 * least-squares problem, the quadratic approximation of the log-likelihood at the current
 * iterate (glmnet's {@code wls} loop). With working weights vᵢ and working residual
 * rᵢ = wᵢ(yᵢ − pᵢ) it minimizes over (b₀, b)
 *
 * <pre>  ½ Σᵢ vᵢ (zᵢ − b₀ − x̃ᵢ·b)² + Σⱼ vpⱼ [ l2/2 · bⱼ² + l1 · |bⱼ| ],  l1 = λα, l2 = λ(1−α)</pre>
 *
 * whose coordinate update is glmnet's: u = x̃ⱼᵀr + xvⱼ·bⱼ with xvⱼ = Σᵢ vᵢx̃ᵢⱼ²,
 * bⱼ ← S(u, vpⱼ·l1) / (xvⱼ + vpⱼ·l2), S the soft threshold, clamped to the box [lⱼ, uⱼ] when
 * there are limits ({@link Box}, glmnet's {@code cl}); the intercept moves by Σr / Σv (or stays
 * 0 without one).
 * A pass has converged when {@code max xvⱼ·Δbⱼ² < thr} (glmnet's {@code dlx < thr}).
 *
 * <p>It sweeps the strong set until a sweep converges; between full sweeps it cycles over the
 * active set (the features that were ever nonzero) alone, as glmnet does. The strong and
 * active sets are shared by all classes of a multinomial fit, and the pass counter by the whole
 * path ({@code maxit} in glmnet counts passes over the path).
 */
final class ProximalNewtonCoordinateDescent {

  private final StandardizedDesign design;
  /** The working residual as the design's storage keeps it (O(column entries) per move). */
  private final WeightedResidual residual;
  private final double[] penalty;
  private final Box box;
  private final int maxPasses;
  /** False for glmnet's {@code intercept = FALSE}: b₀ stays where it is (0). */
  private final boolean fitIntercept;
  private double threshold;
  private int passes;
  private double dlx;

  /** Strong set: the features coordinate descent may move. */
  final boolean[] strong;
  /** Features that were ever nonzero along the path, in order of entry. */
  final int[] active;
  final boolean[] isActive;
  int numActive;

  /** @param fitIntercept whether b₀ moves (false: it stays 0, glmnet's intercept = FALSE) */
  ProximalNewtonCoordinateDescent(StandardizedDesign design, double[] penalty, Box box,
      int maxPasses, boolean fitIntercept) {
    this.design = design;
    this.residual = design.weightedResidual();
    this.penalty = penalty;
    this.box = box;
    this.maxPasses = maxPasses;
    this.fitIntercept = fitIntercept;
    this.strong = new boolean[design.p];
    this.active = new int[design.p];
    this.isActive = new boolean[design.p];
  }

  void setThreshold(double threshold) {
    this.threshold = threshold;
  }

  double threshold() {
    return threshold;
  }

  int passes() {
    return passes;
  }

  /** Throws {@link IterationLimitReached} once the pass budget of the path is used up. */
  void checkPasses() {
    if (passes > maxPasses) {
      throw new IterationLimitReached(maxPasses);
    }
  }

  /**
   * glmnet's λ_max: the smallest λ at which every penalized coefficient is zero,
   * max_j |∂ℓ/∂b_j| / v_j over included penalized j, divided by max(α, 10⁻³) (so α = 0 is
   * treated as 10⁻³).
   */
  static double lambdaMax(boolean[] included, double[] penalty, double[] absGradient,
      double alpha) {
    double max = 0;
    for (int j = 0; j < penalty.length; j++) {
      if (included[j] && penalty[j] > 0) {
        max = Math.max(max, absGradient[j] / penalty[j]);
      }
    }
    return max / Math.max(alpha, 1e-3);
  }

  /**
   * Solves the weighted least-squares subproblem of one class. Modifies the coefficients
   * {@code b[offset .. offset + p)}, {@code intercept[klass]} and the residual {@code r}.
   *
   * @param xv Σᵢ vᵢx̃ᵢⱼ² at {@code xv[offset + j]} for every strong j
   * @param v working weights
   * @param weightSum Σᵢ vᵢ
   */
  void solve(
      double[] b,
      int offset,
      double[] intercept,
      int klass,
      double[] xv,
      double[] v,
      double weightSum,
      double l1,
      double l2,
      double[] r) {
    residual.begin(v, weightSum, r);
    try {
      sweeps(b, offset, intercept, klass, xv, v, weightSum, l1, l2, r);
    } finally {
      residual.end();
    }
  }

  private void sweeps(
      double[] b,
      int offset,
      double[] intercept,
      int klass,
      double[] xv,
      double[] v,
      double weightSum,
      double l1,
      double l2,
      double[] r) {
    int p = design.p;
    while (true) {
      passes++;
      dlx = 0;
      for (int j = 0; j < p; j++) {
        if (strong[j]) {
          update(j, b, offset, xv, v, l1, l2, r);
        }
      }
      updateIntercept(intercept, klass, v, weightSum, r);
      if (settled(b, offset, intercept[klass], xv, weightSum)) {
        return;
      }
      checkPasses();
      while (true) {
        passes++;
        dlx = 0;
        for (int a = 0; a < numActive; a++) {
          update(active[a], b, offset, xv, v, l1, l2, r);
        }
        updateIntercept(intercept, klass, v, weightSum, r);
        if (settled(b, offset, intercept[klass], xv, weightSum)) {
          break;
        }
        checkPasses();
      }
    }
  }

  /**
   * Whether the last pass ends the sweeps: its largest move is below the threshold, or no
   * larger than the rounding floor of the current coefficients, (8ε)²·max(Σv·b₀², xvⱼ·bⱼ²)
   * ({@link PointSolver#roundingThreshold}, with this problem's weights). The caller's threshold
   * may have been chosen below that floor while the coefficients were still 0; moves of rounding
   * only can cycle between two values forever.
   */
  private boolean settled(double[] b, int offset, double intercept, double[] xv,
      double weightSum) {
    if (dlx < threshold) {
      return true;
    }
    double largest = weightSum > 0 ? weightSum * intercept * intercept : 0;
    for (int a = 0; a < numActive; a++) {
      int j = offset + active[a];
      largest = Math.max(largest, xv[j] * b[j] * b[j]);
    }
    return dlx <= PointSolver.ROUNDING * largest;
  }

  private void update(
      int j, double[] b, int offset, double[] xv, double[] v, double l1, double l2,
      double[] r) {
    double old = b[offset + j];
    double xvj = xv[offset + j];
    double u = residual.dot(j) + xvj * old;
    double excess = Math.abs(u) - PointSolver.times(penalty[j], l1);
    double updated = 0;
    if (excess > 0) {
      double denominator = xvj + PointSolver.times(penalty[j], l2);
      // No curvature and no ridge term: the quadratic model is flat in bⱼ, leave it.
      updated = denominator > 0 ? box.clamp(j, Math.copySign(excess, u) / denominator) : old;
    }
    if (updated == old) {
      return;
    }
    if (!isActive[j]) {
      isActive[j] = true;
      active[numActive++] = j;
    }
    double d = updated - old;
    b[offset + j] = updated;
    dlx = Math.max(dlx, xvj * d * d);
    residual.move(j, d);
  }

  private void updateIntercept(
      double[] intercept, int klass, double[] v, double weightSum, double[] r) {
    if (!fitIntercept || !(weightSum > 0)) {
      return;
    }
    double d = residual.sum() / weightSum;
    if (d == 0) {
      return;
    }
    intercept[klass] += d;
    dlx = Math.max(dlx, weightSum * d * d);
    residual.moveIntercept(d);
  }
}
