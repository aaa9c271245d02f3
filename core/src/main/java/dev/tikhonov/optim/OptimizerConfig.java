package dev.tikhonov.optim;

import java.util.Objects;

/**
 * Which optimizer to build and its hyperparameters, immutable; start from a factory of
 * {@link Optimizers} ({@code Optimizers.sgd(0.05).momentum(0.9)}, {@code Optimizers.adamW(1e-3,
 * 0.01)}) and change settings with the named methods, each returning a new config.
 * {@link Optimizers#chain} turns it into a chain. Fields a kind does not use are ignored (but
 * still validated). Immutable, so thread-safe.
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

  /**
   * The optimizers, in order of increasing state. ADAM and ADAMW differ only in defaults.
   * Thread-safe, as enum constants are.
   */
  public enum Kind {
    /** Plain gradient descent: {@code w ← w − lr·g}. */
    SGD,
    /** Heavy-ball momentum, as PyTorch's SGD: {@code b ← μb + g; w ← w − lr·b}. */
    MOMENTUM,
    /** Nesterov momentum, as PyTorch's SGD with {@code nesterov=True}: steps by g + μb. */
    NESTEROV,
    /** Adam (Kingma and Ba), bias-corrected first and second moments. */
    ADAM,
    /** Adam with PyTorch AdamW's defaults (decoupled weight decay 0.01). */

    ADAMW,
    /** RMSprop: the gradient over the root of a running mean of its squares (decay ρ). */
    RMSPROP
  }

  /** PyTorch Adam's default β₁, the first moment's decay. */
  public static final double DEFAULT_BETA1 = 0.9;
  /** PyTorch Adam's default β₂, the second moment's decay. */
  public static final double DEFAULT_BETA2 = 0.999;
  /** PyTorch's default ε (Adam, AdamW, RMSprop). */
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

  /** Plain SGD at {@code learningRate}; see {@link Optimizers#sgd}. */
  static OptimizerConfig of(Kind kind, double learningRate) {
    requireLearningRate(learningRate);
    return new OptimizerConfig(kind, LearningRateSchedule.constant(learningRate), 0,
        DEFAULT_BETA1, kind == Kind.RMSPROP ? DEFAULT_RMS_DECAY : DEFAULT_BETA2, DEFAULT_EPSILON,
        0, 0);
  }

  /**
   * Heavy-ball momentum μ (PyTorch {@code SGD(momentum=μ)}): turns SGD into MOMENTUM and sets μ
   * for MOMENTUM and NESTEROV; μ = 0 on SGD leaves plain SGD.
   *
   * @throws IllegalArgumentException for Adam, AdamW and RMSprop, which have no momentum setting
   */
  public OptimizerConfig momentum(double newMomentum) {
    Kind k = switch (kind) {
      case SGD -> newMomentum > 0 ? Kind.MOMENTUM : Kind.SGD;
      case MOMENTUM, NESTEROV -> kind;
      default -> throw new IllegalArgumentException(
          kind.name().toLowerCase(java.util.Locale.ROOT) + " has no momentum setting");
    };
    return new OptimizerConfig(k, schedule, newMomentum, beta1, beta2, epsilon, weightDecay,
        clipNorm);
  }

  /** Nesterov's look-ahead on the momentum (PyTorch {@code nesterov=True}); needs μ &gt; 0. */
  public OptimizerConfig nesterov() {
    if (kind != Kind.MOMENTUM && kind != Kind.NESTEROV) {
      throw new IllegalArgumentException("Nesterov needs SGD with momentum > 0, this is "
          + kind.name().toLowerCase(java.util.Locale.ROOT));
    }
    return new OptimizerConfig(Kind.NESTEROV, schedule, momentum, beta1, beta2, epsilon,
        weightDecay, clipNorm);
  }

  /** Adam's (β₁, β₂). */
  public OptimizerConfig betas(double newBeta1, double newBeta2) {
    return new OptimizerConfig(kind, schedule, momentum, newBeta1, newBeta2, epsilon, weightDecay,
        clipNorm);
  }

  /** RMSprop's ρ (PyTorch's {@code alpha}), held in {@code beta2}. */
  public OptimizerConfig decay(double rho) {
    if (kind != Kind.RMSPROP) {
      throw new IllegalArgumentException("decay ρ is RMSprop's setting; use betas for Adam");
    }
    return new OptimizerConfig(kind, schedule, momentum, beta1, rho, epsilon, weightDecay,
        clipNorm);
  }

  /** ε added to the root of the second moment (Adam, AdamW, RMSprop). */
  public OptimizerConfig epsilon(double newEpsilon) {
    return new OptimizerConfig(kind, schedule, momentum, beta1, beta2, newEpsilon, weightDecay,
        clipNorm);
  }

  /** This config with another learning-rate schedule. */
  public OptimizerConfig schedule(LearningRateSchedule newSchedule) {
    return new OptimizerConfig(
        kind, newSchedule, momentum, beta1, beta2, epsilon, weightDecay, clipNorm);
  }

  /** Decoupled weight decay d ≥ 0 on the weights: {@code w ← w − lr·d·w} after the step. */
  public OptimizerConfig weightDecay(double newWeightDecay) {
    return new OptimizerConfig(
        kind, schedule, momentum, beta1, beta2, epsilon, newWeightDecay, clipNorm);
  }

  /** Gradient clipping to global L2 norm c (0 = off), applied to the data gradient first. */
  public OptimizerConfig clipNorm(double newClipNorm) {
    return new OptimizerConfig(
        kind, schedule, momentum, beta1, beta2, epsilon, weightDecay, newClipNorm);
  }

  /** "momentum(lr=0.05, μ=0.9)" and the like, for tables and reports. */
  public String describe() {
    StringBuilder s = new StringBuilder(kind.name().toLowerCase(java.util.Locale.ROOT))
        .append("(lr=").append(schedule.at(1));
    switch (kind) {
      case MOMENTUM, NESTEROV -> s.append(", momentum=").append(momentum);
      case ADAM, ADAMW -> s.append(", betas=(").append(beta1).append(", ").append(beta2)
          .append("), eps=").append(epsilon);
      case RMSPROP -> s.append(", rho=").append(beta2).append(", eps=").append(epsilon);
      default -> { }
    }
    if (weightDecay > 0) {
      s.append(", weight_decay=").append(weightDecay);
    }
    if (clipNorm > 0) {
      s.append(", clip_norm=").append(clipNorm);
    }
    return s.append(')').toString();
  }

  private static void requireLearningRate(double learningRate) {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be a positive finite number, got " + learningRate);
    }
  }
}
