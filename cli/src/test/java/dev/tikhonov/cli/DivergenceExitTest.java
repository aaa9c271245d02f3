package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training that diverges is exit code 3 and one error line in every command, not a bug; in a
 * grid it is a failed candidate, and only a grid whose every candidate diverged exits 3.
 */
class DivergenceExitTest {
  @TempDir Path dir;

  /**
   * experiment mnist-l2 with a λ that diverges (lr·λ ≫ 1) used to end with "tikhonov: internal
   * error: dev.tikhonov.train.DivergenceException: …" and exit code 1, as if it were a bug, and
   * then with exit 3, throwing away the dropout rows that were fine. The setting is now left out
   * with one warning line and the experiment exits 0 (only when every setting diverges, exit 3).
   */
  @Test
  void experiment_aLambdaThatDiverges_isLeftOutWithOneWarningLine() throws Exception {
    StringWriter err = new StringWriter();
    Path out = dir.resolve("out");
    int exit = run(err, "experiment", "mnist-l2", "--quick", "--lambdas", "1e6", "--epochs", "1",
        "--seeds", "0", "--threads", "2", "--quiet", "--out", out.toString());
    String text = err.toString().strip();
    assertEquals(0, exit, text);
    assertEquals("tikhonov: warning: 1 of 3 settings diverged and have no row: λ=1e+06,"
        + " seed 0 (epoch 1)", text);
    assertEquals(3, Files.readAllLines(out.resolve("results.csv")).size(),
        "the header and the two dropout rows");
    assertTrue(Files.readString(out.resolve("experiment.json")).contains("\"lambda\" : 1000000.0"));
  }

  /** Runs a command line through {@link InProcess}; {@code err} gets all of its stderr. */
  private static int run(StringWriter err, String... args) {
    InProcess r = InProcess.run(args);
    err.write(r.err());
    return r.exit();
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
    assertTrue(gridText.startsWith("tikhonov: error: the only candidate diverged, so there is"
        + " nothing to choose from") && gridText.contains("training diverged at epoch 1")
        && gridText.lines().count() == 1, gridText);
    assertEquals("a good model", Files.readString(save));
  }

  /**
   * train at learning rate 10 stays under the divergence check (its mean loss grows about 20 %,
   * not 10¹⁰ times) and ends at chance accuracy; it used to exit 0 without a word. It still
   * exits 0, with one warning line giving the final epoch's loss and the constant output's
   * (log 10); the usual learning rate gives none.
   */
  @Test
  void train_aLearningRateThatEndsWorseThanAConstant_warnsOnOneLineAndExits0() {
    StringWriter err = new StringWriter();
    int exit = run(err, "train", "--model", "mlp:8", "--epochs", "2", "--lr", "10", "--threads",
        "1", "--quiet", "--out", dir.resolve("lr10").toString());
    String text = err.toString().strip();
    assertEquals(0, exit, text);
    assertTrue(text.matches("tikhonov: warning: the final epoch's mean training loss [0-9.]+ is"
        + " above 2\\.30259, the loss of a constant \\(all-zero\\) output: the model predicts"
        + " worse than a constant; try a smaller learning rate \\(or, if the loss is still"
        + " falling from its random start, more epochs\\)"), text);

    StringWriter usual = new StringWriter();
    assertEquals(0, run(usual, "train", "--model", "mlp:8", "--epochs", "2", "--threads", "1",
        "--quiet", "--out", dir.resolve("usual").toString()));
    assertEquals("", usual.toString().strip());
  }

  /**
   * grid over learning rates 0.1 and 10⁶: the diverging candidate used to stop the whole search
   * with exit 3, although 0.1 was fine. Now its row says where it diverged and has no score, the
   * search chooses among the rest, saves that model, warns on one stderr line and exits 0.
   */
  @Test
  void grid_oneCandidateDiverges_isLeftOutAndTheSearchGoesOn() throws Exception {
    Path out = dir.resolve("grid-lr");
    Path save = dir.resolve("chosen.model");
    StringWriter errors = new StringWriter();
    int exit = run(errors, "grid", "--model", "mlp:8", "--epochs", "2", "--lambdas", "0",
        "--learning-rates", "0.1,1e6", "--folds", "2", "--threads", "2", "--quiet", "--out",
        out.toString(), "--save", save.toString());
    String err = errors.toString().strip();
    assertEquals(0, exit, err);
    assertEquals("tikhonov: warning: 1 of 2 candidates diverged and were left out of the"
        + " selection: {lambda=0, dropout=0, weight_decay=0, learning_rate=1e+06}"
        + " (split 1, epoch 1)", err);
    java.util.List<String> csv = Files.readAllLines(out.resolve("grid.csv"));
    assertTrue(csv.get(0).endsWith(",chosen,outcome,diverged_split,diverged_epoch,loss_mean,"
        + "loss_se"), csv.get(0));
    assertTrue(csv.get(1).startsWith("0,0.0,0.0,0.0,0.1,0.") && csv.get(1).contains(
        ",true,scored,,,0."), csv.get(1));
    assertEquals("1,0.0,0.0,0.0,1000000.0,,,,,false,diverged,1,1,,", csv.get(2));
    String json = Files.readString(out.resolve("grid.json"));
    assertTrue(json.contains("\"outcome\" : \"diverged\"") && json.contains("\"chosen\" : 0"),
        json);
    String report = Files.readString(out.resolve("report.html"));
    assertTrue(report.contains("diverged (split 1, epoch 1)"), "the row says where");
    assertTrue(report.contains("2 candidates, most regularized first; one diverged and was left"
        + " out of the selection"), "the summary counts it");
    assertTrue(Files.size(save) > 0, "the chosen candidate's model is saved");
  }
}
