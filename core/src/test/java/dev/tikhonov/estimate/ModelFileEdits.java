package dev.tikhonov.estimate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Model files edited in their header's metadata "model", for the loader's checks. */
final class ModelFileEdits {
  private ModelFileEdits() {}

  /**
   * A model file (safetensors: an 8-byte little-endian header length, the JSON header, the
   * tensors) with its metadata "model" object changed by {@code edit}, and without the header's
   * checksum: a file written before header_crc32, or by a writer that got the entry wrong,
   * whose entry the loader's own check then reaches.
   */
  static byte[] withModel(byte[] file, Consumer<ObjectNode> edit) throws Exception {
    ObjectMapper json = new ObjectMapper();
    int n = (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    ObjectNode header = (ObjectNode) json.readTree(new String(file, 8, n,
        StandardCharsets.UTF_8));
    ObjectNode metadata = (ObjectNode) header.get("__metadata__");
    ObjectNode model = (ObjectNode) json.readTree(metadata.get("model").textValue());
    edit.accept(model);
    metadata.put("model", json.writeValueAsString(model));
    metadata.remove("header_crc32");
    byte[] text = json.writeValueAsBytes(header);
    ByteBuffer out = ByteBuffer.allocate(8 + text.length + file.length - 8 - n)
        .order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(text.length).put(text).put(file, 8 + n, file.length - 8 - n);
    return out.array();
  }
}
