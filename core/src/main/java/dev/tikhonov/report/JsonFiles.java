package dev.tikhonov.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reading the JSON files of a run directory, turning every malformed file or missing field into
 * an {@link InputException} that names the file, and writing files atomically.
 */
final class JsonFiles {
  /** Accepts NaN/Infinity tokens: a diverged run may have written them. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          // RunInfo's Optional and OptionalLong fields: empty is JSON null, and back
          .addModule(new Jdk8Module())
          .build();

  private JsonFiles() {}

  /** The parsed file; InputException "file:line:column: ..." when it is not JSON. */
  static JsonNode read(Path file) {
    // Files.newInputStream, not file.toFile(): a missing file is then a NoSuchFileException, said
    // in words below, not "cannot read: FileNotFoundException: … (No such file or directory)".
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      JsonNode node = MAPPER.readTree(in);
      if (node == null || node.isMissingNode()) {
        throw new InputException(file + ": empty file, expected JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw InputException.at(
          file.toString(),
          at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(),
          "not valid JSON: " + dev.tikhonov.internal.data.Json.problem(e));
    } catch (IOException e) {
      throw dev.tikhonov.data.DataFiles.openFailure(file, "file not found", e);
    }
  }

  /** The array in {@code file}, or InputException. */
  static JsonNode readArray(Path file) {
    return requireArray(read(file), file);
  }

  /** {@code node}, the content of {@code file}, when it is an array; else InputException. */
  static JsonNode requireArray(JsonNode node, Path file) {
    if (!node.isArray()) {
      throw new InputException(file + ": expected a JSON array of rows, found " + node.getNodeType());
    }
    return node;
  }

  /** {@code node.field} as a double; null → NaN; missing → InputException naming {@code where}. */
  static double number(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw new InputException(where + ": missing field \"" + field + "\"");
    }
    return toDouble(v, where + ": field \"" + field + "\"");
  }

  /**
   * {@code node.field} as a double, NaN when missing or null; not a number → InputException
   * naming {@code where} (the file and the object) and the field.
   */
  static double optionalNumber(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Double.NaN : toDouble(v, where + ": field \"" + field
        + "\"");
  }


  static double toDouble(JsonNode v, String where) {
    if (v.isNull()) {
      return Double.NaN;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.textValue());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new InputException(where + ": expected a number, found " + v);
  }

  /**
   * {@code node.field} as a penalty strength λ: a finite number ≥ 0 (λ is drawn on a log axis,
   * λ = 0 in its own slot; a negative or non-finite λ has no place there).
   */
  static double lambda(JsonNode node, String field, String where) {
    return requireLambda(number(node, field, where), where + ": field \"" + field + "\"");
  }

  /** The array {@code node.field} of penalty strengths λ, each finite and ≥ 0. */
  static double[] lambdas(JsonNode node, String field, String where) {
    double[] out = numbers(node, field, where);
    for (int i = 0; i < out.length; i++) {
      requireLambda(out[i], where + ": " + field + "[" + i + "]");
    }
    return out;
  }

  private static double requireLambda(double value, String where) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new InputException(where + ": expected a finite λ ≥ 0, found " + value);
    }
    return value;
  }

  /**
   * The array {@code node.field} as doubles; InputException when missing, not an array (naming
   * the type found: the key is there) or not numbers.
   */
  static double[] numbers(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw new InputException(where + ": missing array \"" + field + "\"");
    }
    if (!v.isArray()) {
      throw new InputException(where + ": \"" + field + "\" must be an array of numbers, found "
          + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toDouble(v.get(i), where + ": " + field + "[" + i + "]");
    }
    return out;
  }

  /**
   * {@link #numbers}, refusing a null entry: for an array whose writer puts a number in every
   * entry (Jackson spells one that is not finite "NaN", "Infinity" or "-Infinity", which read
   * back as such), so that a null there is an edit of the file, not a value to draw as a gap.
   */
  static double[] numbersWithoutNull(JsonNode node, String field, String where) {
    double[] out = numbers(node, field, where);
    JsonNode array = node.get(field);
    for (int i = 0; i < out.length; i++) {
      requireNotNull(array.get(i), where + ": " + field + "[" + i + "]");
    }
    return out;
  }

  /** {@link #number}, refusing null: for a field whose writer always writes a number there. */
  static double numberWithoutNull(JsonNode node, String field, String where) {
    double value = number(node, field, where);
    requireNotNull(node.get(field), where + ": field \"" + field + "\"");
    return value;
  }

  /**
   * {@link #optionalNumber}, refusing null: for a field whose writer always writes a number
   * there, but that a file from before the field was written lacks (NaN then, shown as absent).
   */
  static double optionalNumberWithoutNull(JsonNode node, String field, String where) {
    return node.has(field) ? numberWithoutNull(node, field, where) : Double.NaN;
  }

  /**
   * {@link #toDouble} of a value its writer never writes as null ({@link #numbersWithoutNull});
   * {@code where} names the file and the key, down to the entry.
   */
  static double toDoubleWithoutNull(JsonNode v, String where) {
    requireNotNull(v, where);
    return toDouble(v, where);
  }

  private static void requireNotNull(JsonNode v, String where) {
    if (v.isNull()) {
      throw new InputException(where + " is null; expected a number, which the run writes"
          + " there (\"NaN\" for one that is not a number)");
    }
  }

  /**
   * The array {@code node.field} as histogram bin edges: numbers in non-decreasing order (bin i
   * spans [edges[i], edges[i+1]); the charts draw them as an area, which needs ordered x values).
   */
  static double[] histogramEdges(JsonNode node, String field, String where) {
    double[] edges = numbers(node, field, where);
    for (int i = 0; i < edges.length; i++) {
      if (Double.isNaN(edges[i]) || (i > 0 && edges[i] < edges[i - 1])) {
        throw new InputException(where + ": " + field + "[" + i + "] is " + edges[i]
            + (i > 0 ? " after " + edges[i - 1] : "")
            + "; histogram bin edges must be numbers in increasing order");
      }
    }
    return edges;
  }

  /** Checks that a histogram has one count per bin: {@code edges.length - 1} counts. */
  static void requireBins(double[] counts, double[] edges, String where) {
    if (counts.length != Math.max(0, edges.length - 1)) {
      throw new InputException(where + ": " + counts.length + " counts for " + edges.length
          + " edges, expected " + Math.max(0, edges.length - 1));
    }
  }

  /**
   * Writes {@code text} to {@code file} through a temporary file in the same directory and a
   * rename, so a reader never sees half a file.
   */
  static void writeAtomically(Path file, String text) {
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static void writeAtomically(Path file, byte[] bytes) {
    dev.tikhonov.internal.data.AtomicFiles.write(file, out -> out.write(bytes));
  }
}
