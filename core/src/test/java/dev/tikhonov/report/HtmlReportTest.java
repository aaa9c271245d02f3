package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYSeries;

class HtmlReportTest {
  @TempDir Path temp;

  @Test
  void write_forEveryRunKind_writesOneSelfContainedPageWithAllCharts() throws IOException {
    Path[] dirs = {
      SampleRuns.train(temp.resolve("train")), SampleRuns.mnistL2(temp.resolve("mnist")),
      SampleRuns.path(temp.resolve("path")), SampleRuns.ridgeVsLasso(temp.resolve("rvl")),
      SampleRuns.gdLinear(temp.resolve("gd"))
    };
    for (Path dir : dirs) {
      Path report = HtmlReport.write(dir);
      assertEquals(dir.resolve("report.html"), report);
      String html = Files.readString(report);
      int charts = ReportCharts.of(RunDirectory.detect(dir)).size();
      assertTrue(charts >= 1, dir + ": no charts");
      assertEquals(charts, count(html, "<svg "), dir + ": one inline svg per chart");
      for (ReportChart c : ReportCharts.of(RunDirectory.detect(dir))) {
        assertTrue(Files.size(dir.resolve("charts").resolve(c.name() + ".svg")) > 1000);
        byte[] png = Files.readAllBytes(dir.resolve("charts").resolve(c.name() + ".png"));
        assertEquals((byte) 0x89, png[0], "PNG signature");
        assertEquals('P', png[1]);
      }
      assertFalse(html.contains("http://") && html.matches("(?s).*(src|href)=\"https?:.*"),
          dir + ": no network resources");
      assertFalse(html.contains("<script"), dir + ": no script needed");
      assertFalse(html.contains("<?xml"), dir + ": XML prolog stripped from inline SVG");
      assertTrue(html.contains("Σ"), dir + ": objective written out");
      assertTrue(html.contains("170c062"), dir + ": git commit in provenance");
      assertUniqueIds(html, dir);
    }
  }

  /**
   * The report's table and the CLI's print a mean ± std with the same digits (MeanStd: the std
   * to 2 significant digits, the mean to its place): the report showed "0.9497 ± 0.004646"
   * where `experiment mnist-l2` printed "0.9497 ± 0.0046".
   */
  @Test
  void meanStd_hasTheDigitsOfTheCliTable() {
    dev.tikhonov.experiment.MnistL2.Row row = new dev.tikhonov.experiment.MnistL2.Row(0.01, 0,
        0, 3, 0.949663, 0.004646, 0.171234, 0.0123456, 0.1, 5, new double[] {1, 2}, 1.5);
    String cli = dev.tikhonov.experiment.MnistL2.table(java.util.List.of(row));
    assertTrue(cli.contains("0.9497 ± 0.0046 "), cli);
    assertTrue(cli.contains("0.171 ± 0.012 "), cli);
    assertEquals("0.9497 ±\u00a00.0046", Html.meanStd(0.949663, 0.004646));
    assertEquals("0.171 ±\u00a00.012", Html.meanStd(0.171234, 0.0123456));
  }

  @Test
  void write_mnistL2_tableHoldsTheResultsAndMarksTheBestLambda() throws IOException {
    Path dir = SampleRuns.mnistL2(temp);
    String html = Files.readString(HtmlReport.write(dir));
    JsonNode rows = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    double bestAccuracy = -1;
    double bestLambda = Double.NaN;
    for (JsonNode r : rows) {
      if (r.get("dropout").asDouble() == 0 && r.get("test_accuracy_mean").asDouble() > bestAccuracy) {
        bestAccuracy = r.get("test_accuracy_mean").asDouble();
        bestLambda = r.get("lambda").asDouble();
      }
      String cell = Html.meanStd(r.get("test_accuracy_mean").asDouble(), r.get("test_accuracy_std").asDouble());
      assertTrue(html.contains("<td>" + cell + "</td>"), "table cell " + cell);
    }
    Matcher best = Pattern.compile("<tr class=\"best\"><td>([^<]*)</td>").matcher(html);
    assertTrue(best.find(), "best row highlighted");
    assertEquals(bestLambda, Double.parseDouble(best.group(1)), 1e-12);
    assertTrue(html.contains("9f2c6a1d0b7e5c4a3f8e1d2c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a"), "data SHA-256");
  }

