package dev.tikhonov.io;

import static dev.tikhonov.io.OnnxProto.DOUBLE;
import static dev.tikhonov.io.OnnxProto.FLOAT;
import static dev.tikhonov.io.OnnxProto.cast;
import static dev.tikhonov.io.OnnxProto.node;
import static dev.tikhonov.io.OnnxProto.tensor;
import static dev.tikhonov.io.OnnxProto.valueInfo;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.loss.Family;
import dev.tikhonov.nn.Dense;
import dev.tikhonov.nn.Dropout;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.ReLU;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes ONNX models (IR version 8, opset 13) with inference semantics. Every graph takes a
 * float64 (double) input, so that large raw features reach the computation as tikhonov sees
 * them. A network ({@link Model}, float32 weights) computes what {@link Model#predict} does:
 *
 * <pre>
 *   input  [N, p] double           raw features, in the model's feature order
 *   x' = Cast((input − mean) / scale, float)
 *                                  when the model was trained standardized: Sub, Div in
 *                                  double on the raw input, rounded once, as the estimators'
 *                                  predict computes it (Standardizer.transform(Dataset))
 *   x' = Cast(input, float)        otherwise: networks train and predict on float32 features
 *   h  = Gemm(h, Wₖ, bₖ)           y = h·W + b in float32, W stored [inputs, outputs]
 *   h  = Relu(h)                   after each hidden layer; dropout is the identity here
 *   outputs (float32): classifiers "logits" [N, K] and "probabilities" = Softmax(logits,
 *            axis 1); regression "prediction" [N, q]
 * </pre>
 *
 * <p>A generalized linear model ({@link OnnxLinear}, double coefficients) is one double Gemm,
 * η = input·W + b, output as "prediction" or as "logits" and "probabilities" = Softmax(η), all
 * float64.
 *
 * <p>The protobuf is encoded by {@link Protobuf} with the field numbers of onnx.proto
 * (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto); weights go in
 * {@code raw_data} as little-endian float32 or float64. The metadata props
 * {@code feature_names} and {@code class_names} are JSON arrays of strings.
 *
 * <p>Stateless: its methods may be called from any thread; they only read the model, which must
 * not be training meanwhile.
 */
public final class OnnxExport {
  /** ONNX IR version written (IR_VERSION_2021_7_30). */
  public static final int IR_VERSION = 8;
  /** Default-domain opset imported. */
  public static final int OPSET = 13;

  private OnnxExport() {}

  /**
   * Largest ModelProto written: protobuf messages are limited to 2 GiB, which ONNX Runtime
   * enforces (larger models need ONNX's external-data files, which this exporter does not
   * write); 1 MiB is left for the graph, names and metadata.
   */
  static final long MAX_WEIGHT_BYTES = Integer.MAX_VALUE - (1L << 20);

  /** Writes {@code model} to {@code file} atomically. */
  public static void write(Model model, Path file) {
    write(file, () -> toBytes(model));
  }

  /** Writes {@code model} to {@code file} atomically. */
  public static void write(OnnxLinear model, Path file) {
    write(file, () -> toBytes(model));
  }

  /** The bytes, serialized before the file is touched (a refusal names the file), then written. */
  private static void write(Path file, java.util.function.Supplier<byte[]> serialize) {
    byte[] bytes;
    try {
      bytes = serialize.get();
    } catch (InputException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /**
   * The serialized ModelProto of a network; an {@link InputException} (before anything is
   * encoded) when the weights exceed what one ONNX file can hold ({@link #MAX_WEIGHT_BYTES}).
   */
  public static byte[] toBytes(Model model) {
    long weightBytes = 0;
    for (var parameter : model.network().parameters()) {
      weightBytes += 4L * parameter.value().size();
    }
    if (model.standardizer().isPresent()) {
      weightBytes += 16L * model.standardizer().get().numFeatures();
    }
    requireExportable(weightBytes);
    List<Protobuf> nodes = new ArrayList<>();
    List<Protobuf> initializers = new ArrayList<>();
    int p = model.network().inputSize();
    String h;
    if (model.standardizer().isPresent()) {
      // standardized from the double input, rounded to float32 only after (as the estimators'
      // predict does: a feature of 10⁹ + u keeps its u)
      initializers.add(tensor("mean", new long[] {p}, model.standardizer().get().mean()));
      initializers.add(tensor("scale", new long[] {p}, model.standardizer().get().scale()));
      nodes.add(node("Sub", "standardize_sub", List.of("input", "mean"), "centered"));
      nodes.add(node("Div", "standardize_div", List.of("centered", "scale"), "scaled"));
      nodes.add(cast("scaled", "standardized", FLOAT));
      h = "standardized";
    } else {
      nodes.add(cast("input", "input_float", FLOAT));
      h = "input_float";
    }
    List<Layer> layers = model.network().layers();
    int dense = 0;
    int denseCount = (int) layers.stream().filter(l -> l instanceof Dense).count();
    boolean classifier = model.spec().family() == Family.MULTINOMIAL;
    for (Layer layer : layers) {
      if (layer instanceof Dense d) {
        Matrix w = d.weight().value();
        String wName = d.weight().name();
        String bName = d.bias().name();
        initializers.add(tensor(wName, new long[] {w.rows(), w.cols()}, w.toArray()));
        initializers.add(tensor(bName, new long[] {w.cols()}, d.bias().value().toArray()));
        boolean last = ++dense == denseCount;
        String out = last ? (classifier ? "logits" : "prediction") : "dense" + (dense - 1);
        nodes.add(node("Gemm", "gemm" + (dense - 1), List.of(h, wName, bName), out));
        h = out;
      } else if (layer instanceof ReLU) {
        String out = "relu" + (dense - 1);
        nodes.add(node("Relu", out, List.of(h), out));
        h = out;
      } else if (!(layer instanceof Dropout)) {
        throw new IllegalArgumentException("ONNX export does not know layer " + layer.spec());
      }
    }
    String describe = model.spec().describe();
    return graph(describe, describe + ": inputs are raw features as float64, rounded to float32"
        + " as tikhonov does (standardization inside the graph, in float64); dropout is the"
        + " identity at inference.", nodes, initializers, p, model.network().outputSize(),
        classifier, FLOAT, model.featureNames(), model.classNames());
  }

  /**
   * The serialized ModelProto of a generalized linear model, all in float64; an
   * {@link InputException} when the coefficients exceed what one ONNX file can hold.
   */
  public static byte[] toBytes(OnnxLinear model) {
    double[][] w = model.weight();
    double[] b = model.bias();
    int p = w.length;
    int k = b.length;
    requireExportable(8L * ((long) p * k + k));
    double[] flat = new double[p * k];
    for (int j = 0; j < p; j++) {
      System.arraycopy(w[j], 0, flat, j * k, k);
    }
    List<Protobuf> initializers = List.of(
        tensor("weight", new long[] {p, k}, flat), tensor("bias", new long[] {k}, b));
    String out = model.classifier() ? "logits" : "prediction";
    List<Protobuf> nodes = new ArrayList<>();
    nodes.add(node("Gemm", "gemm", List.of("input", "weight", "bias"), out));
    return graph(model.name(), model.name() + " linear model: inputs are raw features as"
        + " float64, computed in float64 on the original feature scale.", nodes, initializers,
        p, k, model.classifier(), DOUBLE, model.featureNames(), model.classNames());
  }

  /**
   * GraphProto (node = 1, name = 2, initializer = 5, doc_string = 10, input = 11, output = 12)
   * from {@code nodes} ending in "logits" or "prediction"; a classifier gets "probabilities" =
   * Softmax(logits, axis = 1). The input is always float64, the outputs {@code outputType}.
   */
  private static byte[] graph(String describe, String doc, List<Protobuf> nodes,
      List<Protobuf> initializers, int inputs, int outputs, boolean classifier, int outputType,
      List<String> featureNames, List<String> classNames) {
    Protobuf graph = new Protobuf();
    for (Protobuf n : nodes) {
      graph.message(1, n);
    }
    if (classifier) {
      graph.message(1, node("Softmax", "softmax", List.of("logits"), "probabilities", "axis",
          1));
    }
    graph.string(2, "tikhonov_" + describe.replace(':', '_').replace(',', '_'));
    for (Protobuf t : initializers) {
      graph.message(5, t);
    }
    graph.string(10, "tikhonov " + doc);
    graph.message(11, valueInfo("input", DOUBLE, inputs));
    if (classifier) {
      graph.message(12, valueInfo("logits", outputType, outputs));
      graph.message(12, valueInfo("probabilities", outputType, outputs));
    } else {
      graph.message(12, valueInfo("prediction", outputType, outputs));
    }
    return OnnxProto.model(graph, featureNames, classNames);
  }

  static void requireExportable(long weightBytes) {
    if (weightBytes > MAX_WEIGHT_BYTES) {
      throw new InputException("cannot export to ONNX: the model's weights take " + weightBytes
          + " bytes but an ONNX file (one protobuf message) holds at most 2147483647 bytes"
          + " (2 GiB, which ONNX Runtime enforces); the exporter does not write ONNX external"
          + " data");
    }
  }
}
