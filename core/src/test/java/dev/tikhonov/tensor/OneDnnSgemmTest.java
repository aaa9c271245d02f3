package dev.tikhonov.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The single-threaded SGEMM route (oneDNN) against a product in double and against OpenBLAS's
 * route, at the shapes of a training step and at odd ones, with every transpose, a row view and
 * a column block.
 */
class OneDnnSgemmTest {
  /** m, n, k: the data-parallel step's per-thread products, and small odd ones. */
  private static final int[][] SHAPES = {
    {64, 256, 784}, {64, 128, 256}, {64, 10, 128}, {392, 256, 128}, {128, 128, 128},
    {13, 7, 29}, {1, 1, 1}, {3, 1, 200}
  };

  private static Matrix random(int r, int c, Rng rng) {
    return TestMatrices.gaussian(r, c, rng);
  }

  @Test
  void oneDnn_loadsOnThisPlatform() {
    assertTrue(OneDnnSgemm.available(), Blas.describeSingleThreadedSgemm());
    assertTrue(Blas.describeSingleThreadedSgemm().startsWith("oneDNN "),
        Blas.describeSingleThreadedSgemm());
  }

  @Test
  void inALane_everyTranspose_matchesTheProductInDouble_andOpenBlas() {
    Rng rng = new Rng(5);
    for (int[] s : SHAPES) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          Matrix a = ta ? random(k, m, rng) : random(m, k, rng);
          Matrix b = tb ? random(n, k, rng) : random(k, n, rng);
          Matrix c0 = random(m, n, rng);
          Transpose opA = ta ? Transpose.YES : Transpose.NO;
          Transpose opB = tb ? Transpose.YES : Transpose.NO;
          Matrix lane = c0.copy();
          Blas.inLane(() -> {
            Blas.gemm(opA, opB, 0.5f, a, b, -1.5f, lane);
            return null;
          });
          Matrix blas = c0.copy();
          Blas.withThreads(2, () -> { // OpenBLAS's route: this thread at two threads
            Blas.gemm(opA, opB, 0.5f, a, b, -1.5f, blas);
            return null;
          });
          String where = m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb;
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              double dot = 0;
              double scale = 0;
              for (int t = 0; t < k; t++) {
                double x = ta ? a.get(t, i) : a.get(i, t);
                double y = tb ? b.get(j, t) : b.get(t, j);
                dot += x * y;
                scale += Math.abs(x * y);
              }
              double expected = 0.5 * dot - 1.5 * c0.get(i, j);
              double tol = 1e-6 * (scale + Math.abs(c0.get(i, j)) + 1);
              assertEquals(expected, lane.get(i, j), tol, where + " at " + i + "," + j);
              assertEquals(blas.get(i, j), lane.get(i, j), 2 * tol, where + " vs OpenBLAS");
            }
          }
        }
      }
    }
  }

  @Test
  void inALane_rowViewsAndColumnBlocks_readTheirOwnElements() {
    Rng rng = new Rng(9);
    Matrix a = random(130, 40, rng);
    Matrix b = random(40, 33, rng);
    Matrix view = a.rowRange(64, 128);
    Matrix out = Matrix.zeros(64, 33);
    Matrix block = Matrix.zeros(17, 33);
    Matrix g = random(130, 33, rng);
    Blas.inLane(() -> {
      Blas.gemm(Transpose.NO, Transpose.NO, 1f, view, b, 0f, out);
      Blas.gemmColumnsTransposed(1f, a, 11, 28, g, 0f, block);
      return null;
    });
    for (int i = 0; i < 64; i++) {
      for (int j = 0; j < 33; j++) {
        double s = 0;
        for (int t = 0; t < 40; t++) {
          s += (double) a.get(64 + i, t) * b.get(t, j);
        }
        assertEquals(s, out.get(i, j), 1e-4, "row view at " + i + "," + j);
      }
    }
    for (int i = 0; i < 17; i++) {
      for (int j = 0; j < 33; j++) {
        double s = 0;
        for (int t = 0; t < 130; t++) {
          s += (double) a.get(t, 11 + i) * g.get(t, j);
        }
        assertEquals(s, block.get(i, j), 1e-4, "column block at " + i + "," + j);
      }
    }
  }

  @Test
  void lanesOnSeveralThreads_giveTheSameBitsAsOneThread() throws Exception {
    Rng rng = new Rng(11);
    Matrix a = random(64, 784, rng);
    Matrix b = random(784, 256, rng);
    Matrix alone = Matrix.zeros(64, 256);
    Blas.inLane(() -> {
      Blas.gemm(Transpose.NO, Transpose.NO, 1f, a, b, 0f, alone);
      return null;
    });
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<float[]>> results = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        results.add(pool.submit(() -> Blas.inLane(() -> {
          Matrix out = Matrix.zeros(64, 256);
          for (int r = 0; r < 20; r++) {
            Blas.gemm(Transpose.NO, Transpose.NO, 1f, a, b, 0f, out);
          }
          return out.toArray();
        })));
      }
      for (Future<float[]> f : results) {
        assertArrayEquals(alone.toArray(), f.get());
      }
    } finally {
      pool.shutdown();
    }
  }
}
