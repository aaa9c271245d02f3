package dev.tikhonov.optim;

/**
 * The learning rate as a function of the optimizer step: {@code lr = at(t)}, with {@code t}
 * counted from 1 (the first {@link Optimizer#step()} uses {@code at(1)}).
 *
 * <p>The factories are closed forms of the step, so a run restored from a checkpoint at step t
 * continues with exactly the learning rate an uninterrupted run would have used (nothing to
 * save but the step count):
 *
 * <ul>
 *   <li>{@link #constant}: {@code lr(t) = lr}
 *   <li>{@link #stepDecay}: {@code lr(t) = lr · γ^⌊(t−1)/s⌋} (PyTorch {@code StepLR}, stepped
 *       once per optimizer step)
 *   <li>{@link #cosine}: {@code lr(t) = lr_min + (lr − lr_min)·(1 + cos(π·(t−1)/T))/2} for
 *       {@code t−1 ≤ T}, then {@code lr_min} (PyTorch {@code CosineAnnealingLR} closed form
 *       without restarts)
 *   <li>{@link #linearWarmup}: {@code lr(t) = then(1)·t/W} for {@code t ≤ W}, then
 *       {@code then(t−W)}
 * </ul>
 *
 * <p>The factories return immutable records whose {@code at} is a pure function of the step,
 * so thread-safe. An implementation of one's own must be thread-safe too, and a function of the
 * step alone: the data-parallel training step calls {@code at} from each of its threads for the
 * same step (each updates its own rows of the parameters), and a checkpoint saves only the step
 * count.
 */
@FunctionalInterface
public interface LearningRateSchedule {
  /** The learning rate of step {@code step} (≥ 1). */
  double at(long step);

  /**
   * Whether lr(t) is one number for every step: true for {@link #constant}, false for the
   * other factories and, not being known, for any other implementation.
   */
  default boolean isConstant() {
    return false;
  }

  /** {@code lr(t) = learningRate}. */
  static LearningRateSchedule constant(double learningRate) {
    return new Schedules.Constant(learningRate);
  }

  /**
   * {@code lr(t) = learningRate · gamma^⌊(t−1)/stepSize⌋}: multiplied by γ every {@code stepSize}
   * steps, first at step {@code stepSize + 1}.
   */
  static LearningRateSchedule stepDecay(double learningRate, long stepSize, double gamma) {
    return new Schedules.StepDecay(learningRate, stepSize, gamma);
  }

  /**
   * {@code lr(t) = minLr + (learningRate − minLr)·(1 + cos(π·min(t−1, T)/T))/2} with
   * {@code T = totalSteps}: {@code learningRate} at step 1, {@code minLr} from step T + 1 on.
   * Equals PyTorch's {@code CosineAnnealingLR(T_max=T, eta_min=minLr)} evaluated after t−1
   * scheduler steps, held at {@code minLr} instead of rising again after T.
   */
  static LearningRateSchedule cosine(double learningRate, long totalSteps, double minLr) {
    return new Schedules.Cosine(learningRate, totalSteps, minLr);
  }

  /**
   * Linear warm-up over {@code warmupSteps} steps into {@code then}: {@code lr(t) = then(1)·t/W}
   * for {@code t ≤ W}, {@code then(t − W)} afterwards (so {@code then} starts its own count at 1
   * right after the warm-up).
   */
  static LearningRateSchedule linearWarmup(long warmupSteps, LearningRateSchedule then) {
    return new Schedules.LinearWarmup(warmupSteps, then);
  }
}
