package dev.tikhonov.internal.tensor;

import java.util.Locale;

/**
 * Not API. The short words a public record's {@code toString} uses for an array it holds (its
 * length and range), instead of the default record text's "[D@1b6d3586": what a user printing a
 * result looks for, never a dump of the values. Stateless, thread-safe.
 */
public final class ArrayText {
  private ArrayText() {}

  /** "%.4g" in the root locale. */
  public static String number(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }

  /**
   * "3 values from -1.2 to 4.5" (the smallest and largest, NaN left out), "1 value 0.5",
   * "no values"; "3 values, all NaN" when none is a number.
   */
  public static String range(double[] values) {
    if (values.length == 0) {
      return "no values";
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    String count = values.length == 1 ? "1 value" : values.length + " values";
    if (min > max) {
      return count + ", all NaN";
    }
    return values.length == 1 ? count + " " + number(min)
        : count + " from " + number(min) + " to " + number(max);
  }

  /** {@link #range(double[])} of float32 values. */
  public static String range(float[] values) {
    double[] wide = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      wide[i] = values[i];
    }
    return range(wide);
  }

  /** The number of nonzero values. */
  public static int nonzero(double[] values) {
    int count = 0;
    for (double v : values) {
      count += v != 0 ? 1 : 0;
    }
    return count;
  }
}
