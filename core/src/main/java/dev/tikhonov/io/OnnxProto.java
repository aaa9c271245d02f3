package dev.tikhonov.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.internal.io.ModelFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ONNX messages the exporters write, encoded by {@link Protobuf} with the field numbers of
 * onnx.proto: NodeProto, TensorProto, ValueInfoProto and the ModelProto around a graph.
 * Stateless.
 */
final class OnnxProto {
  /** TensorProto.DataType FLOAT. */
  static final int FLOAT = 1;
  /** TensorProto.DataType DOUBLE. */
  static final int DOUBLE = 11;
  private static final ObjectMapper JSON = new ObjectMapper();

  private OnnxProto() {}

  /** NodeProto: input = 1, output = 2, name = 3, op_type = 4 (attributes = 5 added after). */
  static Protobuf node(String op, String name, List<String> inputs, String output) {
    Protobuf n = new Protobuf();
    for (String in : inputs) {
      n.string(1, in);
    }
    n.string(2, output);
    n.string(3, name);
    n.string(4, op);
    return n;
  }

  /** A node with one integer attribute: AttributeProto {name = 1, i = 3, type = 20 (INT = 2)}. */
  static Protobuf node(String op, String name, List<String> inputs, String output,
      String attribute, long value) {
    return node(op, name, inputs, output)
        .message(5, new Protobuf().string(1, attribute).varint(3, value).varint(20, 2));
  }

  /** {@code Cast(input, to = type)}. */
  static Protobuf cast(String input, String output, int type) {
    return node("Cast", output, List.of(input), output, "to", type);
  }

  /** TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian float32). */
  static Protobuf tensor(String name, long[] dims, float[] values) {
    ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    return tensor(name, dims, FLOAT, raw.array());
  }

  /** As {@link #tensor(String, long[], float[])} in float64. */
  static Protobuf tensor(String name, long[] dims, double[] values) {
    ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      raw.putDouble(v);
    }
    return tensor(name, dims, DOUBLE, raw.array());
  }

  private static Protobuf tensor(String name, long[] dims, int type, byte[] raw) {
    Protobuf t = new Protobuf();
    for (long d : dims) {
      t.varint(1, d);
    }
    t.varint(2, type);
    t.string(8, name);
    t.bytes(9, raw);
    return t;
  }

  /**
   * ValueInfoProto {name = 1, type = 2}: TypeProto.tensor_type (1) {elem_type = 1, shape = 2
   * {dim = 1: ["N" as dim_param = 2, width as dim_value = 1]}}.
   */
  static Protobuf valueInfo(String name, int type, int width) {
    Protobuf shape = new Protobuf()
        .message(1, new Protobuf().string(2, "N"))
        .message(1, new Protobuf().varint(1, width));
    Protobuf tensorType = new Protobuf().varint(1, type).message(2, shape);
    return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensorType));
  }

  /**
   * The ModelProto around {@code graph}, with the metadata props {@code feature_names} and
   * {@code class_names} as JSON arrays of strings ({@code ["x,1","c\"d"]}), so that names with
   * commas or quotes stay one name each.
   */
  static byte[] model(Protobuf graph, List<String> featureNames, List<String> classNames) {
    Protobuf m = new Protobuf()
        .varint(1, OnnxExport.IR_VERSION)
        .string(2, "tikhonov")
        .string(3, ModelFile.version())
        .string(4, "dev.tikhonov")
        .varint(5, 1)
        .string(6, "Exported from a tikhonov model file; see docs/model-files.md.")
        .message(7, graph)
        .message(8, new Protobuf().string(1, "").varint(2, OnnxExport.OPSET));
    Map<String, String> meta = new TreeMap<>();
    meta.put("feature_names", jsonArray(featureNames));
    meta.put("class_names", jsonArray(classNames));
    for (Map.Entry<String, String> e : meta.entrySet()) {
      m.message(14, new Protobuf().string(1, e.getKey()).string(2, e.getValue()));
    }
    return m.toByteArray();
  }

  static String jsonArray(List<String> names) {
    try {
      return JSON.writeValueAsString(names);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }
}
