package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import dev.tikhonov.tensor.Blas;
import java.lang.management.ManagementFactory;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

/**
 * Thread CPU and wall seconds of the gaussian lasso path (glmnet's default λ sequence,
 * standardize off) by how its gradients are kept, one BLAS thread: AUTOMATIC (the Gram route for
 * n ≥ p, p ≤ 4096), COVARIANCE, NAIVE (docs/performance-log.md, "Issue 13, third session"). It
 * forces ElasticNetPath.Updates, which is package-private, so it is compiled into that package:
 *   javac -cp cli/target/tikhonov.jar -d /tmp/route-ab bench/scratch/RouteAB.java
 *   java -cp /tmp/route-ab:cli/target/tikhonov.jar dev.tikhonov.linear.RouteAB DIR AUTOMATIC,NAIVE
 * DIR holds X.f64, y.f64 and meta.json (bench/peers/make_scaling_data.py --n 10000 --p 4000).
 */
public class RouteAB {
  static double[] read(Path f) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    double[] d = new double[b.remaining() / 8]; b.asDoubleBuffer().get(d); return d;
  }
  /** The rows of DIR/X.f64 (row-major float64, as many rows as DIR/y.f64 has values). */
  static double[][] rows(Path dir, int n) throws Exception {
    double[] flat = read(dir.resolve("X.f64")); int p = flat.length / n;
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) System.arraycopy(flat, i * p, x[i], 0, p);
    return x;
  }
  public static void main(String[] a) throws Exception {
    Blas.setThreads(1);
    Path dir = Path.of(a[0]);
    double[] y = read(dir.resolve("y.f64")); int n = y.length;
    double[][] x = rows(dir, n); int p = x[0].length;
    List<String> names = new ArrayList<>(); for (int j = 0; j < p; j++) names.add("x" + j);
    PathSettings s = PathSettings.of(1.0).withStandardize(false);
    int[] all = StandardizedDesign.allRows(n);
    var cpu = ManagementFactory.getThreadMXBean();
    for (String route : a[1].split(",")) {
      ElasticNetPath.Updates u = ElasticNetPath.Updates.valueOf(route);
      long c = cpu.getCurrentThreadCpuTime(), t = System.nanoTime();
      PathSolution path = ElasticNetPath.fit(Family.GAUSSIAN, x, y, all, Observations.none(), s, names, List.of(), u);
      int passes = 0; for (int k : path.passes()) passes += k;
      System.out.printf("n %d p %d %-10s wall %.2f s  thread cpu %.2f s  passes %d  size %d  df_last %d%n", n, p, route,
          (System.nanoTime() - t) / 1e9, (cpu.getCurrentThreadCpuTime() - c) / 1e9, passes, path.size(), path.degreesOfFreedom()[path.size() - 1]);
    }
  }
}
