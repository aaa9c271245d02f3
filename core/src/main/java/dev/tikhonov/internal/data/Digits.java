package dev.tikhonov.internal.data;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A number in at most four significant digits, trailing zeros dropped, in the root locale: how
 * λ and the settings beside it are written in labels and messages ({@code 0.3}, {@code 10},
 * {@code 0.0125}, {@code 3.5e-03}, {@code 1e+04}), as the progress lines' {@code %.4g} rounds
 * them without its padding zeros. Below 0.01 in scientific form, so that a grid's 1e-04 reads
 * as such. Stateless, so thread-safe.
 */
public final class Digits {
  private Digits() {}

  /** {@code value} in at most four significant digits; 0 as "0", NaN and ±∞ as Java writes. */
  public static String few(double value) {
    if (value == 0) {
      return "0";
    }
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    String s = String.format(Locale.ROOT, Math.abs(value) < 0.01 ? "%.3e" : "%.4g", value);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("\\.?0+$", "");
    }
    return e < 0 ? mantissa : mantissa + s.substring(e);
  }

  /**
   * A search's settings as {@link Map#toString} writes them, but their decimal numbers (a
   * {@code Double} or {@code Float}, also inside a list) in {@link #few}: "{lambda=3.5e-04,
   * dropout=0, learning_rate=0.05}", where Java's text of the doubles was "{lambda=3.5E-4,
   * dropout=0.0, learning_rate=0.05}". Whole numbers and other values as {@code toString}.
   */
  public static String settings(Map<String, ?> settings) {
    return settings.entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static String value(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return few(((Number) value).doubleValue());
    }
    if (value instanceof Collection<?> values) {
      return values.stream().map(Digits::value).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(value);
  }
}
