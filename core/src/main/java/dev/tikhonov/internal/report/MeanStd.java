package dev.tikhonov.internal.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Not API. "mean ± spread" (a standard deviation or a standard error) as every table prints it,
 * the HTML report's and the CLI's alike: the spread rounded to 2 significant digits and the mean
 * to the same decimal place, as metrology quotes a result with its uncertainty (0.949 66 ±
 * 0.004 646 is "0.9497 ± 0.0046"; 12.345 ± 1.234 is "12.3 ± 1.2"). Rounding is half up, on the
 * exact binary value. Far from 1 (the larger of |mean| and spread below 10⁻³ or from 10⁶ on) the
 * two share one power of ten: "(3.20 ± 0.15)e-8".
 *
 * <p>A spread of 0 says nothing about the digits, so the mean keeps 4 significant digits
 * ("0.5 ± 0"); an absent spread (NaN: one seed, one split) gives the mean alone with 4
 * significant digits; an absent mean (NaN) gives "–". Stateless, so thread-safe.
 */
public final class MeanStd {
  private MeanStd() {}

  /** Significant digits of the spread. */
  static final int SPREAD_DIGITS = 2;

  /** Significant digits of a mean printed without a spread to round it to. */
  static final int MEAN_DIGITS = 4;

  /**
   * "mean ± spread", both rounded to the spread's second significant digit.
   *
   * @param spread a standard deviation or standard error ≥ 0; NaN when there is none
   */
  public static String format(double mean, double spread) {
    if (Double.isNaN(mean)) {
      return "–";
    }
    if (Double.isInfinite(mean)) {
      return mean > 0 ? "inf" : "-inf";
    }
    if (Double.isNaN(spread)) {
      return alone(mean);
    }
    if (Double.isInfinite(spread)) {
      return alone(mean) + " ± inf";
    }
    double s = Math.abs(spread);
    if (s == 0) {
      return alone(mean) + " ± 0";
    }
    BigDecimal roundedSpread = new BigDecimal(s).round(new MathContext(SPREAD_DIGITS,
        RoundingMode.HALF_UP));
    // the power of ten of the mean as printed (rounded at the spread's place), so 9.9996e-4 ±
    // 1e-6 is "(1.0000 ± 0.0010)e-3", not "(10.000 ± 0.010)e-4"
    BigDecimal roundedMean = new BigDecimal(mean).setScale(roundedSpread.scale(),
        RoundingMode.HALF_UP);
    int exponent = Math.max(roundedMean.signum() == 0 ? Integer.MIN_VALUE
        : roundedMean.precision() - roundedMean.scale() - 1,
        roundedSpread.precision() - roundedSpread.scale() - 1);
    if (exponent >= -3 && exponent < 6) {
      return plain(mean, roundedSpread, 0);
    }
    return "(" + plain(mean, roundedSpread, exponent) + ")e" + exponent;
  }

  /**
   * mean and spread divided by 10^{@code shift}, the mean at the rounded spread's last decimal
   * place.
   */
  private static String plain(double mean, BigDecimal roundedSpread, int shift) {
    BigDecimal spread = roundedSpread.movePointLeft(shift);
    int scale = Math.max(spread.scale(), 0);
    BigDecimal m = new BigDecimal(mean).movePointLeft(shift)
        .setScale(spread.scale(), RoundingMode.HALF_UP);
    return m.setScale(scale, RoundingMode.UNNECESSARY).toPlainString() + " ± "
        + spread.setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
  }

  /** ⌊log10 |x|⌋ for x ≠ 0, from the exact decimal expansion (no log10 rounding at 10ᵏ). */
  private static int exponent(double x) {
    BigDecimal d = new BigDecimal(Math.abs(x));
    return d.precision() - d.scale() - 1;
  }

  /** A mean with 4 significant digits, trailing zeros dropped; "1.235e-05" far from 1. */
  private static String alone(double mean) {
    if (mean == 0) {
      return "0";
    }
    int exponent = exponent(mean);
    if (exponent >= -3 && exponent < 6) {
      return new BigDecimal(mean).round(new MathContext(MEAN_DIGITS, RoundingMode.HALF_UP))
          .stripTrailingZeros().toPlainString();
    }
    String s = String.format(Locale.ROOT, "%.3e", mean);
    String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
    return mantissa + "e" + Integer.parseInt(s.substring(s.indexOf('e') + 1));
  }
}
