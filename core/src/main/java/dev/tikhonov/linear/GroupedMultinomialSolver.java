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
 * <p>Each outer step is a proximal Newton step: the loss is replaced by its second-order model at
 * the current probabilities, with observation i's exact K×K Hessian ωᵢ(diag pᵢ − pᵢpᵢᵀ), and block
 * coordinate descent minimizes the model group by group ({@link #update}): feature j's block Hⱼ =
 * Σᵢ ωᵢz̃ᵢⱼ²(diag pᵢ − pᵢpᵢᵀ) is decomposed once per outer step ({@link SmallEigen}) and the
 * group's minimizer is group soft thresholding in Hⱼ's eigenbasis, its norm from a one-dimensional
 * Newton solve; the intercepts take the model's Newton step; the cross-class coupling −pᵢpᵢᵀ moves
 * the residuals of every class (O(nK) per group on dense storage, as the diagonal bound's K
 * residual moves; O(entries·K) on sparse storage, the centering carried as one K-vector shift of
 * every row, {@link #sparseGradient}). glmnet's grouped branch of {@code multlognetn} bounds the
 * Hessian by one scalar, 2 maxᵢₖ pᵢₖ(1 − pᵢₖ), instead: a majorization whose steps converge only
 * linearly (on wine at tolerance 1e-10 the per-class diagonal bound 2pᵢₖ(1 − pᵢₖ) took 3.0 times
 * the passes of these blocks, glmnet's scalar 10 times). The step is kept when the objective did
 * not grow, else halved (as {@link MultinomialSolver}'s). The loss does not change when every
 * class's b̃ⱼ moves by the same c, and the penalty is smallest at c = the mean, so each feature's K
 * coefficients are centered to sum 0 (as are the intercepts): the solution glmnet reports.
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
  /**
   * How diagonal the blocks' decompositions are made, ‖QᵀHQ − Λ‖_F ≤ this·‖H‖_F: a group update
   * uses H̃ = QΛQᵀ both in its target g + H̃b̃ⱼ and in its solve, so its fixed point is the
   * model's exact minimizer whatever H̃ is; H̃'s error only slows the sweeps, by about this much.
   */
  private static final double EIGEN_TOLERANCE = 1e-10;

  private final StandardizedDesign design;
  /** The design when its storage is sparse (the moves below then cost its entries), else null. */
  private final SparseDesign sparseDesign;
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
  /** ωᵢpᵢₖ at [k·n + i], of the outer step's expansion point (prob, unchanged by sweeps). */
  private final double[] classWeight;
  /**
   * The quadratic model's residual, minus its gradient in η: ωᵢ(yᵢₖ − pᵢₖ) − ωᵢ[(diag pᵢ −
   * pᵢpᵢᵀ)Δηᵢ]ₖ at [k·n + i], Δηᵢ the linear predictors' move since the outer step began.
   */
  private final double[] residual;
  /** Column j of the design, z̃ⱼ, for the group being updated; then its squares or pᵢᵀd. */
  private final double[] column;
  private final double[] rowScratch;
  /**
   * Per feature, of the outer step in which it was computed ({@link #blockStep}): the
   * eigendecomposition of its Hessian block Hⱼ + (c/K)11ᵀ ({@link #block}), Q then Λ.
   */
  private final double[][] blocks;
  private final int[] blockStep;
  /** The diagonal of each feature's Hessian block Σᵢ ωᵢz̃ᵢⱼ²pᵢₖ(1 − pᵢₖ), at [k·p + j]. */
  private final double[] xv;
  /** The intercepts' block and its diagonal Σᵢ ωᵢpᵢₖ(1 − pᵢₖ). */
  private final double[] interceptBlock;
  private final double[] weightSum;
  /**
   * Sparse storage only ({@link #sparseGradient}): Σᵢ ωᵢ(diag pᵢ − pᵢpᵢᵀ) (K×K), the shift c of
   * every row's Δη and Σᵢ of the stored residual, per class.
   */
  private final double[] hessianSum;
  private final double[] shift;
  private final double[] residualSum;
  /**
   * Sparse storage only, per feature, of the outer step in which it was computed
   * ({@link #entrySumsStep}): Σ_entries aᵢⱼHᵢ (K×K) then Σ_entries aᵢⱼ²Hᵢ (its lower triangle).
   */
  private final double[][] entrySums;
  private final int[] entrySumsStep;
  private int step;
  /** ‖∇ⱼ‖₂ over the classes, of the last gradient computation. */
  private final double[] groupGradient;
  /** The certificate's gradient ∂/∂b̃ⱼₖ of the mean loss, class k's at [k·p, k·p + p). */
  private final double[] gradient;
  private final double[] g;
  /** Scratch K-vectors: the rotated target, the new group, its move; a K×K matrix. */
  private final double[] rotated;
  private final double[] updated;
  private final double[] move;
  private final double[] square;
  private final double[] scratch;
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
  /** False for glmnet's {@code intercept = FALSE}: every intercept stays 0. */
  private final boolean fitIntercept;

  /**
   * @param omega observation weights (≥ 0, summing to 1)
   * @param penalty normalized penalty factors vⱼ
   * @param maxPasses the path's budget of coordinate passes
   * @param recompute certificates from probabilities recomputed afresh and every feature's
   *     gradient, else reusing the gradients of the last KKT check outside the strong set
   * @param fitIntercept whether the intercepts are fitted (false: they stay 0, glmnet's
   *     intercept = FALSE)
   * @throws InputException when a class has no observations
   */
  GroupedMultinomialSolver(StandardizedDesign design, int[] label, int numClasses,
      double[] omega, double[] penalty, double alpha, int maxPasses, boolean recompute,
      boolean fitIntercept) {
    this.design = design;
    this.sparseDesign = design.sparse() ? (SparseDesign) design : null;
    this.penalty = penalty;
    this.alpha = alpha;
    this.label = label;
    this.numClasses = numClasses;
    this.n = design.n;
    this.p = design.p;
    this.maxPasses = maxPasses;
    this.omega = omega;
    this.recompute = recompute;
    this.fitIntercept = fitIntercept;
    int k = numClasses;
    intercept = new double[k];
    interceptOld = new double[k];
    b = new double[k * p];
    bOld = new double[k * p];
    prob = new double[k * n];
    buffer = new double[n];
    classWeight = new double[k * n];
    residual = new double[k * n];
    column = new double[n];
    rowScratch = new double[n];
    blocks = new double[p][];
    blockStep = new int[p];
    xv = new double[k * p];
    interceptBlock = new double[k * k + k];
    weightSum = new double[k];
    hessianSum = new double[k * k];
    shift = new double[k];
    residualSum = new double[k];
    entrySums = sparseDesign != null ? new double[p][] : null;
    entrySumsStep = new int[sparseDesign != null ? p : 0];
    groupGradient = new double[p];
    gradient = new double[k * p];
    g = new double[k];
    rotated = new double[k];
    updated = new double[k];
    move = new double[k];
    square = new double[k * k];
    scratch = new double[k * k];
    stepIntercept = new double[k];
    stepTo = new double[k * p];
    strong = new boolean[p];
    isActive = new boolean[p];
    active = new int[p];

    nullLoss = MultinomialSolver.nullModel(label, omega, fitIntercept, intercept);
    refreshProbabilities();
    refreshGroupGradient(true);
  }

  @Override
  public void solveUnpenalized(double threshold) {
    // λ_max is read from this fit's gradient: sweep far below the path's threshold (the
    // rounding floor still ends the sweeps).
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
      if (expand() <= VMIN) {
        exhausted = true;
        return;
      }
      System.arraycopy(intercept, 0, interceptOld, 0, numClasses);
      System.arraycopy(b, 0, bOld, 0, b.length);
      double before = objective(l1, l2);
      sweeps(l1, l2);
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
   * Begins an outer step at the current probabilities: the expansion point, the model's
   * residual ωᵢ(yᵢₖ − pᵢₖ), the intercepts' Hessian block; the features' blocks follow when
   * first needed ({@link #block}). Returns the largest class curvature Σᵢ ωᵢpᵢₖ(1 − pᵢₖ).
   */
  private double expand() {
    step++;
    int k = numClasses;
    for (int c = 0; c < k; c++) {
      int off = c * n;
      for (int i = 0; i < n; i++) {
        double pic = prob[off + i];
        classWeight[off + i] = omega[i] * pic;
        residual[off + i] = omega[i] * ((label[i] == c ? 1 : 0) - pic);
      }
    }
    Arrays.fill(rowScratch, 1.0);
    accumulateBlock(rowScratch);
    double largest = 0;
    for (int c = 0; c < k; c++) {
      weightSum[c] = square[c * k + c];
      largest = Math.max(largest, weightSum[c]);
    }
    if (sparseDesign != null) {
      for (int c = 0; c < k; c++) {
        for (int e = 0; e <= c; e++) {
          hessianSum[c * k + e] = square[c * k + e];
          hessianSum[e * k + c] = square[c * k + e];
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
          sum += residual[c * n + i];
        }
        residualSum[c] = sum;
      }
      Arrays.fill(shift, 0.0);
    }
    decomposeBlock(step > 1, interceptBlock);
    return largest;
  }

  /**
   * square ← Σᵢ sᵢ·ωᵢ(diag pᵢ − pᵢpᵢᵀ), the lower triangle, for the row factors s (z̃ᵢⱼ² for a
   * feature, 1 for the intercepts). Modified: {@link #square}, {@link #buffer}.
   */
  private void accumulateBlock(double[] s) {
    int k = numClasses;
    Arrays.fill(square, 0.0);
    for (int c = 0; c < k; c++) {
      int off = c * n;
      for (int i = 0; i < n; i++) {
        buffer[i] = s[i] * classWeight[off + i];
      }
      double diagonal = 0;
      for (int i = 0; i < n; i++) {
        diagonal += buffer[i];
      }
      for (int e = 0; e <= c; e++) {
        square[c * k + e] -= StandardizedDesign.dot(buffer, 0, prob, e * n, n);
      }
      square[c * k + c] += diagonal;
    }
  }

  /**
   * Decomposes the block accumulated in {@link #square} (its lower triangle) plus (c/K)11ᵀ with
   * c = its trace/(K − 1), its mean nonzero eigenvalue: H has 1 in its null space (the loss does
   * not change when every class's η moves alike) and the shift gives that direction a curvature
   * without changing the model anywhere else; the steps stay centered (their targets sum to 0
   * over the classes). With {@code warm}, the decomposition starts from the vectors in
   * {@code out} (the same block's at an earlier step). Modified: {@code out} (Q row-major, then
   * the eigenvalues), square.
   */
  private void decomposeBlock(boolean warm, double[] out) {
    int k = numClasses;
    double trace = 0;
    for (int c = 0; c < k; c++) {
      trace += square[c * k + c];
      for (int e = 0; e < c; e++) {
        square[e * k + c] = square[c * k + e];
      }
    }
    double shift = trace / (k - 1) / k;
    for (int i = 0; i < k * k; i++) {
      square[i] += shift;
    }
    if (warm) {
      SmallEigen.decomposeFrom(square, k, EIGEN_TOLERANCE, scratch, out);
    } else {
      SmallEigen.decompose(square, k, EIGEN_TOLERANCE, out);
    }
  }

  /**
   * Feature j's Hessian block Σᵢ ωᵢz̃ᵢⱼ²(diag pᵢ − pᵢpᵢᵀ) at the outer step's expansion point,
   * decomposed ({@link #decomposeBlock}), computed once per outer step from {@link #column};
   * its diagonal goes to xv.
   */
  private double[] block(int j) {
    int k = numClasses;
    boolean warm = blocks[j] != null;
    if (!warm) {
      blocks[j] = new double[k * k + k];
    } else if (blockStep[j] == step) {
      return blocks[j];
    }
    if (sparseDesign != null) {
      accumulateSparseBlock(j);
    } else {
      for (int i = 0; i < n; i++) {
        rowScratch[i] = column[i] * column[i];
      }
      accumulateBlock(rowScratch);
    }
    for (int c = 0; c < k; c++) {
      xv[c * p + j] = square[c * k + c];
    }
    decomposeBlock(warm, blocks[j]);
    blockStep[j] = step;
    return blocks[j];
  }

  /**
   * Block coordinate descent on the quadratic model: sweeps over the strong set until one
   * settles, cycling over the active set alone in between (as
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
   * The group update of feature j: the exact minimizer over b of the model's
   * ½(b − b̃ⱼ)ᵀH(b − b̃ⱼ) − gᵀ(b − b̃ⱼ) + μ‖b‖₂ + ρ/2 ‖b‖₂², H the feature's Hessian block,
   * gₖ = z̃ⱼᵀrₖ, μ = λαvⱼ, ρ = λ(1−α)vⱼ. With u = g + Hb̃ⱼ and H = QΛQᵀ, ũ = Qᵀu: 0 when
   * ‖u‖₂ ≤ μ, else b = Q·(ũₘτ / ((Λₘ + ρ)τ + μ))ₘ where τ = ‖b‖₂ solves
   * Σₘ ũₘ² / ((Λₘ + ρ)τ + μ)² = 1 (group soft thresholding in H's eigenbasis; with μ = 0,
   * b = Q·(ũₘ / (Λₘ + ρ))ₘ). The residual follows the move d: rᵢₖ ← rᵢₖ − z̃ᵢⱼωᵢpᵢₖ(dₖ − pᵢᵀd).
   */
  private void update(int j, double l1, double l2) {
    int k = numClasses;
    double cut = PointSolver.times(penalty[j], l1);
    double ridge = PointSolver.times(penalty[j], l2);
    if (sparseDesign != null) {
      sparseGradient(j);
    } else {
      design.column(j, column);
      for (int c = 0; c < k; c++) {
        g[c] = StandardizedDesign.dot(column, 0, residual, c * n, n);
      }
    }
    boolean zero = !isActive[j] || groupNorm2(j) == 0;
    if (zero && cut > 0 && norm2(g) <= cut * cut) {
      return; // stays 0 (its block is not needed)
    }
    double[] e = block(j);
    for (int c = 0; c < k; c++) {
      move[c] = b[c * p + j];
    }
    if (!newGroup(e, cut, ridge)) {
      return;
    }
    double largest = 0;
    boolean moved = false;
    for (int c = 0; c < k; c++) {
      int at = c * p + j;
      double d = updated[c] - b[at];
      move[c] = d;
      if (d != 0) {
        moved = true;
        b[at] = updated[c];
        largest = Math.max(largest, xv[at] * d * d);
      }
    }
    if (!moved) {
      return;
    }
    if (!isActive[j]) {
      isActive[j] = true;
      active[numActive++] = j;
    }
    dlx = Math.max(dlx, largest);
    if (sparseDesign != null) {
      moveSparseResidual(j);
    } else {
      moveResidual(column);
    }
  }

  /*
   * Sparse storage: with z̃ᵢⱼ = aᵢⱼ − μⱼ (a the stored entries) the linear predictors' move since
   * the outer step began is Δηᵢ = Sᵢ + c, Sᵢ = Σⱼ aᵢⱼΔb̃ⱼ nonzero only where entries moved,
   * and c = Δã₀ − Σⱼ μⱼΔb̃ⱼ one K-vector for every row. The residual array holds the stored
   * part ωᵢ(yᵢ − pᵢ) − HᵢSᵢ (Hᵢ = ωᵢ(diag pᵢ − pᵢpᵢᵀ)), so the model's residual is
   * r̂ᵢ = residualᵢ − Hᵢc, and with R = Σᵢ residualᵢ and ΣH = Σᵢ Hᵢ
   *
   *   gⱼ = Σᵢ z̃ᵢⱼ r̂ᵢ = Σ_entries aᵢⱼ(residualᵢ − Hᵢc) − μⱼ(R − ΣH·c)
   *   Hⱼ = Σᵢ z̃ᵢⱼ²Hᵢ = Σ_entries aᵢⱼ²Hᵢ − 2μⱼ Σ_entries aᵢⱼHᵢ + μⱼ²ΣH
   *   a move d of b̃ⱼ: residualᵢ −= aᵢⱼHᵢd on the entries (R alike), c −= μⱼd
   *   a move d of ã₀: c += d (its gradient is R − ΣH·c)
   *
   * where (Hᵢv)ₖ = ωᵢpᵢₖ(vₖ − pᵢᵀv): O(entries·K) a gradient or a move, O(entries·K²) a block.
   */

  /**
   * g ← gⱼ of the model on sparse storage (see above), with Σ_entries aᵢⱼHᵢc from the feature's
   * entry sums ({@link #entrySums}): O(entries·K) per call, O(entries·K²) once per outer step.
   */
  private void sparseGradient(int j) {
    int k = numClasses;
    SparseDesign sd = sparseDesign;
    double[] sums = entrySums(j);
    int first = sd.columnStart[j];
    int end = sd.columnStart[j + 1];
    double mu = sd.center[j];
    for (int c = 0; c < k; c++) {
      int off = c * n;
      double s0 = 0;
      double s1 = 0;
      int t = first;
      for (; t + 1 < end; t += 2) {
        s0 += sd.value[t] * residual[off + sd.rowIndex[t]];
        s1 += sd.value[t + 1] * residual[off + sd.rowIndex[t + 1]];
      }
      if (t < end) {
        s0 += sd.value[t] * residual[off + sd.rowIndex[t]];
      }
      double linear = 0;
      double total = 0;
      for (int e = 0; e < k; e++) {
        linear += sums[c * k + e] * shift[e];
        total += hessianSum[c * k + e] * shift[e];
      }
      g[c] = s0 + s1 - linear - mu * (residualSum[c] - total);
    }
  }

  /**
   * Feature j's sums Σ_entries aᵢⱼHᵢ (full) and Σ_entries aᵢⱼ²Hᵢ (lower triangle) at the outer
   * step's expansion point, computed once per outer step.
   */
  private double[] entrySums(int j) {
    int k = numClasses;
    double[] sums = entrySums[j];
    if (sums == null) {
      sums = new double[2 * k * k];
      entrySums[j] = sums;
    } else if (entrySumsStep[j] == step) {
      return sums;
    }
    Arrays.fill(sums, 0.0);
    SparseDesign sd = sparseDesign;
    int squares = k * k;
    for (int t = sd.columnStart[j]; t < sd.columnStart[j + 1]; t++) {
      int i = sd.rowIndex[t];
      double a = sd.value[t];
      for (int c = 0; c < k; c++) {
        double w = a * classWeight[c * n + i];
        for (int e = 0; e <= c; e++) {
          double h = (e == c ? w : 0) - w * prob[e * n + i];
          sums[c * k + e] += h;
          sums[squares + c * k + e] += a * h;
        }
      }
    }
    for (int c = 0; c < k; c++) {
      for (int e = 0; e < c; e++) {
        sums[e * k + c] = sums[c * k + e];
      }
    }
    entrySumsStep[j] = step;
    return sums;
  }

  /** square ← Hⱼ on sparse storage, its lower triangle (see above). */
  private void accumulateSparseBlock(int j) {
    int k = numClasses;
    double[] sums = entrySums(j);
    double mu = sparseDesign.center[j];
    for (int c = 0; c < k; c++) {
      for (int e = 0; e <= c; e++) {
        int at = c * k + e;
        square[at] = sums[k * k + at] - 2 * mu * sums[at] + mu * mu * hessianSum[at];
      }
    }
  }

  /**
   * The model's response to the move d = {@link #move} of b̃ⱼ on sparse storage (see above); R
   * moves by Σ_entries aᵢⱼHᵢd from the feature's entry sums.
   */
  private void moveSparseResidual(int j) {
    int k = numClasses;
    SparseDesign sd = sparseDesign;
    double[] sums = entrySums(j);
    for (int c = 0; c < k; c++) {
      double r = 0;
      for (int e = 0; e < k; e++) {
        r += sums[c * k + e] * move[e];
      }
      residualSum[c] -= r;
    }
    for (int t = sd.columnStart[j]; t < sd.columnStart[j + 1]; t++) {
      int i = sd.rowIndex[t];
      double a = sd.value[t];
      double pd = 0;
      for (int c = 0; c < k; c++) {
        pd += prob[c * n + i] * move[c];
      }
      for (int c = 0; c < k; c++) {
        int at = c * n + i;
        residual[at] -= a * classWeight[at] * (move[c] - pd);
      }
    }
    double mu = sd.center[j];
    for (int c = 0; c < k; c++) {
      shift[c] -= mu * move[c];
    }
  }

  /**
   * The block's minimizer, in {@link #updated}, given the block's decomposition e, gradient g
   * and the group's current value in {@link #move}; false when the model is flat (no curvature,
   * no penalty) and the group is to stay.
   */
  private boolean newGroup(double[] e, double cut, double ridge) {
    int k = numClasses;
    int values = k * k;
    double largestValue = 0;
    for (int m = 0; m < k; m++) {
      largestValue = Math.max(largestValue, e[values + m]);
    }
    if (!(largestValue + ridge > 0)) {
      return false;
    }
    // ũ = Qᵀg + ΛQᵀb̃ⱼ
    double norm2 = 0;
    for (int m = 0; m < k; m++) {
      double qg = 0;
      double qb = 0;
      for (int c = 0; c < k; c++) {
        qg += e[c * k + m] * g[c];
        qb += e[c * k + m] * move[c];
      }
      rotated[m] = qg + e[values + m] * qb;
      norm2 += rotated[m] * rotated[m];
    }
    double tau = 0;
    if (cut > 0 && norm2 > cut * cut) {
      tau = groupNorm(e, values, cut, ridge);
    }
    // The eigenvalues are exact to about 1e-15 of the largest: below that a direction is flat.
    double flat = 1e-12 * largestValue;
    for (int m = 0; m < k; m++) {
      double h = e[values + m] + ridge;
      double x;
      if (cut > 0) {
        x = tau > 0 ? rotated[m] * tau / (h * tau + cut) : 0;
      } else {
        x = h > flat ? rotated[m] / h : 0;
      }
      g[m] = x; // g is free now: the new group in the eigenbasis
    }
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int m = 0; m < k; m++) {
        s += e[c * k + m] * g[m];
      }
      updated[c] = s;
    }
    return true;
  }

  /**
   * residual ← residual − the model's response to the move d = {@link #move} along z:
   * rᵢₖ ← rᵢₖ − zᵢωᵢpᵢₖ(dₖ − pᵢᵀd). Modified: {@link #rowScratch}.
   */
  private void moveResidual(double[] z) {
    int k = numClasses;
    Arrays.fill(rowScratch, 0.0);
    for (int c = 0; c < k; c++) {
      double d = move[c];
      if (d != 0) {
        int off = c * n;
        for (int i = 0; i < n; i++) {
          rowScratch[i] += prob[off + i] * d;
        }
      }
    }
    for (int c = 0; c < k; c++) {
      double d = move[c];
      int off = c * n;
      for (int i = 0; i < n; i++) {
        residual[off + i] -= z[i] * classWeight[off + i] * (d - rowScratch[i]);
      }
    }
  }

  private static double norm2(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return s;
  }

  /**
   * τ > 0 with ψ(τ) = Σₘ ũₘ² / ((Λₘ + ρ)τ + μ)² − 1 = 0, given ‖ũ‖ > μ (ψ(0) > 0): Newton's
   * method from 0, which for the convex decreasing ψ rises monotonically to the root.
   */
  private double groupNorm(double[] e, int values, double cut, double ridge) {
    double tau = 0;
    for (int iteration = 0; iteration < 100; iteration++) {
      double psi = -1;
      double slope = 0;
      for (int m = 0; m < numClasses; m++) {
        double h = e[values + m] + ridge;
        double denominator = h * tau + cut;
        double q = rotated[m] * rotated[m] / (denominator * denominator);
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

  /** The intercepts' Newton step on the model (unpenalized: the block's pseudo-inverse). */
  private void updateIntercepts() {
    if (!fitIntercept) {
      return;
    }
    int k = numClasses;
    for (int c = 0; c < k; c++) {
      double sum = 0;
      if (sparseDesign != null) {
        sum = residualSum[c];
        for (int e = 0; e < k; e++) {
          sum -= hessianSum[c * k + e] * shift[e];
        }
      } else {
        for (int i = 0; i < n; i++) {
          sum += residual[c * n + i];
        }
      }
      g[c] = sum;
    }
    for (int c = 0; c < k; c++) {
      move[c] = intercept[c];
    }
    if (!newGroup(interceptBlock, 0, 0)) {
      return;
    }
    boolean moved = false;
    for (int c = 0; c < k; c++) {
      double d = updated[c] - intercept[c];
      move[c] = d;
      if (d != 0) {
        moved = true;
        intercept[c] = updated[c];
        dlx = Math.max(dlx, weightSum[c] * d * d);
      }
    }
    if (!moved) {
      return;
    }
    if (sparseDesign != null) {
      for (int c = 0; c < k; c++) {
        shift[c] += move[c];
      }
    } else {
      Arrays.fill(column, 1.0);
      moveResidual(column);
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
    // A class's curvature is at most 1/4 (pᵢₖ(1 − pᵢₖ) ≤ 1/4), a coefficient's xv variance/4.
    double largest = 0;
    for (int c = 0; c < numClasses; c++) {
      largest = Math.max(largest, 0.25 * intercept[c] * intercept[c]);
      for (int a = 0; a < numActive; a++) {
        int j = active[a];
        double x = b[c * p + j];
        largest = Math.max(largest, 0.25 * design.variance[j] * x * x);
      }
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

  /**
   * The scaled KKT residual of the group problem at {@code lambda}: with ∇ⱼ = (∂/∂b̃ⱼₖ)ₖ the
   * K-vector of the mean loss's gradient,
   *
   * <pre>
   *   max( maxₖ |∂/∂ã₀ₖ| (with intercepts),
   *        maxⱼ sⱼ·‖∇ⱼ + λ(1−α)vⱼb̃ⱼ + λαvⱼ·b̃ⱼ/‖b̃ⱼ‖₂‖₂   (b̃ⱼ ≠ 0),
   *        maxⱼ sⱼ·(‖∇ⱼ‖₂ − λαvⱼ)₊                       (b̃ⱼ = 0) ) / dev₀
   * </pre>
   *
   * (the distance of −∇ⱼ from the group penalty's subdifferential) with sⱼ = √xvⱼ the
   * column's standard deviation on the design's scale and dev₀ = −(2/n)·loglik of the
   * null model. At tight tolerances the probabilities are first recomputed.
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
      worst = fitIntercept ? Math.max(worst, Math.abs(sum)) : worst;
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
