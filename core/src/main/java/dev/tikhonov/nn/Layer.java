package dev.tikhonov.nn;

import dev.tikhonov.tensor.Matrix;
import java.util.List;

/**
 * One differentiable stage of a network. The forward computation and its local derivative live
 * side by side in each implementation.
 *
 * <p>Buffers: {@link #forward} returns a matrix owned by the layer, valid until the next call;
 * layers keep buffers sized for the largest batch seen and reuse them, so a training step
 * allocates no large arrays.
 *
 * <p>tikhonov's layers (Dense, ReLU, Dropout) are not thread-safe: forward and backward write
 * layer-owned buffers (and parameter gradients), so one thread drives a layer at a time.
 */
public interface Layer {
  /** y = f(x). In {@link Mode#TRAIN} the layer remembers what {@link #backward} needs. */
  Matrix forward(Matrix input, Mode mode);

  /**
   * Given ∂J/∂y for the last training forward pass, sets the gradients of this layer's
   * parameters (overwriting, not accumulating) and returns ∂J/∂x (a layer-owned buffer, valid
   * until the next call, or {@code outputGradient} itself for an identity).
   */
  Matrix backward(Matrix outputGradient);

  /**
   * As {@link #backward}, without ∂J/∂x: sets the gradients of this layer's parameters only. A
   * network's first layer takes this path, skipping a product nobody reads. The default calls
   * {@link #backward} and drops its result; a layer overrides it to skip that work.
   */
  default void backwardParameters(Matrix outputGradient) {
    backward(outputGradient);
  }

  /** Trainable parameters, weights and biases; empty for parameter-free layers. */
  default List<Parameter> parameters() {
    return List.of();
  }

  /** Output width for a given input width. */
  int outputSize(int inputSize);

  /** A plain description of the layer for model files and reports. */
  LayerSpec spec();

  /**
   * Whether a forward pass is for training (dropout active, caches kept) or inference.
   * Thread-safe, as enum constants are.
   */
  enum Mode {
    /** Training: dropout draws masks, and layers keep what backward needs. */
    TRAIN,
    /** Inference: dropout is the identity, and nothing is kept for backward. */
    INFER

  }
}
