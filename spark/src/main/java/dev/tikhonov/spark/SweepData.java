package dev.tikhonov.spark;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Matrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training and test rows of a sweep as Spark broadcasts them: the float32 features the
 * network engine trains on (row-major n×p) and the class indices, plus names. Each executor
 * deserializes the broadcast once and its tasks share this object, so {@link #train()} and
 * {@link #test()} build the core's {@link Dataset}s once per executor. Thread-safe.
 */
final class SweepData implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Part train;
  private final Part test;
  private final ArrayList<String> featureNames;
  private final ArrayList<String> classNames;
  private transient Dataset trainSet;
  private transient Dataset testSet;

  /** One data set's numbers: n rows of p float32 features, and n class indices as floats. */
  private record Part(int rows, float[] features, float[] targets, String source)
      implements Serializable {}

  private SweepData(Part train, Part test, List<String> featureNames, List<String> classNames) {
    this.train = train;
    this.test = test;
    this.featureNames = new ArrayList<>(featureNames);
    this.classNames = new ArrayList<>(classNames);
  }

  /**
   * The numbers of {@code train} and {@code test}, checked: classification data with the same
   * features and classes, and within {@code maxBytes} (see {@link #bytes}).
   */
  static SweepData of(Dataset train, Dataset test, long maxBytes, String limitReason) {
    for (Dataset d : List.of(train, test)) {
      if (!d.isClassification()) {
        throw new InputException(d.source() + ": the sweep trains classifiers, and this data "
            + "has a real-valued target (expected class labels)");
      }
      if (d.numRows() == 0) {
        throw new InputException(d.source() + ": no rows");
      }
    }
    if (!train.featureNames().equals(test.featureNames())) {
      throw new InputException(test.source() + ": the test data's " + test.numFeatures()
          + " features differ from the " + train.numFeatures() + " of the training data "
          + train.source());
    }
    if (!train.classNames().equals(test.classNames())) {
      throw new InputException(test.source() + ": the test data's classes " + test.classNames()
          + " differ from the training data's " + train.classNames() + " (" + train.source()
          + ")");
    }
    long bytes = bytes(train.numRows(), test.numRows(), train.numFeatures());
    if (bytes > maxBytes) {
      throw new InputException(String.format(Locale.ROOT, "the sweep broadcasts the training "
          + "and test data to every executor: (%d + %d rows)·(%d features + 1)·4 bytes = %s, "
          + "more than the %s it allows (%s); give the executors more memory, or train on "
          + "fewer rows or features", train.numRows(), test.numRows(), train.numFeatures(),
          DriverLimit.humanBytes(bytes), DriverLimit.humanBytes(maxBytes), limitReason));
    }
    return new SweepData(part(train), part(test), train.featureNames(), train.classNames());
  }

  /** The broadcast's size: (n_train + n_test)·(p + 1) float32 values. */
  static long bytes(long trainRows, long testRows, int features) {
    return (trainRows + testRows) * (features + 1L) * Float.BYTES;
  }

  private static Part part(Dataset d) {
    return new Part(d.numRows(), d.features().toArray(), d.targetMatrix().toArray(), d.source());
  }

  synchronized Dataset train() {
    if (trainSet == null) {
      trainSet = dataset(train);
    }
    return trainSet;
  }

  synchronized Dataset test() {
    if (testSet == null) {
      testSet = dataset(test);
    }
    return testSet;
  }

  private Dataset dataset(Part part) {
    return new Dataset(Matrix.of(part.rows(), featureNames.size(), part.features()),
        Matrix.of(part.rows(), 1, part.targets()), featureNames, classNames, part.source());
  }
}
