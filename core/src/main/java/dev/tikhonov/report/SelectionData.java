package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.report.SelectionFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A λ selection as selection.json stores it ({@link SelectionFiles}): the λ grid (decreasing),
 * the held-out loss per λ (mean ± SE), λ_min, λ_1se, the chosen index, and what is there of the
 * misclassification rate, the evidence, the all-rows path and the splits' epochs.
 *
 * <p>JSON null, as {@link SelectionFiles} writes it: the standard errors ({@code se} of cv,
 * loss and misclassification) and {@code log_evidence} where not finite, a point's
 * {@code validation_loss} and {@code validation_accuracy} without a validation split (or for a
 * regression), {@code misclassification}, {@code evidence} and {@code path} where they do not
 * exist; these read as NaN or absent. Every other number read here is always written as one
 * ("NaN" or "Infinity" when not finite): a null in {@code cv.mean}, {@code loss.mean},
 * {@code misclassification.mean}, {@code evidence.best_lambda}, a point's {@code train_loss},
 * {@code penalty}, {@code layer_norms} and {@code epochs}, a split point's {@code epochs} or
 * {@code seconds} is an {@link InputException} naming the file and the key. Missing, the means
 * are refused too; the others read as absent (NaN or empty), as the whole {@code loss} does in
 * a file written before it.
 *
 * @param measureId the measure's id (cv.measure_id: deviance, class, mse, mae; deviance when
 *     absent, a file from before it)
 * @param errorMean misclassification rate per λ, empty for regression
 * @param lossMean the held-out loss per λ (the top level's "loss"), kept beside a measure other
 *     than the deviance; empty when absent
 * @param evidenceLambdas λ of the evidence curve, empty when none was computed
 * @param path the all-rows path's points (warm starts), empty otherwise
 * @param splitEpochsMean epochs per λ averaged over the splits
 */
record SelectionData(
    String start,
    String direction,
    String rule,
    String measure,
    String measureId,
    double[] lambdas,
    double[] mean,
    double[] se,
    double lambdaMin,
    double lambda1se,
    int chosenIndex,
    double[] errorMean,
    double[] errorSe,
    double[] lossMean,
    double[] lossSe,
    double[] evidenceLambdas,
    double[] logEvidence,
    double evidenceBest,
    List<PathRow> path,
    double[] splitEpochsMean,
    double seconds) {

  /** One point of a path as the file stores it. */
  record PathRow(double lambda, double validationLoss, double validationAccuracy,
      double trainLoss, double penalty, double[] layerNorms, double epochs) {}

  double chosenLambda() {
    return lambdas[chosenIndex];
  }

  boolean hasEvidence() {
    return evidenceLambdas.length > 0;
  }

  static SelectionData read(Path file) {
    return read(JsonFiles.read(file), file);
  }

  /** The selection in {@code root}, the parsed {@code file} (named in messages). */
  static SelectionData read(JsonNode root, Path file) {
    String where = file.toString();
    double[] lambdas = JsonFiles.lambdas(root, "lambdas", where);
    int m = lambdas.length;
    JsonNode cv = root.path("cv");
    String w = where + ": cv";
    double[][] scores = meanAndSe(cv, m, w);
    double[] mean = scores[0];
    double[] se = scores[1];
    JsonNode chosen = root.path("chosen");
    int chosenIndex = chosen.path("index").asInt(-1);
    if (chosenIndex < 0 || chosenIndex >= m) {
      throw new InputException(where + ": chosen.index must be a λ index 0.." + (m - 1));
    }
    double[][] error = optionalMeanAndSe(root, "misclassification", m, where);
    double[][] loss = optionalMeanAndSe(root, "loss", m, where);
    double[] evidenceLambdas = new double[0];
    double[] logEvidence = new double[0];
    double evidenceBest = Double.NaN;
    JsonNode ev = root.get("evidence");
    if (ev != null && !ev.isNull()) {
      evidenceLambdas = JsonFiles.lambdas(ev, "lambdas", where + ": evidence");
      logEvidence = JsonFiles.numbers(ev, "log_evidence", where + ": evidence");
      evidenceBest = JsonFiles.optionalNumberWithoutNull(ev, "best_lambda",
          where + ": evidence");
      if (evidenceLambdas.length != logEvidence.length) {
        throw new InputException(where + ": evidence: lambdas and log_evidence differ in"
            + " length");
      }
    }
    List<PathRow> path = new ArrayList<>();
    JsonNode p = root.get("path");
    if (p != null && p.isArray()) {
      for (int i = 0; i < p.size(); i++) {
        path.add(row(p.get(i), where + ": path[" + i + "]"));
      }
    }
    double[] splitEpochs = new double[m];
    JsonNode splits = root.path("splits");
    int k = 0;
    for (int s = 0; s < splits.size(); s++) {
      JsonNode split = splits.get(s);
      // the writer puts one point per λ in every split; another length was skipped without a
      // word, and the epochs chart's mean was then over fewer splits than the run had
      if (!split.isArray() || split.size() != m) {
        String type = split.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        throw new InputException(where + ": splits[" + s + "] "
            + (split.isArray() ? "has " + split.size() + " entries"
                : "is " + (type.startsWith("o") ? "an " : "a ") + type)
            + "; expected an array of " + m + ", one per λ of \"lambdas\"");
      }
      for (int l = 0; l < m; l++) {
        splitEpochs[l] += JsonFiles.optionalNumberWithoutNull(split.get(l), "epochs",
            where + ": splits[" + s + "][" + l + "]");
      }
      k++;
    }
    for (int l = 0; l < m; l++) {
      splitEpochs[l] = k == 0 ? Double.NaN : splitEpochs[l] / k;
    }
    return new SelectionData(root.path("start").asText("warm"),
        root.path("settings").path("direction").asText(""), root.path("rule").asText("1se"),
        cv.path("measure").asText("held-out loss"), cv.path("measure_id").asText("deviance"),
        lambdas, mean, se,
        JsonFiles.lambda(cv, "lambda_min", w), JsonFiles.lambda(cv, "lambda_1se", w),
        chosenIndex, error[0], error[1], loss[0], loss[1], evidenceLambdas, logEvidence,
        evidenceBest,
        List.copyOf(path), splitEpochs,
        JsonFiles.optionalNumberWithoutNull(root, "seconds", where));
  }

  /** {@code node}'s "mean" and "se", one of each per λ ({@code m} of them). */
  private static double[][] meanAndSe(JsonNode node, int m, String where) {
    double[] mean = JsonFiles.numbersWithoutNull(node, "mean", where);
    double[] se = JsonFiles.numbers(node, "se", where); // null: an SE that is not finite
    if (mean.length != m || se.length != m) {
      throw new InputException(where + ": mean and se must have one entry per λ (" + m + ")");
    }
    return new double[][] {mean, se};
  }

  /** {@code root.field}'s {@link #meanAndSe}; two empty arrays when absent or null. */
  private static double[][] optionalMeanAndSe(JsonNode root, String field, int m,
      String where) {
    JsonNode node = root.get(field);
    return node == null || node.isNull() ? new double[][] {new double[0], new double[0]}
        : meanAndSe(node, m, where + ": " + field);
  }

  private static PathRow row(JsonNode r, String where) {
    JsonNode norms = r.get("layer_norms");
    return new PathRow(JsonFiles.lambda(r, "lambda", where),
        JsonFiles.optionalNumber(r, "validation_loss", where),
        JsonFiles.optionalNumber(r, "validation_accuracy", where),
        JsonFiles.optionalNumberWithoutNull(r, "train_loss", where),
        JsonFiles.optionalNumberWithoutNull(r, "penalty", where),
        norms == null ? new double[0] : JsonFiles.numbersWithoutNull(r, "layer_norms", where),
        JsonFiles.optionalNumberWithoutNull(r, "epochs", where));
  }
}
