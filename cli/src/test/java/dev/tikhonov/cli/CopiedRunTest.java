package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.io.CheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * A finished 2-epoch run on {@code data} with a checkpoint after each epoch, in run1, with
   * {@code more} flags.
   */
  private Path run(Path data, String... more) throws Exception {
    Path run = dir.resolve("run1");
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--target",
        "y", "--model", "mlp:3", "--regression", "--epochs", "2", "--threads", "1",
        "--checkpoint-every", "1", "--quiet", "--out", run.toString()));
    args.addAll(List.of(more));
    InProcess r = InProcess.run(args);
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

  /**
   * The flags the resumed run's checkpoints store: --data where the data are now, --save where
   * the model goes now (added when the run had none).
   */
  @Test
  void withPath_replacesTheStoredPath_inEitherSpelling_orAddsIt() {
    Path now = Path.of("/b/d.csv");
    assertEquals(List.of("--data", "/b/d.csv", "--target", "y"),
        TrainCommand.withPath(List.of("--data", "a/d.csv", "--target", "y"), "--data", now));
    assertEquals(List.of("--epochs", "2", "--data=/b/d.csv"),
        TrainCommand.withPath(List.of("--epochs", "2", "--data=a/d.csv"), "--data", now));
    assertEquals(List.of("--epochs", "2", "--save", "/b/m.model"),
        TrainCommand.withPath(List.of("--epochs", "2"), "--save", Path.of("/b/m.model")));
  }

  /**
   * A run copied with the model it saved inside its folder ({@code --save run1/model.model}):
   * the resumed copy wrote the model over the original run's, at the stored path.
   */
  @Test
  void resume_ofACopy_savesAModelOfTheRunsFolder_intoTheCopy() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    Path run1 = run(data, "--save", dir.resolve("run1/model.model").toString());
    Path run2 = copy(run1, dir.resolve("run2"));
    Files.writeString(run1.resolve("model.model"), "the original run's");
    Files.delete(run2.resolve("model.model"));

    InProcess r = InProcess.run("train", "--resume", run2.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertEquals("the original run's", Files.readString(run1.resolve("model.model")));
    assertTrue(r.out().contains("saved model to " + run2.toAbsolutePath().resolve("model.model")),
        r.out());
    dev.tikhonov.estimate.Predictor.load(run2.resolve("model.model"));
    assertFalse(r.err().contains("--save"), r.err());
  }

  /**
   * The model of a resumed run records its data as the uninterrupted run's does, the path as
   * given: it recorded the path resolved against the run's working directory, an absolute one.
   */
  @Test
  void resume_recordsTheDataInTheModelsProvenance_asTheRunGaveThem() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    Path relative = Path.of("").toAbsolutePath().relativize(data);
    Path run1 = run(relative, "--save", dir.resolve("run1/model.model").toString());
    Path run2 = copy(run1, dir.resolve("run2"));
    Files.delete(run2.resolve("model.model"));

    InProcess r = InProcess.run("train", "--resume", run2.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertEquals(relative.toString(), dev.tikhonov.estimate.Predictor.load(
        run1.resolve("model.model")).provenance().dataSource());
    assertEquals(relative.toString(), dev.tikhonov.estimate.Predictor.load(
        run2.resolve("model.model")).provenance().dataSource());
  }

  /**
   * A run copied whose model went outside its folder ({@code --save a/m.model}): the copy saves
   * it into itself and says so, unless --save next to --resume names the file; the run resumed
   * where it was made saves it where its flags say.
   */
  @Test
  void resume_ofACopy_savesAModelFromOutsideTheRun_intoTheCopy_unlessSaveSaysWhere()
      throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    Path model = Files.createDirectories(dir.resolve("a")).resolve("m.model");
    Path run1 = run(data, "--save", model.toString());
    Path run2 = copy(run1, dir.resolve("run2"));
    Files.writeString(model, "the original run's");

    InProcess r = InProcess.run("train", "--resume", run2.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertEquals("the original run's", Files.readString(model));
    Path copied = run2.toAbsolutePath().resolve("m.model");
    dev.tikhonov.estimate.Predictor.load(copied);
    assertTrue(r.err().lines().toList().contains("tikhonov: warning: the run saved its model to "
        + model + " (--save in its stored flags), outside its folder " + run1 + ", of which "
        + run2 + " is a copy: the resumed run saves it to " + copied + " instead, so that the"
        + " original run's model stays; give --save FILE next to --resume to choose the file"),
        r.err());

    InProcess dash = InProcess.run("train", "--resume", run2.toString(), "--save", "-");
    assertEquals(2, dash.exit(), dash.err());
    assertTrue(dash.message().startsWith("--save -: a model file is binary"), dash.err());

    Path chosen = dir.resolve("b.model");
    InProcess given = InProcess.run("train", "--resume", run2.toString(), "--save",
        chosen.toString(), "--quiet");
    assertEquals(0, given.exit(), given.err());
    assertFalse(given.err().contains("--save"), given.err());
    dev.tikhonov.estimate.Predictor.load(chosen);
    assertEquals("the original run's", Files.readString(model));

    InProcess original = InProcess.run("train", "--resume", run1.toString(), "--quiet");
    assertEquals(0, original.exit(), original.err());
    dev.tikhonov.estimate.Predictor.load(model);
  }

  /**
   * --data next to --resume of a run on the bundled MNIST sample, which has no path to move:
   * the message names the flag with its value and says to drop it.
   */
  @Test
  void resume_withData_ofARunOnTheBundledSample_saysToDropIt() throws Exception {
    Path run = dir.resolve("bundled");
    InProcess r = InProcess.run("train", "--model", "logistic", "--epochs", "1",
        "--batch-size", "1000", "--threads", "1", "--checkpoint-every", "1", "--quiet", "--out",
        run.toString());
    assertEquals(0, r.exit(), r.err());
    Path csv = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);

    InProcess given = InProcess.run("train", "--resume", run.toString(), "--data",
        csv.toString(), "--quiet");
    assertEquals(2, given.exit(), given.err());
    assertEquals("--data " + csv + ": the run of " + run.resolve(CheckpointFile.FILE_NAME)
        + " trained on the bundled MNIST sample (its stored flags give no --data), which"
        + " needs no path; drop --data", given.message());
    InProcess dropped = InProcess.run("train", "--resume", run.toString(), "--quiet");
    assertEquals(0, dropped.exit(), dropped.err());
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
