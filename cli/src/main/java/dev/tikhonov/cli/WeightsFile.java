package dev.tikhonov.cli;

import dev.tikhonov.data.Json;
import dev.tikhonov.experiment.Histogram;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.Sequential;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code weights.json}: per weight matrix its norm and a 60-bin histogram. */
final class WeightsFile {
  private WeightsFile() {}

  static void write(Path dir, Sequential network) {
    List<Map<String, Object>> layers = new ArrayList<>();
    for (Parameter p : network.weights()) {
      Map<String, Object> layer = new LinkedHashMap<>();
      layer.put("name", p.name());
      layer.put("rows", p.value().rows());
      layer.put("cols", p.value().cols());
      layer.put("norm", Math.sqrt(p.value().sumOfSquares()));
      Histogram h = Histogram.of(p.value().toArray(), 60);
      layer.put("histogram", Map.of("edges", h.edges(), "counts", h.counts()));
      layers.add(layer);
    }
    Json.write(dir.resolve("weights.json"), Map.of("layers", layers));
  }
}
