package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The numbers the charts draw are the run's own: each test reads the files independently (plain
 * Jackson / string splitting) and compares with the series of the chart objects.
 */
class ReportChartsTest {
  static final double TOLERANCE = 1e-12;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  static XYChart chart(List<ReportChart> charts, String name) {
    return charts.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no chart " + name)).chart();
  }

  @Test
  void validationCurve_seriesAreResultsJsonMeansAndStds() throws IOException {
    Path dir = SampleRuns.mnistL2(temp);
    List<ReportChart> charts = ReportCharts.of(RunDirectory.detect(dir));
    JsonNode rows = JSON.readTree(dir.resolve("results.json").toFile());
    // plain-L2 rows with λ > 0, sorted by λ, as the file states them
    TreeMap<Double, JsonNode> plain = new TreeMap<>();
    JsonNode zero = null;
    double smallest = Double.POSITIVE_INFINITY;
    for (JsonNode r : rows) {
      if (r.get("dropout").asDouble() == 0) {
        if (r.get("lambda").asDouble() > 0) {
          plain.put(r.get("lambda").asDouble(), r);
          smallest = Math.min(smallest, r.get("lambda").asDouble());
        } else {
          zero = r;
        }
      }
    }
    for (String[] metric : new String[][] {{"test-accuracy", "test_accuracy"}, {"test-loss", "test_loss"}}) {
      XYChart chart = chart(charts, metric[0]);
      XYSeries series = chart.getSeriesMap().get("L2 only");
      assertArrayEquals(plain.keySet().stream().mapToDouble(Double::doubleValue).toArray(), series.getXData(), TOLERANCE);
      assertArrayEquals(plain.values().stream().mapToDouble(r -> r.get(metric[1] + "_mean").asDouble()).toArray(), series.getYData(), TOLERANCE);
      assertArrayEquals(plain.values().stream().mapToDouble(r -> r.get(metric[1] + "_std").asDouble()).toArray(), series.getExtraValues(), TOLERANCE);

      XYSeries atZero = chart.getSeriesMap().get("L2 only, λ = 0");
      assertNotNull(atZero, "λ = 0 drawn as its own point");
      assertEquals(zero.get(metric[1] + "_mean").asDouble(), atZero.getYData()[0], TOLERANCE);
      assertEquals(zero.get(metric[1] + "_std").asDouble(), atZero.getExtraValues()[0], TOLERANCE);
      assertTrue(atZero.getXData()[0] < smallest / 3 && atZero.getXData()[0] > smallest / 10,
          "λ = 0 slot half a decade below the smallest positive λ's decade: " + atZero.getXData()[0]);

      XYSeries dropout = chart.getSeriesMap().get("dropout p = 0.5 + L2");
      assertNotNull(dropout, "dropout rows as a separate series");
      // drawn a little right of their λ (×1.05 to ×1.5): at λ = 0 and 1e-3 the dropout row's
      // diamond hid the L2 row's circle
      XYSeries dropoutAtZero = chart.getSeriesMap().get("dropout p = 0.5 + L2, λ = 0");
      double ratio = dropoutAtZero.getXData()[0] / atZero.getXData()[0];
      assertTrue(ratio > 1.05 && ratio < 1.5, "λ = 0 slot: dropout at " + ratio + " × L2's");
      assertEquals(1e-3 * ratio, dropout.getXData()[0], 1e-12, "λ = 1e-3 shifted alike");
    }
    // best λ: highest test accuracy mean among the no-dropout rows
    double bestLambda = Double.NaN;
    double bestAccuracy = -1;
    for (JsonNode r : rows) {
      if (r.get("dropout").asDouble() == 0 && r.get("test_accuracy_mean").asDouble() > bestAccuracy) {
        bestAccuracy = r.get("test_accuracy_mean").asDouble();
        bestLambda = r.get("lambda").asDouble();
      }
    }
    XYSeries mark = chart(charts, "test-accuracy").getSeriesMap().values().stream()
        .filter(s -> s.getName().startsWith("best λ")).findFirst().orElseThrow();
    assertEquals(bestLambda, mark.getXData()[0], TOLERANCE);
  }

