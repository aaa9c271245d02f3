package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.select.CvMeasure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * path.json's {@code "l1_ratios"} (path --l1-ratio A,B,… with CV; docs/formats.md): for each
 * α of {@code (1/n) Σ ℓ + λ Σ vⱼ [(1−α)/2 bⱼ² + α|bⱼ|]}, its own λ grid and its
 * cross-validated score per λ, mean ± standard error over the same folds for every α; the
 * chosen α is the one whose score at its λ_min is best, {@code rule} says which λ of it the
 * run kept (min or 1se) and {@code measure} what the scores are (empty for a path.json written
 * before the block named it: the cv block's measure then, which scored the α as well).
 * Immutable and thread-safe: the candidates' arrays are copied in and out.
 */
record L1RatioCurves(double chosen, String rule, Optional<CvMeasure> measure,
    List<L1RatioCurves.Candidate> candidates) {

  /** One α's cross-validation: its λ (decreasing), the mean and SE per λ, λ_min and λ_1se. */
  record Candidate(double l1Ratio, double[] lambda, double[] mean, double[] se,
      double lambdaMin, double lambda1se) {
    Candidate {
      lambda = lambda.clone();
      mean = mean.clone();
      se = se.clone();
    }

    /** The λ, decreasing; a new array. */
    @Override
    public double[] lambda() {
      return lambda.clone();
    }

    /** The mean score per λ; a new array. */
    @Override
    public double[] mean() {
      return mean.clone();
    }

    /** Its standard error per λ; a new array. */
    @Override
    public double[] se() {
      return se.clone();
    }

    /** The mean score at the λ closest to {@code value} on the log scale. */
    double meanAt(double value) {
      return mean[PathData.indexOf(lambda, value)];
    }
  }

  L1RatioCurves {
    candidates = List.copyOf(candidates);
  }

  /** The chosen α's candidate. */
  Candidate chosenCandidate() {
    return candidates.stream().filter(c -> c.l1Ratio() == chosen).findFirst().orElseThrow();
  }

  /** The λ the run kept of the chosen α: its λ_1se under the 1se rule, else its λ_min. */
  double chosenLambda() {
    Candidate c = chosenCandidate();
    return "1se".equals(rule) ? c.lambda1se() : c.lambdaMin();
  }

  /** Every α, in the order given. */
  double[] l1Ratios() {
    return candidates.stream().mapToDouble(Candidate::l1Ratio).toArray();
  }

  /**
   * {@code root.l1_ratios}; empty when path.json has none (a one-α run, or one written before
   * several α were cross-validated). A block that is there but malformed is an error naming
   * the file and the entry.
   */
  static Optional<L1RatioCurves> read(JsonNode root, String file) {
    JsonNode node = root.get("l1_ratios");
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String where = file + ": l1_ratios";
    JsonNode list = node.get("candidates");
    if (!node.isObject() || list == null || !list.isArray()) {
      throw new InputException(where + " must be an object with an array \"candidates\" (one"
          + " entry per α of path --l1-ratio)");
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int a = 0; a < list.size(); a++) {
      String w = where + ".candidates[" + a + "]";
      JsonNode c = list.get(a);
      double alpha = JsonFiles.number(c, "l1_ratio", w);
      if (!(alpha >= 0 && alpha <= 1)) {
        throw new InputException(w + ": \"l1_ratio\" must be in [0, 1], found " + alpha);
      }
      for (Candidate earlier : candidates) {
        if (earlier.l1Ratio() == alpha) {
          throw new InputException(w + ": α " + alpha + " is there twice; each α needs one"
              + " curve");
        }
      }
      double[] lambda = JsonFiles.lambdas(c, "lambda", w);
      double[] mean = JsonFiles.numbers(c, "cv_mean", w);
      double[] se = JsonFiles.numbers(c, "cv_se", w);
      if (lambda.length == 0 || mean.length != lambda.length || se.length != lambda.length) {
        throw new InputException(w + ": \"lambda\", \"cv_mean\" and \"cv_se\" must have one"
            + " entry per λ, and at least one; found " + lambda.length + ", " + mean.length
            + " and " + se.length);
      }
      candidates.add(new Candidate(alpha, lambda, mean, se,
          JsonFiles.lambda(c, "lambda_min", w), JsonFiles.lambda(c, "lambda_1se", w)));
    }
    double chosen = JsonFiles.number(node, "chosen", where);
    if (candidates.stream().noneMatch(c -> c.l1Ratio() == chosen)) {
      throw new InputException(where + ": \"chosen\" must be one of the candidates' l1_ratio,"
          + " found " + chosen);
    }
    String rule = node.path("rule").asText("min");
    JsonNode measure = node.get("measure");
    return Optional.of(new L1RatioCurves(chosen, rule, measure == null || measure.isNull()
        ? Optional.empty() : Optional.of(PathJson.measure(node, where)), candidates));
  }
}
