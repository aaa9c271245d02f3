package dev.tikhonov.linear;
import dev.tikhonov.tensor.Blas;
import java.nio.file.*;
import java.util.List;
/**
 * Ten gaussian lasso paths in one JVM, each split into the two-pass statistics and the path on
 * them, wall ms: how the JIT's warm-up spreads over the first fits (docs/performance-log.md, "The
 * lasso row measures the JIT"). Package-private classes, so it is compiled into their package:
 *   javac -cp cli/target/tikhonov.jar -d /tmp/ramp bench/scratch/Ramp.java bench/scratch/RouteAB.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
 *     java -cp /tmp/ramp:cli/target/tikhonov.jar dev.tikhonov.linear.Ramp /var/tmp/peers-data/synth
 */
public class Ramp {
  public static void main(String[] a) throws Exception {
    Blas.setThreads(2);
    Path dir = Path.of(a[0]);
    double[] y = RouteAB.read(dir.resolve("y.f64")); int n = y.length;
    double[][] x = RouteAB.rows(dir, n); int p = x[0].length;
    int[] rows = new int[n]; for (int i = 0; i < n; i++) rows[i] = i;
    List<String> names = new java.util.ArrayList<>();
    for (int j = 0; j < p; j++) names.add("x" + j);
    PathSettings settings = PathSettings.lasso();
    for (int rep = 0; rep < 10; rep++) {
      long t0 = System.nanoTime();
      GaussianStatistics st = TwoPassStatistics.ofRows(x, y, null, rows);
      long t1 = System.nanoTime();
      PathSolution s = StatisticsPath.fit(st, settings, names);
      long t2 = System.nanoTime();
      System.out.printf("fit %d: statistics %.0f ms, path %.0f ms%n", rep, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }
  }
}
