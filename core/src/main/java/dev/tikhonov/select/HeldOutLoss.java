package dev.tikhonov.select;

import dev.tikhonov.linear.PathSolution;

/**
 * The loss of one held-out row under the model at one λ of a path; cross-validation averages
 * it over each fold. {@link #deviance} is glmnet's {@code type.measure = "deviance"} for every
 * family ({@link PathSolution#deviance}): squared error for gaussian (so the mean is the MSE),
 * {@code −2·log p̂(y)} for binomial and multinomial with p̂ clamped to [1e-5, 1 − 1e-5] as
 * cv.glmnet does. Cross-validation calls it from several threads at once: implementations must
 * be thread-safe (the factory's is: it only reads).
 */
@FunctionalInterface
public interface HeldOutLoss {

  /**
   * The loss of data row {@code row} (0-based, a row the path was not fitted on) under
   * {@code path}'s fit at λ number {@code lambdaIndex} (0-based, along the path's λ).
   */
  double loss(PathSolution path, int lambdaIndex, int row);


  /** The deviance of row i of (x, y) under the path's own family. */
  static HeldOutLoss deviance(double[][] x, double[] y) {
    return (path, l, i) -> path.deviance(x[i], y[i], l);
  }

  /** The deviance of row i of a sparse x (rows by one O(entries) transpose), y. */
  static HeldOutLoss deviance(dev.tikhonov.data.SparseMatrix x, double[] y) {
    dev.tikhonov.data.SparseMatrix rows = x.transpose();
    int[] start = rows.sharedColumnPointers();
    int[] columns = rows.sharedRowIndices();
    double[] values = rows.sharedValues();
    return (path, l, i) -> path.deviance(columns, values, start[i], start[i + 1], y[i], l);
  }

  /**
   * The deviance of row i of (x, y) with its offset oᵢ in the linear predictor (cv.glmnet's
   * {@code newoffset}); {@code offsets} indexed like the rows, empty for none.
   */
  static HeldOutLoss deviance(double[][] x, double[] y, double[] offsets) {
    if (offsets.length == 0) {
      return deviance(x, y);
    }
    return (path, l, i) -> path.deviance(x[i], y[i], l, offsets[i]);
  }
}