  @Test
  void shrinkageCharts_comeFromHistogramsJsonAndLayerNorms() throws IOException {
    Path dir = SampleRuns.mnistL2(temp);
    List<ReportChart> charts = ReportCharts.of(RunDirectory.detect(dir));
    JsonNode hist = JSON.readTree(dir.resolve("histograms.json").toFile());
    XYChart chart = chart(charts, "shrinkage-histogram");
    XYSeries zero = chart.getSeriesMap().get("λ = 0");
    JsonNode zeroRow = null;
    for (JsonNode r : hist.get("rows")) {
      if (r.get("lambda").asDouble() == 0 && r.get("dropout").asDouble() == 0) {
        zeroRow = r;
      }
    }
    JsonNode edges = hist.get("edges");
    for (int i = 0; i < zeroRow.get("counts").size(); i++) {
      assertEquals(zeroRow.get("counts").get(i).asDouble(), zero.getYData()[2 * i], TOLERANCE);
      assertEquals(zeroRow.get("counts").get(i).asDouble(), zero.getYData()[2 * i + 1], TOLERANCE);
      assertEquals(edges.get(i).asDouble(), zero.getXData()[2 * i], TOLERANCE);
      assertEquals(edges.get(i + 1).asDouble(), zero.getXData()[2 * i + 1], TOLERANCE);
    }
    assertEquals(2, chart.getSeriesMap().size(), "λ = 0 and the best λ on one chart");

    XYChart norms = chart(charts, "layer-norms");
    JsonNode rows = JSON.readTree(dir.resolve("results.json").toFile());
    for (int layer = 0; layer < 3; layer++) {
      XYSeries s = norms.getSeriesMap().get("weight matrix " + (layer + 1));
      for (int i = 0; i < s.getXData().length; i++) {
        double lambda = s.getXData()[i];
        double expected = Double.NaN;
        for (JsonNode r : rows) {
          if (r.get("dropout").asDouble() == 0 && r.get("lambda").asDouble() == lambda) {
            expected = r.get("layer_weight_norms_mean").get(layer).asDouble();
          }
        }
        assertEquals(expected, s.getYData()[i], TOLERANCE, "layer " + layer + " at λ " + lambda);
      }
    }
  }

  @Test
  void lossCurves_seriesAreHistoryCsvColumns() throws IOException {
    Path dir = SampleRuns.train(temp);
    XYChart chart = chart(ReportCharts.of(RunDirectory.detect(dir)), "loss-curves");
    List<String> lines = Files.readAllLines(dir.resolve("history.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    Map<String, String> seriesOfColumn = Map.of(
        "train_loss", "train data loss (1/n) Σ ℓ", "penalty", "penalty λ·Ω(w)",
        "objective", "objective J = loss + penalty", "val_loss", "validation loss");
    for (Map.Entry<String, String> e : seriesOfColumn.entrySet()) {
      int column = header.indexOf(e.getKey());
      List<Double> expected = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        expected.add(Double.parseDouble(line.split(",")[column]));
      }
      assertArrayEquals(expected.stream().mapToDouble(Double::doubleValue).toArray(),
          chart.getSeriesMap().get(e.getValue()).getYData(), TOLERANCE, e.getKey());
    }
  }

