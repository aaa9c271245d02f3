package dev.tikhonov.estimate;

import java.util.OptionalDouble;

/**
 * A model's score on labelled data. Immutable, so thread-safe.
 *
 * @param rows number of rows scored
 * @param loss mean data loss (1/n) Σ ℓ(yᵢ, f(xᵢ)), DESIGN.md's ℓ: ½(y − ŷ)², −log p(y|x) or the
 *     Poisson μ − y·log μ; no penalty
 * @param accuracy fraction of rows whose most probable class is the label (classifiers only)
 * @param penalty the model's penalty term λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|] (0 when λ = 0), so that
 *     {@code loss + penalty} is the objective on these rows
 */
public record Evaluation(int rows, double loss, OptionalDouble accuracy, double penalty) {
  public Evaluation {
    if (rows < 1) {
      throw new IllegalArgumentException("an evaluation needs at least one row, got " + rows);
    }
  }

  /** loss + penalty. */
  public double objective() {
    return loss + penalty;
  }
}
