package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * mnist-l2's curves against λ, one line per (dropout, weight decay) setting, past the palette's
 * 9 colours: the 10th setting's line had the 1st's colour and stroke (ChartTheme.lineOf now
 * dashes it, as SelectionChartsTest checks for the selection charts).
 */
class LambdaChartDashesTest {
  @Test
  void validationCurve_ofTenSettings_dashesTheTenth() {
    List<LambdaRow> rows = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      for (double lambda : new double[] {1e-4, 1e-3, 1e-2}) {
        rows.add(new LambdaRow(lambda, 0.05 * s, 0, 1, 0.9 - 0.01 * s, Double.NaN,
            0.3 + 0.01 * s, Double.NaN, 0.2, 4, new double[] {1, 2}, 0.1));
      }
    }
    XYChart chart = LambdaCharts.validationCurve(rows, LambdaCharts.Metric.TEST_ACCURACY);
    List<XYSeries> lines = new ArrayList<>(chart.getSeriesMap().values());
    XYSeries first = lines.get(0);
    XYSeries tenth = lines.get(9);
    assertEquals(first.getLineColor(), tenth.getLineColor(), "the palette has 9 colours");
    assertNull(first.getLineStyle().getDashArray(), first.getName() + " is solid");
    assertNotNull(tenth.getLineStyle().getDashArray(), tenth.getName() + " is dashed");
  }
}
