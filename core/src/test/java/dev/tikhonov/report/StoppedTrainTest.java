package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.estimate.FitOptions;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.io.CheckpointFile;
import dev.tikhonov.train.TrainResult;
import dev.tikhonov.train.TrainingListener;
import dev.tikhonov.train.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A train run stopped after a checkpoint ({@link RunWriter#checkpoints}): its checkpoint was
 * written past the writer and recorded only with the next file, which a train run writes after
 * its last epoch, so the checkpoint of a run stopped in training was in no list. A fresh run
 * into the folder left it, and {@code train --resume} of that folder then continued the
 * stopped training over the fresh run's results (docs/formats.md, "A run stopped before its
 * end"). Each stop here throws from a listener in epoch 2, as a crash would.
 */
class StoppedTrainTest {
  private static final int EPOCHS = 3;
  @TempDir Path dir;

  /** Thrown from a listener to stop the fit, as a crash or a kill would. */
  private static final class Stop extends RuntimeException {}

  private static Dataset data() {
    double[][] x = new double[40][];
    int[] labels = new int[40];
    for (int i = 0; i < 40; i++) {
      x[i] = new double[] {i % 5, (i * 3) % 7};
      labels[i] = i % 5 < 2 ? 0 : 1;
    }
    return Dataset.ofClasses(x, labels);
  }

  private static TrainResult fit(TrainingListener listener, Optional<TrainingState> from) {
    FitOptions options = FitOptions.none().withListener(listener);
    if (from.isPresent()) {
      options = options.withResumeFrom(from.get());
    }
    return MlpClassifier.builder().hiddenLayers(3).lambda(0.01).epochs(EPOCHS).batchSize(8)
        .seed(0).build().fit(data(), options).training().orElseThrow();
  }

  /** A train run that writes a checkpoint every epoch and is stopped in its second epoch. */
  private static Path stoppedAfterItsFirstCheckpoint(Path run) {
    RunWriter stopped = RunWriter.open(run, RunKind.TRAIN);
    TrainingListener stopInEpoch2 = new TrainingListener() {
      @Override
      public void onBatch(int epoch, int batch, double loss) {
        if (epoch == 2) {
          throw new Stop();
        }
      }
    };
    assertThrows(Stop.class, () -> fit(TrainingListener.all(stopped.checkpoints(1, Map.of()),
        stopInEpoch2), Optional.empty()));
    Path checkpoint = run.resolve(CheckpointFile.FILE_NAME);
    assertEquals(1, CheckpointFile.read(checkpoint).state().epoch());
    return checkpoint;
  }

  @Test
  void aTrainStoppedAfterACheckpoint_theNextRunRemovesTheCheckpoint() throws Exception {
    Path run = dir.resolve("run");
    Path checkpoint = stoppedAfterItsFirstCheckpoint(run);
    JsonNode group = JsonFiles.read(run.resolve(RunManifest.PARTIAL)).path("runs").get(0);
    assertEquals("train", group.path("kind").asText());
    assertEquals(List.of(CheckpointFile.FILE_NAME), RunManifestTest.listed(group.path("files")));
    assertEquals(RunManifest.sha256(checkpoint).orElseThrow(),
        group.path("files").get(0).path("sha256").asText());

    // a fresh train run without checkpoints: the stopped run's checkpoint is not this run's
    RunWriter next = RunWriter.open(run, RunKind.TRAIN);
    next.metrics(Map.of("test_accuracy", 0.5));
    next.finish(RunManifestTest.info(RunKind.TRAIN));
    assertFalse(Files.exists(checkpoint), "the stopped run's checkpoint is gone");
    assertFalse(Files.exists(run.resolve(RunManifest.PARTIAL)));
    assertEquals("removed 1 file that a run stopped before its end left in " + run + " (listed"
        + " in its run.json.partial), which this run did not rewrite: checkpoint.safetensors",
        next.removedMessage().orElseThrow());
  }

  /**
   * The run that continues the checkpoint ({@code train --resume}) takes it as its own
   * ({@link RunWriter#keep}): it is not removed, the training goes on from epoch 2, and the
   * finished run lists its last checkpoint.
   */
  @Test
  void aTrainStoppedAfterACheckpoint_theRunThatContinuesItKeepsIt() throws Exception {
    Path run = dir.resolve("run");
    Path checkpoint = stoppedAfterItsFirstCheckpoint(run);
    RunWriter resumed = RunWriter.open(run, RunKind.TRAIN);
    resumed.keep(checkpoint);
    List<Integer> epochs = new java.util.ArrayList<>();
    TrainingListener epochsRun = new TrainingListener() {
      @Override
      public void onEpochEnd(TrainingState state) {
        epochs.add(state.epoch());
      }
    };
    TrainResult result = fit(TrainingListener.all(resumed.checkpoints(1, Map.of()), epochsRun),
        Optional.of(CheckpointFile.read(checkpoint).state()));
    assertEquals(List.of(2, 3), epochs, "continued from the checkpoint of epoch 1");
    resumed.history(result.history());
    resumed.finish(RunManifestTest.info(RunKind.TRAIN));
    assertEquals(EPOCHS, CheckpointFile.read(checkpoint).state().epoch());
    assertTrue(RunManifestTest.listed(JsonFiles.read(run.resolve("run.json")).path("files"))
        .contains(CheckpointFile.FILE_NAME));
    assertEquals(List.of(), resumed.removed());
    assertEquals(Optional.empty(), resumed.removedMessage());
  }

  /**
   * A train stopped after its last checkpoint, before its run.json (a kill while it drew its
   * report): {@code train --resume} of it trains nothing and does not rewrite the checkpoint, but
   * takes it as its own ({@link RunWriter#keep}), so its record and its run.json list it. They
   * did not: the stopped run's record was removed at the end, no list named the checkpoint any
   * more, a fresh run into the folder left it, and a later {@code train --resume} continued the
   * old training over the fresh run's results.
   */
  @Test
  void aTrainStoppedAfterItsLastCheckpoint_theRunThatContinuesItListsIt() throws Exception {
    Path run = dir.resolve("run");
    RunWriter stopped = RunWriter.open(run, RunKind.TRAIN);
    fit(stopped.checkpoints(1, Map.of()), Optional.empty()); // and no finish: killed
    Path checkpoint = run.resolve(CheckpointFile.FILE_NAME);
    TrainingState last = CheckpointFile.read(checkpoint).state();
    assertTrue(last.finished());

    RunWriter resumed = RunWriter.open(run, RunKind.TRAIN);
    resumed.keep(checkpoint);
    TrainResult result = fit(resumed.checkpoints(1, Map.of()), Optional.of(last));
    resumed.history(result.history());
    JsonNode groups = JsonFiles.read(run.resolve(RunManifest.PARTIAL)).path("runs");
    assertEquals(List.of(CheckpointFile.FILE_NAME, "history.csv", "history.json"),
        RunManifestTest.listed(groups.get(groups.size() - 1).path("files")),
        "the record of the resumed run, should it stop now");
    resumed.finish(RunManifestTest.info(RunKind.TRAIN));
    assertTrue(RunManifestTest.listed(JsonFiles.read(run.resolve("run.json")).path("files"))
        .contains(CheckpointFile.FILE_NAME));

    RunWriter fresh = RunWriter.open(run, RunKind.TRAIN);
    fresh.metrics(Map.of("test_accuracy", 0.5));
    fresh.finish(RunManifestTest.info(RunKind.TRAIN));
    assertFalse(Files.exists(checkpoint), "the resumed run's checkpoint is gone");
  }

  /**
   * A run stopped before it rewrote the checkpoint it continues leaves the record as it was:
   * the checkpoint stays listed as the stopped run's, for the run after.
   */
  @Test
  void aResumeStoppedBeforeItsFirstCheckpoint_leavesTheRecordAsItWas() throws Exception {
    Path run = dir.resolve("run");
    Path checkpoint = stoppedAfterItsFirstCheckpoint(run);
    String record = Files.readString(run.resolve(RunManifest.PARTIAL));
    RunWriter resumed = RunWriter.open(run, RunKind.TRAIN);
    resumed.keep(checkpoint);
    TrainingListener stopAtOnce = new TrainingListener() {
      @Override
      public void onBatch(int epoch, int batch, double loss) {
        throw new Stop();
      }
    };
    assertThrows(Stop.class, () -> fit(TrainingListener.all(resumed.checkpoints(1, Map.of()),
        stopAtOnce), Optional.of(CheckpointFile.read(checkpoint).state())));
    assertEquals(record, Files.readString(run.resolve(RunManifest.PARTIAL)));
  }
}
