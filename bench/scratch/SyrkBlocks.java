/**
 * The Gram matrix of the peers' path problem (10,000×1,000 doubles) by two-thread dsyrk calls
 * over blocks of B rows, B = 256 … 10,000: whether the statistics' 524-row blocks cost the
 * product anything (docs/performance-log.md, issue 13's twelfth session):
 *   javac -cp cli/target/tikhonov.jar -d /tmp/sb bench/scratch/SyrkBlocks.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -cp /tmp/sb:cli/target/tikhonov.jar SyrkBlocks
 */
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
public class SyrkBlocks {
  static int n = 10000, p = 1000;
  public static void main(String[] a) throws Exception {
    DoublePointer x = new DoublePointer((long) n * p);
    java.util.Random r = new java.util.Random(1);
    for (long i = 0; i < (long) n * p; i++) x.put(i, r.nextGaussian());
    DoublePointer s = new DoublePointer((long) p * p);
    dev.tikhonov.tensor.Blas.setThreads(2);
    int[] blocks = {256, 524, 1048, 2096, 5000, 10000};
    for (int round = 0; round < 5; round++) {
      StringBuilder sb = new StringBuilder();
      for (int block : blocks) {
        long t0 = System.nanoTime();
        for (int r0 = 0; r0 < n; r0 += block) {
          int rows = Math.min(block, n - r0);
          openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasNoTrans,
              p, rows, 1.0, new DoublePointer(x).position((long) r0 * p), p, r0 == 0 ? 0.0 : 1.0, s, p);
        }
        sb.append(String.format("%d:%.0f ", block, (System.nanoTime() - t0) / 1e6));
      }
      System.out.println("dsyrk ms by block rows " + sb);
    }
  }
}
