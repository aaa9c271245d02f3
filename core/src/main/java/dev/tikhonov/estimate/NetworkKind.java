package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.TrainResult;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The classifier or the regressor side of a network fit, so that paths and searches over
 * {@link NetworkSettings} serve {@link MlpClassifier} and {@link MlpRegressor} alike. Stateless.
 *
 * @param <P> the fitted model
 */
abstract class NetworkKind<P extends Predictor> {
  static final NetworkKind<NetworkClassifier> CLASSIFIER = new NetworkKind<>() {
    @Override
    NetworkClassifier fit(String estimator, NetworkSettings s, Dataset train, FitOptions o) {
      return NetworkFit.classifier(estimator, s, Initializer.pytorchDefault(), train, o);
    }

    @Override
    List<LayerWeights> layers(NetworkClassifier model) {
      return model.layers();
    }

    @Override
    TrainResult training(NetworkClassifier model) {
      return model.training().orElseThrow();
    }

    @Override
    Model model(NetworkClassifier model) {
      return model.model();
    }

    @Override
    NetworkClassifier relabel(NetworkClassifier m, Provenance provenance, NetworkSettings s) {
      return new NetworkClassifier(m.model(), provenance, m.training(), s.lambda(),
          s.l1Ratio());
    }

    @Override
    String estimatorName() {
      return "MlpClassifier";
    }
  };

  static final NetworkKind<NetworkRegressor> REGRESSOR = new NetworkKind<>() {
    @Override
    NetworkRegressor fit(String estimator, NetworkSettings s, Dataset train, FitOptions o) {
      return NetworkFit.regressor(estimator, s, Initializer.pytorchDefault(), train, o);
    }

    @Override
    List<LayerWeights> layers(NetworkRegressor model) {
      return model.layers();
    }

    @Override
    TrainResult training(NetworkRegressor model) {
      return model.training().orElseThrow();
    }

    @Override
    Model model(NetworkRegressor model) {
      return model.model();
    }

    @Override
    NetworkRegressor relabel(NetworkRegressor m, Provenance provenance, NetworkSettings s) {
      return new NetworkRegressor(m.model(), provenance, m.training(), s.lambda(), s.l1Ratio());
    }

    @Override
    String estimatorName() {
      return "MlpRegressor";
    }
  };

  /** Fits a network with settings {@code s}, named {@code estimator} in its provenance. */
  abstract P fit(String estimator, NetworkSettings s, Dataset train, FitOptions options);

  abstract List<LayerWeights> layers(P model);

  abstract TrainResult training(P model);

  abstract Model model(P model);

  /** The same fitted model with another provenance (a search names itself and its choice). */
  abstract P relabel(P model, Provenance provenance, NetworkSettings settings);

  /** The estimator a single fit of this kind is. */
  abstract String estimatorName();

  /**
   * {@code model} as fitted by a search named {@code estimator} on {@code data} (all its rows),
   * with the chosen network settings and what the search adds ({@code searchSettings}).
   */
  P asSearchResult(P model, String estimator, NetworkSettings chosen,
      Map<String, Object> searchSettings, Dataset data) {
    Map<String, Object> settings = chosen.toMap();
    settings.putAll(searchSettings);
    return relabel(model, Provenance.of(estimator, settings, OptionalLong.of(chosen.seed()),
        data), chosen);
  }

  /** Whether this kind fits classifiers (whose searches score by deviance or class). */
  boolean classifies() {
    return this == CLASSIFIER;
  }

}
