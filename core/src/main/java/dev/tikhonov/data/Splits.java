package dev.tikhonov.data;

import dev.tikhonov.internal.data.ClassLabels;
import dev.tikhonov.tensor.Rng;
import java.util.Arrays;

/**
 * Seeded train/test splits.
 *
 * <p>The test set gets round(n·f) rows for test fraction f. A stratified split allocates that
 * total over the classes in proportion to their sizes (largest remainders, so per-class counts
 * are ⌊n_k·f⌋ or ⌈n_k·f⌉ and add up to round(n·f)) and draws each class's test rows at random.
 * A remainder's row goes to a class only if the class keeps a training row, and where the
 * classes that can take one are too few, classes that keep a training row give more than
 * ⌈n_k·f⌉ before any class gives its last row: a class loses all its rows to the test part only
 * when round(n·f) exceeds n minus the number of classes.
 * Both parts keep the original row order. The same seed gives the same split. Stateless: each call
 * draws from its own Rng, so it may be called from any thread.
 */
public final class Splits {
  private Splits() {}

  /**
   * Splits {@code data} into train and test at random: round(n·f) rows drawn uniformly go to
   * the test set (scikit-learn's {@code train_test_split}). For class targets,
   * {@link #stratifiedTrainTest} keeps each class's share the same in both parts.
   *
   * @param testFraction share of rows in the test set, in (0, 1)
   * @param seed seeds a {@link Rng}
   * @throws IllegalArgumentException when {@code testFraction} is not in (0, 1)
   * @throws InputException when either part would be empty
   */
  public static TrainTest trainTest(Dataset data, double testFraction, long seed) {
    return split(data, testFraction, seed, false);
  }

  /**
   * Splits class-labelled {@code data} into train and test keeping each class's share: the
   * round(n·f) test rows are allocated over the classes by largest remainders and drawn at
   * random within each class (scikit-learn's {@code train_test_split(stratify=y)}).
   *
   * @param testFraction share of rows in the test set, in (0, 1)
   * @param seed seeds a {@link Rng}
   * @throws IllegalArgumentException when {@code testFraction} is not in (0, 1)
   * @throws InputException when the data have a numeric target (no classes to stratify by) or
   *     either part would be empty
   */
  public static TrainTest stratifiedTrainTest(Dataset data, double testFraction, long seed) {
    return split(data, testFraction, seed, true);
  }

  private static TrainTest split(
      Dataset data, double testFraction, long seed, boolean stratified) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test fraction must be in (0, 1), not " + testFraction);
    }
    if (stratified && !data.isClassification()) {
      throw new InputException(data.source() + ": a stratified split needs class labels, but "
          + "the target is a number; " + ClassLabels.howToGiveClasses(data) + ", or use "
          + "Splits.trainTest");
    }
    int n = data.numRows();
    int testSize = (int) Math.round(n * testFraction);
    if (testSize < 1 || testSize > n - 1) {
      throw new InputException(
          data.source() + ": " + n + " rows cannot be split with test fraction " + testFraction
              + " into two non-empty parts");
    }
    Rng rng = new Rng(seed);
    boolean[] inTest = new boolean[n];
    if (stratified) {
      int[][] byClass = rowsByClass(data);
      int[] quota = allocate(byClass, testSize, testFraction);
      for (int k = 0; k < byClass.length; k++) {
        int[] rows = byClass[k];
        rng.shuffle(rows);
        for (int i = 0; i < quota[k]; i++) {
          inTest[rows[i]] = true;
        }
      }
    } else {
      int[] order = rng.permutation(n);
      for (int i = 0; i < testSize; i++) {
        inTest[order[i]] = true;
      }
    }
    int[] train = new int[n - testSize];
    int[] test = new int[testSize];
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      if (inTest[i]) {
        test[b++] = i;
      } else {
        train[a++] = i;
      }
    }
    return new TrainTest(data.subset(train), data.subset(test));
  }

  private static int[][] rowsByClass(Dataset data) {
    int k = data.numClasses();
    int[] counts = new int[k];
    for (int i = 0; i < data.numRows(); i++) {
      counts[data.label(i)]++;
    }
    int[][] rows = new int[k][];
    for (int c = 0; c < k; c++) {
      rows[c] = new int[counts[c]];
    }
    int[] filled = new int[k];
    for (int i = 0; i < data.numRows(); i++) {
      int c = data.label(i);
      rows[c][filled[c]++] = i;
    }
    return rows;
  }

  /** Largest-remainder allocation of {@code total} test rows over the classes. */
  private static int[] allocate(int[][] byClass, int total, double fraction) {
    int k = byClass.length;
    int[] quota = new int[k];
    double[] remainder = new double[k];
    int assigned = 0;
    for (int c = 0; c < k; c++) {
      double exact = byClass[c].length * fraction;
      quota[c] = (int) Math.floor(exact);
      remainder[c] = exact - quota[c];
      assigned += quota[c];
    }
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) {
      order[c] = c;
    }
    Arrays.sort(order, (x, y) -> Double.compare(remainder[y], remainder[x]));
    // first to classes that keep a training row: a 1-row class's remainder f could outrank the
    // others', and its only row went to the test part, never trained on (7/7/1 at 0.45)
    boolean[] raised = new boolean[k];
    for (int i = 0; assigned < total && i < k; i++) {
      int c = order[i];
      if (quota[c] < byClass[c].length - 1) {
        quota[c]++;
        raised[c] = true;
        assigned++;
      }
    }
    // rows still owed go, round by round, to classes that keep a training row after it (a
    // class of 29 rows beside three of one row at 0.3: the big class gives them, not the lone
    // rows); only past n − classes does a class give its last row, one a class
    boolean more = true;
    while (assigned < total && more) {
      more = false;
      for (int i = 0; assigned < total && i < k; i++) {
        int c = order[i];
        if (quota[c] < byClass[c].length - 1) {
          quota[c]++;
          assigned++;
          more = true;
        }
      }
    }
    // the smallest classes first (3/1/1 at 0.5: a 1-row class's row, not the 3-row class's last)
    Integer[] smallest = order.clone();
    Arrays.sort(smallest, (x, y) -> Integer.compare(byClass[x].length, byClass[y].length));
    for (int i = 0; assigned < total && i < k; i++) {
      int c = smallest[i];
      if (quota[c] < byClass[c].length) {
        quota[c]++;
        assigned++;
      }
    }
    return quota;
  }
}
