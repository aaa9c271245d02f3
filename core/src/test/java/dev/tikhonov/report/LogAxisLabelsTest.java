package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.AxisPair;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The tick labels that XChart draws on a logarithmic axis (it takes no label function there)
 * read as the report's tables write numbers: 1e-5, not XChart's 1E-5; 0.01 and 1000 plainly.
 * The labels are read from the chart's own axis after it was drawn, for a λ chart (x) and a
 * log-log chart (both axes).
 */
class LogAxisLabelsTest {
  /** The non-empty tick labels of the chart's x or y axis, as its last drawing placed them. */
  private static List<String> drawnLabels(XYChart chart, boolean xAxis) throws Exception {
    ChartExport.png(chart);
    Field field = Chart.class.getDeclaredField("axisPair");
    field.setAccessible(true);
    AxisPair<?, ?> axes = (AxisPair<?, ?>) field.get(chart);
    Object axis = xAxis ? axes.getXAxis() : yAxis(axes);
    var calculator = ((org.knowm.xchart.internal.chartpart.Axis<?, ?>) axis).getAxisTickCalculator();
    List<String> labels = new ArrayList<>();
    for (String label : calculator.getTickLabels()) {
      if (label != null && !label.isEmpty()) {
        labels.add(label);
      }
    }
    return labels;
  }

  private static Object yAxis(AxisPair<?, ?> axes) throws Exception {
    var method = AxisPair.class.getDeclaredMethod("getYAxis");
    method.setAccessible(true);
    return method.invoke(axes);
  }

  @Test
  void lambdaAxis_labelsDecadesAsTheTablesWriteThem() throws Exception {
    double[] lambdas = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1};
    double[] evidence = {-5, -4, -3, -2.5, -2.4, -3, -6};
    XYChart chart = SelectionCharts.evidence("evidence", lambdas, evidence, List.of(), lambdas);
    List<String> labels = drawnLabels(chart, true);
    assertEquals(List.of("1e-6", "1e-5", "1e-4", "0.001", "0.01", "0.1", "1"), labels);
    for (int i = 0; i < lambdas.length; i++) {
      assertEquals(LambdaAxis.Format.number(lambdas[i]), labels.get(i));
    }
  }

  @Test
  void logLogChart_labelsBothAxesAsTheTablesWriteThem() throws Exception {
    XYChart chart = ScalingCharts.chart("time", "n", "seconds",
        Map.of("measured", new double[][] {{1e5, 1e6, 1e7}, {1e-4, 1e-3, 1e-2}}), Map.of());
    assertEquals(List.of("1e5", "1e6", "1e7"), drawnLabels(chart, true));
    assertEquals(List.of("1e-4", "0.001", "0.01"), drawnLabels(chart, false));
  }
}
