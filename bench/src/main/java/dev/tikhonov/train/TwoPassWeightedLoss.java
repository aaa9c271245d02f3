package dev.tikhonov.train;

import dev.tikhonov.loss.Loss;
import dev.tikhonov.tensor.Matrix;

/**
 * Benchmark baseline only: {@link WeightedLoss#lossAndGradient} as it was before each loss gave
 * its row losses from its fused pass. It called the wrapped loss's fused mean and gradient and
 * then computed each row's loss again, one row at a time, on {@code rowRange} views of a copy
 * of the targets.
 */
final class TwoPassWeightedLoss implements Loss {
  private final Loss loss;

  TwoPassWeightedLoss(Loss loss) {
    this.loss = loss;
  }

  @Override
  public double lossAndGradient(Matrix prediction, Matrix target, Matrix out) {
    int n = prediction.rows();
    int cols = target.cols() - 1;
    Matrix y = CopyingWeightedLoss.targets(target);
    double mean = loss.lossAndGradient(prediction, y, out);
    if (!Double.isFinite(mean)) {
      return mean;
    }
    Matrix rowGradient = Matrix.zeros(1, out.cols());
    double total = 0;
    for (int i = 0; i < n; i++) {
      float w = target.get(i, cols);
      if (w != 1f) {
        for (int k = 0; k < out.cols(); k++) {
          out.set(i, k, out.get(i, k) * w);
        }
      }
      total += w * loss.lossAndGradient(prediction.rowRange(i, i + 1), y.rowRange(i, i + 1),
          rowGradient);
    }
    return total / n;
  }

  @Override
  public double sum(Matrix prediction, Matrix target) {
    throw new UnsupportedOperationException("a benchmark baseline of the step only");
  }

  @Override
  public String name() {
    return loss.name();
  }
}
