package dev.tikhonov.loss;

import dev.tikhonov.tensor.Matrix;

/**
 * The data term of docs/objective.md's objective, {@code (1/n) Σᵢ ℓ(yᵢ, f(xᵢ))}, as a mean over the
 * rows of a batch. Losses and their sums are accumulated in double.
 *
 * <p>tikhonov's implementations ({@code SquaredError}, {@code SoftmaxCrossEntropy}) hold no
 * state, so they are thread-safe; {@code lossAndGradient} writes only {@code out}.
 */
public interface Loss {
  /**
   * Returns the mean loss over the rows and writes ∂(mean loss)/∂prediction into {@code out}
   * (same shape as {@code prediction}; already divided by n). Modified: {@code out}.
   */
  double lossAndGradient(Matrix prediction, Matrix target, Matrix out);

  /** The summed (not mean) loss over the rows, for evaluation in chunks. */
  double sum(Matrix prediction, Matrix target);

  /** Name used in model files: "squared_error" or "softmax_cross_entropy". */
  String name();
}
