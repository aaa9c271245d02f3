package dev.tikhonov.nn;

import dev.tikhonov.internal.nn.Buffers;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;

/**
 * Inverted dropout with rate p: in training each unit is kept with probability 1 − p and scaled
 * by 1/(1 − p), so {@code y = x · m / (1 − p)} with m ~ Bernoulli(1 − p); at inference it is the
 * identity. Backward: {@code ∂J/∂x = ∂J/∂y · m / (1 − p)}.
 *
 * <p>Masks are counter-based: each training forward pass draws one 64-bit key from the layer's
 * generator, and element e of the batch (row-major) is kept when
 * {@link Kernels#dropoutBits}{@code (key, e) ≥ ⌈p·2²⁴⌉}. So the generator advances once per
 * step (its state is all a checkpoint needs), and the data-parallel step ({@code BatchParts}),
 * whose threads forward different rows of a batch, draws exactly the masks of those rows: the
 * masks do not depend on how a batch is split between threads. Not thread-safe.
 */
public final class Dropout implements Layer {
  private final double rate;
  private final Rng rng;
  private final int threshold;
  private final float keepScale;
  private Matrix scaledMask;
  private Matrix output;
  private Matrix inputGradient;

  /** Dropout with probability {@code rate} ∈ [0, 1) of zeroing a unit, drawn from {@code rng}. */
  public Dropout(double rate, Rng rng) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
    this.rng = rng;
    this.threshold = Kernels.dropoutThreshold((float) rate);
    this.keepScale = (float) (1.0 / (1.0 - rate));
  }

  /** The probability p ∈ [0, 1) of zeroing a unit in training. */
  public double rate() {

    return rate;
  }

  /** The generator that draws the keys of the masks (its state belongs in a checkpoint). */
  public Rng rng() {
    return rng;
  }

  @Override
  public Matrix forward(Matrix x, Mode mode) {
    if (mode == Mode.INFER || rate == 0) {
      return x;
    }
    long key = rng.nextLong();
    int n = x.rows();
    scaledMask = Buffers.ensure(scaledMask, n, x.cols());
    output = Buffers.ensure(output, n, x.cols());
    Matrix mask = scaledMask.topRows(n);
    Matrix y = output.topRows(n);
    Kernels.dropout(key, 0, threshold, keepScale, x, mask, y);
    return y;
  }

  /** No parameters, so nothing to do. */
  @Override
  public void backwardParameters(Matrix g) {}

  @Override
  public Matrix backward(Matrix g) {
    if (rate == 0) {
      return g;
    }
    int n = g.rows();
    inputGradient = Buffers.ensure(inputGradient, n, g.cols());
    Matrix dx = inputGradient.topRows(n);
    Kernels.multiply(g, scaledMask.topRows(n), dx);
    return dx;
  }

  @Override
  public int outputSize(int inputSize) {
    return inputSize;
  }

  @Override
  public LayerSpec spec() {
    return LayerSpec.dropout(rate);
  }
}
