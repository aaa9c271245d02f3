package dev.tikhonov.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.loss.Loss;
import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.loss.SquaredError;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@link WeightedLoss#sum} (validation losses, evaluation) in one pass over the wrapped loss's
 * per-row sums: Σᵢ w̃ᵢ ℓᵢ as the row-by-row sum it replaced gave it (the wrapped loss's
 * {@code sum} on each one-row view of a copy of the target columns), bit for bit.
 */
class WeightedLossTest {
  /** The sum as it was: each row's {@code sum} on one-row views of the targets copied out. */
  private static double rowByRow(Loss loss, Matrix prediction, Matrix target) {
    int weight = target.cols() - 1;
    Matrix y = Matrix.zeros(target.rows(), weight);
    for (int i = 0; i < target.rows(); i++) {
      for (int k = 0; k < weight; k++) {
        y.set(i, k, target.get(i, k));
      }
    }
    double total = 0;
    for (int i = 0; i < prediction.rows(); i++) {
      float w = target.get(i, weight);
      total += w * loss.sum(prediction.rowRange(i, i + 1), y.rowRange(i, i + 1));
    }
    return total;
  }

  @Test
  void sum_isTheRowByRowSumItReplaced_bitForBit() {
    Rng rng = new Rng(21);
    int n = 301;
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = i % 5 == 0 ? 0 : Math.abs(rng.nextGaussian()) * 3;
    }
    Matrix logits = Matrix.zeros(n, 7);
    Matrix labels = Matrix.zeros(n, 1);
    Matrix prediction = Matrix.zeros(n, 3);
    Matrix target = Matrix.zeros(n, 3);
    for (int i = 0; i < n; i++) {
      labels.put(i, i % 7);
    }
    for (int i = 0; i < logits.size(); i++) {
      logits.put(i, (float) (4 * rng.nextGaussian()));
    }
    for (int i = 0; i < prediction.size(); i++) {
      prediction.put(i, (float) (10 * rng.nextGaussian()));
      target.put(i, (float) rng.nextGaussian());
    }
    Matrix weightedLabels = WeightedLoss.withWeights(labels, w);
    Matrix weightedTargets = WeightedLoss.withWeights(target, w);
    Loss softmax = new SoftmaxCrossEntropy();
    Loss squared = new SquaredError();
    assertEquals(rowByRow(softmax, logits, weightedLabels),
        new WeightedLoss(softmax).sum(logits, weightedLabels), 0, "softmax cross-entropy");
    assertEquals(rowByRow(squared, prediction, weightedTargets),
        new WeightedLoss(squared).sum(prediction, weightedTargets), 0, "squared error");
    Matrix column = Matrix.column(prediction.toArray()).topRows(n);
    Matrix weightedColumn = WeightedLoss.withWeights(Matrix.column(target.toArray())
        .topRows(n), w);
    assertEquals(rowByRow(squared, column, weightedColumn),
        new WeightedLoss(squared).sum(column, weightedColumn), 0, "squared error, one output");
  }
}
