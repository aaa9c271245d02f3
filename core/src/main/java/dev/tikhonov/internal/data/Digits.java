package dev.tikhonov.internal.data;

import java.util.Locale;

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
}
