package dev.tikhonov.internal.report;

import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.estimate.GridSearchCV;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files of a grid search by cross-validation (docs/formats.md): {@code grid.json} with every
 * candidate's settings, its held-out loss per split and mean ± SE, the misclassification rate,
 * the best and the one-SE candidate and the chosen one, and where a diverged candidate diverged;
 * {@code grid.csv} one row per candidate.
 * Stateless.
 */
public final class GridFiles {
  private GridFiles() {}

  /** Writes grid.json and grid.csv into the run directory. */
  public static void write(RunWriter out, GridSearchCV<?> search, GridSearchCV.Result<?> r,
      Map<String, Object> baseSettings) {
    out.json("grid.json", toJson(search, r, baseSettings));
    out.text("grid.csv", toCsv(r));
  }

  /**
   * The JSON object of grid.json. A diverged candidate has {@code "outcome": "diverged"} and a
   * {@code "diverged"} object (split, epoch, batch, message) instead of scores; best, one-SE and
   * chosen are indices into all candidates.
   */
  public static Map<String, Object> toJson(GridSearchCV<?> search, GridSearchCV.Result<?> r,
      Map<String, Object> baseSettings) {
    Optional<CvSummary> mis = r.misclassification();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("estimator", search.name());
    Map<String, Object> settings = new LinkedHashMap<>(baseSettings);
    settings.putAll(search.settings());
    m.put("settings", settings);
    m.put("rule", r.rule().id());
    m.put("measure", measureName(r.measure(), mis.isPresent()));
    m.put("measure_id", r.measure().id());
    List<Map<String, Object>> candidates = new ArrayList<>();
    for (GridSearchCV.Outcome outcome : r.outcomes()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("settings", outcome.settings());
      if (outcome instanceof GridSearchCV.Scored s) {
        c.put("outcome", "scored");
        c.put("mean", s.mean());
        c.put("se", Double.isFinite(s.standardError()) ? s.standardError() : null);
        c.put("split_loss", s.splitLoss());
        int at = s.scoreIndex();
        c.put("loss_mean", r.loss().mean(at));
        c.put("loss_se", Double.isFinite(r.loss().standardError(at))
            ? r.loss().standardError(at) : null);
        c.put("misclassification_mean", mis.map(x -> (Object) x.mean(at)).orElse(null));
        c.put("misclassification_se", mis.map(x -> Double.isFinite(x.standardError(at))
            ? (Object) x.standardError(at) : null).orElse(null));
      } else if (outcome instanceof GridSearchCV.Diverged d) {
        c.put("outcome", "diverged");
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("split", d.split());
        where.put("epoch", d.epoch());
        where.put("batch", d.batch());
        where.put("message", d.message());
        c.put("diverged", where);
      }
      candidates.add(c);
    }
    m.put("candidates", candidates);
    m.put("best", r.indexMin());
    m.put("one_se", r.index1se());
    m.put("chosen", r.chosenIndex());
    m.put("seconds", r.seconds());
    return m;
  }

  /**
   * One row per candidate: its settings, mean ± SE, misclassification, chosen, and its outcome
   * (scored or diverged, with the split and epoch where it diverged; its scores empty then).
   */
  public static String toCsv(GridSearchCV.Result<?> r) {
    Set<String> keys = new LinkedHashSet<>();
    r.outcomes().forEach(c -> keys.addAll(c.settings().keySet()));
    List<String> header = new ArrayList<>(List.of("index"));
    header.addAll(keys);
    header.addAll(List.of("cv_mean", "cv_se", "misclassification_mean", "misclassification_se",
        "chosen", "outcome", "diverged_split", "diverged_epoch", "loss_mean", "loss_se"));
    CsvWriter csv = new CsvWriter().row(header);
    for (int i = 0; i < r.outcomes().size(); i++) {
      GridSearchCV.Outcome outcome = r.outcomes().get(i);
      List<String> row = new ArrayList<>(List.of(String.valueOf(i)));
      for (String k : keys) {
        Object v = outcome.settings().get(k);
        row.add(v == null ? "" : v.toString());
      }
      if (outcome instanceof GridSearchCV.Scored s) {
        int at = s.scoreIndex();
        row.add(String.valueOf(s.mean()));
        row.add(String.valueOf(s.standardError()));
        row.add(r.misclassification().map(x -> String.valueOf(x.mean(at))).orElse(""));
        row.add(r.misclassification().map(x -> String.valueOf(x.standardError(at)))
            .orElse(""));
        row.add(String.valueOf(i == r.chosenIndex()));
        row.addAll(List.of("scored", "", ""));
        row.add(String.valueOf(r.loss().mean(at)));
        row.add(String.valueOf(r.loss().standardError(at)));
      } else if (outcome instanceof GridSearchCV.Diverged d) {
        row.addAll(List.of("", "", "", "", "false", "diverged", String.valueOf(d.split()),
            String.valueOf(d.epoch()), "", ""));
      }
      csv.row(row);
    }
    return csv.toString();
  }

  /**
   * What a search's scores are, for its files: "cross-entropy" or "squared error ½(y − ŷ)²"
   * (the held-out loss, the deviance's measure), else the measure's name ("misclassification
   * rate", "mean squared error", "mean absolute error").
   */
  static String measureName(CvMeasure measure, boolean classifier) {
    return switch (measure) {
      case DEVIANCE -> classifier ? "cross-entropy" : "squared error ½(y − ŷ)²";
      case MISCLASSIFICATION -> "misclassification rate";
      case MEAN_SQUARED_ERROR -> "mean squared error";
      case MEAN_ABSOLUTE_ERROR -> "mean absolute error";
      case AUC -> "AUC";
    };
  }
}
