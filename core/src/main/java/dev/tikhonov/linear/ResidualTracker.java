package dev.tikhonov.linear;

/**
 * glmnet's naive updates on a {@link DenseDesign} ({@link SparseDesign} has its own): the
 * residual {@code r = y − Zb} is stored; a gradient is {@code (1/n) z_kᵀ r}, computed in O(n)
 * when asked; moving b_k by δ does {@code r ← r − δ z_k}.
 */
final class ResidualTracker implements GradientTracker {
  private final DenseDesign design;
  private final double[] target;
  private final double[] residual;

  ResidualTracker(DenseDesign design, double[] centeredTarget) {
    this.design = design;
    this.target = centeredTarget.clone();
    this.residual = centeredTarget.clone();
  }

  @Override
  public double gradient(int k) {
    return design.meanDot(k, residual);
  }

  @Override
  public void activate(int k) {}

  @Override
  public void moveAll(int k, double delta) {
    design.subtractColumn(k, delta, residual);
  }

  @Override
  public void moveActive(int k, double delta, int[] active, int numActive) {
    design.subtractColumn(k, delta, residual);
  }

  @Override
  public void beginActivePasses(double[] coefficients, int[] active, int numActive) {}

  @Override
  public void endActivePasses(double[] coefficients, int[] active, int numActive) {}

  @Override
  public double residualMeanSquare(double tracked) {
    return StandardizedDesign.dot(residual, 0, residual, 0, residual.length) / residual.length;
  }

  /** r = y − Σ_active z_k b_k afresh: O(n·|active|). */
  @Override
  public double refresh(double[] coefficients, int[] active, int numActive) {
    System.arraycopy(target, 0, residual, 0, residual.length);
    for (int l = 0; l < numActive; l++) {
      int k = active[l];
      if (coefficients[k] != 0) {
        design.subtractColumn(k, coefficients[k], residual);
      }
    }
    return StandardizedDesign.dot(residual, 0, residual, 0, residual.length) / residual.length;
  }
}
