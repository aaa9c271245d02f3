package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.io.CheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A train process killed after its first checkpoint, then a run into its --out: a fresh train
 * removes the killed run's checkpoint as that run's file (it is listed in run.json.partial),
 * and {@code train --resume} continues it (docs/formats.md, "A run stopped before its end").
 * The checkpoint was written past the run's record, so a fresh run left it, and a resume after
 * that continued the killed training over the fresh run's results.
 */
class StoppedTrainCliIT {
  private static final List<String> TRAIN = List.of("train", "--model", "mlp:16",
      "--epochs", "3", "--threads", "1", "--seed", "1", "--checkpoint-every", "1", "--quiet");
  @TempDir Path dir;

  /** Runs train into {@code out} and kills it (SIGKILL) in epoch 2, after epoch 1's checkpoint. */
  private Path killedInEpoch2(String out) throws Exception {
    List<String> args = new ArrayList<>(TRAIN);
    args.addAll(List.of("--out", out));
    Cli.killAfter(dir, dir.resolve(out + ".err"), "batch 2 2", args);
    Path checkpoint = dir.resolve(out).resolve(CheckpointFile.FILE_NAME);
    assertEquals(1, CheckpointFile.read(checkpoint).state().epoch());
    assertTrue(Files.readString(dir.resolve(out).resolve("run.json.partial"))
        .contains(CheckpointFile.FILE_NAME), "the killed run's record lists its checkpoint");
    return checkpoint;
  }

  @Test
  void killedAfterItsFirstCheckpoint_aFreshTrainRemovesIt() throws Exception {
    Path checkpoint = killedInEpoch2("run");
    Cli.Result fresh = Cli.run(dir, "train", "--model", "logistic", "--epochs", "1", "--threads",
        "1", "--out", "run");
    assertEquals(0, fresh.exitCode(), fresh.stderr());
    assertFalse(Files.exists(checkpoint), "the killed run's checkpoint is gone");
    assertTrue(fresh.stdout().contains("removed 1 file that a run stopped before its end left"
        + " in run (listed in its run.json.partial), which this run did not rewrite:"
        + " checkpoint.safetensors"), fresh.stdout());
    Cli.Result resume = Cli.run(dir, "train", "--resume", "run");
    assertEquals(2, resume.exitCode(), resume.stderr());
    assertTrue(resume.stderr().contains("no checkpoint here"), resume.stderr());
  }

  @Test
  void killedAfterItsFirstCheckpoint_trainResumeContinuesIt() throws Exception {
    Path checkpoint = killedInEpoch2("run");
    Cli.Result resume = Cli.run(dir, "train", "--resume", "run", "--quiet");
    assertEquals(0, resume.exitCode(), resume.stderr());
    assertEquals(3, CheckpointFile.read(checkpoint).state().epoch());
    assertEquals(4, Files.readAllLines(dir.resolve("run/history.csv")).size(),
        "a header and the three epochs");
    assertFalse(Files.exists(dir.resolve("run/run.json.partial")));
    assertTrue(Files.readString(dir.resolve("run/run.json")).contains(CheckpointFile.FILE_NAME));
  }
}
