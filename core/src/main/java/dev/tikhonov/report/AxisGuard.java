package dev.tikhonov.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;

/**
 * Makes any XY chart safe to encode, whatever numbers its series hold; {@link ChartExport} calls
 * it on every chart before drawing, so no chart can stop a run or a report.
 *
 * <p>Why: XChart 3.8.8 places the ticks of a linear axis in a loop
 * ({@code AxisTickCalculator_.calculate}) that starts from a tick spacing of about 75 px and
 * widens it by 5 px per round until all tick labels differ (and, on the x axis, fit). When the
 * label format cannot tell two ticks apart, the rounds needed grow like the ratio between the
 * format's resolution and the axis span: a fixed decimal pattern {@code 0.0##} on a weight
 * histogram over ±1e-8 needs about 10⁸ rounds, which is a hang. XChart also throws on ±∞ in a
 * series and on values ≤ 0 on a logarithmic axis, and with an axis minimum of 0 its logarithmic
 * ticks loop over 2³¹ decades.
 *
 * <p>What, per chart:
 * <ol>
 *   <li>series values that cannot be drawn become NaN (XChart leaves a gap): ±∞, and on a
 *       logarithmic axis values ≤ 0 or more than {@link #LOG_DECADES} decades below the largest
 *       (XChart draws ten ticks per decade: 600 decades took 8 s); error bars that are not
 *       finite, or that would reach ±∞ or below the logarithmic floor, become 0;
 *   <li>each axis gets an explicit range: the finite data (error bars included) or the range the
 *       chart already set; no finite data gives [0, 1] ([1, 10] on a log axis); a span of at
 *       most 1e-9 of the values' magnitude (a constant series, a single point, float noise) is
 *       drawn as a constant: mid ± 10 % of |mid| (± 1 around 0);
 *   <li>every linear axis gets {@link #tickLabels tick labels} that round to a power of ten below
 *       1/100 of the span. XChart's tick spacing is never below 1/43 of the span (at least
 *       25 px of a plot at most 720 px wide, rounded down to 1, 2 or 5 by at most 1.5×), so the
 *       labels of two ticks always differ and the loop ends after a few rounds. This replaces any
 *       decimal pattern the chart set.
 * </ol>
 * The data that XChart would draw anyway is left as it is; a logarithmic axis keeps XChart's own
 * labels (with a label function XChart would place its ticks linearly; its ticks are bounded by
 * the decades spanned, at most {@link #LOG_DECADES}), which {@link ChartTheme#TICK_LOCALE}
 * makes read as the tables' numbers (1e-5). Only the first y-axis group is handled (the report uses
 * no other). Not thread-safe: it modifies the chart.
 */
final class AxisGuard {
  /** Spans at most this fraction of the values' magnitude are drawn as constant. */
  static final double FLAT = 1e-9;
  /** A logarithmic axis spans at most this many decades (XChart draws 10 ticks per decade). */
  static final int LOG_DECADES = 30;

  private AxisGuard() {}

  /** Makes {@code chart} safe to draw (modifies its series and styler; idempotent). */
  static void apply(XYChart chart) {
    XYStyler styler = chart.getStyler();
    boolean logX = styler.isXAxisLogarithmic();
    boolean logY = styler.isYAxisLogarithmic();
    double xFloor = logX ? logFloor(chart, true, styler.getXAxisMax()) : Double.NEGATIVE_INFINITY;
    double yFloor = logY ? logFloor(chart, false, styler.getYAxisMax()) : Double.NEGATIVE_INFINITY;
    Range x = new Range();
    Range y = new Range();
    for (XYSeries s : chart.getSeriesMap().values()) {
      double[] xs = drawable(s.getXData(), xFloor);
      double[] ys = drawable(s.getYData(), yFloor);
      double[] errors = errors(ys, s.getExtraValues(), yFloor);
      if (xs != s.getXData() || ys != s.getYData() || errors != s.getExtraValues()) {
        s.replaceData(xs, ys, errors);
      }
      for (int i = 0; i < xs.length; i++) {
        x.add(xs[i]);
        double e = errors == null ? 0 : errors[i];
        y.add(ys[i] - e);
        y.add(ys[i] + e);
      }
    }
    double[] xRange = range(x, explicit(styler.getXAxisMin(), xFloor),
        explicit(styler.getXAxisMax(), xFloor), logX);
    double[] yRange = range(y, explicit(styler.getYAxisMin(), yFloor),
        explicit(styler.getYAxisMax(), yFloor), logY);
    styler.setXAxisMin(xRange[0]);
    styler.setXAxisMax(xRange[1]);
    styler.setYAxisMin(yRange[0]);
    styler.setYAxisMax(yRange[1]);
    if (!logX) {
      styler.setXAxisDecimalPattern(null);
      styler.setxAxisTickLabelsFormattingFunction(tickLabels(xRange[0], xRange[1]));
    }
    if (!logY) {
      styler.setYAxisDecimalPattern(null);
      styler.setyAxisTickLabelsFormattingFunction(tickLabels(yRange[0], yRange[1]));
    }
  }

