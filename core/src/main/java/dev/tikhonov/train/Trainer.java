package dev.tikhonov.train;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Standardizer;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.internal.train.RandomStreams;
import dev.tikhonov.loss.Loss;
import dev.tikhonov.nn.Dropout;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.Optimizer;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The mini-batch loop. Each step minimizes docs/objective.md's objective on one batch B:
 *
 * <pre>
 *   J_B(θ) = (1/|B|) Σ_{i∈B} ℓ(yᵢ, f(xᵢ; θ)) + λ Σⱼ vⱼ [(1−α)/2 wⱼ² + α|wⱼ|]
 *   g = ∇J_B(θ)  (data gradient by back-propagation, plus the penalty's gradient: coupled)
 *   θ ← θ + optimizer(g)   (decoupled weight decay, if any, is inside the optimizer chain)
 * </pre>
 *
 * Each epoch visits the rows in a new order drawn from the run's shuffle generator; with the same
 * seed and thread count, two runs are bit-for-bit identical. A {@link DivergenceException}
 * stops the run when a batch's loss, the weights, the penalty or (checked on one mini-batch) the
 * outputs become non-finite, or when the mean training loss grows more than
 * {@link #LOSS_GROWTH_LIMIT} times: a loss grown ten orders of magnitude is a diverging run even
 * while its numbers stay finite. The first epoch's mean is compared with max(its first batch's
 * loss, the all-zero output's loss on the training targets), later epochs' with the first
 * epoch's mean ({@link LossGrowth} gives the reasons: a blow-up inside epoch 1, near-zero first
 * batches, resumed runs).
 *
 * <p>The trainer holds only its config and listener: several threads may each run {@code fit} on
 * their own network and data when the listener is thread-safe.
 */
public final class Trainer {
  /**
   * How many times its reference an epoch's mean training loss may reach: for epoch 1, the
   * larger of its first batch's loss and the all-zero output's loss; for later epochs, the first
   * epoch's mean.
   */
  public static final double LOSS_GROWTH_LIMIT = 1e10;

  private final TrainConfig config;
  private final TrainingListener listener;

  /**
   * A trainer that runs {@code config} (epochs, batch size, seed, penalty, optimizer, early
   * stopping) and reports each epoch to {@code listener} ({@link TrainingListener#none()} for
   * none).
   */
  public Trainer(TrainConfig config, TrainingListener listener) {

    this.config = config;
    this.listener = listener;
  }

  /**
   * Trains {@code network} in place on {@code train}; {@code validation}, when present, is
   * evaluated after every epoch and drives early stopping. The shuffle order comes from
   * {@code shuffleRng} (normally {@link RandomStreams#shuffle()}).
   */
  public TrainResult fit(Sequential network, Loss loss, Dataset train,
      Optional<Dataset> validation, Rng shuffleRng) {
    return fit(network, loss, train, validation, shuffleRng, Optional.empty());
  }

  /**
   * {@link #fit(Sequential, Loss, Dataset, Optional, Rng)} (its {@code validation} is
   * {@code validationData}) continued from {@code resume} when present, from the start when it
   * is empty: restores the parameters, the optimizer state, the shuffle and dropout generators,
   * the row order, the history and the early-stopping state, then runs the remaining epochs.
   * With the same data, config and thread count the result is bit for bit the uninterrupted
   * run's. Modified: {@code network}, {@code shuffleRng}.
   */
  public TrainResult fit(Sequential network, Loss loss, Dataset train,
      Optional<Dataset> validationData, Rng shuffleRng, Optional<TrainingState> resume) {
    return fit(network, loss, train, validationData, shuffleRng, resume,
        ObservationWeights.none());
  }

  /**
   * {@link #fit(Sequential, Loss, Dataset, Optional, Rng, Optional)} with observation weights:
   * the data term is Σ wᵢℓᵢ / Σ wᵢ, each batch's data gradient (1/B) Σ w̃ᵢ ∇ℓᵢ with
   * w̃ᵢ = wᵢ·n / Σw ({@link ObservationWeights}). The epochs' training losses, the
   * constant-prediction loss and, with validation weights, the validation loss and accuracy are
   * weighted means. Without weights ({@link ObservationWeights#none()}) the same run as the
   * overload's, bit for bit.
   */
  public TrainResult fit(Sequential network, Loss loss, Dataset train,
      Optional<Dataset> validationData, Rng shuffleRng, Optional<TrainingState> resume,
      ObservationWeights weights) {
    long start = System.nanoTime();
    int n = train.numRows();
    if (n == 0) {
      throw new IllegalArgumentException("the training set is empty");
    }
    if (config.patience() > 0 && validationData.isEmpty()) {
      throw new IllegalArgumentException("early stopping (patience > 0) needs validation data");
    }
    resume.ifPresent(this::requireResumable);
    int batch = Math.min(config.batchSize(), n);
    int batchesPerEpoch = (n + batch - 1) / batch;
    List<Parameter> params = network.parameters();
    Optimizer optimizer =
        Optimizer.of(Optimizers.chain(config.optimizer(), config.penalty()), params);

    // Weighted: the targets carry each row's w̃ᵢ as one more column, gathered with them, and
    // the loss scales each row's gradient by it; unweighted, the step is untouched.
    Loss stepLoss = loss;
    Matrix targets = train.targetMatrix();
    if (weights.weightsTraining()) {
      requireRows("training", weights.train().length, n);
      stepLoss = new WeightedLoss(loss);
      targets = WeightedLoss.withWeights(targets, weights.train());
    }
    Loss validationLoss = loss;
    Optional<Matrix> validationTargets = validationData.map(Dataset::targetMatrix);
    if (weights.weightsValidation() && validationData.isPresent()) {
      requireRows("validation", weights.validation().length, validationData.get().numRows());
      validationLoss = new WeightedLoss(loss);
      validationTargets = Optional.of(WeightedLoss.withWeights(validationTargets.get(),
          weights.validation()));
    }
    BatchStep step = BatchStep.of(network, stepLoss, optimizer, batch, train.numFeatures(),
        targets.cols(), network.outputSize());
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }

    List<EpochRecord> records = new ArrayList<>();
    double bestValLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    List<Matrix> bestWeights = null;
    boolean stoppedEarly = false;
    int firstEpoch = 1;
    List<Dropout> dropouts = dropoutLayers(network);
    if (resume.isPresent()) {
      TrainingState resumeFrom = resume.get();
      Resume.restore(resumeFrom, params, optimizer, shuffleRng, dropouts, order);
      records.addAll(resumeFrom.history());
      bestValLoss = resumeFrom.bestValidationLoss();
      bestEpoch = resumeFrom.bestEpoch();
      bestWeights = Resume.best(resumeFrom, params);
      firstEpoch = resumeFrom.finished() ? config.epochs() + 1 : resumeFrom.epoch() + 1;
      stoppedEarly = resumeFrom.finished() && resumeFrom.epoch() < config.epochs();
      if (config.patience() == 0) {
        bestEpoch = resumeFrom.epoch();
      }
    }
    // The epoch-1 growth check's reference (LossGrowth; a resumed run starts after epoch 1 and
    // does not need it) and the result's constant-prediction loss.
    double zeroOutputLoss = LossGrowth.zeroOutputLoss(stepLoss, targets, network.outputSize());
    double firstBatchLoss = 0;
    listener.onStart(config.epochs(), batchesPerEpoch);

    // OpenBLAS stays at one thread from the first step to the last epoch's end (close), so
    // that the evaluation between epochs does not wake its workers; given back however the
    // loop ends.
    try {
      for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        shuffleRng.shuffle(order);
        double lossSum = 0;
        for (int b = 0; b < batchesPerEpoch; b++) {
          int from = b * batch;
          int to = Math.min(n, from + batch);
          int rows = to - from;
          // gradients, then the optimizer's step unless the loss is not finite
          double batchLoss = step.step(train.features(), targets, order, from, to);
          if (!Double.isFinite(batchLoss)) {
            throw divergence(epoch, b + 1, batchesPerEpoch,
                "the loss of this batch became " + batchLoss, optimizer.learningRate(), loss, train,
                network);
          }
          if (epoch == 1 && b == 0) {
            firstBatchLoss = batchLoss;
          }
          lossSum += batchLoss * rows;
          listener.onBatch(epoch, b + 1, batchLoss);
        }
        step.release(); // the step's workers stop; on an exception, close() stops them
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        double trainLoss = lossSum / n;
        double penalty = config.penalty().value(params);
        double weightNorm = network.weightNorm();
        // The last step's loss was finite; what may have become non-finite is the weights, the
        // penalty, or (weights finite but huge) the outputs, with which the model would be
        // returned and fail only when it predicts, blaming the rows it is given.
        List<String> what = new ArrayList<>();
        if (!Double.isFinite(weightNorm)) {
          what.add("the weight norm ‖w‖₂ became " + weightNorm);
        }
        if (!Double.isFinite(penalty)) {
          what.add("the penalty λ·Ω(w) became " + penalty);
        }
        if (what.isEmpty()) {
          String overflow = outputOverflow(network, train, batch);
          if (overflow != null) {
            what.add(overflow);
          }
        }
        if (!what.isEmpty()) {
          throw divergence(epoch, batchesPerEpoch, batchesPerEpoch,
              String.join(" and ", what) + " after the epoch's last step (its loss was finite)",
              optimizer.learningRate(), loss, train, network);
        }
        // Before the epoch's record and checkpoint: a diverged epoch 1 is never written.
        String growth = epoch == 1
            ? LossGrowth.firstEpoch(trainLoss, firstBatchLoss, zeroOutputLoss)
            : records.isEmpty() ? null
                : LossGrowth.laterEpoch(trainLoss, records.get(0).trainLoss());
        if (growth != null) {
          throw divergence(epoch, batchesPerEpoch, batchesPerEpoch, growth,
              optimizer.learningRate(), loss, train, network);
        }
        OptionalDouble valLoss = OptionalDouble.empty();
        OptionalDouble valAccuracy = OptionalDouble.empty();
        if (validationData.isPresent()) {
          Evaluation e = Evaluation.of(network, validationLoss, validationData.get().features(),
              validationTargets.get(), validationData.get().isClassification());
          valLoss = OptionalDouble.of(e.loss());
          valAccuracy = Double.isNaN(e.accuracy()) ? valAccuracy : OptionalDouble.of(e.accuracy());
        }
        EpochRecord record = new EpochRecord(epoch, trainLoss, penalty, trainLoss + penalty,
            valLoss, valAccuracy, weightNorm, optimizer.learningRate(), seconds);
        records.add(record);
        listener.onEpoch(record);

        boolean stop = false;
        if (config.patience() > 0) {
          if (valLoss.getAsDouble() < bestValLoss) { // patience > 0 needs validation data
            bestValLoss = valLoss.getAsDouble();
            bestEpoch = epoch;
            bestWeights = snapshot(params, bestWeights);
          } else if (epoch - bestEpoch >= config.patience()) {
            stoppedEarly = epoch < config.epochs();
            stop = true;
          }
        } else {
          bestEpoch = epoch;
        }
        listener.onEpochEnd(Resume.state(epoch, stop || epoch == config.epochs(), records, order,
            shuffleRng, dropouts, optimizer, params, bestValLoss, bestEpoch, bestWeights));
        if (stop) {
          break;
        }
      }
    } finally {
      step.close();
    }
    if (config.patience() > 0 && bestWeights != null) {
      for (int i = 0; i < params.size(); i++) {
        params.get(i).value().copyFrom(bestWeights.get(i));
      }
    }
    History history = History.of(records);
    double finalPenalty = config.penalty().value(params);
    double trainLoss = records.get(bestEpoch - 1).trainLoss();
    return new TrainResult(history, stoppedEarly, bestEpoch, trainLoss, finalPenalty,
        (System.nanoTime() - start) / 1e9, zeroOutputLoss);
  }

  private static void requireRows(String rows, int weights, int size) {
    if (weights != size) {
      throw new IllegalArgumentException(weights + " " + rows + " weights for " + size + " "
          + rows + " rows");
    }
  }

  /** Refuses a checkpoint that this config cannot continue (an edited budget). */
  private void requireResumable(TrainingState resumeFrom) {
    if (config.epochs() < resumeFrom.epoch()) {
      // No run of this budget reaches that epoch (an edited setting): the loop would train
      // nothing and the fit would return the checkpoint's weights as if it had run.
      throw new IllegalArgumentException("epochs (" + config.epochs() + ") is below the epoch"
          + " that the checkpoint to resume from has reached (" + resumeFrom.epoch() + "): a run"
          + " of " + config.epochs() + " epochs cannot have trained " + resumeFrom.epoch()
          + "; resume with the run's own budget, at least " + resumeFrom.epoch() + " epochs");
    }
    // A run that early stopping ended finished below its budget, rightly (its patience has
    // passed since its best epoch); one that did not finished at its budget.
    boolean stoppedEarly = config.patience() > 0
        && resumeFrom.epoch() - resumeFrom.bestEpoch() >= config.patience();
    if (resumeFrom.finished() && config.epochs() > resumeFrom.epoch() && !stoppedEarly) {
      // A finished run trains no further; the larger budget would be silently ignored.
      throw new IllegalArgumentException("epochs (" + config.epochs() + ") would have no"
          + " effect: the checkpoint to resume from is of a run that finished at epoch "
          + resumeFrom.epoch() + ", not by early stopping, so at its budget, and a finished run"
          + " trains no further; to train on from its weights, start a new fit from them"
          + " (initial weights)");
    }
  }

  /**
   * The first non-finite output of the network (inference mode) on the first {@code rows}
   * training rows, described; null when all are finite. One mini-batch's forward pass, as cheap
   * as a step's.
   */
  private static String outputOverflow(Sequential network, Dataset train, int rows) {
    Matrix out = network.forward(train.features().rowRange(0, Math.min(rows, train.numRows())),
        Layer.Mode.INFER);
    for (int i = 0, size = out.size(); i < size; i++) {
      if (!Float.isFinite(out.at(i))) {
        return "the network's output on training row " + (i / out.cols() + 1) + " became "
            + out.at(i);
      }
    }
    return null;
  }

  private static List<Dropout> dropoutLayers(Sequential network) {
    List<Dropout> out = new ArrayList<>();
    for (Layer layer : network.layers()) {
      if (layer instanceof Dropout d) {
        out.add(d);
      }
    }
    return out;
  }

  private static List<Matrix> snapshot(List<Parameter> params, List<Matrix> reuse) {
    List<Matrix> out = reuse != null ? reuse : new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      if (reuse == null) {
        out.add(params.get(i).value().copy());
      } else {
        out.get(i).copyFrom(params.get(i).value());
      }
    }
    return out;
  }

  /**
   * The divergence error: where (epoch, batch), {@code what} became non-finite, and the likely
   * cause in the objective's terms (λ, the weight decay and the learning rate).
   */
  private DivergenceException divergence(int epoch, int batch, int batches, String what,
      double learningRate, Loss loss, Dataset train, Sequential network) {
    double lambda = config.penalty() instanceof dev.tikhonov.regularize.ElasticNetPenalty p
        ? p.lambda() : 0;
    double decay = config.optimizer().weightDecay();
    String cause;
    if (lambda * learningRate >= 1) {
      cause = "λ = " + Digits.few(lambda) + " is too strong for learning rate "
          + Digits.few(learningRate) + " (with SGD, lr·λ = " + Digits.few(lambda * learningRate)
          + " ≥ 1 makes the weight shrinkage overshoot); lower λ or the learning rate";
    } else if (decay * learningRate >= 1) {
      // it blamed the learning rate alone, for a weight decay of 1e9 at lr 0.05
      cause = "the weight decay " + Digits.few(decay) + " is too strong for learning rate "
          + Digits.few(learningRate) + " (the decoupled decay w ← w − lr·d·w with lr·d = "
          + Digits.few(decay * learningRate)
          + " ≥ 1 overshoots zero); lower the weight decay or the learning rate";
    } else {
      cause = scaleCause(learningRate, loss, train, network);
    }
    return new DivergenceException(
        "training diverged at epoch " + epoch + ", batch " + batch + " of " + batches
            + ": " + what + ". Likely cause: " + cause + ".",
        epoch, batch);
  }

  /**
   * Above this root mean square of a squared-error target ({@link #largeTarget}), a divergence
   * names the target (and the CLI warns before a regression network's training).
   */
  public static final double LARGE_TARGET_SCALE = 10;

  /**
   * "root mean square is 301.5 (mean 301.5, standard deviation 0.78)" for a target whose
   * root mean square over {@code train}'s rows ({@link Standardizer#targetRootMeanSquare}) is
   * above {@link #LARGE_TARGET_SCALE}, else empty. A network starts from outputs near 0, so its
   * squared-error gradients (ŷ − y)/n grow with how far the targets lie from 0, mean and spread
   * alike: the standard deviation alone missed a target of 301.5 ± 0.78, which diverges as one
   * of 0 ± 77 does.
   */
  public static java.util.Optional<String> largeTarget(Dataset train) {
    // not fitTarget: its refusals (a spread below MIN_SCALE, one that overflows) are for a
    // target being standardized, and none may take the place of what this explains
    double rms = Standardizer.targetRootMeanSquare(train);
    if (!(rms > LARGE_TARGET_SCALE)) {
      return java.util.Optional.empty();
    }
    double mean = 0;
    for (int i = 0; i < train.numRows(); i++) {
      mean += train.target(i) / train.numRows();
    }
    return java.util.Optional.of("root mean square is " + Digits.few(rms) + " (mean "
        + Digits.few(mean) + ", standard deviation "
        + Digits.few(Standardizer.targetDeviation(train)) + ")");
  }

  /** The remedy {@link #targetScale} names, in the library's terms (the CLI names its flag). */
  public static final String TARGET_REMEDY = "standardize the target (a regressor's"
      + " standardizeTarget setting)";

  /**
   * Above this root mean square √(Σᵢ xᵢⱼ²/n) of a feature over the training rows, a divergence
   * at a learning rate below 1 names the features' scale (the CLI warns before training at the
   * same scale).
   */
  public static final double LARGE_FEATURE_SCALE = 10;

  /** The remedy {@link #featureScale} names, in the library's terms (the CLI names its flag). */
  public static final String FEATURE_REMEDY = "standardize the features (an estimator's"
      + " standardize setting)";

  /**
   * The likely cause of a divergence that λ and the weight decay do not explain, the causes
   * ranked by what the data show. A gradient step on a weight grows with the square of its
   * feature's scale (the curvature of the squared error along wⱼ is E[xⱼ²]), so a feature of
   * root mean square r makes a learning rate η overshoot once η·r² ≫ 1: diabetes' s1
   * (r ≈ 193) diverged a linear model at η = 0.05, target standardized or not, and the error
   * named the target (unstandardized) or the learning rate (standardized), where the cure is to
   * standardize the features. Then, for a network with a hidden layer and squared error, the
   * target's scale ({@link #targetScale}; a linear model's stability does not depend on it).
   * Last, the learning rate, which comes first when it is 1 or more.
   */
  private static String scaleCause(double learningRate, Loss loss, Dataset train,
      Sequential network) {
    java.util.Optional<String> features = featureScale(train);
    boolean hidden = network.weights().size() > 1;
    java.util.Optional<String> target = hidden ? targetScale(loss, train)
        : java.util.Optional.empty();
    String lr = Digits.few(learningRate);
    if (features.isPresent() && learningRate < 1) {
      return "the features' scale: " + features.get() + ", and a gradient step on a weight"
          + " grows with the square of its feature's scale, so a learning rate of " + lr
          + " overshoots on it; " + FEATURE_REMEDY
          + target.map(t -> "; also " + t).orElse("")
          + " (a smaller learning rate may avoid the divergence, but then the weights of the"
          + " smaller features barely move)";
    }
    if (features.isPresent()) {
      return "the learning rate " + lr + " is probably too large for these data; try a smaller"
          + " one (and " + FEATURE_REMEDY + ": " + features.get() + ")";
    }
    // a target far from 0 first: it is why a learning rate that suits the inputs diverged,
    // and a smaller rate does not cure it (diabetes' grid diverged at 0.05 and 0.005 alike)
    return target.map(t -> t + " (or try a learning rate smaller than " + lr + ", and check"
        + " that the inputs are scaled, e.g. standardized)").orElse("the learning rate " + lr
        + " is probably too large for these data; try a smaller one (and check that the inputs"
        + " are scaled, e.g. standardized)");
  }

  /**
   * "\"s1\" has a root mean square of 192.7" for the feature of the largest root mean square
   * over {@code train}'s rows when that is above {@link #LARGE_FEATURE_SCALE}, else empty (also
   * for sparse data, which are not standardized).
   */
  private static java.util.Optional<String> featureScale(Dataset train) {
    if (train.isSparse() || train.size() == 0) {
      return java.util.Optional.empty();
    }
    Matrix x = train.features();
    double largest = 0;
    int which = -1;
    for (int j = 0; j < x.cols(); j++) {
      double sum = 0;
      for (int i = 0; i < x.rows(); i++) {
        double v = x.get(i, j);
        sum += v * v;
      }
      double rms = Math.sqrt(sum / x.rows());
      if (rms > largest) {
        largest = rms;
        which = j;
      }
    }
    if (!(largest > LARGE_FEATURE_SCALE)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("\"" + train.featureNames().get(which) + "\" has a root mean"
        + " square of " + Digits.few(largest));
  }

  /**
   * For squared error, a network's gradient (ŷ − y)/n and the weights it drives grow with the
   * target's distance from 0, so a target far from unit scale (prices, a disease score of
   * 25..346, a reading of 301.5 ± 0.78) makes a hidden layer diverge at learning rates that
   * suit standardized inputs and a target of about 1. The cause that says so, or empty when the
   * loss is not squared error or the target is not {@link #largeTarget large}.
   */
  private static java.util.Optional<String> targetScale(Loss loss, Dataset train) {
    if (!(loss instanceof dev.tikhonov.loss.SquaredError)) {
      return java.util.Optional.empty();
    }
    return largeTarget(train).map(large -> "the target's scale: its " + large + ", and a"
        + " network's squared-error gradients grow with it; " + TARGET_REMEDY);
  }
}
