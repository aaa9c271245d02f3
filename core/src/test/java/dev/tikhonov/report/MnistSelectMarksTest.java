package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * mnist-select's chosen-λ marks, one per method in the method's colour, past the palette's 9
 * colours: every mark was dotted alike, so methods 0 and 9 drew one mark for two.
 */
class MnistSelectMarksTest {
  @TempDir Path temp;

  /** Occurrences of {@code part} in {@code text}. */
  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  /**
   * mnist-select of 10 methods: each method's chosen λ is a dotted mark in its colour, and
   * methods 0 and 9 share a colour; their marks were both "2,3", so two marks read as one
   * method's. The second cycle's marks are dotted in pairs ("2,2,2,7"), plot and legend.
   */
  @Test
  void mnistSelectMarks_ofTenMethods_dotTheTenthApart() throws IOException {
    Path dir = temp.resolve("mnist-select");
    SampleRuns.write(dir.resolve("run.json"), SampleRuns.runJson("experiment mnist-select",
        "{\"name\": \"mnist-select\", \"quick\": false}").replace("{\"command\"",
        "{\"kind\": \"mnist-select\", \"command\""));
    StringBuilder rows = new StringBuilder("[");
    for (int i = 0; i < 10; i++) {
      rows.append(i == 0 ? "" : ", ").append("{\"data\": \"digits\", \"method\": \"m")
          .append(i).append("\", \"seeds\": 1}");
      SampleRuns.write(dir.resolve("selection-digits-m" + i + ".json"), selectionJson(12, i));
    }
    SampleRuns.write(dir.resolve("results.json"), rows.append("]\n").toString());
    List<ReportChart> charts = new ArrayList<>();
    MnistSelectReport.charts(new RunFiles(new RunDirectory(dir, RunKind.MNIST_SELECT)), charts);
    XYChart cv = charts.stream().filter(c -> c.name().equals("cv-digits")).findFirst()
        .orElseThrow().chart();
    XYSeries first = mark(cv, "m0: ");
    XYSeries tenth = mark(cv, "m9: ");
    assertEquals(first.getLineColor(), tenth.getLineColor(), "the palette has 9 colours");
    assertNotEquals(List.of(first.getLineStyle().getDashArray()),
        List.of(tenth.getLineStyle().getDashArray()), "m0's and m9's marks");
    String svg = ChartExport.svg(cv);
    assertEquals(2, count(svg, "stroke-dasharray:2,2,2,7;"), "m9's mark, plot and legend");
    assertEquals(18, count(svg, "stroke-dasharray:2,3;"), "m0 … m8's marks, plot and legend");
    // 2 px, as SelectionCharts meant: its setLineWidth(2f) after setLineStyle did nothing (XChart
    // applies a width in setLineStyle only), and the dots were DOTTED's 1.2 px
    java.util.regex.Matcher dotted = Pattern.compile(
        "stroke-width:([0-9.]+);[^\"]*stroke-dasharray:(2,3|2,2,2,7);").matcher(svg);
    int marks = 0;
    while (dotted.find()) {
      assertEquals("2", dotted.group(1), dotted.group());
      marks++;
    }
    assertEquals(20, marks, "the 10 marks' strokes, plot and legend");
  }

  private static XYSeries mark(XYChart chart, String prefix) {
    return chart.getSeriesMap().values().stream().filter(s -> s.getName().startsWith(prefix))
        .findFirst().orElseThrow(() -> new AssertionError(prefix + " in "
            + chart.getSeriesMap().keySet()));
  }

  /** A selection.json of {@code m} λ choosing λ #(2 + shift). */
  private static String selectionJson(int m, int shift) {
    StringBuilder lambdas = new StringBuilder();
    StringBuilder mean = new StringBuilder();
    StringBuilder se = new StringBuilder();
    for (int l = 0; l < m; l++) {
      double lambda = Math.pow(10, -5.0 * l / m);
      String sep = l == 0 ? "" : ", ";
      lambdas.append(sep).append(lambda);
      mean.append(sep).append(0.3 + 0.01 * shift + 0.001 * l);
      se.append(sep).append(0.01);
    }
    return "{\"lambdas\": [" + lambdas + "], \"cv\": {\"mean\": [" + mean + "], \"se\": [" + se
        + "], \"lambda_min\": 0.00316, \"lambda_1se\": 0.01}, \"chosen\": {\"index\": "
        + (2 + shift % 10) + "}}\n";
  }
}
