package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.util.List;
import java.util.Map;

/**
 * The state of one {@link GradientTransform} for one list of parameters.
 *
 * <p>Buffer names end in {@code "/i"}, where {@code i} is the index of the parameter the buffer
 * belongs to in the list given to {@link GradientTransform#init}; {@link Transforms#chain}
 * prefixes its position ({@code "1.momentum/0"}) and {@link Transforms#masked} maps indices back
 * to the full list, so every name in an {@link Optimizer} is unique and stable.
 *
 * <p>Not thread-safe: {@code update} mutates the buffers (and, in some implementations, cached
 * parameter lists and scratch arrays); one optimizer drives it.
 */
public interface TransformState {
  /**
   * Rewrites {@code out} in place: {@code out.get(i)} is the update of {@code parameters.get(i)}.
   * {@code step} counts optimizer steps from 1. Modified: {@code out}, this state.
   */
  void update(List<Parameter> parameters, long step, List<Matrix> out);

  /** The live state buffers by stable name (e.g. {@code "adam.m/0"}), for checkpoints. */
  default Map<String, Matrix> buffers() {
    return Map.of();
  }
}
