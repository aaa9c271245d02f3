package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
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

  @Override
  public TransformState init(List<Parameter> parameters) {
    float d = (float) weightDecay;
    return (params, step, out) -> {
      for (int i = 0, n = out.size(); i < n; i++) {
        // numpy: out[i] += d * params[i].value
        Blas.axpy(d, params.get(i).value(), out.get(i));
      }
    };
  }
}
