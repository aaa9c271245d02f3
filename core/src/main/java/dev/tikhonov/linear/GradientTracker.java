package dev.tikhonov.linear;

/**
 * Keeps the coordinate gradients {@code g_j = (1/n) z_jᵀ r} of the gaussian elastic net
 * current while coordinate descent moves the coefficients ({@code r = y − Z b}, the residual).
 * Two strategies, as glmnet: {@link CovarianceTracker} caches inner products {@code z_jᵀz_k} of
 * the active features and updates all gradients in O(p) per move (fast when p is small);
 * {@link ResidualTracker} keeps the residual and computes a gradient in O(n) when asked (fast
 * when p is large). Not thread-safe.
 */
interface GradientTracker {

  /** The current gradient of feature k. */
  double gradient(int k);

  /** Feature k enters the active set for the first time. */
  void activate(int k);

  /**
   * b_k changed by {@code delta} during a full pass: every gradient must stay current.
   */
  void moveAll(int k, double delta);

  /**
   * b_k changed by {@code delta} during an active-set pass: the gradients of the active
   * features must stay current; the others may lag until {@link #endActivePasses}.
   */
  void moveActive(int k, double delta, int[] active, int numActive);

  /** Before the active-set passes (the coefficients as they are now). */
  void beginActivePasses(double[] coefficients, int[] active, int numActive);

  /** After the active-set passes: bring every gradient up to date. */
  void endActivePasses(double[] coefficients, int[] active, int numActive);

  /**
   * (1/n)‖r‖² as tracked: exactly from the stored residual when the strategy holds one, else
   * {@code tracked} (the value the solver maintains incrementally).
   */
  double residualMeanSquare(double tracked);

  /**
   * Recomputes the tracked state exactly from the coefficients (every nonzero one is among the
   * {@code numActive} first entries of {@code active}), discarding the rounding that many
   * incremental updates accumulate, and returns (1/n)‖r‖².
   */
  double refresh(double[] coefficients, int[] active, int numActive);
}
