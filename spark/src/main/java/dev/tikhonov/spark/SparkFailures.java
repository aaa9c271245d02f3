package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import java.util.concurrent.Callable;

/**
 * Bad input found inside a task reaches the driver wrapped: Spark aborts the job with a
 * {@code SparkException} ("Job aborted due to stage failure: ...") whose cause is the task's
 * exception. This unwraps it, so that a caller of the library sees the same
 * {@link InputException} (and its one-line message) that a single-machine fit would throw.
 * Anything else passes through unchanged.
 */
final class SparkFailures {
  private SparkFailures() {}

  static <T> T unwrap(Callable<T> job) {
    try {
      return job.call();
    } catch (InputException e) {
      throw e;
    } catch (Exception e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof InputException input) {
          throw new InputException(input.getMessage(), e);
        }
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
