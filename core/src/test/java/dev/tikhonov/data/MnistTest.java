package dev.tikhonov.data;

import static dev.tikhonov.data.TestFiles.assertInputError;
import static dev.tikhonov.data.TestFiles.idx;
import static dev.tikhonov.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
  private static TrainTest bundled;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    bundled = Mnist.bundled();
  }

  /**
   * bundled() decodes once and every caller, on any thread, gets the same data sets: it decoded
   * all 10,000 digits on every call (0.14 s warm), so a loop calling
   * {@code Mnist.bundled().test().feature(i, j)} ran 13 minutes. The test holds them (the
   * static field), so the soft reference cannot be cleared meanwhile.
   */
  @Test
  void bundled_decodesOnce_andEveryThreadGetsTheSameDataSets() throws Exception {
    assertSame(bundled, Mnist.bundled());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<TrainTest>> calls = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        calls.add(pool.submit(Mnist::bundled));
      }
      for (Future<TrainTest> call : calls) {
        assertSame(bundled, call.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void bundled_has8000TrainAnd2000TestDigitsOf784Pixels() {
    assertEquals(8000, bundled.train().numRows());
    assertEquals(2000, bundled.test().numRows());
    assertEquals(784, bundled.train().numFeatures());
    assertEquals("px0", bundled.train().featureNames().get(0));
    assertEquals("px783", bundled.train().featureNames().get(783));
    assertEquals(Dataset.indexNames(10), bundled.train().classNames());
    assertEquals("bundled:mnist-10k", bundled.train().source());
  }

  @Test
  void bundled_trainLabelCountsMatchProvenance() {
    int[] expected = {793, 904, 780, 826, 793, 700, 798, 865, 768, 773};
    int[] counts = new int[10];
    for (int i = 0; i < bundled.train().numRows(); i++) {
      counts[bundled.train().label(i)]++;
    }
    assertArrayEquals(expected, counts);
  }

  @Test
  void bundled_pixelsAreBytesOver255() throws IOException {
    byte[] raw = uncompressed(Mnist.TRAIN_IMAGES);
    float[] x = bundled.train().features().toArray();
    double maxError = 0;
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (int k = 0; k < x.length; k++) {
      maxError = Math.max(maxError, Math.abs(x[k] - (raw[16 + k] & 0xff) / 255.0));
      min = Math.min(min, x[k]);
      max = Math.max(max, x[k]);
    }
    assertTrue(maxError < 1e-7, "max |x - b/255| = " + maxError);
    assertEquals(0f, min);
    assertEquals(1f, max);
  }

  @Test
  void bundled_uncompressedFilesMatchProvenanceSha256() throws IOException {
    String provenance;
    try (InputStream in = Mnist.class.getResourceAsStream(Mnist.BUNDLED_FOLDER + "PROVENANCE.md")) {
      provenance = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (String name : new String[] {
        Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES, Mnist.TEST_LABELS}) {
      Matcher m = Pattern.compile(Pattern.quote(name) + "\\s+([0-9a-f]{64})").matcher(provenance);
      assertTrue(m.find(), "PROVENANCE.md lists no SHA-256 for " + name);
      assertEquals(m.group(1), DataFiles.sha256(uncompressed(name)), name);
    }
  }

  @Test
  void load_directoryWithPlainAndGzippedFiles_matchesBundled() throws IOException {
    Files.write(dir.resolve(Mnist.TRAIN_IMAGES), uncompressed(Mnist.TRAIN_IMAGES));
    Files.write(dir.resolve(Mnist.TRAIN_LABELS + ".gz"), TestFiles.gzip(uncompressed(Mnist.TRAIN_LABELS)));
    Files.write(dir.resolve(Mnist.TEST_IMAGES), uncompressed(Mnist.TEST_IMAGES));
    Files.write(dir.resolve(Mnist.TEST_LABELS), uncompressed(Mnist.TEST_LABELS));
    TrainTest loaded = Mnist.load(dir);
    assertArrayEquals(bundled.train().features().toArray(), loaded.train().features().toArray());
    assertArrayEquals(bundled.test().targets(), loaded.test().targets());
    assertEquals(dir.toString(), loaded.train().source());
  }

  @Test
  void load_fashionMnistWhenInstalled_gives60000And10000() {
    Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
    Assumptions.assumeTrue(Files.isDirectory(fashion), "apt-get install dataset-fashion-mnist");
    TrainTest loaded = Mnist.load(fashion);
    assertEquals(60000, loaded.train().numRows());
    assertEquals(10000, loaded.test().numRows());
    assertEquals(784, loaded.test().numFeatures());
    int[] counts = new int[10];
    for (int i = 0; i < loaded.test().numRows(); i++) {
      counts[loaded.test().label(i)]++;
    }
    assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
        counts, "Fashion-MNIST's test set is balanced");
  }

  /** A folder that is not there was called "not a directory", as if it were a file. */
  @Test
  void load_ofAMissingFolderOrAFile_saysWhich() {
    Path missing = dir.resolve("nonexistent");
    assertInputError(() -> Mnist.load(missing),
        missing + ": no such file or directory; expected a folder holding");
    assertInputError(() -> Mnist.loadTest(missing),
        missing + ": no such file or directory; expected a folder holding");
    write(dir, "plain", new byte[] {1});
    assertInputError(() -> Mnist.load(dir.resolve("plain")),
        dir.resolve("plain") + ": is a file, not a directory; expected a folder holding");
  }

  @Test
  void load_whenFileMissing_namesExpectedPath() {
    write(dir, Mnist.TRAIN_IMAGES, idx(new int[] {1, 2, 2}, 4));
    assertInputError(() -> Mnist.load(dir),
        dir.resolve(Mnist.TRAIN_LABELS + ".gz").toString(), "file not found");
  }

  @Test
  void load_whenCountsDiffer_namesBothFiles() {
    writeSet(idx(new int[] {3, 2, 2}, 12), idx(new int[] {2}, 2));
    assertInputError(() -> Mnist.load(dir),
        dir.resolve(Mnist.TRAIN_LABELS).toString(), "2 labels but",
        dir.resolve(Mnist.TRAIN_IMAGES).toString(), "holds 3 images");
  }

  @Test
  void load_whenLabelOutOfRange_namesRecord() {
    byte[] labels = idx(new int[] {3}, 0);
    labels = java.util.Arrays.copyOf(labels, labels.length + 3);
    labels[labels.length - 1] = 12;
    writeSet(idx(new int[] {3, 2, 2}, 12), labels);
    assertInputError(() -> Mnist.load(dir),
        dir.resolve(Mnist.TRAIN_LABELS).toString(), "record 3: label 12 is out of range");
  }

  @Test
  void load_whenImagesNotThreeDimensional_saysSo() {
    writeSet(idx(new int[] {3, 4}, 12), idx(new int[] {3}, 3));
    assertInputError(() -> Mnist.load(dir),
        dir.resolve(Mnist.TRAIN_IMAGES).toString(), "must have 3 dimensions", "found 3x4");
  }

  @Test
  void load_otherImageSize_givesRowsTimesColsFeatures() {
    writeSet(idx(new int[] {3, 2, 5}, 30), idx(new int[] {3}, 3));
    TrainTest loaded = Mnist.load(dir);
    assertEquals(10, loaded.train().numFeatures());
    assertEquals(3, loaded.test().numRows());
  }

  @Test
  void load_whenTrainAndTestImagesDifferInSize_namesBothShapesAndFiles() {
    writeSet(idx(new int[] {3, 2, 2}, 12), idx(new int[] {3}, 3));
    write(dir, Mnist.TEST_IMAGES, idx(new int[] {3, 3, 3}, 27));
    InputException e = assertThrows(InputException.class, () -> Mnist.load(dir));
    assertEquals(dir.resolve(Mnist.TEST_IMAGES) + ": test images are 3x3 pixels but the training"
        + " images in " + dir.resolve(Mnist.TRAIN_IMAGES) + " are 2x2 (3x3x3 vs 3x2x2); train and"
        + " test images must have the same size", e.getMessage());
    // the same number of pixels in another shape is no match either (28x28 vs 14x56)
    write(dir, Mnist.TEST_IMAGES, idx(new int[] {3, 1, 4}, 12));
    e = assertThrows(InputException.class, () -> Mnist.load(dir));
    assertTrue(e.getMessage().contains("test images are 1x4 pixels but the training images in "),
        e.getMessage());
  }

  /**
   * A file there plain and gzipped: the plain one was read without a word. Other contents are
   * refused, naming both and where they part; a copy of the same data (gunzip -k) loads.
   */
  @Test
  void loadTest_whenAFileIsThereTwiceWithOtherContents_namesBoth_theSameContentsLoad() {
    writeSet(idx(new int[] {3, 2, 2}, 12), idx(new int[] {3}, 3));
    byte[] longer = idx(new int[] {3}, 3);
    longer[7] = 4; // 4 labels declared, 3 present: differs in the header's count
    write(dir, Mnist.TEST_LABELS + ".gz", TestFiles.gzip(longer));
    InputException e = assertThrows(InputException.class, () -> Mnist.loadTest(dir));
    assertEquals(dir.resolve(Mnist.TEST_LABELS) + " and " + dir.resolve(Mnist.TEST_LABELS + ".gz")
        + " are both there and differ (decompressed, from byte 8 on): an MNIST folder holds each"
        + " file once, plain or .gz; remove or move the one that is not the data", e.getMessage());
    write(dir, Mnist.TEST_LABELS + ".gz", TestFiles.gzip(idx(new int[] {3}, 3)));
    assertEquals(3, Mnist.loadTest(dir).numRows());
    // one ending before the other differs where it ends
    write(dir, Mnist.TEST_LABELS + ".gz", TestFiles.gzip(idx(new int[] {3}, 2)));
    e = assertThrows(InputException.class, () -> Mnist.loadTest(dir));
    assertTrue(e.getMessage().contains("differ (decompressed, from byte 11 on)"), e.getMessage());
  }

  private void writeSet(byte[] images, byte[] labels) {
    write(dir, Mnist.TRAIN_IMAGES, images);
    write(dir, Mnist.TRAIN_LABELS, labels);
    write(dir, Mnist.TEST_IMAGES, images);
    write(dir, Mnist.TEST_LABELS, labels);
  }

  private static byte[] uncompressed(String name) throws IOException {
    try (InputStream in = new GZIPInputStream(
        Mnist.class.getResourceAsStream(Mnist.BUNDLED_FOLDER + name + ".gz"))) {
      return in.readAllBytes();
    }
  }
}
