package dev.tikhonov.estimate;

import dev.tikhonov.optim.LearningRateSchedule;

/**
 * A learning-rate schedule stated in epochs, turned into steps when the number of batches per
 * epoch is known (at fit time):
 *
 * <ul>
 *   <li>{@link #constant()}: lr(t) = lr;
 *   <li>{@link #stepDecay(int, double)}: lr multiplied by γ every {@code everyEpochs} epochs
 *       (PyTorch {@code StepLR(step_size = everyEpochs·batches, gamma)});
 *   <li>{@link #cosine()}: cosine annealing from lr to 0 over the whole run.
 * </ul>
 *
 * Immutable, so thread-safe.
 *
 * @param kind which schedule
 * @param everyEpochs epochs between decays (STEP)
 * @param gamma decay factor (STEP)
 */
public record EpochSchedule(Kind kind, int everyEpochs, double gamma) {
  /** The schedules. Thread-safe, as enum constants are. */
  public enum Kind {
    /** lr(t) = lr. */
    CONSTANT,
    /** lr multiplied by γ every {@code everyEpochs} epochs. */
    STEP,
    /** Cosine annealing from lr to 0 over the whole run. */
    COSINE
  }

  /**
   * Checks a step schedule's settings.
   *
   * @throws IllegalArgumentException for STEP with {@code everyEpochs < 1} or γ outside (0, 1]
   */
  public EpochSchedule {
    if (kind == Kind.STEP) {
      if (everyEpochs < 1) {
        throw new IllegalArgumentException("everyEpochs of a step schedule must be >= 1, got "
            + everyEpochs);
      }
      if (!(gamma > 0 && gamma <= 1)) {
        throw new IllegalArgumentException("the decay factor must be in (0, 1], got " + gamma);
      }
    }
  }

  /** The optimizer's learning rate throughout (the default). */
  public static EpochSchedule constant() {
    return new EpochSchedule(Kind.CONSTANT, 0, 1);
  }

  /**
   * The learning rate multiplied by {@code gamma} ∈ (0, 1] every {@code everyEpochs} ≥ 1 epochs
   * (PyTorch's {@code StepLR} with {@code step_size} in epochs).
   */
  public static EpochSchedule stepDecay(int everyEpochs, double gamma) {
    return new EpochSchedule(Kind.STEP, everyEpochs, gamma);
  }

  /** Cosine annealing from the optimizer's learning rate to 0 over all the epochs of the fit. */
  public static EpochSchedule cosine() {
    return new EpochSchedule(Kind.COSINE, 0, 1);
  }

  /** The schedule in optimizer steps for {@code batchesPerEpoch} batches and {@code epochs}. */
  LearningRateSchedule inSteps(double learningRate, long batchesPerEpoch, int epochs) {
    return switch (kind) {
      case CONSTANT -> LearningRateSchedule.constant(learningRate);
      case STEP -> LearningRateSchedule.stepDecay(learningRate, batchesPerEpoch * everyEpochs,
          gamma);
      case COSINE -> LearningRateSchedule.cosine(learningRate, batchesPerEpoch * epochs, 0);
    };
  }

  /** "constant", "step(every 10 epochs, ×0.1)", "cosine". */
  public String describe() {
    return switch (kind) {
      case CONSTANT -> "constant";
      case STEP -> "step(every " + everyEpochs + " epochs, x" + gamma + ")";
      case COSINE -> "cosine";
    };
  }
}
