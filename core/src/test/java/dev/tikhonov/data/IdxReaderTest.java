package dev.tikhonov.data;

import static dev.tikhonov.data.TestFiles.assertInputError;
import static dev.tikhonov.data.TestFiles.idx;
import static dev.tikhonov.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  @Test
  void read_rawAndGzippedFile_giveSameArray() {
    byte[] raw = idx(new int[] {3, 2, 2}, 12);
    IdxArray fromRaw = IdxReader.read(write(dir, "a-idx3-ubyte", raw));
    IdxArray fromGzip = IdxReader.read(write(dir, "a-idx3-ubyte.gz", TestFiles.gzip(raw)));
    assertArrayEquals(new int[] {3, 2, 2}, fromRaw.dims());
    assertArrayEquals(Arrays.copyOfRange(raw, 16, 28), fromRaw.data());
    assertEquals(fromRaw, fromGzip);
    assertEquals(4, fromRaw.recordSize());
  }

  @Test
  void read_whenDataTruncated_namesExpectedAndFoundBytes() {
    byte[] raw = idx(new int[] {8000, 28, 28}, 1000);
    Path file = write(dir, "train-images-idx3-ubyte", raw);
    assertInputError(() -> IdxReader.read(file),
        file.toString(), "truncated: expected 6272000 bytes of data (8000x28x28), found 1000");
  }

  @Test
  void read_whenGzippedDataTruncated_reportsTruncation() {
    byte[] full = TestFiles.gzip(idx(new int[] {100, 28, 28}, 78400));
    Path file = write(dir, "cut.gz", Arrays.copyOf(full, full.length / 2));
    assertInputError(() -> IdxReader.read(file), file.toString(), "truncated gzip data");
  }

  @Test
  void read_whenHeaderTruncated_namesDimensionBytes() {
    byte[] raw = Arrays.copyOf(idx(new int[] {10, 28, 28}, 0), 9);
    Path file = write(dir, "short", raw);
    assertInputError(() -> IdxReader.read(file),
        file.toString(), "expected 12 bytes of dimension sizes for 3 dimensions, found 5");
  }

  @Test
  void read_whenMagicWrong_saysNotIdx() {
    Path file = write(dir, "notes.txt", "hello world, not an IDX file");
    assertInputError(() -> IdxReader.read(file),
        file.toString(), "not an IDX file: magic number 68 65 6c 6c");
  }

  @Test
  void read_whenTypeNotUnsignedByte_namesTypeCode() {
    byte[] raw = idx(new int[] {2}, 8);
    raw[2] = 0x0D; // float
    Path file = write(dir, "floats", raw);
    assertInputError(() -> IdxReader.read(file),
        file.toString(), "type code 0x0d is not supported");
  }

  @Test
  void read_whenDimensionCountOutOfRange_saysExpectedOneToFour() {
    byte[] raw = idx(new int[] {1, 1, 1, 1, 1}, 1);
    Path file = write(dir, "five", raw);
    assertInputError(() -> IdxReader.read(file),
        file.toString(), "declares 5 dimensions; expected 1 to 4");
  }

  @Test
  void read_whenDimensionZeroOrNegative_saysPositiveExpected() {
    Path zero = write(dir, "zero", idx(new int[] {0, 28}, 0));
    assertInputError(() -> IdxReader.read(zero), zero.toString(), "dimension 1 is 0");
    Path negative = write(dir, "negative", idx(new int[] {5, -1}, 0));
    assertInputError(() -> IdxReader.read(negative),
        negative.toString(), "dimension 2 is 4294967295 (above 2^31-1)");
  }

  @Test
  void read_whenDeclaredSizeHuge_refusesBeforeAllocating() {
    Path file = write(dir, "huge", idx(new int[] {60000, 60000, 28}, 10));
    assertInputError(() -> IdxReader.read(file),
        file.toString(), "declare more than 2147483639 bytes");
  }

  @Test
  void read_whenDeclaredSizeLargeButDataShort_reportsTruncationWithoutAllocatingIt() {
    // 2 GB declared, 10 bytes present: the buffer grows only as bytes arrive.
    Path file = write(dir, "big", idx(new int[] {2_000_000_000}, 10));
    assertInputError(() -> IdxReader.read(file),
        file.toString(), "expected 2000000000 bytes of data (2000000000), found 10");
  }

  @Test
  void read_whenTrailingBytes_reportsGarbage() {
    Path file = write(dir, "trailing", idx(new int[] {4}, 7));
    assertInputError(() -> IdxReader.read(file),
        file.toString(), "3 bytes of trailing garbage after 4 bytes of data (4)");
  }

  @Test
  void read_whenEmpty_saysEmpty() {
    Path file = write(dir, "empty", new byte[0]);
    assertInputError(() -> IdxReader.read(file), file.toString(), "empty file");
  }

  @Test
  void read_whenFileMissing_namesPath() {
    Path file = dir.resolve("absent-idx1-ubyte");
    assertInputError(() -> IdxReader.read(file), file.toString(), "file not found");
  }

  @Test
  void read_fromStream_usesSourceName() {
    byte[] raw = Arrays.copyOf(idx(new int[] {5}, 5), 10);
    assertInputError(() -> IdxReader.read(new ByteArrayInputStream(raw), "stream:labels"),
        "stream:labels: truncated: expected 5 bytes of data (5), found 2");
  }

  @Test
  void read_whenGzipCorrupt_saysCorrupt() {
    byte[] gz = TestFiles.gzip(idx(new int[] {50}, 50));
    for (int i = 10; i < gz.length - 8; i++) {
      gz[i] ^= 0x5a;
    }
    Path file = write(dir, "corrupt.gz", gz);
    assertInputError(() -> IdxReader.read(file), file.toString(), "corrupt gzip data: ");
  }
}
