package dev.tikhonov.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzipped.
 *
 * <p>Layout (big-endian): two zero bytes, a type code (only {@code 0x08}, unsigned byte, is
 * supported), the number of dimensions d (1..4), d four-byte dimension sizes, then the product
 * of the sizes in data bytes, row-major, and nothing after them. A stream that starts with the
 * gzip magic {@code 1f 8b} is decompressed first.
 *
 * <p>Every check happens before the data is trusted: the header is validated, the declared
 * size is bounded ({@value #MAX_BYTES} bytes) before anything is allocated, and the data
 * buffer grows only as bytes actually arrive, so a header that claims gigabytes in a
 * 100-byte file costs nothing and is reported as truncated. Bad input gives an
 * {@link InputException} naming the file, e.g.
 * {@code train-images-idx3-ubyte: truncated: expected 6272000 bytes of data (8000x28x28), found 1000}.
 * Stateless: each call reads through its own buffers, so calls on different files or streams may
 * run on any threads at once.
 */
public final class IdxReader {
  /** Largest data size accepted: the largest Java byte array. */
  public static final int MAX_BYTES = Integer.MAX_VALUE - 8;

  private static final int TYPE_UNSIGNED_BYTE = 0x08;
  private static final int FIRST_CHUNK = 1 << 20;

  private IdxReader() {}

  /** Reads {@code file}, decompressing it if it starts with the gzip magic bytes. */
  public static IdxArray read(Path file) {
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, source);
    } catch (NoSuchFileException e) {
      throw new InputException(source + ": file not found" + DataFiles.danglingLink(file));
    } catch (IOException e) {
      throw DataFiles.cannotRead(source, e);
    }
  }

  /**
   * Reads an IDX array from {@code in} (raw or gzipped), naming {@code sourceName} in errors.
   * Does not close {@code in}.
   */
  public static IdxArray read(InputStream in, String sourceName) {
    java.util.Objects.requireNonNull(in, "in");
    java.util.Objects.requireNonNull(sourceName, "sourceName");
    try {
      return readRaw(DataFiles.decompressed(in), sourceName);
    } catch (IOException e) {
      throw DataFiles.cannotRead(sourceName, e);
    }
  }

  private static IdxArray readRaw(InputStream in, String source) throws IOException {
    byte[] magic = new byte[4];
    int got = readFully(in, magic, 0, 4);
    if (got == 0) {
      throw new InputException(source + ": empty file; expected an IDX header");
    }
    if (got < 4) {
      throw new InputException(
          source + ": truncated: expected a 4-byte IDX magic number, found " + got + " bytes");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new InputException(
          source + ": not an IDX file: magic number " + hex(magic)
              + " does not start with 00 00 (expected e.g. 00 00 08 03 for MNIST images)");
    }
    int type = magic[2] & 0xff;
    int numDims = magic[3] & 0xff;
    if (type != TYPE_UNSIGNED_BYTE) {
      throw new InputException(
          source + ": IDX type code 0x" + String.format("%02x", type)
              + " is not supported; only 0x08 (unsigned byte) is");
    }
    if (numDims < 1 || numDims > 4) {
      throw new InputException(
          source + ": IDX header declares " + numDims + " dimensions; expected 1 to 4");
    }
    byte[] header = new byte[4 * numDims];
    got = readFully(in, header, 0, header.length);
    if (got < header.length) {
      throw new InputException(
          source + ": truncated: expected " + header.length + " bytes of dimension sizes for "
              + numDims + " dimensions, found " + got);
    }
    int[] dims = new int[numDims];
    long size = 1;
    for (int k = 0; k < numDims; k++) {
      int i = 4 * k;
      dims[k] = ((header[i] & 0xff) << 24) | ((header[i + 1] & 0xff) << 16)
          | ((header[i + 2] & 0xff) << 8) | (header[i + 3] & 0xff);
      if (dims[k] <= 0) {
        throw new InputException(
            source + ": IDX dimension " + (k + 1) + " is " + Integer.toUnsignedString(dims[k])
                + (dims[k] < 0 ? " (above 2^31-1)" : "") + "; expected a positive size");
      }
      size *= dims[k];
      if (size > MAX_BYTES) {
        throw new InputException(
            source + ": IDX dimensions " + describe(dims, k + 1) + " declare more than "
                + MAX_BYTES + " bytes; too large to load");
      }
    }
    String shape = describe(dims, numDims);
    byte[] data = readData(in, (int) size, source, shape);
    if (in.read() >= 0) {
      long extra = 1 + in.skip(Long.MAX_VALUE);
      throw new InputException(
          source + ": " + extra + (extra == 1 ? " byte" : " bytes") + " of trailing garbage after "
              + size + " bytes of data (" + shape + ")");
    }
    return new IdxArray(dims, data);
  }

  /** Reads exactly {@code size} bytes, growing the buffer only as data arrives. */
  private static byte[] readData(InputStream in, int size, String source, String shape)
      throws IOException {
    byte[] data = new byte[Math.min(size, FIRST_CHUNK)];
    int filled = 0;
    while (true) {
      int got = readFully(in, data, filled, data.length - filled);
      filled += got;
      if (filled < data.length) {
        throw new InputException(
            source + ": truncated: expected " + size + " bytes of data (" + shape + "), found "
                + filled);
      }
      if (filled == size) {
        return data;
      }
      data = Arrays.copyOf(data, (int) Math.min(size, 2L * data.length));
    }
  }

  /** Reads up to {@code length} bytes; returns fewer only at end of stream. */
  private static int readFully(InputStream in, byte[] buffer, int offset, int length)
      throws IOException {
    int total = 0;
    while (total < length) {
      int got = in.read(buffer, offset + total, length - total);
      if (got < 0) {
        break;
      }
      total += got;
    }
    return total;
  }

  private static String describe(int[] dims, int count) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < count; k++) {
      s.append(k == 0 ? "" : "x").append(dims[k]);
    }
    return s.toString();
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(s.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xff));
    }
    return s.toString();
  }
}
