package dev.tikhonov.nn;

import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;

/**
 * Rectified linear unit {@code y = max(0, x)}; backward {@code ∂J/∂x = ∂J/∂y · 1[y > 0]}
 * (the subgradient at 0 is taken as 0, as in PyTorch).
 */
public final class ReLU implements Layer {
  private Matrix output;
  private Matrix inputGradient;
  private Matrix lastOutput;

  @Override
  public Matrix forward(Matrix x, Mode mode) {
    int n = x.rows();
    output = Buffers.ensure(output, n, x.cols());
    Matrix y = output.topRows(n);
    FloatBuffer in = x.buffer();
    FloatBuffer out = y.buffer();
    for (int i = 0, size = x.size(); i < size; i++) {
      float v = in.get(i);
      out.put(i, v > 0f ? v : 0f);
    }
    if (mode == Mode.TRAIN) {
      lastOutput = y;
    }
    return y;
  }

  @Override
  public Matrix backward(Matrix g, boolean needInputGradient) {
    if (!needInputGradient) {
      return null;
    }
    int n = g.rows();
    inputGradient = Buffers.ensure(inputGradient, n, g.cols());
    Matrix dx = inputGradient.topRows(n);
    FloatBuffer y = lastOutput.buffer();
    FloatBuffer gb = g.buffer();
    FloatBuffer out = dx.buffer();
    for (int i = 0, size = g.size(); i < size; i++) {
      out.put(i, y.get(i) > 0f ? gb.get(i) : 0f);
    }
    return dx;
  }

  @Override
  public int outputSize(int inputSize) {
    return inputSize;
  }

  @Override
  public LayerSpec spec() {
    return LayerSpec.relu();
  }
}
