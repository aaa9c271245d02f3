package dev.tikhonov.io;

import dev.tikhonov.loss.Family;
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
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tikhonov.internal.io.ModelFile;

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

  /** A listener that appends "epoch batch" for every optimizer step to {@code log}. */
  private static TrainingListener batchLog(List<String> log) {
    return new TrainingListener() {
      @Override
      public void onBatch(int epoch, int batch, double loss) {
        log.add(epoch + " " + batch);
      }
    };
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
    ModelSpec spec = ModelSpec.parse(model, dropout, Family.MULTINOMIAL);
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

    // A resume that ignored the checkpoint and retrained from epoch 1 would end the same; what
    // tells them apart is which batches it runs: exactly those of epochs 4.. of the full run.
    List<String> fullBatches = new java.util.ArrayList<>();
    run(spec, train, val, config, batchLog(fullBatches), null);
    List<String> resumedBatches = new java.util.ArrayList<>();
    Training.Outcome resumed = run(spec, train, val, config, batchLog(resumedBatches),
        cp.state());
    int perEpoch = (240 + 31) / 32;
    assertEquals(fullBatches.subList(3 * perEpoch, fullBatches.size()), resumedBatches);
    assertEquals("4 1", resumedBatches.get(0), "the resumed run starts at epoch 4, batch 1");
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
    ModelSpec spec = ModelSpec.parse("logistic", 0, Family.MULTINOMIAL);
    TrainConfig config = new TrainConfig(2, 32, 1, Penalty.none(), Optimizers.sgd(0.1), 0);
    Path file = dir.resolve("c.safetensors");
    Training.Outcome full = run(spec, train, null, config,
        CheckpointFile.every(5, file, Map.of()), null);
    CheckpointFile.Checkpoint cp = CheckpointFile.read(file);
    assertEquals(2, cp.state().epoch(), "the last epoch is always checkpointed");
    assertTrue(cp.state().finished());
    List<String> batches = new java.util.ArrayList<>();
    Training.Outcome again = run(spec, train, null, config, batchLog(batches), cp.state());
    assertEquals(List.of(), batches, "a finished checkpoint runs no batch");
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
    ModelSpec spec = ModelSpec.parse("linear", 0, Family.GAUSSIAN);
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

  private static InputException rejected(byte[] bytes, String message) {
    InputException e = assertThrows(InputException.class,
        () -> CheckpointFile.read(bytes, "bad.safetensors"));
    assertEquals("bad.safetensors: " + message, e.getMessage());
    return e;
  }

  /** Crafted checkpoints: each is refused with a one-line message naming what is wrong. */
  @Test
  void read_craftedCheckpoints_areRejectedWithTheirReason() throws Exception {
    Map<String, byte[]> seeds = CheckpointSeeds.all(dir);
    rejected(seeds.get("history-entry-null"),
        "state.history[0]: expected an epoch record (an object), found null");
    rejected(seeds.get("history-entry-empty"), "state.history[0]: missing field \"epoch\"");
    rejected(seeds.get("history-too-short"),
        "state.history: expected an array of 2 epochs (state.epoch), found 1 entries");
    rejected(seeds.get("nan-weight"),
        "tensor \"param/dense0.weight\" holds NaN at element 0; weights must be finite");
    InputException momentum = assertThrows(InputException.class,
        () -> CheckpointFile.read(seeds.get("nan-momentum"), "bad.safetensors"));
    assertTrue(momentum.getMessage().matches("bad\\.safetensors: tensor \"optim/.*momentum/0\""
        + " holds NaN at element 2; optimizer buffers must be finite \\(a second moment may"
        + " overflow to \\+Infinity\\)"), momentum.getMessage());
    // An infinite momentum makes the next step's weights infinite: the trainer stops a run as
    // diverged before such a state is checkpointed, so only an edited file holds one.
    InputException infinite = assertThrows(InputException.class,
        () -> CheckpointFile.read(seeds.get("infinite-momentum"), "bad.safetensors"));
    assertTrue(infinite.getMessage().matches("bad\\.safetensors: tensor \"optim/.*momentum/0\""
        + " holds Infinity at element 1; optimizer buffers must be finite \\(a second moment"
        + " may overflow to \\+Infinity\\)"), infinite.getMessage());
    // A run stops as diverged at a non-finite batch loss, before the epoch's record: a NaN
    // training loss is no diverged epoch but an edited one (and as epoch 1's, the reference of
    // the later epochs' loss-growth check, it would switch that check off).
    rejected(seeds.get("nan-train-loss"),
        "state.history[0].train_loss: expected a finite number, found NaN");
    InputException moment = assertThrows(InputException.class,
        () -> CheckpointFile.read(seeds.get("negative-second-moment"), "bad.safetensors"));
    assertTrue(moment.getMessage().endsWith(" holds -1.0 at element 0; optimizer buffers must"
        + " not be NaN and second moments must be >= 0"), moment.getMessage());
    rejected(seeds.get("order-not-permutation"), "tensor \"order\" element 0 is 1048576;"
        + " expected a permutation of 0..23");
    rejected(seeds.get("dropout-states-count"),
        "state.dropout_states: expected none or one per hidden layer (2), found 3");
    rejected(seeds.get("negative-step-count"), "state.step_count: expected an integer >= 0,"
        + " found -1");
    rejected(seeds.get("state-missing"), "metadata \"state\" is missing");
    rejected(seeds.get("model-file"), "a tikhonov model file, not a training checkpoint; predict"
        + " with it, or resume from the checkpoint a training run writes when its checkpoints"
        + " are on");
  }

  @Test
  void read_parametersThatDoNotChain_areRejected() throws Exception {
    byte[] mlp = CheckpointSeeds.all(dir).get("valid-mlp-dropout-momentum");
    // rename a layer's tensors: the network is no longer dense0, dense1, dense2
    byte[] renamed = Fixtures.withHeader(mlp, h -> {
      h.set("param/dense7.bias", h.remove("param/dense1.bias"));
    });
    rejected(renamed, "tensor \"param/dense1.bias\" is missing (3 dense layers)");
    byte[] reshaped = Fixtures.withHeader(mlp, h -> {
      ArrayNode shape = (ArrayNode) h.get("param/dense1.weight").get("shape");
      long a = shape.get(0).asLong();
      long b = shape.get(1).asLong();
      shape.removeAll().add(b).add(a);
    });
    rejected(reshaped, "tensors param/dense1.weight [3, 4] and param/dense1.bias [1, 3] do not"
        + " chain after a layer of 4 outputs; expected [inputs, outputs] and [1, outputs]");
  }

  /** A state the reader would refuse is not written; the last good checkpoint stays. */
  @Test
  void write_stateWithNaNBias_isRefusedAndTheOldCheckpointStays() throws Exception {
    byte[] good = CheckpointSeeds.all(dir).get("valid-logistic-sgd");
    Path file = dir.resolve("c.safetensors");
    Files.write(file, good);
    dev.tikhonov.train.TrainingState state = CheckpointFile.read(file).state();
    state.parameters().get("dense0.bias").put(1, Float.NaN);
    InputException e = assertThrows(InputException.class,
        () -> CheckpointFile.write(file, state, Map.of()));
    assertEquals(file + ": cannot save: tensor \"param/dense0.bias\" holds NaN at element 1;"
        + " weights must be finite", e.getMessage());
    assertArrayEquals(good, Files.readAllBytes(file));
  }

  /**
   * A history the reader would refuse is not written either (a state built by a program, not
   * the trainer): what tikhonov writes, it reads back.
   */
  @Test
  void write_stateWithNaNTrainingLossInItsHistory_isRefusedAndTheOldCheckpointStays()
      throws Exception {
    byte[] good = CheckpointSeeds.all(dir).get("valid-logistic-sgd");
    Path file = dir.resolve("h.safetensors");
    Files.write(file, good);
    dev.tikhonov.train.TrainingState s = CheckpointFile.read(file).state();
    var first = s.history().get(0);
    var history = new java.util.ArrayList<>(s.history());
    history.set(0, new dev.tikhonov.train.EpochRecord(1, Double.NaN, first.penalty(),
        first.objective(), first.valLoss(), first.valAccuracy(), first.weightNorm(),
        first.learningRate(), first.seconds()));
    var edited = new dev.tikhonov.train.TrainingState(s.epoch(), s.finished(), history,
        s.order(), s.shuffleState(), s.dropoutStates(), s.stepCount(), s.parameters(),
        s.optimizerState(), s.bestValidationLoss(), s.bestEpoch(), s.bestParameters());
    InputException e = assertThrows(InputException.class,
        () -> CheckpointFile.write(file, edited, Map.of()));
    assertEquals(file + ": cannot save: state.history[0].train_loss: expected a finite number,"
        + " found NaN", e.getMessage());
    assertArrayEquals(good, Files.readAllBytes(file));
  }

  /**
   * The fuzz seeds as committed: the valid ones read, every other one is refused, and none
   * records a checksum (see {@link CheckpointSeeds#unsealed}).
   */
  @Test
  void fuzzSeedCorpus_validCheckpointsRead_otherFilesAreRejected() throws Exception {
    Path seeds = Path.of("src/test/resources/dev/tikhonov/io/CheckpointFileFuzzTestInputs/read");
    int valid = 0;
    int bad = 0;
    try (var files = Files.list(seeds)) {
      for (Path f : files.toList()) {
        byte[] bytes = Files.readAllBytes(f);
        assertArrayEquals(bytes, CheckpointSeeds.unsealed(bytes), f.toString());
        if (f.getFileName().toString().startsWith("valid-")) {
          assertEquals(2, CheckpointFile.read(bytes, f.toString()).state().epoch());
          valid++;
        } else {
          assertThrows(InputException.class, () -> CheckpointFile.read(bytes, f.toString()),
              f.toString());
          bad++;
        }
      }
    }
    assertTrue(valid >= 3 && bad >= 10, valid + " valid and " + bad + " bad seeds");
    // what writeSeedCorpus writes of a checkpoint written now: no checksum, and it reads
    byte[] unsealed = CheckpointSeeds.unsealed(CheckpointSeeds.all(dir).get("valid-logistic-sgd"));
    assertTrue(!new String(unsealed, java.nio.charset.StandardCharsets.ISO_8859_1)
        .contains("_crc32"));
    assertEquals(2, CheckpointFile.read(unsealed, "seed").state().epoch());
  }

  /** Writes the seed corpus (run with -Dtikhonov.writeSeeds=true; see CheckpointSeeds). */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "tikhonov.writeSeeds",
      matches = "true")
  void writeSeedCorpus() throws Exception {
    Path seeds = Path.of("src/test/resources/dev/tikhonov/io/CheckpointFileFuzzTestInputs/read");
    Files.createDirectories(seeds);
    for (Map.Entry<String, byte[]> e : CheckpointSeeds.all(dir).entrySet()) {
      Files.write(seeds.resolve(e.getKey()), CheckpointSeeds.unsealed(e.getValue()));
    }
  }

  @Test
  void read_modelFileAsCheckpoint_isRejected() throws Exception {
    Path model = dir.resolve("m.safetensors");
    ModelFile.save(Fixtures.trained("logistic", 0), model, Map.of());
    InputException e = assertThrows(InputException.class, () -> CheckpointFile.read(model));
    assertTrue(e.getMessage().startsWith(model + ": a tikhonov model file, not a training"
        + " checkpoint;"), e.getMessage());
    assertTrue(Files.exists(model));
  }

  /**
   * A listener's bad arguments are refused when it is made, not after a fit's first epoch: an
   * interval below 1, no file (it failed only at the first write), no settings; likewise
   * TrainingListener.printing without a stream.
   */
  @Test
  void every_badArguments_areRefusedWhenTheListenerIsMade() {
    Path file = dir.resolve("c.ckpt");
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> CheckpointFile.every(0, file));
    assertEquals("checkpoint interval must be >= 1 epoch, got 0", zero.getMessage());
    assertEquals("file", assertThrows(NullPointerException.class,
        () -> CheckpointFile.every(1, null)).getMessage());
    assertThrows(NullPointerException.class, () -> CheckpointFile.every(1, file, null));
    assertEquals("out", assertThrows(NullPointerException.class,
        () -> TrainingListener.printing(null)).getMessage());
    assertTrue(Files.notExists(file));
  }
}
