package dev.tikhonov.nn;

import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.nio.FloatBuffer;

/**
 * Inverted dropout with rate p: in training each unit is kept with probability 1 − p and scaled
 * by 1/(1 − p), so {@code y = x · m / (1 − p)} with m ~ Bernoulli(1 − p); at inference it is the
 * identity. Backward: {@code ∂J/∂x = ∂J/∂y · m / (1 − p)}.
 */
public final class Dropout implements Layer {
  private final double rate;
  private final Rng rng;
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
  }

  public double rate() {
    return rate;
  }

  /** The generator that draws the masks (its state belongs in a checkpoint). */
  public Rng rng() {
    return rng;
  }

  @Override
  public Matrix forward(Matrix x, Mode mode) {
    if (mode == Mode.INFER || rate == 0) {
      return x;
    }
    int n = x.rows();
    scaledMask = Buffers.ensure(scaledMask, n, x.cols());
    output = Buffers.ensure(output, n, x.cols());
    Matrix mask = scaledMask.topRows(n);
    Matrix y = output.topRows(n);
    float keepScale = (float) (1.0 / (1.0 - rate));
    float threshold = (float) rate;
    FloatBuffer m = mask.buffer();
    FloatBuffer in = x.buffer();
    FloatBuffer out = y.buffer();
    for (int i = 0, size = x.size(); i < size; i++) {
      float s = rng.nextFloat() >= threshold ? keepScale : 0f;
      m.put(i, s);
      out.put(i, in.get(i) * s);
    }
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
    FloatBuffer m = scaledMask.buffer();
    FloatBuffer gb = g.buffer();
    FloatBuffer out = dx.buffer();
    for (int i = 0, size = g.size(); i < size; i++) {
      out.put(i, gb.get(i) * m.get(i));
    }
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
