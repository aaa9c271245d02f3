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
 * <p>ε is added to the bias-corrected √v̂, as PyTorch does. Arithmetic per element in double,
 * stored in float32. Buffers: {@code "adam.m/i"}, {@code "adam.v/i"}.
 */
record ScaleByAdam(double beta1, double beta2, double epsilon) implements GradientTransform {
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
      @Override
      public void update(List<Parameter> parameters, long step, List<Matrix> out) {
        // Reciprocals of the bias corrections 1−β₁ᵗ and √(1−β₂ᵗ), so the element loop has one
        // division and one square root (it runs over every weight of the model each step).
        double inverseCorrection1 = 1 / (1 - Math.pow(beta1, step));
        double inverseSqrtCorrection2 = 1 / Math.sqrt(1 - Math.pow(beta2, step));
        for (int i = 0; i < first.length; i++) {
          FloatBuffer m = first[i].buffer();
          FloatBuffer v = second[i].buffer();
          FloatBuffer u = out.get(i).buffer();
          for (int j = 0, n = first[i].size(); j < n; j++) {
            double g = u.get(j);
            double mj = beta1 * m.get(j) + (1 - beta1) * g;
            double vj = beta2 * v.get(j) + (1 - beta2) * g * g;
            m.put(j, (float) mj);
            v.put(j, (float) vj);
            u.put(j, (float) (mj * inverseCorrection1
                / (Math.sqrt(vj) * inverseSqrtCorrection2 + epsilon)));
          }
        }
      }

      @Override
      public Map<String, Matrix> buffers() {
        return buffers;
      }
    };
  }
}
