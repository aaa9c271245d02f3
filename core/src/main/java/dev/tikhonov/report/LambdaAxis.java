package dev.tikhonov.report;

import java.math.BigDecimal;
import java.math.MathContext;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A logarithmic λ axis that still shows λ = 0. Zero has no place on a log axis, so λ = 0 is drawn
 * at a marked position left of the smallest positive λ, half a decade below that λ's decade:
 * {@code zero = 10^(⌊log₁₀ λ₊min⌋ − ½)}. The axis starts just left of it, so no decade tick falls
 * in the λ = 0 slot; a dotted vertical line (the axis break) separates the slot from the positive
 * λ, a label "λ = 0" sits in it, and λ = 0 points are never joined by a line to λ &gt; 0 points.
 */
final class LambdaAxis {
  /** Where λ = 0 is drawn. */
  final double zero;
  /** The smallest positive λ (or 1 when none). */
  final double smallestPositive;

  LambdaAxis(double... lambdas) {
    double min = Double.POSITIVE_INFINITY;
    for (double l : lambdas) {
      if (l > 0 && l < min) {
        min = l;
      }
    }
    smallestPositive = Double.isInfinite(min) ? 1 : min;
    zero = Math.pow(10, Math.floor(Math.log10(smallestPositive)) - 0.5);
  }

  /** Position of λ on the axis: λ itself, or {@link #zero} for λ = 0. */
  double position(double lambda) {
    return lambda > 0 ? lambda : zero;
  }

  /**
   * Log scale, and with λ = 0 present the slot, break line and "λ = 0" label; call after adding
   * the series. (XChart ignores a tick-label function on a log axis, so the slot is labelled by
   * an annotation instead of a tick.)
   */
  void apply(XYChart chart, boolean hasZero) {
    chart.getStyler().setXAxisLogarithmic(true);
    if (hasZero) {
      chart.getStyler().setXAxisMin(zero / 1.6);
      double breakAt = Math.sqrt(zero * smallestPositive);
      double[] y = yRange(chart);
      // written so that it stays finite for any finite range
      double pad = 0.04 * y[1] - 0.04 * y[0];
      XYSeries line = chart.addSeries("λ-axis break", new double[] {breakAt, breakAt},
          new double[] {y[0] - pad, y[1] + pad});
      line.setShowInLegend(false);
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(ChartTheme.GUIDE);
      line.setLineStyle(ChartTheme.DOTTED);
      chart.addAnnotation(new AnnotationText("λ = 0", zero, y[0] - pad, false));
    }
  }

  /**
   * Lowest and highest finite y over the chart's series so far (finite error bars included);
   * [0, 1] when there is none. Values that cannot be drawn are left out here as {@link AxisGuard}
   * leaves them out of the drawing.
   */
  static double[] yRange(XYChart chart) {
    AxisGuard.Range range = new AxisGuard.Range();
    for (XYSeries s : chart.getSeriesMap().values()) {
      double[] y = s.getYData();
      double[] e = s.getExtraValues();
      for (int i = 0; i < y.length; i++) {
        double err = e == null || !Double.isFinite(e[i]) ? 0 : e[i];
        range.add(y[i] - err);
        range.add(y[i] + err);
        range.add(y[i]);
      }
    }
    return range.isEmpty() ? new double[] {0, 1} : new double[] {range.lo, range.hi};
  }

  /** Number formatting shared by chart ticks and tables. */
  static final class Format {
    private Format() {}

    /** 4 significant digits, plain for 1e-3 ≤ |x| < 1e5, else scientific like 1.5e-05. */
    static String number(double x) {
      if (Double.isNaN(x)) {
        return "–";
      }
      if (x == 0 || Double.isInfinite(x)) {
        return x == 0 ? "0" : Double.toString(x);
      }
      double a = Math.abs(x);
      if (a >= 1e-3 && a < 1e5) {
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
      }
      String s = String.format(java.util.Locale.ROOT, "%.3e", x);
      String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
      return mantissa + "e" + Integer.parseInt(s.substring(s.indexOf('e') + 1));
    }
  }
}
