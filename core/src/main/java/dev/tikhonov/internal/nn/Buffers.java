package dev.tikhonov.internal.nn;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.tensor.DirectMemory;
import dev.tikhonov.tensor.Matrix;

/**
 * A reusable matrix that grows to the largest row count asked for and hands out row views.
 * Stateless, so thread-safe (the matrices are their callers').
 */
public final class Buffers {
  private Buffers() {}

  /**
   * {@code current} if it has room for {@code rows}×{@code cols}, else a new larger matrix. A
   * shortage of direct memory is an {@link InputException} naming the buffer (a mini-batch of
   * {@code rows} rows through a layer of {@code cols} units) and the memory figures.
   */
  public static Matrix ensure(Matrix current, int rows, int cols) {
    if (current != null && current.rows() >= rows && current.cols() == cols) {
      return current;
    }
    try {
      return Matrix.zeros(rows, cols);
    } catch (OutOfMemoryError e) {
      throw new InputException("a mini-batch of " + rows + " rows through a layer of " + cols
          + " units needs " + DirectMemory.format(4L * rows * cols) + " of direct memory for one"
          + " activation buffer, but " + DirectMemory.format(DirectMemory.available())
          + " are available (limit " + DirectMemory.format(DirectMemory.limit()) + ", "
          + DirectMemory.format(DirectMemory.reserved()) + " in use); use a smaller batch or"
          + " narrower layers", e);
    }
  }
}
