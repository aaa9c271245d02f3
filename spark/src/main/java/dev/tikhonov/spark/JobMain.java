package dev.tikhonov.spark;

import java.io.PrintStream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one {@code main} of tikhonov's spark-submit jobs ({@link PathJob}, {@link SweepJob}): a
 * session from {@code SparkSession.builder().getOrCreate()} ({@code local[*]} when spark-submit
 * gave no master), the job run on it and the session stopped, and any failure that is not bad
 * input (which the job itself reports, exit 2) as one line and exit code 1, never a stack trace.
 */
final class JobMain {
  private JobMain() {}

  /** A job's body: its exit code for {@code args} on {@code spark}. */
  @FunctionalInterface
  interface Job {
    int run(String[] args, SparkSession spark, PrintStream out, PrintStream err);
  }

  /** Runs {@code job} and returns the code to exit with. */
  static int run(String appName, String[] args, Job job) {
    try {
      SparkConf conf = new SparkConf();
      SparkSession.Builder builder = SparkSession.builder().appName(appName);
      if (!conf.contains("spark.master")) {
        builder.master("local[*]");
      }
      SparkSession spark = builder.getOrCreate();
      try {
        return job.run(args, spark, System.out, System.err);
      } finally {
        spark.stop();
      }
    } catch (RuntimeException | Error e) {
      System.err.println("tikhonov-spark: failed: " + e.getClass().getSimpleName() + ": "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return 1;
    }
  }
}
