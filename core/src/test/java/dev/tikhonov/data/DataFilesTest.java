package dev.tikhonov.data;

import static dev.tikhonov.data.TestFiles.assertInputError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.tensor.Matrix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
  @TempDir Path dir;

  @Test
  void sha256_knownVectorAndFileAgree() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    // FIPS 180-2 test vector for "abc".
    String expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assertEquals(expected, DataFiles.sha256(abc));
    assertEquals(expected, DataFiles.sha256(TestFiles.write(dir, "abc", abc)));
  }

  @Test
  void sha256_missingFile_namesPath() {
    Path file = dir.resolve("nope");
    assertInputError(() -> DataFiles.sha256(file), file + ": file not found");
  }

  @Test
  void requireFinite_namesFirstBadRowAndColumnOneBased() {
    Matrix m = Matrix.of(3, 2, 1, 2, 3, Float.NaN, Float.POSITIVE_INFINITY, 6);
    assertInputError(() -> Datasets.requireFinite(m, "predict input"),
        "predict input: row 2, column 2: NaN is not allowed");
    m.put(3, 0);
    assertInputError(() -> Datasets.requireFinite(m, "predict input"),
        "predict input: row 3, column 1: +infinity is not allowed");
    m.put(4, 0);
    Datasets.requireFinite(m, "predict input");
  }
}
