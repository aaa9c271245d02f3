package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A training that diverges is exit code 3 and one error line in every command, not a bug. */
class DivergenceExitTest {
  @TempDir Path dir;

  /**
   * experiment mnist-l2 with a λ that diverges (lr·λ ≫ 1) used to end with "tikhonov: internal
   * error: dev.tikhonov.train.DivergenceException: …" and exit code 1, as if it were a bug.
   */
  @Test
  void experiment_aLambdaThatDiverges_isExit3WithOneErrorLine() {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute("experiment", "mnist-l2", "--quick", "--lambdas", "1e6", "--epochs",
        "1", "--seeds", "0", "--threads", "1", "--quiet", "--out", dir.resolve("out").toString());
    String text = err.toString().strip();
    assertEquals(3, exit, text);
    assertTrue(text.startsWith("tikhonov: error: ") && text.contains("training diverged at epoch"
        + " 1") && !text.contains("internal error") && text.lines().count() == 1, text);
  }
}
