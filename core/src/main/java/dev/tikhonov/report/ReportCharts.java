package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of a run directory, built only from its files (docs/formats.md). Stateless: each call
 * reads the run's files and builds new charts, so it may be called from any thread.
 */
public final class ReportCharts {
  private ReportCharts() {}

  /** Every chart the report of {@code run} shows, in page order. */
  public static List<ReportChart> of(RunDirectory run) {
    return of(new RunFiles(run));
  }

  /**
   * {@link #of(RunDirectory)} of the run's files as the caller read them, which its tables read
   * too.
   */
  static List<ReportChart> of(RunFiles files) {
    List<ReportChart> charts = new ArrayList<>();
    switch (files.run().kind()) {
      case TRAIN -> train(files, charts);
      case MNIST_L2 -> mnistL2(files, charts);
      case GD_LINEAR -> gdLinear(files, charts);
      case RIDGE_VS_LASSO -> ridgeVsLasso(files.paths(), charts);
      case PATH, RIDGE -> path(files.paths().get(0), "", charts);
      case SELECT -> {
        SelectionData warm = files.selection("selection.json");
        selection(warm, "", charts);
        if (files.optionalJson("selection-cold.json").isPresent()) {
          coldComparison(warm, files.selection("selection-cold.json"), charts);
        }
      }
      case GRID -> grid(files.grid(), charts);
      case MNIST_SELECT -> MnistSelectReport.charts(files, charts);
      default -> throw new IllegalStateException("unknown kind " + files.run().kind());
    }
    return charts;
  }

  private static void train(RunFiles files, List<ReportChart> charts) {
    if (files.history().isPresent()) {
      List<EpochRow> history = files.history().get();
      // a run without validation rows (validation_fraction 0) has no such line to name
      boolean validation = history.stream().anyMatch(r -> !Double.isNaN(r.valLoss()));
      charts.add(new ReportChart("loss-curves",
          "Terms of the objective per epoch: the mean data loss over the epoch's mini-batches"
              + " (solid),"
              + (validation ? " the λ-penalty at the epoch's end (dashed), their sum J (dotted),"
                  + " and the validation loss (dash-dot)." : " the λ-penalty at the epoch's end"
                  + " (dashed) and their sum J (dotted; the run held out no validation rows)."),
          TrainingCharts.lossCurves(history, "Loss per epoch")));
      XYChart accuracy = TrainingCharts.validationAccuracy(history);
      if (accuracy != null) {
        charts.add(new ReportChart("validation-accuracy", "Validation accuracy after each epoch.", accuracy));
      }
    }
    Path weights = files.file("weights.json");
    if (files.optionalJson("weights.json").isPresent()) {
      JsonNode layers = files.json("weights.json").path("layers");
      if (layers.size() > 0) {
        JsonNode first = layers.get(0);
        String where = weights + ": layers[0].histogram";
        double[] edges = JsonFiles.histogramEdges(first.path("histogram"), "edges", where);
        double[] layerCounts = JsonFiles.numbers(first.path("histogram"), "counts", where);
        JsonFiles.requireBins(layerCounts, edges, where);
        Map<String, double[]> counts = new LinkedHashMap<>();
        // the series' name: a hand-edited "" (or [], {}) failed the report with XChart's
        // "Series name cannot be null or zero-length!!!", naming no file
        JsonNode name = first.path("name");
        counts.put(name.isTextual() && !name.asText().isBlank() ? name.asText() : "layer 1",
            layerCounts);
        charts.add(new ReportChart("weight-histogram",
            "Distribution of the first weight matrix's values at the end of training.",
            TrainingCharts.histograms("First-layer weights", "weight value", edges, counts)));
      }
    }
  }

  /** What the captions of mnist-l2's curves say of {@link LambdaCharts#dodge}. */
  private static final String DODGED = " Rows with dropout or weight decay are drawn a little"
      + " right of their λ, so that two rows of one λ both show.";