  /**
   * A train run without validation rows (validation_fraction 0: its history's val_loss and
   * val_accuracy empty): the loss chart's caption said "…, and the validation loss" of a line
   * the chart does not have. With validation rows it names it.
   */
  @Test
  void lossCurvesCaption_namesTheValidationLossOnlyWhenTheRunHasOne() throws IOException {
    Path dir = SampleRuns.train(temp);
    assertTrue(caption(ReportCharts.of(RunDirectory.detect(dir)), "loss-curves")
        .endsWith(", and the validation loss (dash-dot)."));
    List<String> lines = Files.readAllLines(dir.resolve("history.csv"));
    StringBuilder none = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      cells[4] = "";
      cells[5] = "";
      none.append(String.join(",", cells)).append('\n');
    }
    Files.writeString(dir.resolve("history.csv"), none);
    List<ReportChart> charts = ReportCharts.of(RunDirectory.detect(dir));
    String caption = caption(charts, "loss-curves");
    assertFalse(caption.contains("validation loss"), caption);
    assertTrue(caption.contains("no validation rows"), caption);
    assertFalse(chart(charts, "loss-curves").getSeriesMap().containsKey("validation loss"));
  }

  /**
   * The experiments' per-row curves (mnist-l2 has 14 rows) past the palette's 9 colours: the
   * 10th row's line had the 1st's colour and stroke; it is dashed, in the plot and the legend.
   */
  @Test
  void runCurves_ofMoreRowsThanColours_dashesTheRepeatedColours() throws IOException {
    Map<String, String> runs = new java.util.LinkedHashMap<>();
    for (int r = 0; r < 10; r++) {
      Path run = temp.resolve("runs").resolve("row-" + r);
      Files.createDirectories(run);
      Files.writeString(run.resolve("history.csv"), SampleRuns.historyCsv(4, 1e-3, r));
      runs.put("row-" + r, "row " + r);
    }
    XYChart chart = ReportCharts.runCurves(temp.resolve("runs"), runs, null, "Validation loss");
    assertEquals(chart.getSeriesMap().get("row 0").getLineColor(),
        chart.getSeriesMap().get("row 9").getLineColor());
    assertEquals(null, chart.getSeriesMap().get("row 0").getLineStyle().getDashArray());
    assertNotNull(chart.getSeriesMap().get("row 9").getLineStyle().getDashArray());
    assertTrue(ChartExport.svg(chart).contains("stroke-dasharray:3,2"), "drawn dashed");
    runs.remove("row-9");
    assertFalse(ChartExport.svg(ReportCharts.runCurves(temp.resolve("runs"), runs, null,
        "Validation loss")).contains("stroke-dasharray:3,2"), "9 rows: all solid");
  }

  private static String caption(List<ReportChart> charts, String name) {
    return charts.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow()
        .caption();
  }

  @Test
  void pathCharts_seriesAreCoefficientsAndCvOfPathJson() throws IOException {
    Path dir = SampleRuns.path(temp);
    List<ReportChart> charts = ReportCharts.of(RunDirectory.detect(dir));
    JsonNode path = JSON.readTree(dir.resolve("path.json").toFile());
    XYChart coef = chart(charts, "coefficient-path");
    int m = path.get("lambda").size();
    for (int j = 0; j < path.get("feature_names").size(); j++) {
      XYSeries s = coef.getSeriesMap().get(path.get("feature_names").get(j).asText());
      boolean nonzero = false;
      for (int i = 0; i < m; i++) {
        nonzero |= path.get("coef").get(i).get(j).asDouble() != 0;
      }
      if (!nonzero) {
        // zero all along: not drawn, counted in the title
        assertEquals(null, s);
        assertTrue(coef.getTitle().contains("zero all along, not drawn"), coef.getTitle());
        continue;
      }
      assertEquals(m, s.getXData().length);
      for (int i = 0; i < m; i++) {
        // path.json lists λ decreasing; the series runs left to right, λ increasing
        assertEquals(path.get("lambda").get(i).asDouble(), s.getXData()[m - 1 - i], TOLERANCE);
        assertEquals(path.get("coef").get(i).get(j).asDouble(), s.getYData()[m - 1 - i], TOLERANCE);
      }
    }
    XYChart cv = chart(charts, "cv-curve");
    XYSeries mean = cv.getSeriesMap().get("mean CV error");
    XYSeries band = cv.getSeriesMap().get("mean ± 1 SE");
    for (int i = 0; i < m; i++) {
      double mu = path.get("cv").get("mean").get(i).asDouble();
      double se = path.get("cv").get("se").get(i).asDouble();
      assertEquals(mu, mean.getYData()[m - 1 - i], TOLERANCE);
      assertEquals(mu + se, band.getYData()[i], TOLERANCE);
      assertEquals(mu - se, band.getYData()[2 * m - 1 - i], TOLERANCE);
    }
    for (XYChart c : List.of(coef, cv)) {
      assertEquals(path.get("cv").get("lambda_min").asDouble(), c.getSeriesMap().values().stream()
          .filter(s -> s.getName().startsWith("λ_min")).findFirst().orElseThrow().getXData()[0], TOLERANCE);
      assertEquals(path.get("cv").get("lambda_1se").asDouble(), c.getSeriesMap().values().stream()
          .filter(s -> s.getName().startsWith("λ_1se")).findFirst().orElseThrow().getXData()[0], TOLERANCE);
    }
  }

  @Test
  void chartFiles_areWellFormedSvgWithTheChartsSize() throws Exception {
    Path dir = SampleRuns.path(temp);
    HtmlReport.write(dir);
    javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    // the DOCTYPE names a DTD on the web; never fetch it
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    for (String name : List.of("coefficient-path", "cv-curve")) {
      org.w3c.dom.Element svg = factory.newDocumentBuilder()
          .parse(dir.resolve("charts").resolve(name + ".svg").toFile()).getDocumentElement();
      assertEquals("svg", svg.getTagName());
      assertEquals("0 0 " + ChartTheme.WIDTH + " " + ChartTheme.HEIGHT, svg.getAttribute("viewBox"));
      assertTrue(svg.getElementsByTagName("path").getLength() > 10, name + ": drawn paths");
    }
  }

  @Test
  void gdLinear_slopeSeriesAreResultsJson() throws IOException {
    Path dir = SampleRuns.gdLinear(temp);
    XYChart chart = chart(ReportCharts.of(RunDirectory.detect(dir)), "slope");
    JsonNode rows = JSON.readTree(dir.resolve("results.json").toFile());
    XYSeries slope = chart.getSeriesMap().get("slope (gradient descent)");
    XYSeries closed = chart.getSeriesMap().get("slope (closed form)");
    int k = 0;
    for (JsonNode r : rows) {
      if (r.get("lambda").asDouble() > 0) {
        assertEquals(r.get("lambda").asDouble(), slope.getXData()[k], TOLERANCE);
        assertEquals(r.get("slope").asDouble(), slope.getYData()[k], TOLERANCE);
        assertEquals(r.get("closed_form_slope").asDouble(), closed.getYData()[k], TOLERANCE);
        k++;
      }
    }
    assertEquals(k, slope.getXData().length);
  }

  /**
   * A second mnist-l2 run into the same directory used to draw the first run's curves: the
   * chart read every folder under runs/. Now it draws the rows of results.json, each from the
   * run's first seed (experiment.json's settings.seeds).
   */
  @Test
  void runCurves_mnistL2_drawsOnlyTheRowsOfThisRunsResults() throws IOException {
    Path dir = SampleRuns.mnistL2(temp);
    SampleRuns.write(dir.resolve("runs/lambda-0.5/seed-0/history.csv"),
        SampleRuns.historyCsv(5, 0.5, 99));
    SampleRuns.write(dir.resolve("runs/lambda-0.01/seed-7/history.csv"),
        SampleRuns.historyCsv(3, 0.01, 98));
    SampleRuns.write(dir.resolve("results.json"), "[{\"lambda\": 0.01, \"dropout\": 0,"
        + " \"seeds\": 1, \"test_accuracy_mean\": 0.9, \"test_loss_mean\": 0.3},"
        + " {\"lambda\": 0.001, \"dropout\": 0.5, \"seeds\": 1, \"test_accuracy_mean\": 0.9,"
        + " \"test_loss_mean\": 0.3}]\n");
    XYChart chart = chart(ReportCharts.of(RunDirectory.detect(dir)), "run-curves");
    assertEquals(List.of("λ = 0.01", "λ = 0.001, dropout 0.5"),
        List.copyOf(chart.getSeriesMap().keySet()));
    assertEquals(8, chart.getSeriesMap().get("λ = 0.01").getXData().length);

    SampleRuns.write(dir.resolve("experiment.json"),
        "{\"name\": \"mnist-l2\", \"settings\": {\"seeds\": [7]}}\n");
    chart = chart(ReportCharts.of(RunDirectory.detect(dir)), "run-curves");
    assertEquals(List.of("λ = 0.01"), List.copyOf(chart.getSeriesMap().keySet()));
    assertEquals(3, chart.getSeriesMap().get("λ = 0.01").getXData().length);
  }

  @Test
  void runCurves_gdLinear_drawsOnlyTheLambdasOfThisRunsResults() throws IOException {
    Path dir = SampleRuns.gdLinear(temp);
    SampleRuns.write(dir.resolve("runs/lambda-0.5/history.csv"), SampleRuns.historyCsv(5, 0.5, 9));
    XYChart chart = chart(ReportCharts.of(RunDirectory.detect(dir)), "run-curves");
    assertEquals(List.of("λ = 0", "λ = 0.01", "λ = 0.1", "λ = 1", "λ = 10"),
        List.copyOf(chart.getSeriesMap().keySet()));
  }

  /**
   * A λ = 0 point is drawn with its series' marker: it got a circle while XChart gave the
   * series itself the next marker of its cycle when drawing (mnist-l2's dropout rows: a circle
   * at λ = 0 beside a legend of diamonds; gd-linear's intercept: a circle beside triangles).
   */
  @Test
  void lambdaZeroPoints_haveTheirSeriesMarker() throws IOException {
    int pairs = 0;
    for (Path dir : List.of(SampleRuns.mnistL2(temp.resolve("m")),
        SampleRuns.gdLinear(temp.resolve("g")))) {
      for (ReportChart c : ReportCharts.of(RunDirectory.detect(dir))) {
        org.knowm.xchart.BitmapEncoder.getBufferedImage(c.chart()); // XChart styles on drawing
        Map<String, XYSeries> series = c.chart().getSeriesMap();
        for (Map.Entry<String, XYSeries> e : series.entrySet()) {
          XYSeries main = series.get(e.getKey().replaceAll(", λ = 0$", ""));
          if (e.getKey().endsWith(", λ = 0") && main != null) {
            assertEquals(main.getMarker().getClass(), e.getValue().getMarker().getClass(),
                c.name() + ": " + e.getKey());
            pairs++;
          }
        }
      }
    }
    assertTrue(pairs >= 5, "λ = 0 points checked: " + pairs);
  }

  /**
   * gd-linear's 2,000 "epochs" are full-batch steps and J settles in the first few dozen: on
   * a linear axis labelled "epoch" the curves were flat lines from the left edge, with ticks at
   * 110, 220, 340, …
   */
  @Test
  void runCurves_gdLinear_putTheStepsOnALogAxis() throws IOException {
    Path dir = SampleRuns.gdLinear(temp);
    XYChart chart = chart(ReportCharts.of(RunDirectory.detect(dir)), "run-curves");
    assertTrue(chart.getStyler().isXAxisLogarithmic(), "a log step axis");
    assertEquals("gradient-descent step (full batch, log scale)", chart.getXAxisTitle());
    assertEquals("Objective per step for each λ", chart.getTitle());
    XYChart mnist = chart(ReportCharts.of(RunDirectory.detect(SampleRuns.mnistL2(
        temp.resolve("m")))), "run-curves");
    assertEquals("epoch", mnist.getXAxisTitle(), "mnist-l2's epochs stay epochs");
    assertTrue(!mnist.getStyler().isXAxisLogarithmic());
  }
}
