package dev.tikhonov.nn;

import dev.tikhonov.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;

/** Layers applied in order: {@code f(x) = f_L(… f_2(f_1(x)))}; backward runs them in reverse. */
public final class Sequential {
  private final int inputSize;
  private final List<Layer> layers;
  private final List<Parameter> parameters;

  public Sequential(int inputSize, List<Layer> layers) {
    this.inputSize = inputSize;
    this.layers = List.copyOf(layers);
    List<Parameter> ps = new ArrayList<>();
    int width = inputSize;
    for (Layer layer : this.layers) {
      width = layer.outputSize(width);
      ps.addAll(layer.parameters());
    }
    this.parameters = List.copyOf(ps);
  }

  public int inputSize() {
    return inputSize;
  }

  public int outputSize() {
    int width = inputSize;
    for (Layer layer : layers) {
      width = layer.outputSize(width);
    }
    return width;
  }

  public List<Layer> layers() {
    return layers;
  }

  /** All parameters, in layer order (weight before bias). */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** Weights only (the parameters the penalty acts on by default). */
  public List<Parameter> weights() {
    return parameters.stream().filter(Parameter::isWeight).toList();
  }

  /** The network output for {@code x}; a layer-owned buffer valid until the next call. */
  public Matrix forward(Matrix x, Layer.Mode mode) {
    if (x.cols() != inputSize) {
      throw new IllegalArgumentException(
          "network expects " + inputSize + " input columns, got " + x.cols());
    }
    Matrix h = x;
    for (Layer layer : layers) {
      h = layer.forward(h, mode);
    }
    return h;
  }

  /** Back-propagates ∂J/∂output, setting every parameter's gradient. */
  public void backward(Matrix outputGradient) {
    Matrix g = outputGradient;
    for (int i = layers.size() - 1; i >= 0; i--) {
      g = layers.get(i).backward(g, i > 0);
    }
  }

  public List<LayerSpec> specs() {
    return layers.stream().map(Layer::spec).toList();
  }

  /** ‖w‖₂ over all weights (biases excluded), accumulated in double. */
  public double weightNorm() {
    double s = 0;
    for (Parameter p : weights()) {
      s += p.value().sumOfSquares();
    }
    return Math.sqrt(s);
  }
}
