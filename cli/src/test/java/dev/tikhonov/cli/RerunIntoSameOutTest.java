package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.io.CheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A train run into the --out of an earlier run that wrote checkpoints, itself without
 * {@code --checkpoint-every}: the earlier run's checkpoint.safetensors stayed beside the new
 * run's files, and {@code train --resume DIR} continued the earlier run (another model, other
 * data) and replaced the new run's results with its own, exit 0.
 */
class RerunIntoSameOutTest {
  @TempDir Path dir;

  @Test
  void trainWithoutCheckpoints_intoTheOutOfARunWithOne_removesTheEarlierCheckpoint()
      throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    Path out = dir.resolve("run");
    InProcess first = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "mlp:3", "--regression", "--epochs", "2", "--threads", "1",
        "--checkpoint-every", "1", "--quiet", "--out", out.toString());
    assertEquals(0, first.exit(), first.err());
    Path checkpoint = out.resolve(CheckpointFile.FILE_NAME);
    assertTrue(Files.exists(checkpoint));

    InProcess second = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--epochs", "1", "--threads", "1", "--quiet", "--out",
        out.toString());
    assertEquals(0, second.exit(), second.err());
    assertFalse(Files.exists(checkpoint), "the earlier run's checkpoint is gone");
    InProcess resume = InProcess.run("train", "--resume", out.toString());
    assertEquals(2, resume.exit());
    assertEquals(checkpoint + ": no checkpoint here (train with --checkpoint-every N to write"
        + " one)", resume.message());
  }
}
