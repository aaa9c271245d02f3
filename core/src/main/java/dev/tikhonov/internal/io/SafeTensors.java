package dev.tikhonov.internal.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Matrix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The safetensors layout (huggingface/safetensors): an 8-byte little-endian unsigned header
 * length N, N bytes of UTF-8 JSON, then the tensors' raw little-endian bytes. The JSON maps each
 * tensor name to {@code {"dtype": "F32", "shape": [r, c], "data_offsets": [a, b]}} (offsets
 * relative to the data section, b − a = 4·r·c, or 8·r·c for F64) plus an optional {@code "__metadata__"} map of
 * string to string. The data section must be covered exactly: contiguous tensors, no holes, no
 * overlaps, nothing after the last one.
 *
 * <p>Reading validates the whole header against the file size before any tensor is allocated.
 */
public final class SafeTensors {
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SafeTensors() {}

  /**
   * Element types used by tikhonov: 4-byte IEEE float (network weights), 4-byte two's-complement
   * int (row orders), 8-byte IEEE double (linear models, fitted in double precision).
   */
  public enum DType {
    F32(4),
    I32(4),
    F64(8);

    final int bytes;

    DType(int bytes) {
      this.bytes = bytes;
    }
  }

  /** One tensor's entry; {@code begin}/{@code end} relative to the data section. */
  public record Info(String name, DType dtype, long[] shape, long begin, long end) {
    long elements() {
      return (end - begin) / dtype.bytes;
    }
  }

  /** A validated header: tensors in file order, metadata, where the data section starts. */
  public record Header(Map<String, Info> tensors, Map<String, String> metadata, long dataStart) {}

  /**
   * Reads and validates the header of {@code src}; {@code name} names the file in messages.
   * Only {@code allowed} dtypes are accepted.
   */
  static Header readHeader(ByteSource src, String name, Set<DType> allowed) {
    return readHeader(src, name, allowed, "model file");
  }

  /**
   * Whether a file's first 8 bytes open an ONNX ModelProto as exporters write it (tikhonov's
   * export, PyTorch's): field 1, ir_version, a one-byte varint, then field 2 (producer_name),
   * 7 (graph) or 8 (opset_import), length-delimited. The ONNX file given as a model was
   * described by the header length its bytes make, 7524223549525067784.
   */
  private static boolean isOnnx(ByteBuffer first8) {
    int tag = first8.get(2) & 0xff;
    return first8.get(0) == 0x08 && first8.get(1) > 0
        && (tag == (2 << 3 | 2) || tag == (7 << 3 | 2) || tag == (8 << 3 | 2));
  }

