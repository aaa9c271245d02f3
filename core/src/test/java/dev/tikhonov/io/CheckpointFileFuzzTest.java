package dev.tikhonov.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.TrainingState;

/**
 * Coverage-guided fuzzing of {@link CheckpointFile#read(byte[], String)}: a checkpoint that
 * meets what resuming relies on, or an {@link InputException} naming the source, are the only
 * allowed outcomes (no other exception, no hang, no out-of-memory). Seed corpus:
 * CheckpointFileFuzzTestInputs/read/ (checkpoints the trainer wrote and the crafted ones of
 * docs/bad-input.md, made by {@link CheckpointSeeds}).
 */
class CheckpointFileFuzzTest {
  private static final String SOURCE = "fuzz-checkpoint";

  @FuzzTest(maxDuration = "30s")
  void read(byte[] bytes) {
    try {
      TrainingState s = CheckpointFile.read(bytes, SOURCE).state();
      assertEquals(s.epoch(), s.history().size());
      for (int i = 0; i < s.history().size(); i++) {
        assertEquals(i + 1, s.history().get(i).epoch());
      }
      assertTrue(s.bestEpoch() >= 0 && s.bestEpoch() <= s.epoch());
      assertTrue(s.stepCount() >= 0);
      for (Matrix m : s.parameters().values()) {
        assertTrue(m.allFinite());
      }
      for (Matrix m : s.bestParameters().values()) {
        assertTrue(m.allFinite());
      }
      boolean[] seen = new boolean[s.order().length];
      for (int v : s.order()) {
        assertTrue(v >= 0 && v < seen.length && !seen[v]);
        seen[v] = true;
      }
      // the parameters chain as a network: weight K [a, b], bias K [1, b]
      int layers = s.parameters().size() / 2;
      assertEquals(2 * layers, s.parameters().size());
      for (int k = 0; k < layers; k++) {
        Matrix w = s.parameters().get("dense" + k + ".weight");
        Matrix b = s.parameters().get("dense" + k + ".bias");
        assertEquals(w.cols(), b.cols());
        assertEquals(1, b.rows());
        if (k > 0) {
          assertEquals(s.parameters().get("dense" + (k - 1) + ".weight").cols(), w.rows());
        }
      }
    } catch (InputException e) {
      assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
    }
  }
}
