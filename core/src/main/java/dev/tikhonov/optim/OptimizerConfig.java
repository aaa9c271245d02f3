package dev.tikhonov.optim;

import java.util.Objects;

/**
 * Which optimizer to build and its hyperparameters; {@link Optimizers#build} turns it into a
 * chain. Fields a kind does not use are ignored (but still validated).
 *
 * @param kind the optimizer
 * @param schedule the learning rate lr(t)
 * @param momentum μ ∈ [0, 1) for MOMENTUM and NESTEROV (NESTEROV needs μ &gt; 0, as in PyTorch)
 * @param beta1 β₁ ∈ [0, 1), Adam's first-moment decay (ADAM, ADAMW)
 * @param beta2 β₂ ∈ [0, 1), the second-moment decay: Adam's β₂, and RMSprop's ρ (PyTorch's
 *     {@code alpha})
 * @param epsilon ε &gt; 0 added to the root of the second moment (ADAM, ADAMW, RMSPROP)
 * @param weightDecay d ≥ 0, DECOUPLED weight decay on weights only (biases never):
 *     {@code w ← w − lr·(update + d·w)}, PyTorch AdamW's {@code weight_decay}, for every kind.
 *     Coupled L2 (PyTorch SGD/Adam {@code weight_decay}) is not set here: it is the penalty λ of
 *     the objective, whose gradient the trainer adds before the step.
 * @param clipNorm c ≥ 0: gradients are rescaled to global L2 norm ≤ c before anything else; 0 =
 *     no clipping
 */
public record OptimizerConfig(
    Kind kind,
    LearningRateSchedule schedule,
    double momentum,
    double beta1,
    double beta2,
    double epsilon,
    double weightDecay,
    double clipNorm) {

  /** The optimizers, in order of increasing state. ADAM and ADAMW differ only in defaults. */
  public enum Kind {
    SGD,
    MOMENTUM,
    NESTEROV,
    ADAM,
    ADAMW,
    RMSPROP
  }

  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.999;
  public static final double DEFAULT_EPSILON = 1e-8;
  /** PyTorch RMSprop's default {@code alpha}. */
  public static final double DEFAULT_RMS_DECAY = 0.99;
  /** PyTorch AdamW's default {@code weight_decay}. */
  public static final double DEFAULT_ADAMW_WEIGHT_DECAY = 0.01;

  public OptimizerConfig {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(schedule, "schedule");
    StateBuffers.requireUnitInterval("momentum", momentum);
    if (kind == Kind.NESTEROV && momentum == 0) {
      throw new IllegalArgumentException("Nesterov momentum must be > 0");
    }
    StateBuffers.requireUnitInterval("beta1", beta1);
    StateBuffers.requireUnitInterval("beta2", beta2);
    StateBuffers.requirePositive("epsilon", epsilon);
    StateBuffers.requireNonNegative("weight decay", weightDecay);
    StateBuffers.requireNonNegative("clip norm", clipNorm);
  }

  /** Plain SGD, {@code w ← w − lr·g}. */
  public static OptimizerConfig sgd(double learningRate) {
    return of(Kind.SGD, learningRate, 0);
  }

  /** SGD with heavy-ball momentum μ (PyTorch {@code SGD(momentum=μ)}). */
  public static OptimizerConfig sgdMomentum(double learningRate, double momentum) {
    return of(Kind.MOMENTUM, learningRate, momentum);
  }

  /** SGD with Nesterov momentum μ (PyTorch {@code SGD(momentum=μ, nesterov=True)}). */
  public static OptimizerConfig nesterov(double learningRate, double momentum) {
    return of(Kind.NESTEROV, learningRate, momentum);
  }

  /** Adam with PyTorch's defaults β = (0.9, 0.999), ε = 1e-8. */
  public static OptimizerConfig adam(double learningRate) {
    return of(Kind.ADAM, learningRate, 0);
  }

  /** AdamW with PyTorch's defaults β = (0.9, 0.999), ε = 1e-8 and decoupled decay d. */
  public static OptimizerConfig adamw(double learningRate, double weightDecay) {
    return of(Kind.ADAMW, learningRate, 0).withWeightDecay(weightDecay);
  }

  /** RMSprop with PyTorch's defaults ρ = 0.99 (in {@code beta2}), ε = 1e-8. */
  public static OptimizerConfig rmsprop(double learningRate) {
    return new OptimizerConfig(
        Kind.RMSPROP, LearningRateSchedule.constant(learningRate), 0, DEFAULT_BETA1,
        DEFAULT_RMS_DECAY, DEFAULT_EPSILON, 0, 0);
  }

  private static OptimizerConfig of(Kind kind, double learningRate, double momentum) {
    return new OptimizerConfig(
        kind, LearningRateSchedule.constant(learningRate), momentum, DEFAULT_BETA1,
        DEFAULT_BETA2, DEFAULT_EPSILON, 0, 0);
  }

  /** This config with another learning-rate schedule. */
  public OptimizerConfig withSchedule(LearningRateSchedule newSchedule) {
    return new OptimizerConfig(
        kind, newSchedule, momentum, beta1, beta2, epsilon, weightDecay, clipNorm);
  }

  /** This config with decoupled weight decay d. */
  public OptimizerConfig withWeightDecay(double newWeightDecay) {
    return new OptimizerConfig(
        kind, schedule, momentum, beta1, beta2, epsilon, newWeightDecay, clipNorm);
  }

  /** This config with gradient clipping to global norm c (0 = off). */
  public OptimizerConfig withClipNorm(double newClipNorm) {
    return new OptimizerConfig(
        kind, schedule, momentum, beta1, beta2, epsilon, weightDecay, newClipNorm);
  }
}
