package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.train.TrainingListener;

/**
 * What the four network estimators share ({@link LinearRegression}, {@link LogisticRegression},
 * {@link MlpRegressor}, {@link MlpClassifier}): validated {@link NetworkSettings} and the three
 * ways to fit. Each subclass says which model it trains (its loss, output and initialization);
 * the objective is {@link Estimator}'s, with λ scaled as in docs/objective.md.
 *
 * <p>Immutable and thread-safe; {@link #fit} trains a new model each call (same data, settings
 * and thread count: the same model, bit for bit).
 *
 * @param <M> the fitted model
 */
public abstract sealed class NetworkEstimator<M extends Predictor> implements Estimator<M>
    permits LinearRegression, LogisticRegression, MlpClassifier, MlpRegressor {
  final NetworkSettings settings;

  NetworkEstimator(NetworkSettings settings) {
    this.settings = settings;
  }

  /** The settings, validated. */
  public NetworkSettings settings() {
    return settings;
  }

  @Override
  public M fit(Dataset train) {
    return fit(train, FitOptions.none());
  }

  /**
   * Fits on {@code train}, scoring {@code validation} after every epoch (early stopping uses it)
   * and calling {@code listener} along the way.
   */
  public M fit(Dataset train, Dataset validation, TrainingListener listener) {
    return fit(train, FitOptions.none().withValidation(validation).withListener(listener));
  }

  /** Fits with the optional companions of {@code options} (validation, listener, resume). */
  public abstract M fit(Dataset train, FitOptions options);

  @Override
  public String toString() {
    return name() + settings.toMap();
  }
}