  private static void mnistL2(RunFiles files, List<ReportChart> charts) {
    Path dir = files.dir();
    List<LambdaRow> rows = files.lambdaRows();
    Optional<LambdaRow> best = LambdaRow.best(rows);
    // more λ than a chart can show (--lambdas from an @argfile) are thinned; the captions say so
    String thinned = LambdaCharts.thinningNote(
        (int) rows.stream().mapToDouble(LambdaRow::lambda).distinct().count(),
        "results.json and results.csv");
    // named for what they plot: they were validation-accuracy and validation-loss (scikit-learn's
    // name for such a curve) over the test rows' scores
    charts.add(new ReportChart("test-accuracy",
        "Test accuracy against λ, mean ± std over seeds (error bars). λ = 0 has no place on a log"
            + " axis: it is drawn in the slot labelled \"λ = 0\", left of the dotted axis break."
            + " The dashed line marks the best λ." + DODGED + thinned,
        LambdaCharts.validationCurve(rows, LambdaCharts.Metric.TEST_ACCURACY)));
    charts.add(new ReportChart("test-loss",
        "Test cross-entropy against λ, mean ± std over seeds." + DODGED + thinned,
        LambdaCharts.validationCurve(rows, LambdaCharts.Metric.TEST_LOSS)));
    Path histogramsFile = dir.resolve("histograms.json");
    if (Files.isRegularFile(histogramsFile)) {
      Histograms histograms = Histograms.read(histogramsFile);
      Map<String, double[]> counts = new LinkedHashMap<>();
      histograms.find(0, 0).ifPresent(zero -> counts.put("λ = 0", zero.counts()));
      best.filter(b -> b.lambda() != 0).ifPresent(b -> histograms.find(b.lambda(), 0)
          .ifPresent(chosen -> counts.put("best λ = " + Html.number(b.lambda()),
              chosen.counts())));
      if (!counts.isEmpty()) {
        boolean bestIsZero = best.isPresent() && best.get().lambda() == 0;
        charts.add(new ReportChart("shrinkage-histogram",
            bestIsZero ? "First-layer weights (first seed) at λ = 0, the best λ of this run:"
                + " there is no shrinkage to show."
                : "Shrinkage: first-layer weights (first seed) without penalty and at the best λ,"
                + " on common bins.",
            TrainingCharts.histograms(bestIsZero ? "First-layer weights at λ = 0 (the best λ)"
                : "First-layer weights: λ = 0 vs best λ", "weight value",
                histograms.edges(), counts)));
      }
    }
    if (rows.stream().anyMatch(r -> r.layerWeightNormsMean().length > 0)) {
      charts.add(new ReportChart("layer-norms",
          "Shrinkage: Frobenius norm of each weight matrix against λ (mean over seeds)."
              + thinned,
          LambdaCharts.layerNorms(rows)));
    }
    // Only this run's rows: a folder under runs/ may be left from an earlier run into the same
    // directory with other λ, seeds or epochs.
    Map<String, String> runs = new LinkedHashMap<>();
    for (LambdaRow r : rows) {
      runs.putIfAbsent(LambdaRow.runDirectory(r.lambda(), r.dropout()), "λ = "
          + Html.number(r.lambda()) + (r.dropout() > 0 ? ", dropout " + Html.number(r.dropout()) : ""));
    }
    XYChart curves = runCurves(dir.resolve("runs"), runs, firstSeed(files),
        "Validation loss per epoch (first seed of each row)");
    if (curves != null) {
      charts.add(new ReportChart("run-curves",
          "Validation loss per epoch of the first seed of every row of this run's results.",
          curves));
    }
  }

