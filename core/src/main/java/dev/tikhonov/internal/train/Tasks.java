package dev.tikhonov.internal.train;

import java.util.concurrent.Callable;

/**
 * The calls of the fit tasks that run side by side (cross-validation's folds, an estimator's
 * parallel fits), which take a {@link Callable}: {@link #call} runs one where a checked
 * exception cannot be thrown. Stateless, thread-safe.
 */
public final class Tasks {
  private Tasks() {}

  /**
   * {@code task.call()}: a runtime exception or error as it is, any other exception wrapped in
   * an {@link IllegalStateException} whose cause it is.
   *
   * @param <T> the task's result
   */
  public static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