  /**
   * The path summaries highlight λ_min's row: the λ path's --save keeps by default with CV and
   * the one ridge-vs-lasso compares (the λ_1se row was highlighted, a λ neither uses).
   */
  @Test
  void write_pathSummaries_highlightLambdaMin() throws IOException {
    for (Path dir : new Path[] {SampleRuns.path(temp.resolve("p")),
        SampleRuns.ridgeVsLasso(temp.resolve("r"))}) {
      String html = Files.readString(HtmlReport.write(dir));
      Matcher rows = Pattern.compile("<tr class=\"best\"><td>([^<]*)</td>").matcher(html);
      int highlighted = 0;
      while (rows.find()) {
        assertEquals("λ_min", rows.group(1), dir + ": the highlighted row");
        highlighted++;
      }
      assertTrue(highlighted >= 1, dir + ": a λ_min row is highlighted");
    }
  }

  /**
   * A path.json with "ic": the criteria chart (one svg more than without) and a table row for
   * each criterion's choice, with its effective df and the three criteria there.
   */
  @Test
  void write_pathWithCriteria_drawsTheCriteriaAndATableRowEach() throws IOException {
    Path dir = SampleRuns.path(temp.resolve("ic"));
    String html = Files.readString(HtmlReport.write(dir));
    assertTrue(html.contains("Information criteria"), "the criteria chart's title");
    for (String row : new String[] {"AIC&#39;s choice", "BIC&#39;s choice", "EBIC&#39;s choice"}) {
      assertTrue(html.contains(row) || html.contains(row.replace("&#39;", "'")), row);
    }
    assertTrue(html.contains("<th>effective df</th>") && html.contains("<th>EBIC</th>"), html);
    String json = Files.readString(dir.resolve("path.json"));
    Files.writeString(dir.resolve("path.json"), json.replaceFirst(", \"ic\": \\{[^}]*\\}", ""));
    String without = Files.readString(HtmlReport.write(dir));
    assertFalse(without.contains("BIC's choice") || without.contains("BIC&#39;s choice"));
    assertEquals(count(html, "<svg ") - 1, count(without, "<svg "), "the criteria chart");
  }

  @Test
  void write_twice_givesTheSameReport() throws IOException {
    Path dir = SampleRuns.path(temp);
    String first = Files.readString(HtmlReport.write(dir));
    String second = Files.readString(HtmlReport.write(dir));
    assertEquals(first, second);
  }

