/**
 * Does a thread's optimizer pass over its half of a weight slow down when the other core has
 * read that half? Two threads, each step: read W (all of it, "shared", as the data-parallel
 * forward pass does; or only its own half twice, "private"), write its half's gradient, meet,
 * then the momentum update of its half. Prints µs per step of the read and of the update
 * (docs/performance-log.md, issue 13's sixth session):
 *   javac -d /tmp/xc bench/scratch/CrossCore.java
 *   java -cp /tmp/xc CrossCore shared 4000; java -cp /tmp/xc CrossCore private 4000
 */
import java.util.concurrent.CyclicBarrier;

public class CrossCore {
  static final int R = 784, C = 256, N = R * C;
  static float[] w = new float[N];
  static float[][] b = new float[2][N / 2], g = new float[2][N / 2];
  static volatile double sink;

  public static void main(String[] a) throws Exception {
    boolean shared = a[0].equals("shared");
    int steps = Integer.parseInt(a[1]);
    CyclicBarrier bar = new CyclicBarrier(2);
    long[] opt = new long[2], read = new long[2];
    Thread[] th = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int me = t;
      th[t] = new Thread(() -> {
        try {
          int from = me * N / 2, to = from + N / 2;
          float[] bb = b[me], gg = g[me];
          for (int s = 0; s < steps; s++) {
            bar.await();
            long t0 = System.nanoTime();
            double acc = 0;
            if (shared) {
              for (int i = 0; i < N; i++) acc += w[i];
            } else {
              for (int r = 0; r < 2; r++) for (int i = from; i < to; i++) acc += w[i];
            }
            sink = acc;
            long t1 = System.nanoTime();
            for (int i = 0; i < N / 2; i++) gg[i] = (float) (i * 1e-9) + (float) acc * 1e-12f;
            bar.await();
            long t2 = System.nanoTime();
            for (int i = 0; i < N / 2; i++) {
              float bj = 0.9f * bb[i] + gg[i];
              bb[i] = bj;
              w[from + i] = w[from + i] - 0.05f * bj;
            }
            long t3 = System.nanoTime();
            if (s >= steps / 4) { read[me] += t1 - t0; opt[me] += t3 - t2; }
          }
        } catch (Exception e) { throw new RuntimeException(e); }
      });
      th[t].start();
    }
    for (Thread x : th) x.join();
    int n = steps - steps / 4;
    System.out.printf("%s: read pass %.1f / %.1f us, optimizer %.1f / %.1f us per step%n", a[0],
        read[0] / 1e3 / n, read[1] / 1e3 / n, opt[0] / 1e3 / n, opt[1] / 1e3 / n);
  }
}