  private static void gdLinear(RunFiles files, List<ReportChart> charts) {
    Path file = files.file("results.json");
    JsonNode rows = files.array("results.json");
    int m = rows.size();
    double[] lambda = new double[m];
    double[] slope = new double[m];
    double[] closed = new double[m];
    double[] intercept = new double[m];
    for (int i = 0; i < m; i++) {
      String where = file + ": row " + (i + 1);
      lambda[i] = JsonFiles.lambda(rows.get(i), "lambda", where);
      slope[i] = JsonFiles.number(rows.get(i), "slope", where);
      closed[i] = JsonFiles.optionalNumber(rows.get(i), "closed_form_slope", where);
      intercept[i] = JsonFiles.optionalNumber(rows.get(i), "intercept", where);
    }
    charts.add(new ReportChart("slope",
        "The slope shrinks towards 0 as λ grows; gradient descent (solid line, circles) should"
            + " match the closed form S_xy/(S_xx + λ) (dashed line, diamonds, drawn over the"
            + " circles: a circle showing beside its diamond would be a mismatch). The intercept"
            + " (dotted line) is not penalized.",
        LambdaCharts.gdLinearSlope(lambda, slope, closed, intercept)));
    Map<String, String> runs = new LinkedHashMap<>();
    for (double l : lambda) {
      runs.putIfAbsent(LambdaRow.runDirectory(l, 0), "λ = " + Html.number(l));
    }
    XYChart curves = runCurves(files.file("runs"), runs, null,
        "Objective per step for each λ");
    if (curves != null) {
      // one epoch of history.csv is one full-batch step; J falls in the first few dozen of
      // the 2,000, which a linear axis squeezed against its left edge (with ticks at 110, 220,
      // 340, …), so the steps go on a log axis
      curves.setXAxisTitle("gradient-descent step (full batch, log scale)");
      curves.getStyler().setXAxisLogarithmic(true);
      charts.add(new ReportChart("run-curves", "The objective J after each full-batch"
          + " gradient-descent step, for each λ (runs/*/history.csv); the steps on a log axis,"
          + " so that the first ones, where J falls, are not squeezed to the left edge.",
          curves));
    }
  }

  private static void ridgeVsLasso(List<PathFile> paths, List<ReportChart> charts) {
    for (PathFile p : paths) {
      String model = p.file().getFileName().toString().replaceAll("^path-|\\.json$", "");
      path(p, model, charts);
    }
  }

  /**
   * ridge-vs-lasso's path-&lt;model&gt;.json files in the order of results.json's rows (ridge,
   * lasso, elastic net), then any others by name: the page's path tables and charts came in
   * file-name order (elastic-net first), not in the results table's.
   */
  static List<Path> modelPaths(RunFiles files) {
    List<Path> unordered = new ArrayList<>(list(files.dir(), "path-", ".json"));
    List<Path> ordered = new ArrayList<>();
    if (files.optionalJson("results.json").isPresent()) {
      for (JsonNode row : files.array("results.json")) {
        Path file = files.file("path-" + row.path("model").asText() + ".json");
        if (unordered.remove(file)) {
          ordered.add(file);
        }
      }
    }
    ordered.addAll(unordered);
    return ordered;
  }

