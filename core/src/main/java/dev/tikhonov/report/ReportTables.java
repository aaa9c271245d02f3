package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.internal.select.LambdaRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The result tables of a run directory's report, from its files only. */
final class ReportTables {
  private ReportTables() {}

  /**
   * The tables of the run into {@code out}, from its {@code files} as the charts read them.
   */
  static void of(RunFiles files, StringBuilder out) {
    switch (files.run().kind()) {
      case TRAIN -> train(files, out);
      case MNIST_L2 -> mnistL2(files, out);
      case GD_LINEAR -> Html.jsonTable(files.array("results.json"), out);
      case RIDGE_VS_LASSO -> {
        Html.jsonTable(files.array("results.json"), out);
        ridgeVsLassoNote(files, out);
        for (PathFile p : files.paths()) {
          out.append("<h3>").append(Html.escape(p.file().getFileName().toString()))
              .append("</h3>\n");
          pathSummary(p.path(), out);
        }
      }
      case PATH, RIDGE -> {
        PathFile file = files.paths().get(0);
        pathSummary(file.path(), Saved.of(files, file), Ridge.of(file), out);
      }
      case SELECT -> {
        metrics(files, out);
        selection(files.selection("selection.json"), out);
      }
      case GRID -> {
        metrics(files, out);
        grid(files.grid(), out);
      }
      case MNIST_SELECT -> MnistSelectReport.tables(files, out);
      default -> throw new IllegalStateException("unknown kind " + files.run().kind());
    }
  }

  /**
   * Which λ ridge-vs-lasso's results table holds: λ_min, with the fold count of run.json's
   * settings. The table said "lambda" alone, and the path tables below it give λ_1se as well.
   */
  private static void ridgeVsLassoNote(RunFiles files, StringBuilder out) {
    JsonNode folds = files.optionalJson("run.json").map(r -> r.path("settings").get("folds"))
        .orElse(null);
    String cv = folds != null && folds.canConvertToInt() ? folds.asInt() + "-fold" : "K-fold";
    out.append("<p class=\"note\">lambda: each model's λ_min, the λ of least mean error in ")
        .append(cv).append(" cross-validation on the training part (cv.glmnet's lambda.min),"
            + " not λ_1se, the largest λ within one standard error of it, which the tables"
            + " below also give. test_mse and nonzero are the model at λ_min fitted on the"
            + " whole training part, measured on the test part; cv_mse is its mean CV error."
            + "</p>\n");
  }

  /** metrics.json as a two-column table, when the run wrote one. */
  static void metrics(RunFiles files, StringBuilder out) {
    Optional<JsonNode> written = files.optionalJson("metrics.json");
    if (written.isEmpty()) {
      return;
    }
    JsonNode metrics = written.get();
    out.append("<h3>Metrics</h3>\n");
    List<List<String>> rows = new ArrayList<>();
    metrics.fieldNames().forEachRemaining(k -> rows.add(List.of("<code>" + Html.escape(k)
        + "</code>", Html.escape(Html.text(metrics.get(k))))));
    Html.table(List.of("metric", "value"), rows, -1, out);
  }

