package dev.tikhonov.report;

import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The cross-validation of every α of {@code path --l1-ratio A,B,…} (path.json's l1_ratios) on
 * one chart, as a loop of cv.glmnet over α is plotted: each α's mean score against its own λ
 * (λ on a log axis that spans every α's grid), one coloured curve each ("α = 0.5"), the ±1 SE
 * band of the chosen α's curve only (several bands hide each other), and the pair the run kept,
 * (α, λ_min) or (α, λ_1se) by its rule, as a diamond on its curve with a dashed line through it.
 * Stateless: each call builds a new chart from what it is given, which it only reads, so it may
 * be called from any thread.
 */
final class L1RatioCharts {
  private L1RatioCharts() {}

  /**
   * The chart of {@code curves} when they hold two or more α (one α is the CV chart's curve
   * already); the y axis names the measure that scored them ({@link L1RatioCurves#measure}) for
   * {@code path}'s family. Empty otherwise.
   */
  static Optional<XYChart> cvCurves(PathData path, Optional<L1RatioCurves> curves,
      String title) {
    if (curves.isEmpty() || curves.get().candidates().size() < 2) {
      return Optional.empty();
    }
    L1RatioCurves all = curves.get();
    XYChart chart = ChartTheme.xy(title, ChartTheme.LAMBDA_AXIS,
        PathCharts.cvMeasure(path.family(), all.measure()));
    double[] alphas = all.l1Ratios();
    int n = 0;
    for (L1RatioCurves.Candidate c : all.candidates()) {
      n += c.lambda().length;
    }
    double[] every = new double[n];
    int at = 0;
    for (L1RatioCurves.Candidate c : all.candidates()) {
      for (double l : c.lambda()) {
        every[at++] = l;
      }
    }
    LambdaAxis axis = new LambdaAxis(every);
    L1RatioCurves.Candidate best = all.chosenCandidate();
    int chosen = all.candidates().indexOf(best);
    double[] zeroBar = PathCharts.band(chart, "mean ± 1 SE (α = "
        + PathCharts.distinct(alphas, all.chosen()) + ")", best.lambda(), best.cv().mean(),
        best.cv().se(), ChartTheme.color(chosen));
    for (int a = 0; a < alphas.length; a++) {
      L1RatioCurves.Candidate c = all.candidates().get(a);
      XYSeries s = LambdaCharts.addLambdaSeries(chart, axis, name(alphas, alphas[a]),
          c.lambda(), c.cv().mean(), a == chosen && hasZero(c.lambda()) ? zeroBar : null,
          ChartTheme.color(a));
      ChartTheme.lineOf(s, a); // past 9 α the colours repeat, dashed
      s.setMarker(c.lambda().length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
    double lambda = all.chosenLambda();
    LambdaCharts.markVertical(chart, "chosen λ line", axis.position(lambda), ChartTheme.MARK)
        .setShowInLegend(false);
    PathCharts.point(chart, chosenName(all), axis.position(lambda), best.meanAt(lambda),
        ChartTheme.MARK, SeriesMarkers.DIAMOND);
    ChartTheme.legendRightWhenCrowded(chart);
    axis.apply(chart, hasZero(every));
    return Optional.of(chart);
  }

  private static boolean hasZero(double[] lambda) {
    return java.util.Arrays.stream(lambda).anyMatch(l -> l == 0);
  }

  /** An α's curve: "α = 0.5". */
  static String name(double[] alphas, double alpha) {
    return "α = " + PathCharts.distinct(alphas, alpha);
  }

  /** The kept pair's point: "chosen: α = 0.5, λ_min = 0.0123". */
  static String chosenName(L1RatioCurves curves) {
    return "chosen: α = " + PathCharts.distinct(curves.l1Ratios(), curves.chosen()) + ", λ_"
        + ("1se".equals(curves.rule()) ? "1se" : "min") + " = "
        + Html.number(curves.chosenLambda());
  }
}
