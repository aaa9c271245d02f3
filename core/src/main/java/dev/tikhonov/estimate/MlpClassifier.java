package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.train.TrainingListener;
import java.util.List;

/**
 * A multilayer perceptron classifier: dense layers with ReLU (and inverted dropout after each
 * hidden ReLU when set), a softmax output, trained on the mean cross-entropy
 * {@code −(1/n) Σ log p(yᵢ|xᵢ)} plus the penalty {@code λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|]} on the
 * weights (PyTorch's {@code SGD(weight_decay=λ)} for α = 0), with PyTorch's default
 * initialization.
 *
 * <pre>{@code
 * NetworkClassifier model = MlpClassifier.builder()
 *     .hiddenLayers(256, 128).lambda(1e-4).epochs(10).seed(0)
 *     .build().fit(Mnist.bundled().train());
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #fit} trains a new model each call (same data, settings
 * and thread count: the same model, bit for bit).
 */
public final class MlpClassifier implements Estimator<NetworkClassifier> {
  private final NetworkSettings settings;

  private MlpClassifier(NetworkSettings settings) {
    this.settings = settings;
  }

  /** A builder with the defaults of {@link NetworkBuilder} and hidden layers 256, 128. */
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
  public NetworkClassifier fit(Dataset train) {
    return fit(train, FitOptions.none());
  }

  /**
   * Fits on {@code train}, scoring {@code validation} after every epoch (early stopping uses it)
   * and calling {@code listener} along the way.
   */
  public NetworkClassifier fit(Dataset train, Dataset validation, TrainingListener listener) {
    return fit(train, FitOptions.none().withValidation(validation).withListener(listener));
  }

  /** Fits with the optional companions of {@code options} (validation, listener, resume). */
  public NetworkClassifier fit(Dataset train, FitOptions options) {
    return NetworkFit.classifier(name(), settings, Initializer.pytorchDefault(), train, options);
  }

  @Override
  public String toString() {
    return "MlpClassifier" + settings.toMap();
  }

  /** Named settings of a {@link MlpClassifier}; see {@link NetworkBuilder} for the shared ones. */
  public static final class Builder extends NetworkBuilder<Builder> {
    Builder() {
      hiddenLayers = List.of(256, 128);
    }

    Builder(NetworkSettings s) {
      super(s);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Widths of the hidden ReLU layers, input side first (default 256, 128). */
    public Builder hiddenLayers(int... widths) {
      if (widths.length == 0) {
        throw new IllegalArgumentException("an MLP needs at least one hidden layer");
      }
      hiddenLayers = java.util.Arrays.stream(widths).boxed().toList();
      return this;
    }

    /** Inverted dropout rate p ∈ [0, 1) after each hidden ReLU; identity at prediction. */
    public Builder dropout(double p) {
      dropout = p;
      return this;
    }

    /** The estimator; throws IllegalArgumentException naming the first invalid setting. */
    public MlpClassifier build() {
      return new MlpClassifier(settings());
    }
  }
}
