package dev.tikhonov.estimate;

import dev.tikhonov.io.OnnxExport;
import dev.tikhonov.loss.Family;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.ModelSpec;
import java.nio.file.Path;

/**
 * Writes fitted models in other formats: ONNX (IR 8, opset 13) for ONNX Runtime and other
 * runtimes, with the standardization inside the graph; see {@link OnnxExport} for the graph.
 * Linear models become one dense layer in float32 (ONNX runtimes compute in float32): gaussian
 * ŷ = a₀ + x·b; binomial two logits (0, a₀ + x·b), whose softmax is (1 − σ(η), σ(η)); multinomial
 * one logit per class. Stateless; thread-safe.
 */
public final class Export {
  private Export() {}

  /** {@code predictor} as an ONNX file at {@code out}, written atomically. */
  public static void onnx(Predictor predictor, Path out) {
    OnnxExport.write(network(predictor), out);
  }

  /** The engine's float32 network of any model tikhonov fits. */
  static Model network(Predictor predictor) {
    if (predictor instanceof NetworkClassifier c) {
      return c.model();
    }
    if (predictor instanceof NetworkRegressor r) {
      return r.model();
    }
    if (predictor instanceof LinearModel m) {
      return network(m.parameters());
    }
    if (predictor instanceof LinearClassifier c) {
      return network(c.parameters());
    }
    throw new IllegalArgumentException("no network form for " + predictor.getClass());
  }

  /** A linear model as one float32 dense layer (coefficients on the original scale). */
  static Model network(LinearParameters p) {
    if (p.offsetColumn().isPresent()) {
      throw new dev.tikhonov.data.InputException("a model fitted with the offset column \""
          + p.offsetColumn().get() + "\" has no network form: a dense layer has no offset input");
    }
    if (p.family() == Family.POISSON) {
      throw new dev.tikhonov.data.InputException("a poisson model has no network form: its"
          + " prediction exp(a₀ + x·b) is not a dense layer's output");
    }
    int features = p.numFeatures();
    boolean gaussian = p.family() == Family.GAUSSIAN;
    boolean binomial = p.family() == Family.BINOMIAL;
    int outputs = gaussian ? 1 : binomial ? 2 : p.intercepts().length;
    Rng unused = new Rng(0);
    Sequential network = Architecture.linear()
        .build(features, outputs, Initializer.zeros(), unused, unused);
    Parameter weight = network.parameters().get(0);
    Parameter bias = network.parameters().get(1);
    Matrix w = weight.value();
    double[] intercepts = p.intercepts();
    double[][] coefficients = p.coefficients();
    for (int k = 0; k < intercepts.length; k++) {
      int column = binomial ? 1 : k;
      bias.value().put(column, (float) intercepts[k]);
      for (int j = 0; j < features; j++) {
        w.set(j, column, (float) coefficients[k][j]);
      }
    }
    ModelSpec spec = new ModelSpec(Architecture.linear(),
        gaussian ? Family.GAUSSIAN : Family.MULTINOMIAL, Initializer.zeros());
    return new Model(spec, network, p.featureNames(), p.classNames(), null, null);
  }
}