  private static void path(PathFile parsed, String model, List<ReportChart> charts) {
    // read once: the path, the ridge criteria, the α's curves and the class names are all of it
    Path file = parsed.file();
    JsonNode root = parsed.root();
    PathData path = parsed.path();
    String prefix = model.isEmpty() ? "" : model + ": ";
    String suffix = model.isEmpty() ? "" : "-" + model;
    String alpha = Double.isNaN(path.l1Ratio()) ? "" : " (α = " + Html.number(path.l1Ratio()) + ")";
    StringBuilder omitted = new StringBuilder();
    // the files of this run that hold every coefficient (ridge-vs-lasso writes no path.csv)
    Path csv = file.resolveSibling("path.csv");
    String files = model.isEmpty() && Files.isRegularFile(csv)
        ? "path.csv and " + file.getFileName() : file.getFileName().toString();
    List<String> classNames = new ArrayList<>();
    root.path("class_names").forEach(n -> classNames.add(n.asText()));
    XYChart coefficients = PathCharts.coefficientPath(path, prefix + "Coefficient path" + alpha,
        omitted, files, classNames);
    // a path of more λ than a chart can show has its curves thinned; each caption says so
    String thinned = LambdaCharts.thinningNote(path.numLambdas(), files);
    charts.add(new ReportChart("coefficient-path" + suffix,
        "Each coefficient against λ" + alpha + "; the penalty grows to the right."
            + path.cv().map(c -> " Dashed: λ_min = " + Html.number(c.lambdaMin())
                + ", dotted: λ_1se = " + Html.number(c.lambda1se()) + ".").orElse("")
            + (omitted.length() == 0 ? "" : " " + omitted) + thinned,
        coefficients));
    PathCharts.ridgeCriterionCurve(root, file.toString(), path, prefix
        + "Closed-form ridge: GCV and leave-one-out").ifPresent(c -> charts.add(
            new ReportChart("ridge-criteria" + suffix,
            "Generalized cross-validation and the exact leave-one-out MSE of every λ, from one"
                + " decomposition; the chosen λ marked." + thinned, c)));
    Optional<XYChart> cvChart = PathCharts.cvCurve(path, prefix + "Cross-validated "
        + PathCharts.cvName(path));
    if (cvChart.isPresent()) {
      XYChart cv = cvChart.get();
      boolean larger = path.cv().orElseThrow().measure().largerIsBetter();
      charts.add(new ReportChart("cv-curve" + suffix,
          "The cross-validated " + PathCharts.cvName(path) + " averaged over the folds, with"
              + " its ±1 standard-error band" + (larger ? "; larger is better: λ_min is its maximum,"
                  + " λ_1se the largest λ within one standard error of it." : ".") + thinned,
          cv));
    }
    Optional<L1RatioCurves> l1Ratios = L1RatioCurves.read(root, file.toString());
    // title, caption and axis all name the measure of l1_ratios, whose curves the chart draws
    String alphasName = l1Ratios.map(a -> PathCharts.cvName(path.family(), a.measure()))
        .orElse("");
    L1RatioCharts.cvCurves(path, l1Ratios, prefix + "Cross-validated " + alphasName
        + " of every α").ifPresent(c -> charts.add(new ReportChart("l1-ratio-cv-curves" + suffix,
            "The cross-validated " + alphasName + " of every α of --l1-ratio"
                + " against its own λ, all on the same folds, with the chosen α's ±1"
                + " standard-error band; the diamond is the pair the run kept, "
                + L1RatioCharts.chosenName(l1Ratios.orElseThrow()) + " (the α whose score at"
                + " its λ_min is best).", c)));
    OutOfFoldRoc.chart(file, root, path, prefix, suffix).ifPresent(charts::add);
    Optional<XYChart> relaxedChart = PathCharts.relaxedCvCurve(path, prefix
        + "Relaxed lasso: cross-validated " + PathCharts.cvName(path) + " per γ");
    if (relaxedChart.isPresent()) {
      XYChart relaxed = relaxedChart.get();
      PathData.RelaxedCv r = path.relaxed().orElseThrow();
      boolean larger = r.measure().largerIsBetter();
      charts.add(new ReportChart("relaxed-cv-curve" + suffix,
          "The cross-validated " + PathCharts.cvName(path) + " of the relaxed lasso, one curve"
              + " per blend weight γ (γ = 1 the lasso, γ = 0 the unpenalized refit of each λ's"
              + " active set), with γ_min's ±1 standard-error band. Diamond: the "
              + (larger ? "maximum" : "minimum") + " over every (γ, λ), " + PathCharts.minName(r)
              + "; square: the largest λ (then γ) within one standard error of it, "
              + PathCharts.oneSeName(r) + "." + thinned, relaxed));
    }
    Optional<XYChart> criteriaChart = PathCharts.criteriaCurve(path, prefix
        + "Information criteria");
    if (criteriaChart.isPresent()) {
      XYChart criteria = criteriaChart.get();
      charts.add(new ReportChart("criteria" + suffix,
          "AIC, BIC and EBIC (from the training deviance and the effective degrees of freedom)"
              + " against λ (solid, dashed, dotted); each one's minimum is marked by a dashed"
              + " line in its colour, the three dashes alternating where minima coincide"
              + (path.cv().isEmpty() ? "." : ", and CV's λ_min dotted.") + thinned, criteria));
    }
  }

