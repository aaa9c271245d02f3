package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.message.Message;

/**
 * Spark's logs of a task that failed on bad input, dropped while a job runs: bad input found in
 * a task (a cell that is not a number, a CSV line with too few fields) fails the task, and
 * Spark's Executor (ERROR "Exception in task") and TaskSetManager (WARN "Lost task", ERROR
 * "aborting job") logged it with 50 to 100 lines of stack trace, naming the job's internal
 * vector column, before the job's own one line named the user's column. A log4j 2 filter on the
 * logging context, for the job's length, drops exactly those events: an event of one of
 * {@link #LOGGERS} whose exception, or one of its causes, is bad input ({@link #isInputError}),
 * or whose text (TaskSetManager writes the task's exception into its message) names one, and
 * the "aborting job" line of a task whose loss it dropped. Every other event of those loggers
 * passes: a lost executor, a task retried after a failure of the cluster's. Thread-safe: each
 * run adds a filter of its own and removes it after.
 */
final class TaskLogs {
  private TaskLogs() {}

  /** The loggers of a task's failure. */
  static final List<String> LOGGERS = List.of("org.apache.spark.executor.Executor",
      "org.apache.spark.scheduler.TaskSetManager");

  /**
   * What an exception (its {@code toString()}) or a message says when the failure is bad input,
   * which the job reports in its own line: our {@link InputException}, and the CSV conditions
   * of Spark's that {@link PathJob} names (a line with other fields than the header, a header
   * that does not fit the other files').
   */
  private static final List<String> INPUT_ERRORS = List.of(InputException.class.getName() + ":",
      "[MALFORMED_CSV_RECORD]", "CSV header does not conform to the schema",
      "Number of column in CSV header is not equal");

  /**
   * {@code body}'s result, with Spark's logs of tasks that failed on bad input dropped while it
   * runs; without log4j-core (Spark logging through another backend) the body runs with the
   * logs as they are.
   */
  static <T> T quiet(Supplier<T> body) {
    Configuration configuration;
    InputFailures filter = new InputFailures();
    try {
      configuration = ((LoggerContext) LogManager.getContext(false)).getConfiguration();
      filter.start();
      configuration.addFilter(filter);
    } catch (RuntimeException | LinkageError e) {
      // not log4j-core's context: nothing to filter here
      return body.get();
    }
    try {
      return body.get();
    } finally {
      configuration.removeFilter(filter);
      filter.stop();
    }
  }

  /** Whether {@code thrown} or one of its causes is bad input ({@link #INPUT_ERRORS}). */
  static boolean isInputError(Throwable thrown) {
    for (Throwable c = thrown; c != null; c = c.getCause()) {
      if (c instanceof InputException || namesInputError(String.valueOf(c))) {
        return true;
      }
    }
    return false;
  }

  private static boolean namesInputError(String text) {
    return INPUT_ERRORS.stream().anyMatch(text::contains);
  }

  /** TaskSetManager's "Lost task 0.0 in stage 1.0 (TID 1) …": the task and its stage. */
  private static final Pattern LOST = Pattern.compile("Lost task (\\d+)\\.\\d+ in stage (\\S+) ");

  /** TaskSetManager's "Task 0 in stage 1.0 failed 1 times; aborting job". */
  private static final Pattern ABORTING = Pattern.compile(
      "Task (\\d+) in stage (\\S+) failed \\d+ times; aborting job");

  /** The context-wide filter of one run: DENY for a bad-input task's events, else NEUTRAL. */
  private static final class InputFailures extends AbstractFilter {
    /** "task in stage" of the losses dropped, whose "aborting job" line goes too. */
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();

    private Result decide(String logger, String message, Throwable thrown) {
      if (logger == null || !LOGGERS.contains(logger)) {
        return Result.NEUTRAL;
      }
      if (thrown != null && isInputError(thrown)) {
        return Result.DENY;
      }
      String text = String.valueOf(message);
      Matcher lost = LOST.matcher(text);
      if (lost.lookingAt() && namesInputError(text)) {
        dropped.add(lost.group(1) + " in stage " + lost.group(2));
        return Result.DENY;
      }
      Matcher aborting = ABORTING.matcher(text);
      return aborting.lookingAt() && dropped.contains(aborting.group(1) + " in stage "
          + aborting.group(2)) ? Result.DENY : Result.NEUTRAL;
    }

    @Override
    public Result filter(LogEvent event) {
      return decide(event.getLoggerName(), event.getMessage().getFormattedMessage(),
          event.getThrown());
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, Message msg, Throwable t) {
      return decide(logger.getName(), msg == null ? null : msg.getFormattedMessage(), t);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, Object msg, Throwable t) {
      return decide(logger.getName(), String.valueOf(msg), t);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg,
        Object... params) {
      Object last = params == null || params.length == 0 ? null : params[params.length - 1];
      return decide(logger.getName(), msg, last instanceof Throwable t ? t : null);
    }
  }
}
