package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
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
    InProcess r = InProcess.run("experiment", "mnist-l2", "--quick", "--lambdas", "1e6", "--epochs",
        "1", "--seeds", "0", "--threads", "1", "--quiet", "--out", dir.resolve("out").toString());
    String text = r.err();
    assertEquals(3, r.exit(), text);
    assertTrue(text.startsWith("tikhonov: error: ") && text.contains("training diverged at epoch"
        + " 1") && !text.contains("internal error") && text.lines().count() == 1, text);
  }

  /** Runs a command line in this JVM; {@code err} gets picocli's and System.err's lines. */
  private static int run(StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err, true));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      return cl.execute(args);
    } finally {
      System.setErr(saved);
      err.write(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * An MLP at learning rate 10⁶ on the bundled digits: the first epoch's mean loss is about
   * 5·10²⁸, the second's 10⁶ (dead units, accuracy at chance). train exited 0, and grid chose
   * the diverged candidate and wrote it over the model at --save. Both now stop in epoch 1
   * with exit 3, and the file at --save is left as it was.
   */
  @Test
  void trainAndGrid_aBlowUpInsideTheFirstEpoch_isExit3AndSavesNothing() throws Exception {
    StringWriter err = new StringWriter();
    int exit = run(err, "train", "--model", "mlp:8", "--epochs", "2", "--lr", "1e6",
        "--threads", "1", "--quiet", "--out", dir.resolve("train").toString());
    String text = err.toString().strip();
    assertEquals(3, exit, text);
    assertTrue(text.startsWith("tikhonov: error: training diverged at epoch 1, batch ")
        && text.contains("the first epoch's mean training loss") && text.lines().count() == 1,
        text);

    Path save = dir.resolve("good.model");
    Files.writeString(save, "a good model");
    StringWriter gridErr = new StringWriter();
    int gridExit = run(gridErr, "grid", "--model", "mlp:8", "--epochs", "2", "--lambdas", "0",
        "--learning-rates", "1e6", "--folds", "2", "--threads", "1", "--quiet", "--out",
        dir.resolve("grid").toString(), "--save", save.toString());
    String gridText = gridErr.toString().strip();
    assertEquals(3, gridExit, gridText);
    assertTrue(gridText.contains("training diverged at epoch 1"), gridText);
    assertEquals("a good model", Files.readString(save));
  }
}
