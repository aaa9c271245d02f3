package dev.tikhonov.train;

import dev.tikhonov.internal.data.Numbers;
import java.util.Arrays;

/**
 * Observation weights wᵢ ≥ 0 of the training rows and of the validation rows, for
 * {@link Trainer#fit(dev.tikhonov.nn.Sequential, dev.tikhonov.loss.Loss,
 * dev.tikhonov.data.Dataset, java.util.Optional, dev.tikhonov.tensor.Rng, java.util.Optional,
 * ObservationWeights)}. The data term of docs/objective.md's objective becomes the weighted
 * mean
 *
 * <pre>  J(θ) = Σᵢ wᵢ ℓᵢ / Σᵢ wᵢ + penalty</pre>
 *
 * so λ keeps its meaning and weights all equal are no weights. Each mini-batch's data gradient
 * is (1/B) Σ_{i∈B} w̃ᵢ ∇ℓᵢ with w̃ᵢ = wᵢ·n / Σw (weights scaled to mean 1 over the n training
 * rows): an unbiased estimate of ∇J's data part, Keras' {@code sample_weight} with
 * {@code SUM_OVER_BATCH_SIZE} on weights of mean 1. Either array may be empty (no weights: the
 * unweighted step, unchanged). Immutable (copied in and out), so thread-safe.
 *
 * @param train one weight per training row, finite and ≥ 0, not all 0; empty for none
 * @param validation one weight per validation row, likewise; empty for none
 */
public record ObservationWeights(double[] train, double[] validation) {
  public ObservationWeights {
    train = check(train.clone(), "training");
    validation = check(validation.clone(), "validation");
  }

  /** No weights: every row counts once. */
  public static ObservationWeights none() {
    return new ObservationWeights(new double[0], new double[0]);
  }

  @Override
  public double[] train() {
    return train.clone();
  }

  @Override
  public double[] validation() {
    return validation.clone();
  }

  /** Whether the training rows are weighted. */
  public boolean weightsTraining() {
    return train.length > 0;
  }

  /** Whether the validation rows are weighted. */
  public boolean weightsValidation() {
    return validation.length > 0;
  }

  private static double[] check(double[] weights, String rows) {
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("the " + rows + " row " + (i + 1) + ": "
            + Numbers.badWeight(weights[i], "weights"));
      }
      sum += weights[i];
    }
    if (weights.length > 0 && !(sum > 0 && Double.isFinite(sum))) {
      throw new IllegalArgumentException("the " + rows + " rows' weights "
          + (sum > 0 ? "sum to " + sum : "are all 0") + "; they need a finite, positive sum");
    }
    return weights;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObservationWeights other && Arrays.equals(train, other.train)
        && Arrays.equals(validation, other.validation);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(train) + Arrays.hashCode(validation);
  }

  @Override
  public String toString() {
    return "ObservationWeights[" + train.length + " training, " + validation.length
        + " validation]";
  }
}
