/**
 * What one read of the peers' X (10,000 rows of 1,000 doubles, 80 MB) costs in Java: column sums
 * over a flat array, over double[][] rows, and over the rows split between two threads; then
 * the statistics' pass-1 row (sum and spread) and pass-2 row (deviation, residual, copy into a
 * direct buffer) (docs/performance-log.md, issue 13's twelfth session: both passes are bound by
 * the read, about 12 GB/s here, and a second thread adds little):
 *   javac -d /tmp/rs bench/scratch/RowSums.java && java -cp /tmp/rs RowSums
 */
public class RowSums {
  static void sumOnly(double[] xi, int off, double[] sum) {
    int p = sum.length;
    for (int j = 0; j < p; j++) { sum[j] += xi[off + j]; }
  }
  static void addRow(double[] xi, double[] first, double[] sum, double[] spread) {
    int p = sum.length;
    for (int j = 0; j < p; j++) { double v = xi[j]; sum[j] += v; spread[j] += Math.abs(v - first[j]); }
  }
  static void deviationRow(double[] xi, double[] mean, double[] dev, double[] res,
      java.nio.DoubleBuffer b, int off) {
    int p = mean.length;
    for (int j = 0; j < p; j++) { double d = xi[j] - mean[j]; dev[j] = d; res[j] += d; }
    b.put(off, dev, 0, p);
  }
  public static void main(String[] a) throws Exception {
    int n = 10000, p = 1000;
    double[] flat = new double[n * p];
    double[][] x = new double[n][p];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < n * p; i++) flat[i] = r.nextGaussian();
    for (int i = 0; i < n; i++) System.arraycopy(flat, i * p, x[i], 0, p);
    double[] sum = new double[p], sum2 = new double[p], spread = new double[p];
    double[] dev = new double[p], res = new double[p];
    java.nio.DoubleBuffer b = java.nio.ByteBuffer.allocateDirect(8 * 524 * p)
        .order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer();
    for (int rep = 0; rep < 12; rep++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) sumOnly(flat, i * p, sum);
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) sumOnly(x[i], 0, sum);
      long t2 = System.nanoTime();
      Thread th = new Thread(() -> { for (int i = n / 2; i < n; i++) sumOnly(x[i], 0, sum2); });
      th.start();
      for (int i = 0; i < n / 2; i++) sumOnly(x[i], 0, sum);
      th.join();
      long t3 = System.nanoTime();
      for (int i = 0; i < n; i++) addRow(x[i], x[0], sum, spread);
      long t4 = System.nanoTime();
      for (int i = 0; i < n; i++) deviationRow(x[i], sum, dev, res, b, (i % 524) * p);
      long t5 = System.nanoTime();
      if (rep > 8) {
        System.out.printf("sums: flat %.1f ms, rows %.1f ms, rows on 2 threads %.1f ms;"
            + " pass-1 rows %.1f ms, pass-2 rows %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
            (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6);
      }
    }
  }
}
