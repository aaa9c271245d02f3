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

  /** n×K class probabilities. */
  double[][] predictProba(Dataset data);

  /** n×K class probabilities for rows of raw features in the model's order. */
  double[][] predictProba(double[][] x);

  /** Reads a model file that holds a classifier; another model is an {@link InputException}. */
  static Classifier load(Path file) {
    Predictor p = Predictor.load(file);
    if (p instanceof Classifier c) {
      return c;
    }
    throw new InputException(file + ": holds a regression model (" + p.provenance().estimator()
        + "), not a classifier");
  }
}
