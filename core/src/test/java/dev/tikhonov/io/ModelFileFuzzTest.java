package dev.tikhonov.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.io.ModelFile;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;

/**
 * Coverage-guided fuzzing of {@link ModelFile#read(byte[], String)}: a model that predicts, or
 * an {@link InputException} naming the source, are the only allowed outcomes (no other
 * exception, no hang, no out-of-memory). Seed corpus: ModelFileFuzzTestInputs/load/ (valid
 * files and the hostile headers of docs/bad-input.md).
 */
class ModelFileFuzzTest {
  private static final String SOURCE = "fuzz-model";

  @FuzzTest(maxDuration = "30s")
  void load(byte[] bytes) {
    try {
      Model m = ModelFile.read(bytes, SOURCE).model();
      int p = m.network().inputSize();
      assertEquals(p, m.featureNames().size());
      Matrix out = m.predict(Matrix.zeros(2, p));
      assertEquals(m.network().outputSize(), out.cols());
    } catch (InputException e) {
      assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
    }
  }
}
