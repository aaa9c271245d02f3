package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.internal.data.LibraryVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What produced a fitted model (Tribuo's idea: every model carries its provenance), saved in
 * the model file and read back with it. Immutable, so thread-safe: {@code settings} is a deep
 * copy, unmodifiable at every level (the lists and maps nested in its values too).
 *
 * @param estimator the estimator's name, e.g. "ElasticNetCV"
 * @param settings every setting of the estimator by snake_case name (λ as {@code lambda}, α as
 *     {@code l1_ratio}, ...), JSON values: numbers, strings, booleans, lists; ordered
 * @param seed the seed of the fit's random generators, if it used any
 * @param dataSource where the training data came from (a file name, "double[][]", ...)
 * @param dataFingerprint {@link Dataset#fingerprint()} of the training data, when known
 * @param trainingRows number of training rows, when known
 * @param libraryVersion tikhonov's version that fitted the model ("development" from a source
 *     tree)
 * @param fittedAt when the fit ended (UTC, ISO-8601), when known; as an {@link Instant}:
 *     {@link #fittedAtInstant()}
 */
public record Provenance(
    String estimator,
    Map<String, Object> settings,
    OptionalLong seed,
    String dataSource,
    Optional<String> dataFingerprint,
    OptionalInt trainingRows,
    String libraryVersion,
    Optional<String> fittedAt) {

  public Provenance {
    // Normalized to what JSON gives back (numbers as Integer/Long/Double as Jackson reads them,
    // lists, maps), so a provenance read from a model file equals the one that was saved.
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) deepCopy(normalize(settings));
    settings = copy;
  }

  /** A copy of {@code value} in which every map and list, at every level, is unmodifiable. */
  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, deepCopy(v)));
      return java.util.Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new java.util.ArrayList<>();
      list.forEach(v -> out.add(deepCopy(v)));
      return java.util.Collections.unmodifiableList(out);
    }
    return value;
  }

  private static Map<String, Object> normalize(Map<String, Object> settings) {
    try {
      var mapper = dev.tikhonov.internal.data.Json.MAPPER;
      return mapper.readValue(mapper.writeValueAsString(settings),
          new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("settings must be JSON values: " + e.getMessage(), e);
    }
  }

  /** The provenance of a fit of {@code estimator} on {@code train}, now. */
  static Provenance of(String estimator, Map<String, Object> settings, OptionalLong seed,
      Dataset train) {
    return new Provenance(estimator, settings, seed, train.source(),
        Optional.of(train.fingerprint()), OptionalInt.of(train.numRows()), currentVersion(),
        Optional.of(Instant.now().toString()));
  }

  /**
   * One line without the record's "Optional[…]" wrappers: "Provenance[Ridge{lambda=1.0,
   * standardize=false} on data/diabetes.csv (442 rows, fingerprint 8fa1030558ee…), no seed,
   * tikhonov development, fitted 2026-12-06T10:26:28.176Z]"; what is not known is left out.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Provenance[").append(estimator).append(settings)
        .append(" on ").append(dataSource);
    List<String> data = new java.util.ArrayList<>();
    trainingRows.ifPresent(n -> data.add(n + " rows"));
    dataFingerprint.ifPresent(f -> data.add("fingerprint "
        + (f.length() > 12 ? f.substring(0, 12) + "…" : f)));
    if (!data.isEmpty()) {
      out.append(" (").append(String.join(", ", data)).append(')');
    }
    out.append(seed.isPresent() ? ", seed " + seed.getAsLong() : ", no seed")
        .append(", tikhonov ").append(libraryVersion);
    fittedAt.ifPresent(t -> out.append(", fitted ").append(t));
    return out.append(']').toString();
  }

  /**
   * {@link #fittedAt()} as an {@link Instant}: the string tikhonov writes is
   * {@code Instant.toString()}'s ISO-8601 UTC form ("2026-12-03T09:36:14.747646305Z"), parsed by
   * {@link Instant#parse}. Empty when the time is not known, or when the string is not such an
   * instant (a model file written by hand or by another tool); {@code fittedAt()} keeps it as
   * written.
   */
  public Optional<Instant> fittedAtInstant() {
    return fittedAt.flatMap(t -> {
      try {
        return Optional.of(Instant.parse(t));
      } catch (java.time.format.DateTimeParseException e) {
        return Optional.empty();
      }
    });
  }

  /** The same provenance with more settings (e.g. the λ a cross-validation chose). */
  Provenance withSettings(Map<String, Object> more) {
    Map<String, Object> all = new LinkedHashMap<>(settings);
    all.putAll(more);
    return new Provenance(estimator, all, seed, dataSource, dataFingerprint, trainingRows,
        libraryVersion, fittedAt);
  }

  /** The JSON object stored in a model file under {@code provenance}. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("estimator", estimator);
    m.put("settings", settings);
    m.put("seed", seed.isPresent() ? seed.getAsLong() : null);
    m.put("data", dataSource);
    m.put("data_sha256", dataFingerprint.orElse(null));
    m.put("training_rows", trainingRows.isPresent() ? trainingRows.getAsInt() : null);
    m.put("tikhonov_version", libraryVersion);
    m.put("fitted_at", fittedAt.orElse(null));
    return m;
  }

  /**
   * Reads {@link #toMap()}'s object; files from earlier versions (whose provenance held
   * {@code settings}, {@code seed}, {@code data}, {@code train_data_sha256}) read too, with what
   * they hold. {@code fallbackEstimator} names the estimator when the file does not.
   */
  static Provenance fromMap(Map<String, Object> m, String fallbackEstimator) {
    Object settings = m.get("settings");
    Map<String, Object> s = new LinkedHashMap<>();
    if (settings instanceof Map<?, ?> map) {
      map.forEach((k, v) -> s.put(String.valueOf(k), v));
    }
    Object seed = m.get("seed");
    Object rows = m.get("training_rows");
    Object sha = m.get("data_sha256") != null ? m.get("data_sha256") : m.get("train_data_sha256");
    return new Provenance(
        m.get("estimator") instanceof String e ? e : fallbackEstimator,
        s,
        seed instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty(),
        m.get("data") instanceof String d ? d : "unknown",
        sha instanceof String h ? Optional.of(h) : Optional.empty(),
        rowCount(rows),
        m.get("tikhonov_version") instanceof String v ? v : "unknown",
        m.get("fitted_at") instanceof String t ? Optional.of(t) : Optional.empty());
  }

  /**
   * A row count read back: a whole number from 0 to {@link Integer#MAX_VALUE}, else unknown
   * (a larger count written by hand or by another tool is not wrapped around into a negative
   * one, nor a fraction cut).
   */
  static OptionalInt rowCount(Object value) {
    if (value instanceof Number r) {
      long rows = r.longValue();
      if (rows >= 0 && rows <= Integer.MAX_VALUE && rows == r.doubleValue()) {
        return OptionalInt.of((int) rows);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * tikhonov's version, as model files and run.json record it ({@link LibraryVersion}: the
   * jar's Maven version, "development" when run from classes).
   */
  static String currentVersion() {
    return LibraryVersion.current();
  }
}
