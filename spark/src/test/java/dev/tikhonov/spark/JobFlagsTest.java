package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The jobs' flags with empty values, refused in words before any Spark job (no session is
 * needed: each is refused while the flags are read). An empty --data ended PathJob with
 * "failed: IllegalArgumentException: Can not create a Path from an empty string", exit 1; a
 * list ending in a comma (--lambdas 1,2, or SweepJob's --lambdas 0, and --hidden 4,) was read
 * without its empty last value, while an empty value inside the list was refused.
 */
class JobFlagsTest {
  @Test
  void emptyValues_areRefusedInWords_exit2() {
    List<String[]> pathJob = List.of(
        new String[] {"--data", "", "tikhonov-spark: --data needs a file or folder path, got ''"},
        new String[] {"--lambdas", "1,2,",
            "tikhonov-spark: --lambdas must be a number finite and ≥ 0, got ''"});
    for (String[] c : pathJob) {
      String[] args = c[0].equals("--data") ? new String[] {"--data", c[1], "--target", "y"}
          : new String[] {"--data", "d.csv", "--target", "y", c[0], c[1]};
      assertRefused(c[2], PathJob::run, args);
    }
    List<String[]> sweepJob = List.of(
        new String[] {"--lambdas", "0,",
            "tikhonov-spark: --lambdas: each value must be a number finite and ≥ 0, got ''"},
        new String[] {"--hidden", "4,",
            "tikhonov-spark: --hidden must be a whole number ≥ 1, got ''"},
        new String[] {"--seeds", "0,1,",
            "tikhonov-spark: --seeds: each value must be a number a whole number, got ''"});
    for (String[] c : sweepJob) {
      String[] args = c[0].equals("--lambdas") ? new String[] {"--mnist", "bundled", c[0], c[1]}
          : new String[] {"--mnist", "bundled", "--lambdas", "0", c[0], c[1]};
      assertRefused(c[2], SweepJob::run, args);
    }
  }

  private static void assertRefused(String expected, JobMain.Job job, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = job.run(args, null, new PrintStream(java.io.OutputStream.nullOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(expected, err.toString(StandardCharsets.UTF_8).strip(), String.join(" ", args));
    assertEquals(2, code, String.join(" ", args));
  }
}
