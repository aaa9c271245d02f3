package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ridge on a disk that fills between its path.json and its path.csv (found by redteam43, a
 * 100 KB tmpfs, a {@link SmallDisk}): it said only
 * "D/path.csv: cannot write the file: No space left on device", and left path.json and
 * run.json.partial, with no word of what was and was not written. Now the line says so, and a
 * stop there does not claim the results were written (ridge's last results file is path.csv).
 */
class RidgeFullDiskTest {
  @TempDir Path dir;

  @Test
  void ridgeWhosePathCsvDoesNotFit_saysWhatWasWrittenAndWhatNot() throws Exception {
    try (SmallDisk small = SmallDisk.mount(dir.resolve("small"), "100k")) {
      Path out = small.dir().resolve("r");
      Path model = dir.resolve("r.model");
      InProcess r = InProcess.run("ridge", "--data", Path.of("..", "data", "diabetes.csv")
          .toString(), "--target", "progression", "--quiet", "--save", model.toString(),
          "--out", out.toString());
      assertEquals(2, r.exit(), r.err());
      assertTrue(Files.exists(out.resolve("path.json")), "path.json fits: the case tested");
      assertEquals(out.resolve("path.csv") + ": cannot write the file: No space left on device; "
          + out.resolve("path.json") + " was written; path.csv, run.json, the model (--save "
          + model + ") and the report were not: once the cause is fixed, run the command again",
          r.message());
      assertFalse(Files.exists(model));
      assertEquals("tikhonov: stopped by a signal (Ctrl-C or kill) before the command finished;"
          + " no file was left half-written", Main.interruptedMessage(),
          "a stop here: no results of this run to report from");
    }
  }
}
