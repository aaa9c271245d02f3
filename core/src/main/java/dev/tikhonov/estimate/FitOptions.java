package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.train.TrainingListener;
import dev.tikhonov.train.TrainingState;
import java.util.Optional;

/**
 * Optional companions of an iterative fit, each absent by default: a validation set (evaluated
 * after every epoch, drives early stopping), a listener (progress, checkpoints), and a
 * checkpoint's state to continue from. Immutable.
 *
 * <pre>{@code
 * FitOptions.none().withValidation(val).withListener(progress)
 * }</pre>
 */
public final class FitOptions {
  private static final FitOptions NONE = new FitOptions(null, TrainingListener.none(), null);

  private final Dataset validation;
  private final TrainingListener listener;
  private final TrainingState resumeFrom;

  private FitOptions(Dataset validation, TrainingListener listener, TrainingState resumeFrom) {
    this.validation = validation;
    this.listener = listener;
    this.resumeFrom = resumeFrom;
  }

  /** No validation set, no listener, a fresh start. */
  public static FitOptions none() {
    return NONE;
  }

  /** These options with {@code data} as the validation set. */
  public FitOptions withValidation(Dataset data) {
    return new FitOptions(java.util.Objects.requireNonNull(data, "validation"), listener,
        resumeFrom);
  }

  /** These options with {@code newListener} called during training. */
  public FitOptions withListener(TrainingListener newListener) {
    return new FitOptions(validation, java.util.Objects.requireNonNull(newListener, "listener"),
        resumeFrom);
  }

  /**
   * These options continuing from a checkpoint's state: with the same data, settings and thread
   * count the result equals an uninterrupted fit's, bit for bit.
   */
  public FitOptions withResumeFrom(TrainingState state) {
    return new FitOptions(validation, listener,
        java.util.Objects.requireNonNull(state, "state"));
  }

  public Optional<Dataset> validation() {
    return Optional.ofNullable(validation);
  }

  public TrainingListener listener() {
    return listener;
  }

  public Optional<TrainingState> resumeFrom() {
    return Optional.ofNullable(resumeFrom);
  }
}
