package dev.tikhonov.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Standardizer;
import dev.tikhonov.internal.io.HeaderChecksum;
import dev.tikhonov.internal.io.SafeTensors;
import dev.tikhonov.loss.Family;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.ModelSpec;
import dev.tikhonov.train.TrainConfig;
import dev.tikhonov.train.Training;
import dev.tikhonov.train.TrainingListener;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Small trained models and byte-level surgery on model files, shared by the io tests. */
final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  /** Three Gaussian blobs in 5 dimensions with offset and scale, labels 0..2. */
  static Dataset blobs(int n, long seed) {
    Rng rng = new Rng(seed);
    Matrix x = Matrix.zeros(n, 5);
    Matrix y = Matrix.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(3);
      y.put(i, c);
      for (int j = 0; j < 5; j++) {
        x.set(i, j, (float) (10 + 3 * (rng.nextGaussian() + (j == c ? 2.5 : 0))));
      }
    }
    return new Dataset(x, y, java.util.List.of("a", "b", "c", "d", "e"),
        java.util.List.of("red", "green", "blue"), "blobs");
  }

  /** A trained, standardized model of {@code spec} ("mlp:8,4" etc.) on blobs. */
  static Model trained(String spec, double dropout) {
    Dataset raw = blobs(300, 1);
    Standardizer s = Standardizer.fit(raw.features());
    Dataset train = raw.withFeatures(s.transform(raw.features()));
    TrainConfig config = new TrainConfig(3, 32, 5, Penalty.l2(1e-3),
        Optimizers.sgd(0.05).momentum(0.9), 0);
    return Training.fit(ModelSpec.parse(spec, dropout, Family.MULTINOMIAL), train, null, null, config,
        TrainingListener.none(), s.mean(), s.scale()).model();
  }

  /** The header JSON of a safetensors file. */
  static ObjectNode header(byte[] file) throws Exception {
    long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return (ObjectNode) JSON.readTree(new String(file, 8, (int) n, StandardCharsets.UTF_8));
  }

  /**
   * {@code file} with its header JSON changed by {@code edit}, the data section kept, and the
   * header's checksum recomputed when it has one: a file another writer got wrong, which the
   * loader's own checks must refuse ({@link #editedByHand} leaves the checksum as it was).
   */
  static byte[] withHeader(byte[] file, Consumer<ObjectNode> edit) throws Exception {
    ObjectNode h = header(file);
    edit.accept(h);
    seal(h);
    return withHeaderText(file, JSON.writeValueAsString(h));
  }

  /** {@code file} with its header JSON changed by {@code edit}, its checksums as they were. */
  static byte[] editedByHand(byte[] file, Consumer<ObjectNode> edit) throws Exception {
    ObjectNode h = header(file);
    edit.accept(h);
    return withHeaderText(file, JSON.writeValueAsString(h));
  }

  /** Sets {@code header_crc32} of {@code header} to its entries' checksum, if it has one. */
  static void seal(ObjectNode header) throws Exception {
    if (header.path("__metadata__").has(HeaderChecksum.KEY)) {
      // through text, as the reader sees it: a test's putPOJO(List) becomes an array
      ObjectNode written = (ObjectNode) JSON.readTree(JSON.writeValueAsString(header));
      ((ObjectNode) header.get("__metadata__")).put(HeaderChecksum.KEY, headerCrc32(written));
    }
  }

  /**
   * {@code header_crc32} of a header as docs/model-files.md defines it (written from the docs,
   * as read_safetensors.py is, not from HeaderChecksum): zlib's CRC-32 of S("m") S(key)
   * S(value) for each metadata entry but the two checksums, then S("t") S(name) S(dtype)
   * S(shape) S(offsets) for each tensor, both in UTF-8 byte order, S(x) being x's UTF-8 byte
   * count in decimal, ':' and the bytes. Entries that are no object (a test's marker) are left
   * out.
   */
  static String headerCrc32(ObjectNode header) {
    Comparator<String> utf8 = (a, b) -> Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    TreeMap<String, List<String>> meta = new TreeMap<>(utf8);
    header.path("__metadata__").fields().forEachRemaining(e -> {
      if (!Set.of("data_crc32", "header_crc32").contains(e.getKey())) {
        meta.put(e.getKey(), List.of("m", e.getKey(), e.getValue().asText()));
      }
    });
    TreeMap<String, List<String>> tensors = new TreeMap<>(utf8);
    header.fields().forEachRemaining(e -> {
      JsonNode t = e.getValue();
      if (!e.getKey().equals("__metadata__") && t.isObject()) {
        List<String> shape = new ArrayList<>();
        t.get("shape").forEach(size -> shape.add(size.asText()));
        tensors.put(e.getKey(), List.of("t", e.getKey(), t.get("dtype").asText(),
            String.join(",", shape), t.get("data_offsets").get(0).asText() + ","
                + t.get("data_offsets").get(1).asText()));
      }
    });
    StringBuilder canonical = new StringBuilder();
    for (TreeMap<String, List<String>> part : List.of(meta, tensors)) {
      for (List<String> strings : part.values()) {
        for (String x : strings) {
          canonical.append(x.getBytes(StandardCharsets.UTF_8).length).append(':').append(x);
        }
      }
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }

  static byte[] withHeaderText(byte[] file, String text) {
    long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    byte[] json = text.getBytes(StandardCharsets.UTF_8);
    byte[] data = Arrays.copyOfRange(file, 8 + (int) n, file.length);
    return concat(lengthPrefix(json.length), json, data);
  }

  /** {@code file} with its 8-byte header length replaced. */
  static byte[] withHeaderLength(byte[] file, long length) {
    byte[] out = file.clone();
    System.arraycopy(lengthPrefix(length), 0, out, 0, 8);
    return out;
  }

  static byte[] lengthPrefix(long n) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
  }

  static byte[] concat(byte[]... parts) {
    int total = 0;
    for (byte[] p : parts) {
      total += p.length;
    }
    byte[] out = new byte[total];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** The "model" metadata entry of a model file, parsed. */
  static ObjectNode modelEntry(ObjectNode header) throws Exception {
    return (ObjectNode) JSON.readTree(header.get("__metadata__").get("model").textValue());
  }

  /** A metadata entry holding JSON (checkpoint "state", model "model"), parsed. */
  static ObjectNode metadataJson(ObjectNode header, String key) throws Exception {
    return (ObjectNode) JSON.readTree(header.get("__metadata__").get(key).textValue());
  }

  /** {@code file} with the metadata JSON entry {@code key} changed by {@code edit}. */
  static byte[] withMetadataJson(byte[] file, String key, Consumer<ObjectNode> edit)
      throws Exception {
    return withHeader(file, h -> {
      try {
        ObjectNode entry = metadataJson(h, key);
        edit.accept(entry);
        ((ObjectNode) h.get("__metadata__")).put(key, JSON.writeValueAsString(entry));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  /** {@code file} with float element {@code index} of tensor {@code tensor} set to {@code value}. */
  static byte[] withFloat(byte[] file, String tensor, int index, float value) throws Exception {
    long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    long begin = header(file).get(tensor).get("data_offsets").get(0).asLong();
    byte[] out = file.clone();
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putFloat((int) (8 + n + begin + 4L * index),
        value);
    return resealed(out);
  }

  /** {@code file} with int element {@code index} of tensor {@code tensor} set to {@code value}. */
  static byte[] withInt(byte[] file, String tensor, int index, int value) throws Exception {
    long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    long begin = header(file).get(tensor).get("data_offsets").get(0).asLong();
    byte[] out = file.clone();
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (8 + n + begin + 4L * index),
        value);
    return resealed(out);
  }

  /**
   * {@code file} whose metadata records the checksum of its data section as it now is: a file
   * whose numbers another writer got wrong, which the loader's number checks must refuse (a
   * file without the checksum, written before it, is left without).
   */
  static byte[] resealed(byte[] file) throws Exception {
    long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (!header(file).path("__metadata__").has(SafeTensors.CHECKSUM_KEY)) {
      return file;
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(file, 8 + (int) n, file.length - 8 - (int) n);
    String sum = String.format("%08x", crc.getValue());
    return withHeader(file, h -> ((ObjectNode) h.get("__metadata__"))
        .put(SafeTensors.CHECKSUM_KEY, sum));
  }

  /** {@code file} with byte {@code at} (counted from the file's start) inverted. */
  static byte[] withFlippedByte(byte[] file, long at) {
    byte[] out = file.clone();
    out[(int) at] = (byte) ~out[(int) at];
    return out;
  }

  /** Replaces the "model" metadata entry. */
  static void setModelEntry(ObjectNode header, ObjectNode model) throws Exception {
    ((ObjectNode) header.get("__metadata__")).put("model", JSON.writeValueAsString(model));
  }
}
