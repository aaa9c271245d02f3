package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.nn.Initializer;

/**
 * Logistic (softmax) regression p(k|x) = softmax(x·W + b)ₖ trained by the optimizers on
 * {@code −(1/n) Σ log p(yᵢ|xᵢ) + λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|]}, from zero weights; two classes
 * use two logits (the softmax form of logistic regression). For glmnet's exact path use
 * {@code ElasticNet} with a binomial or multinomial family.
 *
 * <pre>{@code
 * NetworkClassifier model = LogisticRegression.builder()
 *     .lambda(1e-3).l1Ratio(0.5).build().fit(train);
 * double[][] b = model.linearCoefficients().orElseThrow();  // [class][feature], original scale
 * double[] a0 = model.linearIntercepts().orElseThrow();
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
public final class LogisticRegression extends NetworkEstimator<NetworkClassifier> {
  private LogisticRegression(NetworkSettings settings) {
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
  public NetworkClassifier fit(Dataset train, FitOptions options) {
    return NetworkFit.classifier(name(), settings, Initializer.zeros(), train, options);
  }

  /**
   * Named settings of a {@link LogisticRegression}; see {@link NetworkBuilder} for the shared ones.
   * Not thread-safe: build on one thread; the built LogisticRegression is immutable and
   * thread-safe.
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

    /** The estimator; throws IllegalArgumentException naming the first invalid setting. */
    public LogisticRegression build() {
      return new LogisticRegression(settings());
    }
  }
}