  /**
   * {@link #readHeader(ByteSource, String, Set)} for a file that should be a tikhonov
   * {@code kind} ("model file", "checkpoint"): a file that is not safetensors at all (a CSV
   * given as the model, say) is called not a tikhonov {@code kind}.
   */
  public static Header readHeader(ByteSource src, String name, Set<DType> allowed, String kind) {
    try {
      long size = src.size();
      if (size < 8) {
        throw bad(name, "file is " + size + " bytes, shorter than the 8-byte header length");
      }
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      src.readFully(0, lengthBytes);
      long n = lengthBytes.getLong(0);
      boolean plausible = n >= 2 && n <= FileLimits.MAX_HEADER_BYTES;
      if (!plausible && size == 8) {
        // only the length's 8 bytes, and a length no header has: no header follows (it said
        // "expected 2..0")
        throw bad(name, "not a tikhonov " + kind + " (safetensors: an 8-byte header length,"
            + " then a JSON header); its first 8 bytes read as a header length of "
            + Long.toUnsignedString(n) + " in a file of 8 bytes, and nothing follows them");
      }
      if ((!plausible || n > size - 8) && size > 8) {
        ByteBuffer first = ByteBuffer.allocate(1);
        src.readFully(8, first);
        if (first.get(0) != '{') {
          // No JSON header where one must start: another kind of file, not a damaged length.
          if (isOnnx(lengthBytes)) {
            throw bad(name, "not a tikhonov " + kind + ": it is an ONNX model, which tikhonov"
                + " exports from a model file but does not read; give the model file itself");
          }
          throw bad(name, "not a tikhonov " + kind + " (safetensors: an 8-byte header length,"
              + " then a JSON header); its first 8 bytes read as a header length of "
              + Long.toUnsignedString(n) + " in a file of " + size + " bytes, and no '{' follows"
              + " them");
        }
      }
      if (n >= 2 && n <= FileLimits.MAX_HEADER_BYTES && n > size - 8) {
        // a plausible length past the end: the file was cut short (it said "expected 2..0" of
        // a file truncated to its first 8 bytes)
        throw bad(name, "the file is cut short: its header length says a JSON header of "
            + n + " bytes follows, but the file ends " + (size - 8) + " bytes after it (" + size
            + " bytes in all; a copy or download that did not finish?)");
      }
      if (n < 2 || n > FileLimits.MAX_HEADER_BYTES) {
        throw bad(name, "header length " + Long.toUnsignedString(n) + " is out of range; "
            + "expected 2.." + Math.min(FileLimits.MAX_HEADER_BYTES, size - 8)
            + " (at most 16 MiB and within the file of " + size + " bytes)");
      }
      ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
      src.readFully(8, headerBytes);
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(headerBytes.flip()).toString();
      } catch (CharacterCodingException e) {
        throw bad(name, "header is not valid UTF-8");
      }
      if (!text.startsWith("{")) {
        throw bad(name, "header does not start with '{'; not a safetensors file");
      }
      JsonNode root;
      try {
        root = STRICT.readTree(text);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        // getOriginalMessage(): without Jackson's "[Source: …]" location suffix.
        String why = firstLine(e.getOriginalMessage());
        int cut = why.indexOf(" (start marker");
        throw bad(name, "header is not well-formed JSON: "
            + (cut < 0 ? why : why.substring(0, cut)));
      }
      if (root == null || !root.isObject()) {
        throw bad(name, "header is not a JSON object");
      }
      long dataLength = size - 8 - n;
      Map<String, String> metadata = new LinkedHashMap<>();
      List<Info> infos = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (f.getKey().equals("__metadata__")) {
          metadata = metadata(f.getValue(), name);
        } else {
          infos.add(info(f.getKey(), f.getValue(), name, allowed, dataLength));
        }
      }
      infos.sort(Comparator.comparingLong(Info::begin).thenComparingLong(Info::end));
      long at = 0;
      for (Info info : infos) {
        if (info.begin() != at) {
          if (info.end() > dataLength) {
            throw outside(name, info, dataLength);
          }
          throw bad(name, "tensor " + quote(info.name()) + " starts at data offset "
              + info.begin() + " but the previous one ends at " + at
              + "; tensors must be contiguous, without holes or overlaps");
        }
        at = info.end();
      }
      if (at > dataLength) {
        // contiguous tensors that run past the end: the file lost its last bytes (it named the
        // tensor whose data_offsets "lie outside the data section")
        throw bad(name, "the file is cut short: its tensors take " + at + " bytes after the"
            + " header, but the file ends " + dataLength + " bytes after it (" + size
            + " bytes in all; a copy or download that did not finish?)");
      }
      if (at != dataLength) {
        throw bad(name, "tensors cover " + at + " bytes but the data section holds "
            + dataLength + " bytes (file truncated or trailing bytes)");
      }
      Map<String, Info> tensors = new LinkedHashMap<>();
      for (Info info : infos) {
        tensors.put(info.name(), info);
      }
      return new Header(tensors, metadata, 8 + n);
    } catch (IOException e) {
      throw dev.tikhonov.data.DataFiles.cannotRead(name, e);
    }
  }

  private static Map<String, String> metadata(JsonNode node, String name) {
    if (!node.isObject()) {
      throw bad(name, "\"__metadata__\" must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw bad(name, "\"__metadata__\" value " + quote(e.getKey()) + " must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /**
   * A tensor's offsets that are no range or lie past the data section where the tensors before
   * it do not reach (a file cut short inside contiguous tensors is said to be cut short).
   */
  private static InputException outside(String name, Info info, long dataLength) {
    return bad(name, "tensor " + quote(info.name()) + ": data_offsets [" + info.begin() + ", "
        + info.end() + "] lie outside the data section of " + dataLength + " bytes");
  }

  private static Info info(
      String tensor, JsonNode node, String name, Set<DType> allowed, long dataLength) {
    String where = "tensor " + quote(tensor);
    if (tensor.isEmpty()) {
      throw bad(name, "empty tensor name");
    }
    if (!node.isObject()) {
      throw bad(name, where + ": expected an object with dtype, shape and data_offsets");
    }
    Iterator<String> keys = node.fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      if (!Set.of("dtype", "shape", "data_offsets").contains(k)) {
        throw bad(name, where + ": unknown field " + quote(k));
      }
    }
    JsonNode dtypeNode = node.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual()) {
      throw bad(name, where + ": missing dtype string");
    }
    DType dtype = null;
    for (DType d : allowed) {
      if (d.name().equals(dtypeNode.textValue())) {
        dtype = d;
      }
    }
    if (dtype == null) {
      throw bad(name, where + ": dtype " + quote(dtypeNode.textValue()) + " is not supported; "
          + "expected " + (allowed.size() == 1 ? allowed.iterator().next() : allowed));
    }
    JsonNode shapeNode = node.get("shape");
    if (shapeNode == null || !shapeNode.isArray() || shapeNode.size() > FileLimits.MAX_DIMENSIONS) {
      throw bad(name, where + ": shape must be an array of at most " + FileLimits.MAX_DIMENSIONS
          + " sizes");
    }
    long[] shape = new long[shapeNode.size()];
    long elements = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = nonNegativeLong(shapeNode.get(i), name, where + ": shape[" + i + "]");
      try {
        elements = Math.multiplyExact(elements, shape[i]);
      } catch (ArithmeticException e) {
        throw bad(name, where + ": shape " + shapeNode + " overflows");
      }
    }
    JsonNode offsets = node.get("data_offsets");
    if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
      throw bad(name, where + ": data_offsets must be an array [begin, end]");
    }
    long begin = nonNegativeLong(offsets.get(0), name, where + ": data_offsets[0]");
    long end = nonNegativeLong(offsets.get(1), name, where + ": data_offsets[1]");
    if (begin > end) {
      throw outside(name, new Info(tensor, dtype, shape, begin, end), dataLength);
    }
    int size = dtype.bytes;
    if (elements > Long.MAX_VALUE / size || end - begin != size * elements) {
      throw bad(name, where + ": data_offsets span " + (end - begin) + " bytes but shape "
          + shapeNode + " of " + dtype + " needs " + (elements > Long.MAX_VALUE / size
              ? "more" : String.valueOf(size * elements)));
    }
    return new Info(tensor, dtype, shape, begin, end);
  }

  private static long nonNegativeLong(JsonNode v, String name, String what) {
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw bad(name, what + " must be a non-negative integer, found " + v);
    }
    return v.longValue();
  }

  /** Bytes moved per read or write call: tensors stream through a buffer of this size. */
  private static final int CHUNK = 1 << 16;

  /** Reads an F32 tensor as a new rows×cols matrix (the caller checked rows·cols elements). */
  public static Matrix readMatrix(ByteSource src, Header header, Info info, int rows, int cols,
      String name) {
    Matrix m = Matrix.zeros(rows, cols);
    readInto(src, header, info, m, name);
    return m;
  }

  /**
   * Reads an F32 tensor into {@code out} (same element count), through a 64 KiB buffer: no
   * second copy of the tensor on the heap or off it. Modified: {@code out}.
   */
  static void readInto(ByteSource src, Header header, Info info, Matrix out, String name) {
    if (info.dtype() != DType.F32 || out.size() != info.elements()) {
      throw new IllegalStateException("tensor " + info.name() + " is not " + out.shape());
    }
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    long position = header.dataStart() + info.begin();
    for (int i = 0, n = out.size(); i < n; ) {
      int count = Math.min(CHUNK / 4, n - i);
      chunk.clear().limit(4 * count);
      readFully(src, position + 4L * i, chunk, info, name);
      for (int k = 0; k < count; k++) {
        out.put(i + k, chunk.getFloat(4 * k));
      }
      i += count;
    }
  }

  private static void readFully(ByteSource src, long position, ByteBuffer into, Info info,
      String name) {
    try {
      src.readFully(position, into);
    } catch (IOException e) {
      throw dev.tikhonov.data.DataFiles.cannotRead(name + ": tensor " + info.name(), e);
    }
  }

  /** Reads an F64 tensor (at most 2^31 − 9 elements). */
  static double[] readDoubles(ByteSource src, Header header, Info info, String name) {
    if (info.dtype() != DType.F64) {
      throw new IllegalStateException("tensor " + info.name() + " is not F64");
    }
    if (info.elements() > Integer.MAX_VALUE - 8) {
      throw bad(name, "tensor " + quote(info.name()) + " has more than 2^31 elements");
    }
    double[] out = new double[(int) info.elements()];
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    long position = header.dataStart() + info.begin();
    for (int i = 0; i < out.length; ) {
      int count = Math.min(CHUNK / 8, out.length - i);
      chunk.clear().limit(8 * count);
      readFully(src, position + 8L * i, chunk, info, name);
      for (int k = 0; k < count; k++) {
        out[i + k] = chunk.getDouble(8 * k);
      }
      i += count;
    }
    return out;
  }

  /** Reads an I32 tensor. */
  public static int[] readInts(ByteSource src, Header header, Info info, String name) {
    if (info.dtype() != DType.I32) {
      throw new IllegalStateException("tensor " + info.name() + " is not I32");
    }
    if (info.elements() > Integer.MAX_VALUE - 8) {
      throw bad(name, "tensor " + quote(info.name()) + " has more than 2^31 elements");
    }
    int[] out = new int[(int) info.elements()];
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    long position = header.dataStart() + info.begin();
    for (int i = 0; i < out.length; ) {
      int count = Math.min(CHUNK / 4, out.length - i);
      chunk.clear().limit(4 * count);
      readFully(src, position + 4L * i, chunk, info, name);
      for (int k = 0; k < count; k++) {
        out[i + k] = chunk.getInt(4 * k);
      }
      i += count;
    }
    return out;
  }

  /**
   * Collects tensors and writes them in the order added. It keeps references, not copies: the
   * values are read when {@link #writeTo} streams them (64 KiB at a time), so writing a model
   * takes no second copy of its weights.
   */
  public static final class Writer {
    /** One tensor: its entry in the header and how to stream its little-endian bytes. */
    private record Entry(String name, DType dtype, long[] shape, long bytes, Matrix matrix,
        int[] ints, double[] doubles) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Adds {@code m}'s values (row-major) under {@code name} with the given shape. */
    public Writer add(String name, Matrix m, long... shape) {
      return add(new Entry(name, DType.F32, shape.clone(), 4L * m.size(), m, null, null));
    }

    public Writer addInts(String name, int[] values) {
      return add(new Entry(name, DType.I32, new long[] {values.length}, 4L * values.length, null,
          values, null));
    }

    /** Adds {@code values} (row-major) as F64 under {@code name} with the given shape. */
    Writer addDoubles(String name, double[] values, long... shape) {
      return add(new Entry(name, DType.F64, shape.clone(), 8L * values.length, null, null,
          values));
    }

    private Writer add(Entry e) {
      for (Entry other : entries) {
        if (other.name().equals(e.name())) {
          throw new IllegalArgumentException("duplicate tensor name " + e.name());
        }
      }
      if (e.name().equals("__metadata__")) {
        throw new IllegalArgumentException("reserved tensor name " + e.name());
      }
      entries.add(e);
      return this;
    }

    /**
     * The length prefix and the header JSON for {@code metadata} plus {@link #CHECKSUM_KEY} (the
     * tensors' values as they are now: write them before they change) and
     * {@link HeaderChecksum#KEY}, and the tensors added so far, padded with spaces so that the
     * data section starts 8-byte aligned (as the reference writer does). Its length less 8 is
     * what {@link FileLimits#MAX_HEADER_BYTES} bounds.
     */
    public byte[] header(Map<String, String> metadata) {
      for (String reserved : List.of(CHECKSUM_KEY, HeaderChecksum.KEY)) {
        if (metadata.containsKey(reserved)) {
          throw new IllegalArgumentException("reserved metadata key " + reserved);
        }
      }
      ObjectNode root = STRICT.createObjectNode();
      ObjectNode meta = root.putObject("__metadata__");
      metadata.forEach(meta::put);
      meta.put(CHECKSUM_KEY, checksum());
      List<Info> infos = new ArrayList<>();
      long offset = 0;
      for (Entry e : entries) {
        infos.add(new Info(e.name(), e.dtype(), e.shape(), offset, offset + e.bytes()));
        ObjectNode t = root.putObject(e.name());
        t.put("dtype", e.dtype().name());
        ArrayNode shape = t.putArray("shape");
        for (long size : e.shape()) {
          shape.add(size);
        }
        t.putArray("data_offsets").add(offset).add(offset + e.bytes());
        offset += e.bytes();
      }
      meta.put(HeaderChecksum.KEY, HeaderChecksum.of(metadata, infos));
      byte[] json;
      try {
        json = STRICT.writeValueAsBytes(root);
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode a safetensors header", e);
      }
      int padded = (json.length + 7) / 8 * 8;
      byte[] out = new byte[8 + padded];
      ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, padded);
      System.arraycopy(json, 0, out, 8, json.length);
      java.util.Arrays.fill(out, 8 + json.length, out.length, (byte) ' ');
      return out;
    }

    /** Writes {@code header} (from {@link #header}) and the tensors to {@code out} (not closed). */
    public void writeTo(OutputStream out, byte[] header) throws IOException {
      out.write(header);
      stream(out::write);
    }

    /** The CRC-32 of the data section these tensors make, as {@link #CHECKSUM_KEY} holds it. */
    private String checksum() {
      CRC32 crc = new CRC32();
      try {
        stream(crc::update);
      } catch (IOException e) {
        throw new IllegalStateException("a checksum does not write", e);
      }
      return hex(crc);
    }

    /** Where {@link #stream} puts each chunk of little-endian bytes. */
    private interface Chunks {
      void put(byte[] bytes, int offset, int length) throws IOException;
    }

    /** The data section's bytes, 64 KiB at a time, into {@code out}. */
    private void stream(Chunks out) throws IOException {
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      for (Entry e : entries) {
        if (e.doubles() != null) {
          double[] v = e.doubles();
          for (int i = 0; i < v.length; ) {
            int count = Math.min(CHUNK / 8, v.length - i);
            for (int k = 0; k < count; k++) {
              chunk.putDouble(8 * k, v[i + k]);
            }
            out.put(chunk.array(), 0, 8 * count);
            i += count;
          }
          continue;
        }
        int n = e.matrix() != null ? e.matrix().size() : e.ints().length;
        for (int i = 0; i < n; ) {
          int count = Math.min(CHUNK / 4, n - i);
          for (int k = 0; k < count; k++) {
            if (e.matrix() != null) {
              chunk.putFloat(4 * k, e.matrix().at(i + k));
            } else {
              chunk.putInt(4 * k, e.ints()[i + k]);
            }
          }
          out.put(chunk.array(), 0, 4 * count);
          i += count;
        }
      }
    }
  }

  /**
   * The {@code __metadata__} key of the data section's checksum: the CRC-32 (zlib's, Python's
   * {@code zlib.crc32}) of every byte after the header, as 8 lowercase hex digits. Files written
   * before it was added have none, and load unchecked.
   */
  public static final String CHECKSUM_KEY = "data_crc32";

  /**
   * Compares the data section of {@code src} with the checksum its header records (a file
   * without one passes): a mismatch is an {@link InputException} naming the file, a
   * {@code kind} ("model file", "checkpoint") whose tensors changed after it was written.
   */
  public static void requireChecksum(ByteSource src, Header header, String name, String kind) {
    String recorded = recorded(header, CHECKSUM_KEY, name, "the tensors' bytes");
    if (recorded == null) {
      return;
    }
    CRC32 crc = new CRC32();
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    try {
      long size = src.size();
      for (long at = header.dataStart(); at < size; ) {
        int length = (int) Math.min(CHUNK, size - at);
        chunk.clear().limit(length);
        src.readFully(at, chunk);
        crc.update(chunk.flip());
        at += length;
      }
    } catch (IOException e) {
      throw dev.tikhonov.data.DataFiles.cannotRead(name, e);
    }
    if (!hex(crc).equals(recorded)) {
      throw bad(name, "the tensors differ from what was written (their bytes' CRC-32 is "
          + hex(crc) + ", the " + kind + " records " + recorded + "): a damaged copy? Copy the "
          + kind + " again from where it was written");
    }
  }

  /**
   * The CRC-32 that {@code header} records under {@code key}, null when it records none (a file
   * written before it); one that is no CRC-32 (8 hex digits) of {@code what} is refused.
   */
  static String recorded(Header header, String key, String name, String what) {
    String recorded = header.metadata().get(key);
    if (recorded != null && !recorded.matches("[0-9a-f]{8}")) {
      throw bad(name, "__metadata__ " + quote(key) + " is " + quote(recorded)
          + "; expected the CRC-32 of " + what + " as 8 hex digits");
    }
    return recorded;
  }

  static String hex(CRC32 crc) {
    return String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
  }

  static InputException bad(String name, String message) {
    return new InputException(name + ": " + message);
  }

  public static String quote(String s) {
    String shown = s.length() > 60 ? s.substring(0, 60) + "…" : s;
    return "\"" + shown.replace("\"", "\\\"") + "\"";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
