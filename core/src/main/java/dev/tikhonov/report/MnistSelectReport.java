package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables and charts of an {@code experiment mnist-select} directory: results.json (one row
 * per data set and method) and the selection-&lt;data&gt;-&lt;method&gt;.json files.
 */
final class MnistSelectReport {
  private MnistSelectReport() {}

  /** Where row {@code i} of {@code file} is, for a message. */
  private static String row(Path file, int i) {
    return file + ": row " + (i + 1);
  }

  static void tables(RunFiles files, StringBuilder out) {
    Path results = files.file("results.json");
    JsonNode rows = files.array("results.json");
    Map<String, Double> coldSeconds = new LinkedHashMap<>();
    Map<String, Double> coldCpu = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode r = rows.get(i);
      if (r.path("method").asText().equals("cold")) {
        coldSeconds.put(r.path("data").asText(), seconds(r, row(results, i)));
        coldCpu.put(r.path("data").asText(), cpuSeconds(r, row(results, i)));
      }
    }
    List<List<String>> cells = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode r = rows.get(i);
      String where = row(results, i);
      double seconds = seconds(r, where);
      double cpu = cpuSeconds(r, where);
      Double cold = coldSeconds.get(r.path("data").asText());
      Double coldCpuSeconds = coldCpu.get(r.path("data").asText());
      cells.add(List.of(Html.escape(r.path("data").asText()),
          Html.escape(r.path("method").asText()),
          whole(JsonFiles.numberWithoutNull(r, "lambda_chosen", where)),
          whole(JsonFiles.numberWithoutNull(r, "lambda_min", where)) + "<br>"
              + whole(JsonFiles.numberWithoutNull(r, "lambda_1se", where)),
          whole(JsonFiles.optionalNumber(r, "evidence_lambda", where)),
          Html.meanStd(JsonFiles.numberWithoutNull(r, "cv_loss", where),
              JsonFiles.numberWithoutNull(r, "cv_se", where)),
          Html.meanStd(JsonFiles.numberWithoutNull(r, "test_accuracy_mean", where),
              JsonFiles.optionalNumber(r, "test_accuracy_std", where))
              + " (" + (int) JsonFiles.numberWithoutNull(r, "seeds", where) + ")",
          timeAndRatio(seconds, cold),
          timeAndRatio(cpu, coldCpuSeconds),
          Html.text(r.get("fits")), Html.text(r.get("epochs"))));
    }
    // Eleven columns with short headers, λ_1se under λ_min and the cold/this ratios under the
    // times: the table had fourteen with long headers and scrolled sideways in an 800 px window.
    // (No-break spaces keep "± SE" whole when a header wraps.)
    Html.table(List.of("data", "method", "λ chosen", "λ_min λ_1se", "evidence λ",
        "CV loss (±\u00a0SE)", "test accuracy (±\u00a0std, seeds)",
        "wall time, s (cold ÷ this)", "CPU time, s (cold ÷ this)", "fits", "epochs"), cells, -1,
        out);
    out.append("<p class=\"note\">At the chosen λ: CV loss, mean ± SE over the folds; test"
        + " accuracy, mean ± std of the selection's model and the refits with the other seeds"
        + " (their number in brackets). Wall time: the whole cross-validation including the"
        + " model at the chosen λ, the methods run one after the other in this run, "
        + (warmedUp(files) ? "after an untimed warm-up run of each, so that none carries the"
            + " JVM's start"
            : "the first also carrying the JVM's start (this run predates the untimed warm-up"
            + " run of each method)")
        + "; other processes on the machine change it. CPU time: the fits' own threads, each"
        + " fit on one core; it measures the work. In brackets: the cold grid's time divided by this"
        + " method's (above 1: this method is faster).</p>\n");
    gridEdges(files, rows, out);
  }

  /** Whether experiment.json says the methods ran after an untimed warm-up (MnistSelect). */
  private static boolean warmedUp(RunFiles files) {
    return files.optionalJson("experiment.json").filter(e -> e.hasNonNull("warm_up"))
        .isPresent();
  }

  /**
   * A note for each method whose λ_min is the first or last λ of its grid (selection file):
   * there the CV loss may fall further outside the grid, as under a path's table. With
   * {@code --quick} the cold grid's λ_min was its smallest λ, 1e-5, without a word.
   */
  private static void gridEdges(RunFiles files, JsonNode rows, StringBuilder out) {
    List<String> edges = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode r = rows.get(i);
      String where = row(files.file("results.json"), i);
      String data = r.path("data").asText();
      String method = r.path("method").asText();
      String file = selectionFile(data, method);
      double lambdaMin = JsonFiles.numberWithoutNull(r, "lambda_min", where);
      if (files.optionalJson(file).isEmpty() || !Double.isFinite(lambdaMin)) {
        continue;
      }
      double[] lambdas = files.selection(file).lambdas();
      double smallest = Double.POSITIVE_INFINITY;
      double largest = Double.NEGATIVE_INFINITY;
      for (double l : lambdas) {
        smallest = Math.min(smallest, l);
        largest = Math.max(largest, l);
      }
      if (lambdas.length > 1 && (lambdaMin == smallest && smallest > 0 || lambdaMin == largest)) {
        edges.add(method + " on " + data + ": λ_min = " + Html.number(lambdaMin) + " is the "
            + (lambdaMin == largest ? "largest" : "smallest") + " λ of its grid");
      }
    }
    if (!edges.isEmpty()) {
      out.append("<p class=\"note warn\">").append(Html.escape(String.join("; ", edges)))
          .append(": the CV loss may fall further outside the grid, so there λ_min is the"
              + " grid's edge, not the curve's minimum.</p>\n");
    }
  }

  /**
   * A row's wall time: MnistSelect.Row writes a number there (a null was 0 s on the page, and
   * the cold grid's ratios over it infinite).
   */
  private static double seconds(JsonNode row, String where) {
    return JsonFiles.numberWithoutNull(row, "selection_seconds", where);
  }

  /** A row's CPU time, absent (NaN) in a results.json from before it was written. */
  private static double cpuSeconds(JsonNode row, String where) {
    return JsonFiles.optionalNumberWithoutNull(row, "cpu_seconds", where);
  }

  /**
   * "12.3" over "(4.1×)": a time and the cold grid's time over it; the time alone without
   * cold.
   */
  private static String timeAndRatio(double seconds, Double cold) {
    return whole(seconds) + (cold == null ? ""
        : "<br>" + "<span class=\"nb\">(" + Html.number(cold / seconds) + "×)</span>");
  }

  /** A number that a narrow column does not break at its exponent's minus ("2.136e-" "4"). */
  private static String whole(double x) {
    return "<span class=\"nb\">" + Html.number(x) + "</span>";
  }

  /** The selection file of {@code method} on {@code data}. */
  private static String selectionFile(String data, String method) {
    return "selection-" + data + "-" + method + ".json";
  }

  static void charts(RunFiles files, List<ReportChart> charts) {
    JsonNode rows = files.array("results.json");
    // a method twice on one data set (a row copied by hand) drew two curves of one name: XChart's
    // "Series name >cold ± 1 SE< has already been used", naming no file
    Map<List<String>, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      List<String> key = List.of(rows.get(i).path("data").asText(),
          rows.get(i).path("method").asText());
      Integer before = seen.putIfAbsent(key, i);
      if (before != null) {
        throw new InputException(files.file("results.json") + ": rows " + (before + 1) + " and "
            + (i + 1) + " are both method \"" + key.get(1) + "\" on data \"" + key.get(0)
            + "\"; a method has one row per data set");
      }
    }
    Set<String> data = new LinkedHashSet<>();
    rows.forEach(r -> data.add(r.path("data").asText()));
    for (String d : data) {
      List<String> methods = new ArrayList<>();
      List<SelectionData> selections = new ArrayList<>();
      for (JsonNode r : rows) {
        String method = r.path("method").asText();
        String file = selectionFile(d, method);
        if (r.path("data").asText().equals(d) && files.optionalJson(file).isPresent()) {
          methods.add(method);
          selections.add(files.selection(file));
        }
      }
      if (selections.isEmpty()) {
        continue;
      }
      charts(d, methods, selections, charts);
    }
  }

  private static void charts(String data, List<String> methods, List<SelectionData> selections,
      List<ReportChart> charts) {
    double[] range = selections.get(0).lambdas();
    List<SelectionCharts.Curve> curves = new ArrayList<>();
    List<SelectionCharts.Mark> marks = new ArrayList<>();
    SelectionData withEvidence = null;
    int lambdas = 0;
    List<String> files = new ArrayList<>();
    for (int i = 0; i < selections.size(); i++) {
      lambdas = Math.max(lambdas, selections.get(i).lambdas().length);
      files.add(selectionFile(data, methods.get(i)));
    }
    // more λ than a chart can show (--lambdas from an @argfile) are thinned; the captions say so
    String thinned = LambdaCharts.thinningNote(lambdas, files.size() == 1 ? files.get(0)
        : String.join(", ", files.subList(0, files.size() - 1)) + " and "
            + files.get(files.size() - 1));
    for (int i = 0; i < selections.size(); i++) {
      SelectionData s = selections.get(i);
      curves.add(new SelectionCharts.Curve(methods.get(i), s.lambdas(), s.mean(), s.se()));
      marks.add(new SelectionCharts.Mark(methods.get(i) + ": " + s.rule() + " λ = "
          + Html.number(s.chosenLambda()), s.chosenLambda(), ChartTheme.color(i),
          ChartTheme.dotted(i))); // past 9 methods the colours repeat, the dots do not
      if (s.hasEvidence() && withEvidence == null) {
        withEvidence = s;
      }
    }
    if (withEvidence != null && Double.isFinite(withEvidence.evidenceBest())) {
      marks.add(new SelectionCharts.Mark("evidence max λ = "
          + Html.number(withEvidence.evidenceBest()), withEvidence.evidenceBest(),
          ChartTheme.MARK, false));
    }
    charts.add(new ReportChart("cv-" + data,
        data + ": held-out cross-entropy against λ for each method, mean ± 1 SE over the folds"
            + " (bands); dotted lines: the λ each method's rule chose; dashed: the evidence's"
            + " maximum." + thinned,
        SelectionCharts.cvCurves(data + ": cross-validated loss", "held-out cross-entropy",
            curves, marks, range)));
    if (withEvidence != null) {
      charts.add(new ReportChart("evidence-" + data,
          data + ": last-layer Laplace evidence along the warm all-rows path, on the same λ"
              + " axis; the methods' chosen λ marked." + thinned,
          SelectionCharts.evidence(data + ": evidence against λ",
              withEvidence.evidenceLambdas(), withEvidence.logEvidence(), marks, range)));
      if (!withEvidence.path().isEmpty()) {
        charts.add(new ReportChart("layer-norms-" + data,
            data + ": shrinkage along the warm all-rows path, Frobenius norm per weight"
                + " matrix." + thinned,
            SelectionCharts.layerNorms(data + ": weight norm per layer (warm path)",
                withEvidence.path(), range)));
      }
    }
    List<double[]> ls = new ArrayList<>();
    List<double[]> epochs = new ArrayList<>();
    for (SelectionData s : selections) {
      ls.add(s.lambdas());
      epochs.add(s.splitEpochsMean());
    }
    charts.add(new ReportChart("epochs-" + data,
        data + ": epochs each λ ran, mean over the folds: the cold grid pays the full budget at"
            + " every λ." + thinned,
        SelectionCharts.epochs(data + ": epochs per λ", methods, ls, epochs, range)));
  }
}
