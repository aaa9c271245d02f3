package dev.tikhonov.estimate;

import java.util.Optional;

/** The network settings behind an estimator, when it is one of tikhonov's network estimators. */
final class NetworkEstimators {
  private NetworkEstimators() {}

  static Optional<NetworkSettings> settingsOf(Estimator<?> estimator) {
    if (estimator instanceof MlpClassifier e) {
      return Optional.of(e.settings());
    }
    if (estimator instanceof MlpRegressor e) {
      return Optional.of(e.settings());
    }
    if (estimator instanceof LinearRegression e) {
      return Optional.of(e.settings());
    }
    if (estimator instanceof LogisticRegression e) {
      return Optional.of(e.settings());
    }
    if (estimator instanceof MlpGrid.NetworkEstimator<?> e) {
      return Optional.of(e.settings());
    }
    return Optional.empty();
  }
}
