package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.CrossValidatedRelaxedPath;
import dev.tikhonov.estimate.LinearModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The report of a relaxed path (`path --relax --cv-folds 5`, written by the library as the CLI
 * writes it): the CV chart per γ, the chosen pairs marked and tabled with path.json's numbers;
 * and runs without the relaxed CV keep their sections.
 */
class RelaxedReportTest {
  @TempDir static Path temp;
  static Path dir;
  static CrossValidatedRelaxedPath<LinearModel> fit;
  static JsonNode json;

  @BeforeAll
  static void run() throws IOException {
    dir = temp.resolve("relaxed");
    fit = SampleRuns.relaxedPath(dir, true);
    json = new ObjectMapper().readTree(dir.resolve("path.json").toFile());
  }

  private static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static int indexOf(double[] values, double value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    throw new AssertionError(value + " not in " + Arrays.toString(values));
  }

  private static XYChart relaxedChart() {
    for (ReportChart c : ReportCharts.of(RunDirectory.detect(dir))) {
      if (c.name().equals("relaxed-cv-curve")) {
        return c.chart();
      }
    }
    throw new AssertionError("no relaxed-cv-curve chart");
  }

  /**
   * The coefficient path of a relaxed run (path.json has no top-level "cv") marks the relaxed
   * choices' λ, named with their γ, at path.json's λ_min and λ_1se.
   */
  @Test
  void coefficientPath_marksTheRelaxedChoicesWithTheirGamma() {
    JsonNode cv = json.get("relaxed").get("cv");
    XYChart chart = null;
    for (ReportChart c : ReportCharts.of(RunDirectory.detect(dir))) {
      if (c.name().equals("coefficient-path")) {
        chart = c.chart();
      }
    }
    assertNotNull(chart, "a coefficient-path chart");
    PathData path = PathData.read(dir.resolve("path.json"));
    LambdaAxis axis = new LambdaAxis(path.lambda());
    String[][] marks = {{"λ_min", "lambda_min", "gamma_min"}, {"λ_1se", "lambda_1se",
        "gamma_1se"}};
    for (String[] mark : marks) {
      double lambda = cv.get(mark[1]).asDouble();
      String name = mark[0] + " = " + LambdaAxis.Format.number(lambda) + " (γ = "
          + Html.number(cv.get(mark[2]).asDouble()) + ")";
      XYSeries line = chart.getSeriesMap().get(name);
      assertNotNull(line, name + " among " + chart.getSeriesMap().keySet());
      assertEquals(axis.position(lambda), line.getXData()[0], 0, name);
      assertEquals(axis.position(lambda), line.getXData()[1], 0, name);
    }
  }

