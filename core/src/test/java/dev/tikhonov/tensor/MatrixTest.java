package dev.tikhonov.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Element access by (row, column) stays inside the matrix it names. */
class MatrixTest {
  /**
   * A column past the last one used to read the next row's element ((0, 2) of a 2×2 matrix is
   * flat index 2, element (1, 0)) and a column of −1 the previous row's, silently; past the
   * storage it was the buffer's IndexOutOfBoundsException without a message.
   */
  @Test
  void getAndSet_outsideTheMatrix_areRefusedNamingTheElementAndTheShape() {
    Matrix m = Matrix.of(2, 2, 1f, 2f, 3f, 4f);
    for (int[] rc : new int[][] {{0, 2}, {1, -1}, {2, 0}, {-1, 1}, {0, 5}}) {
      IndexOutOfBoundsException get =
          assertThrows(IndexOutOfBoundsException.class, () -> m.get(rc[0], rc[1]));
      assertEquals("element (" + rc[0] + ", " + rc[1] + ") of a 2x2 matrix (0-based)",
          get.getMessage());
      assertThrows(IndexOutOfBoundsException.class, () -> m.set(rc[0], rc[1], 9f));
    }
    assertEquals(4f, m.get(1, 1));
    assertEquals(3f, m.get(1, 0), "nothing was written by the refused sets");
    Matrix view = m.rowRange(1, 2);
    assertEquals(3f, view.get(0, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> view.get(1, 0));
  }
}
