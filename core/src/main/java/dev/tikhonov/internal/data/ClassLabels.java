package dev.tikhonov.internal.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps label strings to class indices 0..K−1 in sorted order: numeric order when every label
 * is a finite number (ties between spellings such as "1" and "1.0" broken by the string),
 * otherwise lexicographic order of the strings. Also: the canonical name of a numeric label
 * (LIBSVM labels are numbers: {@code +1}, {@code 1} and {@code 1.0} are the class {@code "1"}),
 * and how a label finds its class among a model's class names ({@link #indexIn}). Immutable,
 * so thread-safe.
 */
public final class ClassLabels {
  private final List<String> names;
  private final Map<String, Integer> index;

  private ClassLabels(List<String> names) {
    this.names = List.copyOf(names);
    this.index = new HashMap<>();
    for (int k = 0; k < names.size(); k++) {
      index.put(names.get(k), k);
    }
  }

  /** The distinct labels, in the order of their class indices. */
  public static ClassLabels of(Iterable<String> labels) {
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

  /** The class names, index k being class k. */
  public List<String> names() {
    return names;
  }

  /** The class index of {@code label}, one of the labels this was made of. */
  public int indexOf(String label) {
    return index.get(label);
  }

  /**
   * The canonical name of a numeric class label: an integer as its digits without sign or
   * decimals ({@code +1}, {@code 1.0}, {@code 1e0} → {@code "1"}; {@code -0} → {@code "0"}),
   * any other value as {@link Double#toString} ({@code 0.5}, {@code 1.0E20}).
   */
  public static String canonical(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /**
   * The index of {@code label} among {@code classes} (a model's class names): the class of that
   * exact name, else, when the label is a number, the one class whose name is the same number
   * ({@code "1"} finds {@code "+1"}, and {@code "+1"} finds {@code "1"}: a model trained on
   * LIBSVM labels before they were parsed as numbers keeps its names {@code "-1", "+1"}); −1
   * when there is none or more than one.
   */
  public static int indexIn(List<String> classes, String label) {
    int exact = classes.indexOf(label);
    if (exact >= 0) {
      return exact;
    }
    double value;
    try {
      value = Numbers.parseDouble(label);
    } catch (Numbers.BadNumber e) {
      return -1;
    }
    int found = -1;
    for (int k = 0; k < classes.size(); k++) {
      try {
        if (Numbers.parseDouble(classes.get(k)) == value) {
          if (found >= 0) {
            return -1;
          }
          found = k;
        }
      } catch (Numbers.BadNumber e) {
        // a class that is not a number: not this label
      }
    }
    return found;
  }
}
