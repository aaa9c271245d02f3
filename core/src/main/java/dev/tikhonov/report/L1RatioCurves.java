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
 * cross-validation over it, mean ± standard error per λ over the same folds for every α; the
 * chosen α is the one whose score at its λ_min is best, and {@code rule} says which λ of it the
 * run kept (min or 1se). Immutable and thread-safe: the candidates' arrays are copied in and
 * out.
 */
record L1RatioCurves(double chosen, String rule, List<L1RatioCurves.Candidate> candidates) {

  /**
   * One α's cross-validation on its own λ (decreasing): a path's {@code cv}, with the λ it was
   * scored on, since each α has its grid.
   */
  record Candidate(double l1Ratio, double[] lambda, PathData.CrossValidation cv) {
    Candidate {
      lambda = lambda.clone();
      java.util.Objects.requireNonNull(cv, "cv");
    }

    /** The λ, decreasing; a new array. */
    @Override
    public double[] lambda() {
      return lambda.clone();
    }

    /** The mean score at the λ closest to {@code value} on the log scale. */
    double meanAt(double value) {
      return cv.mean(PathData.indexOf(lambda, value));
    }
  }

  L1RatioCurves {
    candidates = List.copyOf(candidates);
  }

  /** What scored every α (each candidate's {@code cv} was scored by it). */
  CvMeasure measure() {
    return chosenCandidate().cv().measure();
  }

  /** The chosen α's candidate. */
  Candidate chosenCandidate() {
    return candidates.stream().filter(c -> c.l1Ratio() == chosen).findFirst().orElseThrow();
  }

  /** The λ the run kept of the chosen α: its λ_1se under the 1se rule, else its λ_min. */
  double chosenLambda() {
    Candidate c = chosenCandidate();
    return "1se".equals(rule) ? c.cv().lambda1se() : c.cv().lambdaMin();
  }

  /** Every α, in the order given. */
  double[] l1Ratios() {
    return candidates.stream().mapToDouble(Candidate::l1Ratio).toArray();
  }

  /**
   * {@code root.l1_ratios}; empty when path.json has none (a one-α run, or one written before
   * several α were cross-validated). A block that is there but malformed is an error naming
   * the file and the entry. The α were scored by the block's {@code measure}, or, in a
   * path.json written before the block named it, by the cv block's, which scored them as well
   * (the deviance when that names none either).
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
    JsonNode cv = root.get("cv");
    JsonNode blockMeasure = node.get("measure");
    CvMeasure measure = blockMeasure != null && !blockMeasure.isNull()
        ? PathJson.measure(node, where)
        : cv != null && cv.isObject() ? PathJson.measure(cv, file + ": cv") : CvMeasure.DEVIANCE;
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
      candidates.add(new Candidate(alpha, lambda, new PathData.CrossValidation(mean, se,
          JsonFiles.lambda(c, "lambda_min", w), JsonFiles.lambda(c, "lambda_1se", w), measure)));
    }
    double chosen = JsonFiles.number(node, "chosen", where);
    if (candidates.stream().noneMatch(c -> c.l1Ratio() == chosen)) {
      throw new InputException(where + ": \"chosen\" must be one of the candidates' l1_ratio,"
          + " found " + chosen);
    }
    return Optional.of(new L1RatioCurves(chosen, node.path("rule").asText("min"), candidates));
  }
}
