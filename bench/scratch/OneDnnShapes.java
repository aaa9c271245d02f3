import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_full;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * OpenBLAS's cblas_sgemm against oneDNN's dnnl_sgemm, straight through bytedeco (not through
 * tikhonov's Blas), at the products one thread of the MLP's data-parallel step computes
 * (docs/performance-log.md, "Issue 13, fifth session"):
 *   single     each shape on one thread, best of 5 rounds of R calls, µs per call and GFLOP/s
 *   pair [omp] two Java threads at once, each running all eight shapes R times (wall µs per
 *              round of eight); with "omp" each thread first sets its OpenMP team to 1
 *   large T    square and tall products on T threads (both libraries at T)
 *   javac -cp cli/target/tikhonov.jar -d /tmp/scr bench/scratch/OneDnnShapes.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 \
 *     java -cp /tmp/scr:cli/target/tikhonov.jar OneDnnShapes single 3000
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
 *     java -cp /tmp/scr:cli/target/tikhonov.jar OneDnnShapes pair 3000 [omp]
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
 *     java -cp /tmp/scr:cli/target/tikhonov.jar OneDnnShapes large 2
 * AVX2 only on both sides: OPENBLAS_CORETYPE=Haswell ONEDNN_MAX_CPU_ISA=AVX2.
 */
public class OneDnnShapes {
  /** name, op(A), op(B), m, n, k (row-major): forward, weight-gradient and input-gradient. */
  static final Object[][] SHAPES = {
    {"fwd1", 'N', 'N', 64, 256, 784}, {"fwd2", 'N', 'N', 64, 128, 256},
    {"fwd3", 'N', 'N', 64, 10, 128}, {"wg1", 'T', 'N', 392, 256, 128},
    {"wg2", 'T', 'N', 128, 128, 128}, {"wg3", 'T', 'N', 64, 10, 128},
    {"ig2", 'N', 'T', 64, 256, 128}, {"ig3", 'N', 'T', 64, 128, 10},
  };

  /** omp_set_num_threads through bytedeco's function pointer for void (*)(int). */
  static final class SetThreads extends openblas_nolapack.SetNumThreads {
    SetThreads() {
      super();
      put(Loader.addressof("omp_set_num_threads"));
    }
  }

  static FloatBuffer buffer(int n, Random r) {
    FloatBuffer b = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    for (int i = 0; i < n; i++) {
      b.put(i, (float) r.nextGaussian());
    }
    return b;
  }

  static void product(boolean dnnlSide, char ta, char tb, int m, int n, int k, FloatBuffer a,
      FloatBuffer b, FloatBuffer c) {
    int lda = ta == 'N' ? k : m;
    int ldb = tb == 'N' ? n : k;
    if (dnnlSide) {
      dnnl.dnnl_sgemm((byte) ta, (byte) tb, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
    } else {
      openblas.cblas_sgemm(openblas.CblasRowMajor,
          ta == 'N' ? openblas.CblasNoTrans : openblas.CblasTrans,
          tb == 'N' ? openblas.CblasNoTrans : openblas.CblasTrans,
          m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
    }
  }

  public static void main(String[] args) throws Exception {
    Loader.load(dnnl.class);
    String mode = args[0];
    if (mode.equals("large")) {
      large(Integer.parseInt(args[1]));
      return;
    }
    openblas_full.openblas_set_num_threads(1);
    int reps = Integer.parseInt(args[1]);
    System.out.println("OpenBLAS core " + openblas_full.openblas_get_corename().getString());
    if (mode.equals("single")) {
      single(reps);
    } else {
      pair(reps, args.length > 2 && args[2].equals("omp"));
    }
  }

  static void single(int reps) {
    Random r = new Random(1);
    double sumBlas = 0;
    double sumDnnl = 0;
    for (Object[] s : SHAPES) {
      char ta = (Character) s[1];
      char tb = (Character) s[2];
      int m = (Integer) s[3];
      int n = (Integer) s[4];
      int k = (Integer) s[5];
      FloatBuffer a = buffer(m * k, r);
      FloatBuffer b = buffer(k * n, r);
      FloatBuffer c = buffer(m * n, r);
      double bestBlas = Double.MAX_VALUE;
      double bestDnnl = Double.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          product(false, ta, tb, m, n, k, a, b, c);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          product(true, ta, tb, m, n, k, a, b, c);
        }
        long t2 = System.nanoTime();
        bestBlas = Math.min(bestBlas, (t1 - t0) / 1e3 / reps);
        bestDnnl = Math.min(bestDnnl, (t2 - t1) / 1e3 / reps);
      }
      double mflop = 2.0 * m * n * k / 1e3;
      System.out.printf("%-5s %c%c m=%4d n=%4d k=%4d  OpenBLAS %7.2f µs (%5.1f GFLOP/s)"
          + "  oneDNN %7.2f µs (%5.1f GFLOP/s)  oneDNN/OpenBLAS %.2f%n", s[0], ta, tb, m, n, k,
          bestBlas, mflop / bestBlas, bestDnnl, mflop / bestDnnl, bestDnnl / bestBlas);
      sumBlas += bestBlas;
      sumDnnl += bestDnnl;
    }
    System.out.printf("all eight: OpenBLAS %.1f µs, oneDNN %.1f µs, ratio %.2f%n", sumBlas,
        sumDnnl, sumDnnl / sumBlas);
  }

  static void pair(int reps, boolean omp) throws Exception {
    for (String side : new String[] {"OpenBLAS", "oneDNN", "OpenBLAS", "oneDNN"}) {
      boolean dnnlSide = side.equals("oneDNN");
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Future<?>[] done = new Future<?>[2];
      long t0 = System.nanoTime();
      for (int t = 0; t < 2; t++) {
        done[t] = pool.submit(() -> {
          if (omp && dnnlSide) {
            new SetThreads().call(1);
          }
          Random r = new Random(1);
          FloatBuffer[][] ops = new FloatBuffer[SHAPES.length][];
          for (int s = 0; s < SHAPES.length; s++) {
            int m = (Integer) SHAPES[s][3];
            int n = (Integer) SHAPES[s][4];
            int k = (Integer) SHAPES[s][5];
            ops[s] = new FloatBuffer[] {buffer(m * k, r), buffer(k * n, r), buffer(m * n, r)};
          }
          start.await();
          for (int i = 0; i < reps; i++) {
            for (int s = 0; s < SHAPES.length; s++) {
              product(dnnlSide, (Character) SHAPES[s][1], (Character) SHAPES[s][2],
                  (Integer) SHAPES[s][3], (Integer) SHAPES[s][4], (Integer) SHAPES[s][5],
                  ops[s][0], ops[s][1], ops[s][2]);
            }
          }
          return null;
        });
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      System.out.printf("%-8s two threads at once%s: %.1f µs per round of eight%n", side,
          omp && dnnlSide ? " (OpenMP team of 1 each)" : "",
          (System.nanoTime() - t0) / 1e3 / reps);
    }
  }

  static void large(int threads) {
    openblas_full.openblas_set_num_threads(threads);
    new SetThreads().call(threads);
    Random r = new Random(1);
    int[][] shapes = {{512, 512, 512}, {1024, 1024, 1024}, {2048, 2048, 2048},
        {10000, 256, 784}, {128, 256, 784}, {128, 128, 256}};
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      FloatBuffer a = buffer(m * k, r);
      FloatBuffer b = buffer(k * n, r);
      FloatBuffer c = buffer(m * n, r);
      double flop = 2.0 * m * n * k;
      int reps = (int) Math.max(3, 2e10 / flop);
      double bestBlas = Double.MAX_VALUE;
      double bestDnnl = Double.MAX_VALUE;
      for (int round = 0; round < 4; round++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          product(false, 'N', 'N', m, n, k, a, b, c);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          product(true, 'N', 'N', m, n, k, a, b, c);
        }
        long t2 = System.nanoTime();
        bestBlas = Math.min(bestBlas, (t1 - t0) / (double) reps);
        bestDnnl = Math.min(bestDnnl, (t2 - t1) / (double) reps);
      }
      System.out.printf("%d threads %5dx%5dx%5d  OpenBLAS %6.1f GFLOP/s  oneDNN %6.1f GFLOP/s%n",
          threads, m, n, k, flop / bestBlas, flop / bestDnnl);
    }
  }
}
