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
}
