package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;

/**
 * Settings in, fitted model out: an estimator holds immutable settings (built by its builder
 * with named, validated setters and the defaults docs/java.md lists) and {@link #fit} turns a data
 * set into a {@link Predictor}. Every estimator minimizes docs/objective.md's objective
 *
 * <pre>  J(θ) = (1/n) Σᵢ ℓ(yᵢ, f(xᵢ; θ)) + λ · Σⱼ vⱼ [ (1−α)/2 · wⱼ² + α · |wⱼ| ]</pre>
 *
 * with λ = {@code lambda}, α = {@code l1Ratio}, only weights penalized. Estimators are
 * immutable and thread-safe: one estimator may fit several data sets at once.
 *
 * @param <P> what {@link #fit} returns
 */
public interface Estimator<P extends Predictor> {
  /**
   * Fits the model on {@code train}; the estimator itself is not changed.
   *
   * @throws dev.tikhonov.data.InputException naming the data when they cannot be fitted: no
   *     rows, no feature columns, a target of the wrong kind, …
   * @throws NullPointerException with the message {@code train} when {@code train} is null
   */
  P fit(Dataset train);

  /** The estimator's name, e.g. "MlpClassifier". */
  default String name() {
    return getClass().getSimpleName();
  }
}
