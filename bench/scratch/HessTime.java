package dev.tikhonov.select;
import dev.tikhonov.tensor.Blas;
/**
 * Wall ms of eight softmax Hessians at the last-layer evidence's size (n = 8,000, q = 128,
 * K = 10), 2 BLAS threads (docs/performance-log.md, fourth session). Package-private classes:
 *   javac -cp cli/target/tikhonov.jar -d /tmp/hess bench/scratch/HessTime.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
 *     java -cp /tmp/hess:cli/target/tikhonov.jar dev.tikhonov.select.HessTime
 */
public class HessTime {
  public static void main(String[] a) {
    Blas.setThreads(2);
    int n = 8000, q = 128, k = 10;
    java.util.Random r = new java.util.Random(3);
    double[] x = new double[n * q];
    int[] y = new int[n];
    for (int i = 0; i < x.length; i++) x[i] = Math.max(0, r.nextGaussian());
    for (int i = 0; i < n; i++) y[i] = r.nextInt(k);
    SoftmaxLayer layer = new SoftmaxLayer(x, n, q, y, k, Logits.SOFTMAX);
    double[] theta = new double[layer.dimension()];
    for (int j = 0; j < theta.length; j++) theta[j] = 0.01 * r.nextGaussian();
    SoftmaxLayer.State s = layer.state(theta);
    double sum = 0;
    for (int rep = 0; rep < 8; rep++) {
      long t0 = System.nanoTime();
      double[] h = layer.hessian(s, 0.1);
      long t1 = System.nanoTime();
      sum += h[12345];
      System.out.printf("hessian %.1f ms%n", (t1 - t0) / 1e6);
    }
    System.out.println(sum);
  }
}