  /**
   * λ_min, λ_1se, the chosen λ and the evidence's; then one row per λ, or of a long grid the λ
   * {@link LambdaRows#shown} (the first, the last and the marked ones), a row "…" where λ are
   * left out, and a note naming the files that have every λ.
   */
  static void selection(SelectionData s, StringBuilder out) {
    out.append("<p>").append(s.lambdas().length).append(" λ from ")
        .append(Html.number(s.lambdas()[0])).append(" to ")
        .append(Html.number(s.lambdas()[s.lambdas().length - 1])).append(", ")
        .append(Html.escape(s.start())).append(" starts")
        .append(s.direction().isEmpty() || !s.start().equals("warm") ? ""
            : ", " + Html.escape(s.direction()) + " λ")
        .append("; λ_min = ").append(Html.number(s.lambdaMin()))
        .append(", λ_1se = ").append(Html.number(s.lambda1se()))
        .append(", chosen (").append(Html.escape(s.rule())).append("): λ = ")
        .append(Html.number(s.chosenLambda()));
    if (s.hasEvidence()) {
      out.append(", evidence maximum on the grid: λ = ").append(Html.number(s.evidenceBest()));
    }
    out.append(Double.isFinite(s.seconds()) ? "; " + Html.number(s.seconds()) + " s" : "")
        .append(".</p>\n");
    List<String> headers = new ArrayList<>(List.of("λ", "held-out " + s.measure()
        + " (mean ± SE)"));
    // beside a measure other than the loss, the loss (as select's table prints it); the
    // misclassification rate unless it is the measure's own column
    boolean loss = !s.measureId().equals("deviance") && s.lossMean().length == s.lambdas().length;
    if (loss) {
      headers.add("held-out loss (mean ± SE)");
    }
    boolean errors = s.errorMean().length == s.lambdas().length && !s.measureId().equals("class");
    if (errors) {
      headers.add("misclassification (mean ± SE)");
    }
    if (s.hasEvidence()) {
      headers.add("log evidence");
    }
    boolean path = s.path().size() == s.lambdas().length;
    if (path) {
      headers.addAll(List.of("all rows: validation loss", "validation accuracy", "‖w‖₂",
          "epochs"));
    }
    headers.add("epochs (splits' mean)");
    List<List<String>> rows = new ArrayList<>();
    int m = s.lambdas().length;
    int shown = -1; // the last λ given a row
    int highlight = -1;
    for (int l = 0; l < m; l++) {
      double lambda = s.lambdas()[l];
      boolean marked = l == s.chosenIndex() || lambda == s.lambdaMin()
          || lambda == s.lambda1se() || lambda == s.evidenceBest();
      if (!LambdaRows.shown(l, m, marked)) {
        continue;
      }
      if (l > shown + 1) {
        List<String> gap = new ArrayList<>(List.of("… (" + (l - shown - 1) + " λ)"));
        while (gap.size() < headers.size()) {
          gap.add("");
        }
        rows.add(gap);
      }
      shown = l;
      if (l == s.chosenIndex()) {
        highlight = rows.size();
      }
      List<String> row = new ArrayList<>();
      String mark = l == s.chosenIndex() ? " (chosen)" : "";
      row.add(Html.number(s.lambdas()[l]) + mark);
      row.add(Html.meanStd(s.mean()[l], s.se()[l]));
      if (loss) {
        row.add(Html.meanStd(s.lossMean()[l], s.lossSe()[l]));
      }
      if (errors) {
        row.add(Html.meanStd(s.errorMean()[l], s.errorSe()[l]));
      }
      if (s.hasEvidence()) {
        double v = Double.NaN;
        for (int e = 0; e < s.evidenceLambdas().length; e++) {
          if (s.evidenceLambdas()[e] == s.lambdas()[l]) {
            v = s.logEvidence()[e];
          }
        }
        row.add(Html.number(v));
      }
      if (path) {
        SelectionData.PathRow p = s.path().get(l);
        double norm = 0;
        for (double n : p.layerNorms()) {
          norm += n * n;
        }
        row.addAll(List.of(Html.number(p.validationLoss()), Html.number(p.validationAccuracy()),
            Html.number(Math.sqrt(norm)), Html.number(p.epochs())));
      }
      row.add(Html.number(s.splitEpochsMean()[l]));
      rows.add(row);
    }
    Html.table(headers, rows, highlight, out);
    if (m > LambdaRows.FULL_TABLE) {
      out.append("<p class=\"note\">Of ").append(m).append(" λ, the first, the last, λ_min,"
          + " λ_1se, the chosen one and the evidence's maximum; selection.csv and selection.json"
          + " have every λ.</p>\n");
    }
  }

