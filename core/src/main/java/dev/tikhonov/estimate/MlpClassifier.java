package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.nn.Initializer;

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
 * <p>The output has one unit per class of the data's {@code classNames()}, also for a class
 * that has no rows in them: a {@link Dataset#subset} keeps its parent's classes (so that the
 * folds of a cross-validation agree), and such a class is then learned as never seen.
 * {@link Dataset#withObservedClasses()} keeps only the classes the rows show.
 *
 * <p>Scaling: by default ({@code standardize(false)}, as PyTorch) the network sees the features
 * as they are and the penalty acts on the weights of those raw inputs; {@code standardize(true)}
 * standardizes each input to mean 0 and unit (1/n) variance inside the model (the first layer
 * then penalized on that scale), and {@code predict} applies it again to new rows.
 *
 * <p>Immutable and thread-safe; {@link #fit} trains a new model each call (same data, settings
 * and thread count: the same model, bit for bit). The fitting methods are {@link
 * NetworkEstimator}'s.
 */
public final class MlpClassifier extends NetworkEstimator<NetworkClassifier> {
  private MlpClassifier(NetworkSettings settings) {
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
  public NetworkClassifier fit(Dataset train, FitOptions options) {
    return NetworkFit.classifier(name(), settings, Initializer.pytorchDefault(), train, options);
  }

  /**
   * Named settings of a {@link MlpClassifier}; see {@link MlpBuilder} for the shared ones. Not
   * thread-safe: build on one thread; the built MlpClassifier is immutable and thread-safe.
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

    /** The estimator; throws IllegalArgumentException naming the first invalid setting. */
    public MlpClassifier build() {
      return new MlpClassifier(settings());
    }
  }
}
