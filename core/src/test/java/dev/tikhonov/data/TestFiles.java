package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.function.Executable;

/** Helpers to write small input files and check error messages. */
final class TestFiles {
  private TestFiles() {}

  static Path write(Path dir, String name, String content) {
    return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(Path dir, String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** An IDX header (type 0x08) for {@code dims}, followed by {@code dataBytes} data bytes. */
  static byte[] idx(int[] dims, int dataBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(0);
    out.write(0x08);
    out.write(dims.length);
    for (int d : dims) {
      out.write(d >>> 24);
      out.write(d >>> 16);
      out.write(d >>> 8);
      out.write(d);
    }
    for (int i = 0; i < dataBytes; i++) {
      out.write(i % 251);
    }
    return out.toByteArray();
  }

  /** Asserts that {@code action} throws an InputException whose message holds every part. */
  static InputException assertInputError(Executable action, String... parts) {
    InputException e = assertThrows(InputException.class, action);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part),
          () -> "message «" + e.getMessage() + "» lacks «" + part + "»");
    }
    return e;
  }
}
