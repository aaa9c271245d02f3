package dev.tikhonov.nn;

import dev.tikhonov.tensor.Matrix;

/** A reusable matrix that grows to the largest row count asked for and hands out row views. */
final class Buffers {
  private Buffers() {}

  /** {@code current} if it has room for {@code rows}×{@code cols}, else a new larger matrix. */
  static Matrix ensure(Matrix current, int rows, int cols) {
    if (current != null && current.rows() >= rows && current.cols() == cols) {
      return current;
    }
    return Matrix.zeros(rows, cols);
  }
}