  /** One curve per γ of path.json, its points (λ ascending) the γ's mean per λ. */
  @Test
  void chart_hasOneCurvePerGamma_withPathJsonsMeans() {
    JsonNode cv = json.get("relaxed").get("cv");
    double[] lambda = numbers(json.get("lambda"));
    double[] gamma = numbers(cv.get("gamma"));
    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, gamma);
    XYChart chart = relaxedChart();
    assertEquals("cross-validated mean squared error", chart.getYAxisTitle());
    int curves = 0;
    for (int g = 0; g < gamma.length; g++) {
      XYSeries s = chart.getSeriesMap().get("γ = " + Html.number(gamma[g]));
      assertNotNull(s, "a curve for γ = " + gamma[g] + " in " + chart.getSeriesMap().keySet());
      double[] mean = numbers(cv.get("mean").get(g));
      // drawn in increasing λ; path.json's λ decrease
      double[] x = s.getXData();
      double[] y = s.getYData();
      assertEquals(lambda.length, x.length);
      for (int k = 0; k < x.length; k++) {
        int i = lambda.length - 1 - k;
        assertEquals(lambda[i], x[k], 0, "γ = " + gamma[g] + ", λ index " + i);
        assertEquals(mean[i], y[k], 0, "γ = " + gamma[g] + ", λ index " + i);
      }
      curves++;
    }
    long gammaSeries = chart.getSeriesMap().keySet().stream().filter(n -> n.startsWith("γ = "))
        .count();
    assertEquals(curves, gammaSeries, "no other γ curve");
    assertTrue(chart.getSeriesMap().keySet().stream().anyMatch(n -> n.startsWith("mean ± 1 SE")),
        "γ_min's band");
  }

  /**
   * The two marked points lie at path.json's (λ_min, mean[γ_min][λ_min]) and (λ_1se,
   * mean[γ_1se][λ_1se]); the first is the smallest mean of every pair, the library's choice.
   */
  @Test
  void chart_marksTheChosenPairsAtPathJsonsValues() {
    JsonNode cv = json.get("relaxed").get("cv");
    double[] lambda = numbers(json.get("lambda"));
    double[] gamma = numbers(cv.get("gamma"));
    XYChart chart = relaxedChart();
    String[] prefix = {"min: ", "1se: "};
    String[] suffix = {"min", "1se"};
    double smallest = Double.POSITIVE_INFINITY;
    for (JsonNode curve : cv.get("mean")) {
      for (JsonNode v : curve) {
        smallest = Math.min(smallest, v.asDouble());
      }
    }
    for (int r = 0; r < 2; r++) {
      double l = cv.get("lambda_" + suffix[r]).asDouble();
      double g = cv.get("gamma_" + suffix[r]).asDouble();
      String name = prefix[r] + "γ = " + Html.number(g) + ", λ = " + Html.number(l);
      XYSeries point = chart.getSeriesMap().get(name);
      assertNotNull(point, name + " in " + chart.getSeriesMap().keySet());
      double mean = cv.get("mean").get(indexOf(gamma, g)).get(indexOf(lambda, l)).asDouble();
      assertArrayEquals(new double[] {l}, point.getXData(), 0, name);
      assertArrayEquals(new double[] {mean}, point.getYData(), 0, name);
      if (r == 0) {
        assertEquals(smallest, mean, 0, "the minimum over every (γ, λ)");
      }
    }
    assertEquals(fit.lambdaMin(), cv.get("lambda_min").asDouble(), 0);
    assertEquals(fit.gammaMin(), cv.get("gamma_min").asDouble(), 0);
  }

  /**
   * The table: γ, λ, mean ± SE as path.json has them, and the nonzero count of the library's
   * model at each pair.
   */
  @Test
  void table_holdsPathJsonsChoices_andTheModelsNonzeroCounts() throws IOException {
    String html = Files.readString(HtmlReport.write(dir));
    assertTrue(html.contains("<h3>Relaxed lasso</h3>"), "the relaxed section");
    assertTrue(html.contains("<th>CV mean squared error (mean ± SE)</th>"), "the measure header");
    JsonNode cv = json.get("relaxed").get("cv");
    double[] lambda = numbers(json.get("lambda"));
    double[] gamma = numbers(cv.get("gamma"));
    String[] label = {"(γ_min, λ_min)", "(γ_1se, λ_1se)"};
    String[] suffix = {"min", "1se"};
    LinearModel[] model = {fit.atMinimum(), fit.atOneStandardError()};
    for (int r = 0; r < 2; r++) {
      List<String> cells = row(html, label[r]);
      double l = cv.get("lambda_" + suffix[r]).asDouble();
      double g = cv.get("gamma_" + suffix[r]).asDouble();
      int gi = indexOf(gamma, g);
      int li = indexOf(lambda, l);
      assertEquals(List.of(Html.number(g), Html.number(l),
          Html.meanStd(cv.get("mean").get(gi).get(li).asDouble(),
              cv.get("se").get(gi).get(li).asDouble()),
          String.valueOf(model[r].nonzeroCoefficients())), cells.subList(1, 5), label[r]);
    }
    assertTrue(html.contains("<tr class=\"best\"><td>(γ_min, λ_min)</td>"), "min highlighted");
  }

  /**
   * The folded coefficient table has a column for each relaxed choice, holding the library's
   * model there (γ·lasso + (1 − γ)·refit: what {@code path --relax --save} keeps), feature by
   * feature.
   */
  @Test
  void coefficientTable_holdsTheModelsAtTheRelaxedChoices() throws IOException {
    String html = Files.readString(HtmlReport.write(dir));
    String table = html.substring(html.indexOf("<summary>Coefficients at these λ</summary>"));
    table = table.substring(0, table.indexOf("</table>"));
    List<String> headers = new ArrayList<>();
    Matcher th = Pattern.compile("<th>(.*?)</th>").matcher(table);
    while (th.find()) {
      headers.add(th.group(1).replace("<wbr>", ""));
    }
    String[] label = {"(γ_min, λ_min)", "(γ_1se, λ_1se)"};
    LinearModel[] model = {fit.atMinimum(), fit.atOneStandardError()};
    int checked = 0;
    for (int r = 0; r < 2; r++) {
      int column = headers.indexOf(label[r]);
      assertTrue(column > 0, label[r] + " in " + headers);
      for (var e : model[r].coefficientsByName().entrySet()) {
        List<String> cells = row(table, e.getKey());
        assertEquals(Html.number(e.getValue()), cells.get(column), label[r] + ", " + e.getKey());
        checked += e.getValue() != 0 ? 1 : 0;
      }
    }
    assertTrue(checked > 4, "nonzero coefficients compared: " + checked);
  }

  /** The cells of the table row labelled {@code label}, markup-free. */
  private static List<String> row(String html, String label) {
    Matcher m = Pattern.compile("<tr[^>]*><td>" + Pattern.quote(label) + "</td>(.*?)</tr>")
        .matcher(html);
    assertTrue(m.find(), "a row " + label);
    List<String> cells = new ArrayList<>(List.of(label));
    Matcher td = Pattern.compile("<td>(.*?)</td>").matcher(m.group(1));
    while (td.find()) {
      cells.add(td.group(1).replaceAll("<[^>]+>", ""));
    }
    return cells;
  }

  /**
   * A relaxed path without CV, and a plain path: no relaxed chart or table; the plain path keeps
   * its charts (coefficients, CV curve, criteria) and its λ_min row.
   */
  @Test
  void runsWithoutRelaxedCv_keepTheirSections() throws IOException {
    Path plain = SampleRuns.path(temp.resolve("plain"));
    List<String> names = ReportCharts.of(RunDirectory.detect(plain)).stream()
        .map(ReportChart::name).toList();
    assertEquals(List.of("coefficient-path", "cv-curve", "criteria"), names);
    String html = Files.readString(HtmlReport.write(plain));
    assertFalse(html.contains("Relaxed") || html.contains("γ_min"), "nothing relaxed");
    assertTrue(html.contains("<tr class=\"best\"><td>λ_min</td>"), "the plain CV's row");

    Path noCv = temp.resolve("relaxed-no-cv");
    SampleRuns.relaxedPath(noCv, false);
    assertEquals(List.of("coefficient-path"), ReportCharts.of(RunDirectory.detect(noCv))
        .stream().map(ReportChart::name).toList());
    String noCvHtml = Files.readString(HtmlReport.write(noCv));
    assertFalse(noCvHtml.contains("<h3>Relaxed lasso</h3>"), "no relaxed CV to show");
  }

  /** A relaxed.cv whose mean lacks a γ names the file and field. */
  @Test
  void malformedRelaxedCv_isAnInputExceptionNamingTheField() throws IOException {
    Path bad = temp.resolve("bad");
    Files.createDirectories(bad);
    String text = Files.readString(dir.resolve("path.json"));
    JsonNode root = new ObjectMapper().readTree(text);
    ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("relaxed").get("cv").get("mean"))
        .remove(0);
    Files.writeString(bad.resolve("path.json"), root.toString());
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(bad));
    assertTrue(e.getMessage().contains("relaxed.cv: \"mean\" must be an array with one entry per"
        + " γ (5)"), e.getMessage());

    ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("relaxed").get("cv"))
        .set("mean", json.get("relaxed").get("cv").get("mean"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("relaxed").get("cv"))
        .put("gamma_min", 0.3);
    Files.writeString(bad.resolve("path.json"), root.toString());
    e = assertThrows(InputException.class, () -> HtmlReport.write(bad));
    assertTrue(e.getMessage().contains("relaxed.cv: \"gamma_min\" must be one of the γ"),
        e.getMessage());
  }

  /**
   * A relaxed.cv whose γ leave [0, 1], are NaN or repeat, or a "relaxed" or relaxed.cv that is
   * not an object, is refused naming the file and field: the report drew γ = 7 as a curve and
   * tabled 7·lasso − 6·refit as a model, and ignored a "relaxed" that was a number.
   */
  @Test
  void relaxedCvGammasOutsideTheUnitIntervalOrRepeated_areRefusedNamingTheField()
      throws IOException {
    Path bad = temp.resolve("badGamma");
    Files.createDirectories(bad);
    String[][] cases = {
        {"[0, 0.25, 0.5, 0.75, 7]", "gamma[4] must be in [0, 1], found 7.0"},
        {"[0, 0.25, NaN, 0.75, 1]", "gamma[2] must be in [0, 1], found NaN"},
        {"[-0.5, 0.25, 0.5, 0.75, 1]", "gamma[0] must be in [0, 1], found -0.5"},
        {"[0, 0.25, 0.25, 0.75, 1]", "gamma[2] repeats gamma[1] (0.25)"}};
    for (String[] c : cases) {
      com.fasterxml.jackson.databind.node.ObjectNode root =
          (com.fasterxml.jackson.databind.node.ObjectNode) json.deepCopy();
      com.fasterxml.jackson.databind.node.ObjectNode cv =
          (com.fasterxml.jackson.databind.node.ObjectNode) root.get("relaxed").get("cv");
      cv.put("gamma_min", 0.25);
      cv.put("gamma_1se", 0.25);
      Files.writeString(bad.resolve("path.json"), root.toString()
          .replaceFirst("\"gamma\":\\[[^\\]]*\\],\"mean\"", "\"gamma\":" + c[0] + ",\"mean\""));
      assertTrue(Files.readString(bad.resolve("path.json")).contains("\"gamma\":" + c[0]),
          "the test's edit took");
      InputException e = assertThrows(InputException.class, () -> HtmlReport.write(bad));
      assertTrue(e.getMessage().contains(bad.resolve("path.json") + ": relaxed.cv: " + c[1]),
          e.getMessage());
    }
    for (String relaxed : new String[] {"5", "[1]"}) {
      com.fasterxml.jackson.databind.node.ObjectNode root =
          (com.fasterxml.jackson.databind.node.ObjectNode) json.deepCopy();
      root.set("relaxed", new ObjectMapper().readTree(relaxed));
      Files.writeString(bad.resolve("path.json"), root.toString());
      InputException e = assertThrows(InputException.class, () -> HtmlReport.write(bad));
      assertTrue(e.getMessage().contains("path.json: \"relaxed\" must be an object"),
          e.getMessage());
    }
  }

  /**
   * A path.json with a cross-validation (top-level "cv" or relaxed.cv) and no λ is refused
   * naming the field: the CV chart failed with a NullPointerException on its missing curve.
   */
  @Test
  void crossValidationWithoutAnyLambda_isAnInputExceptionNamingTheField() throws IOException {
    Path bad = temp.resolve("noLambda");
    Files.createDirectories(bad);
    String empty = "{\"family\": \"gaussian\", \"lambda\": [], \"intercept\": [],"
        + " \"coef\": [], \"df\": [], \"dev_ratio\": [], ";
    Files.writeString(bad.resolve("path.json"), empty + "\"cv\": {\"mean\": [], \"se\": [],"
        + " \"lambda_min\": 0.1, \"lambda_1se\": 0.1}}");
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(bad));
    assertEquals(bad.resolve("path.json") + ": cv: a cross-validation needs the λ it chose"
        + " among, but \"lambda\" is empty", e.getMessage());

    Files.writeString(bad.resolve("path.json"), empty + "\"relaxed\": {\"coef\": [], \"cv\":"
        + " {\"gamma\": [1], \"mean\": [[]], \"se\": [[]], \"lambda_min\": 0.1,"
        + " \"gamma_min\": 1, \"lambda_1se\": 0.1, \"gamma_1se\": 1}}}");
    e = assertThrows(InputException.class, () -> HtmlReport.write(bad));
    assertEquals(bad.resolve("path.json") + ": relaxed.cv: a cross-validation needs the λ it"
        + " chose among, but \"lambda\" is empty", e.getMessage());

    Files.writeString(bad.resolve("path.json"), empty.substring(0, empty.length() - 2) + "}");
    assertTrue(Files.isRegularFile(HtmlReport.write(bad)), "no CV: an empty path still reports");
  }

  /**
   * Two γ that round alike (path --relax --gammas 0.5,0.5000001) are written in full: the run
   * ended with XChart's "Series name >γ = 0.5< has already been used" (exit 2, no report).
   */
  @Test
  void gammasThatRoundAlike_areWrittenInFull_andTheReportIsWritten() throws IOException {
    Path close = temp.resolve("closeGammas");
    Files.createDirectories(close);
    Files.copy(dir.resolve("run.json"), close.resolve("run.json"));
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.deepCopy();
    com.fasterxml.jackson.databind.node.ObjectNode cv =
        (com.fasterxml.jackson.databind.node.ObjectNode) root.get("relaxed").get("cv");
    assertEquals(0.25, cv.get("gamma").get(1).asDouble(), "the sample's γ");
    ((com.fasterxml.jackson.databind.node.ArrayNode) cv.get("gamma")).set(1,
        cv.numberNode(0.5000001));
    for (String field : new String[] {"gamma_min", "gamma_1se"}) {
      if (cv.get(field).asDouble() == 0.25) {
        cv.put(field, 0.5000001);
      }
    }
    Files.writeString(close.resolve("path.json"), root.toString());
    String html = Files.readString(HtmlReport.write(close));
    XYChart chart = null;
    for (ReportChart c : ReportCharts.of(RunDirectory.detect(close))) {
      chart = c.name().equals("relaxed-cv-curve") ? c.chart() : chart;
    }
    assertNotNull(chart);
    assertTrue(chart.getSeriesMap().containsKey("γ = 0.5000001"), chart.getSeriesMap().keySet()
        .toString());
    assertTrue(chart.getSeriesMap().containsKey("γ = 0.5"));
    assertTrue(html.contains("γ ∈ {0, 0.5000001, 0.5, 0.75, 1}"), "the table's note");
  }
}
