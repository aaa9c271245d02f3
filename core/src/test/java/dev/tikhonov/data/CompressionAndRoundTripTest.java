package dev.tikhonov.data;

import static dev.tikhonov.data.TestFiles.gzip;
import static dev.tikhonov.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.tensor.Rng;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as users have them: gzip-compressed text, a byte order mark before LIBSVM data, and
 * what tikhonov's own CSV writer produces, read back value for value.
 */
class CompressionAndRoundTripTest {
  @TempDir Path dir;

  @Test
  void csvGz_readsLikeThePlainFile() {
    String text = "a,b,y\n1.5,2,3\n4,5.25,6\n";
    Dataset plain = Dataset.read(write(dir, "d.csv", text), "y", TargetKind.REAL);
    Dataset packed = Dataset.read(
        write(dir, "d.csv.gz", gzip(text.getBytes(StandardCharsets.UTF_8))), "y", TargetKind.REAL);
    assertEquals(plain.fingerprint(), packed.fingerprint());
    assertArrayEquals(new double[] {1.5, 2}, packed.featureRows()[0]);
  }

  /**
   * A gzip file cut short (here inside its 8-byte trailer, where Java's EOFException carries no
   * message) or with flipped bytes is named in words by every reader, never as "EOFException:
   * null" or "ZipException: …".
   */
  @Test
  void damagedGzip_isNamedInWords_byEveryReader() {
    StringBuilder csvText = new StringBuilder("a,b,y\n");
    StringBuilder svmText = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      csvText.append(i).append(',').append(i % 7).append(',').append(i % 3).append('\n');
      svmText.append(i % 3).append(" 1:").append(i).append(" 2:").append(i % 7).append('\n');
    }
    for (boolean libsvm : new boolean[] {false, true}) {
      byte[] gz = gzip((libsvm ? svmText : csvText).toString().getBytes(StandardCharsets.UTF_8));
      byte[] cutInTrailer = java.util.Arrays.copyOf(gz, gz.length - 3);
      byte[] cutInData = java.util.Arrays.copyOf(gz, gz.length / 2);
      byte[] headerOnly = java.util.Arrays.copyOf(gz, 4);
      for (byte[] damaged : List.of(cutInTrailer, cutInData, headerOnly)) {
        Path file = write(dir, libsvm ? "cut.svm.gz" : "cut.csv.gz", damaged);
        assertDamaged(() -> read(file, libsvm), file,
            "truncated gzip data: the file ends inside the compressed stream");
      }
    }
    byte[] flipped = gzip(csvText.toString().getBytes(StandardCharsets.UTF_8));
    for (int i = 12; i < 40; i++) {
      flipped[i] ^= 0x5a;
    }
    Path csv = write(dir, "flipped.csv.gz", flipped);
    assertDamaged(() -> Dataset.read(csv, "y", TargetKind.REAL), csv, "corrupt gzip data: ");
  }

  private static Dataset read(Path file, boolean libsvm) {
    return libsvm ? Dataset.read(file, TargetKind.REAL) : Dataset.read(file, "y", TargetKind.REAL);
  }

  private static void assertDamaged(org.junit.jupiter.api.function.Executable read, Path file,
      String expected) {
    InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, read);
    assertTrue(e.getMessage().startsWith(file + ": " + expected), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
  }

  @Test
  void fingerprint_isKept_andASubsetHasItsOwn() {
    Dataset d = Dataset.read(write(dir, "d.csv", "a,b,y\n1.5,2,3\n4,5.25,6\n7,8,9\n"), "y",
        TargetKind.REAL);
    String first = d.fingerprint();
    assertSame(first, d.fingerprint(), "hashed once, then kept");
    Dataset firstTwo = d.subset(new int[] {0, 1});
    assertNotEquals(first, firstTwo.fingerprint());
    assertEquals(Dataset.read(write(dir, "two.csv", "a,b,y\n1.5,2,3\n4,5.25,6\n"), "y",
        TargetKind.REAL).fingerprint(), firstTwo.fingerprint());
  }

  @Test
  void libsvmGz_andByteOrderMark_readLikeThePlainFile() {
    String text = "1 1:0.5 3:2\n0 2:1\n";
    Dataset plain = LibsvmReader.read(write(dir, "d.svm", text), TargetKind.CLASS);
    Dataset bom = LibsvmReader.read(write(dir, "bom.svm", "\uFEFF" + text), TargetKind.CLASS);
    Dataset packed = LibsvmReader.read(
        write(dir, "d.svm.gz", gzip(text.getBytes(StandardCharsets.UTF_8))), TargetKind.CLASS);
    assertEquals(List.of("0", "1"), bom.classNames(), "the BOM is not part of the first label");
    assertEquals(plain.fingerprint(), bom.fingerprint());
    assertEquals(plain.fingerprint(), packed.fingerprint());
  }

  /** Random names (commas, quotes, spaces, line breaks, non-ASCII) and random doubles. */
  @RepeatedTest(20)
  void csvWriter_thenCsvReader_givesBackEveryNameAndValue(
      org.junit.jupiter.api.RepetitionInfo repetition) {
    Rng rng = new Rng(repetition.getCurrentRepetition());
    int p = 1 + rng.nextInt(6);
    int n = 1 + rng.nextInt(20);
    List<String> names = new ArrayList<>();
    for (int j = 0; j <= p; j++) {
      names.add(name(rng, j));
    }
    CsvWriter csv = new CsvWriter().row(names);
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      List<String> row = new ArrayList<>();
      for (int j = 0; j < p; j++) {
        x[i][j] = value(rng);
        row.add(Double.toString(x[i][j]));
      }
      y[i] = value(rng);
      row.add(Double.toString(y[i]));
      csv.row(row);
    }
    Path file = write(dir, "r" + repetition.getCurrentRepetition() + ".csv", csv.toString());
    Dataset back = Dataset.read(file, names.get(p), TargetKind.REAL);
    assertEquals(names.subList(0, p), back.featureNames());
    for (int i = 0; i < n; i++) {
      assertArrayEquals(x[i], back.featureRows()[i], "row " + i);
    }
    assertArrayEquals(y, back.targets());
  }

  /**
   * A column name as the reader defines names: anything but leading or trailing spaces (the
   * reader strips those from header cells, quoted or not).
   */
  private static String name(Rng rng, int j) {
    String[] parts = {"a", "b c", ",", "\"", "é", "x\ny", " mid ", "\t", "ü,\""};
    StringBuilder s = new StringBuilder("c" + j);
    for (int k = rng.nextInt(3); k > 0; k--) {
      s.append(parts[rng.nextInt(parts.length)]);
    }
    return s.toString().strip();
  }

  private static double value(Rng rng) {
    double v = rng.nextGaussian() * Math.pow(10, rng.nextInt(20) - 10);
    return rng.nextDouble() < 0.1 ? Math.rint(v) : v;
  }
}
