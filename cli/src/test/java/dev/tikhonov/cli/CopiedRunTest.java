package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.io.CheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cp -r run1 run2; train --resume run2}: a run directory copied elsewhere continues as
 * the original would, on the data its stored flags name. A checkpoint written by a command run
 * in-process ({@link Main#commandLine}, as the tests run them) stored the arguments of the
 * JVM's last {@link Main#run} instead of its own (none in a fresh JVM), and its resume said
 * "the train flags stored in the checkpoint (settings.args) give no --data … trained on other
 * data" of a run that had --data. When the data are no longer where the stored flags say (the
 * folder copied to another machine), {@code --data} next to {@code --resume} says where they
 * are now; their SHA-256 must still be the checkpoint's.
 */
class CopiedRunTest {
  @TempDir Path dir;

  /** A finished 2-epoch run on {@code data} with a checkpoint after each epoch, in run1. */
  private Path run(Path data) throws Exception {
    Path run = dir.resolve("run1");
    InProcess r = InProcess.run("train", "--data", data.toString(), "--target", "y", "--model",
        "mlp:3", "--regression", "--epochs", "2", "--threads", "1", "--checkpoint-every", "1",
        "--quiet", "--out", run.toString());
    assertEquals(0, r.exit(), r.err());
    return run;
  }

  /** {@code cp -r from to}. */
  private static Path copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(from.relativize(f).toString()));
      }
    }
    return to;
  }

  @Test
  void resume_ofACopiedRunDirectory_continuesItThere_andLeavesTheOriginalAsItWas()
      throws Exception {
    Path run1 = run(CsvFiles.regression(dir.resolve("d.csv"), 40, 0));
    byte[] history = Files.readAllBytes(run1.resolve("history.csv"));
    byte[] runJson = Files.readAllBytes(run1.resolve("run.json"));
    Path run2 = copy(run1, dir.resolve("run2"));
    Files.delete(run2.resolve("history.csv"));

    InProcess r = InProcess.run("train", "--resume", run2.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertArrayEquals(history, Files.readAllBytes(run2.resolve("history.csv")));
    assertArrayEquals(history, Files.readAllBytes(run1.resolve("history.csv")));
    assertArrayEquals(runJson, Files.readAllBytes(run1.resolve("run.json")));
  }

  /** The flags the resumed run's checkpoints store: --data where the data are now. */
  @Test
  void withData_replacesTheStoredDataPath_inEitherSpelling() {
    Path now = Path.of("/b/d.csv");
    assertEquals(java.util.List.of("--data", "/b/d.csv", "--target", "y"),
        TrainCommand.withData(java.util.List.of("--data", "a/d.csv", "--target", "y"), now));
    assertEquals(java.util.List.of("--epochs", "2", "--data=/b/d.csv"),
        TrainCommand.withData(java.util.List.of("--epochs", "2", "--data=a/d.csv"), now));
  }

  @Test
  void resume_whoseDataMoved_namesThePathItLookedFor_andDataSaysWhereTheyAre()
      throws Exception {
    Path data = CsvFiles.regression(Files.createDirectories(dir.resolve("a")).resolve("d.csv"),
        40, 0);
    Path run1 = run(data);
    Path run2 = copy(run1, dir.resolve("run2"));
    Path moved = Files.move(data, Files.createDirectories(dir.resolve("b")).resolve("d.csv"));

    InProcess gone = InProcess.run("train", "--resume", run2.toString(), "--quiet");
    assertEquals(2, gone.exit(), gone.err());
    Path file = run2.resolve(CheckpointFile.FILE_NAME);
    assertEquals(file + ": the run's training data " + data + " (--data in its stored flags)"
        + " are not there: no such file or directory; where they are now, give them as --data"
        + " next to --resume (they must be the data the run was made with: their SHA-256 is"
        + " checked)", gone.message());

    Path other = CsvFiles.regression(dir.resolve("other.csv"), 40, 1);
    InProcess wrong = InProcess.run("train", "--resume", run2.toString(), "--data",
        other.toString(), "--quiet");
    assertEquals(2, wrong.exit(), wrong.err());
    assertEquals("--data " + other + ": not the data the checkpoint " + file + " was trained on"
        + " (its settings.train_data_sha256 differs); give the file the run was made with",
        wrong.message());

    InProcess r = InProcess.run("train", "--resume", run2.toString(), "--data",
        moved.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.readString(run2.resolve("run.json")).contains(moved.toString()),
        "run.json names the data where they are now");
  }
}
