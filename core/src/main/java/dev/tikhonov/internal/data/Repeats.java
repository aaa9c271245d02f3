package dev.tikhonov.internal.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
        return Optional.of(named(spelt, other, at));
      }
    }
    return Optional.empty();
  }

  /**
   * As {@link #first(double[])} for a list of other values (seeds, names, data sets), two being
   * one value when their {@code key}s are equal: "1 is given twice (values 1 and 3)", or, for
   * two spellings of one key ("d" and "./d" of one folder), "d and ./d (values 1 and 2) are the
   * same". Values are spelt by {@code String.valueOf}.
   */
  public static <T> Optional<String> first(List<T> values, Function<? super T, ?> key) {
    Map<Object, Integer> firstAt = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      Integer before = firstAt.putIfAbsent(key.apply(values.get(i)), i);
      if (before == null) {
        continue;
      }
      // the first value that repeats: every position of it, the later ones included
      Object k = key.apply(values.get(before));
      List<Integer> at = new ArrayList<>();
      String spelt = String.valueOf(values.get(before));
      String other = spelt;
      for (int j = before; j < values.size(); j++) {
        if (Objects.equals(key.apply(values.get(j)), k)) {
          at.add(j + 1);
          String s = String.valueOf(values.get(j));
          other = other.equals(spelt) ? s : other;
        }
      }
      return Optional.of(named(spelt, other, at));
    }
    return Optional.empty();
  }

  private static String named(String spelt, String other, List<Integer> at) {
    String positions = "values " + String.join(", ", at.subList(0, at.size() - 1).stream()
        .map(String::valueOf).toList()) + " and " + at.get(at.size() - 1);
    return other.equals(spelt)
        ? spelt + " is given " + (at.size() == 2 ? "twice" : at.size() + " times") + " ("
            + positions + ")"
        : spelt + " and " + other + " (" + positions + ") are the same";
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
