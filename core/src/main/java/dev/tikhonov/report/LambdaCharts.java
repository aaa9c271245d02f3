package dev.tikhonov.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts over λ (log axis, λ = 0 drawn as {@link LambdaAxis} says): the validation curve of
 * mnist-l2 (test accuracy and test loss, mean ± std over seeds), the weight norm per layer, and
 * the gd-linear slope against its closed form. Stateless: each call builds a new chart, so its
 * methods may be called from any thread (on arguments no other thread is modifying).
 */
final class LambdaCharts {
  private LambdaCharts() {}

  /** What the validation curve shows. Thread-safe, as enum constants are. */
  public enum Metric {
    TEST_ACCURACY("test accuracy", LambdaRow::testAccuracyMean, LambdaRow::testAccuracyStd),
    TEST_LOSS("test loss (cross-entropy)", LambdaRow::testLossMean, LambdaRow::testLossStd);

    final String label;
    final ToDoubleFunction<LambdaRow> mean;
    final ToDoubleFunction<LambdaRow> std;

    Metric(String label, ToDoubleFunction<LambdaRow> mean, ToDoubleFunction<LambdaRow> std) {
      this.label = label;
      this.mean = mean;
      this.std = std;
    }
  }

  /**
   * Mean ± std of {@code metric} against λ: one series for the plain-L2 rows, one per other
   * (dropout, weight decay) setting; error bars are the std over seeds (none where it is
   * undefined: one seed); a dashed line marks the best plain-L2 λ ({@link LambdaRow#best}).
   */
  public static XYChart validationCurve(List<LambdaRow> rows, Metric metric) {
    boolean spread = rows.stream().anyMatch(r -> !Double.isNaN(metric.std.applyAsDouble(r)));
    XYChart chart = ChartTheme.xy(metric.label + " against λ ("
        + (spread ? "mean ± std over seeds" : "one seed") + ")", ChartTheme.LAMBDA_AXIS,
        metric.label);
    LambdaAxis axis = new LambdaAxis(rows.stream().mapToDouble(LambdaRow::lambda).toArray());
    double shift = dodge(axis, rows.stream().mapToDouble(LambdaRow::lambda).max().orElse(1));
    int colour = 0;
    for (Map.Entry<String, List<LambdaRow>> group : groups(rows).entrySet()) {
      List<LambdaRow> g = group.getValue();
      // each further setting a little to the right: the dropout row's diamond and error bar
      // hid the L2 row's circle in the λ = 0 slot and at every λ both have
      // past the palette's 9 colours a group's line is dashed (ChartTheme.lineOf)
      ChartTheme.lineOf(addLambdaSeries(chart, axis, group.getKey(),
          g.stream().mapToDouble(LambdaRow::lambda).toArray(),
          g.stream().mapToDouble(metric.mean).toArray(),
          spread ? g.stream().mapToDouble(r -> barOf(metric.std.applyAsDouble(r))).toArray()
              : null,
          ChartTheme.color(colour), Math.pow(shift, colour)), colour);
      colour++;
    }
    LambdaRow.best(rows).ifPresent(best -> markVertical(chart, "best λ = "
        + LambdaAxis.Format.number(best.lambda()) + " (highest mean accuracy)",
        axis.position(best.lambda()), ChartTheme.MARK));
    axis.apply(chart, rows.stream().anyMatch(r -> r.lambda() == 0));
    return chart;
  }

  /**
   * The factor by which {@link #validationCurve} draws each further series right of the one
   * before (its points at λ·factor, λ = 0's in the slot alike): 1.2 % of the axis' decades, about
   * 8 of the plot's pixels, a marker's width, so that two series at one λ both show; the plain-L2
   * series, which the best λ's line marks, stays at its λ.
   */
  static double dodge(LambdaAxis axis, double largest) {
    double decades = Math.log10(Math.max(largest, axis.smallestPositive))
        - Math.log10(axis.zero / 1.6);
    return Math.pow(10, 0.012 * decades);
  }

  /** An error bar's half-length: none (0) where the std is undefined. */
  private static double barOf(double std) {
    return Double.isNaN(std) ? 0 : std;
  }

