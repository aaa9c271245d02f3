package dev.tikhonov.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlasTest {
  private static Matrix random(int r, int c, Rng rng) {
    return TestMatrices.gaussian(r, c, rng);
  }

  private static double naive(Matrix a, boolean ta, Matrix b, boolean tb, int i, int j) {
    int k = ta ? a.rows() : a.cols();
    double s = 0;
    for (int t = 0; t < k; t++) {
      double x = ta ? a.get(t, i) : a.get(i, t);
      double y = tb ? b.get(j, t) : b.get(t, j);
      s += x * y;
    }
    return s;
  }

  @Test
  void gemm_allTransposeCombinations_matchNaiveProduct() {
    Rng rng = new Rng(7);
    int m = 13;
    int k = 29;
    int n = 7;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        Matrix a = ta ? random(k, m, rng) : random(m, k, rng);
        Matrix b = tb ? random(n, k, rng) : random(k, n, rng);
        Matrix c = random(m, n, rng);
        Matrix c0 = c.copy();
        Blas.gemm(ta ? Transpose.YES : Transpose.NO, tb ? Transpose.YES : Transpose.NO,
            0.5f, a, b, 2f, c);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double expected = 0.5 * naive(a, ta, b, tb, i, j) + 2 * c0.get(i, j);
            assertEquals(expected, c.get(i, j), 1e-4 * (1 + Math.abs(expected)),
                "ta=" + ta + " tb=" + tb + " at " + i + "," + j);
          }
        }
      }
    }
  }

  @Test
  void gemm_onRowViews_usesTheViewsOffset() {
    Rng rng = new Rng(3);
    Matrix a = random(10, 4, rng);
    Matrix b = random(4, 3, rng);
    Matrix view = a.rowRange(6, 9);
    Matrix out = Matrix.zeros(3, 3);
    Blas.gemm(Transpose.NO, Transpose.NO, 1f, view, b, 0f, out);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int t = 0; t < 4; t++) {
          s += a.get(6 + i, t) * b.get(t, j);
        }
        assertEquals(s, out.get(i, j), 1e-5);
      }
    }
  }

  @Test
  void gemm_whenShapesDisagree_throws() {
    assertThrows(IllegalArgumentException.class, () -> Blas.gemm(Transpose.NO, Transpose.NO,
        1f, Matrix.zeros(2, 3), Matrix.zeros(4, 2), 0f, Matrix.zeros(2, 2)));
  }

  @Test
  void rng_sameSeed_sameSequence_andRestoreContinues() {
    Rng a = new Rng(42);
    Rng b = new Rng(42);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextLong(), b.nextLong());
    }
    long saved = a.state();
    long next = a.nextLong();
    Rng c = new Rng(0);
    c.restore(saved);
    assertEquals(next, c.nextLong());
  }

  @Test
  void rng_nextInt_isRoughlyUniform() {
    Rng r = new Rng(1);
    int[] counts = new int[10];
    for (int i = 0; i < 100_000; i++) {
      counts[r.nextInt(10)]++;
    }
    for (int c : counts) {
      assertEquals(10_000, c, 500);
    }
  }

  @Test
  void gemmColumnsTransposed_isTheProductOfTheColumnBlock_andTheRowsOfTheWholeProduct() {
    Rng rng = new Rng(12);
    Matrix a = random(37, 19, rng); // 37 batch rows, 19 inputs
    Matrix b = random(37, 11, rng);
    Matrix whole = Matrix.zeros(19, 11);
    Blas.gemm(Transpose.YES, Transpose.NO, 1f, a, b, 0f, whole);
    Matrix block = random(7, 11, rng);
    Matrix before = block.copy();
    Blas.gemmColumnsTransposed(0.5f, a, 5, 12, b, 2f, block);
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 11; j++) {
        double expected = 0.5 * naive(a, true, b, false, 5 + i, j) + 2 * before.get(i, j);
        assertEquals(expected, block.get(i, j), 1e-4, i + "," + j);
      }
    }
    Matrix rows = Matrix.zeros(7, 11);
    Blas.gemmColumnsTransposed(1f, a, 5, 12, b, 0f, rows);
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 11; j++) {
        assertEquals(whole.get(5 + i, j), rows.get(i, j), 1e-5, "rows of the whole product");
      }
    }
    assertThrows(IndexOutOfBoundsException.class,
        () -> Blas.gemmColumnsTransposed(1f, a, 12, 20, b, 0f, Matrix.zeros(8, 11)));
    assertThrows(IllegalArgumentException.class,
        () -> Blas.gemmColumnsTransposed(1f, a, 0, 7, b, 0f, Matrix.zeros(7, 10)));
  }

  /**
   * Two overlapping fits at 1 and 2 threads (A starts, B starts, A ends, B ends): each sees its
   * own count while the other runs, a thread in neither sees the process's, and OpenBLAS's
   * worker count ends as they found it: each restoring the count it had seen left 1 behind,
   * and every later product ran on one core.
   */
  @Test
  void withThreads_overlappingCalls_eachSeeItsOwnCount_andRestoreTheCountOfBefore()
      throws Exception {
    int before = Blas.threads();
    java.util.concurrent.CountDownLatch aIn = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch bIn = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch aOut = new java.util.concurrent.CountDownLatch(1);
    int[] seen = new int[5];
    Thread a = new Thread(() -> Blas.withThreads(1, () -> {
      aIn.countDown();
      await(bIn);
      seen[0] = Blas.threads();
      return null;
    }));
    Thread b = new Thread(() -> {
      await(aIn);
      Blas.withThreads(2, () -> {
        bIn.countDown();
        await(aOut);
        seen[1] = Blas.threads();
        seen[4] = Blas.workerThreads();
        return null;
      });
    });
    a.start();
    b.start();
    a.join();
    seen[2] = Blas.threads(); // B still runs
    seen[3] = Blas.workerThreads();
    aOut.countDown();
    b.join();
    assertEquals(1, seen[0], "A's own count while B runs");
    assertEquals(2, seen[1], "B's own count");
    assertEquals(before, seen[2], "a thread in neither: the process's count");
    assertEquals(2, seen[3], "A's end leaves OpenBLAS at B's count");
    assertEquals(2, seen[4]);
    assertEquals(before, Blas.threads(), "the count of before the first call");
    assertEquals(before, Blas.workerThreads());
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
