package dev.tikhonov.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of λ selections for networks (selection.json): the cross-validated loss against λ with
 * its ±1 SE band (one curve per method when several are compared), λ_min and λ_1se marked; the
 * evidence against λ on the same λ axis; the all-rows path's losses, layer norms and the epochs
 * each λ used. Every chart of one selection spans the same λ range, so they line up.
 */
final class SelectionCharts {
  private SelectionCharts() {}

  /** One cross-validation curve: mean ± SE of the held-out loss at each λ. */
  record Curve(String label, double[] lambdas, double[] mean, double[] se) {}

  /** A λ to mark with a vertical line, in {@code colour} and {@code stroke}. */
  record Mark(String label, double lambda, Color colour, java.awt.BasicStroke stroke) {
    /** Dashed ({@link ChartTheme#DASHED}) or dotted ({@link ChartTheme#dotted}{@code (0)}). */
    Mark(String label, double lambda, Color colour, boolean dotted) {
      this(label, lambda, colour, dotted ? ChartTheme.dotted(0) : ChartTheme.DASHED);
    }
  }

  /**
   * The curves with their bands, and the marks; {@code range} holds every λ the charts of this
   * selection show, so that they share the axis.
   */
  static XYChart cvCurves(String title, String yTitle, List<Curve> curves, List<Mark> marks,
      double[] range) {
    XYChart chart = ChartTheme.xy(title, ChartTheme.LAMBDA_AXIS, yTitle);
    LambdaAxis axis = new LambdaAxis(range);
    for (int c = 0; c < curves.size(); c++) {
      Curve curve = curves.get(c);
      Color colour = ChartTheme.color(c);
      band(chart, curve.label() + " ± 1 SE", curve.lambdas(), curve.mean(), curve.se(), colour);
      XYSeries line = LambdaCharts.addLambdaSeries(chart, axis, curve.label(), curve.lambdas(),
          curve.mean(), zeroSlotErrors(curve), colour);
      // past the palette's 9 colours a curve repeated an earlier one's: its dash tells them apart
      ChartTheme.lineOf(line, c);
      line.setMarker(curve.lambdas().length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
    mark(chart, axis, marks);
    finish(chart, axis, range);
    if (java.util.Arrays.stream(range).allMatch(l -> l > 0)) {
      // (the λ = 0 slot's break line reaches below the lowest value)
      logYWhenSpread(chart, curves);
    }
    return chart;
  }

  /**
   * A log y axis when the curves span more than a factor of 5 (a collapsed model's loss of
   * log K next to losses near 0.2 would flatten the interesting part) and every band is
   * positive; the marks' lines stay within the curves' range. Under two decades the axis is
   * ticked at 1–9 × 10ᵏ, not only at powers of ten: a loss from 0.2 to 2.3 would otherwise carry
   * the single label "1".
   */
  private static void logYWhenSpread(XYChart chart, List<Curve> curves) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (Curve c : curves) {
      for (int i = 0; i < c.mean().length; i++) {
        double se = Double.isFinite(c.se()[i]) ? c.se()[i] : 0;
        if (Double.isFinite(c.mean()[i])) {
          lo = Math.min(lo, c.mean()[i] - se);
          hi = Math.max(hi, c.mean()[i] + se);
        }
      }
    }
    if (lo > 0 && hi / lo > 5) {
      chart.getStyler().setYAxisLogarithmic(true);
      chart.getStyler().setYAxisLogarithmicDecadeOnly(hi / lo >= 100);
      chart.setYAxisTitle(chart.getYAxisTitle() + " (log scale)");
    }
  }

  /** log p(y | λ) against λ, its maximum and the other marks. */
  static XYChart evidence(String title, double[] lambdas, double[] logEvidence, List<Mark> marks,
      double[] range) {
    XYChart chart = ChartTheme.xy(title, ChartTheme.LAMBDA_AXIS, "log evidence (nats)");
    LambdaAxis axis = new LambdaAxis(range);
    XYSeries s = LambdaCharts.addLambdaSeries(chart, axis, "last-layer Laplace evidence",
        lambdas, logEvidence, null, ChartTheme.color(2));
    s.setMarker(SeriesMarkers.DIAMOND);
    mark(chart, axis, marks);
    finish(chart, axis, range);
    return chart;
  }

  /** The all-rows path: validation and training loss at each λ. */
  static XYChart pathLosses(String title, List<SelectionData.PathRow> path, double[] range) {
    XYChart chart = ChartTheme.xy(title, ChartTheme.LAMBDA_AXIS, "mean data loss");
    LambdaAxis axis = new LambdaAxis(range);
    double[] lambdas = path.stream().mapToDouble(SelectionData.PathRow::lambda).toArray();
    LambdaCharts.addLambdaSeries(chart, axis, "validation loss (kept epoch)", lambdas,
        path.stream().mapToDouble(SelectionData.PathRow::validationLoss).toArray(), null,
        ChartTheme.color(0));
    XYSeries train = LambdaCharts.addLambdaSeries(chart, axis,
        "training loss (kept epoch's mini-batches)", lambdas,
        path.stream().mapToDouble(SelectionData.PathRow::trainLoss).toArray(), null,
        ChartTheme.color(1));
    train.setLineStyle(ChartTheme.DASHED);
    finish(chart, axis, range);
    return chart;
  }

  /** ‖W_l‖_F of each weight matrix along the all-rows path. */
  static XYChart layerNorms(String title, List<SelectionData.PathRow> path, double[] range) {
    XYChart chart = ChartTheme.xy(title, ChartTheme.LAMBDA_AXIS, "‖W‖_F");
    LambdaAxis axis = new LambdaAxis(range);
    double[] lambdas = path.stream().mapToDouble(SelectionData.PathRow::lambda).toArray();
    int layers = path.stream().mapToInt(r -> r.layerNorms().length).max().orElse(0);
    for (int l = 0; l < layers; l++) {
      int layer = l;
      // each layer its own stroke too (a network has a few), as mnist-l2's layer norms
      ChartTheme.distinctLineOf(LambdaCharts.addLambdaSeries(chart, axis,
          "weight matrix " + (l + 1),
          lambdas, path.stream().mapToDouble(r -> r.layerNorms().length > layer
              ? r.layerNorms()[layer] : Double.NaN).toArray(), null, ChartTheme.color(l)), l);
    }
    finish(chart, axis, range);
    return chart;
  }

  /** Epochs used at each λ: one line per series (e.g. splits' mean, all-rows path). */
  static XYChart epochs(String title, List<String> names, List<double[]> lambdas,
      List<double[]> epochs, double[] range) {
    XYChart chart = ChartTheme.xy(title, ChartTheme.LAMBDA_AXIS, "epochs run");
    LambdaAxis axis = new LambdaAxis(range);
    for (int i = 0; i < names.size(); i++) {
      ChartTheme.lineOf(LambdaCharts.addLambdaSeries(chart, axis, names.get(i), lambdas.get(i),
          epochs.get(i), null, ChartTheme.color(i)), i);
    }
    finish(chart, axis, range);
    return chart;
  }

  /**
   * A grid search's candidates: against λ when every candidate has one (one line per other
   * setting, SE error bars), else against the candidate's index; the best and one-SE
   * candidates marked.
   */
  static XYChart grid(GridData g) {
    boolean byLambda = g.candidates().stream().allMatch(c -> c.number("lambda") >= 0);
    XYChart chart = ChartTheme.xy("Grid search: cross-validated " + g.measure(),
        byLambda ? ChartTheme.LAMBDA_AXIS : "candidate (most regularized first)",
        "held-out " + g.measure());
    if (!byLambda) {
      int[] scored = java.util.stream.IntStream.range(0, g.candidates().size())
          .filter(i -> g.candidates().get(i).scored()).toArray();
      double[] x = new double[scored.length];
      double[] y = new double[x.length];
      double[] e = new double[x.length];
      for (int j = 0; j < x.length; j++) {
        GridData.Candidate c = g.candidates().get(scored[j]);
        x[j] = scored[j];
        y[j] = c.mean();
        e[j] = Double.isFinite(c.se()) ? c.se() : 0;
      }
      chart.addSeries("mean ± 1 SE", x, y, e);
      LambdaCharts.markVertical(chart, "best", g.best(), ChartTheme.MARK);
      XYSeries one = LambdaCharts.markVertical(chart, "one-SE", g.oneSe(), ChartTheme.GUIDE);
      one.setLineStyle(ChartTheme.dotted(0)); // 2 px, as λ_1se's; DOTTED's 1.2 px was faint
      return chart;
    }
    double[] all = g.candidates().stream().mapToDouble(c -> c.number("lambda")).toArray();
    LambdaAxis axis = new LambdaAxis(all);
    java.util.Map<String, List<GridData.Candidate>> groups = new java.util.LinkedHashMap<>();
    List<String> varying = g.varying();
    for (GridData.Candidate c : g.candidates()) {
      if (!c.scored()) {
        continue; // no score to draw; the table says where it diverged
      }
      groups.computeIfAbsent(c.label("lambda", varying), k -> new ArrayList<>()).add(c);
    }
    int colour = 0;
    for (java.util.Map.Entry<String, List<GridData.Candidate>> e : groups.entrySet()) {
      List<GridData.Candidate> cs = e.getValue();
      XYSeries s = LambdaCharts.addLambdaSeries(chart, axis, e.getKey(),
          cs.stream().mapToDouble(c -> c.number("lambda")).toArray(),
          cs.stream().mapToDouble(GridData.Candidate::mean).toArray(),
          cs.stream().mapToDouble(c -> Double.isFinite(c.se()) ? c.se() : 0).toArray(),
          ChartTheme.color(colour));
      // a grid of 3 dropouts × 4 weight decays has 12 lines: the 10th is dashed, not the 1st's
      ChartTheme.lineOf(s, colour++);
    }
    GridData.Candidate best = g.candidates().get(g.best());
    GridData.Candidate one = g.candidates().get(g.oneSe());
    mark(chart, axis, List.of(
        new Mark("best: λ = " + Html.number(best.number("lambda")) + ", "
            + best.label("lambda", varying), best.number("lambda"), ChartTheme.MARK, false),
        new Mark("one-SE: λ = " + Html.number(one.number("lambda")) + ", "
            + one.label("lambda", varying), one.number("lambda"), ChartTheme.GUIDE, true)));
    finish(chart, axis, all);
    return chart;
  }

  /** λ_min (dashed) and λ_1se (dotted) of a selection, plus the evidence's maximum if any. */
  static List<Mark> marks(SelectionData s, String prefix) {
    List<Mark> marks = new ArrayList<>();
    marks.add(new Mark(prefix + "λ_min = " + Html.number(s.lambdaMin()), s.lambdaMin(),
        ChartTheme.MARK, false));
    marks.add(new Mark(prefix + "λ_1se = " + Html.number(s.lambda1se()), s.lambda1se(),
        ChartTheme.GUIDE, true));
    return marks;
  }

  /** The band mean ± SE over the positive λ (a λ = 0 gets an error bar in its slot). */
  private static void band(XYChart chart, String name, double[] lambdas, double[] mean,
      double[] se, Color colour) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < lambdas.length; i++) {
      if (lambdas[i] > 0 && Double.isFinite(mean[i]) && Double.isFinite(se[i])) {
        at.add(i);
      }
    }
    at.sort((a, b) -> Double.compare(lambdas[a], lambdas[b]));
    int m = at.size();
    if (m == 0) {
      return;
    }
    double[] x = new double[2 * m];
    double[] y = new double[2 * m];
    for (int b = 0; b < m; b++) {
      int i = at.get(b);
      x[b] = lambdas[i];
      y[b] = mean[i] + se[i];
      x[2 * m - 1 - b] = lambdas[i];
      y[2 * m - 1 - b] = mean[i] - se[i];
    }
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    s.setMarker(SeriesMarkers.NONE);
    s.setFillColor(ChartTheme.translucent(colour, 55));
    s.setLineColor(ChartTheme.translucent(colour, 55));
    s.setShowInLegend(false);
  }

  private static double[] zeroSlotErrors(Curve curve) {
    boolean zero = false;
    double[] out = new double[curve.lambdas().length];
    for (int i = 0; i < out.length; i++) {
      zero |= curve.lambdas()[i] == 0;
      out[i] = curve.lambdas()[i] == 0 && Double.isFinite(curve.se()[i]) ? curve.se()[i] : 0;
    }
    return zero ? out : null;
  }

  private static void mark(XYChart chart, LambdaAxis axis, List<Mark> marks) {
    for (Mark m : marks) {
      XYSeries s = LambdaCharts.markVertical(chart, m.label(), axis.position(m.lambda()),
          m.colour());
      s.setShowInLegend(true);
      s.setLineStyle(m.stroke());
    }
  }

  /** Log axis over {@code range} (with the λ = 0 slot when it holds 0). */
  private static void finish(XYChart chart, LambdaAxis axis, double[] range) {
    boolean zero = false;
    double max = 0;
    for (double l : range) {
      zero |= l == 0;
      max = Math.max(max, l);
    }
    axis.apply(chart, zero);
    if (!zero) {
      chart.getStyler().setXAxisMin(axis.smallestPositive / 1.5);
    }
    if (max > 0) {
      chart.getStyler().setXAxisMax(max * 1.5);
    }
    // the marks' labels are long: a horizontal legend of more than three runs off the chart
    long entries = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend)
        .count();
    if (entries > 3) {
      chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
    }
  }
}
