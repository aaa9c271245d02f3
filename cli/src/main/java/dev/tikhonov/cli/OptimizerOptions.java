package dev.tikhonov.cli;

import dev.tikhonov.estimate.EpochSchedule;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.optim.Optimizers;
import picocli.CommandLine.Option;

/** Optimizer flags, turned into an {@link OptimizerConfig}. */
final class OptimizerOptions implements Flags.Conditional {
  enum Name { sgd, momentum, nesterov, adam, adamw, rmsprop }

  enum Schedule { constant, step, cosine }

  @Option(names = "--optimizer", paramLabel = "NAME",
      description = "sgd (plain), momentum (PyTorch's SGD(momentum=μ)), nesterov, adam, adamw "
          + "or rmsprop (PyTorch's update rules). Default: ${DEFAULT-VALUE}.")
  Name optimizer = Name.momentum;

  @Option(names = "--lr", paramLabel = "RATE",
      description = "Learning rate. Default: 0.05 for sgd/momentum/nesterov, 0.001 for "
          + "adam/adamw/rmsprop.")
  Double learningRate;

  @Option(names = "--momentum", paramLabel = "MU",
      description = "With --optimizer momentum or nesterov only: "
          + "momentum μ (PyTorch: buf ← μ·buf + g). Default: ${DEFAULT-VALUE}.")
  double momentum = 0.9;

  @Option(names = "--weight-decay", paramLabel = "D",
      description = "Decoupled weight decay d ≥ 0 on the weights, outside the objective: after "
          + "each step w ← w − lr·d·w (PyTorch AdamW's convention). Not the same as --lambda, "
          + "whose gradient goes through the optimizer (coupled). Default: 0 (0.01 for adamw, "
          + "PyTorch's AdamW default).")
  Double weightDecay;

  @Option(names = "--schedule", paramLabel = "S",
      description = "Learning-rate schedule: constant, step (×0.1 every --step-epochs) or cosine "
          + "(to 0 over the run). Default: ${DEFAULT-VALUE}.")
  Schedule schedule = Schedule.constant;

  @Option(names = "--step-epochs", paramLabel = "E",
      description = "With --schedule step: epochs between the ×0.1 decays. Default: "
          + "${DEFAULT-VALUE}.")
  int stepEpochs = 10;

  @Option(names = "--clip-norm", paramLabel = "C",
      description = "Clip the global gradient norm to C (0 = off). Default: 0.")
  double clipNorm = 0;

  @Override
  public void refuseIgnored(Flags.Given given) {
    given.requireApplies("--momentum", optimizer == Name.momentum || optimizer == Name.nesterov,
        "to --optimizer momentum and nesterov", "with --optimizer " + optimizer
            // PyTorch's SGD takes its momentum as an argument: say where that lives here
            + (optimizer == Name.sgd ? " (plain SGD; PyTorch's SGD(momentum=μ) is --optimizer"
                + " momentum --momentum μ)" : ""));
    given.requireApplies("--step-epochs", schedule == Schedule.step, "with --schedule step",
        "with --schedule " + schedule);
  }

  double learningRate() {
    if (learningRate != null) {
      return learningRate;
    }
    return switch (optimizer) {
      case sgd, momentum, nesterov -> 0.05;
      case adam, adamw, rmsprop -> 1e-3;
    };
  }

  /**
   * The optimizer through the library's own factories ({@link Optimizers}), so the CLI and Java
   * users build the same thing; {@code --weight-decay} is the decoupled decay of every kind.
   */
  OptimizerConfig build() {
    double lr = learningRate();
    OptimizerConfig base = Flags.translate(() -> switch (optimizer) {
      case sgd -> Optimizers.sgd(lr);
      case momentum -> Optimizers.sgd(lr).momentum(momentum);
      case nesterov -> Optimizers.nesterov(lr, momentum);
      case adam -> Optimizers.adam(lr);
      case adamw -> Optimizers.adamW(lr, OptimizerConfig.DEFAULT_ADAMW_WEIGHT_DECAY);
      case rmsprop -> Optimizers.rmsprop(lr);
    });
    double d = weightDecay != null ? weightDecay : base.weightDecay();
    return Flags.translate(() -> base.weightDecay(d).clipNorm(clipNorm));
  }

  /** The --schedule flag as an epoch schedule. */
  EpochSchedule schedule() {
    return Flags.translate(() -> switch (schedule) {
      case constant -> EpochSchedule.constant();
      case step -> EpochSchedule.stepDecay(stepEpochs, 0.1);
      case cosine -> EpochSchedule.cosine();
    });
  }
}
