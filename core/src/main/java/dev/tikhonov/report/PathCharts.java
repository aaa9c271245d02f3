package dev.tikhonov.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of a regularization path (path.json): each coefficient against log λ, and the
 * cross-validated error with its ±1 SE band; λ_min and λ_1se are marked on both.
 */
public final class PathCharts {
  /** Above this many lines the legend would hide the plot, so it is left out. */
  static final int MAX_LEGEND = 12;

  private PathCharts() {}

  /** Coefficient b_j(λ) for every feature (and class), λ on a log axis. */
  public static XYChart coefficientPath(PathData path, String title) {
    XYChart chart = ChartTheme.xy(title, "λ (log scale)", "coefficient (original feature scale)");
    int classes = path.numClasses();
    int p = path.featureNames().size();
    int line = 0;
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < p; j++) {
        double[] y = new double[path.lambda().length];
        for (int i = 0; i < y.length; i++) {
          y[i] = path.coef()[i][k][j];
        }
        String name = (classes > 1 ? "class " + k + ": " : "") + path.featureNames().get(j);
        XYSeries s = chart.addSeries(name, path.lambda().clone(), y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(ChartTheme.color(line++));
        s.setLineWidth(1.8f);
      }
    }
    chart.getStyler().setLegendVisible(classes * p <= MAX_LEGEND);
    markCv(chart, path);
    ChartTheme.legendRightWhenCrowded(chart);
    chart.getStyler().setXAxisLogarithmic(true);
    return chart;
  }

  /** Mean CV error per λ with a shaded band mean ± SE; null when the path has no CV. */
  public static XYChart cvCurve(PathData path, String title) {
    PathData.CrossValidation cv = path.cv();
    if (cv == null) {
      return null;
    }
    XYChart chart = ChartTheme.xy(title, "λ (log scale)", "cross-validated error");
    int m = path.lambda().length;
    double[] bandX = new double[2 * m];
    double[] bandY = new double[2 * m];
    for (int i = 0; i < m; i++) {
      bandX[i] = path.lambda()[i];
      bandY[i] = cv.mean()[i] + cv.se()[i];
      bandX[2 * m - 1 - i] = path.lambda()[i];
      bandY[2 * m - 1 - i] = cv.mean()[i] - cv.se()[i];
    }
    XYSeries band = chart.addSeries("mean ± 1 SE", bandX, bandY);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setMarker(SeriesMarkers.NONE);
    band.setFillColor(ChartTheme.translucent(ChartTheme.color(0), 60));
    band.setLineColor(ChartTheme.translucent(ChartTheme.color(0), 60));
    XYSeries mean = chart.addSeries("mean CV error", path.lambda().clone(), cv.mean().clone());
    mean.setLineColor(ChartTheme.color(0));
    mean.setMarkerColor(ChartTheme.color(0));
    mean.setLineStyle(ChartTheme.SOLID);
    mean.setMarker(m > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    markCv(chart, path);
    chart.getStyler().setXAxisLogarithmic(true);
    return chart;
  }

  private static void markCv(XYChart chart, PathData path) {
    if (path.cv() == null) {
      return;
    }
    LambdaCharts.markVertical(chart, "λ_min = " + LambdaAxis.Format.number(path.cv().lambdaMin()),
        path.cv().lambdaMin(), ChartTheme.MARK).setShowInLegend(true);
    XYSeries se = LambdaCharts.markVertical(chart,
        "λ_1se = " + LambdaAxis.Format.number(path.cv().lambda1se()), path.cv().lambda1se(),
        ChartTheme.GUIDE);
    se.setLineStyle(ChartTheme.DOTTED);
    se.setLineWidth(2f);
  }
}
