package dev.tikhonov.report;

import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CvMeasure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of a regularization path (path.json): each coefficient against log λ, and the
 * cross-validated error with its ±1 SE band; λ_min and λ_1se are marked on both. A relaxed
 * path's CV (relaxed.cv) has a chart of its own, one curve per γ, and its (λ, γ) choices are
 * marked on the coefficient path with their γ. A λ = 0 in the
 * path (a user-given grid such as 0.5, 0) is drawn in {@link LambdaAxis}'s λ = 0 slot. Stateless:
 * each call builds a new chart from the path, which it only reads, so its methods may be called
 * from any thread.
 */
final class PathCharts {
  /** Above this many lines the legend would hide the plot, so it is left out. */
  static final int MAX_LEGEND = 12;

  private PathCharts() {}

  /**
   * At most this many coefficient lines are drawn. XChart writes each segment of a line as its
   * own SVG element, so a wide path (a binomial lasso on 20,000 sparse features, 2,748 of them
   * nonzero somewhere) made a 49 MB chart and report; past a few dozen lines a coefficient plot
   * shows a cloud anyway. Those that enter the path first, the ones a reader asks about, are
   * drawn; every coefficient stays in the run's path files.
   */
  static final int MAX_LINES = 60;

  /**
   * Coefficient b_j(λ) for every feature (and class) that is nonzero somewhere on the path, λ on
   * a log axis, at most {@link #MAX_LINES} of them: those that become nonzero at the largest λ
   * (ties: the larger largest |b_j| first). The title says how many are zero all along or, when
   * some nonzero ones are left out, how many are drawn (a sparse file with one index of 99,999
   * made 99,999 flat lines and a 72 MB report). Labels as {@link Labels}.
   */
  public static XYChart coefficientPath(PathData path, String title) {
    return coefficientPath(path, title, new StringBuilder(), "path.json");
  }

  /**
   * As {@link #coefficientPath(PathData, String)}, appending to {@code note} a sentence that
   * says which coefficients are not drawn (nothing when all are) and that {@code files} (the
   * run's files that hold the path, e.g. "path.csv" or "path-lasso.json") have them all.
   */
  static XYChart coefficientPath(PathData path, String title, StringBuilder note,
      String files) {
    return coefficientPath(path, title, note, files, List.of());
  }

