package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** The coefficient chart: which lines it draws and what it calls them. */
class PathChartsTest {
  /** Coefficients c[i][j] at λ = 1, 0.1, 0.01 for the given names. */
  private static PathData path(List<String> names, double[][] c) {
    double[][][] coef = new double[c.length][1][];
    for (int i = 0; i < c.length; i++) {
      coef[i][0] = c[i];
    }
    return new PathData("gaussian", 1, new double[] {1, 0.1, 0.01}, coef, new double[3],
        new double[3], names, Optional.empty(), Optional.empty());
  }

  /**
   * The palette has 9 colours: diabetes' path of 10 coefficients drew "age" and "s6" in the
   * same colour and stroke, one line for two in the plot and the legend. Past the first 9 lines
   * each cycle through the palette has its own dash pattern, drawn in the SVG.
   */
  @Test
  void coefficientPath_ofMoreLinesThanColours_dashesTheRepeatedColours() {
    List<String> names = new ArrayList<>();
    double[][] c = new double[3][19];
    for (int j = 0; j < 19; j++) {
      names.add("x" + j);
      c[1][j] = 0.1 * (j + 1);
      c[2][j] = 0.2 * (j + 1);
    }
    XYChart chart = PathCharts.coefficientPath(path(names, c), "t", new StringBuilder(), "f");
    java.util.Map<String, org.knowm.xchart.XYSeries> series = chart.getSeriesMap();
    for (int j = 0; j < 9; j++) {
      assertEquals(series.get("x" + j).getLineColor(), series.get("x" + (j + 9)).getLineColor());
      assertEquals(null, series.get("x" + j).getLineStyle().getDashArray(), "x" + j + " solid");
      assertTrue(series.get("x" + (j + 9)).getLineStyle().getDashArray() != null,
          "x" + (j + 9) + " dashed");
    }
    assertTrue(!java.util.Arrays.equals(series.get("x9").getLineStyle().getDashArray(),
        series.get("x18").getLineStyle().getDashArray()), "the third cycle's own dash");
    String svg = ChartExport.svg(chart);
    // the second cycle's 9 lines (x9…x17), 2 segments each, in its dash
    long dashed = svg.split("stroke-dasharray:3,2", -1).length - 1;
    assertEquals(18, dashed, dashed + " dashed segments:\n" + svg.substring(0, 3000));
  }

