package dev.tikhonov.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One look for every chart of the report: white plot, light solid grid (dashed grid lines would
 * be exported to SVG as thousands of tiny outlines), the Okabe–Ito colour-blind-safe palette,
 * legend below the plot. A chart's lines differ in stroke as well as colour where a page printed
 * in grey would merge them: past the palette's 9 colours ({@link #lineOf}), and from the second
 * line on in a chart of a few ({@link #distinctLineOf}).
 */
final class ChartTheme {
  static final int WIDTH = 720;
  static final int HEIGHT = 440;

  /** Okabe & Ito (2008), readable by people with any common colour-vision deficiency. */
  static final Color[] PALETTE = {
    new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
    new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233),
    new Color(0, 0, 0), new Color(240, 228, 66), new Color(120, 120, 120)
  };
  /**
   * The title of every λ axis: what λ is, the weight of the penalty beside the mean data loss
   * (docs/objective.md), so that a chart copied out of its report (a PNG in a slide) still says
   * which λ it is: scikit-learn's alpha of Ridge is n·λ, its C of LogisticRegression 1/(nλ).
   */
  static final String LAMBDA_AXIS = "λ (log scale; J = mean loss + λ·penalty)";
  static final Color MARK = new Color(180, 30, 30);
  static final Color GUIDE = new Color(110, 110, 110);
  static final BasicStroke DASHED =
      new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  /**
   * 1.2 px dots, for thin guides that are no choice of λ (the λ axis' break, the ROC chart's
   * chance line); a marked λ is {@link #dotted(int)}'s 2 px, which a 1.2 px line beside a 2 px
   * λ_min line was hard to see next to.
   */
  static final BasicStroke DOTTED =
      new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f);
  static final BasicStroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

  private ChartTheme() {}

  static Color color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /**
   * The dash patterns of {@link #line}, one per cycle through the {@link #PALETTE}: solid, then
   * dashed, dotted, dash-dot. Short: XChart draws a line as one element per segment between two
   * points, each starting its pattern afresh, so a pattern longer than the segments (a path of
   * 100 λ has about 5 pixels each) drew as a solid line. (Segments under a pixel, a curve of
   * 1,000 λ, still look solid; the legend, one segment, shows the pattern.)
   */
  private static final float[][] DASHES = {null, {3f, 2f}, {1f, 2f}, {5f, 1.5f, 1f, 1.5f}};

  /**
   * The stroke of line {@code i} of a chart whose lines are told apart by {@link #color(int)}:
   * solid for the first {@code PALETTE.length}, then each further cycle through the palette in
   * its own dash pattern, so that lines 0 and 9 (diabetes' "age" and "s6" on its path of ten
   * coefficients) differ in the plot and the legend, where the colour alone repeated.
   */
  static BasicStroke line(int i) {
    float[] dash = DASHES[Math.floorMod(i, PALETTE.length * DASHES.length) / PALETTE.length];
    return dash == null ? SOLID
        : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }

  /**
   * {@code series} as line {@code i} of a chart whose lines are told apart by colour: colour
   * {@link #color(int)} on its line and markers, stroke {@link #line(int)}. The one place a
   * chart of many lines (a path's coefficients, mnist-l2's rows, a selection's methods or a
   * grid's settings) gets both, so that lines 9 apart differ in every chart alike. A null
   * series (a curve of no points, which {@link LambdaCharts#addLambdaSeries} adds none for) is
   * returned as it is.
   */
  static XYSeries lineOf(XYSeries series, int i) {
    return styled(series, i, line(i));
  }

  /**
   * The stroke of line {@code i} of a chart of a few lines (AIC, BIC and EBIC; GCV and
   * leave-one-out; a network's weight matrices; a benchmark's implementations; overlapping
   * histograms): the patterns of {@link #line} in turn, solid, dashed, dotted, dash-dot, so that
   * every line differs from the one before in its stroke as well as its colour. The Okabe–Ito
   * colours stay apart for a colour-blind reader but not on a page printed in grey: blue,
   * vermillion and green are one mid grey (luminance 87, 120 and 106 of 255), and AIC, BIC and
   * EBIC were three alike solid lines. Colour and pattern cycle with periods 9 and 4, so no two
   * of the first 36 lines share both. {@link #line} keeps the first 9 lines solid instead: a path
   * of 60 coefficients in four patterns from its second line on would be a tangle, and the
   * pattern there marks the palette's repeat. (A curve of segments shorter than its pattern, as
   * of 1,000 λ, still looks solid; see {@link #DASHES}.)
   */
  static BasicStroke distinctLine(int i) {
    float[] dash = DASHES[Math.floorMod(i, DASHES.length)];
    return dash == null ? SOLID
        : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }

  /**
   * {@code series} as line {@code i} of a chart of a few lines: colour {@link #color(int)} on
   * its line and markers, stroke {@link #distinctLine(int)}, the one place such charts get both
   * (as {@link #lineOf} is for charts of many). A null series is returned as it is.
   */
  static XYSeries distinctLineOf(XYSeries series, int i) {
    return styled(series, i, distinctLine(i));
  }

  /** {@code series} (null passed through) in colour {@link #color(int)} and {@code stroke}. */
  private static XYSeries styled(XYSeries series, int i, BasicStroke stroke) {
    if (series == null) {
      return null;
    }
    series.setLineColor(color(i));
    series.setMarkerColor(color(i));
    series.setLineStyle(stroke);
    return series;
  }

  /**
   * Dotted patterns of {@link #dotted(int)}, one per cycle through the {@link #PALETTE}: dots,
   * pairs of dots, sparse dots, triples. All read as "dotted", as the captions call a chosen λ's
   * mark; a mark is one segment the plot's height, so each pattern draws as it is.
   */
  private static final float[][] DOTS = {
    {2f, 3f}, {2f, 2f, 2f, 7f}, {2f, 7f}, {2f, 2f, 2f, 2f, 2f, 7f}
  };

  /**
   * The stroke of the dotted vertical mark {@code i} of a chart whose marks are told apart by
   * {@link #color(int)} (mnist-select's methods' chosen λ): 2 px dots, their pattern changing
   * with each cycle through the palette, so that marks 0 and 9, one colour, differ (they were
   * both dotted alike). The first 9 are {@link #DOTTED}'s pattern at 2 px, as every mark was.
   */
  static BasicStroke dotted(int i) {
    float[] dots = DOTS[Math.floorMod(i, PALETTE.length * DOTS.length) / PALETTE.length];
    return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dots, 0f);
  }

  /**
   * The stroke of vertical mark {@code i} of {@code of} marks that may fall on one λ (AIC's,
   * BIC's and EBIC's minimum): 2 px dashes 6 px long, each mark's dashes in the gaps of the
   * others' ({@code of − 1} dashes' length apart, offset by {@code i} dashes), so that marks at
   * one λ draw as one line of alternating colours. In one pattern, 6 on 4 off, only the last
   * mark drawn showed where they coincided.
   */
  static BasicStroke interleaved(int i, int of) {
    float dash = 6f;
    float phase = Math.floorMod(-i, of) * dash;
    return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {dash, dash * (of - 1)}, phase);
  }

  static Color translucent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /** Legend to the right, one entry a line: a horizontal legend of many entries runs off the chart. */
  static void legendRightWhenCrowded(XYChart chart) {
    long entries = chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).count();
    if (entries > 6) {
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    }
  }

  /**
   * An XY chart whose height the report may raise ({@link ChartFit}): XChart's own setter is
   * protected, and its size is otherwise fixed when it is built.
   */
  static final class Resizable extends XYChart {
    Resizable(int width, int height) {
      super(width, height);
    }

    /** Sets the height in px, from which the next SVG or PNG is drawn. */
    void height(int height) {
      setHeight(height);
    }
  }

  /**
   * The locale of every chart's styler, which XChart formats the tick labels of a logarithmic
   * axis with (it takes no label function there; {@link AxisGuard} labels the linear axes
   * itself): "0.###" for 10⁻³ ≤ |x| ≤ 10³, else "0E0", in that locale's symbols. The JVM's
   * default locale wrote 0,5 under a German one, and {@code Locale.ROOT}'s exponent sign wrote
   * 1E-5 beside tables that write 1e-5 ({@link LambdaAxis.Format#number}). English (Australia)
   * has ROOT's symbols (".", "-", ",") but the exponent "e", so a λ axis reads 1e-5, 0.001, 1 as
   * the tables do; only the decade 10⁴ differs (1e4 beside the tables' 10000), XChart's switch
   * to the exponent being fixed. A JDK whose locale data changed would show in
   * {@code LogAxisLabelsTest}, which reads the labels a drawn chart holds.
   */
  static final java.util.Locale TICK_LOCALE = java.util.Locale.forLanguageTag("en-AU");

  /** A styled, empty XY chart, {@link #WIDTH} × {@link #HEIGHT} (taller if its legend needs it). */
  static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart chart = new Resizable(WIDTH, HEIGHT);
    chart.setTitle(title);
    chart.setXAxisTitle(xTitle);
    chart.setYAxisTitle(yTitle);
    XYStyler s = chart.getStyler();
    s.setLocale(TICK_LOCALE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(new Color(200, 200, 200));
    s.setPlotGridLinesColor(new Color(232, 232, 232));
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setAxisTickMarksColor(new Color(150, 150, 150));
    s.setChartTitleBoxVisible(false);
    s.setChartFontColor(new Color(30, 30, 30));
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendSeriesLineLength(22);
    s.setSeriesColors(PALETTE);
    s.setSeriesMarkers(new Marker[] {
      SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
      SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE
    });
    s.setMarkerSize(7);
    s.setErrorBarsColorSeriesColor(true);
    s.setChartPadding(12);
    s.setAntiAlias(true);
    s.setToolTipsEnabled(false);
    s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    s.setAnnotationTextFontColor(GUIDE);
    return chart;
  }
}
