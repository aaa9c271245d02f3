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
      + "stroke:(rgb\\(\\d+,\\d+,\\d+\\))[^\"]*?(?:stroke-dasharray:([^;\"]+)"
      + "(?:;stroke-dashoffset:[^;\"]+)?)?;\"");

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
   * the same solid stroke, beside its minimum's dashed mark, so the three colours drew the same
   * set of strokes. Now AIC is solid, BIC dashed ("3,2"), EBIC dotted ("1,2"); the marks are
   * dashes 6 px long 12 apart ("6,12", ChartTheme.interleaved), each in the others' gaps.
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
    assertEquals(Set.of("6,12", "solid"), strokes(svg, ChartTheme.color(0)), "AIC");
    assertEquals(Set.of("6,12", "3,2"), strokes(svg, ChartTheme.color(1)), "BIC");
    assertEquals(Set.of("6,12", "1,2"), strokes(svg, ChartTheme.color(2)), "EBIC");
  }

  private static final Pattern VERTICAL = Pattern.compile("<line style=\"fill:none;stroke:"
      + "(rgb\\(\\d+,\\d+,\\d+\\));[^\"]*?stroke-dasharray:([^;\"]+);"
      + "(?:stroke-dashoffset:([0-9.]+);)?\" x1=\"([0-9.]+)\" x2=\"\\4\" y1=\"([0-9.]+)\""
      + " y2=\"([0-9.]+)\"/>");

  /** Whether a line of dash pattern {@code dashes}, offset {@code offset}, draws at {@code t}. */
  private static boolean drawnAt(double[] dashes, double offset, double t) {
    double period = 0;
    for (double d : dashes) {
      period += d;
    }
    double at = ((t + offset) % period + period) % period;
    for (int i = 0; i < dashes.length; i++) {
      if (at < dashes[i]) {
        return i % 2 == 0;
      }
      at -= dashes[i];
    }
    return false;
  }

  /**
   * AIC, BIC and EBIC whose minima fall on one λ (the three curves parallel): each minimum's
   * mark was dashed "6,4" from the same end, so EBIC's, drawn last, covered the other two and
   * the chart showed one mark for three. The SVG's vertical lines at that λ, read in drawing
   * order with their dash pattern and offset: each colour must show along a quarter of the
   * line at least, where no later line draws over it.
   */
  @Test
  void criteriaCurve_minimaAtOneLambda_showAllThreeMarks() {
    int m = 50;
    double[] lambda = lambdas(m);
    double[][] curves = new double[3][m];
    for (int l = 0; l < m; l++) {
      double x = l / (m - 1.0);
      for (int c = 0; c < 3; c++) {
        curves[c][l] = 100 + 4 * c + 40 * (x - 0.5) * (x - 0.5);
      }
    }
    PathData.Criteria ic = new PathData.Criteria(new double[m], curves[0], curves[1],
        curves[2], lambda[25], lambda[25], lambda[25]);
    PathData path = new PathData("gaussian", 1, lambda, new double[m][1][1], new double[m],
        new double[m], List.of("x1"), Optional.empty(), Optional.of(ic));
    String svg = ChartExport.svg(PathCharts.criteriaCurve(path, "criteria").orElseThrow());
    List<String> colours = new ArrayList<>();
    List<double[]> dashes = new ArrayList<>();
    List<Double> offsets = new ArrayList<>();
    Set<String> xs = new TreeSet<>();
    double length = 0;
    Matcher v = VERTICAL.matcher(svg);
    while (v.find()) {
      double height = Math.abs(Double.parseDouble(v.group(5)) - Double.parseDouble(v.group(6)));
      if (height < 100) {
        continue; // the legend's samples are horizontal; tick marks are short
      }
      colours.add(v.group(1));
      dashes.add(java.util.Arrays.stream(v.group(2).split(",")).mapToDouble(Double::parseDouble)
          .toArray());
      offsets.add(v.group(3) == null ? 0 : Double.parseDouble(v.group(3)));
      xs.add(v.group(4));
      length = height;
    }
    assertEquals(3, colours.size(), "three marks: " + colours);
    assertEquals(1, xs.size(), "at one x: " + xs);
    for (int c = 0; c < 3; c++) {
      Color colour = ChartTheme.color(c);
      assertEquals("rgb(" + colour.getRed() + "," + colour.getGreen() + "," + colour.getBlue()
          + ")", colours.get(c), "mark " + c + " in its criterion's colour");
      int shown = 0;
      int steps = (int) (length * 4);
      for (int s = 0; s < steps; s++) {
        double t = s / 4.0;
        boolean covered = false;
        for (int later = c + 1; later < 3; later++) {
          covered |= drawnAt(dashes.get(later), offsets.get(later), t);
        }
        shown += drawnAt(dashes.get(c), offsets.get(c), t) && !covered ? 1 : 0;
      }
      assertTrue(shown > steps / 4, new String[] {"AIC", "BIC", "EBIC"}[c] + "'s mark shows along "
          + shown + " of " + steps + " quarter pixels");
    }
  }

  /**
   * The loss chart's train loss, penalty and validation loss were solid, J dashed: in grey,
   * three solid lines alike. Now solid, dashed, dotted and dash-dot in that order.
   */
  @Test
  void lossCurves_drawEachTermInItsOwnStroke() {
    List<EpochRow> history = new ArrayList<>();
    for (int e = 1; e <= 12; e++) {
      double loss = 1.0 / e;
      history.add(new EpochRow(e, loss, 0.1, loss + 0.1, loss + 0.05, 0.8, 2, 0.05, 0.1));
    }
    String svg = ChartExport.svg(TrainingCharts.lossCurves(history, "loss"));
    assertEquals(Set.of("solid"), strokes(svg, ChartTheme.color(0)), "train loss");
    assertEquals(Set.of("3,2"), strokes(svg, ChartTheme.color(1)), "penalty");
    assertEquals(Set.of("1,2"), strokes(svg, ChartTheme.color(2)), "objective J");
    assertEquals(Set.of("5,1.5,1,1.5"), strokes(svg, ChartTheme.color(3)), "validation loss");
  }

  /**
   * gd-linear's slope and intercept were both solid (the closed form dashed): the intercept
   * is dotted now.
   */
  @Test
  void gdLinearSlope_drawsSlopeClosedFormAndInterceptInThreeStrokes() {
    double[] lambda = {1e-3, 1e-2, 1e-1, 1};
    double[] slope = {2.9, 2.7, 2.0, 0.8};
    String svg = ChartExport.svg(LambdaCharts.gdLinearSlope(lambda, slope, slope.clone(),
        new double[] {2, 2.1, 2.4, 3}));
    assertEquals(Set.of("solid"), strokes(svg, ChartTheme.color(0)), "slope");
    assertEquals(Set.of("3,2"), strokes(svg, ChartTheme.color(1)), "closed form");
    assertEquals(Set.of("1,2"), strokes(svg, ChartTheme.color(2)), "intercept");
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
