package dev.tikhonov.data;

import dev.tikhonov.tensor.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.SoftReference;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MNIST-style data sets: four IDX files (images n×rows×cols and labels n, unsigned bytes) for a
 * training and a test set, as published for MNIST and Fashion-MNIST.
 *
 * <p>Scaling: pixel byte b becomes the feature x = b / 255 ∈ [0, 1] (float32), nothing else;
 * an image is flattened row by row into rows·cols features named {@code px0}, {@code px1}, ….
 * Targets are the class indices 0..9 (n×1), class names "0".."9". Thread-safe: every method may
 * be called from any thread. {@link #bundled()} decodes the bundled sample once and hands every
 * caller the same two data sets (it says what that costs and holds); the other methods are
 * stateless and read their files again on each call, into new data sets.
 */
public final class Mnist {
  /** The classpath folder of the bundled 10,000-digit sample. */
  public static final String BUNDLED_FOLDER = "/dev/tikhonov/data/mnist-10k/";
  /** Source name of the bundled sample in messages and provenance. */
  public static final String BUNDLED_SOURCE = "bundled:mnist-10k";

  /** The file name of the training images (60,000×28×28 in full MNIST), without ".gz". */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  /** The file name of the training labels (0 to 9), without ".gz". */
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  /** The file name of the test images (10,000×28×28 in full MNIST), without ".gz". */
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  /** The file name of the test labels (0 to 9), without ".gz". */
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";


  private static final int NUM_CLASSES = 10;

  private Mnist() {}

  /**
   * The bundled sample once decoded, held softly (the collector may drop it when memory runs
   * short; the next call then decodes again). Guarded by {@code Mnist.class}.
   */
  private static SoftReference<TrainTest> bundledCache = new SoftReference<>(null);

  /**
   * The bundled real MNIST sample: 8,000 training and 2,000 test digits (see PROVENANCE.md next
   * to the files and docs/data.md), as float32 pixels b/255 (31 MB).
   *
   * <p><b>Cost.</b> The first call inflates and decodes the four gzip resources: about 0.4 s
   * in a fresh JVM (class loading included), about 0.14 s when repeated in a warm one, which
   * every call cost before it was cached. Later calls return the same {@link TrainTest}, at the
   * cost of a lock ({@code bench/jmh.sh MnistBenchmarks}; docs/performance-log.md), so
   * {@code Mnist.bundled().test().feature(i, j)} in a loop is cheap. The data stay in memory
   * while any caller holds them and, after that, until memory runs short (a soft reference):
   * a call after the collector dropped them decodes again, into new data sets equal to them.
   *
   * <p><b>Thread-safety.</b> Concurrent first calls decode once (the others wait for it) and
   * all threads get the same data sets, immutable and thread-safe as {@link Dataset} says:
   * since every caller shares them, no one may write into the matrices that
   * {@link Dataset#features()} and {@link Dataset#targetMatrix()} hand out (copy one to
   * transform it, as {@link Standardizer#transform(Matrix)} does).
   */
  public static synchronized TrainTest bundled() {
    TrainTest cached = bundledCache.get();
    if (cached == null) {
      cached = decodeBundled();
      bundledCache = new SoftReference<>(cached);
    }
    return cached;
  }

  /** The bundled sample decoded from the jar's resources, into new data sets. */
  private static TrainTest decodeBundled() {
    IdxArray trainImages = resource(TRAIN_IMAGES);
    IdxArray trainLabels = resource(TRAIN_LABELS);
    IdxArray testImages = resource(TEST_IMAGES);
    IdxArray testLabels = resource(TEST_LABELS);
    return new TrainTest(
        toDataset(trainImages, trainLabels, BUNDLED_SOURCE + "/" + TRAIN_IMAGES,
            BUNDLED_SOURCE + "/" + TRAIN_LABELS, BUNDLED_SOURCE),
        toDataset(testImages, testLabels, BUNDLED_SOURCE + "/" + TEST_IMAGES,
            BUNDLED_SOURCE + "/" + TEST_LABELS, BUNDLED_SOURCE));
  }

  /**
   * Loads the four files {@value #TRAIN_IMAGES}, {@value #TRAIN_LABELS}, {@value #TEST_IMAGES},
   * {@value #TEST_LABELS} from {@code dir}, each either as named or with {@code .gz} (full MNIST,
   * Fashion-MNIST, or the bundled sample copied out). A file there both ways must hold the same
   * data (decompressed), else an {@link InputException} names both.
   */
  public static TrainTest load(Path dir) {
    requireFolder(dir, TRAIN_IMAGES + "(.gz), " + TRAIN_LABELS + "(.gz), " + TEST_IMAGES
        + "(.gz), " + TEST_LABELS + "(.gz)");
    Path trainImages = locate(dir, TRAIN_IMAGES);
    Path trainLabels = locate(dir, TRAIN_LABELS);
    Path testImages = locate(dir, TEST_IMAGES);
    Path testLabels = locate(dir, TEST_LABELS);
    String source = dir.toString();
    IdxArray trainArray = IdxReader.read(trainImages);
    Dataset train = toDataset(trainArray, IdxReader.read(trainLabels), trainImages.toString(),
        trainLabels.toString(), source);
    IdxArray testArray = IdxReader.read(testImages);
    Dataset test = toDataset(testArray, IdxReader.read(testLabels), testImages.toString(),
        testLabels.toString(), source);
    if (trainArray.dims()[1] != testArray.dims()[1] || trainArray.dims()[2] != testArray.dims()[2]) {
      throw new InputException(testImages + ": test images are " + testArray.dims()[1] + "x"
          + testArray.dims()[2] + " pixels but the training images in " + trainImages + " are "
          + trainArray.dims()[1] + "x" + trainArray.dims()[2] + " (" + testArray.shape() + " vs "
          + trainArray.shape() + "); train and test images must have the same size");
    }
    return new TrainTest(train, test);
  }

  /**
   * Refuses a {@code dir} that is no folder, saying whether it is missing or a file (both were
   * "not a directory", which read as a file where a folder belongs).
   */
  private static void requireFolder(Path dir, String files) {
    if (Files.isDirectory(dir)) {
      return;
    }
    String what = Files.exists(dir) ? "is a file, not a directory" : "no such file or directory";
    throw new InputException(dir + ": " + what + "; expected a folder holding " + files);
  }

  /**
   * Only the test set of an MNIST-style folder: {@value #TEST_IMAGES} and {@value #TEST_LABELS}
   * (each as named or with {@code .gz}), for predicting and evaluating, which never use the
   * training set. {@link #load} reads all four files (the full MNIST's 47 MB of training images
   * too) and refused a folder of test files only, or one whose training files are damaged, for a
   * file it does not need. Immutable result; thread-safe.
   */
  public static Dataset loadTest(Path dir) {
    requireFolder(dir, TEST_IMAGES + "(.gz) and " + TEST_LABELS + "(.gz)");
    Path testImages = locate(dir, TEST_IMAGES);
    Path testLabels = locate(dir, TEST_LABELS);
    return toDataset(IdxReader.read(testImages), IdxReader.read(testLabels),
        testImages.toString(), testLabels.toString(), dir.toString());
  }

  /**
   * One data set from an image array (n×rows×cols) and a label array (n, values 0..9).
   *
   * @param imageSource name of the image file, for messages
   * @param labelSource name of the label file, for messages
   * @param source the data set's {@link Dataset#source()}
   */
  public static Dataset toDataset(
      IdxArray images, IdxArray labels, String imageSource, String labelSource, String source) {
    if (images.numDims() != 3) {
      throw new InputException(
          imageSource + ": images must have 3 dimensions (count x rows x cols), found "
              + images.shape());
    }
    if (labels.numDims() != 1) {
      throw new InputException(
          labelSource + ": labels must have 1 dimension (count), found " + labels.shape());
    }
    int n = images.count();
    if (labels.count() != n) {
      throw new InputException(
          labelSource + ": " + labels.count() + " labels but " + imageSource + " holds " + n
              + " images");
    }
    for (int i = 0; i < n; i++) {
      int label = labels.unsigned(i);
      if (label >= NUM_CLASSES) {
        throw new InputException(
            labelSource + ": record " + (i + 1) + ": label " + label
                + " is out of range; expected a class 0..9");
      }
    }
    int p = images.recordSize();
    Matrix features;
    try {
      features = Matrix.zeros(n, p);
    } catch (IllegalArgumentException e) {
      throw new InputException(imageSource + ": " + e.getMessage(), e);
    }
    FloatBuffer out = features.buffer();
    byte[] pixels = images.data();
    for (int k = 0; k < pixels.length; k++) {
      out.put(k, (pixels[k] & 0xff) / 255f);
    }
    Matrix targets = Matrix.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      targets.put(i, labels.unsigned(i));
    }
    // px0.. name the pixels by their positions; the values are bytes / 255, finite.
    return new Dataset(features, targets, pixelNames(p), Dataset.indexNames(NUM_CLASSES), source,
        false);
  }

  /** Feature names px0..px{p−1}. */
  public static List<String> pixelNames(int p) {
    List<String> names = new ArrayList<>(p);
    for (int j = 0; j < p; j++) {
      names.add("px" + j);
    }
    return names;
  }

  /**
   * Whether folder {@code dir} holds any of the four MNIST IDX files, as named or with
   * {@code .gz}: a folder without any (a folder of CSV files given by mistake) is not MNIST data
   * at all, rather than MNIST data with a file missing.
   */
  public static boolean holdsIdxFiles(Path dir) {
    for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
      if (Files.isRegularFile(dir.resolve(name))
          || Files.isRegularFile(dir.resolve(name + ".gz"))) {
        return true;
      }
    }
    return false;
  }

  private static Path locate(Path dir, String name) {
    Path plain = dir.resolve(name);
    Path gz = dir.resolve(name + ".gz");
    if (Files.isRegularFile(plain)) {
      if (Files.isRegularFile(gz)) {
        requireSameContents(plain, gz);
      }
      return plain;
    }
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    throw new InputException(
        gz + ": file not found (nor " + plain + "); an MNIST folder holds " + TRAIN_IMAGES + ", "
            + TRAIN_LABELS + ", " + TEST_IMAGES + ", " + TEST_LABELS + ", each optionally .gz");
  }

  /**
   * Refuses a folder that holds a file both plain and gzipped with other contents: the plain one
   * was read without a word, so a fresh download beside an old unpacked copy (or the reverse)
   * trained on the one not meant. The same contents are one file (gunzip -k leaves both).
   * Compares the two decompressed streams in blocks, stopping at the first difference.
   */
  private static void requireSameContents(Path plain, Path gz) {
    long differsAt = DataFiles.read(plain, a -> DataFiles.read(gz, b -> firstDifference(a, b)));
    if (differsAt >= 0) {
      throw new InputException(plain + " and " + gz + " are both there and differ (decompressed,"
          + " from byte " + (differsAt + 1) + " on): an MNIST folder holds each file once, plain"
          + " or .gz; remove or move the one that is not the data");
    }
  }

  /** The offset of the first byte where a and b differ or one of them ends; −1 if equal. */
  private static long firstDifference(InputStream a, InputStream b) throws IOException {
    byte[] x = new byte[1 << 16];
    byte[] y = new byte[1 << 16];
    long offset = 0;
    while (true) {
      int n = a.readNBytes(x, 0, x.length);
      int m = b.readNBytes(y, 0, y.length);
      int common = Math.min(n, m);
      int at = java.util.Arrays.mismatch(x, 0, common, y, 0, common);
      if (at >= 0) {
        return offset + at;
      }
      if (n != m) {
        return offset + common;
      }
      if (n == 0) {
        return -1;
      }
      offset += n;
    }
  }

  private static IdxArray resource(String name) {
    String path = BUNDLED_FOLDER + name + ".gz";
    String source = BUNDLED_SOURCE + "/" + name + ".gz";
    try (InputStream in = Mnist.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource " + path + " is missing from the jar");
      }
      return IdxReader.read(in, source);
    } catch (IOException e) {
      throw DataFiles.cannotRead(source, e);
    }
  }
}
