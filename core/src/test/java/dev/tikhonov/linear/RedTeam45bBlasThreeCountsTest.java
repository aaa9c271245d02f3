package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.linear.RidgeSvdPath.Decomposition;
import dev.tikhonov.tensor.Blas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * redteam45b: the ticketed Blas monitor (c7688831) with six threads at counts 1, 2 and 3,
 * each inside a nested withThreads (outer 3, inner its own count), two of them interrupted
 * (as they start, often while they queue): every fit gives the bits it gives alone, all end,
 * the interrupts are kept for the threads, and OpenBLAS's count after the last withThreads is
 * the one of before. It passes now. On the machine it was written on (2 cores, OpenBLAS 0.3.30)
 * the fits alone at 1, 2 and 3 gave the same bits, so there the bits check catches a corrupted
 * result, not a fit run at another count; the interrupt and count checks can fail anywhere.
 */
class RedTeam45bBlasThreeCountsTest {
  private final int savedThreads = Blas.threads();

  @AfterEach
  void restore() {
    Blas.setThreads(savedThreads);
  }

  private static double[] fit(double[][] x, double[] y, double[] lambdas) {
    RidgeSvdPath path = RidgeSvdPath.fit(x, y, lambdas, Decomposition.EIGEN);
    List<Double> all = new ArrayList<>();
    for (double[] b : path.coefficients()) {
      for (double v : b) {
        all.add(v);
      }
    }
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void sixThreadsAtThreeCounts_nestedAndInterrupted_getTheirBitsAlone() throws Exception {
    Random rng = new Random(4545);
    double[][] x = new double[2000][200];
    double[] y = new double[2000];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] = rng.nextGaussian();
      }
      y[i] = x[i][0] - x[i][3] + rng.nextGaussian();
    }
    double[] lambdas = {1e-3, 0.1};
    Blas.setThreads(2);
    double[][] alone = new double[4][];
    for (int c = 1; c <= 3; c++) {
      int count = c;
      alone[c] = Blas.withThreads(count, () -> fit(x, y, lambdas));
    }
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      int count = 1 + t % 3;
      boolean interrupted = t >= 4;
      Thread thread = new Thread(() -> {
        for (int round = 0; round < 3; round++) {
          double[] got = Blas.withThreads(3, () -> Blas.withThreads(count,
              () -> fit(x, y, lambdas)));
          if (!Arrays.equals(alone[count], got)) {
            failures.add("thread at " + count + ", round " + round + ": other bits");
          }
        }
        if (interrupted && !Thread.currentThread().isInterrupted()) {
          failures.add("thread at " + count + ": its interrupt was lost");
        }
      });
      threads.add(thread);
      thread.start();
    }
    threads.get(4).interrupt();
    threads.get(5).interrupt();
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(List.of(), List.copyOf(failures));
    assertEquals(2, Blas.workerThreads(), "the count of before the first withThreads");
    assertEquals(2, Blas.threads());
  }
}
