package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.estimate.GridSearchCV;
import dev.tikhonov.estimate.MlpPathCV;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.select.CvMeasure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The select and grid run directories: their files, and a report drawn only from them. */
class SelectionReportTest {
  @TempDir Path temp;

  static List<String> names(List<ReportChart> charts) {
    return charts.stream().map(ReportChart::name).toList();
  }

  @Test
  void select_filesHoldTheSearch_andTheReportDrawsThem() throws IOException {
    Path dir = temp.resolve("select");
    MlpPathCV.Result<NetworkClassifier> r = SelectionRuns.select(dir);
    JsonNode json = JsonFiles.read(dir.resolve("selection.json"));
    assertEquals(r.lambdaMin(), json.path("cv").path("lambda_min").asDouble());
    assertEquals(r.lambda1se(), json.path("cv").path("lambda_1se").asDouble());
    assertEquals(r.chosenIndex(), json.path("chosen").path("index").asInt());
    assertEquals(3, json.path("splits").size());
    assertEquals(4, json.path("path").size());
    assertEquals(4, json.path("evidence").path("lambdas").size());
    assertEquals(5, Files.readAllLines(dir.resolve("selection.csv")).size());

    SelectionData data = SelectionData.read(dir.resolve("selection.json"));
    assertArrayEquals(r.cv().mean(), data.mean(), 0.0);
    List<ReportChart> charts = ReportCharts.of(RunDirectory.detect(dir));
    assertEquals(List.of("cv-curve", "evidence", "path-losses", "layer-norms", "epochs"),
        names(charts));
    XYChart cv = charts.get(0).chart();
    XYSeries curve = cv.getSeriesMap().get("warm starts");
    // λ ascending on the chart, the file's order is decreasing
    double[] mean = r.cv().mean().clone();
    double[] lambdas = r.lambdas();
    double[] reversed = new double[mean.length];
    double[] ls = new double[mean.length];
    for (int i = 0; i < mean.length; i++) {
      reversed[i] = mean[mean.length - 1 - i];
      ls[i] = lambdas[lambdas.length - 1 - i];
    }
    assertArrayEquals(reversed, curve.getYData(), 0.0);
    assertArrayEquals(ls, curve.getXData(), 0.0);
    XYSeries min = cv.getSeriesMap().values().stream()
        .filter(s -> s.getName().startsWith("λ_min")).findFirst().orElseThrow();
    assertEquals(r.lambdaMin(), min.getXData()[0], 0.0);
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("(chosen)"), "the chosen λ is marked in the table");
    assertTrue(html.contains("tr class=\"best\""));
    assertEquals(charts.size(), html.split("<svg ", -1).length - 1);
  }

  /**
   * mnist-select --quick's cold grid had λ_min = 1e-5, its grid's smallest λ, and the report
   * said nothing; a path's table says so. The note under the table also says the times follow
   * an untimed warm-up.
   */
  @Test
  void mnistSelect_lambdaMinAtItsGridsEdge_isNamedUnderTheTable() throws IOException {
    Path dir = SampleRuns.mnistSelect(temp.resolve("ms"), temp.resolve("ms-source"));
    double[] lambdas = SelectionData.read(dir.resolve(
        "selection-fashion-mnist-cold.json")).lambdas();
    double smallest = java.util.Arrays.stream(lambdas).min().orElseThrow();
    String results = Files.readString(dir.resolve("results.json"));
    int cold = results.indexOf("\"data\": \"fashion-mnist\", \"method\": \"cold\"");
    int at = results.indexOf("\"lambda_min\": ", cold) + "\"lambda_min\": ".length();
    SampleRuns.write(dir.resolve("results.json"), results.substring(0, at) + smallest
        + results.substring(results.indexOf(',', at)));
    String html = Files.readString(HtmlReport.write(dir));
    assertTrue(html.contains("cold on fashion-mnist: λ_min = " + Html.number(smallest)
        + " is the smallest λ of its grid: the CV loss may fall further outside the grid"), html);
    assertEquals(1, html.split("of its grid", -1).length - 1, "the other rows are inside");
    assertTrue(html.contains("the first also carrying the JVM's start (this run predates"),
        "experiment.json has no warm_up: " + html);
    SampleRuns.write(dir.resolve("experiment.json"), "{\"name\": \"mnist-select\","
        + " \"warm_up\": \"one untimed run of each method\"}\n");
    html = Files.readString(HtmlReport.write(dir));
    assertTrue(html.contains("after an untimed warm-up run of each, so that none carries"), html);
  }

  @Test
  void grid_filesHoldEveryCandidate_andTheReportDrawsThemAgainstLambda() throws IOException {
    Path dir = temp.resolve("grid");
    GridSearchCV.Result<NetworkClassifier> r = SelectionRuns.grid(dir);
    JsonNode json = JsonFiles.read(dir.resolve("grid.json"));
    assertEquals(6, json.path("candidates").size());
    assertEquals(r.chosenIndex(), json.path("chosen").asInt());
    assertEquals(r.scores().mean()[2], json.path("candidates").get(2).path("mean").asDouble());
    List<ReportChart> charts = ReportCharts.of(RunDirectory.detect(dir));
    assertEquals(List.of("grid-cv"), names(charts));
    XYChart chart = charts.get(0).chart();
    List<String> series = chart.getSeriesMap().keySet().stream().collect(Collectors.toList());
    assertTrue(series.contains("dropout 0.2"), series.toString());
    assertTrue(series.contains("dropout 0"), series.toString());
    XYSeries noDropout = chart.getSeriesMap().get("dropout 0");
    // candidates 1, 3, 5 have no dropout; λ = 0.3, 0.01, 1e-4, drawn ascending
    assertArrayEquals(new double[] {r.scores().mean()[5], r.scores().mean()[3],
        r.scores().mean()[1]}, noDropout.getYData(), 0.0);
    assertTrue(Arrays.stream(noDropout.getExtraValues()).allMatch(e -> e > 0), "SE bars");
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("one-SE"), html.length() + " chars");
  }

  /** The header cells of the report's first table holding {@code first} as a header. */
  private static List<String> headers(String html, String first) {
    int at = html.indexOf("<th>" + first + "</th>");
    assertTrue(at >= 0, first + " not a header: " + html.length() + " chars");
    String row = html.substring(at, html.indexOf("</tr>", at));
    return java.util.regex.Pattern.compile("<th>(.*?)</th>").matcher(row).results()
        .map(m -> m.group(1)).toList();
  }

  /**
   * A select or grid run by the misclassification rate shows the held-out loss beside it, as
   * the CLI's table does, and the rate once: the report showed the rate twice (as the measure
   * and as "misclassification") and the loss, which the run files keep, not at all.
   */
  @Test
  void searchesByTheErrorRate_tableTheLossBeside_andTheRateOnce() throws IOException {
    Path dir = temp.resolve("select-class");
    MlpPathCV.Result<NetworkClassifier> r = SelectionRuns.select(dir, CvMeasure.MISCLASSIFICATION);
    String html = Files.readString(dir.resolve("report.html"));
    assertEquals(List.of("λ", "held-out misclassification rate (mean ± SE)",
        "held-out loss (mean ± SE)", "log evidence"), headers(html, "λ").subList(0, 4));
    int chosen = r.chosenIndex();
    assertTrue(html.contains("<td>" + Html.meanStd(r.cv().mean()[chosen],
        r.cv().standardError()[chosen]) + "</td><td>" + Html.meanStd(r.loss().mean()[chosen],
        r.loss().standardError()[chosen]) + "</td>"), "the chosen λ's rate, then its loss");

    Path grid = temp.resolve("grid-class");
    GridSearchCV.Result<NetworkClassifier> g =
        SelectionRuns.grid(grid, CvMeasure.MISCLASSIFICATION);
    html = Files.readString(grid.resolve("report.html"));
    List<String> h = headers(html, "lambda");
    assertEquals(List.of("held-out misclassification rate (mean ± SE)",
        "held-out loss (mean ± SE)", ""), h.subList(h.size() - 3, h.size()));
    JsonNode c = JsonFiles.read(grid.resolve("grid.json")).path("candidates").get(0);
    assertTrue(html.contains("<td>" + Html.meanStd(c.path("mean").asDouble(),
        c.path("se").asDouble()) + "</td><td>" + Html.meanStd(c.path("loss_mean").asDouble(),
        c.path("loss_se").asDouble()) + "</td>"), "the first candidate's rate, then its loss");
    assertTrue(Double.isFinite(g.loss().mean()[0]));

    Path deviance = temp.resolve("select-deviance");
    SelectionRuns.select(deviance);
    assertEquals(List.of("λ", "held-out cross-entropy (mean ± SE)",
        "misclassification (mean ± SE)"),
        headers(Files.readString(deviance.resolve("report.html")), "λ").subList(0, 3),
        "by the loss: no second loss column, the rate beside");
  }

  /**
   * A malformed optional number in grid.json, selection.json or path.json names the file and
   * where in it: the message was only `loss_mean: expected a number, found "x"`.
   */
  @Test
  void malformedOptionalNumbers_nameTheFileAndTheField() throws IOException {
    Path grid = temp.resolve("grid.json");
    Files.writeString(grid, "{\"candidates\": [{\"settings\": {\"lambda\": 0.1}, \"mean\": 1,"
        + " \"loss_mean\": \"x\"}], \"best\": 0, \"one_se\": 0, \"chosen\": 0}");
    dev.tikhonov.data.InputException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.tikhonov.data.InputException.class, () -> GridData.read(grid));
    assertEquals(grid + ": candidates[0]: field \"loss_mean\": expected a number, found \"x\"",
        e.getMessage());

    Path selection = temp.resolve("selection.json");
    Files.writeString(selection, "{\"lambdas\": [0.1], \"cv\": {\"mean\": [1], \"se\": [0],"
        + " \"lambda_min\": 0.1, \"lambda_1se\": 0.1}, \"chosen\": {\"index\": 0},"
        + " \"path\": [{\"lambda\": 0.1, \"validation_loss\": [2]}]}");
    e = org.junit.jupiter.api.Assertions.assertThrows(dev.tikhonov.data.InputException.class,
        () -> SelectionData.read(selection));
    assertEquals(selection + ": path[0]: field \"validation_loss\": expected a number, found [2]",
        e.getMessage());

    // the misclassification summary, like cv's and loss's, has one mean and se per λ (it was
    // read at any length and then silently left out of the table)
    Files.writeString(selection, "{\"lambdas\": [0.1], \"cv\": {\"mean\": [1], \"se\": [0],"
        + " \"lambda_min\": 0.1, \"lambda_1se\": 0.1}, \"chosen\": {\"index\": 0},"
        + " \"misclassification\": {\"mean\": [0.1, 0.2], \"se\": [0, 0]}}");
    e = org.junit.jupiter.api.Assertions.assertThrows(dev.tikhonov.data.InputException.class,
        () -> SelectionData.read(selection));
    assertEquals(selection + ": misclassification: mean and se must have one entry per λ (1)",
        e.getMessage());

    Path path = temp.resolve("path.json");
    Files.writeString(path, "{\"lambda\": [0.1], \"coef\": [[1]], \"l1_ratio\": \"lasso\"}");
    e = org.junit.jupiter.api.Assertions.assertThrows(dev.tikhonov.data.InputException.class,
        () -> PathData.read(path));
    assertEquals(path + ": field \"l1_ratio\": expected a number, found \"lasso\"",
        e.getMessage());
  }

  /**
   * A log loss axis over less than two decades is ticked at 1–9 × 10ᵏ (the mnist-select report
   * had a single label, "1", on losses from 0.2 to 2.3); over more decades at powers of ten.
   */
  @Test
  void cvCurves_logAxisUnderTwoDecades_isTickedBetweenPowersOfTen() throws Exception {
    double[] lambdas = {1e-4, 1e-3, 1e-2, 1e-1, 1};
    double[] se = {0.01, 0.01, 0.01, 0.01, 0.01};
    XYChart narrow = SelectionCharts.cvCurves("narrow", "loss", List.of(new SelectionCharts.Curve(
        "cv", lambdas, new double[] {0.25, 0.2, 0.3, 0.9, 2.3}, se)), List.of(), lambdas);
    assertTrue(narrow.getStyler().isYAxisLogarithmic(), "a spread over 5x is drawn on a log axis");
    assertTrue(!narrow.getStyler().isYAxisLogarithmicDecadeOnly(), "ticks between decades");
    AxisGuardTest.assertDrawable(narrow);
    XYChart wide = SelectionCharts.cvCurves("wide", "loss", List.of(new SelectionCharts.Curve(
        "cv", lambdas, new double[] {0.05, 0.02, 0.3, 0.9, 2.3}, se)), List.of(), lambdas);
    assertTrue(wide.getStyler().isYAxisLogarithmic() && wide.getStyler().isYAxisLogarithmicDecadeOnly(),
        "over two decades, powers of ten are enough");
    AxisGuardTest.assertDrawable(wide);
  }
}
