package dev.tikhonov.linear;

/**
 * The working residual r of one weighted least-squares subproblem of proximal Newton while
 * coordinate descent moves it ({@link ProximalNewtonCoordinateDescent}): a coefficient's move
 * by d is {@code r ← r − d·(v ∘ z_j)}, the intercept's {@code r ← r − d·v}, v the working
 * weights. Made by the design's storage ({@link StandardizedDesign#weightedResidual}): dense
 * storage updates r in place; sparse storage keeps r as a stored part plus a multiple of v (the
 * implicit centering), so that a move costs the column's entries, not n. Between
 * {@link #begin} and {@link #end} the array r must only be touched through this object. Not
 * thread-safe.
 */
interface WeightedResidual {

  /** Starts a subproblem on r (read and modified) with working weights v, Σv = weightSum. */
  void begin(double[] v, double weightSum, double[] r);

  /** z_jᵀ r. */
  double dot(int j);

  /** r ← r − d·(v ∘ z_j). */
  void move(int j, double d);

  /** Σᵢ rᵢ, computed exactly from r. */
  double sum();

  /** r ← r − d·v (the intercept moved by d). */
  void moveIntercept(double d);

  /** Leaves the true residual in the array r. */
  void end();
}
