package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What PathJob's user sees of Spark's logs on bad --data (docs/spark.md: "never a stack
 * trace"): the events Spark logs at WARN and above while the job runs, caught by an appender
 * on the root logger (this module's log4j2.properties keeps WARN and above, as a spark-submit
 * with spark.log.level=WARN).
 */
class PathJobLogTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  /**
   * A missing --data: Spark's reader logged its FileNotFoundException with ~100 lines of
   * stack trace (WARN FileStreamSink) before "[PATH_NOT_FOUND] Path does not exist"; a cell
   * that is not a number, or a line with fewer fields than the header, failed a task, which
   * Spark's Executor and TaskSetManager logged with 54 and 98 lines of stack trace, naming the
   * job's internal column '__tikhonov_features'. Now each is the job's one line alone.
   */
  @Test
  void badData_logsNothing_butTheJobsOneLine(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("nope.csv");
    Path text = Files.writeString(dir.resolve("text.csv"), "a,b,y\n1,2,3\n1,x,3\n2,1,4\n");
    Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,y\n1,2,3\n1,2\n2,1,4\n");
    List<String> expected = List.of(
        "tikhonov-spark: --data " + missing + ": no such file or directory",
        "tikhonov-spark: column 'b' of " + text + ", row 2 after the header line: \"x\" is not"
            + " a number; choose numeric columns with --features (without it every column but"
            + " the target, weight and fold columns is a feature)",
        "tikhonov-spark: --data " + ragged + ": a line has more or fewer fields than the header"
            + " line: 1,2");
    List<Path> data = List.of(missing, text, ragged);
    for (int k = 0; k < data.size(); k++) {
      Path d = data.get(k);
      List<String> logged = new ArrayList<>();
      TestSpark.JobResult r = logged(logged, () -> TestSpark.runPathJob(spark, "--data",
          d.toString(), "--target", "y", "--out", dir.resolve("out").toString()));
      assertTrue(logged.isEmpty(), d + ": " + String.join("\n", logged));
      assertEquals(2, r.code(), r.err());
      assertEquals(expected.get(k), r.err().strip());
    }
  }

  /**
   * Spark's genuine warnings still reach the user while a job runs: only the events of the task
   * that found the bad cell are dropped. The job used to turn the loggers of Executor and
   * TaskSetManager off for its whole length, which also hid a lost executor or a task retried
   * on a cluster. Here a task of another Spark job fails (not on bad input) while PathJob runs
   * on a bad cell, started when PathJob writes its one line; TaskSetManager's "Lost task" of
   * that failure is logged, PathJob's task's is not.
   */
  @Test
  void aGenuineTaskFailure_duringAJob_isLogged_butTheBadCellsIsNot(@TempDir Path dir)
      throws IOException {
    Path text = Files.writeString(dir.resolve("text.csv"), "a,b,y\n1,2,3\n1,x,3\n2,1,4\n");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.OutputStream failingOnWrite = new java.io.OutputStream() {
      private boolean failed;

      @Override
      public void write(int b) {
        if (!failed) {
          failed = true;
          try {
            org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(List.of(1, 2), 1).foreach(x -> {
                  throw new IllegalStateException("a genuine failure of a task");
                });
          } catch (Exception e) { // Spark's SparkException, undeclared
            // the job fails: its logs are what this test looks at
          }
        }
        err.write(b);
      }
    };
    List<String> logged = new ArrayList<>();
    int code = logged(logged, () -> PathJob.run(new String[] {"--data", text.toString(),
        "--target", "y", "--out", dir.resolve("out").toString()}, spark,
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
        new java.io.PrintStream(failingOnWrite, true, java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(2, code);
    assertEquals("tikhonov-spark: column 'b' of " + text + ", row 2 after the header line:"
        + " \"x\" is not a number; choose numeric columns with --features (without it every"
        + " column but the target, weight and fold columns is a feature)",
        err.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
    String all = String.join("\n", logged);
    assertTrue(logged.stream().anyMatch(e -> e.startsWith("WARN " + TaskLogs.LOGGERS.get(1))
        && e.contains("Lost task") && e.contains("a genuine failure of a task")), all);
    assertTrue(logged.stream().noneMatch(e -> e.contains("InputException")
        || e.contains("__tikhonov_features")), all);
  }

  /** {@code body}'s result; the events logged at WARN and above while it ran go to {@code out}. */
  private static <T> T logged(List<String> out, Supplier<T> body) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    AbstractAppender appender = new AbstractAppender("PathJobLogTest", null, null, true,
        Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        events.add(event.getLevel() + " " + event.getLoggerName() + ": "
            + event.getMessage().getFormattedMessage()
            + (event.getThrown() == null ? "" : " " + event.getThrown()));
      }
    };
    appender.start();
    LoggerConfig root = context.getConfiguration().getRootLogger();
    root.addAppender(appender, Level.WARN, null);
    context.updateLoggers();
    try {
      return body.get();
    } finally {
      root.removeAppender(appender.getName());
      context.updateLoggers();
      appender.stop();
      out.addAll(events);
    }
  }
}
