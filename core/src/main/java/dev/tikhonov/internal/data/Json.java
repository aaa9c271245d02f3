package dev.tikhonov.internal.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.nio.file.Path;

/**
 * The project's JSON mapper (Jackson), and atomic JSON file writing. Thread-safe as long as nobody
 * reconfigures {@code MAPPER}, which is configured once, in the class initializer (a configured
 * Jackson mapper may be shared between threads). Concurrent writes to different files are
 * independent; to the same file, each replaces it whole (temporary file and rename).
 */
public final class Json {
  /**
   * Pretty-printing mapper; records serialize by their components, an empty Optional or
   * OptionalDouble as JSON null.
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(new Jdk8Module());

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

  /**
   * A JSON object of {@code keysAndValues} (key, value, key, value, …) with its keys in that
   * order. For the files the project writes, instead of {@code Map.of}, whose iteration order
   * changes from one JVM to the next: two identical runs would list a file's keys in different
   * orders.
   *
   * @throws IllegalArgumentException for an odd count, a key that is not a String, or a key
   *     given twice
   */
  public static java.util.Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values in pairs, got "
          + keysAndValues.length + " items");
    }
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (!(keysAndValues[i] instanceof String key)) {
        throw new IllegalArgumentException("key " + (i / 2 + 1) + " is not a String: "
            + keysAndValues[i]);
      }
      if (out.containsKey(key)) {
        throw new IllegalArgumentException("key '" + key + "' given twice");
      }
      out.put(key, keysAndValues[i + 1]);
    }
    return out;
  }

  /** {@code value} as one line of JSON. */
  public static String oneLine(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes a NaN number as JSON's null (JSON has no NaN; docs/formats.md: "values that do not
   * exist are JSON null"), for a record component annotated
   * {@code @JsonSerialize(using = Json.NullForNaN.class)}. Stateless.
   */
  public static final class NullForNaN extends
      com.fasterxml.jackson.databind.ser.std.StdSerializer<Double> {
    public NullForNaN() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, com.fasterxml.jackson.core.JsonGenerator out,
        com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
      if (value.isNaN()) {
        out.writeNull();
      } else {
        out.writeNumber(value);
      }
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
