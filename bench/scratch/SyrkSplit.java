/**
 * Two-thread dsyrk of a 10,000×1,000 double matrix (the Gram matrix of the peers' path problem)
 * against two Java threads each running a one-thread dsyrk on half the rows into its own
 * matrix, then the sum of the two triangles (docs/performance-log.md, issue 13's eleventh session):
 *   javac -cp cli/target/tikhonov.jar -d /tmp/sy bench/scratch/SyrkSplit.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -cp /tmp/sy:cli/target/tikhonov.jar SyrkSplit
 */
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
public class SyrkSplit {
  static int n = 10000, p = 1000;
  static DoublePointer x = new DoublePointer((long) n * p);
  static void syrk(DoublePointer s, int from, int to, int block) {
    for (int r0 = from; r0 < to; r0 += block) {
      int rows = Math.min(block, to - r0);
      openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasNoTrans,
          p, rows, 1.0, new DoublePointer(x).position((long) r0 * p), p, r0 == from ? 0.0 : 1.0, s, p);
    }
  }
  public static void main(String[] a) throws Exception {
    java.util.Random r = new java.util.Random(1);
    for (long i = 0; i < (long) n * p; i++) x.put(i, r.nextGaussian());
    DoublePointer s0 = new DoublePointer((long) p * p), s1 = new DoublePointer((long) p * p);
    for (int round = 0; round < 4; round++) {
      dev.tikhonov.tensor.Blas.setThreads(2);
      long t0 = System.nanoTime();
      syrk(s0, 0, n, 524);
      long t1 = System.nanoTime();
      dev.tikhonov.tensor.Blas.setThreads(1);
      long t2 = System.nanoTime();
      Thread th = new Thread(() -> syrk(s1, n / 2, n, 524));
      th.start();
      syrk(s0, 0, n / 2, 524);
      th.join();
      long t3 = System.nanoTime();
      // sum the upper triangles
      java.nio.DoubleBuffer b0 = s0.asBuffer(), b1 = s1.asBuffer();
      for (int k = 0; k < p; k++) for (int j = 0; j <= k; j++) { int i = k * p + j; b0.put(i, b0.get(i) + b1.get(i)); }
      long t4 = System.nanoTime();
      System.out.printf("2-thread dsyrk %.1f ms | two 1-thread halves %.1f ms + sum %.1f ms%n", (t1 - t0) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6);
    }
  }
}
