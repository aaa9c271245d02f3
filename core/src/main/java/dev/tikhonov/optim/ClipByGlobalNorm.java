package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import java.util.List;

/**
 * {@code u ← u · min(1, c/‖u‖₂)} with the norm over all parameters' updates together (optax
 * {@code clip_by_global_norm}; PyTorch's {@code clip_grad_norm_} divides by {@code ‖u‖ + 1e-6},
 * a relative difference of 1e-6/‖u‖). The norm is accumulated in double. Stateless.
 */
record ClipByGlobalNorm(double maxNorm) implements GradientTransform {
  ClipByGlobalNorm {
    StateBuffers.requirePositive("max norm", maxNorm);
  }

  @Override
  public TransformState init(List<Parameter> parameters) {
    return (params, step, out) -> {
      double squares = 0;
      for (int i = 0, n = out.size(); i < n; i++) {
        squares += out.get(i).sumOfSquares();
      }
      double norm = Math.sqrt(squares);
      if (norm > maxNorm) {
        float factor = (float) (maxNorm / norm);
        for (int i = 0, n = out.size(); i < n; i++) {
          Blas.scale(factor, out.get(i));
        }
      }
    };
  }
}
