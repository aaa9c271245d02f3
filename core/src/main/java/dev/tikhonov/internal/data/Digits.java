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
  /** The significant digits of {@link #few}. */
  private static final int FEW = 4;

  private Digits() {}

  /** {@code value} in at most four significant digits; 0 as "0", NaN and ±∞ as Java writes. */
  public static String few(double value) {
    return significant(value, FEW);
  }

  /**
   * A table's column of numbers (λ or γ, in the rows' order) as its rows print them: each in
   * {@link #few} digits, unless two neighbouring rows would then read the same although their
   * values differ (a path of 10,000 λ; --lambdas 0.1,0.10001), when every value gets the fewest
   * significant digits, more than four, that tell each row from the next. A λ is read off the
   * table to be typed back (--lambdas, --save-lambda): four digits put it within 0.05 % of the
   * row's, and rows read the same only when that is not enough to tell them apart. Every row
   * then shows as many significant digits as the row that needs most, zeros kept, as R prints
   * a vector: {@code 1.910e-03} beside {@code 5.832e-03}, where {@code 1.91e-03} read as a
   * rounder number; a grid of one digit each stays {@code 1}, {@code 0.1}, {@code 1e-03}. Zero
   * stays {@code 0}, NaN and ±∞ as Java writes them.
   */
  public static String[] column(double[] values) {
    for (int digits = FEW; ; digits++) {
      String[] out = new String[values.length];
      boolean distinct = true;
      for (int i = 0; i < values.length; i++) {
        out[i] = significant(values[i], digits);
        distinct &= i == 0 || values[i] == values[i - 1] || !out[i].equals(out[i - 1]);
      }
      // 17 significant digits tell any two doubles apart
      if (distinct || digits >= 17) {
        return padded(out);
      }
    }
  }

  /**
   * {@code column}'s texts with zeros appended after the point where one shows fewer digits than
   * the most that any needs: the digits from its first nonzero one to its last, so that 10 and
   * 100 beside 2.5 need no point (they show 2 and 3).
   */
  private static String[] padded(String[] column) {
    int most = 0;
    for (String s : column) {
      most = Math.max(most, digits(s).replaceFirst("0+$", "").length());
    }
    String[] out = new String[column.length];
    for (int i = 0; i < out.length; i++) {
      String s = column[i];
      int missing = most - digits(s).length();
      if (s.equals("0") || !Character.isDigit(s.charAt(s.length() - 1)) || missing <= 0) {
        out[i] = s;
        continue;
      }
      int e = s.indexOf('e');
      String mantissa = e < 0 ? s : s.substring(0, e);
      out[i] = mantissa + (mantissa.contains(".") ? "" : ".") + "0".repeat(missing)
          + (e < 0 ? "" : s.substring(e));
    }
    return out;
  }

  /**
   * The digits a number {@link #significant} wrote shows, from its first nonzero one:
   * {@code 125} for {@code 0.0125}, {@code 191} for {@code 1.91e-03}, {@code 10} for 10; none
   * for 0, NaN and ±∞.
   */
  private static String digits(String text) {
    int e = text.indexOf('e');
    return (e < 0 ? text : text.substring(0, e)).replaceAll("[^0-9]", "").replaceFirst("^0+", "");
  }

  /**
   * {@code value} as its row of the table of {@code column} prints it ({@link #column}), when it
   * is one of the column's values; otherwise in {@link #few} digits. A line beside a table (the
   * λ saved, a criterion's choice, a warning) names a λ as the row it is read off.
   */
  public static String row(double[] column, double value) {
    for (int i = 0; i < column.length; i++) {
      if (column[i] == value) {
        return column(column)[i];
      }
    }
    return few(value);
  }

  /** {@code value} in at most {@code digits} significant digits, as {@link #few} writes it. */
  private static String significant(double value, int digits) {
    if (value == 0) {
      return "0";
    }
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    String s = Math.abs(value) < 0.01
        ? String.format(Locale.ROOT, "%." + (digits - 1) + "e", value)
        : String.format(Locale.ROOT, "%." + digits + "g", value);
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
