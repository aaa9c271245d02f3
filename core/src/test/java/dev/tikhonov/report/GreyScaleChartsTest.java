package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The charts of a few lines told apart by colour alone (AIC, BIC and EBIC; GCV and
 * leave-one-out; the weight norm of each layer; overlapping histograms; a benchmark's
 * implementations). The Okabe–Ito blue, vermillion and green print
 * as one mid grey: a report printed in grey scale drew each chart's lines in one solid stroke.
 * Each test reads the strokes the SVG draws, in the colour of each line: the dash patterns
 * (ChartTheme.distinctLine) are what a grey page keeps.
 */
class GreyScaleChartsTest {
  private static final Pattern STROKE = Pattern.compile("style=\"fill:none;"
      + "stroke:(rgb\\(\\d+,\\d+,\\d+\\))[^\"]*?(?:stroke-dasharray:([^;\"]+))?;\"");

  /** The dash patterns ("solid" for none) the SVG draws lines of {@code colour} in. */
  static Set<String> strokes(String svg, Color colour) {
    String rgb = "rgb(" + colour.getRed() + "," + colour.getGreen() + "," + colour.getBlue() + ")";
    Set<String> out = new TreeSet<>();
    Matcher m = STROKE.matcher(svg);
    while (m.find()) {
      if (m.group(1).equals(rgb)) {
        out.add(m.group(2) == null ? "solid" : m.group(2));
      }
    }
    return out;
  }

  private static double[] lambdas(int m) {
    double[] lambda = new double[m];
    for (int l = 0; l < m; l++) {
      lambda[l] = Math.pow(10, -3.0 * l / (m - 1));
    }
    return lambda;
  }

  /**
   * AIC, BIC and EBIC over a path of 50 λ (no markers past 40): each curve in its colour had
   * the same solid stroke, beside its minimum's dashed mark ("6,4"), so the three colours drew
   * the same set of strokes. Now AIC is solid, BIC dashed ("3,2"), EBIC dotted ("1,2").
   */
  @Test
  void criteriaCurve_drawsAicBicAndEbicInThreeStrokes() {
    int m = 50;
    double[] lambda = lambdas(m);
    double[] aic = new double[m];
    double[] bic = new double[m];
    double[] ebic = new double[m];
    for (int l = 0; l < m; l++) {
      double x = l / (m - 1.0);
      aic[l] = 100 + 40 * (x - 0.7) * (x - 0.7);
      bic[l] = 104 + 40 * (x - 0.5) * (x - 0.5);
      ebic[l] = 108 + 40 * (x - 0.4) * (x - 0.4);
    }
    PathData.Criteria ic = new PathData.Criteria(new double[m], aic, bic, ebic, lambda[35],
        lambda[25], lambda[20]);
    PathData path = new PathData("gaussian", 1, lambda, new double[m][1][1], new double[m],
        new double[m], List.of("x1"), Optional.empty(), Optional.of(ic));
    String svg = ChartExport.svg(PathCharts.criteriaCurve(path, "criteria").orElseThrow());
    assertEquals(Set.of("6,4", "solid"), strokes(svg, ChartTheme.color(0)), "AIC");
    assertEquals(Set.of("6,4", "3,2"), strokes(svg, ChartTheme.color(1)), "BIC");
    assertEquals(Set.of("6,4", "1,2"), strokes(svg, ChartTheme.color(2)), "EBIC");
  }

  /** ridge's GCV and leave-one-out MSE: both solid before; the second is dashed now. */
  @Test
  void ridgeCriterionCurve_drawsGcvAndLooInTwoStrokes() throws IOException {
    int m = 30;
    double[] lambda = lambdas(m);
    StringBuilder gcv = new StringBuilder();
    StringBuilder loo = new StringBuilder();
    StringBuilder lambdaText = new StringBuilder();
    for (int l = 0; l < m; l++) {
      String sep = l == 0 ? "" : ", ";
      double x = l / (m - 1.0);
      lambdaText.append(sep).append(lambda[l]);
      gcv.append(sep).append(1 + (x - 0.5) * (x - 0.5));
      loo.append(sep).append(1.05 + (x - 0.55) * (x - 0.55));
    }
    com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree("{\"gcv\": [" + gcv + "], \"loo\": [" + loo + "], \"lambda_chosen\": "
            + lambda[15] + ", \"criterion\": \"gcv\"}");
    PathData path = new PathData("gaussian", 0, lambda, new double[m][1][1], new double[m],
        new double[m], List.of("x1"), Optional.empty(), Optional.empty());
    String svg = ChartExport.svg(
        PathCharts.ridgeCriterionCurve(root, "path.json", path, "ridge").orElseThrow());
    assertEquals(Set.of("solid"), strokes(svg, ChartTheme.color(0)), "GCV");
    assertEquals(Set.of("3,2"), strokes(svg, ChartTheme.color(1)), "leave-one-out");
  }

