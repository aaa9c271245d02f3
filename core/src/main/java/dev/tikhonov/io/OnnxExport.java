package dev.tikhonov.io;

import dev.tikhonov.data.AtomicFiles;
import dev.tikhonov.data.InputException;
import dev.tikhonov.nn.Dense;
import dev.tikhonov.nn.Dropout;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.ReLU;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.loss.Family;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Model} as an ONNX model (IR version 8, opset 13) with inference semantics:
 *
 * <pre>
 *   input  [N, p] float            raw features, in the model's feature order
 *   x' = (input − mean) / scale    Sub, Div (only when the model was trained standardized)
 *   h  = Gemm(h, Wₖ, bₖ)           y = h·W + b, W stored [inputs, outputs]
 *   h  = Relu(h)                   after each hidden layer; dropout is the identity here
 *   outputs: classifiers "logits" [N, K] and "probabilities" = Softmax(logits, axis 1);
 *            regression "prediction" [N, q]
 * </pre>
 *
 * <p>The protobuf is encoded by {@link Protobuf} with the field numbers of onnx.proto
 * (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto); weights go in
 * {@code raw_data} as little-endian float32.
 *
 * <p>Stateless: its methods may be called from any thread; they only read the model, which must
 * not be training meanwhile.
 */
public final class OnnxExport {
  /** ONNX IR version written (IR_VERSION_2021_7_30). */
  public static final int IR_VERSION = 8;
  /** Default-domain opset imported. */
  public static final int OPSET = 13;
  private static final int FLOAT = 1;

  private OnnxExport() {}

  /**
   * Largest ModelProto written: protobuf messages are limited to 2 GiB, which ONNX Runtime
   * enforces (larger models need ONNX's external-data files, which this exporter does not
   * write); 1 MiB is left for the graph, names and metadata.
   */
  static final long MAX_WEIGHT_BYTES = Integer.MAX_VALUE - (1L << 20);

  /** Writes {@code model} to {@code file} atomically. */
  public static void write(Model model, Path file) {
    byte[] bytes;
    try {
      bytes = toBytes(model);
    } catch (InputException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /**
   * The serialized ModelProto; an {@link InputException} (before anything is encoded) when the
   * weights exceed what one ONNX file can hold ({@link #MAX_WEIGHT_BYTES}).
   */
  public static byte[] toBytes(Model model) {
    long weightBytes = 0;
    for (var parameter : model.network().parameters()) {
      weightBytes += 4L * parameter.value().size();
    }
    if (model.featureMean() != null) {
      weightBytes += 8L * model.featureMean().length;
    }
    requireExportable(weightBytes);
    Protobuf graph = new Protobuf();
    List<Protobuf> nodes = new ArrayList<>();
    List<Protobuf> initializers = new ArrayList<>();
    int p = model.network().inputSize();
    String h = "input";
    if (model.featureMean() != null) {
      initializers.add(tensor("mean", new long[] {p}, toFloats(model.featureMean())));
      initializers.add(tensor("scale", new long[] {p}, toFloats(model.featureScale())));
      nodes.add(node("Sub", "standardize_sub", List.of(h, "mean"), "centered"));
      nodes.add(node("Div", "standardize_div", List.of("centered", "scale"), "standardized"));
      h = "standardized";
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
    int outputs = model.network().outputSize();
    if (classifier) {
      Protobuf softmax = node("Softmax", "softmax", List.of("logits"), "probabilities");
      softmax.message(5, new Protobuf().string(1, "axis").varint(3, 1).varint(20, 2));
      nodes.add(softmax);
    }
    for (Protobuf n : nodes) {
      graph.message(1, n);
    }
    graph.string(2, "tikhonov_" + model.spec().describe().replace(':', '_').replace(',', '_'));
    for (Protobuf t : initializers) {
      graph.message(5, t);
    }
    graph.string(10, "tikhonov " + model.spec().describe() + ": inputs are raw features "
        + "(standardization inside the graph); dropout is the identity at inference.");
    graph.message(11, valueInfo("input", p));
    if (classifier) {
      graph.message(12, valueInfo("logits", outputs));
      graph.message(12, valueInfo("probabilities", outputs));
    } else {
      graph.message(12, valueInfo("prediction", outputs));
    }
    Protobuf m = new Protobuf()
        .varint(1, IR_VERSION)
        .string(2, "tikhonov")
        .string(3, ModelFile.version())
        .string(4, "dev.tikhonov")
        .varint(5, 1)
        .string(6, "Exported from a tikhonov model file; see docs/model-files.md.")
        .message(7, graph)
        .message(8, new Protobuf().string(1, "").varint(2, OPSET));
    Map<String, String> meta = Map.of(
        "feature_names", String.join(",", model.featureNames()),
        "class_names", String.join(",", model.classNames()));
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(meta).entrySet()) {
      m.message(14, new Protobuf().string(1, e.getKey()).string(2, e.getValue()));
    }
    return m.toByteArray();
  }

  static void requireExportable(long weightBytes) {
    if (weightBytes > MAX_WEIGHT_BYTES) {
      throw new InputException("cannot export to ONNX: the model's weights take " + weightBytes
          + " bytes but an ONNX file (one protobuf message) holds at most 2147483647 bytes"
          + " (2 GiB, which ONNX Runtime enforces); the exporter does not write ONNX external"
          + " data");
    }
  }

  /** NodeProto: input = 1, output = 2, name = 3, op_type = 4 (attributes = 5 added after). */
  private static Protobuf node(String op, String name, List<String> inputs, String output) {
    Protobuf n = new Protobuf();
    for (String in : inputs) {
      n.string(1, in);
    }
    n.string(2, output);
    n.string(3, name);
    n.string(4, op);
    return n;
  }

  /** TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian). */
  private static Protobuf tensor(String name, long[] dims, float[] values) {
    Protobuf t = new Protobuf();
    for (long d : dims) {
      t.varint(1, d);
    }
    t.varint(2, FLOAT);
    t.string(8, name);
    ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    t.bytes(9, raw.array());
    return t;
  }

  /**
   * ValueInfoProto {name = 1, type = 2}: TypeProto.tensor_type (1) {elem_type = 1, shape = 2
   * {dim = 1: ["N" as dim_param = 2, width as dim_value = 1]}}.
   */
  private static Protobuf valueInfo(String name, int width) {
    Protobuf shape = new Protobuf()
        .message(1, new Protobuf().string(2, "N"))
        .message(1, new Protobuf().varint(1, width));
    Protobuf tensorType = new Protobuf().varint(1, FLOAT).message(2, shape);
    return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensorType));
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
