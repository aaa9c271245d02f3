package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Coverage-guided fuzzing of {@link LibsvmReader}: a finite data set or an
 * {@link InputException} naming the source are the only allowed outcomes.
 */
class LibsvmReaderFuzzTest {
  private static final String SOURCE = "fuzz.svm";

  @FuzzTest(maxDuration = "30s")
  void read(FuzzedDataProvider data) {
    TargetKind kind = data.consumeBoolean() ? TargetKind.CLASS : TargetKind.REAL;
    int numFeatures = data.consumeBoolean() ? data.consumeInt(0, 1 << 12) : 0;
    byte[] text = data.consumeRemainingAsBytes();
    try {
      Dataset d = LibsvmReader.read(new ByteArrayInputStream(text), SOURCE, kind, numFeatures);
      assertTrue(d.numRows() > 0 && d.numFeatures() > 0);
      assertTrue(numFeatures == 0 || d.numFeatures() == numFeatures);
      assertTrue(d.features().allFinite() && d.targetMatrix().allFinite());
    } catch (InputException e) {
      assertTrue(e.getMessage().startsWith(SOURCE), e.getMessage());
    }
  }
}
