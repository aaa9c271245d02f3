package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/**
 * Charts label their ticks as the report's tables write numbers, whatever Java's default locale:
 * XChart formats tick labels with its styler's locale, which was the JVM's default, so under a
 * German or French locale the axes read 0,5 beside tables that read 0.5. The SVG draws its text
 * as outlines, so the test compares the pixels of one chart drawn under two locales.
 */
class ChartLocaleTest {
  private static byte[] pngUnder(Locale locale) {
    Locale before = Locale.getDefault();
    Locale.setDefault(locale);
    try {
      // a λ axis: XChart labels a log axis itself (0.001, 0.01, 0.1, 1) with the locale's
      // DecimalFormat; linear axes get the report's own labels (AxisGuard)
      XYChart chart = ChartTheme.xy("CV error", "λ", "error");
      chart.getStyler().setXAxisLogarithmic(true);
      chart.addSeries("cv", new double[] {0.001, 0.01, 0.1, 1}, new double[] {3, 2, 1, 2});
      return ChartExport.png(chart);
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void tickLabels_areTheSame_underALocaleWithADecimalComma() {
    assertArrayEquals(pngUnder(Locale.US), pngUnder(Locale.GERMANY));
  }
}
