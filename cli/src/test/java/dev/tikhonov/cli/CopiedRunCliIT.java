package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.io.CheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A train process killed after its second checkpoint of three epochs, its folder copied
 * elsewhere ({@code cp -r}), and the copy resumed: it trains the third epoch there and saves
 * the model that its flags save inside the run's folder ({@code --save run1/m.model}) into the
 * copy. It wrote {@code run1/m.model}, in the original run's folder.
 */
class CopiedRunCliIT {
  @TempDir Path dir;

  @Test
  void aKilledRunCopiedElsewhere_resumesInTheCopy_andSavesItsModelThere() throws Exception {
    Cli.killAfter(dir, dir.resolve("run1.err"), "batch 3 2", List.of("train", "--model",
        "mlp:16", "--epochs", "3", "--threads", "1", "--checkpoint-every", "1", "--quiet",
        "--out", "run1", "--save", "run1/m.model"));
    Path run1 = dir.resolve("run1");
    assertEquals(2, CheckpointFile.read(run1.resolve(CheckpointFile.FILE_NAME)).state().epoch());

    Path run2 = Files.createDirectories(dir.resolve("elsewhere")).resolve("run2");
    try (Stream<Path> files = Files.walk(run1)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, run2.resolve(run1.relativize(f).toString()));
      }
    }
    Cli.Result resume = Cli.run(dir, "train", "--resume", "elsewhere/run2", "--quiet");
    assertEquals(0, resume.exitCode(), resume.stderr());

    CheckpointFile.Checkpoint resumed = CheckpointFile.read(run2.resolve(
        CheckpointFile.FILE_NAME));
    assertEquals(3, resumed.state().epoch());
    assertEquals(4, Files.readAllLines(run2.resolve("history.csv")).size(),
        "a header and the three epochs");
    dev.tikhonov.estimate.Predictor.load(run2.resolve("m.model"));
    assertFalse(Files.exists(run1.resolve("m.model")), "the original run's folder got a model");
    assertEquals(2, CheckpointFile.read(run1.resolve(CheckpointFile.FILE_NAME)).state().epoch());
    // its checkpoints say where it is now: a resume of the copy saves there again
    assertEquals(run2.toAbsolutePath().toString(), resumed.settings().get("out_directory"));
    assertTrue(String.valueOf(resumed.settings().get("args")).contains(
        run2.toAbsolutePath().resolve("m.model").toString()), resumed.settings().toString());
  }
}