  /** Mean Frobenius norm ‖W_l‖_F of each weight matrix against λ, plain-L2 rows only. */
  public static XYChart layerNorms(List<LambdaRow> rows) {
    List<LambdaRow> plain = rows.stream().filter(LambdaRow::plainL2)
        .sorted(Comparator.comparingDouble(LambdaRow::lambda)).toList();
    XYChart chart = ChartTheme.xy("Weight norm per layer against λ (no dropout)",
        ChartTheme.LAMBDA_AXIS, "‖W‖_F (mean over seeds)");
    LambdaAxis axis = new LambdaAxis(plain.stream().mapToDouble(LambdaRow::lambda).toArray());
    int layers = plain.stream().mapToInt(r -> r.layerWeightNormsMean().length).max().orElse(0);
    for (int l = 0; l < layers; l++) {
      int layer = l;
      List<LambdaRow> has = plain.stream().filter(r -> r.layerWeightNormsMean().length > layer).toList();
      // each layer its own stroke too, so that a page printed in grey tells them apart
      ChartTheme.distinctLineOf(addLambdaSeries(chart, axis, "weight matrix " + (l + 1),
          has.stream().mapToDouble(LambdaRow::lambda).toArray(),
          has.stream().mapToDouble(r -> r.layerWeightNormsMean()[layer]).toArray(),
          null, ChartTheme.color(l)), l);
    }
    axis.apply(chart, plain.stream().anyMatch(r -> r.lambda() == 0));
    return chart;
  }

  /**
   * gd-linear: the slope gradient descent found and the closed-form ridge slope against λ; they
   * should lie on top of each other and shrink towards 0 as λ grows.
   */
  public static XYChart gdLinearSlope(double[] lambda, double[] slope, double[] closedFormSlope,
      double[] intercept) {
    XYChart chart = ChartTheme.xy("Fitted slope and intercept against λ (true: slope 3, intercept 2)",
        ChartTheme.LAMBDA_AXIS, "coefficient");
    LambdaAxis axis = new LambdaAxis(lambda);
    // solid, dashed, dotted: the intercept was solid as the slope; the dashed closed form lets
    // the solid slope show where they coincide (distinctLineOf passes a null series: none
    // without a λ > 0, results.json of no rows or of λ = 0 alone)
    ChartTheme.distinctLineOf(addLambdaSeries(chart, axis, "slope (gradient descent)", lambda,
        slope, null, ChartTheme.color(0)), 0);
    ChartTheme.distinctLineOf(addLambdaSeries(chart, axis, "slope (closed form)", lambda,
        closedFormSlope, null, ChartTheme.color(1)), 1);
    ChartTheme.distinctLineOf(addLambdaSeries(chart, axis, "intercept (gradient descent)",
        lambda, intercept, null, ChartTheme.color(2)), 2);
    boolean hasZero = false;
    for (double l : lambda) {
      hasZero |= l == 0;
    }
    axis.apply(chart, hasZero);
    return chart;
  }

  /**
   * Adds the points of one curve: λ &gt; 0 as a joined series named {@code name}, λ = 0 as an
   * unjoined point of the same colour at {@link LambdaAxis#zero}. Returns the λ &gt; 0 series
   * (or the λ = 0 one when there is no positive λ).
   *
   * @param error half-length of the error bars, or null for none
   */
  static XYSeries addLambdaSeries(XYChart chart, LambdaAxis axis, String name, double[] lambda,
      double[] y, double[] error, Color colour) {
    return addLambdaSeries(chart, axis, name, lambda, y, error, colour, 1);
  }

  /**
   * {@link #addLambdaSeries(XYChart, LambdaAxis, String, double[], double[], double[], Color)}
   * drawn at {@code shift} times each point's position: a series beside another of the same λ.
   */
  static XYSeries addLambdaSeries(XYChart chart, LambdaAxis axis, String name, double[] lambda,
      double[] y, double[] error, Color colour, double shift) {
    Integer[] order = new Integer[lambda.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble(i -> lambda[i]));
    List<Integer> positive = new ArrayList<>();
    List<Integer> zero = new ArrayList<>();
    for (int i : order) {
      (lambda[i] > 0 ? positive : zero).add(i);
    }
    XYSeries main = null;
    if (!positive.isEmpty()) {
      main = add(chart, name, positive, lambda, y, error, axis, shift);
      main.setLineColor(colour);
      main.setMarkerColor(colour);
      main.setLineStyle(ChartTheme.SOLID);
      // the marker XChart would give it when drawing (its cycle counts every series), set now so
      // that the λ = 0 point below gets the same: it was a circle beside a legend of diamonds
      Marker[] cycle = chart.getStyler().getSeriesMarkers();
      main.setMarker(cycle[(chart.getSeriesMap().size() - 1) % cycle.length]);
    }
    if (!zero.isEmpty()) {
      XYSeries z = add(chart, name + ", λ = 0", zero, lambda, y, error, axis, shift);
      z.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      z.setMarkerColor(colour);
      z.setLineColor(colour);
      z.setShowInLegend(main == null);
      if (main != null) {
        z.setMarker(main.getMarker());
      }
      main = main == null ? z : main;
    }
    return main;
  }

