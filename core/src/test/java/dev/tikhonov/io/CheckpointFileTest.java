package dev.tikhonov.io;

import dev.tikhonov.optim.Optimizers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.DivergenceException;
import dev.tikhonov.train.ModelSpec;
import dev.tikhonov.train.TrainConfig;
import dev.tikhonov.train.Training;
import dev.tikhonov.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints in-process: interrupted and resumed runs equal uninterrupted ones bit for bit. */
class CheckpointFileTest {
  @TempDir Path dir;

  /** Thrown from a listener to stop a run mid-epoch, as a crash would. */
  static final class Interrupt extends RuntimeException {}

  private static Training.Outcome run(ModelSpec spec, Dataset train, Dataset val,
      TrainConfig config, TrainingListener listener,
      dev.tikhonov.train.TrainingState resume) {
    return Training.fit(spec, train, val, null, config, listener, null, null, resume);
  }

  private static void assertSameWeights(Training.Outcome a, Training.Outcome b) {
    var pa = a.model().network().parameters();
    var pb = b.model().network().parameters();
    for (int i = 0; i < pa.size(); i++) {
      assertArrayEquals(pa.get(i).value().toArray(), pb.get(i).value().toArray(),
          pa.get(i).name());
    }
  }

  private void resume_afterInterruptMidEpoch_equalsUninterruptedRun(
      String model, double dropout, OptimizerConfig optimizer, int patience) {
    Dataset train = Fixtures.blobs(240, 3);
    Dataset val = Fixtures.blobs(60, 4);
    ModelSpec spec = ModelSpec.parse(model, dropout, false);
    TrainConfig config = new TrainConfig(6, 32, 11, Penalty.elasticNet(1e-3, 0.3), optimizer,
        patience);
    Training.Outcome full = run(spec, train, val, config, TrainingListener.none(), null);

    Path file = dir.resolve(CheckpointFile.FILE_NAME);
    TrainingListener crashInEpoch4 = new TrainingListener() {
      @Override
      public void onBatch(int epoch, int batch, double loss) {
        if (epoch == 4 && batch == 3) {
          throw new Interrupt();
        }
      }
    };
    assertThrows(Interrupt.class, () -> run(spec, train, val, config, TrainingListener.all(
        CheckpointFile.every(1, file, Map.of("note", "x")), crashInEpoch4), null));
    CheckpointFile.Checkpoint cp = CheckpointFile.read(file);
    assertEquals(3, cp.state().epoch());
    assertEquals(Map.of("note", "x"), cp.settings());

    Training.Outcome resumed = run(spec, train, val, config, TrainingListener.none(),
        cp.state());
    assertSameWeights(full, resumed);
    assertEquals(full.result().history().epochs().size(),
        resumed.result().history().epochs().size());
    for (int e = 0; e < full.result().history().epochs().size(); e++) {
      var f = full.result().history().epochs().get(e);
      var r = resumed.result().history().epochs().get(e);
      assertEquals(f.trainLoss(), r.trainLoss(), 0, "epoch " + (e + 1));
      assertEquals(f.valLoss(), r.valLoss(), "epoch " + (e + 1));
      assertEquals(f.weightNorm(), r.weightNorm(), 0, "epoch " + (e + 1));
    }
    assertEquals(full.train().loss(), resumed.train().loss(), 0);
    assertEquals(full.result().bestEpoch(), resumed.result().bestEpoch());
  }

  @Test
  void resume_mlpWithDropoutAndMomentum_isBitwiseIdentical() {
    resume_afterInterruptMidEpoch_equalsUninterruptedRun("mlp:16,8", 0.3,
        Optimizers.sgd(0.05).momentum(0.9), 0);
  }

  @Test
  void resume_adamWithEarlyStopping_isBitwiseIdentical() {
    resume_afterInterruptMidEpoch_equalsUninterruptedRun("mlp:8", 0,
        Optimizers.adamW(0.01, 0.01), 2);
  }

  @Test
  void resume_fromFinishedCheckpoint_trainsNoFurther() {
    Dataset train = Fixtures.blobs(100, 3);
    ModelSpec spec = ModelSpec.parse("logistic", 0, false);
    TrainConfig config = new TrainConfig(2, 32, 1, Penalty.none(), Optimizers.sgd(0.1), 0);
    Path file = dir.resolve("c.safetensors");
    Training.Outcome full = run(spec, train, null, config,
        CheckpointFile.every(5, file, Map.of()), null);
    CheckpointFile.Checkpoint cp = CheckpointFile.read(file);
    assertEquals(2, cp.state().epoch(), "the last epoch is always checkpointed");
    assertTrue(cp.state().finished());
    Training.Outcome again = run(spec, train, null, config, TrainingListener.none(), cp.state());
    assertSameWeights(full, again);
  }

  @Test
  void divergence_keepsTheLastGoodCheckpoint() {
    // Linear regression with a learning rate above 2/L: the loss grows geometrically and
    // becomes infinite after some epochs; each epoch before that was checkpointed.
    Matrix x = Matrix.zeros(64, 2);
    Matrix y = Matrix.zeros(64, 1);
    for (int i = 0; i < 64; i++) {
      x.set(i, 0, 3f + i % 5);
      x.set(i, 1, 1f);
      y.put(i, 2f * i);
    }
    Dataset data = new Dataset(x, y, List.of("a", "b"), List.of(), "line");
    ModelSpec spec = ModelSpec.parse("linear", 0, true);
    TrainConfig config = new TrainConfig(500, 64, 1, Penalty.none(), Optimizers.sgd(0.2),
        0);
    Path file = dir.resolve("c.safetensors");
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> run(spec, data, null, config, CheckpointFile.every(1, file, Map.of()), null));
    CheckpointFile.Checkpoint cp = CheckpointFile.read(file);
    assertEquals(e.epoch() - 1, cp.state().epoch());
    assertTrue(e.epoch() > 2, "diverged at epoch " + e.epoch());
    for (Matrix m : cp.state().parameters().values()) {
      assertTrue(m.allFinite(), "the kept checkpoint holds finite weights");
    }
  }

  @Test
  void read_modelFileAsCheckpoint_isRejected() throws Exception {
    Path model = dir.resolve("m.safetensors");
    ModelFile.save(Fixtures.trained("logistic", 0), model, Map.of());
    InputException e = assertThrows(InputException.class, () -> CheckpointFile.read(model));
    assertTrue(e.getMessage().contains("not a tikhonov checkpoint"), e.getMessage());
    assertTrue(Files.exists(model));
  }
}