  /**
   * The charts of one λ selection: the CV curve with λ_min, λ_1se and the evidence's maximum,
   * the evidence on the same λ axis, the all-rows path's losses and layer norms, the epochs.
   */
  static void selection(SelectionData s, String suffix, List<ReportChart> charts) {
    double[] range = s.lambdas();
    // more λ than a chart can show (--lambdas from an @argfile) are thinned; the captions say so
    String thinned = LambdaCharts.thinningNote(Math.max(s.lambdas().length, s.path().size()),
        "selection.json and selection.csv");
    List<SelectionCharts.Mark> marks = new ArrayList<>(SelectionCharts.marks(s, ""));
    if (s.hasEvidence() && Double.isFinite(s.evidenceBest())) {
      marks.add(new SelectionCharts.Mark("evidence max λ = " + Html.number(s.evidenceBest()),
          s.evidenceBest(), ChartTheme.color(2), false));
    }
    charts.add(new ReportChart("cv-curve" + suffix,
        "Held-out " + s.measure() + " against λ, mean over the splits with its ±1 standard-error"
            + " band; dashed: λ_min (smallest mean), dotted: λ_1se (the largest λ within one SE"
            + " of it); chosen by the " + s.rule() + " rule: λ = " + Html.number(s.chosenLambda())
            + "." + thinned,
        SelectionCharts.cvCurves("Cross-validated " + s.measure(), "held-out " + s.measure(),
            List.of(new SelectionCharts.Curve(s.start() + " starts", s.lambdas(), s.mean(),
                s.se())), marks, range)));
    if (s.hasEvidence()) {
      charts.add(new ReportChart("evidence" + suffix,
          "Last-layer Laplace evidence log p(y | λ) of the all-rows path's models, on the same λ"
              + " axis as the cross-validation; its maximum next to λ_min and λ_1se." + thinned,
          SelectionCharts.evidence("Evidence against λ", s.evidenceLambdas(), s.logEvidence(),
              marks, range)));
    }
    if (!s.path().isEmpty()) {
      charts.add(new ReportChart("path-losses" + suffix,
          "The all-rows path: validation loss (on the rows held out for early stopping) and"
              + " training loss of the weights kept at each λ." + thinned,
          SelectionCharts.pathLosses("All-rows path: losses", s.path(), range)));
      charts.add(new ReportChart("layer-norms" + suffix,
          "Shrinkage along the all-rows path: the Frobenius norm of each weight matrix."
              + thinned,
          SelectionCharts.layerNorms("All-rows path: weight norm per layer", s.path(), range)));
    }
    List<String> names = new ArrayList<>(List.of("splits (mean)"));
    List<double[]> ls = new ArrayList<>(List.of(s.lambdas()));
    List<double[]> epochs = new ArrayList<>(List.of(s.splitEpochsMean()));
    if (!s.path().isEmpty()) {
      names.add("all-rows path");
      ls.add(s.path().stream().mapToDouble(SelectionData.PathRow::lambda).toArray());
      epochs.add(s.path().stream().mapToDouble(SelectionData.PathRow::epochs).toArray());
    }
    charts.add(new ReportChart("epochs" + suffix,
        "Epochs each λ ran (early stopping can end a λ before its budget): with warm starts the"
            + " first λ visited has the full budget and the others the shorter one." + thinned,
        SelectionCharts.epochs("Epochs per λ", names, ls, epochs, range)));
  }

  /** The warm path's CV curve next to the cold grid's, each with its chosen λ. */
  private static void coldComparison(SelectionData warm, SelectionData cold,
      List<ReportChart> charts) {
    List<SelectionCharts.Mark> marks = List.of(
        new SelectionCharts.Mark("warm: " + warm.rule() + " λ = "
            + Html.number(warm.chosenLambda()), warm.chosenLambda(), ChartTheme.color(0), true),
        new SelectionCharts.Mark("cold: " + cold.rule() + " λ = "
            + Html.number(cold.chosenLambda()), cold.chosenLambda(), ChartTheme.color(1), true));
    charts.add(new ReportChart("cv-warm-vs-cold",
        "The warm-started path's cross-validated " + warm.measure() + " next to the cold grid's"
            + " (every fold and λ a fresh fit with the full budget), mean ± 1 SE; dotted: the λ"
            + " each chose. Wall time: warm " + Html.number(warm.seconds()) + " s, cold "
            + Html.number(cold.seconds()) + " s."
            + LambdaCharts.thinningNote(Math.max(warm.lambdas().length, cold.lambdas().length),
                "selection.json and selection-cold.json"),
        SelectionCharts.cvCurves("Warm path against cold grid", "held-out " + warm.measure(),
            List.of(new SelectionCharts.Curve("warm path", warm.lambdas(), warm.mean(),
                warm.se()), new SelectionCharts.Curve("cold grid", cold.lambdas(), cold.mean(),
                cold.se())), marks, warm.lambdas())));
  }

