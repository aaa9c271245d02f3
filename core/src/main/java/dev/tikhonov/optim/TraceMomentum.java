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
      @Override
      public void update(List<Parameter> parameters, long step, List<Matrix> out) {
        for (int i = 0; i < trace.length; i++) {
          FloatBuffer b = trace[i].buffer();
          FloatBuffer u = out.get(i).buffer();
          for (int j = 0, n = trace[i].size(); j < n; j++) {
            float bj = mu * b.get(j) + u.get(j);
            b.put(j, bj);
            u.put(j, nesterov ? u.get(j) + mu * bj : bj);
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
