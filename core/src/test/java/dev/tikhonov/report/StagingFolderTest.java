package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reserved name {@value StagingFolder#NAME} in a run directory: the folder where an
 * experiment into the folder of an earlier run stages its files is marked as a run's, and a
 * file, a link or a folder of that name without the mark is the user's: an experiment refuses
 * it (staging would empty it), any other run leaves it. A run that ended removed any folder of
 * that name with all it held, the user's too.
 */
class StagingFolderTest {
  @TempDir Path dir;

  /** The folder of an earlier finished gd-linear run, with {@code name} of the user's in it. */
  private Path earlierRunWith(String name) throws Exception {
    Path run = dir.resolve("run");
    RunManifestTest.earlierRun(run, RunKind.GD_LINEAR, "results.json");
    Files.createDirectories(run.resolve(name).getParent());
    Files.writeString(run.resolve(name), "mine");
    return run;
  }

  /** A train run into {@code run} that writes metrics.json and ends. */
  private static void trainRun(Path run) {
    RunWriter train = RunWriter.open(run, RunKind.TRAIN);
    train.metrics(Map.of("test_accuracy", 0.5));
    train.finish(RunManifestTest.info(RunKind.TRAIN));
  }

  @Test
  void aFileOfTheName_isRefusedByAnExperiment_andStays() throws Exception {
    Path run = earlierRunWith(StagingFolder.NAME);
    Path file = run.resolve(StagingFolder.NAME);

    InputException e = assertThrows(InputException.class,
        () -> RunWriter.open(run, RunKind.GD_LINEAR));
    assertEquals(file + ": is not a folder; an experiment into the folder of an earlier run"
        + " stages its files in a folder of that name (move or remove it, or choose another"
        + " output directory)", e.getMessage());
    trainRun(run);
    assertEquals("mine", Files.readString(file));
  }

  @Test
  void aFolderOfTheUsersOfTheName_isRefusedByAnExperiment_andNeverRemoved() throws Exception {
    Path run = earlierRunWith(StagingFolder.NAME + "/notes.txt");
    Path folder = run.resolve(StagingFolder.NAME);

    InputException e = assertThrows(InputException.class,
        () -> RunWriter.open(run, RunKind.GD_LINEAR));
    assertEquals(folder + ": a folder that no tikhonov run staged its files in (it holds no"
        + " .staged-by-tikhonov); an experiment into the folder of an earlier run stages its"
        + " files in a folder of that name and empties it first (move or rename the folder, or"
        + " choose another output directory)", e.getMessage());
    trainRun(run);
    assertEquals("mine", Files.readString(folder.resolve("notes.txt")));
  }

  @Test
  void theFolderOfAStoppedExperiment_isMarked_andTheNextRunThatEndsRemovesIt()
      throws Exception {
    Path run = dir.resolve("run");
    RunManifestTest.earlierRun(run, RunKind.GD_LINEAR, "results.json");
    RunWriter stopped = RunWriter.open(run, RunKind.GD_LINEAR);
    stopped.json("results.json", List.of(Map.of("lambda", 0.0)));
    Path folder = run.resolve(StagingFolder.NAME);
    assertTrue(Files.isRegularFile(folder.resolve(StagingFolder.MARKER)));

    RunWriter.open(run, RunKind.GD_LINEAR); // a stopped run's folder is no user's: not refused
    trainRun(run);
    assertFalse(Files.exists(folder));
  }

  /** The marker stays out of the run directory; the staged files, in their folders, go in. */
  @Test
  void moveIn_movesTheStagedFilesIn_notTheMarker_andRemovesTheFolder() throws Exception {
    Path run = dir.resolve("run");
    RunManifestTest.earlierRun(run, RunKind.GD_LINEAR, "results.json");
    StagingFolder staging = new StagingFolder(run);
    Path to = staging.target();
    Files.createDirectories(to.resolve("runs/lambda-0.0"));
    Files.writeString(to.resolve("runs/lambda-0.0/history.csv"), "epoch,loss\n");
    Files.writeString(to.resolve("results.json"), "[]");
    assertTrue(staging.holds("results.json"));

    staging.moveIn(new RunRecord(run, RunKind.GD_LINEAR));
    assertEquals("[]", Files.readString(run.resolve("results.json")));
    assertEquals("epoch,loss\n", Files.readString(run.resolve("runs/lambda-0.0/history.csv")));
    assertFalse(Files.exists(run.resolve(StagingFolder.MARKER)));
    assertFalse(Files.exists(to));
  }
}
