package dev.tikhonov.loss;

import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;

/**
 * Squared error with the ½ convention: {@code ℓ(y, ŷ) = ½ Σ_k (ŷ_k − y_k)²}, so the data term is
 * {@code (1/2n)·RSS} as in glmnet; gradient {@code (ŷ − y)/n}. Stateless, so thread-safe:
 * {@code lossAndGradient} writes only {@code out}.
 */
public final class SquaredError implements Loss {
  /** The loss; it has no settings and no state. */
  public SquaredError() {}


  @Override
  public double lossAndGradient(Matrix prediction, Matrix target, Matrix out) {
    check(prediction, target);
    int n = prediction.rows();
    FloatBuffer p = prediction.buffer();
    FloatBuffer t = target.buffer();
    FloatBuffer g = out.buffer();
    double sum = 0;
    float invN = 1f / n;
    for (int i = 0, size = prediction.size(); i < size; i++) {
      float r = p.get(i) - t.get(i);
      sum += (double) r * r;
      g.put(i, r * invN);
    }
    return 0.5 * sum / n;
  }

  /**
   * The same pass with each row's ℓᵢ = ½ Σ_k (ŷ_ik − y_ik)², reading y in place from the first
   * k = {@code targetColumns} columns of each row of {@code target}: the mean's sum runs over
   * the elements in the same order as above, so mean and gradient are the same bit for bit.
   */
  @Override
  public double lossAndGradient(Matrix prediction, Matrix target, int targetColumns,
      double[] rowLosses, Matrix out) {
    check(prediction, target, targetColumns);
    int n = prediction.rows();
    int k = prediction.cols();
    int stride = target.cols();
    FloatBuffer p = prediction.buffer();
    FloatBuffer t = target.buffer();
    FloatBuffer g = out.buffer();
    double sum = 0;
    float invN = 1f / n;
    for (int i = 0, base = 0, tBase = 0; i < n; i++, base += k, tBase += stride) {
      double row = 0;
      for (int c = 0; c < k; c++) {
        float r = p.get(base + c) - t.get(tBase + c);
        double square = (double) r * r;
        sum += square;
        row += square;
        g.put(base + c, r * invN);
      }
      rowLosses[i] = 0.5 * row;
    }
    return 0.5 * sum / n;
  }

  /**
   * Each row's ½ Σ_k (ŷ_ik − y_ik)², differences in double as {@link #sum} takes them, y read
   * in place from the first k = {@code targetColumns} columns of each row of {@code target}.
   */
  @Override
  public void rowLosses(Matrix prediction, Matrix target, int targetColumns, double[] out) {
    check(prediction, target, targetColumns);
    int k = prediction.cols();
    int stride = target.cols();
    FloatBuffer p = prediction.buffer();
    FloatBuffer t = target.buffer();
    for (int i = 0, base = 0, tBase = 0; i < prediction.rows(); i++, base += k,
        tBase += stride) {
      double row = 0;
      for (int c = 0; c < k; c++) {
        double r = (double) p.get(base + c) - t.get(tBase + c);
        row += r * r;
      }
      out[i] = 0.5 * row;
    }
  }

  @Override
  public double sum(Matrix prediction, Matrix target) {
    check(prediction, target);
    FloatBuffer p = prediction.buffer();
    FloatBuffer t = target.buffer();
    double sum = 0;
    for (int i = 0, size = prediction.size(); i < size; i++) {
      double r = (double) p.get(i) - t.get(i);
      sum += r * r;
    }
    return 0.5 * sum;
  }

  @Override
  public String name() {
    return "squared_error";
  }

  private static void check(Matrix prediction, Matrix target) {
    if (prediction.rows() != target.rows() || prediction.cols() != target.cols()) {
      throw new IllegalArgumentException(
          "prediction " + prediction.shape() + " vs target " + target.shape());
    }
  }

  /** The first {@code targetColumns} columns of {@code target} are prediction's shape. */
  private static void check(Matrix prediction, Matrix target, int targetColumns) {
    if (prediction.rows() != target.rows() || prediction.cols() != targetColumns
        || targetColumns > target.cols()) {
      throw new IllegalArgumentException("prediction " + prediction.shape() + " vs the first "
          + targetColumns + " columns of target " + target.shape());
    }
  }
}