  private static void grid(GridData g, List<ReportChart> charts) {
    charts.add(new ReportChart("grid-cv",
        "Held-out " + g.measure() + " of every candidate, mean ± 1 SE over the splits (error"
            + " bars); one line per setting other than λ. Dashed: the best candidate's λ, dotted:"
            + " the one-SE candidate's.",
        SelectionCharts.grid(g)));
  }

  /** The first of experiment.json's settings.seeds, or null when it names none. */
  private static Long firstSeed(RunFiles files) {
    JsonNode seeds = files.optionalJson("experiment.json").map(e -> e.path("settings")
        .path("seeds")).orElse(null);
    return seeds != null && seeds.isArray() && seeds.size() > 0 && seeds.get(0).canConvertToLong()
        ? seeds.get(0).asLong() : null;
  }

  /**
   * One line per run folder of {@code runsDir} named in {@code runs} (folder → legend label; the
   * rows of this run's results, in their order; history.csv directly inside, or in its
   * seed-{@code firstSeed} subfolder, or when that is null the lowest-numbered seed-*): validation
   * loss when the histories have it, else the objective. Null when there are no runs.
   */
  static XYChart runCurves(Path runsDir, Map<String, String> runs, Long firstSeed, String title) {
    if (!Files.isDirectory(runsDir)) {
      return null;
    }
    Map<String, List<EpochRow>> histories = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : runs.entrySet()) {
      Path run = runsDir.resolve(entry.getKey());
      Path historyDir = run;
      if (!Files.isRegularFile(run.resolve("history.csv"))) {
        List<Path> seeds = !Files.isDirectory(run) ? List.of() : list(run, "seed-", "").stream()
            .filter(p -> Files.isRegularFile(p.resolve("history.csv")))
            .filter(p -> firstSeed == null || seedNumber(p) == firstSeed)
            .sorted(Comparator.comparingLong(ReportCharts::seedNumber)).toList();
        if (seeds.isEmpty()) {
          continue;
        }
        historyDir = seeds.get(0);
      }
      histories.put(entry.getValue(), EpochRow.readCsv(historyDir.resolve("history.csv")));
    }
    if (histories.isEmpty()) {
      return null;
    }
    boolean validation = histories.values().stream().flatMap(List::stream)
        .anyMatch(r -> !Double.isNaN(r.valLoss()));
    XYChart chart = ChartTheme.xy(validation ? title : title.replace("Validation loss", "Objective"),
        "epoch", validation ? "validation loss" : "objective J");
    int colour = 0;
    for (Map.Entry<String, List<EpochRow>> e : histories.entrySet()) {
      double[] y = TrainingCharts.column(e.getValue(), validation ? EpochRow::valLoss : EpochRow::objective);
      XYSeries s = chart.addSeries(e.getKey(), TrainingCharts.column(e.getValue(), EpochRow::epoch), y);
      s.setMarker(SeriesMarkers.NONE);
      // mnist-l2 has 14 rows: past the palette's 9 colours the dash tells the lines apart
      ChartTheme.lineOf(s, colour++);
    }
    chart.getStyler().setLegendVisible(histories.size() <= 2 * PathCharts.MAX_LEGEND);
    ChartTheme.legendRightWhenCrowded(chart);
    return chart;
  }

  private static long seedNumber(Path p) {
    try {
      return Long.parseLong(p.getFileName().toString().substring("seed-".length()));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Entries of {@code dir} whose names start and end as given, sorted by name. */
  static List<Path> list(Path dir, String prefix, String suffix) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(prefix) && n.endsWith(suffix) && !n.startsWith(".");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