  /**
   * At most about this many λ positions of one curve are drawn. A chart is
   * {@value ChartTheme#WIDTH} pixels wide, and XChart writes each segment of a line as its own
   * SVG element: 'ridge' with 10⁵ λ made a 269 MB report, 4 of its 5 minutes spent on the
   * charts. Curves with more λ are {@link #thinned}, a smallest and a largest value of each run
   * of neighbours, a run to a pixel or less; the run's path files keep every λ.
   */
  static final int MAX_POINTS = 1000;

  /**
   * {@code index} (positions of a curve, in drawing order) itself when it has at most
   * {@link #MAX_POINTS}; else its first and last and, in each of {@code MAX_POINTS / 2} runs of
   * neighbouring positions, those where {@code y} is smallest and largest, in order: the curve's
   * extremes (its minimum is where a criterion chooses) and its spikes are drawn, its slopes at
   * fewer points.
   */
  static List<Integer> thinned(List<Integer> index, double[] y) {
    int n = index.size();
    if (n <= MAX_POINTS) {
      return index;
    }
    int run = (n + MAX_POINTS / 2 - 1) / (MAX_POINTS / 2);
    java.util.SortedSet<Integer> kept = new java.util.TreeSet<>(List.of(0, n - 1));
    for (int start = 0; start < n; start += run) {
      int low = start;
      int high = start;
      for (int r = start + 1; r < Math.min(n, start + run); r++) {
        double v = y[index.get(r)];
        // NaN (a score with no value) is neither; the run's first stands in for it
        low = v < y[index.get(low)] ? r : low;
        high = v > y[index.get(high)] ? r : high;
      }
      kept.add(low);
      kept.add(high);
    }
    return kept.stream().map(index::get).toList();
  }

  /**
   * The sentence a chart's caption gets when its curves over {@code lambdas} λ are
   * {@link #thinned}, naming {@code files} as where every λ is; empty otherwise.
   */
  static String thinningNote(int lambdas, String files) {
    if (lambdas <= MAX_POINTS) {
      return "";
    }
    return " Of its " + lambdas + " λ, each curve is drawn through at most " + MAX_POINTS
        + ": its ends and, in each of " + MAX_POINTS / 2 + " runs of neighbouring λ, its"
        + " smallest and largest value; " + files + (files.contains(" and ") ? " have" : " has")
        + " every λ.";
  }

  private static XYSeries add(XYChart chart, String name, List<Integer> all, double[] lambda,
      double[] y, double[] error, LambdaAxis axis, double shift) {
    List<Integer> index = thinned(all, y);
    double[] xs = index.stream().mapToDouble(i -> shift * axis.position(lambda[i])).toArray();
    double[] ys = index.stream().mapToDouble(i -> y[i]).toArray();
    if (error == null) {
      return chart.addSeries(name, xs, ys);
    }
    return chart.addSeries(name, xs, ys, index.stream().mapToDouble(i -> error[i]).toArray());
  }

  /** A labelled vertical dashed line at x over the y range of the series so far. */
  static XYSeries markVertical(XYChart chart, String name, double x, Color colour) {
    double[] y = LambdaAxis.yRange(chart);
    XYSeries s = chart.addSeries(name, new double[] {x, x}, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour);
    s.setLineStyle(ChartTheme.DASHED);
    return s;
  }

  /** Rows grouped by (dropout, weight decay), plain L2 first, each group sorted by λ. */
  static Map<String, List<LambdaRow>> groups(List<LambdaRow> rows) {
    Map<String, List<LambdaRow>> groups = new LinkedHashMap<>();
    rows.stream()
        .sorted(Comparator.comparing((LambdaRow r) -> !r.plainL2())
            .thenComparingDouble(LambdaRow::dropout)
            .thenComparingDouble(LambdaRow::weightDecay)
            .thenComparingDouble(LambdaRow::lambda))
        .forEach(r -> groups.computeIfAbsent(groupName(r), k -> new ArrayList<>()).add(r));
    return groups;
  }

  static String groupName(LambdaRow r) {
    if (r.plainL2()) {
      return "L2 only";
    }
    List<String> parts = new ArrayList<>();
    if (r.dropout() > 0) {
      parts.add("dropout p = " + LambdaAxis.Format.number(r.dropout()));
    }
    if (r.weightDecay() > 0) {
      parts.add("weight decay " + LambdaAxis.Format.number(r.weightDecay()));
    }
    return String.join(", ", parts) + " + L2";
  }
}
