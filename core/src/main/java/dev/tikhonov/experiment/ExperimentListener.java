package dev.tikhonov.experiment;

import dev.tikhonov.train.TrainingListener;

/** Progress of an experiment made of several training runs. */
public interface ExperimentListener {
  /** Run {@code index} (1-based) of {@code total} starts; {@code label} says what it is. */
  default void runStarted(int index, int total, String label) {}

  /** The listener for the epochs of the current run. */
  default TrainingListener training() {
    return TrainingListener.none();
  }

  /** Run {@code index} finished. */
  default void runFinished(int index, int total, String summary) {}

  static ExperimentListener none() {
    return new ExperimentListener() {};
  }
}
