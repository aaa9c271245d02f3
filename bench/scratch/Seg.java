/**
 * The fused momentum update over direct buffers (FusedSgd's copy-loop-copy form), one thread,
 * in cache: one half of a 784×256 weight as one run of rows, against the same elements as 784
 * column segments of 128 floats (one call each, eight per copy, or element access). Prints µs
 * per step (docs/performance-log.md, issue 13's sixth session: why cutting the first layer by
 * columns did not pay):
 *   javac -cp cli/target/tikhonov.jar -d /tmp/seg bench/scratch/Seg.java bench/scratch/OptimizerPass.java
 *   java -cp /tmp/seg:cli/target/tikhonov.jar Seg
 */
import java.nio.*;
public class Seg {
  static FloatBuffer buf(int n) { return ByteBuffer.allocateDirect(n * 4 + 64).order(ByteOrder.nativeOrder()).asFloatBuffer(); }
  static final int CHUNK = 1024;
  static float[][] scratch = new float[3][CHUNK];
  /** The update of elements [from, to): OptimizerPass's copy of FusedSgd's loop. */
  static void update(FloatBuffer gradient, FloatBuffer value, FloatBuffer velocity, int from, int to, float mu, float rate) {
    OptimizerPass.java(gradient, value, velocity, from, to, mu, rate);
  }
  static void scalar(FloatBuffer gradient, FloatBuffer value, FloatBuffer velocity, int from, int to, float mu, float rate) {
    for (int i = from; i < to; i++) {
      float bj = mu * velocity.get(i) + gradient.get(i);
      velocity.put(i, bj);
      value.put(i, value.get(i) + rate * bj);
    }
  }
  static void grouped(FloatBuffer gradient, FloatBuffer value, FloatBuffer velocity, int rows, int cols, int c0, int c1, float mu, float rate) {
    float[] g = scratch[0], w = scratch[1], b = scratch[2];
    int seg = c1 - c0;
    int per = Math.max(1, CHUNK / seg);
    for (int r0 = 0; r0 < rows; r0 += per) {
      int r1 = Math.min(rows, r0 + per);
      int len = 0;
      for (int r = r0; r < r1; r++, len += seg) {
        gradient.get(r * cols + c0, g, len, seg);
        value.get(r * cols + c0, w, len, seg);
        velocity.get(r * cols + c0, b, len, seg);
      }
      for (int j = 0; j < len; j++) { float bj = mu * b[j] + g[j]; b[j] = bj; g[j] = bj; }
      for (int j = 0; j < len; j++) w[j] = w[j] + rate * g[j];
      len = 0;
      for (int r = r0; r < r1; r++, len += seg) {
        velocity.put(r * cols + c0, b, len, seg);
        value.put(r * cols + c0, w, len, seg);
      }
    }
  }
  public static void main(String[] a) {
    int R = 784, C = 256;
    FloatBuffer g = buf(R * C), w = buf(R * C), v = buf(R * C);
    for (int round = 0; round < 8; round++) {
      long t0 = System.nanoTime();
      for (int s = 0; s < 2000; s++) update(g, w, v, 0, R * C / 2, 0.9f, -0.05f);
      long t1 = System.nanoTime();
      for (int s = 0; s < 2000; s++) for (int r = 0; r < R; r++) update(g, w, v, r * C, r * C + C / 2, 0.9f, -0.05f);
      long t2 = System.nanoTime();
      for (int s = 0; s < 2000; s++) for (int r = 0; r < R; r++) scalar(g, w, v, r * C, r * C + C / 2, 0.9f, -0.05f);
      long t3 = System.nanoTime();
      for (int s = 0; s < 2000; s++) grouped(g, w, v, R, C, 0, C / 2, 0.9f, -0.05f);
      long t4 = System.nanoTime();
      System.out.printf("rows: %.1f us/step, column segments: %.1f, scalar %.1f, grouped %.1f%n", (t1 - t0) / 2e6, (t2 - t1) / 2e6, (t3 - t2) / 2e6, (t4 - t3) / 2e6);
    }
  }
}
