package dev.tikhonov.nn;

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
 * step (its state is all a checkpoint needs), and a data-parallel replica that forwards rows
 * r₀.. of the batch draws exactly the masks of those rows: the masks do not depend on how a
 * batch is split between threads. Not thread-safe; a replica ({@link Sequential#replicate})
 * runs on its own thread with the key its network drew ({@link Sequential#prepareDropout}).
 */
public final class Dropout implements Layer {
  private final double rate;
  private final Rng rng;
  /** The layer whose key a replica uses; null for a layer that draws its own. */
  private final Dropout main;
  private final int threshold;
  private final float keepScale;
  /** The key of the current step (drawn by the last training forward or by prepareStep). */
  private long stepKey;
  /** Whether {@link #prepareStep} drew the key that the next training forward uses. */
  private boolean keyReady;
  /** The batch row of this part's first row: 0, or a replica's offset. */
  private int firstRow;
  private Matrix scaledMask;
  private Matrix output;
  private Matrix inputGradient;

  /** Dropout with probability {@code rate} ∈ [0, 1) of zeroing a unit, drawn from {@code rng}. */
  public Dropout(double rate, Rng rng) {
    this(rate, rng, null);
  }

  private Dropout(double rate, Rng rng, Dropout main) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
    this.rng = rng;
    this.main = main;
    this.threshold = Kernels.dropoutThreshold((float) rate);
    this.keepScale = (float) (1.0 / (1.0 - rate));
  }

  public double rate() {
    return rate;
  }

  /** The generator that draws the keys of the masks (its state belongs in a checkpoint). */
  public Rng rng() {
    return main == null ? rng : main.rng();
  }

  /**
   * A replica for data-parallel training: it draws no keys of its own but uses the key this
   * layer drew for the step ({@link #prepareStep}), for the rows of the batch it forwards.
   */
  Dropout replica() {
    return new Dropout(rate, null, this);
  }

  /** Draws the key of the next training forward pass, which this layer's replicas share. */
  void prepareStep() {
    if (main == null) {
      stepKey = rng.nextLong();
      keyReady = true;
    }
  }

  /** The batch row where this (replica's) part starts. */
  void setFirstRow(int row) {
    if (row < 0) {
      throw new IllegalArgumentException("first row must be >= 0, got " + row);
    }
    firstRow = row;
  }

  @Override
  public Matrix forward(Matrix x, Mode mode) {
    if (mode == Mode.INFER || rate == 0) {
      return x;
    }
    long key;
    if (main != null) {
      key = main.stepKey;
    } else if (keyReady) {
      key = stepKey;
      keyReady = false;
    } else {
      key = stepKey = rng.nextLong();
    }
    int n = x.rows();
    scaledMask = Buffers.ensure(scaledMask, n, x.cols());
    output = Buffers.ensure(output, n, x.cols());
    Matrix mask = scaledMask.topRows(n);
    Matrix y = output.topRows(n);
    Kernels.dropout(key, firstRow * x.cols(), threshold, keepScale, x, mask, y);
    return y;
  }

  @Override
  public Matrix backward(Matrix g, boolean needInputGradient) {
    if (!needInputGradient) {
      return null;
    }
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
