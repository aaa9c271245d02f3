package dev.tikhonov.estimate;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.io.OnnxExport;
import dev.tikhonov.io.OnnxLinear;
import dev.tikhonov.loss.Family;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes fitted models in other formats: ONNX (IR 8, opset 13) for ONNX Runtime and other
 * runtimes; see {@link OnnxExport} for the graphs. Every graph takes float64 raw features.
 * Networks keep their float32 weights, with the standardization inside the graph in float64
 * on the raw features, as a network's {@code predict} computes it. Linear models (double coefficients on the original
 * scale) become one float64 dense layer: gaussian ŷ = a₀ + x·b; binomial two logits
 * (0, a₀ + x·b), whose softmax is (1 − σ(η), σ(η)); multinomial one logit per class.
 * Stateless; thread-safe.
 */
public final class Export {
  private Export() {}

  /**
   * {@code predictor} as an ONNX file at {@code out}, written atomically.
   *
   * @throws InputException before anything is written, for a model that has no ONNX form
   *     (see {@link #onnxBytes})
   */
  public static void onnx(Predictor predictor, Path out) {
    byte[] bytes = onnxBytes(predictor);
    AtomicFiles.write(out, o -> o.write(bytes));
  }

  /**
   * {@code predictor} as a serialized ONNX model.
   *
   * @throws InputException for a poisson model or one fitted with an offset column (the graph
   *     has neither an exponential output nor an offset input), or weights beyond 2 GiB
   */
  public static byte[] onnxBytes(Predictor predictor) {
    if (predictor instanceof NetworkClassifier c) {
      return OnnxExport.toBytes(c.model());
    }
    if (predictor instanceof NetworkRegressor r) {
      return OnnxExport.toBytes(r.model());
    }
    if (predictor instanceof LinearModel m) {
      return OnnxExport.toBytes(linear(m.parameters()));
    }
    if (predictor instanceof LinearClassifier c) {
      return OnnxExport.toBytes(linear(c.parameters()));
    }
    throw new IllegalArgumentException("no ONNX form for " + predictor.getClass());
  }

  /** A linear model as one float64 dense layer (coefficients on the original scale). */
  static OnnxLinear linear(LinearParameters p) {
    if (p.offsetColumn().isPresent()) {
      throw new InputException("a model fitted with the offset column \""
          + p.offsetColumn().get() + "\" cannot be exported to ONNX because its predictions"
          + " need each row's offset and the graph has no offset input");
    }
    if (p.family() == Family.POISSON) {
      throw new InputException("a poisson model cannot be exported to ONNX because its"
          + " prediction exp(a₀ + x·b) needs an exponential output, which the exporter does"
          + " not write (it writes gaussian, binomial and multinomial models)");
    }
    int features = p.numFeatures();
    boolean gaussian = p.family() == Family.GAUSSIAN;
    boolean binomial = p.family() == Family.BINOMIAL;
    int outputs = gaussian ? 1 : binomial ? 2 : p.intercepts().length;
    double[][] weight = new double[features][outputs];
    double[] bias = new double[outputs];
    double[] intercepts = p.intercepts();
    double[][] coefficients = p.coefficients();
    for (int k = 0; k < intercepts.length; k++) {
      int column = binomial ? 1 : k;
      bias[column] = intercepts[k];
      for (int j = 0; j < features; j++) {
        weight[j][column] = coefficients[k][j];
      }
    }
    // a classifier is an OnnxLinear with class names, one per output
    List<String> classNames = gaussian ? List.of() : p.classNames();
    if (!gaussian && classNames.size() != outputs) {
      throw new IllegalArgumentException(classNames.size() + " class names for " + outputs
          + " outputs");
    }
    return new OnnxLinear(p.family().name().toLowerCase(java.util.Locale.ROOT), weight, bias,
        p.featureNames(), classNames);
  }
}
