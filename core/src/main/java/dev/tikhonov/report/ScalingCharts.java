package dev.tikhonov.report;

import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How a cost grows with a size (seconds per epoch against batch size or hidden width), one line
 * per implementation next to a model's prediction (e.g. the FLOP count at the measured SGEMM
 * rate), on log–log axes where a power law is a straight line. Stateless; thread-safe.
 */
public final class ScalingCharts {
  private ScalingCharts() {}

  /**
   * Writes {@code dir/name.svg} and {@code dir/name.png}: each entry of {@code measured} is a
   * line with markers ({x values, y values}) in its own colour and dash pattern
   * ({@link ChartTheme#distinctLine}: solid, dashed, dotted), each entry of {@code models} a grey
   * dashed line without.
   * Non-positive values cannot sit on a log axis and are dropped by the chart guard.
   */
  public static void write(Path dir, String name, String title, String xTitle, String yTitle,
      Map<String, double[][]> measured, Map<String, double[][]> models) {
    ChartExport.write(chart(title, xTitle, yTitle, measured, models), dir, name);
  }

  /** The chart {@link #write} draws. */
  static XYChart chart(String title, String xTitle, String yTitle,
      Map<String, double[][]> measured, Map<String, double[][]> models) {
    XYChart chart = ChartTheme.xy(title, xTitle, yTitle);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    int colour = 0;
    for (Map.Entry<String, double[][]> e : measured.entrySet()) {
      // solid, dashed, dotted: tikhonov, PyTorch and NumPy apart on a page printed in grey
      ChartTheme.distinctLineOf(chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]),
          colour++);
    }
    for (Map.Entry<String, double[][]> e : models.entrySet()) {
      XYSeries s = chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
      s.setLineColor(ChartTheme.GUIDE);
      s.setLineStyle(ChartTheme.DASHED);
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }
}
