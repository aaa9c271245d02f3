package dev.tikhonov.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import org.junit.jupiter.api.Test;

/**
 * Each loss's fused pass with row losses ({@link Loss#lossAndGradient(Matrix, Matrix, double[],
 * Matrix)}): the mean and the gradient are those of the plain fused pass bit for bit, and ℓᵢ is
 * the loss of row i alone (the interface's default, which computes it again on one-row views).
 */
class RowLossesTest {
  /** The default of the interface, for comparison: the loss's own passes, no override. */
  private static Loss withoutOverride(Loss loss) {
    return new Loss() {
      @Override
      public double lossAndGradient(Matrix prediction, Matrix target, Matrix out) {
        return loss.lossAndGradient(prediction, target, out);
      }

      @Override
      public double sum(Matrix prediction, Matrix target) {
        return loss.sum(prediction, target);
      }

      @Override
      public String name() {
        return loss.name();
      }
    };
  }

  private static void check(Loss loss, Matrix prediction, Matrix target) {
    int n = prediction.rows();
    Matrix plain = Matrix.zeros(n, prediction.cols());
    double mean = loss.lossAndGradient(prediction, target, plain);
    Matrix fused = Matrix.zeros(n, prediction.cols());
    double[] rows = new double[n + 2];
    rows[n] = 7; // entries past the n rows are left alone
    double fusedMean = loss.lossAndGradient(prediction, target, rows, fused);
    assertEquals(mean, fusedMean, 0, loss.name() + ": the mean, bit for bit");
    assertArrayEquals(plain.toArray(), fused.toArray(), loss.name() + ": the gradient");
    double[] expected = new double[n + 2];
    expected[n] = 7;
    withoutOverride(loss).lossAndGradient(prediction, target, expected, Matrix.zeros(n,
        prediction.cols()));
    assertArrayEquals(expected, rows, 0, loss.name() + ": each row's loss");
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += rows[i];
    }
    assertEquals(mean, sum / n, 1e-14 * mean, loss.name() + ": the rows' mean");
  }

  @Test
  void rowLosses_areEachRowsLoss_andTheMeanAndGradientAreUnchangedBitForBit() {
    Rng rng = new Rng(4);
    Matrix logits = Matrix.zeros(37, 5);
    Matrix labels = Matrix.zeros(37, 1);
    Matrix prediction = Matrix.zeros(37, 3);
    Matrix target = Matrix.zeros(37, 3);
    for (int i = 0; i < 37; i++) {
      labels.put(i, i % 5);
    }
    for (int i = 0; i < logits.size(); i++) {
      logits.put(i, (float) (3 * rng.nextGaussian()));
    }
    for (int i = 0; i < prediction.size(); i++) {
      prediction.put(i, (float) rng.nextGaussian());
      target.put(i, (float) rng.nextGaussian());
    }
    check(new SoftmaxCrossEntropy(), logits, labels);
    check(new SquaredError(), prediction, target);
    check(new SquaredError(), Matrix.column(prediction.toArray()),
        Matrix.column(target.toArray()));
  }
}
