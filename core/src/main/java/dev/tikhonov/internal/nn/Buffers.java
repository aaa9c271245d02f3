package dev.tikhonov.internal.nn;

import dev.tikhonov.data.MemoryShortageException;
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
   * shortage of direct memory is a {@link MemoryShortageException} naming the buffer (a
   * mini-batch of {@code rows} rows through a layer of {@code cols} units), the memory figures
   * and what relieves it.
   */
  public static Matrix ensure(Matrix current, int rows, int cols) {
    if (current != null && current.rows() >= rows && current.cols() == cols) {
      return current;
    }
    try {
      return Matrix.zeros(rows, cols);
    } catch (OutOfMemoryError e) {
      long need = 4L * rows * cols;
      throw new MemoryShortageException("a mini-batch of " + rows + " rows through a layer of "
          + cols + " units needs " + DirectMemory.format(need) + " of direct memory for one"
          + " activation buffer, but " + DirectMemory.format(DirectMemory.available())
          + " are available (limit " + DirectMemory.format(DirectMemory.limit()) + ", "
          + DirectMemory.format(DirectMemory.reserved()) + " in use)",
          relief(need, DirectMemory.limit()), e);
    }
  }

  /**
   * What to change when a buffer of {@code need} bytes does not fit under the direct-memory
   * {@code limit}: a smaller batch or narrower layers when such buffers are a large part of the
   * limit (more than 1/16: a network holds a few per layer, forward and backward); otherwise the
   * memory was full before (parameters, data, a small -Xmx such as 32m) and a smaller batch, which
   * the message advised, changes nothing: the JVM needs more memory.
   */
  static MemoryShortageException.Relief relief(long need, long limit) {
    return need > limit / 16 ? MemoryShortageException.Relief.SMALLER_BUFFERS
        : MemoryShortageException.Relief.MORE_JVM_MEMORY;
  }
}
