import java.lang.management.*;
import java.nio.*;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_full;
/**
 * GFLOP/s in thread CPU time of the products one thread computes in one step of the two-thread
 * MLP (784-256-128-10, batch 128), split as the data-parallel step splits them (DP: 64 rows of
 * each forward and input-gradient product, a row block of each weight gradient) and as a
 * tensor-parallel step would (TP: all 128 rows, half the output columns), one OpenBLAS thread,
 * hot caches, 8 interleaved rounds (docs/performance-log.md, "Issue 13, third session"):
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -cp cli/target/tikhonov.jar \
 *     bench/scratch/TpRates.java
 */
public class TpRates {
  static FloatBuffer buf(int n, long seed) {
    FloatBuffer b = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    java.util.Random r = new java.util.Random(seed);
    for (int i = 0; i < n; i++) b.put(i, r.nextFloat() - 0.5f);
    return b;
  }
  static FloatBuffer at(FloatBuffer b, int off) { return b.duplicate().position(off).slice(); }
  static final int N = openblas.CblasNoTrans, T = openblas.CblasTrans, R = openblas.CblasRowMajor;
  static void g(int ta, int tb, int m, int n, int k, FloatBuffer a, int lda, FloatBuffer b, int ldb, FloatBuffer c, int ldc) {
    openblas.cblas_sgemm(R, ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc);
  }
  public static void main(String[] args) {
    openblas_full.openblas_set_num_threads(1);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    FloatBuffer x = buf(128 * 784, 1), w1 = buf(784 * 256, 2), h1 = buf(128 * 256, 3), w2 = buf(256 * 128, 4),
      h2 = buf(128 * 128, 5), w3 = buf(128 * 10, 6), o = buf(128 * 10, 7), g1 = buf(128 * 256, 8), g2 = buf(128 * 128, 9),
      dw1 = buf(784 * 256, 10), dw2 = buf(256 * 128, 11), dw3 = buf(128 * 10, 12);
    Runnable dp = () -> {
      g(N, N, 64, 256, 784, x, 784, w1, 256, h1, 256);
      g(N, N, 64, 128, 256, h1, 256, w2, 128, h2, 128);
      g(N, N, 64, 10, 128, h2, 128, w3, 10, o, 10);
      g(N, T, 64, 128, 10, o, 10, w3, 10, g2, 128);
      g(N, T, 64, 256, 128, g2, 128, w2, 128, g1, 256);
      g(T, N, 392, 256, 128, x, 784, g1, 256, dw1, 256);
      g(T, N, 128, 128, 128, h1, 256, g2, 128, dw2, 128);
      g(T, N, 64, 10, 128, h2, 128, o, 10, dw3, 10);
    };
    Runnable tp = () -> {
      g(N, N, 128, 128, 784, x, 784, w1, 256, h1, 256);
      g(N, N, 128, 64, 256, h1, 256, w2, 128, h2, 128);
      g(N, N, 64, 10, 128, h2, 128, w3, 10, o, 10);
      g(N, T, 128, 64, 10, o, 10, w3, 10, g2, 128);
      g(N, T, 128, 128, 128, g2, 128, w2, 128, g1, 256);
      g(T, N, 784, 128, 128, x, 784, g1, 256, dw1, 256);
      g(T, N, 256, 64, 128, h1, 256, g2, 128, dw2, 128);
      g(T, N, 64, 10, 128, h2, 128, o, 10, dw3, 10);
    };
    double flops = 2.0 * (64*784*256 + 64*256*128 + 64*128*10 + 64*10*128 + 64*128*256 + 392*128*256 + 128*128*128 + 64*128*10);
    for (int round = 0; round < 8; round++) {
      for (int which = 0; which < 2; which++) {
        Runnable r = which == 0 ? dp : tp;
        for (int i = 0; i < 200; i++) r.run();
        long c0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < 2000; i++) r.run();
        double s = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf("%s %.1f GFLOP/s  ", which == 0 ? "DP" : "TP", flops * 2000 / s / 1e9);
      }
      System.out.println();
    }
  }
}
