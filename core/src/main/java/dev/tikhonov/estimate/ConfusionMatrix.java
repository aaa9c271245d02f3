package dev.tikhonov.estimate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How often each class was predicted as each other one: {@code count(k, l)} = #{i : yᵢ = k,
 * ŷᵢ = l} over the evaluated rows, with yᵢ the row's class and ŷᵢ = argmaxₖ p(k|xᵢ) the
 * classifier's most probable class, both indices into {@link #classNames()}. Rows are the
 * actual classes and columns the predicted ones, as in scikit-learn's
 * {@code confusion_matrix(y_true, y_pred)} and Smile's {@code ConfusionMatrix}; the diagonal
 * holds the rows classified right, so Σₖ count(k, k) / n is
 * {@link ClassifierEvaluation#accuracy()}. Counts, not weighted and not normalized. From
 * {@link Classifier#confusionMatrix}. Immutable, so
 * thread-safe.
 */
public final class ConfusionMatrix {
  private final List<String> classNames;
  private final int[][] counts;
  private final int total;

  private ConfusionMatrix(List<String> classNames, int[][] counts, int total) {
    this.classNames = classNames;
    this.counts = counts;
    this.total = total;
  }

  /**
   * The matrix of {@code actual} against {@code predicted} class indices, one pair per row.
   *
   * @throws IllegalArgumentException when the arrays differ in length or an index is not in
   *     0..K−1 for the K class names
   */
  public static ConfusionMatrix of(List<String> classNames, int[] actual, int[] predicted) {
    List<String> names = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(predicted, "predicted");
    if (actual.length != predicted.length) {
      throw new IllegalArgumentException(actual.length + " actual classes but "
          + predicted.length + " predicted ones");
    }
    int k = names.size();
    int[][] counts = new int[k][k];
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] < 0 || actual[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
        throw new IllegalArgumentException("row " + (i + 1) + ": class index " + actual[i]
            + " or " + predicted[i] + " is not in 0.." + (k - 1));
      }
      counts[actual[i]][predicted[i]]++;
    }
    return new ConfusionMatrix(names, counts, actual.length);
  }

  /** The K class names; index k of {@link #count} is class {@code classNames().get(k)}. */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * The number of rows of class {@code actual} predicted as class {@code predicted}.
   *
   * @throws IndexOutOfBoundsException when an index is not in 0..K−1, naming it and the classes
   */
  public int count(int actual, int predicted) {
    return counts[requireClass("actual", actual)][requireClass("predicted", predicted)];
  }

  private int requireClass(String which, int index) {
    if (index < 0 || index >= counts.length) {
      throw new IndexOutOfBoundsException(which + " class " + index + " of a confusion matrix of "
          + counts.length + " classes "
          + (counts.length <= 10 ? classNames.toString() : "(" + classNames.get(0) + " … "
              + classNames.get(counts.length - 1) + ")")
          + " (0-based)");
    }
    return index;
  }

  /** The K×K counts, [actual][predicted], a new array. */
  public int[][] counts() {
    int[][] out = new int[counts.length][];
    for (int k = 0; k < counts.length; k++) {
      out[k] = counts[k].clone();
    }
    return out;
  }

  /** The number of rows counted, n. */
  public int rows() {
    return total;
  }

  /** Σₖ count(k, k) / n, the share of rows classified right (NaN for no rows). */
  public double accuracy() {
    long right = 0;
    for (int k = 0; k < counts.length; k++) {
      right += counts[k][k];
    }
    return (double) right / total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix m && classNames.equals(m.classNames)
        && Arrays.deepEquals(counts, m.counts);
  }

  @Override
  public int hashCode() {
    return 31 * classNames.hashCode() + Arrays.deepHashCode(counts);
  }

  /**
   * A table with a header line, one line per actual class and one column per predicted class,
   * aligned:
   *
   * <pre>
   * ConfusionMatrix[3 rows; rows: actual class, columns: predicted]
   *      cat dog
   * cat    1   0
   * dog    1   1
   * </pre>
   */
  @Override
  public String toString() {
    int width = 1;
    for (String name : classNames) {
      width = Math.max(width, name.length());
    }
    for (int[] row : counts) {
      for (int c : row) {
        width = Math.max(width, Integer.toString(c).length());
      }
    }
    StringBuilder s = new StringBuilder("ConfusionMatrix[").append(total)
        .append(total == 1 ? " row" : " rows").append("; rows: actual class, columns: predicted]");
    s.append('\n').append(pad("", width));
    for (String name : classNames) {
      s.append(' ').append(pad(name, width));
    }
    for (int k = 0; k < counts.length; k++) {
      s.append('\n').append(pad(classNames.get(k), width));
      for (int c : counts[k]) {
        s.append(' ').append(pad(Integer.toString(c), width));
      }
    }
    return s.toString();
  }

  private static String pad(String text, int width) {
    return " ".repeat(width - text.length()) + text;
  }
}
