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

  /**
   * {@link #lossAndGradient(Matrix, Matrix, Matrix)} that also gives each row's loss: returns
   * the mean loss (1/n) Σᵢ ℓᵢ, writes ∂(mean loss)/∂prediction into {@code out} and ℓᵢ into
   * {@code rowLosses[i]} for each of the n rows (a weighted loss Σᵢ wᵢℓᵢ needs both from one
   * pass). tikhonov's losses compute both in their one fused pass, with the same mean and
   * gradient, bit for bit; this default computes the fused pass and then each row's loss again
   * on a one-row view, for other implementations. Modified: {@code rowLosses} (its first n
   * entries), {@code out}.
   */
  default double lossAndGradient(Matrix prediction, Matrix target, double[] rowLosses,
      Matrix out) {
    double mean = lossAndGradient(prediction, target, out);
    Matrix rowGradient = Matrix.zeros(1, out.cols());
    for (int i = 0; i < prediction.rows(); i++) {
      rowLosses[i] = lossAndGradient(prediction.rowRange(i, i + 1), target.rowRange(i, i + 1),
          rowGradient);
    }
    return mean;
  }

  /** The summed (not mean) loss over the rows, for evaluation in chunks. */
  double sum(Matrix prediction, Matrix target);

  /** Name used in model files: "squared_error" or "softmax_cross_entropy". */
  String name();
}
