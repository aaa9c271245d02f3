package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.util.List;

/**
 * The momentum buffers of an SGD-with-momentum optimizer, for a caller that accumulates each
 * step's gradient into them itself, as the β of the product that computes the gradient:
 *
 * <pre>  b ← μ·b + ∂J/∂w      (e.g. GEMM: b ← aᵀ·g + μ·b, instead of g ← aᵀ·g then b ← μ·b + g)</pre>
 *
 * <p>then calls {@link Optimizer#stepPartFromMomentum}, which finishes the step. The gradient is
 * never written to memory and read back: for an MLP, whose parameters do not fit in a core's
 * cache, that is two of the five passes over them per step.
 *
 * <p>The result is the chain's in exact arithmetic; in float it differs from
 * {@link Optimizer#step()} by rounding: the product rounds μ·b + aᵀg as it sees fit (oneDNN may
 * fuse the multiply and the add), and a coupled penalty is added to b after the gradient instead
 * of to the gradient before the momentum ({@code (μb + g) + λw} against {@code μb + (g + λw)}).
 * The same inputs give the same bits run after run.
 *
 * <p>Thread-safety: immutable; the buffers are the optimizer's live state, written as
 * {@link Optimizer#stepPartFromMomentum} says.
 */
public final class MomentumProducts {
  private final float momentum;
  private final List<Parameter> parameters;
  private final Matrix[] buffers;

  MomentumProducts(float momentum, List<Parameter> parameters, Matrix[] buffers) {
    this.momentum = momentum;
    this.parameters = parameters;
    this.buffers = buffers;
  }

  /** μ, the β of the product. */
  public float momentum() {
    return momentum;
  }

  /**
   * The momentum buffer b of {@code parameter} (its shape), into which the caller accumulates
   * μ·b + ∂J/∂w.
   *
   * @throws IllegalArgumentException when {@code parameter} is not one of the optimizer's
   */
  public Matrix buffer(Parameter parameter) {
    for (int k = 0; k < buffers.length; k++) {
      if (parameters.get(k) == parameter) {
        return buffers[k];
      }
    }
    throw new IllegalArgumentException("parameter " + parameter.name()
        + " is not one of this optimizer's");
  }
}
