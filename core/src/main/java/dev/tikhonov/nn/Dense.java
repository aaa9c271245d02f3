package dev.tikhonov.nn;

import dev.tikhonov.internal.nn.Buffers;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.tensor.Transpose;
import java.util.List;

/**
 * Fully connected layer {@code y = x·W + b} with W of shape inputs×outputs and b of 1×outputs
 * (numpy: {@code y = x @ W + b}). W is a weight (penalized by default), b a bias (not).
 *
 * <p>Backward, for g = ∂J/∂y: ∂J/∂W = xᵀ·g, ∂J/∂b = Σ_rows g, ∂J/∂x = g·Wᵀ. All three products
 * go through {@link Blas#gemm} on the layer's reused buffers.
 *
 * <p>Not thread-safe: {@code forward} and {@code backward} write its buffers and its parameters'
 * gradients, and training mutates its weight and bias values.
 */
public final class Dense implements Layer {
  private final Parameter weight;
  private final Parameter bias;
  private Matrix input;
  private Matrix output;
  private Matrix inputGradient;

  /** A layer initialized by {@code init} from {@code rng}. */
  public Dense(String name, int inputs, int outputs, Initializer init, Rng rng) {
    if (inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException("dense layer needs positive sizes, got "
          + inputs + "x" + outputs);
    }
    this.weight = new Parameter(name + ".weight", Parameter.Kind.WEIGHT,
        Matrix.zeros(inputs, outputs));
    this.bias = new Parameter(name + ".bias", Parameter.Kind.BIAS, Matrix.zeros(1, outputs));
    init.initialize(weight.value(), bias.value(), rng);
  }

  /** A layer over the given parameters (a replica shares their values, not their gradients). */
  private Dense(Parameter weight, Parameter bias) {
    this.weight = weight;
    this.bias = bias;
  }

  /**
   * A replica for data-parallel training: the same weight and bias values (shared storage, so
   * optimizer steps on this layer's parameters are seen by the replica), its own gradients and
   * buffers.
   */
  Dense replica() {
    Parameter w = new Parameter(weight.name(), Parameter.Kind.WEIGHT, weight.value());
    Parameter b = new Parameter(bias.name(), Parameter.Kind.BIAS, bias.value());
    w.setPenaltyFactor(weight.penaltyFactor());
    b.setPenaltyFactor(bias.penaltyFactor());
    return new Dense(w, b);
  }

  /** W, inputs×outputs, a {@link Parameter.Kind#WEIGHT} (penalized by default). */
  public Parameter weight() {
    return weight;
  }

  /** b, 1×outputs, a {@link Parameter.Kind#BIAS} (not penalized by default). */
  public Parameter bias() {

    return bias;
  }

  @Override
  public Matrix forward(Matrix x, Mode mode) {
    return forward(x, mode, false);
  }

  /**
   * {@code y = x·W + b}, or with {@code relu} {@code y = max(0, x·W + b)} in the same pass over
   * y (what a following {@link ReLU} would compute, bit for bit, without a second buffer).
   */
  Matrix forward(Matrix x, Mode mode, boolean relu) {
    int n = x.rows();
    output = Buffers.ensure(output, n, weight.value().cols());
    Matrix y = output.topRows(n);
    Blas.gemm(Transpose.NO, Transpose.NO, 1f, x, weight.value(), 0f, y);
    if (relu) {
      Kernels.addRowVectorRelu(bias.value(), y);
    } else {
      Kernels.addRowVector(bias.value(), y);
    }
    if (mode == Mode.TRAIN) {
      input = x;
    }
    return y;
  }

  @Override
  public void backwardParameters(Matrix g) {
    if (input == null) {
      throw new IllegalStateException("backward before a training forward pass");
    }
    Blas.gemm(Transpose.YES, Transpose.NO, 1f, input, g, 0f, weight.gradient());
    Kernels.columnSums(g, bias.gradient());
  }

  @Override
  public Matrix backward(Matrix g) {
    backwardParameters(g);
    int n = g.rows();
    inputGradient = Buffers.ensure(inputGradient, n, weight.value().rows());
    Matrix dx = inputGradient.topRows(n);
    Blas.gemm(Transpose.NO, Transpose.YES, 1f, g, weight.value(), 0f, dx);
    return dx;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  @Override
  public int outputSize(int inputSize) {
    if (inputSize != weight.value().rows()) {
      throw new IllegalArgumentException(
          weight.name() + " expects " + weight.value().rows() + " inputs, got " + inputSize);
    }
    return weight.value().cols();
  }

  @Override
  public LayerSpec spec() {
    return LayerSpec.dense(weight.value().rows(), weight.value().cols());
  }
}
