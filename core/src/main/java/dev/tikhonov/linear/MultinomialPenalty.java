package dev.tikhonov.linear;

/**
 * How the multinomial family penalizes a feature's K class coefficients b̃ⱼ = (b̃ⱼ₁ … b̃ⱼK)
 * (glmnet's {@code type.multinomial}); no other family has a choice. An enum: immutable, so
 * thread-safe.
 */
public enum MultinomialPenalty {
  /**
   * Each class coefficient on its own: λ Σⱼ vⱼ Σₖ [(1−α)/2 · b̃ⱼₖ² + α · |b̃ⱼₖ|]. A feature can
   * be in the model for some classes and not others. glmnet's default, and this library's.
   */
  UNGROUPED,
  /**
   * The K coefficients as one group: λ Σⱼ vⱼ [(1−α)/2 · ‖b̃ⱼ‖₂² + α · ‖b̃ⱼ‖₂]. A feature is in
   * the model for every class or for none (glmnet's {@code type.multinomial = "grouped"}).
   */
  GROUPED
}
