package dev.tikhonov.linear;

/**
 * glmnet's naive updates: the residual {@code r = y − Zb} is stored; a gradient is
 * {@code (1/n) z_kᵀ r}, computed in O(n) when asked; moving b_k by δ does {@code r ← r − δ z_k}.
 *
 * <p>For sparse data ({@link StandardizedDesign}: {@code z_k = a_k − μ_k c}) the residual is
 * kept as {@code r = s + o·c}: a stored part s that the sparse column a_k updates in
 * O(nonzeros), and the scalar o that collects the center terms, with S = cᵀs alongside, so that
 *
 * <pre>
 *   z_kᵀr = a_kᵀs + o·cᵀa_k − μ_k (S + o·cᵀc),     r ← r − δ z_k:  s −= δ a_k, o += δ μ_k,
 *   S −= δ cᵀa_k,                                    ‖r‖² = ‖s‖² + 2oS + o²·cᵀc
 * </pre>
 *
 * (glmnet's sparse {@code spelnet2}). For dense data μ = 0 and o stays 0.
 */
final class ResidualTracker implements GradientTracker {
  private final StandardizedDesign design;
  private final double[] target;
  private final double[] residual;
  private double shift;
  private double centerDotResidual;

  ResidualTracker(StandardizedDesign design, double[] centeredTarget) {
    this.design = design;
    this.target = centeredTarget.clone();
    this.residual = centeredTarget.clone();
    this.centerDotResidual = design.sparse() ? design.centerDot(residual) : 0.0;
  }

  @Override
  public double gradient(int k) {
    if (!design.sparse()) {
      return design.meanDot(k, residual);
    }
    double g = design.storedDot(k, residual) + shift * design.storedDotCenter[k]
        - design.center[k] * (centerDotResidual + shift * design.centerSquaredNorm());
    return g / design.n;
  }

  @Override
  public void activate(int k) {}

  @Override
  public void moveAll(int k, double delta) {
    move(k, delta);
  }

  @Override
  public void moveActive(int k, double delta, int[] active, int numActive) {
    move(k, delta);
  }

  private void move(int k, double delta) {
    design.subtractStored(k, delta, residual);
    if (design.sparse()) {
      centerDotResidual -= delta * design.storedDotCenter[k];
      shift += delta * design.center[k];
    }
  }

  @Override
  public void beginActivePasses(double[] coefficients, int[] active, int numActive) {}

  @Override
  public void endActivePasses(double[] coefficients, int[] active, int numActive) {}

  @Override
  public double residualMeanSquare(double tracked) {
    double s = StandardizedDesign.dot(residual, 0, residual, 0, residual.length);
    if (design.sparse()) {
      s += 2 * shift * centerDotResidual + shift * shift * design.centerSquaredNorm();
    }
    return s / residual.length;
  }

  /** r = y − Σ_active z_k b_k afresh: O(n·|active|) (O(nonzeros) for sparse data). */
  @Override
  public double refresh(double[] coefficients, int[] active, int numActive) {
    System.arraycopy(target, 0, residual, 0, residual.length);
    shift = 0;
    centerDotResidual = design.sparse() ? design.centerDot(residual) : 0.0;
    for (int l = 0; l < numActive; l++) {
      int k = active[l];
      if (coefficients[k] != 0) {
        move(k, coefficients[k]);
      }
    }
    return residualMeanSquare(0);
  }
}
