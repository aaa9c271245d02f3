import java.nio.*;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_full;
/**
 * The fused SGD-with-momentum pass of one thread's half of the 784-256-128-10 MLP's parameters
 * (FusedSgd's loop: chunks copied into Java arrays, b = μb + g, w += rate·b), 469 steps (one
 * Fashion-MNIST epoch), against the same update as two BLAS calls (saxpby, then saxpy) on 4 Ki,
 * 16 Ki or whole-parameter slices. Hot caches: nothing else runs between the steps, unlike in
 * the training step (docs/performance-log.md, "Issue 13, fifth session").
 *   javac -cp cli/target/tikhonov.jar -d /tmp/scr bench/scratch/OptimizerPass.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
 *     java -cp /tmp/scr:cli/target/tikhonov.jar OptimizerPass
 */
public class OptimizerPass {
  static FloatBuffer buf(int n){ FloatBuffer b=ByteBuffer.allocateDirect(n*4).order(ByteOrder.nativeOrder()).asFloatBuffer(); for(int i=0;i<n;i++) b.put(i,(float)Math.sin(i)); return b; }
  static final int CHUNK=1024;
  static float[] g=new float[CHUNK], w=new float[CHUNK], b=new float[CHUNK];
  static void java(FloatBuffer gradient, FloatBuffer value, FloatBuffer velocity, int from, int to, float mu, float rate) {
    for (int start = from; start < to; start += CHUNK) {
      int len = Math.min(CHUNK, to - start);
      gradient.get(start, g, 0, len);
      value.get(start, w, 0, len);
      velocity.get(start, b, 0, len);
      for (int j = 0; j < len; j++) { float bj = mu * b[j] + g[j]; b[j] = bj; g[j] = bj; }
      velocity.put(start, b, 0, len);
      for (int j = 0; j < len; j++) w[j] = w[j] + rate * g[j];
      value.put(start, w, 0, len);
    }
  }
  static void blas(FloatBuffer gradient, FloatBuffer value, FloatBuffer velocity, int from, int to, float mu, float rate, int chunk) {
    for (int start = from; start < to; start += chunk) {
      int len = Math.min(chunk, to - start);
      FloatBuffer gs = gradient.slice(start, len), ws = value.slice(start, len), bs = velocity.slice(start, len);
      openblas_full.cblas_saxpby(len, 1f, gs, 1, mu, bs, 1);
      openblas.cblas_saxpy(len, rate, bs, 1, ws, 1);
    }
  }
  public static void main(String[] a) {
    openblas_full.openblas_set_num_threads(1);
    int[] sizes = {784*256, 256, 256*128, 128, 128*10, 10};
    int n = 0; for (int s : sizes) n += s;
    FloatBuffer G = buf(n), W = buf(n), B = buf(n);
    int steps = 469;
    for (int round = 0; round < 6; round++) {
      for (String mode : new String[]{"java","blas4k","blas16k","blasall"}) {
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          int off = 0;
          for (int size : sizes) {
            int from = off, to = off + size / 2; // half: one thread's part
            switch (mode) {
              case "java": java(G, W, B, from, to, 0.9f, -1e-6f); break;
              case "blas4k": blas(G, W, B, from, to, 0.9f, -1e-6f, 4096); break;
              case "blas16k": blas(G, W, B, from, to, 0.9f, -1e-6f, 16384); break;
              default: blas(G, W, B, from, to, 0.9f, -1e-6f, 1 << 30);
            }
            off += size;
          }
        }
        if (round >= 3) System.out.printf("%-8s %.1f ms per epoch-part%n", mode, (System.nanoTime() - t0) / 1e6);
      }
    }
  }
}
