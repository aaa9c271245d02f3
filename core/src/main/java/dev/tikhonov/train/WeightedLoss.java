package dev.tikhonov.train;

import dev.tikhonov.loss.Loss;
import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;

/**
 * A loss with per-row weights, for observation weights ({@link ObservationWeights}): its
 * target matrix holds the wrapped loss's target columns and, last, each row's normalized
 * weight w̃ᵢ (mean 1 over the rows trained on, so that λ keeps its meaning). On a batch of B
 * rows:
 *
 * <pre>
 *   value    = (1/B) Σᵢ w̃ᵢ ℓᵢ
 *   gradient = (1/B) w̃ᵢ ∇ℓᵢ   (row i: the wrapped loss's gradient row scaled by w̃ᵢ)
 * </pre>
 *
 * Keras' {@code sample_weight} with {@code SUM_OVER_BATCH_SIZE}: an unbiased estimate of
 * Σ wᵢℓᵢ / Σ wᵢ's gradient over uniformly drawn batches. A weight of exactly 1 scales by 1, so
 * weights all equal (w̃ᵢ = 1 in float32) give the wrapped loss's gradient bit for bit. The
 * wrapped loss's one fused pass gives the gradient and each row's ℓᵢ ({@link
 * Loss#lossAndGradient(Matrix, Matrix, int, double[], Matrix)}), reading its target columns in
 * place (the weight column after them is not copied away); then each gradient row is scaled by
 * its w̃ᵢ. {@link #sum} is one pass too ({@link Loss#rowLosses}). Stateless, so thread-safe
 * when the wrapped loss is: writes only {@code out}.
 */
final class WeightedLoss implements Loss {
  private final Loss loss;

  WeightedLoss(Loss loss) {
    this.loss = loss;
  }

  @Override
  public double lossAndGradient(Matrix prediction, Matrix target, Matrix out) {
    int n = prediction.rows();
    // each row's ℓᵢ as the fused mean sums it, so that weights of 1 give its value too
    double[] rows = new double[n];
    int weight = target.cols() - 1;
    double mean = loss.lossAndGradient(prediction, target, weight, rows, out);
    if (!Double.isFinite(mean)) {
      return mean;
    }
    int k = out.cols();
    FloatBuffer g = out.buffer();
    double total = 0;
    for (int i = 0; i < n; i++) {
      float w = target.get(i, weight);
      if (w != 1f) {
        for (int c = i * k; c < (i + 1) * k; c++) {
          g.put(c, g.get(c) * w);
        }
      }
      total += w * rows[i];
    }
    return total / n;
  }

  /** Σᵢ w̃ᵢ ℓᵢ over the rows, each ℓᵢ as the wrapped loss's {@code sum} gives it. */
  @Override
  public double sum(Matrix prediction, Matrix target) {
    int n = prediction.rows();
    int weight = target.cols() - 1;
    double[] rows = new double[n];
    loss.rowLosses(prediction, target, weight, rows);
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += target.get(i, weight) * rows[i];
    }
    return total;
  }

  @Override
  public String name() {
    return loss.name();
  }

  /**
   * The targets with the normalized weights w̃ᵢ = wᵢ·n / Σw (float32) as one more column:
   * {@code [targets | w̃]}.
   */
  static Matrix withWeights(Matrix targets, double[] weights) {
    int n = targets.rows();
    int cols = targets.cols();
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    Matrix out = Matrix.zeros(n, cols + 1);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < cols; k++) {
        out.set(i, k, targets.get(i, k));
      }
      out.set(i, cols, (float) (weights[i] * n / sum));
    }
    return out;
  }
}
