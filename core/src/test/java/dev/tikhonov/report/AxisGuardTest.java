package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * No series can make a chart hang or throw ({@link AxisGuard} through {@link ChartExport}). The
 * hostile cases run under a timeout in a separate thread: before the guard, the histogram over
 * ±1e-8 (a linear model whose weights ended near 1e-8) never finished, and ±∞ or a λ of 0 on a
 * log axis threw.
 */
class AxisGuardTest {
  static final double INF = Double.POSITIVE_INFINITY;
  static final double NAN = Double.NaN;

  static Stream<Arguments> hostileSeries() {
    return Stream.of(
        Arguments.of("constant", new double[] {1, 2, 3}, new double[] {0.5, 0.5, 0.5}, false),
        Arguments.of("constant zero", new double[] {1, 2, 3}, new double[] {0, 0, 0}, false),
        Arguments.of("single point", new double[] {1}, new double[] {0.25}, false),
        Arguments.of("tiny values", new double[] {1, 2, 3}, new double[] {1e-8, 3e-8, 2e-9}, false),
        Arguments.of("tiny span on 1", new double[] {1, 2}, new double[] {1, 1 + 2.2e-16}, false),
        Arguments.of("1e-300 span", new double[] {1, 2}, new double[] {1e-300, 2e-300}, false),
        Arguments.of("subnormal", new double[] {1, 2}, new double[] {Double.MIN_VALUE, 0}, false),
        Arguments.of("huge", new double[] {1, 2, 3}, new double[] {1e308, -1e308, Double.MAX_VALUE}, false),
        Arguments.of("huge with tiny span", new double[] {1, 2}, new double[] {1e300, 1.0000001e300}, false),
        Arguments.of("NaN among values", new double[] {1, 2, 3}, new double[] {NAN, 1, 2}, false),
        Arguments.of("all NaN", new double[] {1, 2, 3}, new double[] {NAN, NAN, NAN}, false),
        Arguments.of("+inf and -inf", new double[] {1, 2, 3}, new double[] {INF, 0.3, -INF}, false),
        Arguments.of("inf x", new double[] {1, INF, 3}, new double[] {1, 2, 3}, false),
        Arguments.of("constant x", new double[] {3, 3, 3}, new double[] {1, 2, 3}, false),
        Arguments.of("tiny x span", new double[] {1e-8, 1.1e-8}, new double[] {1, 2}, false),
        Arguments.of("log x with 0 and negatives", new double[] {0, -1, 1e-3, 1}, new double[] {1, 2, 3, 4}, true),
        Arguments.of("log x over 600 decades", new double[] {1e-300, 1e300}, new double[] {1, 2}, true),
        Arguments.of("log x constant", new double[] {0.1, 0.1}, new double[] {1, 2}, true),
        Arguments.of("log x all non-positive", new double[] {0, -2}, new double[] {1, 2}, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileSeries")
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void export_hostileSeries_drawsWithoutHangOrException(String name, double[] x, double[] y,
      boolean logX) throws Exception {
    XYChart chart = ChartTheme.xy(name, "x", "y");
    chart.addSeries("series", x.clone(), y.clone());
    chart.getStyler().setXAxisLogarithmic(logX);
    assertDrawable(chart);
    // what can be drawn is drawn unchanged; the rest is a gap (NaN)
    XYSeries s = chart.getSeriesMap().get("series");
    // a log axis shows positive values down to LOG_DECADES decades below the largest
    double floor = logX ? Math.max(max(x) / Math.pow(10, AxisGuard.LOG_DECADES), Double.MIN_VALUE)
        : Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && x[i] >= floor) {
        assertEquals(x[i], s.getXData()[i], 0, name + ": x[" + i + "]");
      } else {
        assertTrue(Double.isNaN(s.getXData()[i]), name + ": x[" + i + "] not drawable, left out");
      }
      assertEquals(Double.isInfinite(y[i]) ? NAN : y[i], s.getYData()[i], 0, name + ": y[" + i + "]");
    }
  }

  private static double max(double[] values) {
    double max = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        max = Math.max(max, v);
      }
    }
    return max;
  }

  /** The chart that hung `train --model linear` on a constant target: a 0.0## pattern over ±1e-8. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void histogram_ofWeightsNear1eMinus8_drawsInBoundedTime() throws Exception {
    for (double bound : new double[] {1e-8, 1e-12, 1e-9, 1e-7, 1e-6, 1e-4, 1}) {
      double[] edges = new double[61];
      for (int i = 0; i <= 60; i++) {
        edges[i] = -bound + 2 * bound * i / 60;
      }
      double[] counts = new double[60];
      counts[30] = 5;
      counts[12] = 2;
      Map<String, double[]> byName = new LinkedHashMap<>();
      byName.put("weights", counts);
      XYChart chart = TrainingCharts.histograms("weights ±" + bound, "weight value", edges, byName);
      chart.getStyler().setXAxisDecimalPattern("0.0##"); // what the histogram used to set
      assertDrawable(chart);
      assertEquals(-bound, chart.getStyler().getXAxisMin(), 0, "axis from the first edge");
      assertEquals(edges[60], chart.getStyler().getXAxisMax(), 0);
      Function<Double, String> labels = chart.getStyler().getxAxisTickLabelsFormattingFunction();
      assertNotEquals(labels.apply(edges[0]), labels.apply(edges[6]), "ticks a tenth apart read apart");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void errorBars_thatCannotBeDrawn_areDroppedNotThrown() throws Exception {
    XYChart chart = ChartTheme.xy("bars", "x", "y");
    chart.addSeries("s", new double[] {1, 2, 3, 4}, new double[] {1, 2, 1e308, 3},
        new double[] {0.1, INF, 1e308, NAN});
    assertDrawable(chart);
    assertArrayEquals(new double[] {0.1, 0, 0, 0}, chart.getSeriesMap().get("s").getExtraValues(), 0);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void chartWithoutSeries_draws() throws Exception {
    assertDrawable(ChartTheme.xy("empty", "x", "y"));
  }

  @Test
  void range_constantOrFlat_isWidenedAroundTheValue() {
    assertArrayEquals(new double[] {0.45, 0.55}, range(0.5, 0.5), 1e-15);
    assertArrayEquals(new double[] {-1, 1}, range(0, 0), 0);
    assertArrayEquals(new double[] {-1, 1}, range(Double.MIN_VALUE, Double.MIN_VALUE), 0);
    // within 1e-9 of the magnitude: float noise, drawn as constant
    assertArrayEquals(new double[] {0.9, 1.1}, range(1, 1 + 1e-12), 1e-12);
    // a real change of 1e-8 relative is kept as it is
    assertArrayEquals(new double[] {1, 1 + 1e-8}, range(1, 1 + 1e-8), 0);
    assertArrayEquals(new double[] {-Double.MAX_VALUE, Double.MAX_VALUE},
        range(-Double.MAX_VALUE, Double.MAX_VALUE), 0);
    double[] top = range(Double.MAX_VALUE, Double.MAX_VALUE);
    assertEquals(Double.MAX_VALUE, top[1], 0, "clamped, not +∞");
    assertTrue(top[0] < top[1]);
    assertArrayEquals(new double[] {0, 1}, AxisGuard.range(new AxisGuard.Range(), NAN, NAN, false), 0);
    assertArrayEquals(new double[] {1, 10}, AxisGuard.range(new AxisGuard.Range(), NAN, NAN, true), 0);
    AxisGuard.Range constant = new AxisGuard.Range();
    constant.add(0.01);
    assertArrayEquals(new double[] {0.001, 0.1}, AxisGuard.range(constant, NAN, NAN, true), 1e-17);
  }

  private static double[] range(double lo, double hi) {
    AxisGuard.Range r = new AxisGuard.Range();
    r.add(lo);
    r.add(hi);
    return AxisGuard.range(r, NAN, NAN, false);
  }

  /**
   * The labels tell apart any two values XChart can place as neighbouring ticks (at least 1/43 of
   * the span apart), and each label is its value rounded to ρ ≤ span/100: over ranges from 1e-300
   * to 1e300 in magnitude and spans down to 1e-9 of it.
   */
  @Test
  void tickLabels_tellNeighbouringTicksApartAndReadBackAsTheirValue() {
    Random rng = new Random(14);
    for (int trial = 0; trial < 20_000; trial++) {
      double magnitude = Math.pow(10, -300 + 600 * rng.nextDouble());
      double relativeSpan = Math.pow(10, -8.9 + 11 * rng.nextDouble());
      double lo = magnitude * (rng.nextBoolean() ? 1 : -1) * (0.5 + rng.nextDouble());
      double hi = lo + Math.abs(lo) * relativeSpan;
      if (!(Double.isFinite(hi) && hi > lo)) {
        continue;
      }
      Function<Double, String> labels = AxisGuard.tickLabels(lo, hi);
      double span = hi - lo;
      double step = span / 43.2 * (1 + 2 * rng.nextDouble());
      double a = lo + span * rng.nextDouble();
      double b = a + step;
      String la = labels.apply(a);
      String lb = labels.apply(b);
      String where = "[" + lo + ", " + hi + "]: " + a + " -> " + la + ", " + b + " -> " + lb;
      assertNotEquals(la, lb, where);
      double read = Double.parseDouble(la);
      assertTrue(Math.abs(read - a) <= span / 100, where + ": label is the value to within span/100");
      assertTrue(la.length() <= 22, where + ": short label");
    }
  }

  @Test
  void tickLabels_readLikeNumbersPeopleWrite() {
    Function<Double, String> unit = AxisGuard.tickLabels(0, 1);
    assertEquals("0", unit.apply(0.0));
    assertEquals("0", unit.apply(-0.0));
    assertEquals("0.2", unit.apply(0.2));
    assertEquals("1", unit.apply(1.0));
    Function<Double, String> epochs = AxisGuard.tickLabels(1, 200);
    assertEquals("150", epochs.apply(150.0));
    Function<Double, String> tiny = AxisGuard.tickLabels(-1e-8, 1e-8);
    assertEquals("-4e-9", tiny.apply(-4e-9));
    assertEquals("1.5e-9", tiny.apply(1.5e-9));
    Function<Double, String> large = AxisGuard.tickLabels(0, 3e6);
    assertEquals("2.5e6", large.apply(2.5e6));
  }

  /** Encodes SVG and PNG and checks both are what they claim to be. */
  static void assertDrawable(XYChart chart) throws Exception {
    String svg = ChartExport.svg(chart);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    assertEquals("svg", factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement().getTagName());
    byte[] png = ChartExport.png(chart);
    assertEquals((byte) 0x89, png[0], "PNG signature");
    assertEquals('P', png[1]);
    if (!chart.getStyler().isXAxisLogarithmic()) {
      assertNotNull(chart.getStyler().getxAxisTickLabelsFormattingFunction(), "guarded x labels");
    }
    if (!chart.getStyler().isYAxisLogarithmic()) {
      assertNotNull(chart.getStyler().getyAxisTickLabelsFormattingFunction(), "guarded y labels");
    }
    assertTrue(chart.getStyler().getXAxisMin() < chart.getStyler().getXAxisMax());
    assertTrue(chart.getStyler().getYAxisMin() < chart.getStyler().getYAxisMax());
  }
}
