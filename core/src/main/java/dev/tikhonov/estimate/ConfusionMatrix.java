package dev.tikhonov.estimate;

import dev.tikhonov.internal.data.Numbers;
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
 * {@link ClassifierEvaluation#accuracy()}. Not normalized. From {@link Classifier#confusionMatrix}.
 *
 * <p><b>Weighted.</b> With row weights wᵢ ≥ 0 ({@link Classifier#confusionMatrix(
 * dev.tikhonov.data.Dataset, String)}, {@link #of(List, int[], int[], double[])}) each cell also
 * sums its rows' weights, {@code weight(k, l)} = Σ {wᵢ : yᵢ = k, ŷᵢ = l}, scikit-learn's
 * {@code confusion_matrix(y_true, y_pred, sample_weight=w)}, and {@link #accuracy()} is
 * Σₖ weight(k, k) / Σ wᵢ, the weighted evaluation's accuracy; {@link #count} still counts rows.
 * Unweighted, every weight is 1 and {@code weight(k, l)} is {@code count(k, l)}: a matrix whose
 * weights are all 1 is the unweighted one (equal, the same text). Immutable, so thread-safe.
 */
public final class ConfusionMatrix {
  private final List<String> classNames;
  private final int[][] counts;
  /** Σ wᵢ of each cell's rows; the counts, as doubles, unweighted. */
  private final double[][] weights;
  private final int total;
  private final double weightSum;

  private ConfusionMatrix(List<String> classNames, int[][] counts, double[][] weights,
      int total, double weightSum) {
    this.classNames = classNames;
    this.counts = counts;
    this.weights = weights;
    this.total = total;
    this.weightSum = weightSum;
  }

  /**
   * The matrix of {@code actual} against {@code predicted} class indices, one pair per row, each
   * row counting once.
   *
   * @throws IllegalArgumentException when the arrays differ in length or an index is not in
   *     0..K−1 for the K class names
   */
  public static ConfusionMatrix of(List<String> classNames, int[] actual, int[] predicted) {
    Objects.requireNonNull(actual, "actual");
    return of(classNames, actual, predicted, Evaluation.ones(actual.length));
  }

  /**
   * As {@link #of(List, int[], int[])}, row i weighted by {@code weights[i]}: each cell holds
   * its rows' count and their Σ wᵢ (scikit-learn's {@code sample_weight}).
   *
   * @throws IllegalArgumentException when the arrays differ in length, an index is not in
   *     0..K−1 for the K class names, or a weight is negative or not finite (naming its row,
   *     1-based)
   */
  public static ConfusionMatrix of(List<String> classNames, int[] actual, int[] predicted,
      double[] weights) {
    return count(check(classNames, actual, predicted, weights), actual, predicted, weights);
  }

  /**
   * The class names, copied, once the rows pass {@link #of(List, int[], int[], double[])}'s
   * checks (what {@link ConfusionRows} checks when an evaluation is made).
   *
   * @throws IllegalArgumentException as {@link #of(List, int[], int[], double[])}
   */
  static List<String> check(List<String> classNames, int[] actual, int[] predicted,
      double[] weights) {
    List<String> names = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(predicted, "predicted");
    Objects.requireNonNull(weights, "weights");
    if (actual.length != predicted.length || actual.length != weights.length) {
      throw new IllegalArgumentException(actual.length + " actual classes but "
          + predicted.length + " predicted ones" + (weights.length == actual.length ? ""
              : " and " + weights.length + " weights"));
    }
    int k = names.size();
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] < 0 || actual[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
        throw new IllegalArgumentException("row " + (i + 1) + ": class index " + actual[i]
            + " or " + predicted[i] + " is not in 0.." + (k - 1));
      }
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("row " + (i + 1) + ": "
            + Numbers.badWeight(weights[i], "weights"));
      }
    }
    return names;
  }

  /** The matrix of rows that passed {@link #check} (whose copy of the names is {@code names}). */
  static ConfusionMatrix count(List<String> names, int[] actual, int[] predicted,
      double[] weights) {
    int k = names.size();
    int[][] counts = new int[k][k];
    double[][] sums = new double[k][k];
    double weightSum = 0;
    for (int i = 0; i < actual.length; i++) {
      counts[actual[i]][predicted[i]]++;
      sums[actual[i]][predicted[i]] += weights[i];
      weightSum += weights[i];
    }
    return new ConfusionMatrix(names, counts, sums, actual.length, weightSum);
  }

  /**
   * The K class names; index k of {@link #count} and {@link #weight} is class
   * {@code classNames().get(k)}.
   */
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

  /**
   * Σ wᵢ over the rows of class {@code actual} predicted as class {@code predicted}: their
   * {@link #count} when unweighted.
   *
   * @throws IndexOutOfBoundsException when an index is not in 0..K−1, naming it and the classes
   */
  public double weight(int actual, int predicted) {
    return weights[requireClass("actual", actual)][requireClass("predicted", predicted)];
  }

  /** The K×K sums of weights, [actual][predicted], a new array: {@link #counts()} unweighted. */
  public double[][] weights() {
    double[][] out = new double[weights.length][];
    for (int k = 0; k < weights.length; k++) {
      out[k] = weights[k].clone();
    }
    return out;
  }

  /** The number of rows counted, n. */
  public int rows() {
    return total;
  }

  /** Σ wᵢ over the rows counted: {@link #rows()} when unweighted. */
  public double weightSum() {
    return weightSum;
  }

  /**
   * Σₖ weight(k, k) / Σ wᵢ, the share of the weight classified right; unweighted Σₖ count(k, k)
   * / n, the share of rows (NaN for no rows or no weight).
   */
  public double accuracy() {
    double right = 0;
    for (int k = 0; k < weights.length; k++) {
      right += weights[k][k];
    }
    return right / weightSum;
  }

  /** Whether a cell's Σ wᵢ differs from its count: the weights are not all 1 on its rows. */
  private boolean weighted() {
    for (int k = 0; k < counts.length; k++) {
      for (int l = 0; l < counts.length; l++) {
        if (weights[k][l] != counts[k][l]) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix m && classNames.equals(m.classNames)
        && Arrays.deepEquals(counts, m.counts) && Arrays.deepEquals(weights, m.weights);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * classNames.hashCode() + Arrays.deepHashCode(counts))
        + Arrays.deepHashCode(weights);
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
   *
   * Weighted, the cells are their Σ wᵢ (6 significant digits; a whole number as one) and the
   * header says so: "ConfusionMatrix[3 rows, Σw 4.5; cells: Σw of their rows; rows: actual
   * class, columns: predicted]". Below the header line it is {@link #table()}.
   */
  @Override
  public String toString() {
    boolean weighted = weighted();
    return "ConfusionMatrix[" + total + (total == 1 ? " row" : " rows")
        + (weighted ? ", Σw " + number(weightSum) + "; cells: Σw of their rows" : "")
        + "; rows: actual class, columns: predicted]\n" + table(weighted);
  }

  /**
   * The aligned table alone, {@link #toString()} without its header line, for a caller that
   * says itself what the rows, columns and cells are: a first line of the predicted classes'
   * names, then one line per actual class, its name and its cells, each right-aligned to the
   * widest name or cell and separated by one space, lines separated by '\n' (none after the
   * last):
   *
   * <pre>
   *      cat dog
   * cat    1   0
   * dog    1   1
   * </pre>
   *
   * A cell is its count, or, when a cell's Σ wᵢ differs from its count (weights not all 1), its
   * Σ wᵢ to 6 significant digits without trailing zeros (a whole number as one: 4.5, 12).
   * Safe to call from any thread, as the matrix is immutable.
   */
  public String table() {
    return table(weighted());
  }

  private String table(boolean weighted) {
    String[][] cells = new String[counts.length][counts.length];
    int width = 1;
    for (String name : classNames) {
      width = Math.max(width, name.length());
    }
    for (int k = 0; k < counts.length; k++) {
      for (int l = 0; l < counts.length; l++) {
        cells[k][l] = weighted ? number(weights[k][l]) : Integer.toString(counts[k][l]);
        width = Math.max(width, cells[k][l].length());
      }
    }
    StringBuilder s = new StringBuilder(pad("", width));
    for (String name : classNames) {
      s.append(' ').append(pad(name, width));
    }
    for (int k = 0; k < counts.length; k++) {
      s.append('\n').append(pad(classNames.get(k), width));
      for (String cell : cells[k]) {
        s.append(' ').append(pad(cell, width));
      }
    }
    return s.toString();
  }

  /** {@code value} to 6 significant digits, without trailing zeros: 4.5, 36.2482, 12. */
  static String number(double value) {
    if (!Double.isFinite(value)) { // a sum of weights beyond double's range
      return Double.toString(value);
    }
    return new java.math.BigDecimal(value).round(new java.math.MathContext(6))
        .stripTrailingZeros().toPlainString();
  }

  private static String pad(String text, int width) {
    return " ".repeat(width - text.length()) + text;
  }
}
