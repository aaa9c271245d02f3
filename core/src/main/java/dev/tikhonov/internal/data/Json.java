package dev.tikhonov.internal.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;

/**
 * The project's JSON mapper (Jackson), and atomic JSON file writing. Thread-safe as long as nobody
 * reconfigures {@code MAPPER}, which is configured once, in the class initializer (a configured
 * Jackson mapper may be shared between threads). Concurrent writes to different files are
 * independent; to the same file, each replaces it whole (temporary file and rename).
 */
public final class Json {
  /** Pretty-printing mapper; records serialize by their components. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** Writes {@code value} as JSON to {@code file} atomically. */
  public static void write(Path file, Object value) {
    AtomicFiles.write(file, out -> MAPPER.writeValue(new NonClosing(out), value));
  }

  /**
   * Jackson's parse error as one line without its internals: the location suffixes
   * ("at [Source: REDACTED …; line: 2, column: 1]", "(start marker at [Source: …])") are cut;
   * the caller names the file, line and column itself.
   */
  public static String problem(com.fasterxml.jackson.core.JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
        : e.getOriginalMessage();
    message = message.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
        .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
    return message.lines().map(String::strip).filter(l -> !l.isEmpty())
        .reduce((a, b) -> a + " " + b).orElse(message.strip());
  }

  /** {@code value} as one line of JSON. */
  public static String oneLine(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws java.io.IOException {
      flush();
    }
  }
}
