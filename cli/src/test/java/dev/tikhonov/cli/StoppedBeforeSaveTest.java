package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with --save stopped after its results and before its model (found by redteam43: a
 * {@code path --cv-folds 3 --save M} killed after ~15 s said "…its results were written:
 * tikhonov report D builds its report from them", there was no M, and report said nothing of
 * it). Every command with --save writes its results first, then the model: a stop between them
 * now ends the line with "the model (--save M) was not written: run the command again to save
 * it". The line is the one the shutdown hook prints ({@link Main#interruptedMessage}), as the
 * command left it: here a command whose model could not be written (path's refusal of a fit
 * that did not converge; a full disk under --save for each command), which is where a stop
 * between the two leaves the run.
 */
class StoppedBeforeSaveTest {
  private static final String NOT_WRITTEN = ") was not written: run the command again to save it";

  @TempDir Path dir;

  @Test
  void hint_afterTheResults_withoutTheAskedModel_saysTheModelWasNotWritten() throws Exception {
    RunWriter writer = RunWriter.open(dir.resolve("p"), RunKind.PATH);
    Path model = dir.resolve("m.model");
    assertEquals("", RunFiles.interruptHint(writer, "path.json", Optional.of(model),
        Optional.empty()), "no results yet: nothing to say");
    writer.json("path.json", Map.of("lambda", List.of(1.0)));
    assertEquals("its results were written: tikhonov report " + writer.dir() + " builds its"
        + " report from them; the model (--save " + model + NOT_WRITTEN,
        RunFiles.interruptHint(writer, "path.json", Optional.of(model), Optional.empty()));
    assertEquals("the model was saved to " + model + "; its results were written: tikhonov"
        + " report " + writer.dir() + " builds its report from them",
        RunFiles.interruptHint(writer, "path.json", Optional.of(model), Optional.of(model)));
    assertEquals("its results were written: tikhonov report " + writer.dir() + " builds its"
        + " report from them", RunFiles.interruptHint(writer, "path.json", Optional.empty(),
            Optional.empty()), "no --save: nothing of a model");
  }

  /** path writes path.json, path.csv and run.json, then refuses the unconverged fit's model. */
  @Test
  void pathWhoseModelIsRefused_saysTheModelWasNotWritten() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0.1);
    Path model = dir.resolve("p.model");
    Path out = dir.resolve("p");
    InProcess run = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--quiet", "--tol", "1e-30", "--save", model.toString(), "--out", out.toString());
    assertEquals(2, run.exit(), run.err());
    assertFalse(Files.exists(model));
    String line = Main.interruptedMessage();
    assertTrue(line.endsWith("; the model (--save " + model + NOT_WRITTEN), line);
  }

  /**
   * Each command's --save into a full disk (a 64 KiB tmpfs filled up, a {@link SmallDisk}):
   * the results are written, the model is not.
   */
  @Test
  void everyCommandWhoseModelCouldNotBeWritten_saysSo() throws Exception {
    try (SmallDisk full = SmallDisk.mount(dir.resolve("full"), "64k")) {
      full.fill(); // the model's write fails with "No space left on device"
      Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0.1);
      for (String command : List.of("path", "ridge", "select", "grid", "train")) {
        Path out = dir.resolve(command);
        Path model = full.dir().resolve(command + ".model");
        List<String> args = new ArrayList<>(List.of(command, "--data", data.toString(),
            "--target", "y", "--quiet", "--save", model.toString(), "--out", out.toString()));
        switch (command) {
          case "select" -> args.addAll(List.of("--regression", "--model", "mlp:4", "--epochs",
              "1", "--nlambda", "2", "--threads", "1"));
          case "grid" -> args.addAll(List.of("--regression", "--model", "mlp:4", "--epochs", "1",
              "--lambdas", "0,0.1", "--cv-folds", "2", "--threads", "1"));
          case "train" -> args.addAll(List.of("--model", "linear", "--epochs", "1",
              "--threads", "1"));
          default -> { }
        }
        InProcess r = InProcess.run(args);
        assertEquals(2, r.exit(), command + ": " + r.err());
        assertTrue(r.message().contains("No space left on device"), command + ": " + r.err());
        assertFalse(Files.exists(model), command);
        String line = Main.interruptedMessage();
        assertTrue(line.endsWith("; the model (--save " + model + NOT_WRITTEN),
            command + ": " + line);
      }
    }
  }
}
