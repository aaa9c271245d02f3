package dev.tikhonov.select;

/**
 * The curvature H of the negative log posterior that a Laplace evidence uses, for a softmax
 * layer on fixed features x̃ = (x, 1) with q = dim x and K classes. The exact Hessian (equal to
 * the generalized Gauss-Newton matrix here, the logits being linear in the parameters) is
 *
 * <pre>  H = Σᵢ Λᵢ ⊗ x̃ᵢx̃ᵢᵀ + n·λ·I_weights,   Λᵢ = diag(pᵢ) − pᵢpᵢᵀ</pre>
 *
 * over d ≈ K·(q + 1) parameters. Thread-safe, as enum constants are.
 */
public enum Curvature {
  /**
   * The exact H, d×d: O(n·K²·q²) flops to form (BLAS), O(d³/3) to factor, 8·d² bytes.
   */
  FULL,
  /**
   * Kronecker-factored (K-FAC, Martens and Grosse 2015; for Laplace, Ritter et al. 2018):
   * Σᵢ Λᵢ ⊗ x̃ᵢx̃ᵢᵀ ≈ G ⊗ A with G = (1/n) Σᵢ Λᵢ (K×K) and A = Σᵢ x̃ᵢx̃ᵢᵀ ((q+1)×(q+1)).
   * The prior (weights only) keeps the form I ⊗ D, so in G's eigenbasis H splits into K
   * blocks gₖA + D of size q + 1: O(n·q² + n·K²) flops to form, O(K·q³/3) to factor. Exact
   * when every Λᵢ is the same (all rows predicted alike) and for n = 1.
   */
  KRONECKER,
  /**
   * The diagonal of H: O(n·K·q) flops and memory d. log det of the diagonal is an upper bound
   * on log det H (Hadamard), so it overstates the Occam penalty; cheapest, least faithful.
   */
  DIAGONAL;

  /** Up to this many parameters {@link #suitedTo} picks FULL (a 3000² matrix is 72 MB). */
  public static final int FULL_LIMIT = 3000;

  /** FULL for at most {@value #FULL_LIMIT} parameters, KRONECKER above. */
  public static Curvature suitedTo(int parameters) {
    return parameters <= FULL_LIMIT ? FULL : KRONECKER;
  }
}
