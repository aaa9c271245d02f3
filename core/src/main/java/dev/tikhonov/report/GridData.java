package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.report.GridFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid search as grid.json stores it ({@link GridFiles}): each candidate's settings and
 * held-out loss mean ± SE (and misclassification rate) or where it diverged, the best, one-SE
 * and chosen index. {@code measureId} is grid.json's measure_id (deviance when absent, a file from
 * before it).
 *
 * <p>JSON null, as {@link GridFiles} writes it: a scored candidate's {@code se},
 * {@code loss_se} and {@code misclassification_se} where not finite, and
 * {@code misclassification_mean} of a regression; these read as NaN (shown as absent). A scored
 * candidate's {@code mean} and {@code loss_mean} and the search's {@code seconds} are always
 * numbers ("NaN" when not finite): a null there is an {@link InputException} naming the file
 * and the key; {@code loss_mean} and {@code seconds} missing (a file from before them) read as
 * NaN.
 */
record GridData(String rule, String measure, String measureId, List<Candidate> candidates,
    int best, int oneSe, int chosen, double seconds) {

  /**
   * One candidate: its settings as text and numbers, its scores; a diverged candidate has no
   * scores (NaN here, never drawn) and {@code diverged} says where ("split 1, epoch 2").
   * {@code lossMean} is the held-out loss kept beside a measure other than the deviance (NaN
   * when the file has none).
   */
  record Candidate(Map<String, JsonNode> settings, double mean, double se, double errorMean,
      double errorSe, double lossMean, double lossSe, java.util.Optional<String> diverged) {

    boolean scored() {
      return diverged.isEmpty();
    }

    /** A setting as a number, NaN when missing or not a number. */
    double number(String key) {
      JsonNode v = settings.get(key);
      return v != null && v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    /** The settings in {@code keys} other than {@code except}, as "key value, ...". */
    String label(String except, java.util.Collection<String> keys) {
      List<String> parts = new ArrayList<>();
      settings.forEach((k, v) -> {
        if (!k.equals(except) && keys.contains(k)) {
          parts.add(k.replace('_', ' ') + " " + Html.text(v));
        }
      });
      return parts.isEmpty() ? "all candidates" : String.join(", ", parts);
    }
  }

  /** The setting names whose values differ between candidates, in order. */
  List<String> varying() {
    List<String> out = new ArrayList<>();
    for (String k : candidates.get(0).settings().keySet()) {
      JsonNode first = candidates.get(0).settings().get(k);
      if (candidates.stream().anyMatch(c -> !java.util.Objects.equals(first,
          c.settings().get(k)))) {
        out.add(k);
      }
    }
    return out;
  }

  static GridData read(Path file) {
    return read(JsonFiles.read(file), file);
  }

  /** The grid search in {@code root}, the parsed {@code file} (named in messages). */
  static GridData read(JsonNode root, Path file) {
    String where = file.toString();
    JsonNode cs = root.get("candidates");
    if (cs == null || !cs.isArray() || cs.size() == 0) {
      throw new InputException(where + ": \"candidates\" must be a non-empty array");
    }
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < cs.size(); i++) {
      JsonNode c = cs.get(i);
      String w = where + ": candidates[" + i + "]";
      Map<String, JsonNode> settings = new LinkedHashMap<>();
      c.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue()));
      if (c.path("outcome").asText("scored").equals("diverged")) {
        JsonNode d = c.path("diverged");
        out.add(new Candidate(settings, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, java.util.Optional.of("split "
                + d.path("split").asText("?") + ", epoch " + d.path("epoch").asText("?"))));
        continue;
      }
      // grid.json's null is an SE of one split, never a scored candidate's mean
      out.add(new Candidate(settings, JsonFiles.numberWithoutNull(c, "mean", w),
          JsonFiles.optionalNumber(c, "se", w),
          JsonFiles.optionalNumber(c, "misclassification_mean", w),
          JsonFiles.optionalNumber(c, "misclassification_se", w),
          JsonFiles.optionalNumberWithoutNull(c, "loss_mean", w),
          JsonFiles.optionalNumber(c, "loss_se", w),
          java.util.Optional.empty()));
    }
    int n = out.size();
    int best = index(root, "best", n, where);
    int oneSe = index(root, "one_se", n, where);
    int chosen = index(root, "chosen", n, where);
    return new GridData(root.path("rule").asText("1se"),
        root.path("measure").asText("held-out loss"), root.path("measure_id").asText("deviance"),
        List.copyOf(out), best, oneSe, chosen,
        JsonFiles.optionalNumberWithoutNull(root, "seconds", where));
  }

  private static int index(JsonNode root, String field, int n, String where) {
    int i = root.path(field).asInt(-1);
    if (i < 0 || i >= n) {
      throw new InputException(where + ": \"" + field + "\" must be a candidate index 0.."
          + (n - 1));
    }
    return i;
  }
}
