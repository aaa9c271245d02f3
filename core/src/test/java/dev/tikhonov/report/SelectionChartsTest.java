package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The selection charts of networks (select, mnist-select) past the palette's 9 colours: the
 * 10th method's curve had the 1st's colour and stroke, so the two read as one line in the plot
 * and the legend, as a path's coefficients and mnist-l2's rows did before they were dashed.
 */
class SelectionChartsTest {
  private static final double[] LAMBDAS = {1e-4, 1e-3, 1e-2, 1e-1};

  private static List<String> names(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add("method " + i);
    }
    return names;
  }

  private static double[] curve(int i) {
    return Arrays.stream(LAMBDAS).map(l -> 0.5 + 0.1 * i + l).toArray();
  }

  /** Lines 0 and 9 share a colour; 0 is solid and 9 dashed, drawn so in the SVG. */
  private static void assertNinthApart(XYChart chart, String first, String tenth) {
    XYSeries a = chart.getSeriesMap().get(first);
    XYSeries b = chart.getSeriesMap().get(tenth);
    assertEquals(a.getLineColor(), b.getLineColor());
    assertNull(a.getLineStyle().getDashArray());
    assertNotEquals(null, b.getLineStyle().getDashArray(), tenth + " is dashed");
    assertTrue(ChartExport.svg(chart).contains("stroke-dasharray:3,2"), "drawn dashed");
  }

  @Test
  void cvCurves_ofTenMethods_dashTheTenth() {
    List<SelectionCharts.Curve> curves = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      curves.add(new SelectionCharts.Curve("method " + i, LAMBDAS, curve(i),
          Arrays.stream(LAMBDAS).map(l -> 0.01).toArray()));
    }
    XYChart chart = SelectionCharts.cvCurves("cv", "held-out cross-entropy", curves, List.of(),
        LAMBDAS);
    assertNinthApart(chart, "method 0", "method 9");
    XYChart nine = SelectionCharts.cvCurves("cv", "held-out cross-entropy",
        curves.subList(0, 9), List.of(), LAMBDAS);
    assertFalse(ChartExport.svg(nine).contains("stroke-dasharray:3,2"), "9 curves: all solid");
  }

  @Test
  void epochs_ofTenMethods_dashTheTenth() {
    List<double[]> ls = new ArrayList<>();
    List<double[]> epochs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ls.add(LAMBDAS);
      epochs.add(curve(i));
    }
    assertNinthApart(SelectionCharts.epochs("epochs", names(10), ls, epochs, LAMBDAS),
        "method 0", "method 9");
  }
}
