package dev.tikhonov.internal.io;

import dev.tikhonov.data.InputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The checksum of a safetensors header's meaning, {@code __metadata__.header_crc32}: the CRC-32
 * (zlib's) of a canonical serialization of every {@code __metadata__} entry but the two
 * checksums and of every tensor's name, dtype, shape and offsets, as 8 lowercase hex digits.
 * With {@code data_crc32} (the tensors' bytes) it covers the whole file but the header's
 * layout: spacing, key order, padding and JSON escapes, which do not change what is read.
 *
 * <p>The canonical form, in docs/model-files.md for readers in other languages: with
 * {@code S(x)} the decimal byte length of x's UTF-8 encoding, {@code ':'} and those bytes,
 *
 * <pre>
 *   for each metadata entry (k, v) but data_crc32 and header_crc32, by k:
 *       S("m") S(k) S(v)
 *   for each tensor, by name:
 *       S("t") S(name) S(dtype) S(shape) S(offsets)
 * </pre>
 *
 * where "by" orders the UTF-8 bytes (Unicode code point order), shape is the sizes in decimal
 * joined by {@code ','} (empty for a scalar) and offsets {@code "begin,end"}. The tag and the
 * lengths make it one-to-one: no two headers serialize alike. Stateless; thread-safe.
 */
public final class HeaderChecksum {
  /** The {@code __metadata__} key that records it. */
  public static final String KEY = "header_crc32";

  private HeaderChecksum() {}

  /** The checksum of {@code metadata} and {@code tensors}, as {@link #KEY} holds it. */
  static String of(Map<String, String> metadata, Collection<SafeTensors.Info> tensors) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String key : sorted(metadata.keySet())) {
      if (!key.equals(KEY) && !key.equals(SafeTensors.CHECKSUM_KEY)) {
        put(out, "m");
        put(out, key);
        put(out, metadata.get(key));
      }
    }
    List<SafeTensors.Info> byName = new ArrayList<>(tensors);
    byName.sort(Comparator.comparing(SafeTensors.Info::name, HeaderChecksum::byUtf8));
    for (SafeTensors.Info t : byName) {
      put(out, "t");
      put(out, t.name());
      put(out, t.dtype().name());
      StringBuilder shape = new StringBuilder();
      for (long size : t.shape()) {
        shape.append(shape.length() == 0 ? "" : ",").append(size);
      }
      put(out, shape.toString());
      put(out, t.begin() + "," + t.end());
    }
    CRC32 crc = new CRC32();
    crc.update(out.toByteArray());
    return SafeTensors.hex(crc);
  }

  /**
   * Compares {@code header} with the checksum it records (a header without one passes): a
   * mismatch is an {@link InputException} naming the file, a {@code kind} ("model file",
   * "checkpoint") whose header changed after it was written.
   */
  public static void require(SafeTensors.Header header, String name, String kind) {
    String recorded = SafeTensors.recorded(header, KEY, name, "the header's entries");
    if (recorded == null) {
      return;
    }
    String actual = of(header.metadata(), header.tensors().values());
    if (!actual.equals(recorded)) {
      throw new InputException(name + ": the header differs from what was written (the CRC-32"
          + " of its metadata and tensor entries is " + actual + ", the " + kind + " records "
          + recorded + "): edited since, or a damaged copy? Copy the " + kind + " again from"
          + " where it was written");
    }
  }

  private static List<String> sorted(Collection<String> keys) {
    List<String> out = new ArrayList<>(keys);
    out.sort(HeaderChecksum::byUtf8);
    return out;
  }

  /** UTF-8 byte order, which is code point order (String.compareTo's UTF-16 order is not). */
  private static int byUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code S(x)}: the byte length in decimal, ':' and the UTF-8 bytes. */
  private static void put(ByteArrayOutputStream out, String x) {
    byte[] bytes = x.getBytes(StandardCharsets.UTF_8);
    out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(bytes);
  }
}
