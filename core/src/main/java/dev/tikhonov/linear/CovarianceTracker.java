package dev.tikhonov.linear;

/**
 * glmnet's covariance updates: all gradients g are stored; moving b_k by δ does
 * {@code g ← g − δ·(1/n)Zᵀz_k}, with the column {@code (1/n)Zᵀz_k} computed once when k first
 * becomes active and cached. Cost O(p) per move, O(n·p) per feature that ever enters; or, when
 * built with the whole Gram matrix {@code (1/n)ZᵀZ} (one BLAS call, used when n ≥ p and p is
 * moderate), the columns are read from it and no O(n) work is left in the path at all.
 *
 * <p>Moves that update every gradient ({@link #moveAll}, and {@link #moveActive} when more than
 * half the features are active) are delayed and applied {@value #BLOCK} at a time: with the
 * moves δ₁..δ_m still pending (m &lt; {@value #BLOCK}),
 *
 * <pre>
 *   gradient(k) = g_k − Σᵢ δᵢ·(1/n)z_kᵀz_{kᵢ}                   (the in-block correction)
 *   g ← g − (δ₁c₁ + δ₂c₂ + δ₃c₃ + δ₄c₄),  cᵢ = (1/n)Zᵀz_{kᵢ}      (when the block is full)
 * </pre>
 *
 * so every gradient read is the one sequential updates would give (to rounding: the block's four
 * products are summed before they are subtracted), while the p gradients are loaded and stored
 * once per four moves instead of once per move: a move at the dense end of a path is bound by
 * those loads and stores, not by the arithmetic (docs/performance-log.md, "Linear paths: fewer and
 * cheaper passes"). Deterministic: the same moves in the same order give bit-identical
 * gradients.
 */
final class CovarianceTracker implements GradientTracker {
  private final StandardizedDesign design;
  private final double[] gradient;
  /** The gradients at b = 0, (1/n) Zᵀy. */
  private final double[] initialGradient;
  /** (1/n)‖y‖². */
  private final double startMeanSquare;
  /** cross[slot[k]][j] = (1/n) z_jᵀ z_k, for features k that have been active. */
  private double[][] cross;
  private final int[] slot;
  private int numSlots;
  private final double[] saved;
  private final boolean[] inActiveSet;
  /** The features outside the active set, gathered by endActivePasses. */
  private final int[] outside;
  /**
   * True during active passes over more than half the features: then every move updates every
   * gradient in one contiguous (vectorized) loop, cheaper than the gather over the active set
   * plus the catch-up of the rest at the end.
   */
  private boolean dense;

  /** Full Gram matrix (1/n)ZᵀZ, p×p, or null to compute columns as features enter. */
  private final double[] gram;

  /** Moves applied to every gradient at once (see the class comment). */
  static final int BLOCK = 4;
  /** The cached columns cᵢ and the moves δᵢ not yet subtracted from every gradient. */
  private final double[][] pendingColumn = new double[BLOCK][];
  private final double[] pendingDelta = new double[BLOCK];
  private int numPending;

  CovarianceTracker(StandardizedDesign design, double[] centeredTarget) {
    this(design, centeredTarget, false);
  }

  /** With {@code precomputeGram}, the whole (1/n)ZᵀZ is formed up front by the BLAS. */
  CovarianceTracker(StandardizedDesign design, double[] centeredTarget, boolean precomputeGram) {
    this(design, precomputeGram ? design.gram() : null, initialGradients(design, centeredTarget),
        StandardizedDesign.dot(centeredTarget, 0, centeredTarget, 0, centeredTarget.length)
            / centeredTarget.length);
  }

  /**
   * From sufficient statistics alone, no rows: the Gram matrix {@code gram} = (1/n)ZᵀZ (p×p,
   * row-major, zero rows and columns for excluded features), the cross products
   * {@code crossProducts} = (1/n)Zᵀy (0 for excluded features) and {@code meanSquare} =
   * (1/n)‖y‖², y the centered target. The arrays are kept, not copied.
   */
  CovarianceTracker(StandardizedDesign design, double[] gram, double[] crossProducts,
      double meanSquare) {
    this.design = design;
    this.gram = gram;
    int p = design.p;
    gradient = crossProducts.clone();
    initialGradient = crossProducts;
    startMeanSquare = meanSquare;
    cross = new double[Math.min(p, 16)][];
    slot = new int[p];
    java.util.Arrays.fill(slot, -1);
    saved = new double[p];
    inActiveSet = new boolean[p];
    outside = new int[p];
  }

  private static double[] initialGradients(StandardizedDesign design, double[] centeredTarget) {
    double[] g = new double[design.p];
    double centerDot = design.centerDot(centeredTarget);
    for (int j = 0; j < design.p; j++) {
      g[j] = design.included[j] ? design.dot(j, centeredTarget, centerDot) / design.n : 0.0;
    }
    return g;
  }

  @Override
  public double gradient(int k) {
    double g = gradient[k];
    for (int i = 0; i < numPending; i++) {
      g -= pendingDelta[i] * pendingColumn[i][k];
    }
    return g;
  }

