package dev.tikhonov.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import org.junit.jupiter.api.Test;

/**
 * Each loss's fused pass with row losses ({@link Loss#lossAndGradient(Matrix, Matrix, int,
 * double[], Matrix)}): the mean and the gradient are those of the plain fused pass bit for bit,
 * and ℓᵢ is the loss of row i alone (the interface's default, which computes it again on
 * one-row views). Its per-row sums ({@link Loss#rowLosses}) are {@code sum} on each row alone,
 * bit for bit. Both read the loss's target columns in place from a target with more columns
 * after them, with the results of the target alone.
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
    double fusedMean = loss.lossAndGradient(prediction, target, target.cols(), rows, fused);
    assertEquals(mean, fusedMean, 0, loss.name() + ": the mean, bit for bit");
    assertArrayEquals(plain.toArray(), fused.toArray(), loss.name() + ": the gradient");
    double[] expected = new double[n + 2];
    expected[n] = 7;
    withoutOverride(loss).lossAndGradient(prediction, target, target.cols(), expected,
        Matrix.zeros(n, prediction.cols()));
    assertArrayEquals(expected, rows, 0, loss.name() + ": each row's loss");
    double[] sums = new double[n + 2];
    sums[n] = 7;
    loss.rowLosses(prediction, target, target.cols(), sums);
    double[] expectedSums = new double[n + 2];
    expectedSums[n] = 7;
    for (int i = 0; i < n; i++) {
      expectedSums[i] = loss.sum(prediction.rowRange(i, i + 1), target.rowRange(i, i + 1));
    }
    assertArrayEquals(expectedSums, sums, 0, loss.name() + ": each row's sum");
    double[] defaultSums = new double[n + 2];
    defaultSums[n] = 7;
    withoutOverride(loss).rowLosses(prediction, target, target.cols(), defaultSums);
    assertArrayEquals(expectedSums, defaultSums, 0, loss.name() + ": the default's row sums");
    checkInPlace(loss, prediction, target, rows, fused, sums);
    checkInPlace(withoutOverride(loss), prediction, target, rows, fused, sums);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += rows[i];
    }
    assertEquals(mean, sum / n, 1e-14 * mean, loss.name() + ": the rows' mean");
  }

  /**
   * The same passes on {@code target} with two more columns after its own (filled with what
   * would change any result read from them): the same numbers, bit for bit.
   */
  private static void checkInPlace(Loss loss, Matrix prediction, Matrix target, double[] rows,
      Matrix gradient, double[] sums) {
    int n = prediction.rows();
    int k = target.cols();
    Matrix wide = Matrix.zeros(n, k + 2);
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        wide.set(i, c, target.get(i, c));
      }
      wide.set(i, k, 1e6f + i);
      wide.set(i, k + 1, -3);
    }
    Matrix out = Matrix.zeros(n, prediction.cols());
    double[] wideRows = new double[n + 2];
    wideRows[n] = 7;
    double mean = loss.lossAndGradient(prediction, wide, k, wideRows, out);
    double plain = loss.lossAndGradient(prediction, target, Matrix.zeros(n, prediction.cols()));
    assertEquals(plain, mean, 0, loss.name() + ": the mean in place");
    assertArrayEquals(gradient.toArray(), out.toArray(), loss.name() + ": the gradient in place");
    assertArrayEquals(rows, wideRows, 0, loss.name() + ": each row's loss in place");
    double[] wideSums = new double[n + 2];
    wideSums[n] = 7;
    loss.rowLosses(prediction, wide, k, wideSums);
    assertArrayEquals(sums, wideSums, 0, loss.name() + ": each row's sum in place");
  }

  @Test
  void targetColumnsOtherThanTheLosss_areRefused() {
    Matrix prediction = Matrix.zeros(4, 2);
    Matrix target = Matrix.zeros(4, 3);
    double[] rows = new double[4];
    for (Loss loss : new Loss[] {new SquaredError(), withoutOverride(new SquaredError())}) {
      assertThrows(IllegalArgumentException.class, () -> loss.lossAndGradient(prediction,
          target, 3, rows, Matrix.zeros(4, 2)));
      assertThrows(IllegalArgumentException.class,
          () -> loss.rowLosses(prediction, target, 4, rows));
    }
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy()
        .rowLosses(prediction, target, 2, rows));
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
