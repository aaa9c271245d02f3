package dev.tikhonov.nn;

import dev.tikhonov.internal.nn.Buffers;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;

/**
 * Rectified linear unit {@code y = max(0, x)}; backward {@code ∂J/∂x = ∂J/∂y · 1[y > 0]}
 * (the subgradient at 0 is taken as 0, as in PyTorch). Not thread-safe: {@code forward} and
 * {@code backward} write its buffers, and a training pass remembers its output.
 */
public final class ReLU implements Layer {
  /** A ReLU; it has no parameters, and its buffers grow to the largest batch it sees. */
  public ReLU() {}

  private Matrix output;

  private Matrix inputGradient;
  private Matrix lastOutput;

  @Override
  public Matrix forward(Matrix x, Mode mode) {
    int n = x.rows();
    output = Buffers.ensure(output, n, x.cols());
    Matrix y = output.topRows(n);
    Kernels.relu(x, y);
    if (mode == Mode.TRAIN) {
      lastOutput = y;
    }
    return y;
  }

  /**
   * Takes {@code y}, already rectified (a {@link Dense} fused the ReLU into its forward pass),
   * as this layer's output: no copy. Package-private: only {@link Sequential} fuses.
   */
  Matrix adopt(Matrix y, Mode mode) {
    if (mode == Mode.TRAIN) {
      lastOutput = y;
    }
    return y;
  }

  /**
   * The backward pass written over {@code g}, which the caller owns and no longer needs
   * (Sequential passes a gradient buffer of the next layer).
   */
  Matrix backwardInPlace(Matrix g) {
    Kernels.reluMask(lastOutput, g);
    return g;
  }

  /** A fresh ReLU with its own buffers, for a data-parallel replica. */
  ReLU replica() {
    return new ReLU();
  }

  /** No parameters, so nothing to do. */
  @Override
  public void backwardParameters(Matrix g) {}

  @Override
  public Matrix backward(Matrix g) {
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
