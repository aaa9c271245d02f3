package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.nn.Initializer;

/**
 * A multilayer perceptron for a real-valued target: dense layers with ReLU (and inverted
 * dropout when set), one linear output, trained on the mean squared error
 * {@code (1/n) Σ ½(yᵢ − ŷᵢ)²} plus the penalty {@code λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|]} on the
 * weights, with PyTorch's default initialization. PyTorch's {@code MSELoss} has no ½: its
 * {@code SGD(lr, weight_decay=d)} takes this regressor's steps at λ = d/2 and learning rate
 * 2·lr (docs/objective.md).
 *
 * <pre>{@code
 * NetworkRegressor model = MlpRegressor.builder()
 *     .hiddenLayers(64).lambda(1e-3).standardize(true)
 *     .standardizeTarget(true)   // fitted to (y − μ)/σ, predicts y: a target far from unit scale
 *     .build().fit(train);       // (data/diabetes.csv's, σ = 77) diverges without it
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
public final class MlpRegressor extends NetworkEstimator<NetworkRegressor> {
  private MlpRegressor(NetworkSettings settings) {
    super(settings);
  }

  /** A builder with the defaults of {@link MlpBuilder} (hidden layers 256, 128). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this estimator's settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(settings);
  }

  @Override
  public NetworkRegressor fit(Dataset train, FitOptions options) {
    return NetworkFit.regressor(name(), settings, Initializer.pytorchDefault(), train, options);
  }

  /**
   * Named settings of a {@link MlpRegressor}; see {@link MlpBuilder} for the shared ones. Not
   * thread-safe: build on one thread; the built MlpRegressor is immutable and thread-safe.
   */
  public static final class Builder extends MlpBuilder<Builder> {
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
     * Fit the network to the standardized target z = (y − μ)/σ (μ and the 1/n standard
     * deviation σ of the training rows' targets; weighted, divisor Σwᵢ, with a
     * {@link #weightColumn}) and predict y = σ·f(x) + μ: the output layer
     * is rescaled after training, so the model, its file and its ONNX export predict y
     * directly. Squared-error gradients grow with σ, so on a target far from unit scale (a
     * price, a disease score of 25..346) a hidden layer diverges at the learning rates that
     * suit σ = 1; with this setting the same learning rate and λ serve any units of y (the loss
     * term is (1/n) Σ ½(zᵢ − f(xᵢ))², and the training history's losses are on that scale;
     * {@link Evaluation}'s loss and penalty are those of the saved, rescaled model instead).
     * Default: off (the objective of PyTorch's and scikit-learn's MLP regressors).
     */
    public Builder standardizeTarget(boolean value) {
      standardizeTarget = value;
      return this;
    }

    /** The estimator; throws IllegalArgumentException naming the first invalid setting. */
    public MlpRegressor build() {
      return new MlpRegressor(settings());
    }
  }
}