  /** One row per candidate, the chosen one highlighted. */
  static void grid(GridData g, StringBuilder out) {
    List<String> keys = new ArrayList<>(g.candidates().get(0).settings().keySet());
    List<String> headers = new ArrayList<>(keys);
    headers.add("held-out " + g.measure() + " (mean ± SE)");
    // as select's table: the loss beside another measure, the misclassification rate once
    boolean loss = !g.measureId().equals("deviance")
        && g.candidates().stream().anyMatch(c -> Double.isFinite(c.lossMean()));
    if (loss) {
      headers.add("held-out loss (mean ± SE)");
    }
    boolean errors = !g.measureId().equals("class")
        && g.candidates().stream().anyMatch(c -> Double.isFinite(c.errorMean()));
    if (errors) {
      headers.add("misclassification (mean ± SE)");
    }
    headers.add("");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < g.candidates().size(); i++) {
      GridData.Candidate c = g.candidates().get(i);
      List<String> row = new ArrayList<>();
      for (String k : keys) {
        row.add(Html.escape(Html.text(c.settings().get(k))));
      }
      if (c.diverged().isPresent()) {
        row.add("diverged (" + Html.escape(c.diverged().get()) + ")");
        if (loss) {
          row.add("");
        }
        if (errors) {
          row.add("");
        }
      } else {
        row.add(Html.meanStd(c.mean(), c.se()));
        if (loss) {
          row.add(Html.meanStd(c.lossMean(), c.lossSe()));
        }
        if (errors) {
          row.add(Html.meanStd(c.errorMean(), c.errorSe()));
        }
      }
      List<String> notes = new ArrayList<>();
      if (i == g.best()) {
        notes.add("best");
      }
      if (i == g.oneSe()) {
        notes.add("one-SE");
      }
      if (i == g.chosen()) {
        notes.add("chosen");
      }
      row.add(String.join(", ", notes));
      rows.add(row);
    }
    long diverged = g.candidates().stream().filter(c -> !c.scored()).count();
    out.append("<p>").append(g.candidates().size()).append(" candidates, most regularized"
        + " first").append(diverged == 0 ? "" : diverged == 1
            ? "; one diverged and was left out of the selection"
            : "; " + diverged + " diverged and were left out of the selection").append("; chosen by the ").append(Html.escape(g.rule()))
        .append(" rule")
        .append(Double.isFinite(g.seconds()) ? " in " + Html.number(g.seconds()) + " s" : "")
        .append(".</p>\n");
    Html.table(headers, rows, g.chosen(), out);
  }

  private static void train(RunFiles files, StringBuilder out) {
    metrics(files, out);
    Optional<JsonNode> weights = files.optionalJson("weights.json");
    if (weights.isPresent()) {
      out.append("<h3>Weights</h3>\n");
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode layer : weights.get().path("layers")) {
        rows.add(List.of(Html.escape(layer.path("name").asText()),
            Html.escape(Html.text(layer.get("rows")) + " × " + Html.text(layer.get("cols"))),
            Html.escape(Html.text(layer.get("norm")))));
      }
      Html.table(List.of("weight matrix", "shape", "‖W‖_F"), rows, -1, out);
    }
    if (files.history().isPresent()) {
      List<EpochRow> history = files.history().get();
      out.append("<details><summary>History (").append(history.size())
          .append(" epochs)</summary>\n");
      List<List<String>> rows = new ArrayList<>();
      for (EpochRow r : history) {
        rows.add(List.of(String.valueOf(r.epoch()), Html.number(r.trainLoss()), Html.number(r.penalty()),
            Html.number(r.objective()), Html.number(r.valLoss()), Html.number(r.valAccuracy()),
            Html.number(r.weightNorm()), Html.number(r.learningRate()), Html.number(r.seconds())));
      }
      Html.table(EpochRow.COLUMNS, rows, -1, out);
      out.append("</details>\n");
    }
  }

  private static void mnistL2(RunFiles files, StringBuilder out) {
    List<LambdaRow> rows = files.lambdaRows();
    Optional<LambdaRow> best = LambdaRow.best(rows);
    List<LambdaRow> sorted = new ArrayList<>(LambdaCharts.groups(rows).values().stream()
        .flatMap(List::stream).toList());
    sorted.sort(Comparator.comparing((LambdaRow r) -> !r.plainL2()).thenComparingDouble(LambdaRow::dropout)
        .thenComparingDouble(LambdaRow::weightDecay).thenComparingDouble(LambdaRow::lambda));
    List<List<String>> cells = new ArrayList<>();
    for (LambdaRow r : sorted) {
      List<String> norms = new ArrayList<>();
      for (double n : r.layerWeightNormsMean()) {
        norms.add(Html.number(n));
      }
      cells.add(List.of(Html.number(r.lambda()), Html.number(r.dropout()), Html.number(r.weightDecay()),
          String.valueOf(r.seeds()), Html.meanStd(r.testAccuracyMean(), r.testAccuracyStd()),
          Html.meanStd(r.testLossMean(), r.testLossStd()), Html.number(r.trainLossMean()),
          Html.number(r.weightNormMean()), String.join(", ", norms), Html.number(r.epochSecondsMean())));
    }
    Html.table(List.of("λ", "dropout", "weight decay", "seeds", "test accuracy (mean ± std)",
        "test loss (mean ± std)", "train loss", "‖w‖₂", "‖W‖_F per layer", "s / epoch"),
        cells, best.map(sorted::indexOf).orElse(-1), out);
    if (best.isPresent()) {
      LambdaRow b = best.get();
      out.append("<p class=\"note\">Highlighted: the best λ without dropout, λ = ")
          .append(Html.number(b.lambda())).append(" (highest mean test accuracy, ")
          .append(Html.meanStd(b.testAccuracyMean(), b.testAccuracyStd())).append(").</p>\n");
    }
    diverged(files, out);
  }

  /**
   * The settings of experiment.json's "diverged" list (a setting whose training diverged on one
   * of its seeds has no row): one note naming each, so that the table's missing rows are said.
   */
  private static void diverged(RunFiles files, StringBuilder out) {
    JsonNode list = files.optionalJson("experiment.json").map(e -> e.path("diverged"))
        .orElse(null);
    if (list == null || !list.isArray() || list.isEmpty()) {
      return;
    }
    List<String> settings = new ArrayList<>();
    for (JsonNode d : list) {
      settings.add("λ = " + Html.number(d.path("lambda").asDouble())
          + (d.path("dropout").asDouble() > 0 ? ", dropout " + Html.number(d.path("dropout")
              .asDouble()) : "")
          + " (seed " + d.path("seed").asLong() + ", epoch " + d.path("epoch").asInt() + ")");
    }
    out.append("<p class=\"note\">").append(list.size() == 1 ? "One setting" : list.size()
        + " settings").append(" diverged and ").append(list.size() == 1 ? "has" : "have")
        .append(" no row: ").append(Html.escape(String.join("; ", settings)))
        .append(". A setting's row is the mean over all its seeds, so one diverged run leaves it"
            + " out.</p>\n");
  }

  /**
   * λ range, λ_min and λ_1se with df, deviance ratio, CV error, and the coefficients there (a
   * relaxed path's also at its two (γ, λ) choices, γ·lasso + (1 − γ)·refit: the models
   * {@code path --relax --save} keeps); the λ_min row highlighted, the λ that path's --save
   * keeps by default and ridge-vs-lasso uses.
   */
  static void pathSummary(PathData path, StringBuilder out) {
    pathSummary(path, Optional.empty(), Optional.empty(), out);
  }

  /**
   * A closed-form ridge run's criteria (path.json of {@code tikhonov ridge}): GCV and the
   * leave-one-out MSE per λ, and the λ its criterion chose ("gcv", "loo" or "cv").
   */
  record Ridge(double[] gcv, double[] loo, double chosen, String criterion) {
    static Optional<Ridge> of(PathFile file) {
      JsonNode root = file.root();
      if (!root.has("gcv") || !root.has("loo") || !root.has("lambda_chosen")) {
        return Optional.empty();
      }
      String where = file.file().toString();
      int m = file.path().numLambdas();
      double[] gcv = JsonFiles.numbers(root, "gcv", where);
      double[] loo = JsonFiles.numbers(root, "loo", where);
      if (gcv.length != m || loo.length != m) {
        throw new dev.tikhonov.data.InputException(where + ": \"" + (gcv.length != m ? "gcv"
            : "loo") + "\" must have one entry per λ (" + m + ")");
      }
      return Optional.of(new Ridge(gcv, loo, JsonFiles.lambda(root, "lambda_chosen", where),
          root.path("criterion").asText("gcv")));
    }

    /** The table's row name of the chosen λ. */
    String label() {
      return switch (criterion) {
        case "loo" -> "leave-one-out's choice";
        case "cv" -> "k-fold CV's choice";
        default -> "GCV's choice";
      };
    }
  }

  /**
   * What {@code path --save} kept: path.json's {@code "saved"} object, {@code save_lambda} (min,
   * 1se, last or the λ given), {@code lambda} (the saved model's λ) and {@code gamma} (the
   * relaxed fit's γ, null for a lasso); written only when the run saved a model. A path.json
   * written before the key has none: then run.json's settings {@code save_lambda},
   * {@code lambda_saved} and {@code gamma_saved}.
   *
   * @param gamma the saved relaxed fit's γ; empty for a lasso or elastic-net fit
   */
  record Saved(String choice, double lambda, java.util.OptionalDouble gamma) {
    static Optional<Saved> of(RunFiles files, PathFile file) {
      JsonNode node = file.root().get("saved");
      if (node != null && !node.isNull()) {
        return Optional.of(read(node, file.file().toString()));
      }
      JsonNode s = files.optionalJson("run.json").map(r -> r.path("settings"))
          .orElse(JsonFiles.MAPPER.missingNode());
      return s.path("save_lambda").isTextual() && s.path("lambda_saved").isNumber()
          ? Optional.of(new Saved(s.get("save_lambda").asText(),
              s.get("lambda_saved").asDouble(), s.path("gamma_saved").isNumber()
                  ? java.util.OptionalDouble.of(s.get("gamma_saved").asDouble())
                  : java.util.OptionalDouble.empty()))
          : Optional.empty();
    }

    /** path.json's "saved" object, each key checked as path writes it. */
    static Saved read(JsonNode node, String where) {
      if (!node.isObject()) {
        throw new dev.tikhonov.data.InputException(where + ": \"saved\" must be an object"
            + " {\"save_lambda\", \"lambda\", \"gamma\"}, found "
            + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
      }
      JsonNode choice = node.get("save_lambda");
      if (choice == null || !choice.isTextual() || choice.asText().isBlank()) {
        throw new dev.tikhonov.data.InputException(where + ": saved.save_lambda must be the"
            + " --save-lambda the model was saved by (\"min\", \"1se\", \"last\" or a λ),"
            + " found " + (choice == null ? "none" : choice.toString()));
      }
      double lambda = JsonFiles.lambda(node, "lambda", where + ": saved");
      JsonNode g = node.get("gamma");
      if (g == null || g.isNull()) {
        return new Saved(choice.asText(), lambda, java.util.OptionalDouble.empty());
      }
      double gamma = JsonFiles.number(node, "gamma", where + ": saved");
      if (!(gamma >= 0 && gamma <= 1)) {
        throw new dev.tikhonov.data.InputException(where + ": saved.gamma must be a γ in"
            + " [0, 1] (or null for a lasso fit), found " + gamma);
      }
      return new Saved(choice.asText(), lambda, java.util.OptionalDouble.of(gamma));
    }
  }

  /**
   * {@link #pathSummary(PathData, StringBuilder)} that highlights the λ {@code saved} names
   * (its row's label says "saved") and says so under the table; without a saved model, λ_min.
   */
  static void pathSummary(PathData path, Optional<Saved> saved, Optional<Ridge> ridge,
      StringBuilder out) {
    int m = path.numLambdas();
    out.append("<p>").append(Html.escape(path.family())).append(", α = ")
        .append(Html.number(path.l1Ratio())).append(", ").append(m).append(" λ values from ")
        .append(Html.number(m == 0 ? Double.NaN : path.lambda(0))).append(" to ")
        .append(Html.number(m == 0 ? Double.NaN : path.lambda(m - 1))).append(", ")
        .append(path.featureNames().size()).append(" features.</p>\n");
    if (m == 0) {
      return;
    }
    List<String> labels = new ArrayList<>(List.of("first λ (λ_max)", "last λ"));
    List<Integer> at = new ArrayList<>(List.of(0, m - 1));
    Optional<PathData.CrossValidation> cv = path.cv();
    if (cv.isPresent()) {
      labels.add(1, "λ_1se");
      at.add(1, path.indexOf(cv.get().lambda1se()));
      labels.add(2, "λ_min");
      at.add(2, path.indexOf(cv.get().lambdaMin()));
    }
    Optional<PathData.Criteria> criteria = path.criteria();
    if (criteria.isPresent()) {
      PathData.Criteria ic = criteria.get();
      int before = labels.size() - 1;
      labels.add(before, "AIC's choice");
      at.add(before, path.indexOf(ic.lambdaAic()));
      labels.add(before + 1, "BIC's choice");
      at.add(before + 1, path.indexOf(ic.lambdaBic()));
      labels.add(before + 2, "EBIC's choice");
      at.add(before + 2, path.indexOf(ic.lambdaEbic()));
    }
    if (ridge.isPresent()) { // the λ the run chose (and --save keeps), before the last λ
      labels.add(labels.size() - 1, ridge.get().label());
      at.add(at.size() - 1, path.indexOf(ridge.get().chosen()));
    }
    List<List<String>> rows = new ArrayList<>();
    for (int r = 0; r < labels.size(); r++) {
      int i = at.get(r);
      List<String> row = new ArrayList<>(List.of(labels.get(r), Html.number(path.lambda(i)),
          Html.number(path.df(i)), Html.number(path.devRatio(i))));
      if (ridge.isPresent()) {
        row.add(Html.number(ridge.get().gcv()[i]));
        row.add(Html.number(ridge.get().loo()[i]));
      }
      if (cv.isPresent()) {
        row.add(Html.meanStd(cv.get().mean(i), cv.get().se(i)));
      }
      if (criteria.isPresent()) {
        PathData.Criteria ic = criteria.get();
        row.add(Html.number(ic.df(i)));
        row.add(Html.number(ic.aic(i)));
        row.add(Html.number(ic.bic(i)));
        row.add(Html.number(ic.ebic(i)));
      }
      rows.add(row);
    }
    List<String> headers = new ArrayList<>(List.of("", "λ", "df", "deviance ratio"));
    if (ridge.isPresent()) {
      headers.addAll(List.of("GCV", "leave-one-out MSE"));
    }
    if (cv.isPresent()) {
      headers.add("CV " + cv.get().measure().label(PathCharts.familyOf(path.family()))
          + " (mean ± SE)");
    }
    if (criteria.isPresent()) {
      headers.addAll(List.of("effective df", "AIC", "BIC", "EBIC"));
    }
    int highlight = ridge.isPresent() ? labels.indexOf(ridge.get().label())
        : cv.isEmpty() ? -1 : labels.indexOf("λ_min");
    Optional<Saved> lasso = saved.filter(s -> s.gamma().isEmpty());
    if (lasso.isPresent()) {
      String row = switch (lasso.get().choice()) {
        case "min" -> "λ_min";
        case "1se" -> "λ_1se";
        case "last" -> "last λ";
        default -> null;
      };
      highlight = labels.indexOf(row);
      if (highlight >= 0) {
        rows.get(highlight).set(0, labels.get(highlight) + " (saved)");
      }
    }
    Html.table(headers, rows, highlight, out);
    if (ridge.isPresent()) {
      out.append("<p class=\"note\">Highlighted: ").append(ridge.get().label())
          .append(", λ = ").append(Html.number(ridge.get().chosen()))
          .append(", the λ of least ").append(switch (ridge.get().criterion()) {
            case "loo" -> "leave-one-out MSE";
            case "cv" -> "k-fold CV error (by its rule, run.json's settings)";
            default -> "GCV";
          }).append(" and the one ridge --save keeps.</p>\n");
    }
    if (lasso.isPresent()) {
      out.append("<p class=\"note\">").append(Html.escape(
          savedNote(lasso.get(), labels, highlight))).append("</p>\n");
    }
    if (cv.isPresent()) {
      edgeNote(path, path.indexOf(cv.get().lambdaMin()), out);
    }
    path.relaxed().ifPresent(r -> relaxedSummary(path, r, saved.filter(s -> s.gamma()
        .isPresent()), out));
    // the relaxed fit's two models (what path --relax --save keeps), before the last λ
    List<Double> gammas = new ArrayList<>(java.util.Collections.nCopies(labels.size(), 1.0));
    if (path.relaxed().isPresent()) {
      PathData.RelaxedCv r = path.relaxed().get();
      int before = labels.size() - 1;
      labels.add(before, "(γ_1se, λ_1se)");
      at.add(before, path.indexOf(r.lambda1se()));
      gammas.add(before, r.gamma1se());
      labels.add(before + 1, "(γ_min, λ_min)");
      at.add(before + 1, path.indexOf(r.lambdaMin()));
      gammas.add(before + 1, r.gammaMin());
    }
    int classes = path.numClasses();
    int p = path.featureNames().size();
    if (p > 0 && p * classes <= 60) {
      List<List<String>> coef = new ArrayList<>();
      for (int k = 0; k < classes; k++) {
        for (int j = 0; j < p; j++) {
          List<String> row = new ArrayList<>();
          String name = path.featureNames().get(j);
          String shown = Html.escape((classes > 1 ? "class " + k + ": " : "")
              + Labels.feature(name, j));
          row.add(Labels.shownInFull(name, j) ? shown
              : "<span title=\"" + Html.escape(name.length() > 1000
                  ? name.substring(0, 999) + "…" : name) + "\">" + shown + "</span>");
          for (int c = 0; c < at.size(); c++) {
            row.add(Html.number(path.coefficient(at.get(c), gammas.get(c), k, j)));
          }
          coef.add(row);
        }
      }
      List<String> h = new ArrayList<>(List.of("coefficient"));
      labels.forEach(h::add);
      out.append("<details><summary>Coefficients at these λ</summary>\n");
      Html.table(h, coef, -1, out);
      out.append("</details>\n");
    }
  }

  /** Which λ the model file holds, under the path's table. */
  private static String savedNote(Saved s, List<String> labels, int highlight) {
    String what = highlight >= 0 ? "Highlighted: " + labels.get(highlight) + " = "
        + Html.number(s.lambda()) + ", the λ of the model path --save wrote"
        : "The model path --save wrote is the fit at λ = " + Html.number(s.lambda())
            + " (glmnet's predict(s = λ) of the path)";
    return what + " (--save-lambda " + s.choice() + ").";
  }

  /**
   * The warning under a path's table when λ_min (index {@code min}) is the first or last λ of
   * the path, where the curve may go on beyond the grid.
   */
  private static void edgeNote(PathData path, int min, StringBuilder out) {
    int m = path.numLambdas();
    // λ = 0 ends every grid, and at the first λ with no coefficient a larger λ fits the same
    // model: only then is an end of the grid not a cut through the curve
    boolean last = m > 1 && min == m - 1 && path.lambda(min) > 0;
    boolean first = m > 1 && min == 0 && path.df(0) > 0;
    if (first || last) {
      boolean larger = largerIsBetter(path);
      String name = Html.escape(PathCharts.cvName(path));
      out.append("<p class=\"note warn\">λ_min is the ").append(first ? "first" : "last")
          .append(" λ of the path: the cross-validated ").append(name)
          .append(larger ? " may rise further " : " may fall further ")
          .append(first ? "above" : "below").append(" it, so λ_min and the ").append(name)
          .append(" there are the grid's edge, not the curve's ")
          .append(larger ? "maximum" : "minimum").append(". A longer path (a smaller"
              + " λ_min/λ_max ratio, or λ values of your own) shows where the curve"
              + " turns.</p>\n");
    }
  }

  private static boolean largerIsBetter(PathData path) {
    return path.cv().map(cv -> cv.measure().largerIsBetter())
        .or(() -> path.relaxed().map(r -> r.measure().largerIsBetter())).orElse(false);
  }

  /**
   * A relaxed path's choices (path.json's relaxed.cv): for (γ_min, λ_min) and (γ_1se, λ_1se) the
   * γ, the λ, the cross-validated mean ± SE there and the number of nonzero coefficients of the
   * model at that pair (γ·lasso + (1 − γ)·refit), the first row highlighted, or the row of the
   * fit {@code path --relax --save} wrote ({@code saved}: its label says "saved", and a note
   * names it); then the edge note when λ_min is an end of the path.
   */
  static void relaxedSummary(PathData path, PathData.RelaxedCv cv, Optional<Saved> saved,
      StringBuilder out) {
    boolean larger = cv.measure().largerIsBetter();
    StringBuilder gammas = new StringBuilder();
    for (double g : cv.gamma()) {
      gammas.append(gammas.length() == 0 ? "" : ", ").append(PathCharts.gamma(cv, g));
    }
    out.append("<h3>Relaxed lasso</h3>\n<p class=\"note\">Cross-validated over every pair (γ, λ),"
        + " γ ∈ {").append(gammas).append("}: the model at (γ, λ) is γ·(the lasso at λ) +"
        + " (1 − γ)·(the unpenalized refit on its active set). (γ_min, λ_min) has the ")
        .append(larger ? "largest" : "smallest").append(" mean over every pair; (γ_1se, λ_1se)"
            + " the largest λ, then the largest γ, within one standard error of it"
            + " (cv.glmnet with relax = TRUE).</p>\n");
    String[] labels = {"(γ_min, λ_min)", "(γ_1se, λ_1se)"};
    double[] gamma = {cv.gammaMin(), cv.gamma1se()};
    double[] lambda = {cv.lambdaMin(), cv.lambda1se()};
    List<List<String>> rows = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      int g = cv.gammaIndex(gamma[r]);
      int i = path.indexOf(lambda[r]);
      rows.add(List.of(labels[r], PathCharts.gamma(cv, gamma[r]), Html.number(path.lambda(i)),
          Html.meanStd(cv.mean(g, i), cv.se(g, i)),
          String.valueOf(path.nonzero(i, gamma[r]))));
    }
    int highlight = saved.map(s -> s.choice().equals("1se") ? 1 : 0).orElse(0);
    if (saved.isPresent()) {
      List<String> row = new ArrayList<>(rows.get(highlight));
      row.set(0, labels[highlight] + " (saved)");
      rows.set(highlight, row);
    }
    Html.table(List.of("", "γ", "λ", "CV " + cv.measure().label(PathCharts.familyOf(
        path.family())) + " (mean ± SE)", "nonzero coefficients"), rows, highlight, out);
    saved.ifPresent(s -> out.append("<p class=\"note\">").append(Html.escape("Highlighted: "
        + labels[highlight] + " = (" + Html.number(s.gamma().getAsDouble()) + ", "
        + Html.number(s.lambda()) + "), the (γ, λ) of the model path --relax --save wrote"
        + " (--save-lambda " + s.choice() + ").")).append("</p>\n"));
    edgeNote(path, path.indexOf(cv.lambdaMin()), out);
  }
}
