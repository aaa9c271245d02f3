package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.linear.RidgeSvdPath.Decomposition;
import dev.tikhonov.tensor.Blas;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Red team (session 44b): ridge paths on four threads at once, at withThreads 1 and 2, in a
 * lane, one thread interrupted while it waits, give each the bits it gives alone, and all end
 * (a stall of Blas.run's monitor would hang this test; it passed).
 */
class RedTeam44bBlasStressTest {
  private final int savedThreads = Blas.threads();

  @AfterEach
  void restore() {
    Blas.setThreads(savedThreads);
  }

  private static double[] coefficients(RidgeSvdPath path) {
    List<Double> all = new ArrayList<>();
    for (double[] b : path.coefficients()) {
      for (double v : b) {
        all.add(v);
      }
    }
    for (double v : path.leaveOneOutMse()) {
      all.add(v);
    }
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void fourThreadsAtMixedCounts_getTheirBitsAlone_andAllEnd() throws Exception {
    Random rng = new Random(441);
    double[][] x = new double[2000][200];
    double[] y = new double[2000];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 200; j++) {
        x[i][j] = rng.nextGaussian();
      }
      y[i] = x[i][0] + x[i][1] + rng.nextGaussian();
    }
    double[] lambdas = {1e-3, 1e-2, 0.1};
    double[] aloneOne = Blas.withThreads(1,
        () -> coefficients(RidgeSvdPath.fit(x, y, lambdas, Decomposition.EIGEN)));
    double[] aloneTwo = Blas.withThreads(2,
        () -> coefficients(RidgeSvdPath.fit(x, y, lambdas, Decomposition.EIGEN)));
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int count = 1 + t % 2;
      boolean lane = t == 2;
      Thread thread = new Thread(() -> {
        for (int round = 0; round < 3; round++) {
          double[] got = lane
              ? Blas.inLane(() -> coefficients(RidgeSvdPath.fit(x, y, lambdas,
                  Decomposition.EIGEN)))
              : Blas.withThreads(count, () -> coefficients(RidgeSvdPath.fit(x, y, lambdas,
                  Decomposition.EIGEN)));
          double[] expected = lane || count == 1 ? aloneOne : aloneTwo;
          if (!java.util.Arrays.equals(expected, got)) {
            failures.add("thread at " + (lane ? "lane" : count) + ", round " + round);
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    threads.get(1).interrupt();
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(List.of(), List.copyOf(failures));
    assertArrayEquals(aloneTwo, Blas.withThreads(2,
        () -> coefficients(RidgeSvdPath.fit(x, y, lambdas, Decomposition.EIGEN))));
  }
}
