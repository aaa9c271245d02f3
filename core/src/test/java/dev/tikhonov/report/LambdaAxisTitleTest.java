package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/**
 * A chart over λ copied out of its report (a PNG in a slide) said "λ (log scale)", not which
 * λ: scikit-learn's Ridge alpha is n·λ here, LogisticRegression's C 1/(nλ). Every λ axis now
 * names the objective λ weighs the penalty in, docs/objective.md's J = mean loss + λ·penalty.
 */
class LambdaAxisTitleTest {
  @TempDir Path temp;

  private static final String TITLE = "λ (log scale; J = mean loss + λ·penalty)";

  /** The λ charts of a path run with CV (coefficients, CV curve) and of every other kind. */
  @Test
  void everyLambdaAxis_namesTheObjective() throws Exception {
    List<XYChart> charts = new ArrayList<>();
    for (ReportChart c : ReportCharts.of(RunDirectory.detect(SampleRuns.path(
        temp.resolve("path"))))) {
      charts.add(c.chart());
    }
    SampleRuns.relaxedPath(temp.resolve("relaxed"), true);
    PathData relaxed = PathData.read(temp.resolve("relaxed").resolve("path.json"));
    charts.add(PathCharts.relaxedCvCurve(relaxed, "relaxed").orElseThrow());
    double[] lambda = {1, 0.1, 0.01};
    charts.add(LambdaCharts.gdLinearSlope(lambda, new double[] {1, 2, 3}, new double[] {1, 2, 3},
        new double[] {2, 2, 2}));
    charts.add(SelectionCharts.cvCurves("cv", "loss", List.of(new SelectionCharts.Curve("cv",
        lambda, new double[] {0.5, 0.4, 0.45}, new double[] {0.01, 0.01, 0.01})), List.of(),
        lambda));
    int lambdaAxes = 0;
    for (XYChart chart : charts) {
      if (chart.getXAxisTitle().startsWith("λ")) {
        assertEquals(TITLE, chart.getXAxisTitle(), chart.getTitle());
        lambdaAxes++;
      }
    }
    // the path's coefficients and CV curve, the relaxed CV, gd-linear's slope, select's CV
    assertTrue(lambdaAxes >= 5, lambdaAxes + " λ axes");
  }
}
