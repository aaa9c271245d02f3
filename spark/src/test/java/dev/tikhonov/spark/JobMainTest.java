package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a job's user sees of a bad {@code --master} (spark.master): one line naming it and the
 * forms Spark takes, exit 2, before any Spark starts. SparkContext refused it with its own
 * ERROR log and stack trace, and its SparkException (a checked exception, which JobMain's catch
 * of RuntimeException missed) ended the JVM with a second stack trace, exit 1.
 */
class JobMainTest {
  private static final String FORMS = "expected local, local[N], local[*], local[N,F],"
      + " spark://host:port, yarn or k8s://https://host:port";

  @Test
  void aMasterSparkCannotParse_isOneLine_exit2_beforeSparkStarts() {
    List<String[]> cases = List.of(
        new String[] {"local[abc]", "--master local[abc] (spark.master): not a Spark master;"
            + " " + FORMS},
        new String[] {"local[0]", "--master local[0] (spark.master): runs no threads; local[N]"
            + " needs N ≥ 1"},
        new String[] {"spark://x", "--master spark://x (spark.master): a standalone master is"
            + " spark://host:port (a port, and nothing after it); " + FORMS},
        new String[] {"", "--master '' (spark.master): not a Spark master; " + FORMS},
        // spark-submit refuses this one itself, before the job's main; java -Dspark.master not
        new String[] {"bogus://x", "--master bogus://x (spark.master): not a Spark master; "
            + FORMS});
    for (String[] c : cases) {
      String before = System.getProperty("spark.master");
      PrintStream err = System.err;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      System.setProperty("spark.master", c[0]);
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = JobMain.run("JobMainTest", new String[0], (args, spark, out, e) -> {
          throw new AssertionError("the job ran on " + spark.sparkContext().master());
        });
      } finally {
        System.setErr(err);
        if (before == null) {
          System.clearProperty("spark.master");
        } else {
          System.setProperty("spark.master", before);
        }
      }
      assertEquals("tikhonov-spark: " + c[1], captured.toString(StandardCharsets.UTF_8).strip(),
          c[0]);
      assertEquals(2, code, c[0]);
    }
  }

  /** Every form Spark's SparkContext parses passes, and nothing is said. */
  @Test
  void theMastersSparkTakes_pass() {
    for (String master : List.of("local", "local[1]", "local[2]", "local[*]", "local[2,3]",
        "local[*, 4]", "local-cluster[2, 1, 1024]", "spark://host:7077",
        "spark://a.example:7077,b.example:7078", "yarn", "k8s://https://host:443")) {
      assertTrue(JobMain.masterProblem(master).isEmpty(), master);
    }
  }
}
