package dev.tikhonov.report;

import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.estimate.GridSearchCV;
import dev.tikhonov.select.CvSummary;
import dev.tikhonov.select.GridSearch;
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
 * the best and the one-SE candidate and the chosen one; {@code grid.csv} one row per candidate.
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

  /** The JSON object of grid.json. */
  public static Map<String, Object> toJson(GridSearchCV<?> search, GridSearchCV.Result<?> r,
      Map<String, Object> baseSettings) {
    GridSearch.Result<Map<String, Object>> s = r.scores();
    Optional<CvSummary> mis = r.misclassification();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("estimator", search.name());
    Map<String, Object> settings = new LinkedHashMap<>(baseSettings);
    settings.putAll(search.settings());
    m.put("settings", settings);
    m.put("rule", r.rule().id());
    m.put("measure", mis.isPresent() ? "cross-entropy" : "squared error ½(y − ŷ)²");
    List<Map<String, Object>> candidates = new ArrayList<>();
    for (int i = 0; i < s.configs().size(); i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("settings", s.configs().get(i));
      c.put("mean", s.mean()[i]);
      c.put("se", Double.isFinite(s.standardError()[i]) ? s.standardError()[i] : null);
      c.put("split_loss", s.scores()[i]);
      int at = i;
      c.put("misclassification_mean", mis.map(x -> (Object) x.mean()[at]).orElse(null));
      c.put("misclassification_se", mis.map(x -> Double.isFinite(x.standardError()[at])
          ? (Object) x.standardError()[at] : null).orElse(null));
      candidates.add(c);
    }
    m.put("candidates", candidates);
    m.put("best", s.best());
    m.put("one_se", s.oneStandardError());
    m.put("chosen", r.chosenIndex());
    m.put("seconds", r.seconds());
    return m;
  }

  /** One row per candidate: its settings, mean ± SE, misclassification, chosen. */
  public static String toCsv(GridSearchCV.Result<?> r) {
    GridSearch.Result<Map<String, Object>> s = r.scores();
    Set<String> keys = new LinkedHashSet<>();
    s.configs().forEach(c -> keys.addAll(c.keySet()));
    List<String> header = new ArrayList<>(List.of("index"));
    header.addAll(keys);
    header.addAll(List.of("cv_mean", "cv_se", "misclassification_mean", "misclassification_se",
        "chosen"));
    CsvWriter csv = new CsvWriter().row(header);
    for (int i = 0; i < s.configs().size(); i++) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(i)));
      for (String k : keys) {
        Object v = s.configs().get(i).get(k);
        row.add(v == null ? "" : v.toString());
      }
      int at = i;
      row.add(String.valueOf(s.mean()[i]));
      row.add(String.valueOf(s.standardError()[i]));
      row.add(r.misclassification().map(x -> String.valueOf(x.mean()[at])).orElse(""));
      row.add(r.misclassification().map(x -> String.valueOf(x.standardError()[at])).orElse(""));
      row.add(String.valueOf(i == r.chosenIndex()));
      csv.row(row);
    }
    return csv.toString();
  }
}
