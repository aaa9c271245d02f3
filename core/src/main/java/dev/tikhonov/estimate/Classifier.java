package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import java.nio.file.Path;
import java.util.List;

/**
 * A fitted classifier: {@link #predict} gives the most probable class index, and
 * {@link #predictProba} the probability of every class, p(k|x) = softmax(f(x))ₖ, each row
 * summing to 1 (columns in the order of {@link #classNames()}). Thread-safe, as every
 * {@link Predictor}.
 */
public interface Classifier extends Predictor {
  /** The K class names; class index k is {@code classNames().get(k)}. */
  List<String> classNames();

  /** The most probable class index of every row. */
  int[] predictClasses(Dataset data);

  /** The most probable class index of every row of raw features in the model's order. */
  int[] predictClasses(double[][] x);

  /**
   * The most probable class of every row by name: {@code classNames().get(k)} for each k of
   * {@link #predictClasses(Dataset)} (the labels as the training data spelled them, e.g.
   * "setosa", or "0", "1" for numeric ones). Unmodifiable.
   */
  default List<String> predictClassNames(Dataset data) {
    return namesOf(predictClasses(data));
  }

  /** {@link #predictClassNames(Dataset)} for rows of raw features in the model's order. */
  default List<String> predictClassNames(double[][] x) {
    return namesOf(predictClasses(x));
  }

  private List<String> namesOf(int[] classes) {
    List<String> names = classNames();
    String[] out = new String[classes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = names.get(classes[i]);
    }
    return List.of(out);
  }

  /**
   * The counts of every (actual class, predicted class) pair on labelled {@code data}: rows the
   * actual classes, columns the {@link #predictClasses predicted} ones, both in the order of
   * {@link #classNames()}, as scikit-learn's {@code confusion_matrix(y_true, y_pred)}. Labels
   * are matched to the model's classes by name, as {@link #evaluate} matches them; the
   * diagonal's share is {@code evaluate(data).accuracy()}. It counts rows; {@link
   * #confusionMatrix(Dataset, String)} sums their weights. With the scores too,
   * {@code evaluate(data).confusionMatrix()} gives it from the evaluation's own predictions
   * ({@link ClassifierEvaluation#confusionMatrix()}), predicting the rows once.
   *
   * @throws InputException naming the data when they have no rows, hold numbers rather than
   *     classes, a label is not one of the model's classes, or a column is missing
   */
  default ConfusionMatrix confusionMatrix(Dataset data) {
    java.util.Objects.requireNonNull(data, "data");
    int[] actual = Features.labels(classNames(), data);
    return ConfusionMatrix.of(classNames(), actual, predictClasses(data));
  }

  /**
   * As {@link #confusionMatrix(Dataset)}, row i weighted by wᵢ, the value of {@code data}'s
   * column {@code weightColumn}: each cell also holds Σ wᵢ over its rows
   * ({@link ConfusionMatrix#weight}, printed in place of the counts), scikit-learn's {@code
   * confusion_matrix(y_true, y_pred, sample_weight=w)}, and the diagonal's share of Σ wᵢ is
   * {@code evaluate(data, weightColumn).accuracy()} (up to rounding). The column is read as
   * {@link #evaluate(Dataset, String)} reads it; weights all 1 give {@code
   * confusionMatrix(data)}.
   *
   * @throws InputException as {@link #confusionMatrix(Dataset)}, and about
   *     {@code weightColumn} as {@link #evaluate(Dataset, String)}: a column {@code data} lacks
   *     or the model reads, a weight below 0 or not finite (naming its row), weights all 0
   */
  default ConfusionMatrix confusionMatrix(Dataset data, String weightColumn) {
    java.util.Objects.requireNonNull(data, "data");
    java.util.Objects.requireNonNull(weightColumn, "weightColumn");
    int[] actual = Features.labels(classNames(), data);
    List<String> inputs = new java.util.ArrayList<>(featureNames());
    if (this instanceof LinearClassifier linear) {
      linear.offsetColumn().ifPresent(inputs::add);
    }
    double[] w = ObservationColumns.evaluationWeights(data, java.util.Optional.of(weightColumn),
        inputs);
    return ConfusionMatrix.of(classNames(), actual, predictClasses(data), w);
  }

  /**
   * As {@link Predictor#evaluate}, typed: the mean cross-entropy, the penalty, the accuracy as a
   * plain {@code double} and, for two classes, the AUC and ROC curve
   * ({@link ClassifierEvaluation}).
   */
  @Override
  ClassifierEvaluation evaluate(Dataset data);

  /** As {@link Predictor#evaluate(Dataset, String)}, typed as {@link #evaluate(Dataset)}. */
  @Override
  ClassifierEvaluation evaluate(Dataset data, String weightColumn);

  /** n×K class probabilities. */
  double[][] predictProba(Dataset data);

  /** n×K class probabilities for rows of raw features in the model's order. */
  double[][] predictProba(double[][] x);

  /**
   * The K class probabilities of one row of raw features in the model's order,
   * {@code predictProba(new double[][] {row})[0]}.
   *
   * <p>A network computes in float32 and its products round by how many rows go through at
   * once, so a row's probabilities alone and among other rows can differ in the seventh
   * significant digit; a linear model's are the same.
   *
   * @throws InputException as {@link #predictProba(double[][])} for its input row 1
   * @throws NullPointerException with the message {@code row} when {@code row} is null
   */
  default double[] predictProba(double[] row) {
    return predictProba(new double[][] {java.util.Objects.requireNonNull(row, "row")})[0];
  }

  /** Reads a model file that holds a classifier; another model is an {@link InputException}. */
  static Classifier load(Path file) {
    return Predictor.load(file, Classifier.class);
  }
}