  /**
   * A multinomial path of {@code classes} classes over {@code p} features at λ = 1, 0.1, 0.01,
   * every coefficient nonzero from the second λ on.
   */
  private static PathData multinomial(int classes, int p) {
    double[][][] coef = new double[3][classes][p];
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + (j + 1));
      for (int k = 0; k < classes; k++) {
        coef[1][k][j] = 0.1 * (j + 1) * (k - 1);
        coef[2][k][j] = 0.2 * (j + 1) * (k - 1) + 0.01;
      }
    }
    return new PathData("multinomial", 1, new double[] {1, 0.1, 0.01}, coef, new double[3],
        new double[3], names, Optional.empty(), Optional.empty());
  }

  /**
   * A multinomial path's lines read "class 0: x1", the class's index, where path.json names
   * the classes: now "setosa: x1", the names as the charts write every label (a control
   * character as a space, cut to 40 characters), and "class k" only without one name a class.
   */
  @Test
  void coefficientPath_multinomial_namesLinesByTheirClass() {
    String longName = "virginica".repeat(6);
    XYChart chart = PathCharts.coefficientPath(multinomial(3, 2), "t", new StringBuilder(),
        "path.csv", List.of("setosa", "versi\ncolor", longName));
    assertEquals(List.of("setosa: x1", "setosa: x2", "versi color: x1", "versi color: x2",
        Labels.shorten(longName) + ": x1", Labels.shorten(longName) + ": x2"),
        List.copyOf(chart.getSeriesMap().keySet()));
    assertTrue(chart.getStyler().isLegendVisible(), "6 lines: a legend of each");
    XYChart unnamed = PathCharts.coefficientPath(multinomial(3, 1), "t", new StringBuilder(),
        "path.csv", List.of("a", "b"));
    assertEquals(List.of("class 0: x1", "class 1: x1", "class 2: x1"),
        List.copyOf(unnamed.getSeriesMap().keySet()));
  }

  /**
   * Past 12 lines (wine.csv's multinomial lasso draws 18) the chart had no legend and nothing
   * said which class a line is of. Now each line is in its class's colour and the legend names
   * the classes with their number of lines; the caption's note says how to read it.
   */
  @Test
  void coefficientPath_multinomialPastTheLegendsLines_hasALegendOfTheClasses() {
    StringBuilder note = new StringBuilder();
    XYChart chart = PathCharts.coefficientPath(multinomial(3, 5), "t", note, "path.csv",
        List.of("setosa", "versicolor", "virginica"));
    assertTrue(chart.getStyler().isLegendVisible(), "a legend");
    java.util.Map<String, org.knowm.xchart.XYSeries> series = chart.getSeriesMap();
    List<String> legend = series.values().stream()
        .filter(org.knowm.xchart.XYSeries::isShowInLegend).map(s -> s.getName()).toList();
    assertEquals(List.of("class setosa (5 lines)", "class versicolor (5 lines)",
        "class virginica (5 lines)"), legend);
    String[] classes = {"setosa", "versicolor", "virginica"};
    for (int k = 0; k < 3; k++) {
      for (int j = 1; j <= 5; j++) {
        assertEquals(ChartTheme.color(k), series.get(classes[k] + ": x" + j).getLineColor(),
            classes[k] + ": x" + j + " in its class's colour");
      }
      assertEquals(ChartTheme.color(k), series.get(legend.get(k)).getLineColor(), legend.get(k));
    }
    assertEquals("Of more than 12 lines, each is in its class's colour, and the legend names"
        + " the classes; path.csv names each coefficient.", note.toString());
    // in the drawing: three colours, the legend's three names (text is drawn as outlines, so
    // the SVG is read for the lines' colours only)
    String svg = ChartExport.svg(chart);
    for (int k = 0; k < 3; k++) {
      java.awt.Color c = ChartTheme.color(k);
      assertTrue(svg.contains("stroke:rgb(" + c.getRed() + "," + c.getGreen() + ","
          + c.getBlue() + ")"), "class " + k + "'s colour drawn");
    }
  }

  /**
   * Through the report: a multinomial path of wine.csv fitted by the library and written as
   * the CLI writes it (class_names "class_0", "class_1", "class_2"); the coefficient chart's
   * lines are named by those names, the legend by the classes.
   */
  @Test
  void report_multinomialPath_namesTheClassesOfPathJson(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    dev.tikhonov.data.Dataset data = dev.tikhonov.data.Dataset.read(
        java.nio.file.Path.of("..", "data", "wine.csv"), "cultivar",
        dev.tikhonov.data.TargetKind.CLASS);
    dev.tikhonov.linear.PathSolution solution = dev.tikhonov.estimate.ElasticNet.multinomial()
        .numLambdas(20).build().path(data).solution();
    dev.tikhonov.internal.data.Json.write(dir.resolve("path.json"),
        dev.tikhonov.internal.select.PathFiles.json(solution));
    java.nio.file.Files.writeString(dir.resolve("run.json"), SampleRuns.runJson("path",
        "{\"l1_ratio\": 1.0, \"family\": \"multinomial\"}"));
    XYChart chart = ReportCharts.of(RunDirectory.detect(dir)).stream()
        .filter(c -> c.name().equals("coefficient-path")).findFirst().orElseThrow().chart();
    List<String> names = List.copyOf(chart.getSeriesMap().keySet());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("class_1: ")), names.toString());
    assertTrue(names.stream().noneMatch(n -> n.startsWith("class 1: ")), names.toString());
    assertTrue(names.contains("class_0 (" + names.stream().filter(n -> n.startsWith("class_0: "))
        .count() + " lines)"), "a legend of the classes: " + names);
  }

  /** A path without CV, criteria or a relaxed CV has none of their charts (it had nulls). */
  @Test
  void chartsOfAbsentParts_areEmpty() {
    PathData path = path(List.of("x1"), new double[][] {{1}, {0.5}, {0}});
    assertTrue(PathCharts.cvCurve(path, "t").isEmpty());
    assertTrue(PathCharts.relaxedCvCurve(path, "t").isEmpty());
    assertTrue(PathCharts.criteriaCurve(path, "t").isEmpty());
    PathData.CrossValidation cv = new PathData.CrossValidation(new double[] {3, 2, 2.5},
        new double[] {0.1, 0.1, 0.1}, 0.1, 1);
    PathData withCv = new PathData("gaussian", 1, new double[] {1, 0.1, 0.01},
        new double[3][1][1], new double[3], new double[3], List.of("x1"), Optional.of(cv),
        Optional.empty());
    assertTrue(PathCharts.cvCurve(withCv, "t").isPresent());
    assertTrue(PathCharts.criteriaCurve(withCv, "t").isEmpty());
  }

  /**
   * The CV curve's axis names what is measured, the family's deviance: "cross-validated error"
   * said nothing of ridge-vs-lasso's being mean squared error, on the test MSE's scale.
   */
  @Test
  void cvCurve_axisNamesTheFamilysMeasure() {
    PathData.CrossValidation cv = new PathData.CrossValidation(new double[] {3, 2, 2.5},
        new double[] {0.1, 0.1, 0.1}, 0.1, 1);
    double[][][] coef = new double[3][1][1];
    for (String[] family : new String[][] {{"gaussian", "cross-validated mean squared error"},
        {"binomial", "cross-validated deviance (−2·log p̂ per row)"},
        {"poisson", "cross-validated Poisson deviance per row"}}) {
      PathData path = new PathData(family[0], 1, new double[] {1, 0.1, 0.01}, coef,
          new double[3], new double[3], List.of("x1"), Optional.of(cv), Optional.empty());
      assertEquals(family[1], PathCharts.cvCurve(path, "t").orElseThrow().getYAxisTitle());
    }
  }

  /**
   * The CV chart's λ_1se is dotted at 2 px, as markChoices meant: its setLineWidth(2f) came
   * after the stroke, which XChart ignores, and the SVG drew the dots 1.2 px wide.
   */
  @Test
  void cvCurve_dotsLambda1seTwoPixelsWide() {
    PathData.CrossValidation cv = new PathData.CrossValidation(new double[] {3, 2, 2.5},
        new double[] {0.1, 0.1, 0.1}, 0.1, 1);
    PathData path = new PathData("gaussian", 1, new double[] {1, 0.1, 0.01},
        new double[3][1][1], new double[3], new double[3], List.of("x1"), Optional.of(cv),
        Optional.empty());
    String svg = ChartExport.svg(PathCharts.cvCurve(path, "t").orElseThrow());
    java.util.regex.Matcher dots = java.util.regex.Pattern.compile(
        "stroke-width:([0-9.]+);[^\"]*stroke-dasharray:2,3;").matcher(svg);
    int strokes = 0;
    while (dots.find()) {
      assertEquals("2", dots.group(1), dots.group());
      strokes++;
    }
    assertEquals(2, strokes, "λ_1se's line and legend entry");
  }

  /** Beyond the deviance, the axis names the measure path.json's cv.measure gives. */
  @Test
  void cvCurve_axisNamesTheMeasure() {
    double[][][] coef = new double[3][1][1];
    for (String[] measure : new String[][] {{"auc", "cross-validated AUC (larger is better)"},
        {"class", "cross-validated misclassification rate"},
        {"mse", "cross-validated mean squared error"},
        {"mae", "cross-validated mean absolute error"}}) {
      PathData.CrossValidation cv = new PathData.CrossValidation(new double[] {3, 2, 2.5},
          new double[] {0.1, 0.1, 0.1}, 0.1, 1, dev.tikhonov.select.CvMeasure.ofId(measure[0]));
      PathData path = new PathData("binomial", 1, new double[] {1, 0.1, 0.01}, coef,
          new double[3], new double[3], List.of("x1"), Optional.of(cv), Optional.empty());
      assertEquals(measure[1], PathCharts.cvCurve(path, "t").orElseThrow().getYAxisTitle());
    }
  }

  /**
   * A relaxed path's CV chart names its measure (relaxed.cv.measure) as the plain CV curve does,
   * and so does the name of what it shows: the top level of a relaxed path.json has no "cv",
   * whose measure alone cvName read ("error" for an AUC run).
   */
  @Test
  void relaxedCvCurve_namesTheRelaxedMeasure() {
    double[][][] coef = new double[3][1][1];
    PathData.RelaxedCv relaxed = new PathData.RelaxedCv(new double[] {0, 1},
        new double[][] {{0.7, 0.9, 0.8}, {0.6, 0.85, 0.8}},
        new double[][] {{0.01, 0.01, 0.01}, {0.01, 0.01, 0.01}}, 0.1, 0, 0.1, 0,
        dev.tikhonov.select.CvMeasure.AUC, new double[3][1][1]);
    PathData path = new PathData("binomial", 1, new double[] {1, 0.1, 0.01}, coef,
        new double[3], new double[3], List.of("x1"), Optional.empty(), Optional.empty(),
        Optional.of(relaxed));
    XYChart chart = PathCharts.relaxedCvCurve(path, "t").orElseThrow();
    assertEquals("cross-validated AUC (larger is better)", chart.getYAxisTitle());
    assertEquals("AUC", PathCharts.cvName(path));
    assertEquals(List.of(0.9), java.util.Arrays.stream(chart.getSeriesMap()
        .get("min: γ = 0, λ = 0.1").getYData()).boxed().toList(), "γ = 0's mean at λ = 0.1");
  }

  /** It used to stop the report with XChart's "Series name cannot be null or zero-length". */
  @Test
  void coefficientPath_emptyFeatureName_isDrawnAsFeatureNumber() {
    XYChart chart = PathCharts.coefficientPath(path(List.of("x1", ""),
        new double[][] {{0, 0}, {1, 0.5}, {2, 1}}), "t");
    assertEquals(List.of("x1", "(feature 2)"), List.copyOf(chart.getSeriesMap().keySet()));
  }

  /** A 200,000-character name made a 161 MB report: XChart draws text as outlines. */
  @Test
  void coefficientPath_longNames_areShortened_andKeptApart() {
    String a = "a".repeat(200_000);
    XYChart chart = PathCharts.coefficientPath(path(List.of(a, a + "b"),
        new double[][] {{0, 0}, {1, 0.5}, {2, 1}}), "t");
    List<String> names = List.copyOf(chart.getSeriesMap().keySet());
    assertEquals("a".repeat(Labels.MAX - 1) + "…", names.get(0));
    assertEquals(names.get(0) + " (2)", names.get(1));
  }

  /** A LIBSVM row with index 99999 made 99,999 flat lines and a 72 MB report. */
  @Test
  void coefficientPath_drawsOnlyCoefficientsNonzeroSomewhere_andCountsTheOthers() {
    int p = 5000;
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + (j + 1));
    }
    double[][] c = new double[3][p];
    c[1][3] = 0.5;
    c[2][3] = 1;
    c[2][4999] = -0.25;
    XYChart chart = PathCharts.coefficientPath(path(names, c), "Coefficient path");
    assertEquals(List.of("x4", "x5000"), List.copyOf(chart.getSeriesMap().keySet()));
    assertEquals("Coefficient path; 4998 of 5000 coefficients zero all along, not drawn",
        chart.getTitle());
    assertTrue(chart.getStyler().isLegendVisible());
  }

  /**
   * A binomial lasso on 20,000 sparse features, 2,748 nonzero somewhere, made a 49 MB chart:
   * only the first MAX_LINES to enter are drawn, in feature order, and the title says so.
   */
  @Test
  void coefficientPath_manyNonzero_drawsTheFirstToEnter_andSaysHowManyAreLeftOut() {
    int p = 300;
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + (j + 1));
    }
    double[][] c = new double[3][p];
    // features 0..239 enter at the last λ, 240..279 at the second, 280..299 never
    for (int j = 0; j < 280; j++) {
      c[2][j] = j + 1;
      if (j >= 240) {
        c[1][j] = 0.5 + j;
      }
    }
    StringBuilder note = new StringBuilder();
    XYChart chart = PathCharts.coefficientPath(path(names, c), "t", note, "path.csv");
    List<String> drawn = List.copyOf(chart.getSeriesMap().keySet());
    int first = 40; // the 40 that enter at the second λ
    int rest = PathCharts.MAX_LINES - first;
    assertTrue(rest > 0 && PathCharts.MAX_LINES < 280, "the test assumes 40 < MAX_LINES < 280");
    List<String> expected = new ArrayList<>();
    // of those entering at the last λ, the largest |b| first: x240 down
    for (int j = 240 - rest; j < 240; j++) {
      expected.add("x" + (j + 1));
    }
    for (int j = 240; j < 280; j++) {
      expected.add("x" + (j + 1));
    }
    assertEquals(expected, drawn);
    assertEquals("t; " + PathCharts.MAX_LINES + " of 280 nonzero drawn", chart.getTitle());
    assertEquals("20 of 300 coefficients are zero all along and not drawn. Of the 280 nonzero"
        + " somewhere, the " + PathCharts.MAX_LINES + " that enter the path first are drawn;"
        + " path.csv has them all. The chart has no legend past 12 lines: path.csv names each"
        + " coefficient.", note.toString());
    assertTrue(!chart.getStyler().isLegendVisible(), "no legend for that many lines");
  }
}
