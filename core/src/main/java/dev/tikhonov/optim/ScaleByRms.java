package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * RMSprop's rescaling as in PyTorch's {@code RMSprop(alpha=ρ, centered=False)} (optax
 * {@code scale_by_rms} with {@code eps_in_sqrt=False}, initial v = 0):
 *
 * <pre>  v ← ρ·v + (1−ρ)·u²;   u ← u / (√v + ε)</pre>
 *
 * <p>Arithmetic in float32 over 1,024-float chunks, as {@link ScaleByAdam} (and PyTorch)
 * does; v's subnormal entries are set to zero at every 16th step, as Adam's are. Buffers:
 * {@code "rms.v/i"}.
 */
record ScaleByRms(double decay, double epsilon) implements GradientTransform {
  private static final int CHUNK = 1024;

  ScaleByRms {
    StateBuffers.requireUnitInterval("decay", decay);
    StateBuffers.requirePositive("epsilon", epsilon);
  }

  @Override
  public TransformState init(List<Parameter> parameters) {
    Matrix[] squares = StateBuffers.zerosLike(parameters);
    Map<String, Matrix> buffers = StateBuffers.named("rms.v", squares);
    return new TransformState() {
      private final float[] vChunk = new float[CHUNK];
      private final float[] uChunk = new float[CHUNK];

      @Override
      public void update(List<Parameter> parameters, long step, List<Matrix> out) {
        float rho = (float) decay;
        float c = (float) (1 - decay);
        float eps = (float) epsilon;
        boolean flush = StateBuffers.flushesAt(step);
        for (int i = 0; i < squares.length; i++) {
          FloatBuffer v = squares[i].buffer();
          FloatBuffer u = out.get(i).buffer();
          for (int from = 0, n = squares[i].size(); from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            v.get(from, vChunk, 0, len);
            u.get(from, uChunk, 0, len);
            chunk(vChunk, uChunk, len, rho, c, eps, flush);
            v.put(from, vChunk, 0, len);
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
   * Elements {@code j < len} of the class comment's update in float32, v's subnormals set to
   * zero before u is formed when {@code flush}: the one kernel of this transform and of its
   * fused form ({@code FusedAdaptive}).
   */
  static void chunk(float[] v, float[] u, int len, float rho, float c, float eps,
      boolean flush) {
    if (flush) {
      for (int j = 0; j < len; j++) {
        float g = u[j];
        v[j] = rho * v[j] + c * (g * g);
      }
      StateBuffers.flushSubnormals(v, len);
      for (int j = 0; j < len; j++) {
        u[j] = u[j] / ((float) Math.sqrt(v[j]) + eps);
      }
      return;
    }
    for (int j = 0; j < len; j++) {
      float g = u[j];
      float vj = rho * v[j] + c * (g * g);
      v[j] = vj;
      u[j] = g / ((float) Math.sqrt(vj) + eps);
    }
  }
}
