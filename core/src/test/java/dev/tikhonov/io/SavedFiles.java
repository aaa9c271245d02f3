package dev.tikhonov.io;

import dev.tikhonov.internal.io.LinearModelFile;
import dev.tikhonov.internal.io.ModelFile;
import dev.tikhonov.loss.Family;
import dev.tikhonov.train.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One file of each kind as tikhonov writes it, for the checksum tests: a standardized MLP's
 * model file (of {@code mlp}), a binomial linear model file (features a, b; classes no, yes)
 * and a checkpoint (CheckpointSeeds' valid-mlp-dropout-momentum); their bytes.
 */
record SavedFiles(Model mlp, byte[] network, byte[] linear, byte[] checkpoint) {
  static SavedFiles write(Path dir) throws Exception {
    Model mlp = Fixtures.trained("mlp:8,4", 0.25);
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(mlp, file, Map.of("seed", 5));
    Path lin = dir.resolve("l.safetensors");
    LinearModelFile.save(new LinearModelFile.Contents(Family.BINOMIAL, 0.1, 1.0,
        new double[] {0.5}, new double[][] {{1.5, -2.0}}, new double[] {1, 1},
        new double[] {1, 2}, List.of("a", "b"), List.of("no", "yes"), Map.of()), lin);
    return new SavedFiles(mlp, Files.readAllBytes(file), Files.readAllBytes(lin),
        CheckpointSeeds.all(dir).get("valid-mlp-dropout-momentum"));
  }
}