  /** g ← g − Σᵢ δᵢcᵢ over the pending moves; none is left pending. */
  private void flush() {
    double[] g = gradient;
    if (numPending == BLOCK) {
      double d0 = pendingDelta[0];
      double d1 = pendingDelta[1];
      double d2 = pendingDelta[2];
      double d3 = pendingDelta[3];
      double[] c0 = pendingColumn[0];
      double[] c1 = pendingColumn[1];
      double[] c2 = pendingColumn[2];
      double[] c3 = pendingColumn[3];
      for (int j = 0; j < g.length; j++) {
        g[j] -= (d0 * c0[j] + d1 * c1[j]) + (d2 * c2[j] + d3 * c3[j]);
      }
    } else {
      for (int i = 0; i < numPending; i++) {
        double d = pendingDelta[i];
        double[] c = pendingColumn[i];
        for (int j = 0; j < g.length; j++) {
          g[j] -= d * c[j];
        }
      }
    }
    java.util.Arrays.fill(pendingColumn, 0, numPending, null);
    numPending = 0;
  }

  @Override
  public void activate(int k) {
    if (slot[k] >= 0) {
      return;
    }
    int p = design.p;
    double[] column;
    if (gram != null) {
      // Excluded features have all-zero columns in Z, so their entries are already 0.
      column = java.util.Arrays.copyOfRange(gram, k * p, (k + 1) * p);
      column[k] = design.variance[k];
    } else {
      column = new double[p];
    }
    for (int j = 0; j < p && gram == null; j++) {
      if (!design.included[j]) {
        continue;
      }
      // A column already cached holds z_jᵀz_k too: reuse it instead of another O(n) product.
      column[j] = j == k ? design.variance[k]
          : slot[j] >= 0 ? cross[slot[j]][k] : design.meanCross(j, k);
    }
    if (numSlots == cross.length) {
      cross = java.util.Arrays.copyOf(cross, Math.min(p, 2 * cross.length));
    }
    cross[numSlots] = column;
    slot[k] = numSlots++;
  }

  @Override
  public void moveAll(int k, double delta) {
    if (numPending == BLOCK) {
      flush();
    }
    pendingColumn[numPending] = cross[slot[k]];
    pendingDelta[numPending++] = delta;
  }

  @Override
  public void moveActive(int k, double delta, int[] active, int numActive) {
    if (dense) {
      moveAll(k, delta);
      return;
    }
    flush();
    double[] c = cross[slot[k]];
    for (int l = 0; l < numActive; l++) {
      int j = active[l];
      gradient[j] -= delta * c[j];
    }
  }

  @Override
  public void beginActivePasses(double[] coefficients, int[] active, int numActive) {
    flush();
    dense = 2 * numActive > gradient.length;
    for (int l = 0; l < numActive; l++) {
      saved[l] = coefficients[active[l]];
    }
  }

  @Override
  public void endActivePasses(double[] coefficients, int[] active, int numActive) {
    flush();
    if (dense) {
      return; // every move already updated every gradient
    }
    // g_j ← g_j − Σ_l Δb_l (1/n) z_jᵀ z_l for the features outside the active set.
    for (int l = 0; l < numActive; l++) {
      inActiveSet[active[l]] = true;
    }
    int m = 0;
    for (int j = 0; j < gradient.length; j++) {
      if (!inActiveSet[j]) {
        outside[m++] = j;
      }
    }
    for (int l = 0; l < numActive; l++) {
      inActiveSet[active[l]] = false;
    }
    for (int l = 0; l < numActive; l++) {
      int k = active[l];
      double delta = coefficients[k] - saved[l];
      if (delta == 0) {
        continue;
      }
      double[] c = cross[slot[k]];
      for (int t = 0; t < m; t++) {
        int j = outside[t];
        gradient[j] -= delta * c[j];
      }
    }
  }

  @Override
  public double residualMeanSquare(double tracked) {
    return tracked;
  }

  /**
   * g = (1/n)Zᵀy − Σ_active b_k·(1/n)Zᵀz_k afresh from the cached columns, O(p·|active|); then
   * (1/n)‖r‖² = (1/n)‖y‖² − 2bᵀc + bᵀGb = (1/n)‖y‖² − bᵀ(c + g) with c = (1/n)Zᵀy and
   * Gb = c − g.
   */
  @Override
  public double refresh(double[] coefficients, int[] active, int numActive) {
    // Recomputed from the coefficients, which already hold the pending moves.
    java.util.Arrays.fill(pendingColumn, 0, numPending, null);
    numPending = 0;
    System.arraycopy(initialGradient, 0, gradient, 0, gradient.length);
    double fitted = 0;
    for (int l = 0; l < numActive; l++) {
      int k = active[l];
      double b = coefficients[k];
      if (b == 0) {
        continue;
      }
      double[] c = cross[slot[k]];
      for (int j = 0; j < gradient.length; j++) {
        gradient[j] -= b * c[j];
      }
    }
    for (int l = 0; l < numActive; l++) {
      int k = active[l];
      fitted += coefficients[k] * (initialGradient[k] + gradient[k]);
    }
    return startMeanSquare - fitted;
  }
}
