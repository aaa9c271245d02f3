import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.*;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_full;

/**
 * Row halves against column halves of one layer's forward product on two threads, OpenBLAS at
 * one thread each (docs/performance-log.md, "Tried and not taken"). A single-file program:
 * java -cp cli/target/tikhonov.jar bench/scratch/SplitGemm.java B K N
 */
public class SplitGemm {
  static FloatBuffer buf(int n) {
    FloatBuffer b = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < n; i++) b.put(i, r.nextFloat());
    return b;
  }
  static FloatBuffer at(FloatBuffer b, int off) { return b.duplicate().position(off).slice(); }
  public static void main(String[] a) throws Exception {
    openblas_full.openblas_set_num_threads(1);
    int B = Integer.parseInt(a[0]), K = Integer.parseInt(a[1]), N = Integer.parseInt(a[2]);
    FloatBuffer x = buf(B * K), w = buf(K * N), c = buf(B * N);
    ExecutorService ex = Executors.newFixedThreadPool(2);
    // row split: thread t: C[rows t] = X[rows t] W
    Callable<Long> rows = () -> {
      long t0 = System.nanoTime();
      Future<?> f = ex.submit(() -> openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
          B / 2, N, K, 1f, at(x, B / 2 * K), K, w, N, 0f, at(c, B / 2 * N), N));
      openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
          B / 2, N, K, 1f, x, K, w, N, 0f, c, N);
      f.get();
      return System.nanoTime() - t0;
    };
    // column split: thread t: C[:, cols t] = X W[:, cols t]
    Callable<Long> cols = () -> {
      long t0 = System.nanoTime();
      Future<?> f = ex.submit(() -> openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
          B, N / 2, K, 1f, x, K, at(w, N / 2), N, 0f, at(c, N / 2), N));
      openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
          B, N / 2, K, 1f, x, K, w, N, 0f, c, N);
      f.get();
      return System.nanoTime() - t0;
    };
    long minR = Long.MAX_VALUE, minC = Long.MAX_VALUE;
    long[] rs = new long[3000], cs = new long[3000];
    for (int i = 0; i < 3000; i++) {
      rs[i] = rows.call(); cs[i] = cols.call();
    }
    java.util.Arrays.sort(rs); java.util.Arrays.sort(cs);
    System.out.printf("B=%d K=%d N=%d  rows-split min %.1f us p10 %.1f | cols-split min %.1f us p10 %.1f%n", B, K, N,
        rs[0] / 1e3, rs[300] / 1e3, cs[0] / 1e3, cs[300] / 1e3);
    ex.shutdown();
  }
}
