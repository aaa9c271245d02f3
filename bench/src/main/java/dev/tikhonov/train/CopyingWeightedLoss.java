package dev.tikhonov.train;

import dev.tikhonov.loss.Loss;
import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;

/**
 * Benchmark baseline only: {@link WeightedLoss} as it was before the wrapped loss read its
 * target columns in place and gave its per-row sums in one pass. Its step copied the target
 * columns out of the (n × (k+1)) target on every batch before the wrapped loss's fused pass;
 * its {@code sum} copied them too and called the wrapped loss's {@code sum} on each one-row
 * view.
 */
final class CopyingWeightedLoss implements Loss {
  private final Loss loss;

  CopyingWeightedLoss(Loss loss) {
    this.loss = loss;
  }

  @Override
  public double lossAndGradient(Matrix prediction, Matrix target, Matrix out) {
    int n = prediction.rows();
    double[] rows = new double[n];
    Matrix y = targets(target);
    double mean = loss.lossAndGradient(prediction, y, y.cols(), rows, out);
    if (!Double.isFinite(mean)) {
      return mean;
    }
    int weight = target.cols() - 1;
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

  @Override
  public double sum(Matrix prediction, Matrix target) {
    Matrix y = targets(target);
    int weight = target.cols() - 1;
    double total = 0;
    for (int i = 0; i < prediction.rows(); i++) {
      float w = target.get(i, weight);
      total += w * loss.sum(prediction.rowRange(i, i + 1), y.rowRange(i, i + 1));
    }
    return total;
  }

  @Override
  public String name() {
    return loss.name();
  }

  /** The wrapped loss's targets: every column but the last (a copy). */
  static Matrix targets(Matrix target) {
    int cols = target.cols() - 1;
    Matrix y = Matrix.zeros(target.rows(), cols);
    for (int i = 0; i < target.rows(); i++) {
      for (int k = 0; k < cols; k++) {
        y.set(i, k, target.get(i, k));
      }
    }
    return y;
  }
}
