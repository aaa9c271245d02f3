package dev.tikhonov.linear;

import dev.tikhonov.internal.linear.ElasticNetPenalty;

/**
 * Box constraints lⱼ ≤ b̃ⱼ ≤ uⱼ on the coefficients on the design's scale (glmnet's {@code cl}),
 * with lⱼ ≤ 0 ≤ uⱼ so that b = 0 is always feasible. Limits given on the original scale map as
 * the coefficients do: b̃ⱼ = sⱼ·bⱼ, so the design's limits are sⱼ·lⱼ and sⱼ·uⱼ (glmnet's
 * {@code cl(:,j) = cl(:,j)·xs(j)} when standardizing). The coordinate updates clamp to the box
 * (the exact minimizer of a one-dimensional convex quadratic-plus-|·| over an interval is the
 * clamped unconstrained one), and the optimality conditions become those of the box
 * ({@link #violation}). Immutable; thread-safe.
 */
final class Box {
  private static final Box NONE = new Box(new double[0], new double[0], false);

  private final double[] lower;
  private final double[] upper;
  /** False when every limit is infinite: then nothing is clamped and the KKT are the usual. */
  final boolean bounded;

  private Box(double[] lower, double[] upper, boolean bounded) {
    this.lower = lower;
    this.upper = upper;
    this.bounded = bounded;
  }

  /** No constraints. */
  static Box none() {
    return NONE;
  }

  /**
   * The limits lⱼ ≤ 0 ≤ uⱼ (original scale, p each, already checked) on the scale of a design
   * whose columns were divided by {@code scale}.
   */
  static Box of(double[] lower, double[] upper, double[] scale) {
    int p = scale.length;
    double[] l = new double[p];
    double[] u = new double[p];
    boolean bounded = false;
    for (int j = 0; j < p; j++) {
      l[j] = lower[j] * scale[j];
      u[j] = upper[j] * scale[j];
      bounded |= l[j] != Double.NEGATIVE_INFINITY || u[j] != Double.POSITIVE_INFINITY;
    }
    return bounded ? new Box(l, u, true) : NONE;
  }

  /** b clamped to [lⱼ, uⱼ]. */
  double clamp(int j, double b) {
    return bounded ? Math.max(lower[j], Math.min(upper[j], b)) : b;
  }

  double lower(int j) {
    return bounded ? lower[j] : Double.NEGATIVE_INFINITY;
  }

  double upper(int j) {
    return bounded ? upper[j] : Double.POSITIVE_INFINITY;
  }

  /**
   * True when a limit of feature j is 0: then b̃ⱼ = 0 may sit at a bound, and its optimality
   * depends on the sign of the gradient, not only its size.
   */
  boolean zeroLimit(int j) {
    return bounded && (lower[j] == 0 || upper[j] == 0);
  }

  /**
   * The KKT violation of coordinate j with loss gradient {@code gradient} (of the mean loss,
   * d/db̃ⱼ): the distance from 0 of the interval [lo, hi] = ∇ⱼ + l2·vⱼ·bⱼ + l1·vⱼ·∂|bⱼ| (the
   * subdifferential of the penalized objective), where a coordinate at its lower limit only
   * needs hi ≥ 0 and one at its upper limit only lo ≤ 0 (the gradient points out of the box):
   *
   * <pre>  max(0, lo (unless bⱼ = lⱼ), −hi (unless bⱼ = uⱼ))</pre>
   *
   * Without limits, {@link ElasticNetPenalty#violation}.
   */
  double violation(int j, double gradient, double coefficient, double penaltyFactor, double l1,
      double l2) {
    if (!bounded) {
      return ElasticNetPenalty.violation(gradient, coefficient, penaltyFactor, l1, l2);
    }
    double p1 = PointSolver.times(penaltyFactor, l1);
    double smooth = coefficient == 0 ? gradient
        : gradient + PointSolver.times(penaltyFactor, l2) * coefficient;
    double lo = coefficient > 0 ? smooth + p1 : smooth - p1;
    double hi = coefficient < 0 ? smooth - p1 : smooth + p1;
    double worst = 0;
    if (coefficient != lower[j]) {
      worst = Math.max(worst, lo);
    }
    if (coefficient != upper[j]) {
      worst = Math.max(worst, -hi);
    }
    return worst;
  }
}
