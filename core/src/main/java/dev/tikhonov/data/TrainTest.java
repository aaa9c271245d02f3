package dev.tikhonov.data;

/**
 * A training set and a test set with the same features and classes. Immutable, as both data sets
 * are, so thread-safe.
 *
 * @param train rows to fit on (and to fit any preprocessing, such as {@link Standardizer}, on)
 * @param test held-out rows, only for evaluation
 */
public record TrainTest(Dataset train, Dataset test) {
  public TrainTest {
    if (!train.featureNames().equals(test.featureNames())) {
      throw new IllegalArgumentException("train and test have different features");
    }
    if (!train.classNames().equals(test.classNames())) {
      throw new IllegalArgumentException("train and test have different classes");
    }
  }
}
