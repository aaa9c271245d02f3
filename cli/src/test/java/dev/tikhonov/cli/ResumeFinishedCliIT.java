package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume DIR} of a run that had finished said "resuming … after epoch 2", trained
 * nothing and wrote the run's files again, as if it had continued something: it says now that
 * the run had finished.
 */
class ResumeFinishedCliIT {
  @TempDir Path dir;

  @Test
  void resumeOfAFinishedRun_saysItHadFinished() throws Exception {
    StringBuilder csv = new StringBuilder("a,y\n");
    for (int i = 0; i < 20; i++) {
      csv.append(i).append(',').append(2 * i + Math.sin(i)).append('\n');
    }
    Files.writeString(dir.resolve("d.csv"), csv);
    Cli.Result train = Cli.run(dir, "train", "--data", "d.csv", "--target", "y", "--model",
        "linear", "--epochs", "2", "--threads", "1", "--checkpoint-every", "1", "--quiet",
        "--out", "r");
    assertEquals(0, train.exitCode(), train.stderr());
    Cli.Result resume = Cli.run(dir, "train", "--resume", "r");
    assertEquals(0, resume.exitCode(), resume.stderr());
    assertEquals("tikhonov train: resuming r/checkpoint.safetensors after epoch 2 (the run had"
        + " finished: nothing is left to train; its files are written again from the"
        + " checkpoint)", resume.stdout().lines().findFirst().orElseThrow());
    // trained nothing, so wrote no checkpoint: the one it continued is its own, not an earlier
    // run's file that it did not rewrite (RunWriter.finish removed it)
    assertTrue(Files.exists(dir.resolve("r/checkpoint.safetensors")), resume.stdout());
    assertFalse(resume.stdout().contains("removed"), resume.stdout());
  }
}
