package dev.tikhonov.internal.data;

import java.util.Locale;
import java.util.Optional;

/**
 * Strict parsing of a numeric cell into float32, the precision the engine stores.
 *
 * <p>Accepted: optional sign, digits with an optional decimal point, optional exponent
 * ({@code -1.5e-3}, {@code .5}, {@code 7.}), surrounded by optional spaces. Rejected with a
 * reason: empty cells and missing-value markers (NA, null, ?), NaN and infinities, values
 * outside the float32 range, and anything else (Java's {@code 1d}, {@code 0x1p3}, thousands
 * separators, decimal commas). Stateless, so thread-safe.
 */
public final class Numbers {
  private Numbers() {}

  /** A cell that is not an acceptable number; the message says why, without position. */
  public static final class BadNumber extends Exception {
    private final boolean text;

    BadNumber(String message) {
      this(message, false);
    }

    BadNumber(String message, boolean text) {
      super(message, null, false, false);
      this.text = text;
    }

    /**
     * True when the cell is text that spells no number and no missing value ("img-0",
     * "Oslo", "1,5"), as a column of ids or names holds; false for an empty cell, NA, NaN, an
     * infinity or a value out of range.
     */
    public boolean isText() {
      return text;
    }
  }

  /**
   * The smallest largest magnitude a column of values to train on may have: 2²⁴ times float32's
   * smallest normal number (2⁻¹²⁶ ≈ 1.18e-38), 2⁻¹⁰² ≈ 1.97e-31. In a column whose largest
   * magnitude is at least this, every value that float32 rounds to 0 or to a subnormal number
   * (fewer than 24 significant bits) is below 2⁻²⁴ of the largest, float32's relative
   * precision: it loses nothing that the column's largest values do not lose anyway.
   */
  public static final double SMALLEST_LARGEST_MAGNITUDE = 0x1p-102;

  /**
   * Why a column whose largest magnitude is {@code largest} cannot be trained on in float32, or
   * empty when it can: 0 (a column of zeros) and anything from
   * {@link #SMALLEST_LARGEST_MAGNITUDE} up are fine. The message names the remedy, a power of
   * ten that takes the largest to about 1.
   */
  public static Optional<String> belowFloat32(double largest) {
    if (largest == 0 || largest >= SMALLEST_LARGEST_MAGNITUDE) {
      return Optional.empty();
    }
    int exponent = (int) -Math.floor(Math.log10(largest));
    return Optional.of(String.format(Locale.ROOT, "its largest magnitude is %.3g,"
        + " below %.3g (2^24 times 1.18e-38, the smallest normal float32): float32, the"
        + " precision models train in, would round the column's values to 0 or keep few of"
        + " their digits; rescale the column (multiply it by 1e%d, say)", largest,
        SMALLEST_LARGEST_MAGNITUDE, exponent));
  }

  /**
   * The power of two s = 2⁻ᵉ that takes {@code largest} (a column's largest magnitude), when
   * below 1, into [1, 2); 1 for 0, for 1 and above, and for NaN. Deviations multiplied by s
   * before they are squared cannot underflow (values near 1e-301 have squares below double's
   * smallest, 4.9e-324, and would read as a spread of 0), and since s is a power of two,
   * Σ(s·d)² = s²·Σd² and √(s²·v) = s·√v hold exactly: the spread divided by s again is, for
   * ordinary data, the unscaled arithmetic's to the last bit. It never scales down, so the
   * squares of huge values overflow as they did (and are refused as before).
   */
  public static double unitScale(double largest) {
    return largest > 0 && largest < 1 ? Math.scalb(1.0, -Math.getExponent(largest)) : 1.0;
  }

  public static float parseFloat(String cell) throws BadNumber {
    double v = parseDouble(cell);
    float f = (float) v;
    if (Float.isInfinite(f)) {
      throw new BadNumber(
          "value " + quote(cell.strip()) + " is outside the float32 range (about ±3.4e38)");
    }
    return f;
  }

  /**
   * The cell as the double it spells, rejected like {@link #parseFloat} when outside the float32
   * range (the neural engine trains in float32; linear models fit the double).
   */
  public static double parseValue(String cell) throws BadNumber {
    double v = parseDouble(cell);
    if (Float.isInfinite((float) v)) {
      throw new BadNumber(
          "value " + quote(cell.strip()) + " is outside the float32 range (about ±3.4e38)");
    }
    return v;
  }

  public static double parseDouble(String cell) throws BadNumber {
    String text = cell.strip();
    if (text.isEmpty()) {
      throw new BadNumber("empty cell; missing values are not allowed");
    }
    if (!looksNumeric(text)) {
      String lower = text.toLowerCase(Locale.ROOT);
      String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
      if (unsigned.equals("nan")) {
        throw new BadNumber("NaN is not allowed; remove or impute the value");
      }
      if (unsigned.equals("inf") || unsigned.equals("infinity")) {
        throw new BadNumber(quote(text) + ": infinite values are not allowed");
      }
      if (lower.equals("na") || lower.equals("n/a") || lower.equals("null")
          || lower.equals("none") || lower.equals("?")) {
        throw new BadNumber("missing value " + quote(text) + " is not allowed");
      }
      if (text.matches("[+-]?[0-9]{1,3},[0-9]{3}")) {
        // 1,234 is 1.234 in a German file and 1234 in an English one: both remedies
        throw new BadNumber("expected a number, found " + quote(text) + ": a decimal comma or"
            + " a thousands separator? numbers are read with a decimal point and without"
            + " thousands separators: for " + text.replace(',', '.') + ", save the file with"
            + " \".\" as the decimal separator; for " + text.replace(",", "") + ", save the"
            + " numbers without thousands separators");
      }
      if (text.matches("[+-]?[0-9]*,[0-9]+([eE][+-]?[0-9]+)?")) {
        // A decimal comma (1,5), as German or French spreadsheets write numbers in files
        // separated by ";": the remedy is not the text column's --ignore-columns.
        throw new BadNumber("expected a number, found " + quote(text) + ": a decimal comma?"
            + " numbers are read with a decimal point (" + text.replace(',', '.') + "), in"
            + " every locale; save the file with \".\" as the decimal separator");
      }
      throw new BadNumber("expected a number, found " + quote(text), true);
    }
    double v = Double.parseDouble(text);
    if (Double.isInfinite(v)) {
      throw new BadNumber("value " + quote(text) + " is outside the float32 range (about ±3.4e38)");
    }
    return v;
  }

  /** True for [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?. */
  public static boolean looksNumeric(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The text in double quotes, shortened and with control characters escaped ({@code \x00}),
   * and characters that print as nothing or as a plain space as a backslash, u and their four
   * hex digits (a no-break space as u00a0), for messages.
   */
  public static String quote(String text) {
    StringBuilder s = new StringBuilder("\"");
    int limit = Math.min(text.length(), 40);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        s.append(String.format("\\x%02x", (int) c));
      } else if (invisible(c)) {
        s.append(String.format("\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    if (text.length() > limit) {
      s.append("…");
    }
    return s.append('"').toString();
  }

  /**
   * Whether {@code c} prints as nothing or as a plain space in a terminal: a space other than
   * ' ' (no-break, narrow no-break, thin), a format character (zero-width space and joiners,
   * the byte-order mark, the soft hyphen), a control character (C1) or a line separator.
   */
  private static boolean invisible(char c) {
    int type = Character.getType(c);
    return type == Character.SPACE_SEPARATOR && c != ' ' || type == Character.FORMAT
        || type == Character.CONTROL || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
