package dev.tikhonov.internal.data;

import dev.tikhonov.data.Dataset;
import java.util.OptionalInt;

/**
 * Rows per class of classification data, and the class of a single row that no k-fold split
 * gets past (the fold holding its row out has none of it to train on): one count for the
 * library's refusal (FoldFeasibility) and the CLI's warning (grid's and select's folds).
 * Stateless.
 */
public final class ClassCounts {
  private ClassCounts() {}

  /** counts[c] = the number of {@code data}'s rows of class c, for each of its classes. */
  public static int[] of(Dataset data) {
    int[] counts = new int[data.numClasses()];
    for (int i = 0; i < data.size(); i++) {
      counts[data.label(i)]++;
    }
    return counts;
  }

  /** The first class (in the classes' order) of exactly one row; empty when there is none. */
  public static OptionalInt loneClass(int[] counts) {
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] == 1) {
        return OptionalInt.of(c);
      }
    }
    return OptionalInt.empty();
  }

  /** The number of classes with at least one row. */
  public static int present(int[] counts) {
    int present = 0;
    for (int n : counts) {
      present += n > 0 ? 1 : 0;
    }
    return present;
  }
}
