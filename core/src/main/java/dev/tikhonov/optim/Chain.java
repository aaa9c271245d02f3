package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code update = tₖ ∘ … ∘ t₁ (update)}: applies the transforms in order (optax {@code chain}).
 * State buffers are named {@code "position.name"}, position counted from 0.
 */
record Chain(List<GradientTransform> transforms) implements GradientTransform {
  Chain {
    transforms = List.copyOf(transforms);
  }

  @Override
  public TransformState init(List<Parameter> parameters) {
    TransformState[] states = new TransformState[transforms.size()];
    Map<String, Matrix> buffers = new LinkedHashMap<>();
    for (int position = 0; position < states.length; position++) {
      states[position] = transforms.get(position).init(parameters);
      for (Map.Entry<String, Matrix> e : states[position].buffers().entrySet()) {
        buffers.put(position + "." + e.getKey(), e.getValue());
      }
    }
    return new State(states, Collections.unmodifiableMap(buffers));
  }

  private record State(TransformState[] states, Map<String, Matrix> buffers)
      implements TransformState, LearningRateSource {
    @Override
    public void update(List<Parameter> parameters, long step, List<Matrix> out) {
      for (TransformState state : states) {
        state.update(parameters, step, out);
      }
    }

    @Override
    public double learningRate(long step) {
      for (TransformState state : states) {
        double rate = LearningRateSource.of(state, step);
        if (!Double.isNaN(rate)) {
          return rate;
        }
      }
      return Double.NaN;
    }

    @Override
    public String toString() {
      return "Chain.State" + Arrays.toString(states);
    }
  }
}
