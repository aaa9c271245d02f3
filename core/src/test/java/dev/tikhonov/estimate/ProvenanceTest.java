package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A provenance is immutable as its javadoc says: its settings are a deep copy, unmodifiable at
 * every level, so neither the map given nor what {@code settings()} returns, nested lists and
 * maps included, can change the provenance a model carries and saves.
 */
class ProvenanceTest {
  @Test
  void settings_areADeepUnmodifiableCopy() {
    List<Object> hidden = new ArrayList<>(List.of(256, 128));
    Map<String, Object> optimizer = new LinkedHashMap<>(Map.of("kind", "sgd"));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("hidden_layers", hidden);
    settings.put("optimizer", optimizer);
    Provenance p = new Provenance("MlpClassifier", settings, OptionalLong.of(0), "double[][]",
        Optional.empty(), OptionalInt.of(10), "development", Optional.empty());

    hidden.add(64);
    optimizer.put("kind", "adam");
    settings.put("lambda", 1.0);
    assertEquals(Map.of("hidden_layers", List.of(256, 128), "optimizer", Map.of("kind", "sgd")),
        p.settings());

    @SuppressWarnings("unchecked")
    List<Object> gotHidden = (List<Object>) p.settings().get("hidden_layers");
    @SuppressWarnings("unchecked")
    Map<String, Object> gotOptimizer = (Map<String, Object>) p.settings().get("optimizer");
    assertThrows(UnsupportedOperationException.class, () -> gotHidden.add(64));
    assertThrows(UnsupportedOperationException.class, () -> gotOptimizer.put("kind", "adam"));
    assertThrows(UnsupportedOperationException.class, () -> p.settings().remove("optimizer"));
    assertEquals(List.of(256, 128), p.settings().get("hidden_layers"));
  }

  @Test
  void fittedAtInstant_isTheIsoTimeAsAnInstant_andEmptyWhenUnknownOrNotIso() {
    java.time.Instant before = java.time.Instant.now();
    Provenance fitted = Ridge.builder().lambda(1).build()
        .fit(dev.tikhonov.data.Dataset.of(new double[][] {{1}, {2}, {4}}, new double[] {1, 3, 4}))
        .provenance();
    java.time.Instant after = java.time.Instant.now();
    java.time.Instant at = fitted.fittedAtInstant().orElseThrow();
    assertEquals(fitted.fittedAt().orElseThrow(), at.toString());
    org.junit.jupiter.api.Assertions.assertFalse(at.isBefore(before) || at.isAfter(after),
        before + " ≤ " + at + " ≤ " + after);
    assertEquals(Optional.of(java.time.Instant.parse("2026-12-03T09:36:14.747646305Z")),
        withFittedAt(Optional.of("2026-12-03T09:36:14.747646305Z")).fittedAtInstant());
    assertEquals(Optional.empty(), withFittedAt(Optional.empty()).fittedAtInstant());
    assertEquals(Optional.empty(), withFittedAt(Optional.of("3 December 2026")).fittedAtInstant());
    assertEquals(Optional.of("3 December 2026"),
        withFittedAt(Optional.of("3 December 2026")).fittedAt());
  }

  private static Provenance withFittedAt(Optional<String> fittedAt) {
    return new Provenance("Ridge", Map.of(), OptionalLong.empty(), "double[][]",
        Optional.empty(), OptionalInt.empty(), "development", fittedAt);
  }
}
