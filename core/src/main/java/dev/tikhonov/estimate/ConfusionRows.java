package dev.tikhonov.estimate;

import java.util.List;

/**
 * The rows a classifier evaluation's {@link ConfusionMatrix} is counted from (each row's actual
 * and predicted class index and weight), checked as {@link ConfusionMatrix#of(List, int[], int[],
 * double[])} checks them when made and counted on the first {@link #matrix()}: an evaluation
 * holds n ints, n ints and n doubles until then instead of the matrix's 12·K² bytes, and a
 * search that keeps only the scores never counts it. The arrays are the caller's, not copied:
 * it hands over fresh ones and writes them no more. Thread-safe: {@link #matrix()} counts under
 * the holder's lock once, then drops the rows and returns the same matrix to every caller.
 */
final class ConfusionRows {
  private final List<String> classNames;
  private int[] actual;
  private int[] predicted;
  private double[] weights;
  private ConfusionMatrix matrix;

  /**
   * @throws IllegalArgumentException as {@link ConfusionMatrix#of(List, int[], int[], double[])}
   */
  ConfusionRows(List<String> classNames, int[] actual, int[] predicted, double[] weights) {
    this.classNames = ConfusionMatrix.check(classNames, actual, predicted, weights);
    this.actual = actual;
    this.predicted = predicted;
    this.weights = weights;
  }

  /** The matrix of the rows, counted on the first call and kept. */
  synchronized ConfusionMatrix matrix() {
    if (matrix == null) {
      matrix = ConfusionMatrix.count(classNames, actual, predicted, weights);
      actual = null;
      predicted = null;
      weights = null;
    }
    return matrix;
  }

  /** Whether {@link #matrix()} has counted the rows (for the tests of its laziness). */
  synchronized boolean counted() {
    return matrix != null;
  }
}
