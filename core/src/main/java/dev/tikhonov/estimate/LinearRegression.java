package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.nn.Initializer;

/**
 * Linear regression ŷ = x·w + b trained by the optimizers (mini-batch gradient steps) on
 * {@code (1/n) Σ ½(yᵢ − ŷᵢ)² + λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|]}, from zero weights. For the exact
 * solution use {@code Ridge} (closed form) or {@code ElasticNet} (coordinate descent); this one
 * shows what the optimizers do with a penalty.
 *
 * <pre>{@code
 * NetworkRegressor model = LinearRegression.builder()
 *     .lambda(0.1).standardize(true).epochs(50).build().fit(train);
 * double[] b = model.linearCoefficients().orElseThrow();   // on the original feature scale
 * double a0 = model.linearIntercept().orElseThrow();
 * }</pre>
 *
 * <p>Scaling: by default ({@code standardize(false)}, as PyTorch) the network sees the features
 * as they are and the penalty acts on the weights of those raw inputs; {@code standardize(true)}
 * standardizes each input to mean 0 and unit (1/n) variance inside the model (the first layer
 * then penalized on that scale), and {@code predict} applies it again to new rows. The target
 * is fitted as it is unless {@code standardizeTarget(true)}: then the loss above is on
 * z = (y − μ)/σ, μ and σ the training targets' mean and 1/n standard deviation (so λ means the
 * same whatever y's units), and {@code predict} gives y (docs/objective.md, "A regression
 * network's target").
 *
 * <p>Immutable and thread-safe; {@link #fit} trains a new model each call (same data, settings
 * and thread count: the same model, bit for bit). The fitting methods are {@link
 * NetworkEstimator}'s.
 */
public final class LinearRegression extends NetworkEstimator<NetworkRegressor> {
  private LinearRegression(NetworkSettings settings) {
    super(settings);
  }

  /** A builder with the defaults of {@link NetworkBuilder}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this estimator's settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(settings);
  }

  @Override
  public NetworkRegressor fit(Dataset train, FitOptions options) {
    return NetworkFit.regressor(name(), settings, Initializer.zeros(), train, options);
  }

  /**
   * Named settings of a {@link LinearRegression}; see {@link NetworkBuilder} for the shared ones.
   * Not thread-safe: build on one thread; the built LinearRegression is immutable and thread-safe.
   */
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

    /**
     * Fit to the standardized target z = (y − μ)/σ (training rows' mean and 1/n standard
     * deviation) and predict y = σ·(x·w + b) + μ, as {@link MlpRegressor.Builder#standardizeTarget}
     * does: the loss term is (1/n) Σ ½(zᵢ − x·w − b)², so λ acts on a target of unit variance
     * (glmnet's λ at {@code standardize = FALSE} is this λ when y has unit variance). A linear
     * model's stability does not depend on σ; this changes what λ means. Default: off.
     */
    public Builder standardizeTarget(boolean value) {
      standardizeTarget = value;
      return this;
    }

    /** The estimator; throws IllegalArgumentException naming the first invalid setting. */
    public LinearRegression build() {
      return new LinearRegression(settings());
    }
  }
}
