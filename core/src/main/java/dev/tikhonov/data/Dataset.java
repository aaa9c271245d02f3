package dev.tikhonov.data;

import dev.tikhonov.tensor.Matrix;
import java.util.List;

/**
 * Features and targets of n examples, held in float32.
 *
 * <p>{@code features} is n×p. For classification (K = {@code classNames.size() ≥ 2})
 * {@code targets} is n×1 and holds the class index 0..K−1 of each row as a float; class k is
 * named {@code classNames.get(k)}. For regression ({@code classNames} empty) it is n×q real
 * targets.
 *
 * @param features n×p inputs
 * @param targets n×1 class indices, or n×q regression targets
 * @param featureNames p names (column headers, or x0..x{p−1})
 * @param classNames K class names for classification, empty for regression
 * @param source where the data came from, for messages and provenance
 */
public record Dataset(
    Matrix features,
    Matrix targets,
    List<String> featureNames,
    List<String> classNames,
    String source) {

  public Dataset {
    if (features.rows() != targets.rows()) {
      throw new InputException(
          source + ": " + features.rows() + " feature rows but " + targets.rows()
              + " target rows");
    }
    if (featureNames.size() != features.cols()) {
      throw new IllegalArgumentException(
          featureNames.size() + " feature names for " + features.cols() + " columns");
    }
    int numClasses = classNames.size();
    if (numClasses == 1) {
      throw new InputException(
          source + ": only one class (" + classNames.get(0) + "); classification needs two");
    }
    if (numClasses >= 2) {
      if (targets.cols() != 1) {
        throw new IllegalArgumentException("class targets must be one column");
      }
      for (int i = 0; i < targets.rows(); i++) {
        float y = targets.at(i);
        if (y != Math.rint(y) || y < 0 || y >= numClasses) {
          throw new InputException(
              source + ": row " + (i + 1) + ": label " + y + " is not a class in 0.."
                  + (numClasses - 1));
        }
      }
    }
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
  }

  /** Class names "0".."K−1". */
  public static List<String> indexNames(int k) {
    return java.util.stream.IntStream.range(0, k).mapToObj(Integer::toString).toList();
  }

  /** K for classification, 0 for regression. */
  public int numClasses() {
    return classNames.size();
  }

  /** Names x0..x{p−1}. */
  public static List<String> defaultNames(int p) {
    return java.util.stream.IntStream.range(0, p).mapToObj(j -> "x" + j).toList();
  }

  public int size() {
    return features.rows();
  }

  public int numFeatures() {
    return features.cols();
  }

  public boolean isClassification() {
    return classNames.size() >= 2;
  }

  /** Class index of row i (classification only). */
  public int label(int i) {
    return (int) targets.at(i);
  }

  /** The rows {@code index}, in that order, as a new data set. */
  public Dataset subset(int[] index) {
    Matrix x = Matrix.zeros(index.length, numFeatures());
    Matrix y = Matrix.zeros(index.length, targets.cols());
    for (int i = 0; i < index.length; i++) {
      x.copyRow(features, index[i], i);
      y.copyRow(targets, index[i], i);
    }
    return new Dataset(x, y, featureNames, classNames, source);
  }

  /** The same data with other features (same rows), e.g. after standardization. */
  public Dataset withFeatures(Matrix newFeatures) {
    return new Dataset(newFeatures, targets, featureNames, classNames, source);
  }
}
