/**
 * The shipped route, checked for the race that oneDNN's matmul primitive showed
 * (MatmulRisks.java): two lanes call Blas.gemm (oneDNN's dnnl_sgemm) at once, 5,000 times each
 * at each of the step's shapes, and every result is compared with the bits of one thread alone
 * (docs/performance-log.md, issue 13's sixth session):
 *   javac -cp cli/target/tikhonov.jar -d /tmp/st bench/scratch/SgemmRace.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -cp /tmp/st:cli/target/tikhonov.jar SgemmRace
 */
import dev.tikhonov.tensor.*;
public class SgemmRace {
  public static void main(String[] a) throws Exception {
    Blas.setThreads(2);
    java.util.Random g = new java.util.Random(3);
    int[][] shapes = {{64, 784, 256}, {64, 256, 128}, {128, 64, 10}, {392, 128, 256}};
    for (int[] s : shapes) {
      int m = s[0], k = s[1], n = s[2];
      Matrix[] xs = new Matrix[2], outs = new Matrix[2], refs = new Matrix[2];
      Matrix w = Matrix.zeros(k, n); for (int i = 0; i < w.size(); i++) w.put(i, (float) g.nextGaussian());
      for (int t = 0; t < 2; t++) {
        xs[t] = Matrix.zeros(m, k); for (int i = 0; i < xs[t].size(); i++) xs[t].put(i, (float) g.nextGaussian());
        outs[t] = Matrix.zeros(m, n); refs[t] = Matrix.zeros(m, n);
        int me = t;
        Blas.inLane(() -> { Blas.gemm(Transpose.NO, Transpose.NO, 1f, xs[me], w, 0f, refs[me]); return null; });
      }
      int[] bad = new int[2];
      Thread[] th = new Thread[2];
      for (int t = 0; t < 2; t++) {
        int me = t;
        th[t] = new Thread(() -> Blas.inLane(() -> {
          for (int c = 0; c < 5000; c++) {
            Blas.gemm(Transpose.NO, Transpose.NO, 1f, xs[me], w, 0f, outs[me]);
            for (int i = 0; i < outs[me].size(); i++) if (Float.floatToRawIntBits(outs[me].at(i)) != Float.floatToRawIntBits(refs[me].at(i))) { bad[me]++; break; }
          }
          return null;
        }));
        th[t].start();
      }
      for (Thread t : th) t.join();
      System.out.printf("%dx%d·%dx%d: concurrent calls that differed from one thread's bits: %d, %d of 5000 (%s)%n", m, k, k, n, bad[0], bad[1], Blas.describeSingleThreadedSgemm());
    }
  }
}
