package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import java.util.List;

/**
 * A gradient transformation in the optax style: {@link #init} allocates the state for a list of
 * parameters; the returned {@link TransformState} rewrites update buffers in place.
 *
 * <p>Optimizers are chains of transforms; {@link Optimizer#step} starts the updates as the
 * gradients and adds the final updates to the parameters.
 */
@FunctionalInterface
public interface GradientTransform {
  TransformState init(List<Parameter> parameters);
}
