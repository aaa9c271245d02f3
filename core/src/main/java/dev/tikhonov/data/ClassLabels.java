package dev.tikhonov.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps label strings to class indices 0..K−1 in sorted order: numeric order when every label
 * is a finite number (ties between spellings such as "1" and "1.0" broken by the string),
 * otherwise lexicographic order of the strings.
 */
final class ClassLabels {
  final List<String> names;
  private final Map<String, Integer> index;

  private ClassLabels(List<String> names) {
    this.names = List.copyOf(names);
    this.index = new HashMap<>();
    for (int k = 0; k < names.size(); k++) {
      index.put(names.get(k), k);
    }
  }

  static ClassLabels of(Iterable<String> labels) {
    TreeSet<String> distinct = new TreeSet<>();
    for (String label : labels) {
      distinct.add(label);
    }
    boolean allNumeric = true;
    Map<String, Double> values = new HashMap<>();
    for (String label : distinct) {
      try {
        values.put(label, Numbers.parseDouble(label));
      } catch (Numbers.BadNumber e) {
        allNumeric = false;
        break;
      }
    }
    List<String> names = new ArrayList<>(distinct);
    if (allNumeric) {
      names.sort(Comparator.comparing((String s) -> values.get(s))
          .thenComparing(Comparator.naturalOrder()));
    }
    return new ClassLabels(names);
  }

  int indexOf(String label) {
    return index.get(label);
  }
}
