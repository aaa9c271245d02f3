package dev.tikhonov.data;

import dev.tikhonov.tensor.Matrix;

/**
 * Checks on data that did not come through a reader. Stateless: it only reads its arguments, so it
 * may be called from any thread (on matrices no other thread is modifying).
 */
public final class Datasets {
  private Datasets() {}

  /**
   * Throws an {@link InputException} naming the row and column (1-based) of the first value of
   * {@code m} that is NaN or infinite, e.g. {@code model input: row 3, column 2: NaN is not
   * allowed}.
   */
  public static void requireFinite(Matrix m, String source) {
    int cols = m.cols();
    for (int k = 0, size = m.size(); k < size; k++) {
      float v = m.at(k);
      if (!Float.isFinite(v)) {
        throw new InputException(
            source + ": row " + (k / cols + 1) + ", column " + (k % cols + 1) + ": "
                + (Float.isNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity")
                + " is not allowed; values must be finite");
      }
    }
  }

  /** {@link #requireFinite(Matrix, String)} on features and targets of {@code data}. */
  public static void requireFinite(Dataset data) {
    requireFinite(data.features(), data.source() + " (features)");
    requireFinite(data.targetMatrix(), data.source() + " (targets)");
  }
}
