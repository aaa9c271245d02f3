package dev.tikhonov.linear;

import java.util.Arrays;

/**
 * Per-row observation weights and offsets of a path fit, glmnet's {@code weights} and
 * {@code offset}. With weights wᵢ ≥ 0 the data term of the objective becomes the weighted mean
 *
 * <pre>  Σᵢ wᵢ ℓ(yᵢ, oᵢ + a₀ + xᵢ·b) / Σᵢ wᵢ</pre>
 *
 * (glmnet normalizes its weights to sum to n, which is the same objective), so λ keeps its
 * meaning: weights all equal are no weights; the standardization's means and standard
 * deviations are the weighted ones. An offset oᵢ is a fixed part of the linear predictor
 * (e.g. log exposure for Poisson counts): it is not fitted, it is not part of a₀, and a model
 * fitted with offsets needs them again to predict. Either array may be empty (absent); when
 * given, it has one entry per row of the data (indexed like the rows of x, also when a path
 * is fitted on a subset of rows). The multinomial family takes weights but no offset (glmnet's
 * would be one column per class). Immutable (the arrays are copied in and out); thread-safe.
 *
 * @param weights wᵢ, finite and ≥ 0, not all zero; empty for none
 * @param offsets oᵢ, finite; empty for none
 */
public record Observations(double[] weights, double[] offsets) {

  public Observations {
    weights = weights.clone();
    offsets = offsets.clone();
  }

  /** No weights, no offsets. */
  public static Observations none() {
    return new Observations(new double[0], new double[0]);
  }

  /** Observation weights, one per row. */
  public static Observations ofWeights(double... weights) {
    return new Observations(weights, new double[0]);
  }

  /** Offsets, one per row. */
  public static Observations ofOffsets(double... offsets) {
    return new Observations(new double[0], offsets);
  }

  /** These weights with offsets, one per row. */
  public Observations withOffsets(double... newOffsets) {
    return new Observations(weights, newOffsets);
  }

  /** These offsets with weights, one per row. */
  public Observations withWeights(double... newWeights) {
    return new Observations(newWeights, offsets);
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public double[] offsets() {
    return offsets.clone();
  }

  /** Whether weights are given ({@link #weights()} is not empty). */
  public boolean hasWeights() {
    return weights.length > 0;
  }

  /** Whether offsets are given ({@link #offsets()} is not empty). */
  public boolean hasOffsets() {

    return offsets.length > 0;
  }

  /** The offset of row i (0 without offsets). */
  public double offset(int i) {
    return offsets.length == 0 ? 0 : offsets[i];
  }

  /** The weight of row i (1 without weights). */
  public double weight(int i) {
    return weights.length == 0 ? 1 : weights[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Observations other && Arrays.equals(weights, other.weights)
        && Arrays.equals(offsets, other.offsets);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(weights) + Arrays.hashCode(offsets);
  }

  @Override
  public String toString() {
    return "Observations[" + weights.length + " weights, " + offsets.length + " offsets]";
  }
}
