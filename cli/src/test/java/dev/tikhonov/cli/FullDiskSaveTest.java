package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ridge and path with --save on a disk already full ({@link SmallDisk}, filled): their first
 * results file fails, and they said only "D/path.json: cannot write the file: No space left on
 * device", not that --save's model, which comes after the results, was not written either
 * (found by redteam44). Now the line names the model and says to run the command again.
 */
class FullDiskSaveTest {
  @TempDir Path dir;

  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toString();

  @Test
  void ridgeAndPath_whosePathJsonDoesNotFit_sayTheModelWasNotWritten() throws Exception {
    try (SmallDisk small = SmallDisk.mount(dir.resolve("small"), "64k")) {
      small.fill();
      for (String command : new String[] {"ridge", "path"}) {
        Path out = small.dir().resolve(command);
        Path model = dir.resolve(command + ".model");
        InProcess r = InProcess.run(command, "--data", DIABETES, "--target", "progression",
            "--quiet", "--threads", "1", "--save", model.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(out.resolve("path.json") + ": cannot write the file: No space left on"
            + " device; the model (--save " + model + ") was not written: once the cause is"
            + " fixed, run the command again", r.message(), command);
        assertFalse(Files.exists(model), command);
      }
    }
  }
}
