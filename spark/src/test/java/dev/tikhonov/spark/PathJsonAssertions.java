package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Comparisons of two path.json files (the job's and core's) shared by the Spark tests. */
final class PathJsonAssertions {
  private PathJsonAssertions() {}

  /**
   * {@code got}'s path is {@code want}'s: the fields {@code keys} equal, the same number of λ,
   * each λ within 1e-12 of the first, and each λ's intercepts and coefficients within 1e-7.
   */
  static void samePath(JsonNode want, JsonNode got, List<String> keys) {
    for (String key : keys) {
      assertEquals(want.get(key), got.get(key), key);
    }
    assertEquals(want.get("lambda").size(), got.get("lambda").size(), "path length");
    for (int l = 0; l < want.get("lambda").size(); l++) {
      assertEquals(want.get("lambda").get(l).asDouble(), got.get("lambda").get(l).asDouble(),
          1e-12 * want.get("lambda").get(0).asDouble());
      for (String key : List.of("intercept", "coef")) {
        double[] a = flat(want.get(key).get(l));
        double[] b = flat(got.get(key).get(l));
        assertEquals(a.length, b.length, key);
        for (int j = 0; j < a.length; j++) {
          assertEquals(a[j], b[j], 1e-7, key + " " + j + " at λ #" + l);
        }
      }
    }
  }

  /** The numbers of a JSON number or (nested) array of numbers, in order. */
  static double[] flat(JsonNode node) {
    List<Double> values = new ArrayList<>();
    flat(node, values);
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void flat(JsonNode node, List<Double> values) {
    if (node.isArray()) {
      node.forEach(n -> flat(n, values));
    } else {
      values.add(node.asDouble());
    }
  }
}
