package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.linear.RidgeSvdPath.Decomposition;
import dev.tikhonov.tensor.Blas;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The double-precision BLAS and LAPACK calls of the linear fits run at the calling thread's
 * worker count ({@link Blas#run}), as the networks' products do: their bits depend on it (DGEMM
 * and DSYEVD differ in the last digit at one OpenBLAS worker and at two), and another fit's
 * data-parallel step sets OpenBLAS's process-wide count at any moment. Before, a ridge path fitted
 * at two threads after something had left OpenBLAS at one worker got other bits than alone.
 */
class DoublePrecisionRoutesTest {
  private final int savedThreads = Blas.threads();

  @AfterEach
  void restore() {
    Blas.setThreads(savedThreads);
  }

  /** n × p Gaussian rows and a target of 10 of them plus noise. */
  private static double[][] rows(int n, int p, Random rng) {
    double[][] x = new double[n][p];
    for (double[] row : x) {
      for (int j = 0; j < p; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    return x;
  }

  private static double[] target(double[][] x, Random rng) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 10; j++) {
        y[i] += x[i][j];
      }
      y[i] += rng.nextGaussian();
    }
    return y;
  }

  private static double[] everything(RidgeSvdPath path) {
    int m = path.lambdas().length;
    int p = path.coefficients()[0].length;
    double[] all = new double[m * (p + 4)];
    int k = 0;
    for (int l = 0; l < m; l++) {
      for (double b : path.coefficients()[l]) {
        all[k++] = b;
      }
      all[k++] = path.intercepts()[l];
      all[k++] = path.degreesOfFreedom()[l];
      all[k++] = path.leaveOneOutMse()[l];
      all[k++] = path.gcv()[l];
    }
    return all;
  }

  private static final double[] LAMBDAS = {1e-4, 1e-3, 1e-2, 0.1, 1};

  @Test
  void aRidgePath_atTwoThreads_hasItsBits_whateverOpenBlasWasLeftAt() {
    Random rng = new Random(11);
    double[][] tall = rows(3000, 300, rng); // n ≥ 4p: eigendecomposition of ZᵀZ, DGEMMs
    double[] tallY = target(tall, rng);
    double[][] wide = rows(400, 300, rng); // thin SVD of Z (dgesdd), DGEMMs
    double[] wideY = target(wide, rng);
    Blas.withThreads(2, () -> {
      for (Decomposition d : new Decomposition[] {Decomposition.EIGEN, Decomposition.SVD}) {
        double[][] x = d == Decomposition.EIGEN ? tall : wide;
        double[] y = d == Decomposition.EIGEN ? tallY : wideY;
        double[] alone = everything(RidgeSvdPath.fit(x, y, LAMBDAS, d));
        Blas.setWorkerThreads(1); // as another fit's data-parallel step does
        double[] afterOne = everything(RidgeSvdPath.fit(x, y, LAMBDAS, d));
        assertArrayEquals(alone, afterOne, d.toString());
        assertEquals(2, Blas.workerThreads(), "the fit ran at its own count, " + d);
      }
      return null;
    });
  }

  @Test
  void aRidgePath_keepsItsBits_whileAnotherThreadFlipsOpenBlasWorkers() throws Exception {
    Random rng = new Random(12);
    double[][] x = rows(3000, 300, rng);
    double[] y = target(x, rng);
    double[] alone = Blas.withThreads(2,
        () -> everything(RidgeSvdPath.fit(x, y, LAMBDAS, Decomposition.EIGEN)));
    AtomicBoolean done = new AtomicBoolean();
    Thread flipper = new Thread(() -> {
      for (int i = 0; !done.get(); i++) {
        Blas.setWorkerThreads(1 + i % 2);
        Thread.onSpinWait();
      }
    });
    flipper.start();
    try {
      for (int round = 0; round < 6; round++) {
        double[] beside = Blas.withThreads(2,
            () -> everything(RidgeSvdPath.fit(x, y, LAMBDAS, Decomposition.EIGEN)));
        assertArrayEquals(alone, beside, "round " + round);
      }
    } finally {
      done.set(true);
      flipper.join();
    }
  }
}
