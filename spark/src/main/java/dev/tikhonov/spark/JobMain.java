package dev.tikhonov.spark;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one {@code main} of tikhonov's spark-submit jobs ({@link PathJob}, {@link SweepJob}): a
 * session from {@code SparkSession.builder().getOrCreate()} ({@code local[*]} when spark-submit
 * gave no master), the job run on it and the session stopped, and any failure that is not bad
 * input (which the job itself reports, exit 2) as one line and exit code 1, never a stack trace.
 * A master (spark.master, spark-submit's {@code --master}) that Spark would not parse is
 * refused in one line, exit 2, before any Spark starts ({@link #masterProblem}); spark-submit
 * itself refuses one that is not yarn and does not begin with local, spark or k8s, with its own
 * stack trace, before this main runs.
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
      if (conf.contains("spark.master")) {
        String master = conf.get("spark.master");
        Optional<String> problem = masterProblem(master);
        if (problem.isPresent()) {
          System.err.println("tikhonov-spark: --master "
              + (master.isEmpty() ? "''" : master) + " (spark.master): " + problem.get());
          return 2;
        }
      }
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
    } catch (Exception | Error e) { // Spark's SparkException is checked, and undeclared
      System.err.println("tikhonov-spark: failed: " + e.getClass().getSimpleName() + ": "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return 1;
    }
  }

  /** The forms of a master URL, as the messages list them. */
  static final String FORMS = "expected local, local[N], local[*], local[N,F], spark://host:port,"
      + " yarn or k8s://https://host:port";

  /** SparkContext's local masters (SparkMasterRegex): threads, and threads with failures. */
  private static final Pattern LOCAL = Pattern.compile(
      "local\\[([0-9]+|\\*)\\]|local\\[([0-9]+|\\*)\\s*,\\s*([0-9]+)\\]");

  private static final Pattern LOCAL_CLUSTER = Pattern.compile(
      "local-cluster\\[\\s*[0-9]+\\s*,\\s*[0-9]+\\s*,\\s*[0-9]+\\s*]");

  /**
   * Why Spark would refuse {@code master}, in words, if it would: the forms SparkContext
   * parses (Spark 4.2's {@code SparkContext.createTaskScheduler} and
   * {@code Utils.extractHostPortFromSparkUrl}), and k8s:// for its cluster manager. It refused
   * them after its start-up, with its own stack trace.
   */
  static Optional<String> masterProblem(String master) {
    if (master.equals("local") || master.equals("yarn") || LOCAL_CLUSTER.matcher(master)
        .matches() || master.startsWith("k8s://") && master.length() > "k8s://".length()) {
      return Optional.empty();
    }
    Matcher local = LOCAL.matcher(master);
    if (local.matches()) {
      String threads = local.group(1) != null ? local.group(1) : local.group(2);
      return threads.matches("0+") ? Optional.of("runs no threads; local[N] needs N ≥ 1")
          : Optional.empty();
    }
    if (master.startsWith("spark://")) {
      for (String hostPort : master.substring("spark://".length()).split(",", -1)) {
        if (!isHostPort(hostPort)) {
          return Optional.of("a standalone master is spark://host:port (a port, and nothing"
              + " after it); " + FORMS);
        }
      }
      return Optional.empty();
    }
    return Optional.of("not a Spark master; " + FORMS);
  }

  private static boolean isHostPort(String hostPort) {
    try {
      URI uri = new URI("spark://" + hostPort);
      return uri.getHost() != null && uri.getPort() >= 0
          && (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null
          && uri.getFragment() == null && uri.getUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
