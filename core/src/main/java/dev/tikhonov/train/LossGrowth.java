package dev.tikhonov.train;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.loss.Loss;
import dev.tikhonov.tensor.Matrix;

/**
 * The trainer's loss-growth rule: a run whose mean training loss grew more than
 * {@link Trainer#LOSS_GROWTH_LIMIT} (10¹⁰) times is diverging, even while its numbers stay
 * finite. The growth is measured against a reference:
 *
 * <pre>
 *   epoch 1:      L̄₁ > 10¹⁰ · max(ℓ_B1, ℓ₀)      ℓ_B1 = the first batch's mean loss (before any step)
 *                                               ℓ₀   = (1/n) Σᵢ ℓ(yᵢ, 0), the all-zero output's loss
 *   epoch e ≥ 2:  L̄ₑ > 10¹⁰ · L̄₁                 L̄₁ = the first epoch's mean, from the history
 * </pre>
 *
 * Why these references:
 *
 * <ul>
 *   <li>The first epoch's mean L̄₁ cannot be its own reference: a learning rate that blows the
 *       weights up inside epoch 1 puts the blow-up into L̄₁ (5·10²⁸ for an MLP on MNIST at
 *       learning rate 10⁶), and every later epoch then looks like improvement.
 *   <li>The first batch's loss alone is not a reference either: it can be near zero by accident.
 *       A linear model starts from zero weights, so a first batch of near-zero targets has a
 *       loss of 10⁻¹⁵ (a zero-inflated count target, even 0), against which a stable run looks
 *       diverging.
 *   <li>ℓ₀ is the loss of the output a zero-weight last layer gives, over all training rows:
 *       ½·mean(y²) for squared error (what a linear model starts from), log K for K-class
 *       softmax cross-entropy, 1 for the Poisson loss μ − y·log μ at μ = e⁰. It depends on the
 *       targets' scale, not on which rows the first batch drew, and it is 0 only when every
 *       target is (squared error) or for a single class, where no step changes anything either.
 *       ℓ_B1 covers a network whose random start is far from the zero output (large inputs), so
 *       the maximum is never below the loss the run started from on its first rows; a stable
 *       run's first-epoch mean stays near or below where it started.
 *   <li>Later epochs compare with L̄₁, which the history keeps, so a run resumed from a
 *       checkpoint has the same reference as the uninterrupted one (ℓ_B1 is in no checkpoint).
 *       The epoch-1 check runs before that epoch's record and checkpoint are written, so a
 *       resumed run (epoch 2 onward) never needs ℓ_B1 or ℓ₀.
 * </ul>
 *
 * Stateless.
 */
final class LossGrowth {
  private static final int CHUNK = 1024;

  private LossGrowth() {}

  /**
   * ℓ₀ = (1/n) Σᵢ ℓ(yᵢ, 0): the mean loss of an all-zero output of width {@code outputs} on the
   * training targets, computed with {@code loss} itself in chunks of rows (so it holds for any
   * {@link Loss}).
   */
  static double zeroOutputLoss(Loss loss, Dataset train, int outputs) {
    return zeroOutputLoss(loss, train.targetMatrix(), outputs);
  }

  /** The same on the target matrix (with a weight column for a weighted loss). */
  static double zeroOutputLoss(Loss loss, Matrix targets, int outputs) {
    int n = targets.rows();
    Matrix zeros = Matrix.zeros(Math.min(CHUNK, n), outputs);
    double sum = 0;
    for (int from = 0; from < n; from += CHUNK) {
      int to = Math.min(n, from + CHUNK);
      sum += loss.sum(zeros.topRows(to - from), targets.rowRange(from, to));
    }
    return sum / n;
  }

  /** The first epoch's check: a description of the growth, or null when there is none. */
  static String firstEpoch(double epochLoss, double firstBatchLoss, double zeroOutputLoss) {
    double reference = Math.max(firstBatchLoss, zeroOutputLoss);
    if (reference > 0 && epochLoss > Trainer.LOSS_GROWTH_LIMIT * reference) {
      return "the first epoch's mean training loss " + Digits.few(epochLoss) + " is more than"
          + " 10¹⁰ times the loss it started from, " + Digits.few(reference) + " (the larger of"
          + " its first batch's loss, " + Digits.few(firstBatchLoss) + ", and an all-zero"
          + " output's loss on the training targets, " + Digits.few(zeroOutputLoss) + ")";
    }
    return null;
  }

  /** A later epoch's check against the first epoch's mean: a description, or null. */
  static String laterEpoch(double epochLoss, double firstEpochLoss) {
    if (firstEpochLoss > 0 && epochLoss > Trainer.LOSS_GROWTH_LIMIT * firstEpochLoss) {
      return "the epoch's mean training loss " + Digits.few(epochLoss) + " is more than 10¹⁰"
          + " times the first epoch's " + Digits.few(firstEpochLoss);
    }
    return null;
  }
}
