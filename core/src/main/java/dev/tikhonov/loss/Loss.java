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
   * {@link #lossAndGradient(Matrix, Matrix, Matrix)} that also gives each row's loss, on the
   * first {@code targetColumns} columns of {@code target}: returns the mean loss (1/n) Σᵢ ℓᵢ,
   * writes ∂(mean loss)/∂prediction into {@code out} and ℓᵢ into {@code rowLosses[i]} for each
   * of the n rows (a weighted loss Σᵢ wᵢℓᵢ needs both from one pass). {@code target} may hold
   * more columns after the loss's own, which are not read: a weighted loss keeps each row's
   * weight there, gathered with the row, and the loss reads its targets in place
   * ({@code targetColumns = target.cols()} when there are none). tikhonov's losses compute
   * everything in their one fused pass, with the same mean and gradient as the plain pass, bit
   * for bit; this default runs the plain pass and then each row's loss again on a one-row view
   * (of a copy of the first {@code targetColumns} columns when {@code target} has more), for
   * other implementations. Modified: {@code rowLosses} (its first n entries), {@code out}.
   *
   * @throws IllegalArgumentException when {@code targetColumns} is not the loss's target width
   *     or exceeds {@code target.cols()}, or the shapes do not match
   */
  default double lossAndGradient(Matrix prediction, Matrix target, int targetColumns,
      double[] rowLosses, Matrix out) {
    Matrix y = leadingColumns(target, targetColumns);
    double mean = lossAndGradient(prediction, y, out);
    Matrix rowGradient = Matrix.zeros(1, out.cols());
    for (int i = 0; i < prediction.rows(); i++) {
      rowLosses[i] = lossAndGradient(prediction.rowRange(i, i + 1), y.rowRange(i, i + 1),
          rowGradient);
    }
    return mean;
  }

  /**
   * Each row's loss ℓᵢ into {@code out[i]}, for the n rows, as {@link #sum} computes it (a
   * weighted sum Σᵢ wᵢℓᵢ in one pass), on the first {@code targetColumns} columns of
   * {@code target} as in {@link #lossAndGradient(Matrix, Matrix, int, double[], Matrix)}.
   * tikhonov's losses compute the rows in one pass, each ℓᵢ the value {@code sum} gives on that
   * row alone, bit for bit; this default calls {@code sum} on one-row views. Modified:
   * {@code out} (its first n entries).
   *
   * @throws IllegalArgumentException as {@link #lossAndGradient(Matrix, Matrix, int, double[],
   *     Matrix)}
   */
  default void rowLosses(Matrix prediction, Matrix target, int targetColumns, double[] out) {
    Matrix y = leadingColumns(target, targetColumns);
    for (int i = 0; i < prediction.rows(); i++) {
      out[i] = sum(prediction.rowRange(i, i + 1), y.rowRange(i, i + 1));
    }
  }

  /** The summed (not mean) loss over the rows, for evaluation in chunks. */
  double sum(Matrix prediction, Matrix target);

  /** Name used in model files: "squared_error" or "softmax_cross_entropy". */
  String name();

  /**
   * The first {@code columns} columns of {@code target}: itself when it has no others, else a
   * copy (the defaults' way; tikhonov's losses read them in place).
   */
  private static Matrix leadingColumns(Matrix target, int columns) {
    if (columns < 1 || columns > target.cols()) {
      throw new IllegalArgumentException(
          "target columns " + columns + " of a " + target.shape() + " target");
    }
    if (columns == target.cols()) {
      return target;
    }
    Matrix y = Matrix.zeros(target.rows(), columns);
    for (int i = 0; i < target.rows(); i++) {
      for (int k = 0; k < columns; k++) {
        y.set(i, k, target.get(i, k));
      }
    }
    return y;
  }
}
