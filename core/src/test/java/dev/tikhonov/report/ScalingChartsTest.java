package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

class ScalingChartsTest {
  @TempDir Path dir;

  @Test
  void chart_hasLogAxes_measuredLinesWithMarkers_andModelsDashedWithout() throws Exception {
    Map<String, double[][]> measured = new LinkedHashMap<>();
    measured.put("tikhonov", new double[][] {{32, 128, 1024}, {1.2, 0.4, 0.3}});
    measured.put("PyTorch", new double[][] {{32, 128, 1024}, {2.0, 0.6, 0.35}});
    Map<String, double[][]> models = Map.of("FLOP model", new double[][] {{32, 1024}, {0.2, 0.2}});
    XYChart chart = ScalingCharts.chart("t", "batch size", "seconds", measured, models);
    assertTrue(chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic());
    assertEquals(List.of("tikhonov", "PyTorch", "FLOP model"),
        List.copyOf(chart.getSeriesMap().keySet()));
    assertArrayEquals(new double[] {1.2, 0.4, 0.3},
        chart.getSeriesMap().get("tikhonov").getYData(), 0);
    assertEquals(SeriesMarkers.NONE, chart.getSeriesMap().get("FLOP model").getMarker());
    assertEquals(ChartTheme.DASHED, chart.getSeriesMap().get("FLOP model").getLineStyle());
    ScalingCharts.write(dir, "s", "t", "batch size", "seconds", measured, models);
    assertTrue(Files.readString(dir.resolve("s.svg")).contains("<svg"));
    assertTrue(Files.size(dir.resolve("s.png")) > 1000);
  }
}
