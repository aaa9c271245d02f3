package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.train.TrainingListener;

/**
 * Linear regression ŷ = x·w + b trained by the optimizers (mini-batch gradient steps) on
 * {@code (1/n) Σ ½(yᵢ − ŷᵢ)² + λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|]}, from zero weights. For the exact
 * solution use {@code Ridge} (closed form) or {@code ElasticNet} (coordinate descent); this one
 * shows what the optimizers do with a penalty.
 *
 * <pre>{@code
 * NetworkRegressor model = LinearRegression.builder()
 *     .lambda(0.1).standardize(true).epochs(50).build().fit(train);
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #fit} trains a new model each call (same data, settings
 * and thread count: the same model, bit for bit).
 */
public final class LinearRegression implements Estimator<NetworkRegressor> {
  private final NetworkSettings settings;

  private LinearRegression(NetworkSettings settings) {
    this.settings = settings;
  }

  /** A builder with the defaults of {@link NetworkBuilder}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this estimator's settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(settings);
  }

  /** The settings, validated. */
  public NetworkSettings settings() {
    return settings;
  }

  @Override
  public NetworkRegressor fit(Dataset train) {
    return fit(train, FitOptions.none());
  }

  /**
   * Fits on {@code train}, scoring {@code validation} after every epoch (early stopping uses it)
   * and calling {@code listener} along the way.
   */
  public NetworkRegressor fit(Dataset train, Dataset validation, TrainingListener listener) {
    return fit(train, FitOptions.none().withValidation(validation).withListener(listener));
  }

  /** Fits with the optional companions of {@code options} (validation, listener, resume). */
  public NetworkRegressor fit(Dataset train, FitOptions options) {
    return NetworkFit.regressor(name(), settings, Initializer.zeros(), train, options);
  }

  @Override
  public String toString() {
    return "LinearRegression" + settings.toMap();
  }

  /** Named settings of a {@link LinearRegression}; see {@link NetworkBuilder} for the shared ones. */
  public static final class Builder extends NetworkBuilder<Builder> {
    Builder() {
    }

    Builder(NetworkSettings s) {
      super(s);
    }

    @Override
    Builder self() {
      return this;
    }

    /** The estimator; throws IllegalArgumentException naming the first invalid setting. */
    public LinearRegression build() {
      return new LinearRegression(settings());
    }
  }
}
