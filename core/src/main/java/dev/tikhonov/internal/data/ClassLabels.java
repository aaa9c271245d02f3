package dev.tikhonov.internal.data;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps label strings to class indices 0..K−1 by one rule for every reader and for
 * {@code Dataset.ofClasses}: when every label is a finite number, the classes are the distinct
 * values (compared exactly, so {@code 1}, {@code +1}, {@code 1.0} and {@code 1e0} are one class
 * and two 17-digit codes stay two), in numeric order, each named canonically
 * ({@link #canonical}); otherwise every distinct string is a class, in lexicographic order.
 * Also how a label finds its class among a model's class names ({@link #indexIn}). Immutable,
 * so thread-safe.
 */
public final class ClassLabels {
  /** Plain decimals up to this length name a class; longer ones are written with an exponent. */
  private static final int PLAIN_LENGTH = 21;

  private final List<String> names;
  private final Map<String, Integer> index;

  /**
   * How to give {@code data} class targets, for a message refusing its numeric target: the
   * factory that builds such data in code (sparse or dense, as {@code data} is) or the reader's
   * {@link TargetKind#CLASS}.
   */
  public static String howToGiveClasses(Dataset data) {
    return data.isSparse()
        ? "build it with Dataset.sparseClasses(x, labels) or read it with TargetKind.CLASS"
        : "build it with Dataset.ofClasses(x, labels) or read it with TargetKind.CLASS";
  }

  private ClassLabels(List<String> names, Map<String, Integer> index) {
    this.names = List.copyOf(names);
    this.index = Map.copyOf(index);
  }

  /** The classes of the labels, numbered by the rule above. */
  public static ClassLabels of(Iterable<String> labels) {
    TreeSet<String> distinct = new TreeSet<>();
    for (String label : labels) {
      distinct.add(label);
    }
    TreeMap<BigDecimal, List<String>> byValue = new TreeMap<>();
    for (String label : distinct) {
      Optional<BigDecimal> value = value(label);
      if (value.isEmpty()) {
        return text(distinct);
      }
      byValue.computeIfAbsent(value.get(), v -> new ArrayList<>()).add(label);
    }
    List<String> names = new ArrayList<>(byValue.size());
    Map<String, Integer> index = new HashMap<>();
    for (Map.Entry<BigDecimal, List<String>> e : byValue.entrySet()) {
      for (String spelling : e.getValue()) {
        index.put(spelling, names.size());
      }
      names.add(canonical(e.getKey()));
    }
    return new ClassLabels(names, index);
  }

  private static ClassLabels text(TreeSet<String> distinct) {
    List<String> names = new ArrayList<>(distinct);
    Map<String, Integer> index = new HashMap<>();
    for (int k = 0; k < names.size(); k++) {
      index.put(names.get(k), k);
    }
    return new ClassLabels(names, index);
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
   * The exact value {@code label} spells when it is a finite number as {@link Numbers} reads
   * one ({@code +1}, {@code 1.0}, {@code .5}, {@code 1e3}), else empty.
   */
  public static Optional<BigDecimal> value(String label) {
    double parsed;
    try {
      parsed = Numbers.parseDouble(label);
    } catch (Numbers.BadNumber e) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(label.strip()));
    } catch (NumberFormatException e) {
      return Optional.of(BigDecimal.valueOf(parsed)); // an exponent beyond an int: 1e-9999999999
    }
  }

  /**
   * The name of a numeric class: the value's shortest plain decimal ({@code +1}, {@code 1.0},
   * {@code 1e0} → {@code "1"}; {@code 010} → {@code "10"}; {@code -0} → {@code "0"};
   * {@code 2.50} → {@code "2.5"}; {@code 1e-3} → {@code "0.001"}), or with an exponent when
   * that is longer than 21 characters ({@code 1e40} → {@code "1E+40"}).
   */
  public static String canonical(BigDecimal value) {
    BigDecimal v = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    return plainLength(v) <= PLAIN_LENGTH ? v.toPlainString() : v.toString();
  }

  /**
   * The length of {@code v.toPlainString()}, counted without writing it: a label of 1e-999999999
   * reads as a number (0.0 in double), and its plain decimal has a billion characters.
   */
  private static long plainLength(BigDecimal v) {
    long digits = v.precision();
    long scale = v.scale();
    long unsigned = scale <= 0 ? digits - scale // digits, then −scale zeros
        : scale >= digits ? 2 + scale // "0." and zeros before the digits
        : digits + 1; // a point among the digits
    return unsigned + (v.signum() < 0 ? 1 : 0);
  }

  /**
   * The index of {@code label} among {@code classes} (a model's class names): the class of that
   * exact name, else, when the label is a number, the one class whose name is the same number
   * ({@code "1.0"} finds {@code "1"}, and {@code "1"} finds {@code "+1"} or {@code "1.0"}: a
   * model trained before numeric labels were one class per value keeps the names its data
   * spelled); −1 when there is none or more than one.
   */
  public static int indexIn(List<String> classes, String label) {
    int exact = classes.indexOf(label);
    if (exact >= 0) {
      return exact;
    }
    Optional<BigDecimal> value = value(label);
    if (value.isEmpty()) {
      return -1;
    }
    int found = -1;
    for (int k = 0; k < classes.size(); k++) {
      Optional<BigDecimal> name = value(classes.get(k));
      if (name.isPresent() && name.get().compareTo(value.get()) == 0) {
        if (found >= 0) {
          return -1;
        }
        found = k;
      }
    }
    return found;
  }

  /** How many class names {@link #listed} writes out before it counts the rest. */
  public static final int LISTED_CLASSES = 30;

  /**
   * A model's class names for a message, as {@code List.toString} writes them ("[neg, pos]"),
   * the first {@link #LISTED_CLASSES} of them and then how many more ("[c0, …, c29, … (470
   * more)]"): a 500-class model's unknown-label error was one line of 3,500 characters. Each
   * name is {@link Numbers#escape escaped} as the missing-column message quotes it ("a\x0ab"):
   * a name holding a line break (a quoted CSV cell) made the message two lines.
   */
  public static String listed(List<String> classes) {
    StringBuilder s = new StringBuilder("[");
    int shown = Math.min(classes.size(), LISTED_CLASSES);
    for (int k = 0; k < shown; k++) {
      s.append(k == 0 ? "" : ", ").append(Numbers.escape(classes.get(k)));
    }
    if (shown < classes.size()) {
      s.append(", … (").append(classes.size() - shown).append(" more)");
    }
    return s.append(']').toString();
  }
}
