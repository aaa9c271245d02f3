package dev.tikhonov.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.estimate.Provenance;
import dev.tikhonov.estimate.RegularizationPath;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSolution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a {@link SparkElasticNetCV} fit records beside its path, so that its model can become the
 * core's ({@link SparkElasticNetModel#toLinearModel()}, {@link
 * SparkElasticNetModel#toLinearClassifier()}): the scale sⱼ the penalty acted on per feature,
 * the normalized penalty factors vⱼ, and the fit's {@link Provenance}. The penalty at λ is then
 * {@code λ Σₖ Σⱼ vⱼ[(1−α)/2 (sⱼbₖⱼ)² + α|sⱼbₖⱼ|]} with b on the original scale (DESIGN.md's
 * objective). Immutable in meaning (arrays copied in and out); thread-safe.
 *
 * @param penaltyScales sⱼ: √(Sxx_jj/W), the standard deviation with divisor W = Σwᵢ the fit
 *     standardized with ({@link GaussianStatistics#standardDeviations()} of all rows), when it
 *     standardized and the feature varies; else 1
 * @param penaltyFactors vⱼ, normalized to sum to p (all 1: the estimator takes no factors)
 * @param provenance the estimator's settings, the folds' seed, the training rows, the version
 *     and time of the fit (the models at one λ add {@code lambda})
 */
record FitRecord(double[] penaltyScales, double[] penaltyFactors, Provenance provenance) {
  /** The name a converted model's provenance gives its training data. */
  static final String DATA_SOURCE = "Spark Dataset";

  FitRecord {
    Objects.requireNonNull(provenance, "provenance");
    penaltyScales = penaltyScales.clone();
    penaltyFactors = penaltyFactors.clone();
    if (penaltyScales.length != penaltyFactors.length) {
      throw new IllegalArgumentException(penaltyScales.length + " scales and "
          + penaltyFactors.length + " factors");
    }
  }

  @Override
  public double[] penaltyScales() {
    return penaltyScales.clone();
  }

  @Override
  public double[] penaltyFactors() {
    return penaltyFactors.clone();
  }

  /** sⱼ of the fit on {@code total}, all rows' statistics: the rule of the fit's own design. */
  static double[] penaltyScales(GaussianStatistics total, boolean standardize) {
    double[] scale = total.standardDeviations();
    for (int j = 0; j < scale.length; j++) {
      scale[j] = standardize && scale[j] > 0 ? scale[j] : 1.0;
    }
    return scale;
  }

  /**
   * {@code path} as the core's path of models with this record's penalty and provenance:
   * {@link RegularizationPath#ofClassification} for binomial and multinomial, else
   * {@link RegularizationPath#ofRegression}.
   */
  RegularizationPath<? extends Predictor> regularizationPath(PathSolution path) {
    return path.family().isClassification()
        ? RegularizationPath.ofClassification(path, penaltyFactors, penaltyScales, provenance)
        : RegularizationPath.ofRegression(path, penaltyFactors, penaltyScales, provenance);
  }

  /** The training rows as the core's provenance counts them: empty beyond an int. */
  static OptionalInt rows(long count) {
    return count <= Integer.MAX_VALUE ? OptionalInt.of((int) count) : OptionalInt.empty();
  }

  /**
   * The provenance as one JSON object with the model file's names (docs/model-files.md):
   * estimator, settings, seed, data, data_sha256, training_rows, tikhonov_version, fitted_at.
   */
  String provenanceJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("estimator", provenance.estimator());
    m.put("settings", provenance.settings());
    m.put("seed", provenance.seed().isPresent() ? provenance.seed().getAsLong() : null);
    m.put("data", provenance.dataSource());
    m.put("data_sha256", provenance.dataFingerprint().orElse(null));
    m.put("training_rows", provenance.trainingRows().isPresent()
        ? provenance.trainingRows().getAsInt() : null);
    m.put("tikhonov_version", provenance.libraryVersion());
    m.put("fitted_at", provenance.fittedAt().orElse(null));
    try {
      return Json.MAPPER.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the provenance's settings are JSON values", e);
    }
  }

  /**
   * The record of {@link #provenanceJson()}'s text and the two arrays, as the model's data row
   * holds them.
   *
   * @throws InputException naming {@code source} when the text is not such an object
   */
  static FitRecord read(double[] penaltyScales, double[] penaltyFactors, String json,
      String source) {
    Map<String, Object> m;
    try {
      m = Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new InputException(source + ": the provenance is not a JSON object ("
          + e.getOriginalMessage() + ")", e);
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    if (m.get("settings") instanceof Map<?, ?> s) {
      s.forEach((k, v) -> settings.put(String.valueOf(k), v));
    }
    Provenance provenance = new Provenance(
        m.get("estimator") instanceof String e ? e : "SparkElasticNetCV",
        settings,
        m.get("seed") instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty(),
        m.get("data") instanceof String d ? d : DATA_SOURCE,
        m.get("data_sha256") instanceof String h ? Optional.of(h) : Optional.empty(),
        m.get("training_rows") instanceof Number r && r.longValue() >= 0
            && r.longValue() == r.doubleValue() ? rows(r.longValue()) : OptionalInt.empty(),
        m.get("tikhonov_version") instanceof String v ? v : "unknown",
        m.get("fitted_at") instanceof String t ? Optional.of(t) : Optional.empty());
    return new FitRecord(penaltyScales, penaltyFactors, provenance);
  }
}
