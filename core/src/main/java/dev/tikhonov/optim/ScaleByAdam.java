package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * Adam's rescaling as in PyTorch's {@code Adam} (optax {@code scale_by_adam}), at step t:
 *
 * <pre>
 *   m ← β₁·m + (1−β₁)·u        v ← β₂·v + (1−β₂)·u²
 *   u ← (m / (1−β₁ᵗ)) / (√v / √(1−β₂ᵗ) + ε)
 * </pre>
 *
 * <p>ε is added to the bias-corrected √v̂, as PyTorch does. Arithmetic in float32, as
 * PyTorch's, with the step's factors 1−β₁, 1−β₂, 1/(1−β₁ᵗ) and 1/√(1−β₂ᵗ) computed in double and
 * rounded once; the elements go through 1,024-float chunks, whose loops the JIT vectorizes.
 * Why not double: per element in double through the buffers it cost 6-14 ns, which made the
 * optimizer 1.4-1.8 s of a Fashion-MNIST MLP epoch (235,146 parameters, 469 steps); the float
 * chunks take 0.7 ns. At every 16th step the subnormal entries of m and v are set to zero after
 * their update and before u is formed, as the SGD momentum's are ({@code StateBuffers.flushesAt}):
 * m decays as β₁ᵗ through the subnormals where a weight's gradient stays zero, and in float
 * every multiplication that reads one is slow on Intel processors. Buffers:
 * {@code "adam.m/i"}, {@code "adam.v/i"}.
 */
record ScaleByAdam(double beta1, double beta2, double epsilon) implements GradientTransform {
  private static final int CHUNK = 1024;

  ScaleByAdam {
    StateBuffers.requireUnitInterval("beta1", beta1);
    StateBuffers.requireUnitInterval("beta2", beta2);
    StateBuffers.requirePositive("epsilon", epsilon);
  }

  @Override
  public TransformState init(List<Parameter> parameters) {
    Matrix[] first = StateBuffers.zerosLike(parameters);
    Matrix[] second = StateBuffers.zerosLike(parameters);
    Map<String, Matrix> buffers = StateBuffers.named("adam.m", first, "adam.v", second);
    return new TransformState() {
      private final float[] mChunk = new float[CHUNK];
      private final float[] vChunk = new float[CHUNK];
      private final float[] uChunk = new float[CHUNK];

      @Override
      public void update(List<Parameter> parameters, long step, List<Matrix> out) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float ic1 = inverseCorrection1(beta1, step);
        float isc2 = inverseSqrtCorrection2(beta2, step);
        float eps = (float) epsilon;
        boolean flush = StateBuffers.flushesAt(step);
        for (int i = 0; i < first.length; i++) {
          FloatBuffer m = first[i].buffer();
          FloatBuffer v = second[i].buffer();
          FloatBuffer u = out.get(i).buffer();
          for (int from = 0, n = first[i].size(); from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            m.get(from, mChunk, 0, len);
            v.get(from, vChunk, 0, len);
            u.get(from, uChunk, 0, len);
            chunk(mChunk, vChunk, uChunk, len, b1, c1, b2, c2, ic1, isc2, eps, flush);
            m.put(from, mChunk, 0, len);
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
   * The reciprocal of the bias correction 1−β₁ᵗ, computed in double and rounded once (the
   * element loop then has one division and one square root).
   */
  static float inverseCorrection1(double beta1, long step) {
    return (float) (1 / (1 - Math.pow(beta1, step)));
  }

  /** The reciprocal of √(1−β₂ᵗ), computed in double and rounded once. */
  static float inverseSqrtCorrection2(double beta2, long step) {
    return (float) (1 / Math.sqrt(1 - Math.pow(beta2, step)));
  }

  /**
   * Elements {@code j < len} of the class comment's update, in float32: m and v from the
   * incoming u, then u from them; with {@code flush}, m's and v's subnormals are set to zero
   * before u is formed. The one kernel of this transform and of its fused form
   * ({@code FusedAdaptive}), so the two agree bit for bit.
   */
  static void chunk(float[] m, float[] v, float[] u, int len, float b1, float c1, float b2,
      float c2, float ic1, float isc2, float eps, boolean flush) {
    if (flush) {
      for (int j = 0; j < len; j++) {
        float g = u[j];
        m[j] = b1 * m[j] + c1 * g;
        v[j] = b2 * v[j] + c2 * (g * g);
      }
      StateBuffers.flushSubnormals(m, len);
      StateBuffers.flushSubnormals(v, len);
      for (int j = 0; j < len; j++) {
        u[j] = m[j] * ic1 / ((float) Math.sqrt(v[j]) * isc2 + eps);
      }
      return;
    }
    for (int j = 0; j < len; j++) {
      float g = u[j];
      float mj = b1 * m[j] + c1 * g;
      float vj = b2 * v[j] + c2 * (g * g);
      m[j] = mj;
      v[j] = vj;
      u[j] = mj * ic1 / ((float) Math.sqrt(vj) * isc2 + eps);
    }
  }
}
