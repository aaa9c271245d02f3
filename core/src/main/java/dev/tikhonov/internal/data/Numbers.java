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
   * One column's values, added one by one, against float32, the precision the networks train
   * in: float32 keeps 24 significant bits down to its smallest normal number 2⁻¹²⁶ ≈ 1.18e-38
   * and rounds a value below it to 0 or to fewer bits. That loses something only where the value
   * is not negligible beside the column's largest magnitude m, that is at least 2⁻²⁴·m,
   * float32's resolution at m: a 1e-50 among values near 1 is read as given, and so is a column
   * of 8e-35 (normal float32 numbers); a column of 1e-301, or a 1e-40 beside 1e-35, is refused
   * ({@link #problem()}). Not thread-safe: one per column and reader.
   */
  public static final class Float32Column {
    private double largest;
    private double largestBelowNormal;

    /** Takes the column's next value. */
    public void add(double value) {
      double magnitude = Math.abs(value);
      largest = Math.max(largest, magnitude);
      if (magnitude < Float.MIN_NORMAL) {
        largestBelowNormal = Math.max(largestBelowNormal, magnitude);
      }
    }

    /**
     * Why the values added cannot be trained on in float32 (the class's rule), or empty when
     * they can. The message names the value, the column's largest magnitude and the remedy, a
     * power of ten that takes the largest to about 1.
     */
    public Optional<String> problem() {
      if (largestBelowNormal == 0 || largestBelowNormal < 0x1p-24 * largest) {
        return Optional.empty();
      }
      int exponent = (int) -Math.floor(Math.log10(largest));
      return Optional.of(String.format(Locale.ROOT, "holds %.3g, below 1.18e-38, float32's"
          + " smallest normal number, and within float32's 24 bits of the column's largest"
          + " magnitude %.3g: float32, the precision models train in, would round it to 0 or"
          + " keep few of its digits; rescale the column (multiply it by 1e%d, say)",
          largestBelowNormal, largest, exponent));
    }
  }

  /**
   * The power of two s = 2⁻ᵉ that takes {@code largest} (a column's largest magnitude), when
   * below 1, into [1, 2); 1 for 0, for 1 and above, and for NaN. A subnormal largest (below
   * 2⁻¹⁰²²) gets 2¹⁰²³, the largest power of two a double holds, which takes it into [2⁻⁵¹, 2)
   * (into [1, 2) from 2⁻¹⁰²³ up only): still exact, and with normal squares. Deviations
   * multiplied by s before they are squared cannot underflow (values near 1e-301 have squares
   * below double's smallest, 4.9e-324, and would read as a spread of 0), and since s is a
   * power of two,
   * Σ(s·d)² = s²·Σd² and √(s²·v) = s·√v hold exactly: the spread divided by s again is, for
   * ordinary data, the unscaled arithmetic's to the last bit. It never scales down, so the
   * squares of huge values overflow as they did (and are refused as before).
   */
  public static double unitScale(double largest) {
    return largest > 0 && largest < 1 ? Math.scalb(1.0, -Math.getExponent(largest)) : 1.0;
  }

  /**
   * Whether a column whose largest magnitude over the data is {@code largest} is too small for
   * sums of its unscaled squares: below 2⁻⁴⁰⁰ (about 3.9e-121) its squares are within 2²²² of
   * double's smallest normal number, so sums of squared deviations lose its spread or read it as
   * 0 (values near 1e-301, whose squares underflow). Fits that scale each column by
   * {@link #unitScale} first are not affected; sufficient statistics, which keep the unscaled
   * sums, are. {@code largest} must be the whole data's (of every row, not of a part of them):
   * a column of order 1 that is tiny on some rows is squared at its own scale.
   */
  public static boolean tooSmallToSquare(double largest) {
    return largest > 0 && largest < 0x1p-400;
  }

  /**
   * The largest magnitude of each of the first p columns over the rows {@code rows} of x; rows
   * out of range and values past a ragged row's end are left to the checks of the fit.
   */
  public static double[] largestMagnitudes(double[][] x, int[] rows, int p) {
    return largestMagnitudes(x, rows, null, p);
  }

  /**
   * As {@link #largestMagnitudes(double[][], int[], int)} over the rows whose weight (indexed
   * like the rows of x; null for all 1) is not 0: the rows that sufficient statistics sum.
   */
  public static double[] largestMagnitudes(double[][] x, int[] rows, double[] weights, int p) {
    double[] largest = new double[p];
    for (int i : rows) {
      if (i < 0 || i >= x.length || (weights != null && i < weights.length
          && weights[i] == 0)) {
        continue;
      }
      double[] row = x[i];
      for (int j = 0; j < Math.min(row.length, p); j++) {
        largest[j] = Math.max(largest[j], Math.abs(row[j]));
      }
    }
    return largest;
  }

  /** The first j (0-based) with {@link #tooSmallToSquare}(largest[j]), or −1. */
  public static int firstTooSmallToSquare(double[] largest) {
    for (int j = 0; j < largest.length; j++) {
      if (tooSmallToSquare(largest[j])) {
        return j;
      }
    }
    return -1;
  }

  /**
   * The power k of the exact scaling 2ᵏ that takes {@code largest} (positive, subnormal
   * included) into [1, 2).
   */
  public static int unitPowerOfTwo(double largest) {
    return 64 - Math.getExponent(largest * 0x1p64);
  }

  /**
   * Why {@code what} ("feature 2 (column x2)"), whose largest magnitude over all {@code rows}
   * rows is {@code largest} ({@link #tooSmallToSquare}), is not summed as unscaled squares, with
   * the remedy: the exact power of two that takes the largest into [1, 2). What fails depends
   * on the square of the largest: 0 in double precision (below about 1.5e-162), the statistics
   * would read the column as constant; subnormal (below about 1.5e-154), its squared deviations
   * lose digits; otherwise (as at 1e-123 or 1e-130) they are still exact, but within 2²²² of
   * double's smallest normal number, the margin the statistics keep for deviations far below the
   * largest value and for the weights that multiply them.
   */
  public static String tooSmallToSquareMessage(String what, double largest, long rows) {
    int k = unitPowerOfTwo(largest);
    double square = largest * largest;
    String why;
    if (square == 0) {
      why = "its squares are 0 in double precision: sufficient statistics (sums of squared"
          + " deviations) would read it as constant";
    } else if (square < Double.MIN_NORMAL) {
      why = String.format(Locale.ROOT, "its squares (at most %.2g) are below double's smallest"
          + " normal number (2.2e-308): sufficient statistics (sums of squared deviations) would"
          + " lose digits of its spread, or read it as constant", square);
    } else {
      why = String.format(Locale.ROOT, "its squares (at most %.2g) are within 2^222 of double's"
          + " smallest normal number (2.2e-308), the margin that sufficient statistics (sums of"
          + " squared deviations) keep so that smaller and weighted squared deviations lose no"
          + " digits", square);
    }
    return String.format(Locale.ROOT, "%s: its largest magnitude over all %d rows is %.3g,"
        + " below 2^-400 (about 3.9e-121): %s; multiply the column by 2^%d (exact: a power of"
        + " two) and divide its coefficient by 2^%d", what, rows, largest, why, k, k);
  }

  /**
   * Refuses data with a column {@link #tooSmallToSquare} over all rows of x of positive weight
   * (the whole data: callers pass every row, never a fold or a partition), naming the first
   * ("feature 2", 1-based) with {@link #tooSmallToSquareMessage}.
   *
   * @param weights one per row (rows of weight 0 are not summed); null for all 1
   * @throws dev.tikhonov.data.InputException for such a column
   */
  public static void requireSquarable(double[][] x, double[] weights) {
    if (x.length == 0) {
      return;
    }
    int[] rows = new int[x.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    double[] largest = largestMagnitudes(x, rows, weights, x[0].length);
    int j = firstTooSmallToSquare(largest);
    if (j >= 0) {
      throw new dev.tikhonov.data.InputException(tooSmallToSquareMessage("feature " + (j + 1),
          largest[j], x.length));
    }
  }

  /** Whether {@code weight} is a valid observation weight: finite and ≥ 0. */
  public static boolean isWeight(double weight) {
    return weight >= 0 && !Double.isInfinite(weight);
  }

  /**
   * The one wording of a bad observation weight, after where it is: "weight -2.0; weights must
   * be finite and ≥ 0", with {@code weights} the name the caller gave the weights ("weights",
   * the library's setting; "--weights", the CLI's flag), so that the library ("weights: row 4:
   * weight -2.0; weights must …") and the CLI ("F:5:3 (column "w"): weight -2.0; --weights
   * must …") say it alike.
   */
  public static String badWeight(double weight, String weights) {
    return "weight " + weight + "; " + weights + " must be finite and ≥ 0";
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
    return "\"" + escape(text) + "\"";
  }

  /**
   * {@link #quote}'s text without its quotes, for names listed in brackets ("[neg, pos]"):
   * shortened, control characters escaped ({@code a\x0ab} for a line break) and invisible ones
   * written as u and four hex digits, so that a message stays one line.
   */
  public static String escape(String text) {
    StringBuilder s = new StringBuilder();
    int limit = Math.min(text.length(), 40);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      String escaped = escaped(c, invisible(c));
      s.append(escaped != null ? escaped : String.valueOf(c));
    }
    if (text.length() > limit) {
      s.append("…");
    }
    return s.toString();
  }

  /**
   * {@code text} whole, its control characters escaped as {@link #escape} does ({@code \x0a}
   * for a line break; also U+0085, U+2028 and U+2029, which terminals and editors may break a
   * line at, as backslash, u and four hex digits), so that a message naming a file whose name
   * holds them stays one line. Not shortened: a path is shown in full.
   */
  public static String oneLine(String text) {
    StringBuilder s = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = escaped(c, c == 0x85 || c == 0x2028 || c == 0x2029);
      if (escaped != null && s == null) {
        s = new StringBuilder(text.substring(0, i));
      }
      if (s != null) {
        s.append(escaped != null ? escaped : String.valueOf(c));
      }
    }
    return s == null ? text : s.toString();
  }

  /**
   * {@code c} escaped for a one-line message: a control character as {@code \x0a}, else with
   * {@code asUnicode} as backslash, u and four hex digits; null for a character that stays.
   */
  private static String escaped(char c, boolean asUnicode) {
    return c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c)
        : asUnicode ? String.format("\\u%04x", (int) c) : null;
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
