package dev.tikhonov.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.internal.io.HeaderChecksum;
import dev.tikhonov.internal.io.ModelFile;
import dev.tikhonov.internal.io.SafeTensors;
import dev.tikhonov.loss.Family;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.train.ModelSpec;
import dev.tikhonov.train.TrainConfig;
import dev.tikhonov.train.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small checkpoints as the trainer writes them, and crafted ones, for the checkpoint tests and
 * the seed corpus of {@link CheckpointFileFuzzTest}
 * ({@code core/src/test/resources/dev/tikhonov/io/CheckpointFileFuzzTestInputs/read/}, written
 * by {@code CheckpointFileTest.writeSeedCorpus}: {@code mvn -o -pl core test
 * -Dtest=CheckpointFileTest#writeSeedCorpus -Dtikhonov.writeSeeds=true}). Fixed seeds.
 */
final class CheckpointSeeds {
  private CheckpointSeeds() {}

  /** The checkpoint after epoch 2 of a small run; its bytes. */
  static byte[] trained(String model, double dropout, OptimizerConfig optimizer, int patience,
      Path dir) throws Exception {
    Dataset train = Fixtures.blobs(24, 3);
    Dataset val = Fixtures.blobs(12, 4);
    TrainConfig config = new TrainConfig(2, 8, 11, Penalty.elasticNet(1e-3, 0.3), optimizer,
        patience);
    Path file = dir.resolve("seed.safetensors");
    Training.fit(ModelSpec.parse(model, dropout, Family.MULTINOMIAL), train, patience > 0 ? val : null, null,
        config, CheckpointFile.every(1, file, Map.of("args", java.util.List.of("--epochs", "2"))),
        null, null, null);
    return Files.readAllBytes(file);
  }

  /** Valid seeds (names start with "valid-") and crafted ones, by file name. */
  static Map<String, byte[]> all(Path dir) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    byte[] mlp = trained("mlp:4,3", 0.3, Optimizers.sgd(0.05).momentum(0.9), 0, dir);
    byte[] adam = trained("mlp:3", 0, Optimizers.adamW(0.01, 0.01), 1, dir);
    byte[] linear = trained("logistic", 0, Optimizers.sgd(0.1), 0, dir);
    out.put("valid-mlp-dropout-momentum", mlp);
    out.put("valid-adam-early-stopping", adam);
    out.put("valid-logistic-sgd", linear);
    out.put("history-entry-null", Fixtures.withMetadataJson(mlp, "state",
        s -> ((ArrayNode) s.get("history")).set(0, Fixtures.JSON.nullNode())));
    out.put("history-entry-empty", Fixtures.withMetadataJson(mlp, "state",
        s -> ((ArrayNode) s.get("history")).set(0, Fixtures.JSON.createObjectNode())));
    out.put("history-too-short", Fixtures.withMetadataJson(mlp, "state",
        s -> ((ArrayNode) s.get("history")).remove(1)));
    out.put("nan-weight", Fixtures.withFloat(mlp, "param/dense0.weight", 0, Float.NaN));
    out.put("nan-momentum", Fixtures.withFloat(mlp, tensor(mlp, "optim/.*momentum/0"), 2,
        Float.NaN));
    out.put("infinite-momentum", Fixtures.withFloat(mlp, tensor(mlp, "optim/.*momentum/0"), 1,
        Float.POSITIVE_INFINITY));
    out.put("nan-train-loss", Fixtures.withMetadataJson(mlp, "state",
        s -> ((ObjectNode) s.get("history").get(0)).put("train_loss", "NaN")));
    out.put("negative-second-moment", Fixtures.withFloat(adam, tensor(adam, "optim/.*\\.v/0"), 0,
        -1f));
    out.put("order-not-permutation", Fixtures.withInt(mlp, "order", 0, 1 << 20));
    out.put("dropout-states-count", Fixtures.withMetadataJson(mlp, "state",
        s -> ((ArrayNode) s.get("dropout_states")).add(7)));
    out.put("negative-step-count", Fixtures.withMetadataJson(mlp, "state",
        s -> s.put("step_count", -1)));
    out.put("state-missing", Fixtures.withHeader(mlp,
        h -> ((ObjectNode) h.get("__metadata__")).remove("state")));
    out.put("model-file", Files.readAllBytes(modelFile(dir)));
    return out;
  }

  /**
   * {@code seed} as the fuzz corpus holds it: without data_crc32 and header_crc32, deliberately,
   * as files written before them are. A mutation of a sealed seed would be refused by a
   * checksum before the checks that follow it (the numbers, the state, the history) ever saw
   * it; a seed without them is read as an old file is, unchecked, so the fuzzer reaches those
   * checks. The checksums have tests of their own (TensorChecksumTest, HeaderChecksumTest).
   */
  static byte[] unsealed(byte[] seed) throws Exception {
    var meta = Fixtures.header(seed).path("__metadata__");
    if (!meta.has(SafeTensors.CHECKSUM_KEY) && !meta.has(HeaderChecksum.KEY)) {
      return seed; // as it was, byte for byte
    }
    return Fixtures.editedByHand(seed, h -> ((ObjectNode) h.get("__metadata__"))
        .remove(java.util.List.of(SafeTensors.CHECKSUM_KEY, HeaderChecksum.KEY)));
  }

  /** The first tensor whose name matches {@code regex}. */
  static String tensor(byte[] file, String regex) throws Exception {
    var names = Fixtures.header(file).fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (n.matches(regex)) {
        return n;
      }
    }
    throw new AssertionError("no tensor " + regex);
  }

  private static Path modelFile(Path dir) {
    Path file = dir.resolve("model.safetensors");
    ModelFile.save(Fixtures.trained("logistic", 0), file, Map.of());
    return file;
  }
}
