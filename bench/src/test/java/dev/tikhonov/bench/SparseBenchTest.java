package dev.tikhonov.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.loss.Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sparse benchmark's data: seeded (the same file twice), the binary CSC file read back to
 * the same matrix and targets, about n·p·density entries in sorted distinct rows; and the
 * coefficient comparison of two sides' JSON.
 */
class SparseBenchTest {
  @TempDir Path dir;

  @Test
  void generatedFile_isSeeded_andReadsBackToTheSameMatrix() throws Exception {
    SparseBench.Data a = SparseBench.generate(2000, 300, 0.01, 5);
    SparseBench.Data b = SparseBench.generate(2000, 300, 0.01, 5);
    assertArrayEquals(a.x().sharedValues(), b.x().sharedValues());
    int entries = a.x().numEntries();
    assertTrue(entries > 0.8 * 6000 && entries < 1.2 * 6000, "entries " + entries);
    Path file = SparseBench.ensureFile(dir, 2000, 300, 0.01, 5);
    SparseBench.Data back = SparseBench.read(file);
    assertArrayEquals(a.x().sharedColumnPointers(), back.x().sharedColumnPointers());
    assertArrayEquals(a.x().sharedRowIndices(), back.x().sharedRowIndices());
    assertArrayEquals(a.x().sharedValues(), back.x().sharedValues(), 0.0);
    assertArrayEquals(a.y(), back.y(), 0.0);
    long size = Files.size(file);
    assertEquals(24 + 4L * 301 + 12L * entries + 8L * 2000, size, "the documented layout");
  }

  /**
   * --family binomial: the same x as the gaussian data of that seed, 0/1 labels drawn from the
   * logistic model on η = Xβ (so they follow the gaussian targets' signal), in a file of its own
   * beside the gaussian one, whose bytes do not change.
   */
  @Test
  void binomialData_sameX_zeroOneLabelsFromTheLogisticModel_inItsOwnFile() throws Exception {
    SparseBench.Data g = SparseBench.generate(2000, 300, 0.2, 5, Family.GAUSSIAN);
    SparseBench.Data b = SparseBench.generate(2000, 300, 0.2, 5, Family.BINOMIAL);
    assertArrayEquals(g.x().sharedColumnPointers(), b.x().sharedColumnPointers());
    assertArrayEquals(g.x().sharedRowIndices(), b.x().sharedRowIndices());
    assertArrayEquals(g.x().sharedValues(), b.x().sharedValues(), 0.0);
    int ones = 0;
    int agree = 0;
    for (int i = 0; i < 2000; i++) {
      assertTrue(b.y()[i] == 0 || b.y()[i] == 1, "label " + b.y()[i]);
      ones += (int) b.y()[i];
      // the gaussian target is η + N(0, 1): its sign and the label agree far above chance (½)
      agree += (g.y()[i] > 0) == (b.y()[i] == 1) ? 1 : 0;
    }
    assertTrue(ones > 500 && ones < 1500, "ones " + ones);
    assertTrue(agree > 0.6 * 2000, "agree " + agree);
    Path gaussian = SparseBench.ensureFile(dir, 2000, 300, 0.2, 5);
    Path binomial = SparseBench.ensureFile(dir, 2000, 300, 0.2, 5, Family.BINOMIAL);
    assertEquals(dir.resolve("sparse-n2000-p300-d0.2-s5.bin"), gaussian);
    assertEquals(dir.resolve("sparse-n2000-p300-d0.2-s5-binomial.bin"), binomial);
    assertArrayEquals(b.y(), SparseBench.read(binomial).y(), 0.0);
    assertArrayEquals(g.y(), SparseBench.read(gaussian).y(), 0.0);
  }

  @Test
  void worstDifference_isRelativeToTheLargestCoefficientAtSharedIndices() throws Exception {
    Path one = dir.resolve("a.json");
    Path two = dir.resolve("b.json");
    Json.write(one, Map.of("indices", List.of(1, 5), "intercepts", List.of(1.0, 2.0),
        "coefficients", List.of(List.of(0.0, 4.0), List.of(10.0, -3.0))));
    // R writes a length-1 vector as a number: index 5 alone, the other side's second entry.
    Json.write(two, Map.of("indices", 5, "intercepts", 2.0,
        "coefficients", List.of(List.of(10.0, -2.0))));
    JsonNode a = SparseBench.readJson(one);
    JsonNode b = SparseBench.readJson(two);
    assertEquals(0.1, SparseBench.worstDifference(a, b), 1e-15);
  }

  /** A damaged cache file names itself and what to do, rather than failing inside the read. */
  @Test
  void read_aTruncatedFile_failsNamingItAndWhatToDo() throws Exception {
    Path file = SparseBench.ensureFile(dir, 200, 30, 0.05, 3);
    byte[] whole = Files.readAllBytes(file);
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> SparseBench.read(cut));
    assertEquals(cut + ": a truncated or damaged sparse benchmark file; delete it and the next "
        + "run generates it again", e.getMessage());
  }
}

