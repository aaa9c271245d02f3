package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Coverage-guided fuzzing of {@link IdxReader} (raw and gzipped) and of the MNIST checks on top
 * of it: an array whose size matches its dimensions, or an {@link InputException} naming the
 * source, are the only allowed outcomes.
 */
class IdxReaderFuzzTest {
  private static final String SOURCE = "fuzz-idx";

  @FuzzTest(maxDuration = "30s")
  void read(byte[] bytes) {
    try {
      IdxArray a = IdxReader.read(new ByteArrayInputStream(bytes), SOURCE);
      long size = 1;
      for (int d : a.dims()) {
        size *= d;
      }
      assertEquals(size, a.data().length);
      if (a.numDims() == 3) {
        // Reuse the same bytes as labels when they fit: exercises the MNIST checks too.
        Dataset d = Mnist.toDataset(a, new IdxArray(new int[] {a.count()},
            java.util.Arrays.copyOf(a.data(), a.count())), SOURCE, SOURCE, SOURCE);
        assertTrue(d.features().allFinite());
      }
    } catch (InputException e) {
      assertTrue(e.getMessage().startsWith(SOURCE), e.getMessage());
    }
  }
}
