package dev.tikhonov.experiment;

import dev.tikhonov.train.TrainingListener;

/**
 * Progress of an experiment made of several training runs. The project's experiments (gd-linear,
 * mnist-l2, mnist-select) never make overlapping calls, each after the previous one has returned,
 * but mnist-l2 and mnist-select may make them from their worker threads: an implementation need not
 * be thread-safe but must not rely on the calling thread.
 */
public interface ExperimentListener {
  /** Run {@code index} (1-based) of {@code total} starts; {@code label} says what it is. */
  default void runStarted(int index, int total, String label) {}

  /** The listener for the epochs of the current run. */
  default TrainingListener training() {
    return TrainingListener.none();
  }

  /** Run {@code index} finished. */
  default void runFinished(int index, int total, String summary) {}

  /** A listener that does nothing (every method's default). */
  static ExperimentListener none() {

    return new ExperimentListener() {};
  }
}
