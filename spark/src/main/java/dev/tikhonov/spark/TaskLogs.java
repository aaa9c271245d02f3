package dev.tikhonov.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Spark's logs of a failed task, silenced while a job runs: bad input found in a task (a cell
 * that is not a number, a CSV line with too few fields) fails the task, and Spark's Executor
 * (ERROR, "Exception in task") and TaskSetManager (WARN "Lost task", ERROR "aborting job")
 * logged it with 50 to 100 lines of stack trace, naming the job's internal vector column,
 * before the job's own one line named the user's column. Not thread-safe across jobs: the
 * levels are the JVM's, set for the job's length and restored after.
 */
final class TaskLogs {
  private TaskLogs() {}

  /** The loggers of a task's failure. */
  static final List<String> LOGGERS = List.of("org.apache.spark.executor.Executor",
      "org.apache.spark.scheduler.TaskSetManager");

  /**
   * {@code body}'s result, with {@link #LOGGERS} off while it runs; without log4j-core (Spark
   * logging through another backend) the body runs with the logs as they are.
   */
  static <T> T quiet(Supplier<T> body) {
    Map<String, Level> before = new LinkedHashMap<>();
    try {
      for (String name : LOGGERS) {
        before.put(name, LogManager.getLogger(name).getLevel());
        Configurator.setLevel(name, Level.OFF);
      }
    } catch (RuntimeException | LinkageError e) {
      // not log4j-core's context: nothing to silence here
    }
    try {
      return body.get();
    } finally {
      before.forEach((name, level) -> {
        try {
          Configurator.setLevel(name, level);
        } catch (RuntimeException | LinkageError e) {
          // as above
        }
      });
    }
  }
}
