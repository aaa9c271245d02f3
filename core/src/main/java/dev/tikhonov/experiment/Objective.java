package dev.tikhonov.experiment;

/** DESIGN.md's objective, as printed in settings, reports and run files. */
public final class Objective {
  public static final String TEXT =
      "J(θ) = (1/n) Σᵢ ℓ(yᵢ, f(xᵢ; θ)) + λ · Σⱼ vⱼ [ (1−α)/2 · wⱼ² + α · |wⱼ| ]";

  private Objective() {}
}
