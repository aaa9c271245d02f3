package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.util.List;
import java.util.Map;

/** The state of one {@link GradientTransform} for one list of parameters. */
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
