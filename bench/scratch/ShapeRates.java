import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Transpose;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * GFLOP/s in thread CPU time of the products one thread of the two-thread MLP step computes
 * (784-256-128-10, batch 128), next to square SGEMM on the same thread, OpenBLAS at one thread,
 * shapes interleaved round by round (docs/performance-log.md, "Where an epoch goes"). CPU time
 * leaves out the time the thread waited for a core on a shared machine. A single-file program:
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -cp cli/target/tikhonov.jar \
 *     bench/scratch/ShapeRates.java [rounds]
 */
public class ShapeRates {
  static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  static Matrix random(int r, int c, long seed) {
    java.util.Random g = new java.util.Random(seed);
    Matrix m = Matrix.zeros(r, c);
    for (int i = 0; i < m.size(); i++) m.put(i, g.nextFloat() - 0.5f);
    return m;
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Blas.setThreads(1);
    Matrix x = random(128, 784, 1), w1 = random(784, 256, 2), h1 = random(128, 256, 3);
    Matrix w2 = random(256, 128, 4), h2 = random(128, 128, 5), w3 = random(128, 10, 6);
    Matrix g1 = random(128, 256, 7), g2 = random(128, 128, 8), g3 = random(128, 10, 9);
    Matrix dw1 = Matrix.zeros(784, 256), dw2 = Matrix.zeros(256, 128), dw3 = Matrix.zeros(128, 10);
    Matrix sq = random(1024, 1024, 10), sqOut = Matrix.zeros(1024, 1024);
    Matrix sq5 = random(512, 512, 11), sq5Out = Matrix.zeros(512, 512);
    Matrix full = Matrix.zeros(128, 256);
    String[] names = {"square 1024", "square 512", "fwd L1 64x784x256", "fwd L2 64x256x128",
        "fwd L3 64x128x10", "bwd L3 64x10x128", "bwd L2 64x128x256", "wgrad L1 392x128x256",
        "wgrad L2 128x128x128", "wgrad L3 64x128x10", "fwd L1 full 128x784x256",
        "wgrad L1 full 784x128x256"};
    double[] flops = {2.0 * 1024 * 1024 * 1024, 2.0 * 512 * 512 * 512, 2.0 * 64 * 784 * 256,
        2.0 * 64 * 256 * 128, 2.0 * 64 * 128 * 10, 2.0 * 64 * 10 * 128, 2.0 * 64 * 128 * 256,
        2.0 * 392 * 128 * 256, 2.0 * 128 * 128 * 128, 2.0 * 64 * 128 * 10,
        2.0 * 128 * 784 * 256, 2.0 * 784 * 128 * 256};
    Runnable[] ops = {
      () -> Blas.gemm(Transpose.NO, Transpose.NO, 1f, sq, sq, 0f, sqOut),
      () -> Blas.gemm(Transpose.NO, Transpose.NO, 1f, sq5, sq5, 0f, sq5Out),
      () -> Blas.gemm(Transpose.NO, Transpose.NO, 1f, x.rowRange(0, 64), w1, 0f, h1.rowRange(0, 64)),
      () -> Blas.gemm(Transpose.NO, Transpose.NO, 1f, h1.rowRange(0, 64), w2, 0f, h2.rowRange(0, 64)),
      () -> Blas.gemm(Transpose.NO, Transpose.NO, 1f, h2.rowRange(0, 64), w3, 0f, g3.rowRange(0, 64)),
      () -> Blas.gemm(Transpose.NO, Transpose.YES, 1f, g3.rowRange(0, 64), w3, 0f, g2.rowRange(0, 64)),
      () -> Blas.gemm(Transpose.NO, Transpose.YES, 1f, g2.rowRange(0, 64), w2, 0f, g1.rowRange(0, 64)),
      () -> Blas.gemmColumnsTransposed(1f, x, 0, 392, g1, 0f, dw1.rowRange(0, 392)),
      () -> Blas.gemmColumnsTransposed(1f, h1, 0, 128, g2, 0f, dw2.rowRange(0, 128)),
      () -> Blas.gemmColumnsTransposed(1f, h2, 0, 64, g3, 0f, dw3.rowRange(0, 64)),
      () -> Blas.gemm(Transpose.NO, Transpose.NO, 1f, x, w1, 0f, full),
      () -> Blas.gemm(Transpose.YES, Transpose.NO, 1f, x, g1, 0f, dw1),
    };
    double[][] rate = new double[ops.length][rounds];
    for (int r = -1; r < rounds; r++) { // round -1 warms up
      for (int k = 0; k < ops.length; k++) {
        int reps = (int) Math.max(3, 2e9 / flops[k] * (r < 0 ? 0.3 : 1));
        long t0 = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) ops[k].run();
        long ns = CPU.getCurrentThreadCpuTime() - t0;
        if (r >= 0) rate[k][r] = flops[k] * reps / ns;
      }
    }
    double sqMed = median(rate[0]);
    for (int k = 0; k < ops.length; k++) {
      double m = median(rate[k]);
      System.out.printf(Locale.ROOT, "%-26s median %6.1f GFLOP/s  (min %5.1f, max %5.1f)  %4.0f %% of square 1024%n",
          names[k], m, Arrays.stream(rate[k]).min().getAsDouble(),
          Arrays.stream(rate[k]).max().getAsDouble(), 100 * m / sqMed);
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
