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
 * <p>Buffers: {@code "rms.v/i"}.
 */
record ScaleByRms(double decay, double epsilon) implements GradientTransform {
  ScaleByRms {
    StateBuffers.requireUnitInterval("decay", decay);
    StateBuffers.requirePositive("epsilon", epsilon);
  }

  @Override
  public TransformState init(List<Parameter> parameters) {
    Matrix[] squares = StateBuffers.zerosLike(parameters);
    Map<String, Matrix> buffers = StateBuffers.named("rms.v", squares);
    return new TransformState() {
      @Override
      public void update(List<Parameter> parameters, long step, List<Matrix> out) {
        for (int i = 0; i < squares.length; i++) {
          FloatBuffer v = squares[i].buffer();
          FloatBuffer u = out.get(i).buffer();
          for (int j = 0, n = squares[i].size(); j < n; j++) {
            double g = u.get(j);
            double vj = decay * v.get(j) + (1 - decay) * g * g;
            v.put(j, (float) vj);
            u.put(j, (float) (g / (Math.sqrt(vj) + epsilon)));
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
