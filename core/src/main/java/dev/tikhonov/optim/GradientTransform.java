package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import java.util.List;

/**
 * A gradient transformation in the optax style: {@link #init} allocates the state for a list of
 * parameters; the returned {@link TransformState} rewrites update buffers in place.
 *
 * <p>Optimizers are chains of transforms; {@link Optimizer#step} starts the updates as the
 * gradients and adds the final updates to the parameters.
 *
 * <p>tikhonov's transforms (those of {@code Transforms}) are immutable records, so thread-safe:
 * {@code init} may be called from any thread and returns a new state, which is not.
 */
@FunctionalInterface
public interface GradientTransform {
  /**
   * A new state for updating {@code parameters} (its buffers, such as Adam's moments, sized as
   * they are and zero); the state, not the transform, changes with each step.
   */
  TransformState init(List<Parameter> parameters);

}
