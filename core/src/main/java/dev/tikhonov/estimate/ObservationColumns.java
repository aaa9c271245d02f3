package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.CloseNames;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The weight and offset columns of a linear estimator (a network estimator's weight column,
 * {@link #weights}) taken out of a Dataset's features: what
 * remains are the model's features; the weight column becomes glmnet's {@code weights}, the
 * offset column its {@code offset} (and the model asks for that column again at prediction).
 * Stateless and thread-safe.
 */
final class ObservationColumns {
  private ObservationColumns() {}

  /** The features without the two columns, their names, and the observations. */
  record Split(double[][] x, List<String> featureNames, Observations observations,
      Optional<String> offsetColumn) {}

  static Split split(Dataset data, Family family, Optional<String> weightColumn,
      Optional<String> offsetColumn) {
    if (weightColumn.isEmpty() && offsetColumn.isEmpty()) {
      return new Split(data.featureRows(), data.featureNames(), Observations.none(),
          Optional.empty());
    }
    if (weightColumn.isPresent() && weightColumn.equals(offsetColumn)) {
      throw InputException.about("offsetColumn", " \"" + weightColumn.get() + "\": the"
          + " weight column cannot also be the offset column");
    }
    if (offsetColumn.isPresent() && family == Family.MULTINOMIAL) {
      throw InputException.about("offsetColumn", ": the multinomial family takes no offset (it"
          + " would need one per class)");
    }
    List<String> names = data.featureNames();
    int w = index(names, weightColumn, "weightColumn", data);
    int o = index(names, offsetColumn, "offsetColumn", data);
    List<String> kept = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      if (j != w && j != o) {
        kept.add(names.get(j));
        columns.add(j);
      }
    }
    if (kept.isEmpty()) {
      throw new InputException(data.source() + ": no feature column is left besides the weight"
          + " and offset columns");
    }
    int n = data.numRows();
    double[][] x = new double[n][kept.size()];
    double[] weights = new double[w >= 0 ? n : 0];
    double[] offsets = new double[o >= 0 ? n : 0];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < columns.size(); j++) {
        x[i][j] = data.feature(i, columns.get(j));
      }
      if (w >= 0) {
        weights[i] = data.feature(i, w);
      }
      if (o >= 0) {
        offsets[i] = data.feature(i, o);
      }
    }
    return new Split(x, kept, new Observations(weights, offsets), offsetColumn);
  }

  /** A network's data without its weight column, and the column's weights. */
  record Weighted(Dataset data, double[] weights) {}

  /**
   * The weight column of a network estimator taken out of {@code data}'s features: the same
   * rows and targets, the other columns as features (values as the data set holds them, double
   * or float32). InputException, naming {@code weightColumn}, for a column that is not there
   * (as {@link #split}), a weight that is negative or not finite (naming its row, 1-based in
   * {@code data}), or weights all 0 ({@code nothing} says what that leaves: "nothing to fit").
   */
  static Weighted weights(Dataset data, String column, String nothing) {
    Split split = split(data, Family.GAUSSIAN, Optional.of(column), Optional.empty());
    double[] w = split.observations().weights();
    requireWeights(w, data, column, data.source(), nothing);
    Dataset rest = data.isClassification()
        ? Dataset.ofClasses(split.x(), data.labels(), data.classNames(), split.featureNames())
        : Dataset.of(split.x(), data.targets(), split.featureNames());
    return new Weighted(rest.withSource(data.source()), w);
  }

  /**
   * The weights of {@code data}'s column {@code weightColumn} (all 1 when empty) for an
   * evaluation of a model whose
   * input columns are {@code modelColumns} (its features and offset column): the column is not
   * taken out of the data, whose extra columns the model ignores by name. InputException,
   * naming {@code weightColumn}, for a column that is not there, is one of the model's inputs
   * (it cannot both weight a row and be read as an input of it), a weight that is negative or
   * not finite (naming its row), or weights all 0.
   */
  static double[] evaluationWeights(Dataset data, Optional<String> weightColumn,
      List<String> modelColumns) {
    if (weightColumn.isEmpty()) {
      return Evaluation.ones(data.numRows());
    }
    String column = weightColumn.get();
    if (modelColumns.contains(column)) {
      throw InputException.about("weightColumn", " \"" + column + "\": the model reads this"
          + " column as one of its inputs, so it cannot also weight the rows");
    }
    index(data.featureNames(), Optional.of(column), "weightColumn", data);
    double[] w = data.column(column);
    requireWeights(w, data, column, data.source(), "nothing to score");
    return w;
  }

  /** Weights finite and ≥ 0, not all 0, of a finite sum; else about "weightColumn". */
  private static void requireWeights(double[] w, Dataset data, String column, String rows,
      String nothing) {
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      if (!Numbers.isWeight(w[i])) {
        throw InputException.about("weightColumn", " \"" + column + "\": row " + (i + 1)
            + " of " + data.source() + ": " + Numbers.badWeight(w[i], "weights"));
      }
      sum += w[i];
    }
    if (!(sum > 0)) {
      throw InputException.about("weightColumn", " \"" + column + "\": every weight of "
          + rows + " is 0; " + nothing);
    }
    if (Double.isInfinite(sum)) {
      throw InputException.about("weightColumn", " \"" + column + "\": the weights of "
          + data.source() + " sum beyond double's range; rescale them");
    }
  }

  /**
   * The column {@code estimator} weights its rows by, for an estimator of this package (the
   * linear estimators', a network's {@link NetworkSettings#weightColumn()}, a search's); empty
   * for one without weights and for an estimator of another package ({@link #seesWeights}).
   */
  static Optional<String> weightColumnOf(Estimator<?> estimator) {
    if (estimator instanceof GridSearchCV<?> e) {
      return e.weightColumn();
    }
    if (estimator instanceof MlpPathCV<?> e) {
      return e.path().baseSettings().weightColumn();
    }
    if (estimator instanceof Ridge e) {
      return e.weightColumn();
    }
    if (estimator instanceof RidgeCV e) {
      return e.weightColumn();
    }
    if (estimator instanceof ElasticNet<?> e) {
      return e.weightColumn();
    }
    if (estimator instanceof ElasticNetCV<?> e) {
      return e.weightColumn();
    }
    if (estimator instanceof RelaxedLasso<?> e) {
      return e.weightColumn();
    }
    return NetworkEstimators.settingsOf(estimator).flatMap(NetworkSettings::weightColumn);
  }

  /**
   * Whether {@link #weightColumnOf} sees how {@code estimator} weights its rows: one of this
   * package's estimators that take a weight column, or a search of them; not an estimator of
   * another package (a user's own), whose weight column only its search can be told
   * ({@link SearchBuilder#weightColumn}).
   */
  static boolean seesWeights(Estimator<?> estimator) {
    return estimator instanceof GridSearchCV<?> || estimator instanceof MlpPathCV<?>
        || estimator instanceof Ridge || estimator instanceof RidgeCV
        || estimator instanceof ElasticNet<?> || estimator instanceof ElasticNetCV<?>
        || estimator instanceof RelaxedLasso<?>
        || NetworkEstimators.settingsOf(estimator).isPresent();
  }

  private static int index(List<String> names, Optional<String> column, String setting,
      Dataset data) {
    if (column.isEmpty()) {
      return -1;
    }
    if (!data.hasNamedFeatures()) {
      // A model fitted on unnamed columns takes new data by position; without the weight or
      // offset column its features would no longer be the data's columns in order.
      throw InputException.about(setting, " \"" + column.get() + "\": the columns of "
          + data.source() + " have no names (" + preview(names) + " stand for positions);"
          + " give them names, e.g. Dataset.of(x, y, names), to take a column out by name");
    }
    int j = names.indexOf(column.get());
    if (j < 0) {
      throw InputException.about(setting, " \"" + column.get() + "\": " + data.source()
          + " has no such column (its feature columns: " + preview(names) + ")"
          + CloseNames.column(column.get(), names));
    }
    return j;
  }

  private static String preview(List<String> names) {
    return names.size() <= 8 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 8)) + ", … (" + names.size() + ")";
  }
}
