package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.CrossValidatedL1Ratios;
import dev.tikhonov.estimate.LinearModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The report of {@code path --l1-ratio 0.1,0.5,1 --cv-folds 5} (written by the library as the
 * CLI writes it): one chart holds every α's CV curve from path.json's l1_ratios, the kept pair
 * marked; a one-α run draws no such chart.
 */
class L1RatioReportTest {
  private static final double[] ALPHAS = {0.1, 0.5, 1};
  @TempDir static Path temp;
  static Path dir;
  static CrossValidatedL1Ratios<LinearModel> fit;
  static JsonNode json;

  @BeforeAll
  static void run() throws IOException {
    dir = temp.resolve("l1-ratios");
    fit = SampleRuns.l1RatiosPath(dir, ALPHAS);
    json = new ObjectMapper().readTree(dir.resolve("path.json").toFile());
  }

  private static Optional<XYChart> chart(Path run) {
    return ReportCharts.of(RunDirectory.detect(run)).stream()
        .filter(c -> c.name().equals("l1-ratio-cv-curves")).map(ReportChart::chart).findFirst();
  }

  private static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** One curve per α, its points (λ ascending) the α's own λ and CV means from path.json. */
  @Test
  void chart_hasOneCurvePerAlpha_withPathJsonsCurves() {
    XYChart chart = chart(dir).orElseThrow(() -> new AssertionError("no l1-ratio-cv-curves"));
    assertEquals("cross-validated mean squared error", chart.getYAxisTitle());
    JsonNode candidates = json.get("l1_ratios").get("candidates");
    assertEquals(ALPHAS.length, candidates.size());
    for (JsonNode c : candidates) {
      String name = "α = " + Html.number(c.get("l1_ratio").asDouble());
      XYSeries s = chart.getSeriesMap().get(name);
      assertNotNull(s, name + " in " + chart.getSeriesMap().keySet());
      double[] lambda = numbers(c.get("lambda"));
      double[] mean = numbers(c.get("cv_mean"));
      assertEquals(lambda.length, s.getXData().length, name);
      for (int k = 0; k < lambda.length; k++) {
        int i = lambda.length - 1 - k;
        assertEquals(lambda[i], s.getXData()[k], 0, name + ", λ index " + i);
        assertEquals(mean[i], s.getYData()[k], 0, name + ", λ index " + i);
      }
    }
    assertEquals(ALPHAS.length, chart.getSeriesMap().keySet().stream()
        .filter(n -> n.startsWith("α = ")).count(), "one curve per α, no other");
    assertTrue(chart.getSeriesMap().containsKey("mean ± 1 SE (α = "
        + Html.number(fit.chosenL1Ratio()) + ")"), "the chosen α's band");
  }

  /** The diamond is the library's chosen pair: (α, λ_min) and the mean there. */
  @Test
  void chart_marksTheChosenPair() {
    XYChart chart = chart(dir).orElseThrow();
    String name = "chosen: α = " + Html.number(fit.chosenL1Ratio()) + ", λ_min = "
        + Html.number(fit.chosenLambda());
    XYSeries point = chart.getSeriesMap().get(name);
    assertNotNull(point, name + " in " + chart.getSeriesMap().keySet());
    assertEquals(fit.chosenLambda(), point.getXData()[0], 0);
    assertEquals(fit.chosen().mean()[fit.chosen().indexMin()], point.getYData()[0], 0);
  }

  /** report.html shows it right after the CV chart, with its sentence; charts/ holds it. */
  @Test
  void page_showsTheChart_rightAfterTheCvCurve() throws IOException {
    String html = Files.readString(HtmlReport.write(dir));
    int cv = html.indexOf("averaged over the folds, with its ±1 standard-error band");
    int alphas = html.indexOf("of every α of --l1-ratio against its own λ");
    assertTrue(cv >= 0 && alphas > cv, "after the CV chart");
    assertEquals(1, html.substring(cv, alphas).split("<figure>", -1).length - 1,
        "no chart between them");
    assertTrue(Files.isRegularFile(dir.resolve("charts/l1-ratio-cv-curves.svg")));
    assertTrue(Files.isRegularFile(dir.resolve("charts/l1-ratio-cv-curves.png")));
  }

  /** One α (the CLI then writes no l1_ratios) draws nothing new; its CV chart stays. */
  @Test
  void oneAlpha_drawsNoAlphaChart() throws IOException {
    Path one = temp.resolve("one");
    SampleRuns.l1RatiosPath(one, 0.5);
    assertTrue(chart(one).isEmpty());
    assertTrue(ReportCharts.of(RunDirectory.detect(one)).stream()
        .anyMatch(c -> c.name().equals("cv-curve")));
    // a block of one candidate (not written by the CLI) draws nothing either
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(dir.resolve("path.json")
        .toFile());
    ObjectNode block = (ObjectNode) root.get("l1_ratios");
    JsonNode chosen = null;
    for (JsonNode c : block.get("candidates")) {
      chosen = c.get("l1_ratio").asDouble() == fit.chosenL1Ratio() ? c : chosen;
    }
    block.putArray("candidates").add(chosen);
    Path single = temp.resolve("single");
    Files.createDirectories(single);
    Files.writeString(single.resolve("path.json"), root.toString());
    Files.copy(dir.resolve("run.json"), single.resolve("run.json"));
    assertTrue(chart(single).isEmpty());
  }

