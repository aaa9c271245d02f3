package dev.tikhonov.cli;

import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.MlpRegressor;
import dev.tikhonov.optim.OptimizerConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of the network a search fits (select, grid): architecture, penalty share,
 * optimizer, budget, seed, standardization. The library's estimator builders do the checking;
 * {@link Flags#translate} turns their messages into flag names.
 */
final class NetworkOptions implements Flags.Conditional {
  @Option(names = "--model", paramLabel = "SPEC",
      converter = EnumeratedValue.class,
      description = "mlp:W1,W2,... (ReLU hidden layers; softmax output, or one output with "
          + "--regression). Default: ${DEFAULT-VALUE}.")
  String model = "mlp:256,128";

  @Option(names = "--regression",
      description = "Predict a real-valued target with squared error instead of classes.")
  boolean regression;

  @Option(names = "--l1-ratio", paramLabel = "α",
      description = "L1 share α ∈ [0, 1] of the penalty at every λ. Default: 0 (L2).")
  double l1Ratio = 0;

  @Option(names = "--dropout", paramLabel = "P",
      description = "Inverted dropout rate p ∈ [0, 1) after each hidden ReLU. Default: 0.")
  double dropout = 0;

  @Mixin OptimizerOptions optimizer = new OptimizerOptions();

  @Option(names = "--epochs", paramLabel = "N",
      description = "The full budget of one fit. Default: ${DEFAULT-VALUE}.")
  int epochs = 10;

  @Option(names = "--batch-size", paramLabel = "B", description = "Default: ${DEFAULT-VALUE}.")
  int batchSize = 128;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seeds initialization, shuffling, dropout and the validation split. "
          + "Default: 0.")
  long seed = 0;

  @Option(names = "--standardize",
      description = "Standardize features inside the model (fitted on each fit's training "
          + "rows); λ then acts on the standardized scale. Default: off.")
  boolean standardize;

  @Option(names = "--standardize-target",
      description = "With --regression: fit the network to the standardized target "
          + "(y − mean)/sd of each fit's training rows (sd with divisor n) and predict "
          + "sd·f(x) + mean (the model file predicts y). Needed when y is far from unit scale "
          + "(sd ≫ 1), where squared-error gradients grow with sd; λ then acts on the "
          + "unit-variance target. Default: off.")
  boolean standardizeTarget;

  @Override
  public void refuseIgnored(Flags.Given given) {
    given.requireApplies("--standardize-target", regression,
        "with --regression (a real-valued target)", "on a classifier");
  }

  /** A feature whose root mean square is above this is far from the scale networks start at. */
  static final double LARGE_FEATURE_RMS = 10;

  /**
   * {@link #unscaledWarning(boolean, dev.tikhonov.data.Dataset, java.util.Optional)} with this
   * --standardize.
   */
  java.util.Optional<String> unscaledWarning(dev.tikhonov.data.Dataset train,
      java.util.Optional<String> weightColumn) {
    return unscaledWarning(standardize, train, weightColumn);
  }

  /**
   * The warning for a network fitted without --standardize on features of a large scale: the
   * feature of the largest root mean square √(Σᵢ xᵢⱼ²/n) over {@code train}'s rows when it is
   * above {@link #LARGE_FEATURE_RMS}, else empty (also for sparse data). grid and select on
   * data/wine.csv (proline in the hundreds) ended at the loss of a constant output, every λ
   * alike, without a word; train, whose --standardize is its own flag, warns the same. The
   * --weights column, which the dataset holds as a feature but the fit does not take as one, is
   * left out (the target and ignored columns are not in the dataset's features).
   */
  static java.util.Optional<String> unscaledWarning(boolean standardize,
      dev.tikhonov.data.Dataset train, java.util.Optional<String> weightColumn) {
    return unscaledWarning(standardize, train, weightColumn, "a network's initial weights are"
        + " drawn for inputs of about 1, so its training may stall at the loss of a constant"
        + " output");
  }

  /**
   * As {@link #unscaledWarning(boolean, dev.tikhonov.data.Dataset, java.util.Optional)}, for a
   * linear model trained by gradient descent (train --model linear|logistic|poisson): on
   * data/wine.csv's raw features train --model logistic ended at accuracy 0.39 with no word.
   */
  static java.util.Optional<String> unscaledLinearWarning(boolean standardize,
      dev.tikhonov.data.Dataset train, java.util.Optional<String> weightColumn) {
    return unscaledWarning(standardize, train, weightColumn, "gradient descent's learning rate"
        + " has to suit the largest feature, so the weights of the others barely move (or"
        + " training diverges)");
  }

  private static java.util.Optional<String> unscaledWarning(boolean standardize,
      dev.tikhonov.data.Dataset train, java.util.Optional<String> weightColumn, String why) {
    // (sparse data, LIBSVM's, are left alone: standardizing them would make them dense)
    if (standardize || train.numRows() == 0 || train.isSparse()) {
      return java.util.Optional.empty();
    }
    double largest = 0;
    int which = -1;
    for (int j = 0; j < train.numFeatures(); j++) {
      if (weightColumn.isPresent() && weightColumn.get().equals(train.featureNames().get(j))) {
        continue;
      }
      double sum = 0;
      for (int i = 0; i < train.numRows(); i++) {
        double x = train.feature(i, j);
        sum += x * x;
      }
      double rms = Math.sqrt(sum / train.numRows());
      if (rms > largest) {
        largest = rms;
        which = j;
      }
    }
    if (!(largest > LARGE_FEATURE_RMS)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(String.format(java.util.Locale.ROOT, "tikhonov: warning:"
        + " --standardize is off and the features are not on a unit scale: \"%s\" has a root"
        + " mean square of %.4g; %s, and λ penalizes the weights of large and small features"
        + " unevenly; add --standardize", train.featureNames().get(which), largest, why));
  }

  /** {@link #unscaledTargetWarning(boolean, dev.tikhonov.data.Dataset)} with these flags. */
  java.util.Optional<String> unscaledTargetWarning(dev.tikhonov.data.Dataset train) {
    return regression ? unscaledTargetWarning(standardizeTarget, train)
        : java.util.Optional.empty();
  }

  /**
   * The warning for a regression network fitted without --standardize-target on a target that
   * {@link dev.tikhonov.train.Trainer#largeTarget} calls large over {@code train}'s rows (the
   * scale at which the divergence error names the target), else empty. grid --regression on
   * data/diabetes.csv (progression 25..346, sd 77) diverged at every candidate, at learning rates
   * 0.05 and 0.005 alike, and so does 301.5 ± 0.78 (its mean, not its spread).
   */
  static java.util.Optional<String> unscaledTargetWarning(boolean standardizeTarget,
      dev.tikhonov.data.Dataset train) {
    if (standardizeTarget || train.numRows() == 0) {
      return java.util.Optional.empty();
    }
    return dev.tikhonov.train.Trainer.largeTarget(train).map(large -> "tikhonov: warning: the"
        + " target's " + large + " and --standardize-target is off: a network's squared-error"
        + " gradients grow with it, so learning rates that suit a target of about 1 may diverge"
        + " or stall; add --standardize-target");
  }

  /**
   * The warning for a regression network whose target lies so far from 0, for its spread, that
   * float32 rounds predictions near its mean by more than a tenth of its 1/n standard deviation
   * (a target of 10⁶ + y with sd 0.06: float32's spacing at 10⁶ is 0.0625), else empty. The
   * network computes in float32, and its output layer holds the mean (standardized target or
   * not), so the predictions are rounded whatever the flags; subtracting an offset helps.
   */
  static java.util.Optional<String> farTargetWarning(dev.tikhonov.data.Dataset train) {
    if (train.isClassification() || train.numRows() == 0) {
      return java.util.Optional.empty();
    }
    double mean = java.util.stream.IntStream.range(0, train.numRows()).mapToDouble(train::target)
        .average().orElse(0);
    double sd = dev.tikhonov.data.Standardizer.targetDeviation(train);
    double rounding = Math.ulp((float) Math.abs(mean)) / 2;
    if (!(sd > 0 && rounding > 0.1 * sd)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("tikhonov: warning: the target's mean " + digits(mean, 10)
        + " is far from 0 for its standard deviation " + digits(sd, 3) + ": a network computes"
        + " in float32, which rounds its predictions there by up to " + digits(rounding, 3)
        + "; subtract an offset from the target before fitting (e.g. " + digits(mean, 7) + ")");
  }

  /**
   * {@code value} to {@code significant} digits without trailing zeros: plain from 10⁻⁴ to
   * 10¹⁵ ("1000000.15", "0.0313"), with an exponent beyond ("1.000000025E+30").
   */
  static String digits(double value, int significant) {
    java.math.BigDecimal d = new java.math.BigDecimal(value)
        .round(new java.math.MathContext(significant)).stripTrailingZeros();
    double size = Math.abs(value);
    return size == 0 || size >= 1e-4 && size < 1e15 ? d.toPlainString() : d.toString();
  }

  /** The hidden widths of --model; a linear or logistic model is refused (use path). */
  int[] hidden(String command) {
    ModelOption m = ModelOption.parse(model);
    if (m.kind() != ModelOption.Kind.MLP) {
      throw new IllegalArgumentException("--model " + model + ": " + command + " searches λ"
          + " for networks (mlp:W1,W2,...); for linear and logistic models use tikhonov path");
    }
    return m.hidden().stream().mapToInt(Integer::intValue).toArray();
  }

  /** "mlp:256,128". */
  String describe() {
    return ModelOption.parse(model).describe();
  }

  MlpClassifier classifier(String command) {
    int[] widths = hidden(command);
    OptimizerConfig o = optimizer.build();
    return Flags.translate(() -> MlpClassifier.builder().hiddenLayers(widths).dropout(dropout)
        .l1Ratio(l1Ratio).optimizer(o).epochSchedule(optimizer.schedule()).epochs(epochs)
        .batchSize(batchSize).seed(seed).standardize(standardize).build());
  }

  MlpRegressor regressor(String command) {
    int[] widths = hidden(command);
    OptimizerConfig o = optimizer.build();
    return Flags.translate(() -> MlpRegressor.builder().hiddenLayers(widths).dropout(dropout)
        .l1Ratio(l1Ratio).optimizer(o).epochSchedule(optimizer.schedule()).epochs(epochs)
        .batchSize(batchSize).seed(seed).standardize(standardize)
        .standardizeTarget(standardizeTarget).build());
  }
}
