package dev.tikhonov.report;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.RenderableSeries.LegendRenderType;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * Keeps a chart's title and legend inside its image. XChart 3.8.8 draws the title in one line
 * centred over the chart, cut at the image's edges when it is wider; {@link #apply} draws a
 * title that does not fit in a smaller font, down to {@value #MIN_TITLE_POINTS} pt.
 *
 * <p>XChart 3.8.8 draws a horizontal legend as one row
 * centred under the plot and never wraps it: a row wider than the plot runs off both sides of
 * the image (the first entries cut, the last ones gone). A vertical legend right of the plot is
 * as tall as its entries and is centred on the plot, so on a chart too low for it the outer
 * entries run off the top and bottom. Before a chart is drawn, {@link #apply} turns a
 * horizontal legend that does not fit into a vertical one right of the plot (its width is that
 * of the longest entry, which the plot makes room for), and makes a chart taller when its
 * vertical legend does not fit.
 *
 * <p>Sizes are measured as XChart's {@code Legend_} measures them: the outline bounds of each
 * entry's text in the legend font, plus the line sample (or box) and the legend padding; the
 * room is taken with a margin for the axis labels beside and below the plot. Stateless; not
 * thread-safe per chart (it changes the chart's styler and size).
 */
final class ChartFit {
  /** XChart's legend box sample width ({@code Legend_.BOX_SIZE}). */
  private static final int BOX_SIZE = 20;
  /** Room left of the plot for the y axis's tick labels and title (at most about 90 px here). */
  private static final int Y_AXIS_ROOM = 110;
  /** Room above and below the plot for the title and the x axis (about 90 px here). */
  private static final int TITLE_AND_X_AXIS_ROOM = 110;

  /** The smallest title font: the axis titles' size. */
  static final int MIN_TITLE_POINTS = 12;

  private ChartFit() {}

  /** Makes the title and legend of {@code chart} fit inside its image (see the class comment). */
  static void apply(XYChart chart) {
    legend(chart);
    XYStyler s = chart.getStyler();
    Font font = s.getChartTitleFont();
    double room = titleRoom(chart);
    while (font.getSize2D() > MIN_TITLE_POINTS && chart.getTitle() != null
        && width(chart.getTitle(), font) > room) {
      font = font.deriveFont(font.getSize2D() - 0.5f);
    }
    s.setChartTitleFont(font);
  }

  /**
   * The widest title that stays inside the image: XChart centres it over the plot, which a
   * legend right of it pushes left, so the room is twice the plot centre's distance to the
   * nearer edge (the y axis taking 30 to {@link #Y_AXIS_ROOM} px).
   */
  static double titleRoom(XYChart chart) {
    XYStyler s = chart.getStyler();
    boolean legendRight = s.isLegendVisible() && entries(chart) > 0
        && s.getLegendPosition() == Styler.LegendPosition.OutsideE;
    double plotRight = chart.getWidth() - s.getChartPadding()
        - (legendRight ? verticalWidth(chart) + s.getChartPadding() : 0);
    double leftmostCentre = (s.getChartPadding() + 30 + plotRight) / 2;
    double rightmostCentre = (s.getChartPadding() + Y_AXIS_ROOM + plotRight) / 2;
    return Math.min(2 * leftmostCentre, 2 * (chart.getWidth() - rightmostCentre))
        - 2 * s.getChartPadding();
  }

  private static void legend(XYChart chart) {
    XYStyler s = chart.getStyler();
    if (!s.isLegendVisible() || entries(chart) == 0) {
      return;
    }
    boolean inside = s.getLegendPosition() != Styler.LegendPosition.OutsideS
        && s.getLegendPosition() != Styler.LegendPosition.OutsideE;
    if (inside) {
      return; // inside the plot: XChart keeps it within the plot's box
    }
    if (s.getLegendLayout() == Styler.LegendLayout.Horizontal
        && horizontalWidth(chart) > chart.getWidth() - 2 * s.getChartPadding() - Y_AXIS_ROOM) {
      s.setLegendPosition(Styler.LegendPosition.OutsideE);
      s.setLegendLayout(Styler.LegendLayout.Vertical);
    }
    if (s.getLegendLayout() == Styler.LegendLayout.Vertical) {
      int needed = (int) Math.ceil(verticalHeight(chart)) + 2 * s.getChartPadding()
          + TITLE_AND_X_AXIS_ROOM;
      if (needed > chart.getHeight() && chart instanceof ChartTheme.Resizable resizable) {
        resizable.height(needed);
      }
    }
  }

  /** Width of XChart's one-row legend of {@code chart}, in px. */
  static double horizontalWidth(XYChart chart) {
    XYStyler s = chart.getStyler();
    double width = s.getLegendPadding();
    for (XYSeries series : chart.getSeriesMap().values()) {
      if (shown(series)) {
        width += text(chart, series).getWidth() + s.getLegendPadding() + sample(chart, series)
            + s.getLegendPadding();
      }
    }
    return width;
  }

  /** Width of XChart's one-column legend of {@code chart}, in px. */
  static double verticalWidth(XYChart chart) {
    XYStyler s = chart.getStyler();
    double text = 0;
    double sample = 0;
    for (XYSeries series : chart.getSeriesMap().values()) {
      if (shown(series)) {
        text = Math.max(text, text(chart, series).getWidth());
        sample = Math.max(sample, sample(chart, series));
      }
    }
    return sample + s.getLegendPadding() + text + 2 * s.getLegendPadding();
  }

  /** Height of XChart's one-column legend of {@code chart}, in px. */
  static double verticalHeight(XYChart chart) {
    XYStyler s = chart.getStyler();
    double height = s.getLegendPadding();
    for (XYSeries series : chart.getSeriesMap().values()) {
      if (shown(series)) {
        double graphic = type(chart, series) == LegendRenderType.Box ? BOX_SIZE
            : s.getMarkerSize();
        height += Math.max(text(chart, series).getHeight(), graphic) + s.getLegendPadding();
      }
    }
    return height;
  }

  /** Number of entries the legend of {@code chart} draws. */
  static long entries(XYChart chart) {
    return chart.getSeriesMap().values().stream().filter(ChartFit::shown).count();
  }

  private static boolean shown(XYSeries series) {
    return series.isShowInLegend() && series.isEnabled();
  }

  private static double sample(XYChart chart, XYSeries series) {
    return type(chart, series) == LegendRenderType.Line
        ? chart.getStyler().getLegendSeriesLineLength() : BOX_SIZE;
  }

  /** The series' legend sample; XChart gives a series without a style the chart's at drawing. */
  private static LegendRenderType type(XYChart chart, XYSeries series) {
    XYSeries.XYSeriesRenderStyle style = series.getXYSeriesRenderStyle() != null
        ? series.getXYSeriesRenderStyle() : chart.getStyler().getDefaultSeriesRenderStyle();
    return style.getLegendRenderType();
  }

  private static double width(String text, Font font) {
    return text.isEmpty() ? 0 : new TextLayout(text, font, new FontRenderContext(null, true, false))
        .getOutline(null).getBounds2D().getWidth();
  }

  /** Bounds of the widest line of the entry's name, the tallest multi-line sum as XChart adds. */
  private static Rectangle2D text(XYChart chart, XYSeries series) {
    double width = 0;
    double height = 0;
    for (String line : series.getName().split("\\n")) {
      Rectangle2D b = new TextLayout(line, chart.getStyler().getLegendFont(),
          new FontRenderContext(null, true, false)).getOutline(null).getBounds2D();
      width = Math.max(width, b.getWidth());
      height += b.getHeight() + 3; // XChart's MULTI_LINE_SPACE between lines
    }
    return new Rectangle2D.Double(0, 0, width, height - 3);
  }
}
