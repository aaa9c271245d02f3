package dev.tikhonov.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/** Small MNIST-style files for the CLI's tests. */
final class IdxFiles {
  private IdxFiles() {}

  /**
   * An IDX file: magic 00 00 08 (unsigned byte), the dimension count, sizes, the bytes; labels
   * (one dimension) 0..2, images a pattern that {@code seed} shifts.
   */
  static byte[] idx(int[] dims, int seed) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x0800 | dims.length);
    int n = 1;
    for (int d : dims) {
      out.writeInt(d);
      n *= d;
    }
    for (int i = 0; i < n; i++) {
      out.writeByte(dims.length == 1 ? (i + seed) % 3 : (i * 7 + seed) % 256);
    }
    return bytes.toByteArray();
  }

  /** {@code plain} gzipped. */
  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }
}