  /**
   * The lowest value a logarithmic axis shows: {@link #LOG_DECADES} decades below its largest
   * finite positive value (the chart's own maximum when it set one), and above 0.
   */
  private static double logFloor(XYChart chart, boolean xAxis, Double explicitMax) {
    double max = explicitMax != null && Double.isFinite(explicitMax) && explicitMax > 0
        ? explicitMax : 0;
    if (max == 0) {
      for (XYSeries s : chart.getSeriesMap().values()) {
        for (double v : xAxis ? s.getXData() : s.getYData()) {
          if (Double.isFinite(v) && v > max) {
            max = v;
          }
        }
      }
    }
    return Math.max(max / Math.pow(10, LOG_DECADES), Double.MIN_VALUE);
  }

  /**
   * Tick labels for a linear axis over [lo, hi] (lo &lt; hi, both finite): each tick rounded to
   * ρ = 10^⌊log₁₀(span/100)⌋, written plainly when the largest |value| is in [1e-3, 1e5) and as
   * {@code 1.5e-8} otherwise; trailing zeros dropped. Two values at least 2ρ apart always get
   * different labels.
   */
  static Function<Double, String> tickLabels(double lo, double hi) {
    // log10(hi − lo) without overflowing for spans beyond Double.MAX_VALUE
    double logSpan = Math.log10(hi / 2 - lo / 2) + Math.log10(2);
    int resolution = (int) Math.floor(logSpan - 2);
    double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
    boolean scientific = magnitude >= 1e5 || magnitude < 1e-3;
    return value -> label(value, resolution, scientific);
  }

  static String label(double value, int resolution, boolean scientific) {
    if (!Double.isFinite(value)) {
      return "";
    }
    BigDecimal rounded = new BigDecimal(value).setScale(-resolution, RoundingMode.HALF_EVEN);
    if (rounded.signum() == 0) {
      return "0";
    }
    if (!scientific) {
      return rounded.stripTrailingZeros().toPlainString();
    }
    int exponent = rounded.precision() - rounded.scale() - 1;
    String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
    return mantissa + "e" + exponent;
  }

  /**
   * {@code values} with what XChart cannot draw set to NaN: ±∞, and values below {@code floor}
   * (−∞ for a linear axis). The same array when nothing changed.
   */
  private static double[] drawable(double[] values, double floor) {
    double[] out = values;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isInfinite(v) || v < floor) {
        if (out == values) {
          out = values.clone();
        }
        out[i] = Double.NaN;
      }
    }
    return out;
  }

  /**
   * Error bars (the same array when all can be drawn): each must be finite and keep y ± e finite
   * and y − e at or above {@code floor}; others become 0 (no bar).
   */
  private static double[] errors(double[] y, double[] errors, double floor) {
    if (errors == null) {
      return null;
    }
    double[] out = errors;
    for (int i = 0; i < errors.length; i++) {
      double e = errors[i];
      boolean drawable = Double.isNaN(y[i]) || (Double.isFinite(e) && Double.isFinite(y[i] + e)
          && Double.isFinite(y[i] - e) && y[i] - e >= floor);
      if (!drawable) {
        if (out == errors) {
          out = errors.clone();
        }
        out[i] = 0;
      }
    }
    return out;
  }

  /** An axis bound the chart set, or NaN when it set none or one that cannot be drawn. */
  private static double explicit(Double bound, double floor) {
    if (bound == null || !Double.isFinite(bound)) {
      return Double.NaN;
    }
    return Math.max(bound, floor);
  }

  /** The axis range: explicit bounds first, else the data's; widened when degenerate. */
  static double[] range(Range data, double min, double max, boolean log) {
    double lo = Double.isNaN(min) ? data.lo : min;
    double hi = Double.isNaN(max) ? data.hi : max;
    if (!(lo <= hi)) {
      // no finite data, or explicit bounds crossing the data: fall back to what is known
      if (data.isEmpty()) {
        return log ? new double[] {1, 10} : new double[] {0, 1};
      }
      lo = Math.min(data.lo, Double.isNaN(min) ? data.lo : min);
      hi = Math.max(data.hi, Double.isNaN(max) ? data.hi : max);
    }
    if (log) {
      // a decade each side of a constant; never 0 (log10(0) makes XChart loop over 2^31 decades)
      return lo < hi ? new double[] {lo, hi}
          : new double[] {Math.max(lo / 10, Double.MIN_VALUE), Math.min(hi * 10, Double.MAX_VALUE)};
    }
    double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
    if (hi / 2 - lo / 2 > magnitude * (FLAT / 2)) {
      return new double[] {lo, hi};
    }
    double mid = lo / 2 + hi / 2;
    double pad = Math.abs(mid) * 0.1;
    if (!(pad >= Double.MIN_NORMAL)) {
      pad = 1;
    }
    return new double[] {Math.max(mid - pad, -Double.MAX_VALUE),
        Math.min(mid + pad, Double.MAX_VALUE)};
  }

  /** Smallest and largest finite value seen. */
  static final class Range {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;

    void add(double v) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }

    boolean isEmpty() {
      return lo > hi;
    }
  }
}