  /** mnist-l2's weight norm per layer, three layers: all solid before. */
  @Test
  void layerNorms_drawsEachWeightMatrixInItsOwnStroke() {
    List<LambdaRow> rows = new ArrayList<>();
    for (double lambda : new double[] {1e-4, 1e-3, 1e-2, 1e-1}) {
      rows.add(new LambdaRow(lambda, 0, 0, 1, 0.9, Double.NaN, 0.3, Double.NaN, 0.2, 4,
          new double[] {3 - 10 * lambda, 2 - 10 * lambda, 1 - 5 * lambda}, 0.1));
    }
    String svg = ChartExport.svg(LambdaCharts.layerNorms(rows));
    assertEquals(Set.of("solid"), strokes(svg, ChartTheme.color(0)), "weight matrix 1");
    assertEquals(Set.of("3,2"), strokes(svg, ChartTheme.color(1)), "weight matrix 2");
    assertEquals(Set.of("1,2"), strokes(svg, ChartTheme.color(2)), "weight matrix 3");
  }

  /** select's and mnist-select's layer norms along the all-rows path alike. */
  @Test
  void selectionLayerNorms_drawsEachWeightMatrixInItsOwnStroke() {
    List<SelectionData.PathRow> path = new ArrayList<>();
    for (double lambda : new double[] {1e-1, 1e-2, 1e-3, 1e-4}) {
      path.add(new SelectionData.PathRow(lambda, 0.3, Double.NaN, 0.2, Double.NaN,
          new double[] {3 - 10 * lambda, 2 - 10 * lambda}, 3));
    }
    String svg = ChartExport.svg(SelectionCharts.layerNorms("norms", path,
        new double[] {1e-1, 1e-4}));
    assertEquals(Set.of("solid"), strokes(svg, ChartTheme.color(0)), "weight matrix 1");
    assertEquals(Set.of("3,2"), strokes(svg, ChartTheme.color(1)), "weight matrix 2");
  }

  /**
   * The shrinkage chart's two histograms (λ = 0 and the best λ) overlap: translucent fills of
   * two colours, outlined alike in solid 1.6 px. The second's outline is dashed now.
   */
  @Test
  void histograms_outlineEachInItsOwnStroke() {
    Map<String, double[]> counts = new LinkedHashMap<>();
    counts.put("λ = 0", new double[] {1, 4, 9, 4, 1});
    counts.put("best λ = 0.01", new double[] {0, 2, 14, 2, 0});
    String svg = ChartExport.svg(TrainingCharts.histograms("shrinkage", "weight value",
        new double[] {-1, -0.6, -0.2, 0.2, 0.6, 1}, counts));
    assertEquals(Set.of("solid"), strokes(svg, ChartTheme.color(0)), "λ = 0");
    assertEquals(Set.of("3,2"), strokes(svg, ChartTheme.color(1)), "best λ");
    Matcher outline = Pattern.compile("stroke:rgb\\(213,94,0\\);stroke-width:([^;]+);")
        .matcher(svg);
    assertTrue(outline.find(), "an outline of the best λ's colour");
    assertEquals(1.6, Double.parseDouble(outline.group(1)), 1e-6, "1.6 px outline kept");
  }

  /**
   * ScalingCharts' measured lines (tikhonov, PyTorch, NumPy), beside the FLOP model's grey
   * dashed ("6,4") line: the measured ones were all solid.
   */
  @Test
  void scalingChart_drawsEachImplementationInItsOwnStroke() {
    Map<String, double[][]> measured = new LinkedHashMap<>();
    measured.put("tikhonov", new double[][] {{32, 128, 1024}, {1.2, 0.4, 0.3}});
    measured.put("PyTorch", new double[][] {{32, 128, 1024}, {2.0, 0.6, 0.35}});
    measured.put("NumPy", new double[][] {{32, 128, 1024}, {3.0, 0.9, 0.5}});
    Map<String, double[][]> models = Map.of("FLOP model", new double[][] {{32, 1024}, {0.2, 0.2}});
    String svg = ChartExport.svg(ScalingCharts.chart("t", "batch size", "seconds", measured,
        models));
    assertEquals(Set.of("solid"), strokes(svg, ChartTheme.color(0)), "tikhonov");
    assertEquals(Set.of("3,2"), strokes(svg, ChartTheme.color(1)), "PyTorch");
    assertEquals(Set.of("1,2"), strokes(svg, ChartTheme.color(2)), "NumPy");
    assertEquals(Set.of("6,4"), strokes(svg, ChartTheme.GUIDE), "the model");
  }
}
