package dev.tikhonov.internal.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Not API. The first value given more than once in a list of settings (λ, dropouts, γ, …),
 * named with its positions, for the refusals of every such list: "0.2 is given twice (values 2
 * and 3)". Numbers are compared as numbers, so 0 and -0 are one value ("0.0 and -0.0 (values 1
 * and 2) are the same"). Stateless, so thread-safe.
 */
public final class Repeats {
  private Repeats() {}

  /**
   * The first value of {@code values} (in the order given) that appears again, with every
   * position it is at (1-based); empty when all differ.
   */
  public static Optional<String> first(double[] values) {
    // sorted once first: a grid of many thousand λ is not compared pair by pair
    if (allDistinct(values)) {
      return Optional.empty();
    }
    for (int i = 0; i < values.length; i++) {
      List<Integer> at = new ArrayList<>(List.of(i + 1));
      String spelt = String.valueOf(values[i]);
      String other = spelt;
      for (int j = i + 1; j < values.length; j++) {
        if (values[j] == values[i]) { // == holds for 0.0 and -0.0, unlike Double.equals
          at.add(j + 1);
          other = other.equals(spelt) ? String.valueOf(values[j]) : other;
        }
      }
      if (at.size() > 1) {
        String positions = "values " + String.join(", ", at.subList(0, at.size() - 1).stream()
            .map(String::valueOf).toList()) + " and " + at.get(at.size() - 1);
        return Optional.of(other.equals(spelt)
            ? spelt + " is given " + (at.size() == 2 ? "twice" : at.size() + " times") + " ("
                + positions + ")"
            : spelt + " and " + other + " (" + positions + ") are the same");
      }
    }
    return Optional.empty();
  }

  private static boolean allDistinct(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) { // -0.0 sorts next to 0.0, and == holds for them
        return false;
      }
    }
    return true;
  }
}
