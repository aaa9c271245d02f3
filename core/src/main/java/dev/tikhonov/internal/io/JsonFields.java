package dev.tikhonov.internal.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Validated access to the fields of a JSON object read from a file; errors name the file. */
public final class JsonFields {
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final JsonNode node;
  private final String file;
  private final String where;

  private JsonFields(JsonNode node, String file, String where) {
    this.node = node;
    this.file = file;
    this.where = where;
  }

  /** Parses {@code text} (a metadata entry called {@code key}) as a JSON object. */
  public static JsonFields parse(String text, String file, String key) {
    JsonNode root;
    try {
      root = STRICT.readTree(text);
    } catch (IOException e) {
      throw new InputException(file + ": metadata " + key + " is not well-formed JSON");
    }
    if (root == null || !root.isObject()) {
      throw new InputException(file + ": metadata " + key + " is not a JSON object");
    }
    return new JsonFields(root, file, key);
  }

  public JsonNode node() {
    return node;
  }

  private InputException bad(String field, String expected) {
    return new InputException(file + ": " + where + "." + field + ": expected " + expected
        + ", found " + shorten(node.get(field)));
  }

  /**
   * Requires this object to hold exactly its known keys: every key of {@code required} (its
   * value may be null), any of {@code optional}, nothing else. A key the loader does not know
   * is an error, not ignored: a bit flip in a key ({@code "standardizes"}) would otherwise drop
   * a field silently.
   */
  JsonFields requireKeys(Set<String> required, Set<String> optional) {
    Iterator<String> keys = node.fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      if (!required.contains(k) && !optional.contains(k)) {
        TreeSet<String> known = new TreeSet<>(required);
        known.addAll(optional);
        throw new InputException(file + ": " + where + ": unknown key "
            + SafeTensors.quote(k) + "; expected " + String.join(", ", known));
      }
    }
    for (String k : new TreeSet<>(required)) {
      if (!node.has(k)) {
        throw new InputException(file + ": " + where + ": key " + SafeTensors.quote(k)
            + " is missing");
      }
    }
    return this;
  }

  /**
   * The array {@code field} as strings, refusing a name that appears twice ({@code what} says
   * why names must be distinct).
   */
  List<String> distinctStrings(String field, int expectedSize, String what) {
    List<String> out = strings(field, expectedSize);
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < out.size(); i++) {
      Integer before = seen.putIfAbsent(out.get(i), i);
      if (before != null) {
        throw new InputException(file + ": " + where + "." + field + ": "
            + SafeTensors.quote(out.get(i)) + " appears twice (names " + (before + 1) + " and "
            + (i + 1) + "); " + what);
      }
    }
    return out;
  }

  /** The array {@code field} of JSON objects, each named {@code where.field[i]} in messages. */
  List<JsonFields> objects(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw bad(field, "an array of objects");
    }
    List<JsonFields> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isObject()) {
        throw new InputException(file + ": " + where + "." + field + "[" + i + "]: expected an"
            + " object, found " + shorten(v.get(i)));
      }
      out.add(new JsonFields(v.get(i), file, where + "." + field + "[" + i + "]"));
    }
    return out;
  }

  /** An error for {@code field}'s value {@code value}, which is none of {@code expected}. */
  InputException unknown(String field, String value, String expected) {
    return new InputException(file + ": " + where + "." + field + " " + SafeTensors.quote(value)
        + " is unknown; expected " + expected);
  }

  public boolean has(String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  String text(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw bad(field, "a string");
    }
    return v.textValue();
  }

  public int integer(String field, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min
        || v.longValue() > max) {
      throw bad(field, "an integer in " + min + ".." + max);
    }
    return v.intValue();
  }

  public long longValue(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw bad(field, "a 64-bit integer");
    }
    return v.longValue();
  }

  /** A finite number in [min, max). */
  public double number(String field, double min, double maxExclusive) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber() || !(v.doubleValue() >= min && v.doubleValue() < maxExclusive)) {
      throw bad(field, "a number in [" + min + ", " + maxExclusive + ")");
    }
    return v.doubleValue();
  }

  /** A number in [min, max], both ends included (l1_ratio's [0, 1]). */
  public double numberIn(String field, double min, double max) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber() || !(v.doubleValue() >= min && v.doubleValue() <= max)) {
      throw bad(field, "a number in [" + min + ", " + max + "]");
    }
    return v.doubleValue();
  }

  public boolean bool(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isBoolean()) {
      throw bad(field, "true or false");
    }
    return v.booleanValue();
  }

  JsonFields object(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isObject()) {
      throw bad(field, "an object");
    }
    return new JsonFields(v, file, where + "." + field);
  }

  List<String> strings(String field, int expectedSize) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray() || (expectedSize >= 0 && v.size() != expectedSize)) {
      throw bad(field, expectedSize >= 0 ? "an array of " + expectedSize + " strings"
          : "an array of strings");
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw bad(field, "strings only");
      }
      out.add(e.textValue());
    }
    return out;
  }

  List<Integer> integers(String field, int min, int max, int maxCount) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray() || v.size() > maxCount) {
      throw bad(field, "an array of at most " + maxCount + " integers");
    }
    List<Integer> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isIntegralNumber() || !e.canConvertToLong() || e.longValue() < min
          || e.longValue() > max) {
        throw bad(field, "integers in " + min + ".." + max);
      }
      out.add(e.intValue());
    }
    return out;
  }

  /** An array of {@code size} finite doubles, each ≥ {@code min} (exclusive if strict). */
  double[] doubles(String field, int size, double min, boolean strict) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray() || v.size() != size) {
      throw bad(field, "an array of " + size + " numbers");
    }
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      JsonNode e = v.get(i);
      double d = e.isNumber() ? e.doubleValue() : Double.NaN;
      if (!Double.isFinite(d) || d < min || (strict && d == min)) {
        throw new InputException(file + ": " + where + "." + field + "[" + i + "]: expected a "
            + "finite number " + (strict ? "> " : ">= ") + min + ", found " + shorten(e));
      }
      out[i] = d;
    }
    return out;
  }

  /** An array of at most {@code maxCount} 64-bit integers. */
  public long[] longArray(String field, int maxCount) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray() || v.size() > maxCount) {
      throw bad(field, "an array of at most " + maxCount + " integers");
    }
    return longs(field, v.size());
  }

  long[] longs(String field, int size) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray() || v.size() != size) {
      throw bad(field, "an array of " + size + " integers");
    }
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      JsonNode e = v.get(i);
      if (!e.isIntegralNumber() || !e.canConvertToLong()) {
        throw bad(field, "64-bit integers");
      }
      out[i] = e.longValue();
    }
    return out;
  }

  private static String shorten(JsonNode v) {
    if (v == null) {
      return "nothing";
    }
    String s = v.toString();
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
