package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Datasets;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.Standardizer;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.ModelSpec;
import dev.tikhonov.train.RandomStreams;
import dev.tikhonov.train.Task;
import dev.tikhonov.train.TrainConfig;
import dev.tikhonov.train.TrainResult;
import dev.tikhonov.train.Trainer;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one training driver behind every network estimator: checks the data against the task,
 * holds out the validation rows, standardizes on the training rows, builds the network from the
 * seed's streams ({@link RandomStreams}), trains it ({@link Trainer}) and wraps the result.
 */
final class NetworkFit {
  private NetworkFit() {}

  /** Fits a classifier (softmax cross-entropy). */
  static NetworkClassifier classifier(String estimator, NetworkSettings s, Initializer init,
      Dataset train, FitOptions options) {
    Fitted f = fit(estimator, s, Task.CLASSIFICATION, init, train, options);
    return new NetworkClassifier(f.model, f.provenance, Optional.of(f.result), s.lambda(),
        s.l1Ratio());
  }

  /** Fits a regressor (squared error ½(y − ŷ)²). */
  static NetworkRegressor regressor(String estimator, NetworkSettings s, Initializer init,
      Dataset train, FitOptions options) {
    Fitted f = fit(estimator, s, Task.REGRESSION, init, train, options);
    return new NetworkRegressor(f.model, f.provenance, Optional.of(f.result), s.lambda(),
        s.l1Ratio());
  }

  private record Fitted(Model model, TrainResult result, Provenance provenance) {}

  private static Fitted fit(String estimator, NetworkSettings s, Task task, Initializer init,
      Dataset data, FitOptions options) {
    requireTask(estimator, task, data);
    if (data.size() == 0) {
      throw new InputException(data.source() + ": no rows to train on");
    }
    Datasets.requireFinite(data.features(), data.source());
    int previousThreads = Blas.threads();
    if (s.threads().isPresent()) {
      Blas.setThreads(s.threads().getAsInt());
    }
    try {
      Dataset train = data;
      Dataset validation = options.validation().orElse(null);
      if (validation != null) {
        requireSameColumns(train, validation);
      } else if (s.heldOutFraction() > 0) {
        TrainTest split = Splits.trainTest(train, s.heldOutFraction(), s.seed() + 1,
            train.isClassification());
        train = split.train();
        validation = split.test();
      }
      double[] mean = null;
      double[] scale = null;
      if (s.standardize()) {
        Standardizer st = Standardizer.fit(train.features());
        mean = st.mean();
        scale = st.scale();
        train = train.withFeatures(st.transform(train.features()));
        if (validation != null) {
          validation = validation.withFeatures(st.transform(validation.features()));
        }
      }
      int batch = Math.min(s.batchSize(), train.size());
      long batchesPerEpoch = (train.size() + batch - 1) / batch;
      OptimizerConfig optimizer = s.optimizer();
      if (s.schedule().kind() != EpochSchedule.Kind.CONSTANT) {
        optimizer = optimizer.schedule(s.schedule().inSteps(optimizer.schedule().at(1),
            batchesPerEpoch, s.epochs()));
      }
      TrainConfig config = new TrainConfig(s.epochs(), s.batchSize(), s.seed(),
          Penalty.elasticNet(s.lambda(), s.l1Ratio()), optimizer, s.patience());
      Architecture architecture = new Architecture(s.hiddenLayers(), s.dropout());
      ModelSpec spec = new ModelSpec(architecture, task, init);
      RandomStreams random = RandomStreams.of(s.seed());
      int outputs = task == Task.CLASSIFICATION ? train.numClasses() : 1;
      Sequential network = architecture.build(train.numFeatures(), outputs, init, random.init(),
          random.dropout());
      TrainResult result = new Trainer(config, options.listener()).fit(network, task.loss(),
          train, validation, random.shuffle(), options.resumeFrom().orElse(null));
      Model model = new Model(spec, network, train.featureNames(), train.classNames(), mean,
          scale);
      Map<String, Object> settings = s.toMap();
      if (s.hiddenLayers().isEmpty()) {
        settings.remove("hidden_layers");
        settings.remove("dropout");
      }
      Provenance provenance = Provenance.of(estimator, settings, OptionalLong.of(s.seed()),
          data);
      return new Fitted(model, result, provenance);
    } finally {
      if (s.threads().isPresent()) {
        Blas.setThreads(previousThreads);
      }
    }
  }

  private static void requireTask(String estimator, Task task, Dataset data) {
    if (task == Task.CLASSIFICATION && !data.isClassification()) {
      throw new InputException(data.source() + ": " + estimator + " needs class labels, but "
          + "the target is a number; read the data with class targets (TargetKind.CLASS)");
    }
    if (task == Task.REGRESSION && data.isClassification()) {
      throw new InputException(data.source() + ": " + estimator + " predicts numbers, but the "
          + "target holds class labels; use a classifier or read the target as a number");
    }
  }

  private static void requireSameColumns(Dataset train, Dataset validation) {
    if (!train.featureNames().equals(validation.featureNames())) {
      throw new InputException(validation.source() + ": the validation data's features differ "
          + "from the training data's");
    }
    if (!train.classNames().equals(validation.classNames())) {
      throw new InputException(validation.source() + ": the validation data's classes "
          + validation.classNames() + " differ from the training data's "
          + train.classNames());
    }
  }
}
