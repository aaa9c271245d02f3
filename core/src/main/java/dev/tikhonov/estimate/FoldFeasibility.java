package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.ClassCounts;
import dev.tikhonov.loss.Family;
import java.util.List;

/**
 * What no k-fold cross-validation can get past, refused before any fold is fitted: every k-fold
 * split holds each row out exactly once, so a target that differs from the others' one value in
 * a single row, or a class of a single row, leaves the fold holding that row out with one value
 * (or without the class) to train on, whatever the seed, the number of folds or the fold ids
 * given. Refused inside that fold, the remedy a caller offered for a fold's refusal (other folds,
 * more folds) could not help. Classes are counted by {@link ClassCounts}, as the CLI counts them
 * for its warning of a class of one row. Stateless.
 */
final class FoldFeasibility {
  private FoldFeasibility() {}

  /** Refuses what no folds of a linear path's cross-validation get past (a class or a value). */
  static void requireFoldable(Dataset data) {
    requireFoldable(data, Family.GAUSSIAN, false);
  }

  /**
   * {@link #requireFoldable(Dataset)} for a path of {@code family} whose rows may carry weights
   * and, when {@code offsets}, offsets. Weights change neither: a fold without the class, or with
   * one value, stays so whatever its rows weigh. Offsets make a constant target fittable
   * (y − offset varies; for counts, the intercept no longer fits them exactly), except counts
   * that are all 0, so with offsets a regression target is refused only when its counts are 0
   * but in one row.
   */
  static void requireFoldable(Dataset data, Family family, boolean offsets) {
    requireFoldable(data, family, offsets, true);
  }

  /**
   * As {@link #requireFoldable(Dataset, Family, boolean)}, for a path with or without an
   * intercept. Without one the null model is η = offset, so a fold whose target is one value
   * other than 0 is fitted like any other: only a target that is 0 but in one row (without
   * offsets, or counts) leaves the fold holding that row out nothing to fit.
   */
  static void requireFoldable(Dataset data, Family family, boolean offsets, boolean intercept) {
    if (data.isClassification()) {
      requireTwoRowsPerClass(data);
    } else if (!intercept) {
      if (zeroButInOneRow(data) && (!offsets || family == Family.POISSON)) {
        requireVariesInTwoRows(data, "rows");
      }
    } else if (!offsets || (family == Family.POISSON && zeroButInOneRow(data))) {
      requireVariesInTwoRows(data, "rows");
    }
  }

  private static boolean zeroButInOneRow(Dataset data) {
    int nonzero = 0;
    for (int i = 0; i < data.numRows(); i++) {
      nonzero += data.target(i) != 0 ? 1 : 0;
    }
    return nonzero == 1;
  }

  /**
   * Refuses a regression or count target that varies in one row only, and rows of two classes
   * one of which has a single row: whatever the folds, the one holding that row out trains on
   * one value (one class, which a classifier refuses), and the advice for random folds
   * (another seed, more folds) cannot help.
   *
   * @param rows what the rows are, for the message ("rows", "rows to search on")
   */
  static void requireVariesInTwoRows(Dataset data, String rows) {
    int n = data.numRows();
    if (n < 2) {
      return;
    }
    if (data.isClassification()) {
      requireTwoClassesBeyondOneRow(data, rows);
      return;
    }
    double a = data.target(0);
    int countA = 0;
    int countB = 0;
    double b = Double.NaN;
    for (int i = 0; i < n; i++) {
      double y = data.target(i);
      if (y == a) {
        countA++;
      } else if (countB == 0 || y == b) {
        b = y;
        countB++;
      } else {
        return; // three values
      }
    }
    if (countB == 0 || (countA > 1 && countB > 1)) {
      return; // constant (the fits' own refusal), or two values in two rows each
    }
    double common = countA > 1 ? a : b;
    double lone = countA > 1 ? b : a;
    throw new InputException(data.source() + ": the target is " + common + " on " + (n - 1)
        + " of the " + n + " " + rows + " and " + lone + " on one: whatever the folds, the one"
        + " holding that row out trains on one value; cross-validation needs a target that"
        + " varies in at least two rows");
  }

  /** {@link #requireVariesInTwoRows} for classes: two classes seen, one of them in one row. */
  private static void requireTwoClassesBeyondOneRow(Dataset data, String rows) {
    int[] counts = ClassCounts.of(data);
    int seen = 0;
    int lone = -1;
    int common = -1;
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] > 0) {
        seen++;
        if (counts[c] == 1) {
          lone = c;
        } else {
          common = c;
        }
      }
    }
    if (seen != 2 || lone < 0 || common < 0) {
      return;
    }
    List<String> names = data.classNames();
    int n = data.numRows();
    throw new InputException(data.source() + ": " + (n - 1) + " of the " + n
        + " " + rows + " are of class \"" + names.get(common) + "\" and one of class \""
        + names.get(lone) + "\": whatever the folds, the one holding that row out trains on one"
        + " class; cross-validation needs two classes with at least two rows each");
  }

  /** Refuses a class with one row among {@code data}'s (classification) rows. */
  static void requireTwoRowsPerClass(Dataset data) {
    if (!data.isClassification() || data.numRows() < 2) {
      return;
    }
    java.util.OptionalInt lone = ClassCounts.loneClass(ClassCounts.of(data));
    if (lone.isPresent()) {
      throw new InputException(data.source() + ": class "
          + data.classNames().get(lone.getAsInt()) + " has one row of the " + data.numRows()
          + ": whatever the folds, the one holding it out has no row of that class to train on;"
          + " cross-validation needs at least two rows of each class");
    }
  }
}