  /** A damaged block is named with its entry, as every path.json error is. */
  @Test
  void damagedBlock_isNamed() throws IOException {
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(dir.resolve("path.json")
        .toFile());
    ((ObjectNode) root.get("l1_ratios")).put("chosen", 0.7);
    Path bad = temp.resolve("bad");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("path.json"), root.toString());
    Files.copy(dir.resolve("run.json"), bad.resolve("run.json"));
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(bad));
    assertTrue(e.getMessage().endsWith("path.json: l1_ratios: \"chosen\" must be one of the"
        + " candidates' l1_ratio, found 0.7"), e.getMessage());
    ((ObjectNode) root.get("l1_ratios")).put("chosen", 1.0);
    ((ObjectNode) root.get("l1_ratios").get("candidates").get(1)).putArray("cv_se").add(1);
    Files.writeString(bad.resolve("path.json"), root.toString());
    e = assertThrows(InputException.class, () -> HtmlReport.write(bad));
    assertTrue(e.getMessage().contains("l1_ratios.candidates[1]: \"lambda\", \"cv_mean\" and"
        + " \"cv_se\" must have one entry per λ"), e.getMessage());
    root.set("l1_ratios", new ObjectMapper().readTree(dir.resolve("path.json").toFile())
        .get("l1_ratios"));
    ((ObjectNode) root.get("l1_ratios").get("candidates").get(2)).put("l1_ratio", 1.5);
    Files.writeString(bad.resolve("path.json"), root.toString());
    e = assertThrows(InputException.class, () -> HtmlReport.write(bad));
    assertTrue(e.getMessage().endsWith("l1_ratios.candidates[2]: \"l1_ratio\" must be in [0, 1],"
        + " found 1.5"), e.getMessage());
    ((ObjectNode) root.get("l1_ratios").get("candidates").get(2)).put("l1_ratio", 0.5);
    Files.writeString(bad.resolve("path.json"), root.toString());
    e = assertThrows(InputException.class, () -> HtmlReport.write(bad));
    assertTrue(e.getMessage().endsWith("l1_ratios.candidates[2]: α 0.5 is there twice; each α"
        + " needs one curve"), e.getMessage());
  }

  /** The run's path.json, read anew to be changed. */
  private static ObjectNode freshPathJson() throws IOException {
    return (ObjectNode) new ObjectMapper().readTree(dir.resolve("path.json").toFile());
  }

  /** A copy of the run whose path.json is {@code root}. */
  private static Path copy(ObjectNode root, String name) throws IOException {
    Path out = temp.resolve(name);
    Files.createDirectories(out);
    Files.writeString(out.resolve("path.json"), root.toString());
    Files.copy(dir.resolve("run.json"), out.resolve("run.json"));
    return out;
  }

  /**
   * The block names the measure that scored the α ("deviance" here, the cv block's too) and the
   * axis title is that measure's, even where the cv block says another or nothing.
   */
  @Test
  void measure_isRecorded_andTitlesTheAxis() throws IOException {
    assertEquals("deviance", json.get("l1_ratios").get("measure").asText());
    assertEquals(json.get("cv").get("measure").asText(),
        json.get("l1_ratios").get("measure").asText());
    ObjectNode root = freshPathJson();
    ((ObjectNode) root.get("l1_ratios")).put("measure", "mae");
    ((ObjectNode) root.get("cv")).remove("measure");
    assertEquals("cross-validated mean absolute error",
        chart(copy(root, "mae")).orElseThrow().getYAxisTitle());
  }

  /**
   * The chart's title and caption name the measure its axis names, the block's: with
   * l1_ratios.measure "mae" beside a cv block without one (the deviance's), the title said
   * "Cross-validated error of every α" and the caption "The cross-validated error", taken from
   * the cv block, over an axis of mean absolute errors.
   */
  @Test
  void titleAndCaption_nameTheBlocksMeasure_asTheAxisDoes() throws IOException {
    ObjectNode root = freshPathJson();
    ((ObjectNode) root.get("l1_ratios")).put("measure", "mae");
    ((ObjectNode) root.get("cv")).remove("measure");
    ReportChart chart = ReportCharts.of(RunDirectory.detect(copy(root, "mae-caption")))
        .stream().filter(c -> c.name().equals("l1-ratio-cv-curves")).findFirst().orElseThrow();
    assertEquals("cross-validated mean absolute error", chart.chart().getYAxisTitle());
    assertEquals("Cross-validated mean absolute error of every α", chart.chart().getTitle());
    assertTrue(chart.caption().startsWith("The cross-validated mean absolute error of every α"),
        chart.caption());
  }

  /**
   * A path.json written before the block named its measure: the axis names the cv block's, as
   * it did then (and the deviance without one).
   */
  @Test
  void olderBlockWithoutMeasure_takesTheCvBlocksMeasure() throws IOException {
    ObjectNode root = freshPathJson();
    ((ObjectNode) root.get("l1_ratios")).remove("measure");
    ((ObjectNode) root.get("cv")).put("measure", "mae");
    assertEquals("cross-validated mean absolute error",
        chart(copy(root, "older-mae")).orElseThrow().getYAxisTitle());
    ((ObjectNode) root.get("cv")).remove("measure");
    assertEquals("cross-validated mean squared error",
        chart(copy(root, "older")).orElseThrow().getYAxisTitle());
  }

  /** A measure that is not one is named with the entry, as cv.measure's is. */
  @Test
  void unknownMeasure_isNamed() throws IOException {
    ObjectNode root = freshPathJson();
    ((ObjectNode) root.get("l1_ratios")).put("measure", "rmse");
    Path bad = copy(root, "bad-measure");
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(bad));
    assertTrue(e.getMessage().contains("path.json: l1_ratios: \"measure\""), e.getMessage());
    assertTrue(e.getMessage().contains("rmse"), e.getMessage());
    System.out.println(e.getMessage());
  }
}
