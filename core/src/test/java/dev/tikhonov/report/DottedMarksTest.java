package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dotted marks of a chosen λ that were left in ChartTheme.DOTTED's 1.2 px when λ_1se's
 * mark got 2 px: the relaxed CV chart's λ_1se line, the criteria chart's CV λ_min, a grid's
 * one-SE candidate. Each test reads the vertical lines the SVG draws in the mark's colour.
 */
class DottedMarksTest {
  @TempDir Path temp;

  private static final Pattern LINE = Pattern.compile("<line style=\"fill:none;stroke:"
      + "(rgb\\(\\d+,\\d+,\\d+\\));stroke-width:([0-9.]+);[^\"]*?stroke-dasharray:([^;\"]+);"
      + "[^\"]*\" x1=\"([0-9.]+)\" x2=\"\\4\" y1=\"([0-9.]+)\" y2=\"([0-9.]+)\"/>");

  /** "width dasharray" of each dotted vertical line (taller than 50 px) of {@code colour}. */
  static List<String> dottedMarks(String svg, Color colour) {
    String rgb = "rgb(" + colour.getRed() + "," + colour.getGreen() + "," + colour.getBlue() + ")";
    List<String> out = new ArrayList<>();
    Matcher m = LINE.matcher(svg);
    while (m.find()) {
      double height = Math.abs(Double.parseDouble(m.group(5)) - Double.parseDouble(m.group(6)));
      if (m.group(1).equals(rgb) && m.group(3).startsWith("2,") && height > 50) {
        out.add(m.group(2) + " " + m.group(3));
      }
    }
    return out;
  }

  /** The relaxed lasso's CV chart (diabetes, 5 folds): its λ_1se line was 1.2 px. */
  @Test
  void relaxedCvCurve_marksLambda1seIn2pxDots() throws Exception {
    SampleRuns.relaxedPath(temp, true);
    PathData path = PathData.read(temp.resolve("path.json"));
    String svg = ChartExport.svg(PathCharts.relaxedCvCurve(path, "relaxed").orElseThrow());
    assertEquals(List.of("2 2,3"), dottedMarks(svg, ChartTheme.GUIDE), "λ_1se");
  }

  /** AIC, BIC and EBIC beside the CV's λ_min: the CV mark was 1.2 px dots. */
  @Test
  void criteriaCurve_marksCvLambdaMinIn2pxDots() {
    int m = 20;
    double[] lambda = new double[m];
    double[] curve = new double[m];
    for (int l = 0; l < m; l++) {
      lambda[l] = Math.pow(10, -3.0 * l / (m - 1));
      curve[l] = 100 + (l - 8) * (l - 8);
    }
    PathData.Criteria ic = new PathData.Criteria(new double[m], curve, curve.clone(),
        curve.clone(), lambda[8], lambda[8], lambda[8]);
    PathData.CrossValidation cv = new PathData.CrossValidation(curve, new double[m], lambda[12],
        lambda[10], dev.tikhonov.select.CvMeasure.DEVIANCE);
    PathData path = new PathData("gaussian", 1, lambda, new double[m][1][1], new double[m],
        new double[m], List.of("x1"), Optional.of(cv), Optional.of(ic));
    String svg = ChartExport.svg(PathCharts.criteriaCurve(path, "criteria").orElseThrow());
    assertEquals(List.of("2 2,3"), dottedMarks(svg, ChartTheme.MARK), "CV λ_min");
  }

  /** A grid without λ (dropout alone), drawn against the candidate: one-SE was 1.2 px. */
  @Test
  void grid_byCandidate_marksOneSeIn2pxDots() throws Exception {
    com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind
        .ObjectMapper().readTree("{\"candidates\": ["
            + "{\"settings\": {\"dropout\": 0.1}, \"mean\": 0.52, \"se\": 0.05},"
            + "{\"settings\": {\"dropout\": 0.2}, \"mean\": 0.50, \"se\": 0.05},"
            + "{\"settings\": {\"dropout\": 0.3}, \"mean\": 0.45, \"se\": 0.05}],"
            + " \"best\": 2, \"one_se\": 0, \"chosen\": 0}");
    GridData grid = GridData.read(root, Path.of("grid.json"));
    String svg = ChartExport.svg(SelectionCharts.grid(grid));
    assertFalse(svg.isEmpty());
    assertEquals(List.of("2 2,3"), dottedMarks(svg, ChartTheme.GUIDE), "one-SE");
  }
}
