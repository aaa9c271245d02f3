package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import java.util.List;
import java.util.Optional;

/**
 * A chain of {@link Optimizers#chain}'s recognized forms evaluated in one pass over each
 * parameter, bit for bit the chain's step, in row blocks that threads may run at once:
 * {@link FusedSgd} (the SGD family) and {@link FusedAdaptive} (Adam, AdamW, RMSprop).
 */
interface FusedStep {
  /**
   * Part {@code part} of {@code parts} of step {@code step}: rows
   * {@code [⌊R·part/parts⌋, ⌊R·(part+1)/parts⌋)} of every parameter of R rows. Parts touch
   * disjoint elements, so different threads may run different parts of one step at once.
   * Modified: those rows of the parameters' values and of the chain's state. Not modified: the
   * gradients.
   */
  void update(List<Parameter> parameters, long step, int part, int parts);

  /** Whether {@link #momentumProducts} is present. */
  default boolean takesMomentumProducts() {
    return false;
  }

  /** The momentum buffers for a caller that accumulates μ·b + g into them itself. */
  default Optional<MomentumProducts> momentumProducts(List<Parameter> parameters) {
    return Optional.empty();
  }

  /** Part {@code part} of a step after the caller's accumulation into the momentum buffers. */
  default void updateFromMomentum(List<Parameter> parameters, long step, int part, int parts) {
    throw new IllegalStateException("this chain has no momentum to accumulate");
  }
}
