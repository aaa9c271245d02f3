package dev.tikhonov.cli;

import dev.tikhonov.optim.LearningRateSchedule;
import dev.tikhonov.optim.OptimizerConfig;
import picocli.CommandLine.Option;

/** Optimizer flags, turned into an {@link OptimizerConfig}. */
final class OptimizerOptions {
  enum Name { sgd, momentum, nesterov, adam, adamw, rmsprop }

  enum Schedule { constant, step, cosine }

  @Option(names = "--optimizer", paramLabel = "NAME",
      description = "sgd, momentum, nesterov, adam, adamw or rmsprop (PyTorch's update rules). "
          + "Default: ${DEFAULT-VALUE}.")
  Name optimizer = Name.momentum;

  @Option(names = "--lr", paramLabel = "RATE",
      description = "Learning rate. Default: 0.05 for sgd/momentum/nesterov, 0.001 for "
          + "adam/adamw/rmsprop.")
  Double learningRate;

  @Option(names = "--momentum", paramLabel = "MU",
      description = "Momentum μ for momentum/nesterov (PyTorch: buf ← μ·buf + g). "
          + "Default: ${DEFAULT-VALUE}.")
  double momentum = 0.9;

  @Option(names = "--weight-decay", paramLabel = "D",
      description = "Decoupled weight decay d ≥ 0 on the weights, outside the objective: after "
          + "each step w ← w − lr·d·w (PyTorch AdamW's convention). Not the same as --lambda, "
          + "whose gradient goes through the optimizer (coupled). Default: 0.")
  double weightDecay = 0;

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

  double learningRate() {
    if (learningRate != null) {
      return learningRate;
    }
    return switch (optimizer) {
      case sgd, momentum, nesterov -> 0.05;
      case adam, adamw, rmsprop -> 1e-3;
    };
  }

  OptimizerConfig build(long stepsPerEpoch, int epochs) {
    double lr = learningRate();
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("--lr must be a positive number, got " + lr);
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("--weight-decay must be >= 0, got " + weightDecay);
    }
    LearningRateSchedule s = switch (schedule) {
      case constant -> LearningRateSchedule.constant(lr);
      case step -> LearningRateSchedule.stepDecay(lr, stepsPerEpoch * stepEpochs, 0.1);
      case cosine -> LearningRateSchedule.cosine(lr, stepsPerEpoch * epochs, 0);
    };
    OptimizerConfig.Kind kind = switch (optimizer) {
      case sgd -> OptimizerConfig.Kind.SGD;
      case momentum -> OptimizerConfig.Kind.MOMENTUM;
      case nesterov -> OptimizerConfig.Kind.NESTEROV;
      case adam -> OptimizerConfig.Kind.ADAM;
      case adamw -> OptimizerConfig.Kind.ADAMW;
      case rmsprop -> OptimizerConfig.Kind.RMSPROP;
    };
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = optimizer == Name.rmsprop ? 1e-8 : 1e-8;
    return new OptimizerConfig(kind, s, momentum, beta1, beta2, eps, weightDecay, clipNorm);
  }
}