  @Test
  void write_whenDirectoryIsNoRun_saysSo() throws IOException {
    Files.writeString(temp.resolve("notes.txt"), "hello");
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(temp));
    assertEquals(temp + " is not a tikhonov run directory: no run.json, results.json, history.csv"
        + " or path.json", e.getMessage());
  }

  @Test
  void write_whenResultsJsonIsMalformed_namesFileLineAndColumn() throws IOException {
    Path dir = SampleRuns.mnistL2(temp);
    Files.writeString(dir.resolve("results.json"), "[{\"lambda\": 0.1,\n \"test_accuracy_mean\": }]");
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(dir));
    assertTrue(e.getMessage().startsWith(dir.resolve("results.json") + ":2:"), e.getMessage());
  }

  @Test
  void write_whenAFieldIsMissing_namesTheRowAndField() throws IOException {
    Path dir = SampleRuns.mnistL2(temp);
    Files.writeString(dir.resolve("results.json"), "[{\"lambda\": 0.1, \"test_accuracy_mean\": 0.9}]");
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(dir));
    assertEquals(dir.resolve("results.json") + ": row 1: missing field \"test_loss_mean\"", e.getMessage());
  }

  /**
   * `train --model linear --standardize` on a constant target: constant losses and weights that
   * end near 1e-8. The weight histogram used to spin forever in XChart's tick placement.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void write_linearRunOnConstantTarget_finishes() throws IOException {
    for (double bound : new double[] {3e-8, 1e-12, 0}) {
      Path dir = temp.resolve("constant-" + bound);
      SampleRuns.write(dir.resolve("run.json"), SampleRuns.runJson("train", "{\"model\": \"linear\"}"));
      SampleRuns.write(dir.resolve("history.csv"), "epoch,train_loss,penalty,objective,val_loss,val_accuracy,weight_norm,learning_rate,seconds\n"
          + "1,0.0,0.0,0.0,,,1e-8,0.01,0.1\n");
      SampleRuns.write(dir.resolve("weights.json"), "{\"layers\": [{\"name\": \"dense0.weight\", \"rows\": 3,"
          + " \"cols\": 1, \"norm\": 1e-8, \"histogram\": " + SampleRuns.histogram(60, -bound, bound, 3, bound / 3 + 1e-300) + "}]}\n");
      String html = Files.readString(HtmlReport.write(dir));
      assertEquals(2, count(html, "<svg "), bound + ": loss curves and weight histogram");
    }
  }

  /**
   * A 10 MB string in run.json (an edited or hostile file) was copied into report.html whole;
   * each value the report shows from run.json is cut at 1,000 characters, saying how many more
   * the file holds.
   */
  @Test
  void write_aHugeValueInRunJson_isCutWithANote() throws IOException {
    Path dir = temp.resolve("huge");
    String huge = "x".repeat(1_000_000);
    String json = SampleRuns.runJson("train", "{\"model\": \"" + huge + "\"}");
    json = json.replace("\"command\": \"train\"", "\"command\": \"" + huge + "\"")
        .replace("\"--out\", \"DIR\"", "\"" + huge + "\"")
        .replace("\"seed\": 7,", "\"seed\": 7, \"note\": \"" + huge + "\",")
        .replace("\"objective\": \"J", "\"objective\": \"" + huge.substring(1) + "\", \"x\": \"J");
    SampleRuns.write(dir.resolve("run.json"), json);
    SampleRuns.write(dir.resolve("history.csv"), SampleRuns.historyCsv(3, 0.1, 1));
    String html = Files.readString(HtmlReport.write(dir));
    assertTrue(html.length() < 500_000, "report of " + html.length() + " characters");
    assertEquals(4, count(html, "x".repeat(1000) + "… (999,000 characters more in run.json)"),
        "command, args, settings' model, note");
    assertEquals(1, count(html, "x".repeat(1000) + "… (998,999 characters more in run.json)"),
        "objective");
  }

  /**
   * An experiment's long values come from experiment.json (its name, objective and settings),
   * and the note said "in run.json", a file that does not hold them; the note names the file
   * each value comes from, and the name in the page's title and heading is cut as well.
   */
  @Test
  void write_aHugeValueInExperimentJson_isCutWithANoteNamingExperimentJson() throws IOException {
    Path dir = SampleRuns.gdLinear(temp.resolve("huge-experiment"));
    String huge = "y".repeat(20_000); // a JSON name holds at most 50,000
    SampleRuns.write(dir.resolve("experiment.json"), "{\"name\": \"" + huge + "\","
        + " \"objective\": \"" + huge + "\", \"settings\": {\"" + huge + "\": 1,"
        + " \"data\": \"" + huge + "\", \"model\": \"from experiment.json\"}}");
    SampleRuns.write(dir.resolve("run.json"),
        SampleRuns.runJson("experiment", "{\"model\": \"" + huge + "\"}"));
    String html = Files.readString(HtmlReport.write(dir));
    String inExperiment = "y".repeat(1000) + "… (19,000 characters more in experiment.json)";
    String inRun = "y".repeat(1000) + "… (19,000 characters more in run.json)";
    assertEquals(5, count(html, inExperiment), "title, heading, objective, a setting's name"
        + " and value");
    assertEquals(1, count(html, inRun), "the setting run.json gives: settings.model");
    assertFalse(html.contains("y".repeat(1001)), "a value shown whole");
  }

  /**
   * weights.json whose first layer's name was edited to "", [] or {}: the histogram's series
   * had an empty name, and the report failed with XChart's "Series name cannot be null or
   * zero-length!!!", naming no file. It is drawn (as "layer 1", as a missing name is).
   */
  @Test
  void write_weightsWithAnEmptyOrNonTextLayerName_drawsTheHistogramAsLayer1() throws IOException {
    for (String name : new String[] {"\"\"", "\" \"", "[]", "{}", "null"}) {
      Path dir = SampleRuns.train(temp.resolve("name-" + name.hashCode()));
      Path weights = dir.resolve("weights.json");
      String json = Files.readString(weights);
      SampleRuns.write(weights, json.replaceFirst("\"dense0\\.weight\"", name));
      String html = Files.readString(HtmlReport.write(dir));
      assertEquals(ReportCharts.of(RunDirectory.detect(dir)).size(), count(html, "<svg "), name);
      assertTrue(html.contains("chart-weight-histogram"), name);
    }
  }

  /**
   * gd-linear's results.json edited to no rows, or to λ = 0 alone: no λ > 0 series for the
   * closed-form slope, whose style was set on null (an internal error, exit 1). The report is
   * written.
   */
  @Test
  void write_gdLinearWithoutAPositiveLambda_isWritten() throws IOException {
    for (String results : new String[] {"[]", "[{\"lambda\": 0, \"slope\": 2.9,"
        + " \"closed_form_slope\": 2.9, \"intercept\": 2.0}]"}) {
      Path dir = SampleRuns.gdLinear(temp.resolve("gd-" + results.length()));
      SampleRuns.write(dir.resolve("results.json"), results);
      // a real run's experiment.json (the sample's run.json has no kind), which tells its kind
      SampleRuns.write(dir.resolve("experiment.json"), "{\"name\": \"gd-linear\"}");
      String html = Files.readString(HtmlReport.write(dir));
      assertTrue(html.contains("chart-slope"), results);
    }
  }

  /**
   * mnist-select's results.json with a row copied by hand (one method twice on one data set):
   * the CV chart failed with XChart's "Series name >cold ± 1 SE< has already been used",
   * naming no file. Now the file and both rows.
   */
  @Test
  void write_mnistSelectWithAMethodTwiceOnOneDataSet_namesTheFileAndRows() throws IOException {
    Path dir = SampleRuns.mnistSelect(temp.resolve("ms"), temp.resolve("ms-source"));
    ObjectMapper json = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ArrayNode rows =
        (com.fasterxml.jackson.databind.node.ArrayNode) json.readTree(
            dir.resolve("results.json").toFile());
    rows.add(rows.get(1).deepCopy());
    Files.writeString(dir.resolve("results.json"), json.writeValueAsString(rows));
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(dir));
    assertEquals(dir.resolve("results.json") + ": rows 2 and 7 are both method \"cold\" on data"
        + " \"bundled-mnist-10k\"; a method has one row per data set", e.getMessage());
  }

  /** A diverged run: the last epoch's loss is +∞ and its penalty NaN. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void write_divergedRun_drawsTheFiniteEpochs() throws IOException {
    Path dir = SampleRuns.train(temp);
    SampleRuns.write(dir.resolve("history.csv"), "epoch,train_loss,penalty,objective,val_loss,val_accuracy,weight_norm,learning_rate,seconds\n"
        + "1,2.3,0.1,2.4,2.2,0.1,3,0.5,0.1\n2,1e30,1e38,1e38,Infinity,0.1,1e19,0.5,0.1\n3,Infinity,NaN,NaN,NaN,0.1,Infinity,0.5,0.1\n");
    String html = Files.readString(HtmlReport.write(dir));
    assertEquals(ReportCharts.of(RunDirectory.detect(dir)).size(), count(html, "<svg "));
  }

  /**
   * A CV error still falling at the grid's last λ: λ_min is an edge of the grid, not the
   * curve's minimum, and the report says so under the path's table (not for λ = 0, where no
   * grid can go further).
   */
  @Test
  void write_pathWhoseLambdaMinIsTheLastLambda_saysItIsTheGridsEdge() throws IOException {
    Path dir = temp.resolve("edge");
    SampleRuns.write(dir.resolve("run.json"), SampleRuns.runJson("path", "{\"folds\": 5}"));
    SampleRuns.write(dir.resolve("path.json"), "{\"family\": \"gaussian\", \"l1_ratio\": 0,"
        + " \"lambda\": [1, 0.1, 0.01], \"coef\": [[0.2, 0.1], [0.9, -0.3], [1.1, -0.4]],"
        + " \"df\": [2, 2, 2], \"dev_ratio\": [0.3, 0.8, 0.9], \"feature_names\": [\"a\", \"b\"],"
        + " \"cv\": {\"mean\": [3, 2, 1], \"se\": [0.1, 0.1, 0.1], \"lambda_min\": 0.01,"
        + " \"lambda_1se\": 0.01}}\n");
    String html = Files.readString(HtmlReport.write(dir));
    assertTrue(html.contains("λ_min is the last λ of the path"), html);

    SampleRuns.write(dir.resolve("path.json"), Files.readString(dir.resolve("path.json"))
        .replace("[3, 2, 1]", "[3, 1, 2]").replace("\"lambda_min\": 0.01", "\"lambda_min\": 0.1"));
    assertFalse(Files.readString(HtmlReport.write(dir)).contains("λ_min is the"),
        "a minimum inside the grid is not flagged");
  }

  /**
   * A path cross-validated by the AUC (path.json's cv.measure): the table's header, the CV
   * chart's title, axis, series and caption name the AUC, and a largest mean AUC at the last λ
   * is said to be an edge where the AUC may rise further, not where an error may fall; a file
   * without cv.measure (written before it) is the deviance's, one with an unknown measure is
   * refused naming the file and the field.
   */
  @Test
  void write_aucPath_namesTheMeasure_oldFilesAreTheDeviances() throws IOException {
    Path dir = temp.resolve("auc");
    SampleRuns.write(dir.resolve("run.json"), SampleRuns.runJson("path", "{\"folds\": 5}"));
    String json = "{\"family\": \"binomial\", \"l1_ratio\": 1,"
        + " \"lambda\": [1, 0.1, 0.01], \"coef\": [[0.2, 0.1], [0.9, -0.3], [1.1, -0.4]],"
        + " \"df\": [2, 2, 2], \"dev_ratio\": [0.3, 0.8, 0.9], \"feature_names\": [\"a\", \"b\"],"
        + " \"cv\": {\"measure\": \"auc\", \"mean\": [0.7, 0.8, 0.9], \"se\": [0.01, 0.01, 0.01],"
        + " \"lambda_min\": 0.01, \"lambda_1se\": 0.01}}\n";
    SampleRuns.write(dir.resolve("path.json"), json);
    String html = Files.readString(HtmlReport.write(dir));
    assertTrue(html.contains("CV AUC (mean ± SE)"), "the table's header");
    assertTrue(html.contains("the cross-validated AUC may rise further below it"), html);
    assertTrue(html.contains("not the curve's maximum"), html);
    assertTrue(html.contains("The cross-validated AUC averaged over the folds"), "the caption");
    assertFalse(html.contains("CV error"), "the deviance's words");
    PathData path = PathData.read(dir.resolve("path.json"));
    org.knowm.xchart.XYChart chart = PathCharts.cvCurve(path, "t").orElseThrow();
    assertEquals("cross-validated AUC (larger is better)", chart.getYAxisTitle());
    assertTrue(chart.getSeriesMap().containsKey("mean CV AUC"), chart.getSeriesMap().keySet()
        .toString());

    SampleRuns.write(dir.resolve("path.json"), json.replace("\"measure\": \"auc\", ", ""));
    assertEquals(dev.tikhonov.select.CvMeasure.DEVIANCE,
        PathData.read(dir.resolve("path.json")).cv().orElseThrow().measure());
    html = Files.readString(HtmlReport.write(dir));
    assertTrue(html.contains("CV binomial deviance (mean ± SE)"), "the table's header");

    SampleRuns.write(dir.resolve("path.json"), json.replace("\"auc\"", "\"rmse\""));
    InputException e = assertThrows(InputException.class,
        () -> PathData.read(dir.resolve("path.json")));
    assertTrue(e.getMessage().startsWith(dir.resolve("path.json") + ": cv: \"measure\": 'rmse'"
        + " is not a cross-validation measure; expected one of deviance, mse, mae, class, auc"),
        e.getMessage());
  }

  /** `path --lambdas 0.5,0`: λ = 0 goes to the log axis's λ = 0 slot, not into an exception. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void write_pathWithLambdaZero_drawsItInTheZeroSlot() throws IOException {
    Path dir = temp.resolve("path0");
    SampleRuns.write(dir.resolve("run.json"), SampleRuns.runJson("path", "{\"lambdas\": [0.5, 0]}"));
    SampleRuns.write(dir.resolve("path.json"), "{\"family\": \"gaussian\", \"l1_ratio\": 1, \"lambda\": [0.5, 0],"
        + " \"coef\": [[0.2, 0], [1.1, -0.4]], \"df\": [1, 2], \"dev_ratio\": [0.3, 0.9],"
        + " \"feature_names\": [\"a\", \"b\"], \"cv\": {\"mean\": [1.4, 1.1], \"se\": [0.1, 0.2],"
        + " \"lambda_min\": 0, \"lambda_1se\": 0.5}}\n");
    String html = Files.readString(HtmlReport.write(dir));
    assertEquals(2, count(html, "<svg "), "coefficient path and CV curve");
    assertFalse(html.contains("λ_min is the"), "λ = 0 is no edge of a grid that could go on");
    assertTrue(html.contains("<td>λ_min</td><td>0</td><td>2</td><td>0.9</td>"),
        "the table's λ_min row is the λ = 0 row");
    for (ReportChart c : ReportCharts.of(RunDirectory.detect(dir))) {
      LambdaAxis axis = new LambdaAxis(0.5, 0);
      XYSeries atZero = c.chart().getSeriesMap().values().stream()
          .filter(s -> s.getName().endsWith(", λ = 0")).findFirst().orElseThrow();
      assertEquals(axis.zero, atZero.getXData()[0], 0, c.name() + ": λ = 0 in its slot");
      assertTrue(axis.zero > 0 && axis.zero < 0.5);
      XYSeries min = c.chart().getSeriesMap().values().stream()
          .filter(s -> s.getName().startsWith("λ_min")).findFirst().orElseThrow();
      assertEquals(axis.zero, min.getXData()[0], 0, c.name() + ": λ_min = 0 marked in the slot");
    }
    XYSeries zeroCoef = ReportCharts.of(RunDirectory.detect(dir)).get(0).chart().getSeriesMap().get("a, λ = 0");
    assertEquals(1.1, zeroCoef.getYData()[0], 0);
  }

  @Test
  void write_whenLambdaIsNegativeOrNotFinite_namesFileAndEntry() throws IOException {
    Path dir = SampleRuns.path(temp);
    String json = Files.readString(dir.resolve("path.json"));
    Files.writeString(dir.resolve("path.json"), json.replaceFirst("\"lambda\": \\[[^,]*,", "\"lambda\": [3.2, -1,"));
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(dir));
    assertEquals(dir.resolve("path.json") + ": lambda[1]: expected a finite λ ≥ 0, found -1.0", e.getMessage());
    Path mnist = SampleRuns.mnistL2(temp.resolve("m"));
    Files.writeString(mnist.resolve("results.json"), "[{\"lambda\": Infinity, \"test_accuracy_mean\": 0.9, \"test_loss_mean\": 0.3}]");
    e = assertThrows(InputException.class, () -> HtmlReport.write(mnist));
    assertEquals(mnist.resolve("results.json") + ": row 1: field \"lambda\": expected a finite λ ≥ 0, found Infinity",
        e.getMessage());
  }

  /**
   * A path of 20,000 λ draws each curve through at most LambdaCharts.MAX_POINTS of them (its
   * ends, and its smallest and largest value in each run of neighbouring λ, so the CV minimum
   * at λ_min is a point of its curve), and each caption says so: 'ridge' with 10⁵ λ made a
   * 269 MB report, 4 of its 5 minutes spent on the charts.
   */
  @Test
  void aPathOfMoreLambdasThanAChartShows_isDrawnThinned_andSaysSo() throws IOException {
    int m = 20_000;
    Path dir = temp.resolve("long");
    SampleRuns.write(dir.resolve("run.json"), SampleRuns.runJson("path", "{\"l1_ratio\": 1.0,"
        + " \"n_lambda\": " + m + ", \"folds\": 5, \"family\": \"gaussian\"}"));
    SampleRuns.write(dir.resolve("path.json"), SampleRuns.pathJson(m, 8, 1.0, true));
    long started = System.nanoTime();
    Path report = HtmlReport.write(dir);
    System.out.printf("a report of %d λ: %d bytes in %.1f s%n", m, Files.size(report),
        (System.nanoTime() - started) / 1e9);
    PathData path = PathData.read(dir.resolve("path.json"));
    double lambdaMin = path.cv().orElseThrow().lambdaMin();
    LambdaAxis axis = new LambdaAxis(path.lambda());
    java.util.List<ReportChart> charts = ReportCharts.of(RunDirectory.detect(dir));
    for (ReportChart c : charts) {
      assertTrue(c.caption().contains(" Of its 20000 λ, each curve is drawn through at most 1000:"
          + " its ends and, in each of 500 runs of neighbouring λ, its smallest and largest"
          + " value; path.json has every λ."), c.name() + ": " + c.caption());
      for (XYSeries s : c.chart().getSeriesMap().values()) {
        assertTrue(s.getXData().length <= 2 * (LambdaCharts.MAX_POINTS + 2),
            c.name() + " " + s.getName() + ": " + s.getXData().length + " points");
      }
    }
    XYSeries mean = charts.stream().filter(c -> c.name().equals("cv-curve")).findFirst()
        .orElseThrow().chart().getSeriesMap().values().stream()
        .filter(s -> s.getName().startsWith("mean CV")).findFirst().orElseThrow();
    assertTrue(mean.getXData().length > LambdaCharts.MAX_POINTS / 2, "thinned, not emptied");
    // λ_min's value is the drawn curve's minimum (of the λ that tie with it, one is drawn)
    assertEquals(path.cv().orElseThrow().mean(path.indexOf(lambdaMin)),
        java.util.Arrays.stream(mean.getYData()).min().orElseThrow());
    assertEquals(axis.position(path.lambda(0)), java.util.Arrays.stream(mean.getXData()).max()
        .orElseThrow(), "the largest λ is drawn");
    assertTrue(Files.size(report) < 2_500_000, Files.size(report) + " bytes");
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static void assertUniqueIds(String html, Path dir) {
    Set<String> ids = new HashSet<>();
    Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      assertTrue(ids.add(m.group(1)), dir + ": duplicate id " + m.group(1));
    }
    Matcher ref = Pattern.compile("url\\(#([^)]+)\\)").matcher(html);
    while (ref.find()) {
      assertTrue(ids.contains(ref.group(1)), dir + ": dangling reference " + ref.group(1));
    }
  }
}
