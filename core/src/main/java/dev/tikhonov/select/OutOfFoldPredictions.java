package dev.tikhonov.select;

import java.util.Arrays;
import java.util.List;

/**
 * The out-of-fold (pre-validated) linear predictors of a cross-validation, cv.glmnet's
 * {@code keep = TRUE} ({@code fit.preval} with its {@code foldid}). For row i of fold f(i), output
 * k and λ_l of the full data's sequence:
 *
 * <pre>
 *   η_{k,l}(i) = a₀_{k,l}^(−f(i)) + xᵢ·b_{k,l}^(−f(i)) + offsetᵢ
 * </pre>
 *
 * where (a₀, b)^(−f) is the path fitted without fold f's rows, at λ_l as the cross-validation
 * scored it (interpolated linearly in λ between the fold's own λ, or at exactly λ_l when the
 * sequence is given; a fold whose path ended before λ_l is taken at its last λ, as cv.glmnet
 * does). On the link scale, as cv.glmnet's {@code predict} default ({@code type = "link"}):
 * the fitted value for gaussian, the log-odds of the second class for binomial, log μ for
 * poisson, one η per class for multinomial (softmax them for probabilities); the offset
 * included ({@code newoffset}). The link scale keeps what the response scale rounds away
 * (probabilities of 1 − 1e-17), orders rows as the probabilities do (the same ROC curve), and
 * is what a stacked model takes; observation weights change the fits but not the scale.
 *
 * <p>Holding them costs n·nλ·K doubles (K = 1 but for multinomial), which is why a
 * cross-validation keeps them only when asked. Immutable: the accessors that return arrays
 * return copies ({@link #linearPredictor} and {@link #column} read one value or one column),
 * so thread-safe.
 */
public final class OutOfFoldPredictions {
  private final double[] lambdas;
  private final int[] foldIds;
  private final List<String> outputs;
  private final double[][][] linearPredictors;

  /**
   * The predictions, arrays taken as they are (the cross-validation that makes them hands
   * them over).
   *
   * @param lambdas the full data's λ sequence, decreasing
   * @param foldIds the fold 1..K of each row, in data order
   * @param outputs what each output is: empty for one output (η for gaussian, poisson, or the
   *     second class of binomial), the class names for multinomial (one output per class)
   * @param linearPredictors η, [output k][λ index l][row i]: for each output an nλ × n matrix,
   *     one out-of-fold column of the n rows per λ
   */
  OutOfFoldPredictions(double[] lambdas, int[] foldIds, List<String> outputs,
      double[][][] linearPredictors) {
    java.util.Objects.requireNonNull(outputs, "outputs (empty for one output)");
    int k = Math.max(1, outputs.size());
    if (linearPredictors.length != k) {
      throw new IllegalArgumentException(linearPredictors.length + " outputs of predictions for "
          + k + " named");
    }
    for (double[][] output : linearPredictors) {
      if (output.length != lambdas.length) {
        throw new IllegalArgumentException(output.length + " columns of predictions for "
            + lambdas.length + " λ values");
      }
      for (double[] column : output) {
        if (column.length != foldIds.length) {
          throw new IllegalArgumentException(column.length + " predictions in a column for "
              + foldIds.length + " rows");
        }
      }
    }
    this.lambdas = lambdas;
    this.foldIds = foldIds;
    this.outputs = List.copyOf(outputs);
    this.linearPredictors = linearPredictors;
  }

  /** The full data's λ sequence, decreasing (a copy). */
  public double[] lambdas() {
    return lambdas.clone();
  }

  /** The fold 1..K of each row, in data order (a copy). */
  public int[] foldIds() {
    return foldIds.clone();
  }

  /** The fold 1..K that held row {@code row} (0-based) out. */
  public int foldId(int row) {
    return foldIds[check("row", row, foldIds.length)];
  }

  /**
   * What each output is: empty for one output (η for gaussian, poisson, or the second class of
   * binomial), the class names for multinomial.
   */
  public List<String> outputs() {
    return outputs;
  }

  /**
   * η, [output k][λ index l][row i], a deep copy: n·nλ·K doubles; {@link #column(int, int)}
   * copies one column.
   */
  public double[][][] linearPredictors() {
    double[][][] copy = new double[linearPredictors.length][][];
    for (int k = 0; k < copy.length; k++) {
      copy[k] = new double[linearPredictors[k].length][];
      for (int l = 0; l < copy[k].length; l++) {
        copy[k][l] = linearPredictors[k][l].clone();
      }
    }
    return copy;
  }

  /** n, the rows predicted. */
  public int numRows() {
    return foldIds.length;
  }

  /** K: 1, or the number of classes for multinomial. */
  public int numOutputs() {
    return linearPredictors.length;
  }

  /** nλ, the λ values predicted at. */
  public int numLambdas() {
    return lambdas.length;
  }

  /** η_{k,l}(i): row {@code row}'s out-of-fold linear predictor of output k at λ index l. */
  public double linearPredictor(int row, int output, int l) {
    return linearPredictors[check("output", output, linearPredictors.length)]
        [check("λ index", l, lambdas.length)][check("row", row, foldIds.length)];
  }

  /**
   * Every row's out-of-fold η of the only output (the second class's log-odds for binomial) at
   * λ index {@code l}, in data order: a new array, the scores of an honest ROC curve.
   *
   * @throws IllegalStateException for multinomial predictions (use {@link #column(int, int)})
   */
  public double[] column(int l) {
    if (linearPredictors.length != 1) {
      throw new IllegalStateException(linearPredictors.length + " outputs (one per class):"
          + " name the output, column(output, l)");
    }
    return linearPredictors[0][check("λ index", l, lambdas.length)].clone();
  }

  /** Every row's out-of-fold η of output k at λ index l, in data order (a new array). */
  public double[] column(int output, int l) {
    return linearPredictors[check("output", output, linearPredictors.length)]
        [check("λ index", l, lambdas.length)].clone();
  }

  /**
   * {@code index} when it is in 0..size−1, else an IndexOutOfBoundsException naming it and the
   * range (an array's bare "Index 5 out of bounds for length 3" named neither).
   */
  private static int check(String what, int index, int size) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(what + " " + index + " of out-of-fold predictions"
          + " with " + size + " (0-based: 0.." + (size - 1) + ")");
    }
    return index;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "OutOfFoldPredictions[%d rows, %d folds, %d λ, %d output%s]", foldIds.length,
        Arrays.stream(foldIds).max().orElse(0), lambdas.length, linearPredictors.length,
        linearPredictors.length == 1 ? "" : "s");
  }
}
