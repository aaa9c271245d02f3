package dev.tikhonov.internal.report;

import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.estimate.MlpPath;
import dev.tikhonov.estimate.MlpPathCV;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.CvSummary;
import dev.tikhonov.select.EvidenceCurve;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a λ selection by cross-validation over a network path (docs/formats.md):
 * {@code <name>.json} with the grid, the held-out loss per λ (mean ± SE, per split), λ_min,
 * λ_1se, the chosen λ, the misclassification rate, the evidence, the all-rows path and every
 * split's path; {@code <name>.csv} one row per λ. Values that do not exist are JSON null, and
 * so are standard errors, log evidences and CPU times that are not finite; other numbers that
 * are not finite are Jackson's "NaN" or "Infinity". Stateless.
 */
public final class SelectionFiles {
  private SelectionFiles() {}

  /** Writes {@code name}.json and {@code name}.csv into the run directory. */
  public static void write(RunWriter out, String name, MlpPathCV<?> search,
      MlpPathCV.Result<?> result, Optional<EvidenceCurve> evidence) {
    out.json(name + ".json", toJson(search, result, evidence));
    out.text(name + ".csv", toCsv(result, evidence));
  }

  /** The JSON object of {@code name}.json. */
  public static Map<String, Object> toJson(MlpPathCV<?> search, MlpPathCV.Result<?> r,
      Optional<EvidenceCurve> evidence) {
    CvResult cv = r.cv();
    boolean classifier = r.misclassification().isPresent();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("estimator", search.name());
    m.put("settings", search.settings());
    m.put("start", r.start().name().toLowerCase(java.util.Locale.ROOT));
    m.put("rule", r.rule().id());
    m.put("lambdas", r.lambdas());
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("measure", GridFiles.measureName(cv.measure(), classifier));
    c.put("measure_id", cv.measure().id());
    c.put("mean", cv.mean());
    c.put("se", finite(cv.standardError()));
    c.put("fold_loss", cv.foldLoss());
    c.put("lambda_min", cv.lambdaMin());
    c.put("lambda_1se", cv.lambda1se());
    c.put("index_min", cv.indexMin());
    c.put("index_1se", cv.index1se());
    m.put("cv", c);
    m.put("loss", summary(r.loss()));
    m.put("misclassification", r.misclassification().map(SelectionFiles::summary).orElse(null));
    m.put("chosen", Json.object("index", r.chosenIndex(), "lambda", r.chosenLambda()));
    m.put("evidence", evidence.map(SelectionFiles::evidence).orElse(null));
    m.put("path", r.fullPath().map(f -> points(f.points())).orElse(null));
    List<Object> splits = new ArrayList<>();
    for (List<MlpPath.Point> split : r.splitPoints()) {
      splits.add(points(split));
    }
    m.put("splits", splits);
    m.put("seconds", r.seconds());
    m.put("cpu_seconds", Double.isFinite(r.cpuSeconds()) ? r.cpuSeconds() : null);
    return m;
  }

  /** One row per λ: the CV statistics, the evidence, the all-rows path's point. */
  public static String toCsv(MlpPathCV.Result<?> r, Optional<EvidenceCurve> evidence) {
    CsvWriter csv = new CsvWriter().row("lambda", "cv_mean", "cv_se", "misclassification_mean",
        "misclassification_se", "log_evidence", "validation_loss", "validation_accuracy",
        "train_loss", "penalty", "weight_norm", "epochs", "split_epochs_mean", "chosen",
        "loss_mean", "loss_se");
    double[] lambdas = r.lambdas();
    for (int index = 0; index < lambdas.length; index++) {
      int l = index;
      List<String> row = new ArrayList<>();
      row.add(num(lambdas[l]));
      row.add(num(r.cv().mean(l)));
      row.add(num(r.cv().standardError(l)));
      row.add(r.misclassification().map(s -> num(s.mean(l))).orElse(""));
      row.add(r.misclassification().map(s -> num(s.standardError(l))).orElse(""));
      row.add(evidenceAt(evidence, lambdas[l]).map(SelectionFiles::num).orElse(""));
      Optional<MlpPath.Point> p = r.fullPath().map(f -> f.points().get(l));
      row.add(p.flatMap(x -> box(x.validationLoss())).map(SelectionFiles::num).orElse(""));
      row.add(p.flatMap(x -> box(x.validationAccuracy())).map(SelectionFiles::num).orElse(""));
      row.add(p.map(x -> num(x.trainLoss())).orElse(""));
      row.add(p.map(x -> num(x.penalty())).orElse(""));
      row.add(p.map(x -> num(x.weightNorm())).orElse(""));
      row.add(p.map(x -> String.valueOf(x.epochs())).orElse(""));
      double epochs = 0;
      for (List<MlpPath.Point> split : r.splitPoints()) {
        epochs += split.get(l).epochs();
      }
      row.add(num(epochs / r.splitPoints().size()));
      row.add(l == r.chosenIndex() ? "true" : "false");
      row.add(num(r.loss().mean(l)));
      row.add(num(r.loss().standardError(l)));
      csv.row(row);
    }
    return csv.toString();
  }

  private static Optional<Double> box(java.util.OptionalDouble v) {
    return v.isPresent() ? Optional.of(v.getAsDouble()) : Optional.empty();
  }

  private static Optional<Double> evidenceAt(Optional<EvidenceCurve> evidence, double lambda) {
    if (evidence.isEmpty()) {
      return Optional.empty();
    }
    double[] ls = evidence.get().lambdas();
    for (int i = 0; i < ls.length; i++) {
      if (ls[i] == lambda) {
        return Optional.of(evidence.get().logEvidence()[i]);
      }
    }
    return Optional.empty();
  }

  private static Map<String, Object> summary(CvSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", s.mean());
    m.put("se", finite(s.standardError()));
    m.put("index_min", s.indexMin());
    m.put("index_1se", s.index1se());
    return m;
  }

  static Map<String, Object> evidence(EvidenceCurve e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lambdas", e.lambdas());
    m.put("log_evidence", finite(e.logEvidence()));
    m.put("best_lambda", e.bestLambda());
    m.put("interior_maximum", e.hasInteriorMaximum());
    return m;
  }

  /** Path points as rows of JSON. */
  static List<Map<String, Object>> points(List<MlpPath.Point> points) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (MlpPath.Point p : points) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("lambda", p.lambda());
      m.put("validation_loss", p.validationLoss().isPresent()
          ? p.validationLoss().getAsDouble() : null);
      m.put("validation_accuracy", p.validationAccuracy().isPresent()
          ? p.validationAccuracy().getAsDouble() : null);
      m.put("train_loss", p.trainLoss());
      m.put("penalty", p.penalty());
      m.put("layer_norms", p.layerNorms());
      m.put("weight_norm", p.weightNorm());
      m.put("epochs", p.epochs());
      m.put("best_epoch", p.bestEpoch());
      m.put("stopped_early", p.stoppedEarly());
      m.put("seconds", p.seconds());
      m.put("cpu_seconds", Double.isFinite(p.cpuSeconds()) ? p.cpuSeconds() : null);
      out.add(m);
    }
    return out;
  }

  /** The values with non-finite ones as null (JSON has no NaN). */
  static List<Double> finite(double[] values) {
    List<Double> out = new ArrayList<>();
    for (double v : values) {
      out.add(Double.isFinite(v) ? v : null);
    }
    return out;
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }
}
