package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import java.util.List;

/** {@code u ← factor·u} (optax {@code scale}). Stateless. */
record Scale(double factor) implements GradientTransform {
  Scale {
    if (!Double.isFinite(factor)) {
      throw new IllegalArgumentException("scale factor must be finite, got " + factor);
    }
  }

  @Override
  public TransformState init(List<Parameter> parameters) {
    float f = (float) factor;
    return (params, step, out) -> {
      for (int i = 0, n = out.size(); i < n; i++) {
        Blas.scale(f, out.get(i));
      }
    };
  }
}
