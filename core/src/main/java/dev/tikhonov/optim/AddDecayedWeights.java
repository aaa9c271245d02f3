package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * {@code u ← u + d·w} (optax {@code add_decayed_weights}), with w the parameter's current value.
 * Where it sits in a chain decides what it means: before the optimizer's rescaling it is coupled
 * L2, right before {@link ScaleByLearningRate} it is decoupled weight decay. Stateless.
 */
record AddDecayedWeights(double weightDecay) implements GradientTransform {
  AddDecayedWeights {
    StateBuffers.requireNonNegative("weight decay", weightDecay);
  }

  private static final int CHUNK = 1024;
  /** Per-thread scratch: [weights chunk, update chunk]. */
  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[2][CHUNK]);

  @Override
  public TransformState init(List<Parameter> parameters) {
    float d = (float) weightDecay;
    return (params, step, out) -> {
      float[][] scratch = SCRATCH.get();
      float[] wc = scratch[0];
      float[] uc = scratch[1];
      for (int i = 0, n = out.size(); i < n; i++) {
        // numpy: out[i] += d * params[i].value, rounded after the product and after the sum
        // (a Java loop, not BLAS saxpy, whose kernels may fuse the two into one FMA: the
        // arithmetic is then the same on every machine, and FusedSgd can repeat it exactly)
        FloatBuffer w = params.get(i).value().buffer();
        FloatBuffer u = out.get(i).buffer();
        for (int from = 0, size = out.get(i).size(); from < size; from += CHUNK) {
          int len = Math.min(CHUNK, size - from);
          w.get(from, wc, 0, len);
          u.get(from, uc, 0, len);
          for (int j = 0; j < len; j++) {
            uc[j] = uc[j] + d * wc[j];
          }
          u.put(from, uc, 0, len);
        }
      }
    };
  }
}
