package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.ClassLabels;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.tensor.Matrix;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lines up new data with a fitted model's columns and classes. Data whose feature names were
 * given ({@link Dataset#hasNamedFeatures()}: a CSV header, a names list) are matched by name:
 * extra columns are ignored, a missing one is an error. Data whose names stand for positions
 * ({@code Dataset.of} without names, LIBSVM, IDX) are the model's features by position and
 * must have exactly as many columns: taking "the columns named x0..x4" of unnamed data would
 * silently take its first five. Class labels are matched by name. One place, so every model
 * kind and every command match data the same way; the null checks of the models' public
 * methods live here too.
 */
final class Features {
  private Features() {}

  /**
   * A classifier's labels are discrete: refuses a real-valued target read as classes (every
   * label a number, some not an integer), which would be fitted with one class per distinct
   * value, as scikit-learn's classifiers refuse a "continuous" target.
   *
   * @throws InputException naming the data, the number of labels and one of them
   */
  static void requireDiscreteLabels(String estimator, Dataset data) {
    data.continuousLabel().ifPresent(label -> {
      throw new InputException(data.source() + ": " + estimator + " is a classifier, but the "
          + "target is continuous: its " + data.numClasses() + " labels are numbers, not all "
          + "integers (e.g. " + label + "); fit a regression model, or give class labels");
    });
  }

  /**
   * The storage column of each model feature in {@code data}, or null when they line up.
   *
   * @throws InputException when a model feature is missing from named data, or unnamed data
   *     have another number of columns than the model has features
   */
  static int[] columns(List<String> modelFeatures, Dataset data) {
    Objects.requireNonNull(data, "data");
    List<String> names = data.featureNames();
    if (!data.hasNamedFeatures()) {
      if (names.size() != modelFeatures.size()) {
        int p = modelFeatures.size();
        String counts = data.source() + ": " + names.size() + " feature column"
            + (names.size() == 1 ? "" : "s") + " for a model of " + p + " features. ";
        if (names.size() < p && isLibsvm(names)) {
          throw new InputException(counts + "A LIBSVM file has as many columns as its largest"
              + " feature index, so one whose rows never reach index " + p + " reads narrower:"
              + " read it with LibsvmReader.read(file, kind, " + p + ") for the model's " + p
              + " columns");
        }
        throw new InputException(counts + "These columns have no names (Dataset.of without"
            + " names, LIBSVM, IDX), so they are the model's features by position and must be"
            + " exactly " + p + "; give the columns names to match them by name");
      }
      return null;
    }
    if (names.equals(modelFeatures)) {
      return null;
    }
    Map<String, Integer> where = new HashMap<>();
    for (int j = 0; j < names.size(); j++) {
      where.putIfAbsent(names.get(j), j);
    }
    int[] column = new int[modelFeatures.size()];
    for (int j = 0; j < column.length; j++) {
      Integer c = where.get(modelFeatures.get(j));
      if (c == null) {
        throw new InputException(data.source() + ": missing feature column \""
            + modelFeatures.get(j) + "\" that the model expects (it has " + modelFeatures.size()
            + " features: " + preview(modelFeatures) + ")");
      }
      column[j] = c;
    }
    return column;
  }

  /** Whether {@code names} are the LIBSVM reader's x1..xp, its 1-based feature indices. */
  private static boolean isLibsvm(List<String> names) {
    for (int j = 0; j < names.size(); j++) {
      if (!names.get(j).equals("x" + (j + 1))) {
        return false;
      }
    }
    return !names.isEmpty();
  }

  /**
   * The column {@code name} of {@code data} (a model's offset column), found by name.
   *
   * @throws InputException when named data lack it or the data's columns have no names
   */
  static double[] namedColumn(String name, Dataset data) {
    Objects.requireNonNull(data, "data");
    if (!data.hasNamedFeatures()) {
      throw new InputException(data.source() + ": the model needs the column \"" + name
          + "\" by name, but these columns have no names (Dataset.of without names, LIBSVM,"
          + " IDX); give the columns names, or the values as an array");
    }
    int j = data.featureNames().indexOf(name);
    if (j < 0) {
      throw new InputException(data.source() + ": missing feature column \"" + name
          + "\" that the model expects (its offset column)");
    }
    double[] out = new double[data.numRows()];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.feature(i, j);
    }
    return out;
  }

  /** The model's inputs from {@code data} as float32 n×p (the data's own matrix when aligned). */
  static Matrix floatInput(List<String> modelFeatures, Dataset data) {
    int[] column = columns(modelFeatures, data);
    if (column == null) {
      return data.features();
    }
    Matrix x = Matrix.zeros(data.numRows(), column.length);
    for (int i = 0; i < data.numRows(); i++) {
      for (int j = 0; j < column.length; j++) {
        x.set(i, j, (float) data.feature(i, column[j]));
      }
    }
    return x;
  }

  /**
   * What a network sees of {@code data}: the model's columns as float32 n×p, standardized by
   * the fit's standardizer when it standardized. The standardization is
   * computed from the values as the data set holds them (double for text and
   * {@code double[][]}) and rounded to float32 once, at the end, as in training (Standardizer).
   */
  static Matrix networkInput(List<String> modelFeatures, Dataset data,
      java.util.Optional<dev.tikhonov.data.Standardizer> standardizer) {
    if (standardizer.isEmpty()) {
      return floatInput(modelFeatures, data);
    }
    double[] mean = standardizer.get().mean();
    double[] scale = standardizer.get().scale();
    int[] column = columns(modelFeatures, data);
    int p = modelFeatures.size();
    Matrix x = Matrix.zeros(data.numRows(), p);
    for (int i = 0; i < data.numRows(); i++) {
      for (int j = 0; j < p; j++) {
        double v = data.feature(i, column == null ? j : column[j]);
        x.set(i, j, (float) ((v - mean[j]) / scale[j]));
      }
    }
    return x;
  }

  /** {@link #networkInput(List, Dataset, java.util.Optional)} of raw rows checked for width p. */
  static Matrix networkInput(int p, double[][] x,
      java.util.Optional<dev.tikhonov.data.Standardizer> standardizer) {
    if (standardizer.isEmpty()) {
      return floatInput(p, x);
    }
    double[] mean = standardizer.get().mean();
    double[] scale = standardizer.get().scale();
    checkRows(p, x);
    Matrix m = Matrix.zeros(x.length, p);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < p; j++) {
        m.set(i, j, (float) ((x[i][j] - mean[j]) / scale[j]));
      }
    }
    return m;
  }

  /** The model's inputs from {@code data} in double precision (rows not to be modified). */
  static double[][] doubleInput(List<String> modelFeatures, Dataset data) {
    int[] column = columns(modelFeatures, data);
    if (column == null) {
      return data.featureRows();
    }
    double[][] x = new double[data.numRows()][column.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < column.length; j++) {
        x[i][j] = data.feature(i, column[j]);
      }
    }
    return x;
  }

  /** Raw rows checked for width p and finite values; float32 n×p. */
  static Matrix floatInput(int p, double[][] x) {
    checkRows(p, x);
    Matrix m = Matrix.zeros(x.length, p);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < p; j++) {
        m.set(i, j, (float) x[i][j]);
      }
    }
    return m;
  }

  /**
   * Throws an InputException unless every row has p finite values (1-based in messages), a
   * NullPointerException naming {@code x} when it or a row is null.
   */
  static void checkRows(int p, double[][] x) {
    Objects.requireNonNull(x, "x");
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null) {
        throw new NullPointerException("x: row " + (i + 1) + " is null");
      }
      if (x[i].length != p) {
        throw new InputException("input row " + (i + 1) + " has " + x[i].length
            + (x[i].length == 1 ? " value" : " values") + "; the model expects " + p
            + (p == 1 ? " feature" : " features"));
      }
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new InputException("input row " + (i + 1) + ", column " + (j + 1) + ": "
              + x[i][j] + " is not allowed; values must be finite");
        }
      }
    }
  }

  /**
   * The model's class index of every row of labelled {@code data}, matched by class name, or by
   * numeric value when both names are numbers ({@link ClassLabels#indexIn}: data read now name
   * the LIBSVM label {@code +1} "1", a model trained before names it "+1").
   */
  static int[] labels(List<String> modelClasses, Dataset data) {
    requireRows(data);
    requireTarget(data);
    if (!data.isClassification()) {
      throw new InputException(data.source() + ": the target is a number, but the model is a "
          + "classifier; " + ClassLabels.howToGiveClasses(data));
    }
    int[] map = new int[data.numClasses()];
    for (int k = 0; k < map.length; k++) {
      map[k] = ClassLabels.indexIn(modelClasses, data.classNames().get(k));
    }
    int[] out = new int[data.numRows()];
    for (int i = 0; i < out.length; i++) {
      int k = map[data.label(i)];
      if (k < 0) {
        throw new InputException(data.source() + ": row " + (i + 1) + ": label "
            + Numbers.quote(data.classNames().get(data.label(i)))
            + " is not one of the model's classes "
            + ClassLabels.listed(modelClasses));
      }
      out[i] = k;
    }
    return out;
  }

  /** The regression targets of {@code data}; an error for class labels. */
  static double[] values(Dataset data) {
    requireRows(data);
    requireTarget(data);
    if (data.isClassification()) {
      throw new InputException(data.source() + ": the target holds class labels, but the model "
          + "predicts numbers; read the data with a real-valued target");
    }
    return data.targets();
  }

  /**
   * Training data have a target ({@link #requireTarget}) and at least one feature column:
   * without one, the network's first layer and the linear solvers' products have no size, and
   * their errors would not name the data.
   */
  static void requireFeatureColumns(Dataset data) {
    requireTarget(data);
    if (data.numFeatures() == 0) {
      throw new InputException(data.source() + ": the data have no feature columns; a model"
          + " needs at least one input");
    }
  }

  /**
   * Data to fit or evaluate on have a target: features alone ({@link Dataset#ofFeatures}) are
   * refused by the target's accessor, in Dataset's words, before a check of
   * {@code isClassification()} (false for them) could call them numbers.
   */
  static void requireTarget(Dataset data) {
    if (!data.hasTarget()) {
      data.targets(); // throws Dataset's InputException
    }
  }

  /** Data to evaluate on: not null, at least one row (a mean over no rows has no value). */
  private static void requireRows(Dataset data) {
    Objects.requireNonNull(data, "data");
    if (data.numRows() == 0) {
      throw new InputException(data.source() + ": no rows to evaluate on");
    }
  }

  private static String preview(List<String> names) {
    return names.size() <= 8 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 8)) + ", …";
  }
}
