package dev.tikhonov.train;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.internal.train.RandomStreams;
import dev.tikhonov.loss.Family;
import dev.tikhonov.nn.Sequential;
import java.util.Optional;

/**
 * Test fixture (the library's one training driver is {@code dev.tikhonov.estimate.NetworkFit},
 * behind the estimators): one call from data to a trained {@link Model}: builds the network of a {@link ModelSpec} from
 * the run's seed ({@link RandomStreams}), trains it with {@link Trainer} and evaluates it.
 *
 * <p>The data must already be in the form the network sees (standardized if wanted); pass the
 * standardization's mean and scale so the model applies it to raw inputs later.
 */
public final class Training {
  private Training() {}

  /** A trained model, its training record, and its evaluation on the test data (may be null). */
  public record Outcome(Model model, TrainResult result, Score test, Score train) {}

  /**
   * Mean data loss and accuracy (NaN for regression) of the trained network on a data set: the
   * trainer's package-private {@link Evaluation}, for the tests of other packages.
   */
  public record Score(double loss, double accuracy) {
    static Score of(Evaluation e) {
      return new Score(e.loss(), e.accuracy());
    }
  }

  public static Outcome fit(
      ModelSpec spec,
      Dataset train,
      Dataset validation,
      Dataset test,
      TrainConfig config,
      TrainingListener listener,
      double[] featureMean,
      double[] featureScale) {
    return fit(spec, train, validation, test, config, listener, featureMean, featureScale, null);
  }

  /**
   * {@link #fit(ModelSpec, Dataset, Dataset, Dataset, TrainConfig, TrainingListener, double[],
   * double[])} continued from a checkpoint's {@code resumeFrom} (null = from the start); see
   * {@link Trainer#fit(Sequential, dev.tikhonov.loss.Loss, Dataset, Optional,
   * dev.tikhonov.tensor.Rng, Optional)}.
   */
  public static Outcome fit(
      ModelSpec spec,
      Dataset train,
      Dataset validation,
      Dataset test,
      TrainConfig config,
      TrainingListener listener,
      double[] featureMean,
      double[] featureScale,
      TrainingState resumeFrom) {
    if (spec.family() == Family.MULTINOMIAL && !train.isClassification()) {
      throw new IllegalArgumentException(
          "model " + spec.describe() + " is a classifier but the target of " + train.source()
              + " is not a class label (read it with a class target)");
    }
    if (spec.family() == Family.GAUSSIAN && train.isClassification()) {
      throw new IllegalArgumentException(
          "model " + spec.describe() + " is a regression model but " + train.source()
              + " has class labels; use --model logistic or an MLP");
    }
    RandomStreams random = RandomStreams.of(config.seed());
    int outputs = train.isClassification() ? train.numClasses() : 1;
    Sequential network = spec.architecture().build(train.numFeatures(), outputs,
        spec.initializer(), random.init(), random.dropout());
    TrainResult result = new Trainer(config, listener)
        .fit(network, spec.family().networkLoss(), train, Optional.ofNullable(validation),
            random.shuffle(), Optional.ofNullable(resumeFrom));
    Score testEval = test == null ? null
        : Score.of(Evaluation.of(network, spec.family().networkLoss(), test));
    Score trainEval = Score.of(Evaluation.of(network, spec.family().networkLoss(), train));
    Model model = new Model(spec, network, train.featureNames(), train.classNames(),
        featureMean == null ? Optional.empty()
            : Optional.of(new dev.tikhonov.data.Standardizer(featureMean, featureScale)));
    return new Outcome(model, result, testEval, trainEval);
  }
}
