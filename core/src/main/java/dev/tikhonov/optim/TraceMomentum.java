package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * Heavy-ball momentum as in PyTorch's SGD with dampening 0 (optax {@code trace}):
 *
 * <pre>  b ← μ·b + u;   u ← u + μ·b (Nesterov)   or   u ← b</pre>
 *
 * <p>At every 16th step (t ≡ 0 mod 16) the entries of b below 2⁻¹²⁶ in magnitude (subnormal
 * floats) are set to zero after b's update and before u is formed: a momentum that decays
 * through the subnormals makes every multiplication that reads it slow on Intel processors
 * ({@code StateBuffers.flushesAt} has the measurement), and the values dropped are far below
 * any float weight's resolution.
 *
 * <p>PyTorch sets {@code b = u} on the first step; starting from {@code b = 0} gives the same
 * value ({@code μ·0 + u}), so no first-step special case is needed, and a state restored from
 * a checkpoint continues exactly. Buffers: {@code "momentum/i"}.
 */
record TraceMomentum(double momentum, boolean nesterov) implements GradientTransform {
  TraceMomentum {
    StateBuffers.requireUnitInterval("momentum", momentum);
  }

  @Override
  public TransformState init(List<Parameter> parameters) {
    Matrix[] trace = StateBuffers.zerosLike(parameters);
    Map<String, Matrix> buffers = StateBuffers.named("momentum", trace);
    float mu = (float) momentum;
    return new TransformState() {
      private static final int CHUNK = 1024;
      private final float[] bChunk = new float[CHUNK];
      private final float[] uChunk = new float[CHUNK];

      @Override
      public void update(List<Parameter> parameters, long step, List<Matrix> out) {
        // Chunks through float[]: loops over a direct FloatBuffer do not vectorize on Java 17,
        // loops over arrays do, and the bulk copies cost less than they save (~3× here).
        boolean flush = StateBuffers.flushesAt(step);
        for (int i = 0; i < trace.length; i++) {
          FloatBuffer b = trace[i].buffer();
          FloatBuffer u = out.get(i).buffer();
          for (int from = 0, n = trace[i].size(); from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            b.get(from, bChunk, 0, len);
            u.get(from, uChunk, 0, len);
            chunk(bChunk, uChunk, len, mu, nesterov, flush);
            b.put(from, bChunk, 0, len);
            u.put(from, uChunk, 0, len);
          }
        }
      }

      @Override
      public Map<String, Matrix> buffers() {
        return buffers;
      }
    };
  }

  /**
   * Elements {@code j < len} of the class comment's update: {@code b ← μ·b + u}, with b's
   * subnormals set to zero when {@code flush}, then {@code u ← b} (Nesterov:
   * {@code u ← u + μ·b}). The one kernel of this transform and of its fused form
   * ({@code FusedSgd}), so the two agree bit for bit.
   */
  static void chunk(float[] b, float[] u, int len, float mu, boolean nesterov, boolean flush) {
    if (flush) {
      // b first, cleaned, then u from it; the loops below do both at once
      for (int j = 0; j < len; j++) {
        b[j] = mu * b[j] + u[j];
      }
      StateBuffers.flushSubnormals(b, len);
      for (int j = 0; j < len; j++) {
        u[j] = nesterov ? u[j] + mu * b[j] : b[j];
      }
    } else if (nesterov) {
      for (int j = 0; j < len; j++) {
        float bj = mu * b[j] + u[j];
        b[j] = bj;
        u[j] = u[j] + mu * bj;
      }
    } else {
      for (int j = 0; j < len; j++) {
        float bj = mu * b[j] + u[j];
        b[j] = bj;
        u[j] = bj;
      }
    }
  }
}
