/**
 * Memory bandwidth of one core by working set: y ← 0.9·y + x over two float arrays of each
 * size, read 2 + write 1 floats per element (docs/performance-log.md, issue 13's seventh session:
 * the optimizer's pass in the step runs far below these rates, so bandwidth is not its limit).
 * Run two at once to see whether the cores share it:
 *   javac -d /tmp/bw bench/scratch/Bandwidth.java && java -cp /tmp/bw Bandwidth
 */
public class Bandwidth {
  public static void main(String[] a) {
    for (int kb : new int[] {128, 256, 512, 768, 1024, 1536, 2048, 4096, 8192, 16384, 32768,
        131072}) {
      int n = kb * 256;
      float[] x = new float[n];
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        x[i] = i;
        y[i] = 1;
      }
      long bytes = 0;
      long t0 = 0;
      int reps = Math.max(4, (int) (2_000_000_000L / (n * 8L)));
      for (int r = 0; r < reps * 2; r++) {
        if (r == reps) {
          t0 = System.nanoTime();
          bytes = 0;
        }
        for (int i = 0; i < n; i++) {
          y[i] = 0.9f * y[i] + x[i];
        }
        bytes += n * 12L;
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%7d KB x2 arrays: %.1f GB/s (read+write)%n", kb, bytes / s / 1e9);
    }
  }
}
