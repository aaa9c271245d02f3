package dev.tikhonov.loss;

import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;

/**
 * Softmax cross-entropy fused with its gradient. For logits z (n×K) and class indices y (n×1):
 *
 * <pre>
 *   ℓᵢ = log Σ_k exp(z_ik) − z_{i,yᵢ}           (computed as m + log Σ exp(z − m), m = max_k z_ik)
 *   ∂(mean ℓ)/∂z_ik = (softmax(zᵢ)_k − 1[k = yᵢ]) / n
 * </pre>
 *
 * The max shift makes it stable for any finite logits; the softmax is never formed separately.
 * Stateless, so thread-safe: {@code lossAndGradient} writes only {@code out}.
 */
public final class SoftmaxCrossEntropy implements Loss {
  /** The loss; it has no settings and no state. */
  public SoftmaxCrossEntropy() {}


  @Override
  public double lossAndGradient(Matrix logits, Matrix labels, Matrix out) {
    int n = logits.rows();
    int k = logits.cols();
    check(logits, labels);
    FloatBuffer z = logits.buffer();
    FloatBuffer g = out.buffer();
    double total = 0;
    double invN = 1.0 / n;
    for (int i = 0, base = 0; i < n; i++, base += k) {
      total += row(z, base, k, (int) labels.at(i), invN, g);
    }
    return total / n;
  }

  /**
   * The same pass with each row's ℓᵢ, the label read in place from the first column of
   * {@code labels} ({@code targetColumns} 1; more columns may follow): mean and gradient are the
   * same bit for bit.
   */
  @Override
  public double lossAndGradient(Matrix logits, Matrix labels, int targetColumns,
      double[] rowLosses, Matrix out) {
    int n = logits.rows();
    int k = logits.cols();
    int stride = check(logits, labels, targetColumns);
    FloatBuffer z = logits.buffer();
    FloatBuffer g = out.buffer();
    double total = 0;
    double invN = 1.0 / n;
    for (int i = 0, base = 0; i < n; i++, base += k) {
      double loss = row(z, base, k, (int) labels.at(i * stride), invN, g);
      rowLosses[i] = loss;
      total += loss;
    }
    return total / n;
  }

  /**
   * Each row's log Σ_k exp(z_ik) − z_{i,yᵢ} as {@link #sum} computes it, the label read in place
   * from the first column of {@code labels} ({@code targetColumns} 1; more columns may follow).
   */
  @Override
  public void rowLosses(Matrix logits, Matrix labels, int targetColumns, double[] out) {
    int k = logits.cols();
    int stride = check(logits, labels, targetColumns);
    FloatBuffer z = logits.buffer();
    for (int i = 0, base = 0; i < logits.rows(); i++, base += k) {
      out[i] = logSumExp(z, base, k) - z.get(base + (int) labels.at(i * stride));
    }
  }

  /**
   * One row's ℓ = m + log Σ exp(z − m) − z_y (m its largest logit), returned, and its
   * gradient (softmax(z) − 1[k = y])·invN written at {@code base} of {@code g}.
   */
  private static double row(FloatBuffer z, int base, int k, int y, double invN, FloatBuffer g) {
    float max = z.get(base);
    for (int c = 1; c < k; c++) {
      max = Math.max(max, z.get(base + c));
    }
    double sumExp = 0;
    for (int c = 0; c < k; c++) {
      double e = Math.exp(z.get(base + c) - max);
      g.put(base + c, (float) e);
      sumExp += e;
    }
    double loss = max + Math.log(sumExp) - z.get(base + y);
    double scale = invN / sumExp;
    for (int c = 0; c < k; c++) {
      g.put(base + c, (float) (g.get(base + c) * scale));
    }
    g.put(base + y, (float) (g.get(base + y) - invN));
    return loss;
  }

  @Override
  public double sum(Matrix logits, Matrix labels) {
    check(logits, labels);
    int k = logits.cols();
    FloatBuffer z = logits.buffer();
    double total = 0;
    for (int i = 0, base = 0; i < logits.rows(); i++, base += k) {
      total += logSumExp(z, base, k) - z.get(base + (int) labels.at(i));
    }
    return total;
  }

  /** log Σ_k exp(z[base + k]), shifted by the max for stability. */
  public static double logSumExp(FloatBuffer z, int base, int k) {
    float max = z.get(base);
    for (int c = 1; c < k; c++) {
      max = Math.max(max, z.get(base + c));
    }
    double s = 0;
    for (int c = 0; c < k; c++) {
      s += Math.exp(z.get(base + c) - max);
    }
    return max + Math.log(s);
  }

  /**
   * −log softmax(z)_y = log Σₖ e^{zₖ} − z_y of one row of double logits, computed as
   * {@code (m − z_y) + log1p(Σ_{k ≠ k*} e^{zₖ − m})} with m = z_{k*} the largest logit, so the
   * probability is never formed: finite for every finite z, including a row whose p(y) is below
   * the smallest double (where −log p would be −log 0 = ∞). The binomial case with log-odds η is
   * the logits (0, η): softplus(η) − y·η.
   *
   * @param logits z, finite (not modified)
   * @param label y, an index into {@code logits}
   */
  public static double crossEntropy(double[] logits, int label) {
    int top = 0;
    for (int k = 1; k < logits.length; k++) {
      top = logits[k] > logits[top] ? k : top;
    }
    double max = logits[top];
    double rest = 0;
    for (int k = 0; k < logits.length; k++) {
      if (k != top) {
        rest += Math.exp(logits[k] - max);
      }
    }
    return (max - logits[label]) + Math.log1p(rest);
  }

  @Override
  public String name() {
    return "softmax_cross_entropy";
  }

  private static void check(Matrix logits, Matrix labels) {
    if (labels.rows() != logits.rows() || labels.cols() != 1) {
      throw new IllegalArgumentException(
          "logits " + logits.shape() + " need n×1 labels, got " + labels.shape());
    }
  }

  /** Labels in the first of {@code labels}' columns, n rows; returns its row stride. */
  private static int check(Matrix logits, Matrix labels, int targetColumns) {
    if (labels.rows() != logits.rows() || targetColumns != 1 || labels.cols() < 1) {
      throw new IllegalArgumentException("logits " + logits.shape() + " need labels in the first"
          + " column of n rows, got the first " + targetColumns + " of " + labels.shape());
    }
    return labels.cols();
  }
}
