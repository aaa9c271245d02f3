package dev.tikhonov.report;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of one training run: the terms of {@code J = (1/n) Σ ℓ + λ·penalty} per epoch, and
 * weight distributions as histograms. Stateless: each call builds a new chart, so its methods may
 * be called from any thread (on arguments no other thread is modifying).
 */
final class TrainingCharts {
  private TrainingCharts() {}

  /**
   * Train data loss, penalty (the λ-term), objective J = loss + penalty, and validation loss per
   * epoch, as separate lines, solid, dashed, dotted and dash-dot ({@link
   * ChartTheme#distinctLine}); a column that is empty in the history is left out.
   */
  public static XYChart lossCurves(List<EpochRow> history, String title) {
    XYChart chart = ChartTheme.xy(title, "epoch", "loss");
    double[] epochs = column(history, EpochRow::epoch);
    addIfPresent(chart, "train data loss (1/n) Σ ℓ", epochs, column(history, EpochRow::trainLoss), 0);
    addIfPresent(chart, "penalty λ·Ω(w)", epochs, column(history, EpochRow::penalty), 1);
    addIfPresent(chart, "objective J = loss + penalty", epochs,
        column(history, EpochRow::objective), 2);
    addIfPresent(chart, "validation loss", epochs, column(history, EpochRow::valLoss), 3);
    return chart;
  }

  /** Validation accuracy per epoch; null when the history has none. */
  public static XYChart validationAccuracy(List<EpochRow> history) {
    double[] accuracy = column(history, EpochRow::valAccuracy);
    if (allNaN(accuracy)) {
      return null;
    }
    XYChart chart = ChartTheme.xy("Validation accuracy per epoch", "epoch", "accuracy");
    // the validation loss's colour, solid: the one line of its chart
    addIfPresent(chart, "validation accuracy", column(history, EpochRow::epoch), accuracy, 3)
        .setLineStyle(ChartTheme.SOLID);
    return chart;
  }

  /**
   * Histograms on common bin edges as step outlines with a translucent fill, one per entry of
   * {@code countsByName} (bin i spans [edges[i], edges[i+1]), so series point 2i and 2i+1 carry
   * counts[i]).
   */
  public static XYChart histograms(String title, String xTitle, double[] edges,
      Map<String, double[]> countsByName) {
    // tick labels come from AxisGuard, which resolves any span; a fixed pattern such as 0.0##
    // cannot tell the edges of a histogram over ±1e-8 apart, and XChart then never finishes
    XYChart chart = ChartTheme.xy(title, xTitle, "number of weights");
    int colour = 0;
    for (Map.Entry<String, double[]> e : countsByName.entrySet()) {
      double[] counts = e.getValue();
      double[] x = new double[2 * counts.length];
      double[] y = new double[2 * counts.length];
      for (int i = 0; i < counts.length; i++) {
        x[2 * i] = edges[i];
        x[2 * i + 1] = edges[i + 1];
        y[2 * i] = counts[i];
        y[2 * i + 1] = counts[i];
      }
      Color c = ChartTheme.color(colour);
      XYSeries s = chart.addSeries(e.getKey(), x, y);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineWidth(1.6f); // before the stroke: XChart applies a width in setLineStyle only
      // overlapping fills of two colours are one grey on a grey page: the outlines differ
      ChartTheme.distinctLineOf(s, colour++);
      s.setFillColor(ChartTheme.translucent(c, 70));
    }
    return chart;
  }

  static double[] column(List<EpochRow> history, ToDoubleFunction<EpochRow> f) {
    return history.stream().mapToDouble(f).toArray();
  }

  private static XYSeries addIfPresent(XYChart chart, String name, double[] x, double[] y,
      int colour) {
    if (allNaN(y)) {
      return null;
    }
    XYSeries s = chart.addSeries(name, x, y);
    // solid, dashed, dotted, dash-dot by the line's colour: train loss, penalty, J and the
    // validation loss were three solid lines and a dashed one, one grey on a page printed in grey
    ChartTheme.distinctLineOf(s, colour);
    if (x.length > 30) {
      s.setMarker(SeriesMarkers.NONE);
    }
    return s;
  }

  static boolean allNaN(double[] y) {
    for (double v : y) {
      if (!Double.isNaN(v)) {
        return false;
      }
    }
    return true;
  }
}