  /**
   * As {@link #coefficientPath(PathData, String, StringBuilder, String)}, a multinomial path's
   * lines named by {@code classNames} (path.json's class_names; "class k" when it has not one
   * name per class), "setosa: petal_width", as {@link Labels#shorten} writes each name. Past
   * {@link #MAX_LEGEND} lines, where a legend of every line would hide the plot, a multinomial
   * path's lines take their class's colour and the legend names the classes, "class setosa (4
   * lines)" ("class_0 (6 lines)" of a name that says class already), so that a reader still
   * sees which class each line is of; {@code note} says so (of one class, that the files name
   * each line).
   */
  static XYChart coefficientPath(PathData path, String title, StringBuilder note,
      String files, List<String> classNames) {
    int classes = path.numClasses();
    int p = path.featureNames().size();
    int lambdas = path.numLambdas();
    List<int[]> active = new ArrayList<>(); // {class, feature, entry index}
    List<Double> peak = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < p; j++) {
        int entry = -1;
        double largest = 0;
        for (int i = 0; i < lambdas; i++) {
          double b = path.coef(i, k, j);
          if (b != 0 && entry < 0) {
            entry = i;
          }
          largest = Math.max(largest, Math.abs(b));
        }
        if (entry >= 0) {
          active.add(new int[] {k, j, entry, peak.size()});
          peak.add(largest);
        }
      }
    }
    int total = classes * p;
    int zero = total - active.size();
    List<int[]> drawn = active;
    if (active.size() > MAX_LINES) {
      drawn = new ArrayList<>(active);
      drawn.sort(Comparator.<int[]>comparingInt(a -> a[2])
          .thenComparing(a -> -peak.get(a[3])));
      drawn = new ArrayList<>(drawn.subList(0, MAX_LINES));
      drawn.sort(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]));
    }
    // the title stays short enough for the chart's width; the report's caption says it all
    // (lines(...))
    StringBuilder heading = new StringBuilder(title);
    if (drawn.size() < active.size()) {
      heading.append("; ").append(drawn.size()).append(" of ").append(active.size())
          .append(" nonzero drawn");
    } else if (zero > 0) {
      heading.append("; ").append(zero).append(" of ").append(total)
          .append(" coefficients zero all along, not drawn");
    }
    if (zero > 0) {
      note.append(zero).append(" of ").append(total)
          .append(" coefficients are zero all along and not drawn.");
    }
    if (drawn.size() < active.size()) {
      note.append(note.length() > 0 ? " " : "").append("Of the ").append(active.size())
          .append(" nonzero somewhere, the ").append(drawn.size())
          .append(" that enter the path first are drawn; ").append(files)
          .append(files.contains(" and ") ? " have" : " has").append(" them all.");
    }
    XYChart chart = ChartTheme.xy(heading.toString(), ChartTheme.LAMBDA_AXIS,
        "coefficient (original feature scale)");
    double[] lambdaValues = path.lambda(); // copied once, not once per series
    LambdaAxis axis = new LambdaAxis(lambdaValues);
    List<String> classLabels = classLabels(classNames, classes);
    // past MAX_LEGEND lines a class's colour (and the legend) say which class a line is of
    boolean byClass = classes > 1 && drawn.size() > MAX_LEGEND;
    int[] perClass = new int[classes];
    XYSeries[] firstOfClass = new XYSeries[classes];
    int line = 0;
    for (int[] a : drawn) {
      int k = a[0];
      int j = a[1];
      double[] y = new double[lambdas];
      for (int i = 0; i < y.length; i++) {
        y[i] = path.coef(i, k, j);
      }
      String name = Labels.unique(chart, (classes > 1 ? classLabels.get(k) + ": " : "")
          + Labels.feature(path.featureNames().get(j), j));
      int style = byClass ? k : line;
      XYSeries s = LambdaCharts.addLambdaSeries(chart, axis, name, lambdaValues, y, null,
          ChartTheme.color(style));
      s.setMarker(SeriesMarkers.NONE);
      // past the palette's 9 colours a line repeated an earlier one's: its dash tells them apart
      ChartTheme.lineOf(s, style);
      if (byClass) {
        s.setShowInLegend(false);
        perClass[k]++;
        firstOfClass[k] = firstOfClass[k] == null ? s : firstOfClass[k];
      }
      line++;
    }
    if (byClass) {
      for (int k = 0; k < classes; k++) {
        if (firstOfClass[k] != null) {
          // the legend's entry, drawn over the class's first line (one more element per class)
          // "class setosa"; wine.csv's "class_0" and the unnamed "class 0" as they are
          String label = classLabels.get(k);
          XYSeries entry = chart.addSeries(Labels.unique(chart,
              (label.toLowerCase(java.util.Locale.ROOT).startsWith("class") ? "" : "class ")
              + label + " (" + perClass[k] + (perClass[k] == 1 ? " line)" : " lines)")),
              firstOfClass[k].getXData(), firstOfClass[k].getYData());
          entry.setMarker(SeriesMarkers.NONE);
          ChartTheme.lineOf(entry, k);
        }
      }
      note.append(note.length() > 0 ? " " : "").append("Of more than ").append(MAX_LEGEND)
          .append(" lines, each is in its class's colour, and the legend names the classes; ")
          .append(files).append(files.contains(" and ") ? " name" : " names")
          .append(" each coefficient.");
    } else if (line > MAX_LEGEND) {
      note.append(note.length() > 0 ? " " : "").append("The chart has no legend past ")
          .append(MAX_LEGEND).append(" lines: ").append(files)
          .append(files.contains(" and ") ? " name" : " names").append(" each coefficient.");
    }
    chart.getStyler().setLegendVisible(byClass || line <= MAX_LEGEND);
    markCv(chart, path, axis);
    ChartTheme.legendRightWhenCrowded(chart);
    axis.apply(chart, hasZero(path.lambda()));
    return chart;
  }

  /**
   * The name of each of {@code classes} classes in a chart: {@code classNames} shortened
   * ({@link Labels#shorten}; "(class k)" for a blank one), or "class 0", "class 1", … when
   * there is not one name per class.
   */
  static List<String> classLabels(List<String> classNames, int classes) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      String name = classNames.size() == classes ? classNames.get(k) : "";
      out.add(classNames.size() != classes ? "class " + k
          : name == null || name.isBlank() ? "(class " + k + ")" : Labels.shorten(name));
    }
    return out;
  }

  /**
   * What the CV error of a path of {@code family} measures by the deviance (CrossValidation's
   * default): the axis said "cross-validated error" without saying which, where
   * ridge-vs-lasso's is the test MSE's scale.
   */
  static String cvMeasure(String family) {
    return cvMeasure(family, CvMeasure.DEVIANCE);
  }

  /**
   * The CV curve's axis title: what the folds were scored by ({@code measure}, path.json's
   * cv.measure) for a path of {@code family}, in {@link CvMeasure#label}'s words beyond the
   * deviance; "larger is better" for the AUC, whose maximum λ_min is.
   */
  static String cvMeasure(String family, CvMeasure measure) {
    if (measure != CvMeasure.DEVIANCE) {
      return "cross-validated " + measure.label(familyOf(family))
          + (measure.largerIsBetter() ? " (larger is better)" : "");
    }
    return switch (family) {
      case "gaussian" -> "cross-validated mean squared error";
      case "binomial", "multinomial" -> "cross-validated deviance (−2·log p̂ per row)";
      case "poisson" -> "cross-validated Poisson deviance per row";
      default -> "cross-validated error";
    };
  }

  /**
   * What a path's CV mean is called: "error" for the deviance (the axis says which), else the
   * measure's {@link CvMeasure#label} ("AUC", "misclassification rate"); a relaxed path's is its
   * relaxed CV's.
   */
  static String cvName(PathData path) {
    return cvName(path.family(), path.cv().map(PathData.CrossValidation::measure)
        .or(() -> path.relaxed().map(PathData.RelaxedCv::measure)).orElse(CvMeasure.DEVIANCE));
  }

  /** What a CV mean by {@code measure} of a path of {@code family} is called, as above. */
  static String cvName(String family, CvMeasure measure) {
    return measure == CvMeasure.DEVIANCE ? "error" : measure.label(familyOf(family));
  }

  /** path.json's family name as the enum; gaussian for one it does not know (files of old). */
  static Family familyOf(String family) {
    for (Family f : Family.values()) {
      if (f.name().equalsIgnoreCase(family)) {
        return f;
      }
    }
    return Family.GAUSSIAN;
  }

  /** Mean CV score per λ with a shaded band mean ± SE; empty when the path has no CV. */
  public static Optional<XYChart> cvCurve(PathData path, String title) {
    if (path.cv().isEmpty()) {
      return Optional.empty();
    }
    PathData.CrossValidation cv = path.cv().get();
    XYChart chart = ChartTheme.xy(title, ChartTheme.LAMBDA_AXIS, cvMeasure(path.family(),
        cv.measure()));
    LambdaAxis axis = new LambdaAxis(path.lambda());
    double[] zeroBar = band(chart, "mean ± 1 SE", path.lambda(), cv.mean(), cv.se(),
        ChartTheme.color(0));
    boolean zero = hasZero(path.lambda());
    XYSeries mean = LambdaCharts.addLambdaSeries(chart, axis, "mean CV " + cvName(path),
        path.lambda(),
        cv.mean(), zero ? zeroBar : null, ChartTheme.color(0));
    mean.setMarker(path.numLambdas() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    markCv(chart, path, axis);
    axis.apply(chart, zero);
    return Optional.of(chart);
  }

  /**
   * The relaxed lasso's CV (path.json's relaxed.cv), as cv.glmnet's {@code plot} of a relaxed
   * fit: the mean score per λ of each γ, one coloured curve each ("γ = 0.5"), the ±1 SE band of
   * γ_min's curve only (five bands would hide each other), and the two choices as points on
   * their curves, "min: γ = …, λ = …" at (λ_min, mean[γ_min][λ_min]) and "1se: …" at (λ_1se,
   * mean[γ_1se][λ_1se]), with dashed and dotted vertical lines through them. Empty when the
   * path has no relaxed CV.
   */
  public static Optional<XYChart> relaxedCvCurve(PathData path, String title) {
    if (path.relaxed().isEmpty()) {
      return Optional.empty();
    }
    PathData.RelaxedCv cv = path.relaxed().get();
    XYChart chart = ChartTheme.xy(title, ChartTheme.LAMBDA_AXIS, cvMeasure(path.family(),
        cv.measure()));
    // the arrays copied out once, not once per γ
    double[] lambdas = path.lambda();
    double[][] means = cv.mean();
    LambdaAxis axis = new LambdaAxis(lambdas);
    int chosen = cv.gammaIndex(cv.gammaMin());
    double[] zeroBar = band(chart, "mean ± 1 SE (γ = " + gamma(cv, cv.gammaMin()) + ")",
        lambdas, means[chosen], cv.se()[chosen], ChartTheme.color(chosen));
    boolean zero = hasZero(lambdas);
    for (int g = 0; g < cv.numGammas(); g++) {
      XYSeries s = LambdaCharts.addLambdaSeries(chart, axis, gammaName(cv, cv.gamma(g)),
          lambdas, means[g], zero && g == chosen ? zeroBar : null,
          ChartTheme.color(g));
      ChartTheme.lineOf(s, g); // past 9 γ the colours repeat, dashed
      s.setMarker(path.numLambdas() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
    int min = path.indexOf(cv.lambdaMin());
    int se = path.indexOf(cv.lambda1se());
    // the lines first: each spans the y range of the curves so far
    LambdaCharts.markVertical(chart, "λ_min line", axis.position(cv.lambdaMin()),
        ChartTheme.MARK).setShowInLegend(false);
    XYSeries seLine = LambdaCharts.markVertical(chart, "λ_1se line",
        axis.position(cv.lambda1se()), ChartTheme.GUIDE);
    seLine.setLineStyle(ChartTheme.dotted(0)); // 2 px, as λ_1se's on the other charts
    seLine.setShowInLegend(false);
    point(chart, minName(cv), axis.position(cv.lambdaMin()),
        cv.mean(chosen, min), ChartTheme.MARK, SeriesMarkers.DIAMOND);
    point(chart, oneSeName(cv), axis.position(cv.lambda1se()),
        cv.mean(cv.gammaIndex(cv.gamma1se()), se), ChartTheme.GUIDE, SeriesMarkers.SQUARE);
    ChartTheme.legendRightWhenCrowded(chart);
    axis.apply(chart, zero);
    return Optional.of(chart);
  }

  /** A relaxed CV curve's series name: "γ = 0.25". */
  static String gammaName(PathData.RelaxedCv cv, double gamma) {
    return "γ = " + gamma(cv, gamma);
  }

  /**
   * One of the relaxed CV's γ as the report writes it: rounded as every number of the report,
   * unless two of its γ would then read the same (--gammas 0.5,0.5000001), when every γ is
   * written in full; their curves need distinct names (XChart refuses a name twice, and the
   * report failed) and the reader needs to tell them apart.
   */
  static String gamma(PathData.RelaxedCv cv, double gamma) {
    return distinct(cv.gamma(), gamma);
  }

  /**
   * {@code value}, one of {@code values}, as the report writes numbers, or in full when two of
   * {@code values} would then read the same: each names a curve, and XChart refuses a name twice.
   */
  static String distinct(double[] values, double value) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (double v : values) {
      if (!seen.add(Html.number(v))) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
      }
    }
    return Html.number(value);
  }

  /** The series of the relaxed CV's minimum: "min: γ = 0, λ = 0.0123". */
  static String minName(PathData.RelaxedCv cv) {
    return "min: γ = " + gamma(cv, cv.gammaMin()) + ", λ = " + Html.number(cv.lambdaMin());
  }

  /** The series of the relaxed CV's one-SE choice: "1se: γ = 0.5, λ = 0.08". */
  static String oneSeName(PathData.RelaxedCv cv) {
    return "1se: γ = " + gamma(cv, cv.gamma1se()) + ", λ = " + Html.number(cv.lambda1se());
  }

  /**
   * Adds the shaded band mean ± se over the positive λ (named {@code name}, in a translucent
   * {@code colour}); returns the error bar a λ = 0 gets in its slot instead (0 elsewhere).
   */
  static double[] band(XYChart chart, String name, double[] lambda, double[] mean,
      double[] se, java.awt.Color colour) {
    List<Integer> positive = new ArrayList<>();
    for (int i = 0; i < lambda.length; i++) {
      if (lambda[i] > 0) {
        positive.add(i);
      }
    }
    // as the mean's curve is drawn (LambdaCharts.thinned): its extremes, at most ~2,000 λ
    positive = LambdaCharts.thinned(positive, mean);
    int m = positive.size();
    double[] bandX = new double[2 * m];
    double[] bandY = new double[2 * m];
    for (int b = 0; b < m; b++) {
      int i = positive.get(b);
      bandX[b] = lambda[i];
      bandY[b] = mean[i] + se[i];
      bandX[2 * m - 1 - b] = lambda[i];
      bandY[2 * m - 1 - b] = mean[i] - se[i];
    }
    if (m > 0) {
      XYSeries band = chart.addSeries(name, bandX, bandY);
      band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
      band.setMarker(SeriesMarkers.NONE);
      band.setFillColor(ChartTheme.translucent(colour, 60));
      band.setLineColor(ChartTheme.translucent(colour, 60));
    }
    double[] zeroBar = new double[lambda.length];
    for (int i = 0; i < zeroBar.length; i++) {
      zeroBar[i] = lambda[i] > 0 ? 0 : se[i];
    }
    return zeroBar;
  }

  /** One marked point, in the legend as {@code name}. */
  static void point(XYChart chart, String name, double x, double y,
      java.awt.Color colour, org.knowm.xchart.style.markers.Marker marker) {
    XYSeries s = chart.addSeries(name, new double[] {x}, new double[] {y});
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(marker);
    s.setMarkerColor(colour);
    s.setLineColor(colour);
  }

  /**
   * AIC, BIC and EBIC against λ (path.json's "ic"), each minimum marked; empty without them.
   * The three share the deviance's units (D + penalty·df), so one axis shows where each turns.
   */
  public static Optional<XYChart> criteriaCurve(PathData path, String title) {
    if (path.criteria().isEmpty()) {
      return Optional.empty();
    }
    PathData.Criteria ic = path.criteria().get();
    XYChart chart = ChartTheme.xy(title, ChartTheme.LAMBDA_AXIS, "criterion (deviance units)");
    LambdaAxis axis = new LambdaAxis(path.lambda());
    double[][] curves = {ic.aic(), ic.bic(), ic.ebic()};
    String[] names = {"AIC", "BIC", "EBIC"};
    double[] picks = {ic.lambdaAic(), ic.lambdaBic(), ic.lambdaEbic()};
    for (int c = 0; c < 3; c++) {
      // solid, dashed, dotted: in grey the palette's first three colours are one mid grey
      XYSeries s = ChartTheme.distinctLineOf(LambdaCharts.addLambdaSeries(chart, axis, names[c],
          path.lambda(), curves[c], null, ChartTheme.color(c)), c);
      s.setMarker(path.numLambdas() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
    for (int c = 0; c < 3; c++) {
      XYSeries mark = LambdaCharts.markVertical(chart, names[c] + " min: λ = "
          + LambdaAxis.Format.number(picks[c]), axis.position(picks[c]), ChartTheme.color(c));
      // each in the others' gaps: minima at one λ (BIC's and EBIC's often) showed EBIC's alone
      mark.setLineStyle(ChartTheme.interleaved(c, 3));
      mark.setShowInLegend(true);
    }
    path.cv().ifPresent(cv -> {
      XYSeries mark = LambdaCharts.markVertical(chart, "CV λ_min = "
          + LambdaAxis.Format.number(cv.lambdaMin()), axis.position(cv.lambdaMin()),
          ChartTheme.MARK);
      mark.setLineStyle(ChartTheme.dotted(0)); // 2 px: DOTTED's 1.2 px was hard to see
      mark.setShowInLegend(true);
    });
    axis.apply(chart, hasZero(path.lambda()));
    return Optional.of(chart);
  }

  /**
   * A closed-form ridge run's criteria against λ (path.json's "gcv" and "loo", written by
   * {@code tikhonov ridge}), the chosen λ ("lambda_chosen", by its "criterion": "gcv", "loo", or
   * "cv" for k folds, whose curve the CV chart draws) marked; empty for a path without them.
   *
   * @param root path.json's content, of which {@code path} was read
   * @param where the file, for messages
   * @throws dev.tikhonov.data.InputException naming {@code where} and the field when a curve
   *     has not one value per λ
   */
  static Optional<XYChart> ridgeCriterionCurve(com.fasterxml.jackson.databind.JsonNode root,
      String where, PathData path, String title) {
    if (!root.has("gcv") || !root.has("loo")) {
      return Optional.empty();
    }
    double[][] curves = {JsonFiles.numbers(root, "gcv", where),
        JsonFiles.numbers(root, "loo", where)};
    String[] names = {"GCV", "leave-one-out MSE"};
    for (int c = 0; c < 2; c++) {
      if (curves[c].length != path.numLambdas()) {
        throw new dev.tikhonov.data.InputException(where + ": \"" + (c == 0 ? "gcv" : "loo")
            + "\" must have one entry per λ (" + path.numLambdas() + ")");
      }
    }
    XYChart chart = ChartTheme.xy(title, ChartTheme.LAMBDA_AXIS, "criterion (squared-error units)");
    LambdaAxis axis = new LambdaAxis(path.lambda());
    for (int c = 0; c < 2; c++) {
      XYSeries s = ChartTheme.distinctLineOf(LambdaCharts.addLambdaSeries(chart, axis, names[c],
          path.lambda(), curves[c], null, ChartTheme.color(c)), c); // GCV solid, LOO dashed
      s.setMarker(path.numLambdas() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
    double chosen = JsonFiles.lambda(root, "lambda_chosen", where);
    String by = switch (root.path("criterion").asText("gcv")) {
      case "loo" -> "leave-one-out";
      case "cv" -> "k-fold CV"; // its curve is the CV chart's, not one of these two
      default -> "GCV";
    };
    XYSeries mark = LambdaCharts.markVertical(chart, "chosen by " + by + ": λ = "
        + LambdaAxis.Format.number(chosen), axis.position(chosen), ChartTheme.MARK);
    mark.setShowInLegend(true);
    axis.apply(chart, hasZero(path.lambda()));
    return Optional.of(chart);
  }

  private static boolean hasZero(double[] lambda) {
    for (double l : lambda) {
      if (l == 0) {
        return true;
      }
    }
    return false;
  }

  private static void markCv(XYChart chart, PathData path, LambdaAxis axis) {
    if (path.cv().isPresent()) {
      PathData.CrossValidation cv = path.cv().get();
      markChoices(chart, axis, cv.lambdaMin(), "", cv.lambda1se(), "");
    } else if (path.relaxed().isPresent()) {
      // a relaxed path's choices are pairs: the λ, with the γ that goes with it
      PathData.RelaxedCv r = path.relaxed().get();
      markChoices(chart, axis, r.lambdaMin(), " (γ = " + gamma(r, r.gammaMin()) + ")",
          r.lambda1se(), " (γ = " + gamma(r, r.gamma1se()) + ")");
    }
  }

  /** λ_min dashed and λ_1se dotted, named with their values and {@code minNote}/{@code seNote}. */
  private static void markChoices(XYChart chart, LambdaAxis axis, double lambdaMin,
      String minNote, double lambda1se, String seNote) {
    LambdaCharts.markVertical(chart, "λ_min = " + LambdaAxis.Format.number(lambdaMin) + minNote,
        axis.position(lambdaMin), ChartTheme.MARK).setShowInLegend(true);
    XYSeries se = LambdaCharts.markVertical(chart,
        "λ_1se = " + LambdaAxis.Format.number(lambda1se) + seNote,
        axis.position(lambda1se), ChartTheme.GUIDE);
    // 2 px dots, as meant: setLineWidth(2f) after the stroke did nothing (XChart applies a
    // width in setLineStyle only), and λ_1se was drawn in DOTTED's 1.2 px
    se.setLineStyle(ChartTheme.dotted(0));
  }
}
