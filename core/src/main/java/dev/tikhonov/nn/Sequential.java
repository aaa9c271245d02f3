package dev.tikhonov.nn;

import dev.tikhonov.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied in order: {@code f(x) = f_L(… f_2(f_1(x)))}; backward runs them in reverse.
 *
 * <p>Not thread-safe: {@code forward} and {@code backward} write its layers' buffers and its
 * parameters' gradients, and training mutates the parameters; each thread that predicts needs
 * its own {@code forInference()} copy.
 */
public final class Sequential {
  private final int inputSize;
  private final List<Layer> layers;
  private final List<Parameter> parameters;

  /**
   * The network of {@code layers} (copied into an unmodifiable list; the layers themselves are
   * shared) over inputs of {@code inputSize} features.
   */
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

  /** The number of input features. */
  public int inputSize() {
    return inputSize;
  }

  /** The output width: 1 for a regression or a binary logit, the number of classes for softmax. */
  public int outputSize() {
    int width = inputSize;
    for (Layer layer : layers) {
      width = layer.outputSize(width);
    }
    return width;
  }

  /** The layers in forward order, as an unmodifiable list. */
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
    for (int i = 0, count = layers.size(); i < count; i++) {
      Layer layer = layers.get(i);
      // Dense then ReLU: bias and rectifier in one pass over the Dense output, no ReLU copy.
      if (layer instanceof Dense dense && i + 1 < count && layers.get(i + 1) instanceof ReLU relu) {
        h = relu.adopt(dense.forward(h, mode, true), mode);
        i++;
      } else {
        h = layer.forward(h, mode);
      }
    }
    return h;
  }

  /** Back-propagates ∂J/∂output, setting every parameter's gradient. */
  public void backward(Matrix outputGradient) {
    Matrix g = outputGradient;
    for (int i = layers.size() - 1; i >= 0; i--) {
      Layer layer = layers.get(i);
      if (i == 0) {
        // nobody reads the first layer's ∂J/∂x
        layer.backwardParameters(g);
      } else if (layer instanceof ReLU relu && g != outputGradient) {
        // g is a buffer of the layer above, read by nobody after this: mask it in place.
        g = relu.backwardInPlace(g);
      } else {
        g = layer.backward(g);
      }
    }
  }

  /**
   * A network for prediction only: the same parameter values (shared storage, so it sees later
   * updates), its own buffers, and no Dropout layers (identity at inference). Each thread that
   * predicts needs its own, since {@link #forward} writes layer-owned buffers.
   */
  public Sequential forInference() {
    List<Layer> copies = new ArrayList<>(layers.size());
    for (Layer layer : layers) {
      if (layer instanceof Dense d) {
        copies.add(d.replica());
      } else if (layer instanceof ReLU r) {
        copies.add(r.replica());
      } else if (!(layer instanceof Dropout)) {
        throw new IllegalStateException("no inference copy of layer " + layer.spec());
      }
    }
    return new Sequential(inputSize, copies);
  }

  /** The layers' descriptions, in forward order, as written to model files. */
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
