package dev.tikhonov.cli;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.internal.data.CloseNames;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.select.KFold;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * --fold-column NAME, one declaration for path, ridge, select and grid (through
 * {@link FoldOptions}): cross-validation's folds taken from a column of the CSV data, as Spark's
 * PathJob takes them, instead of a --foldid file beside the data. The column is left out of the
 * features (as --ignore-columns leaves a column out); its cells are checked on every row of the
 * file as --foldid's numbers are (a whole number 1..K, at the cell's line and column), and the
 * folds of the rows fitted on (after a test split, where there is one) must each hold a row.
 * Not thread-safe: picocli fills its field, and {@link #take} keeps the folds it took.
 */
final class FoldColumn implements Flags.Conditional {
  static final String FLAG = "--fold-column";

  @Option(names = FLAG, paramLabel = "NAME",
      description = "CSV only: these folds instead of random ones, from a column of the data "
          + "(Spark's --fold-column): a fold number 1..K in each row, every fold 1..K used by "
          + "the rows cross-validated (select's and grid's: those their test split leaves); the "
          + "column is not a feature. Not with --foldid or the random folds' flags.")
  String name;

  /** The fold of each row {@link #take} kept, 1..K; empty before. */
  private int[] ids = new int[0];

  /** --fold-column was given. */
  boolean given() {
    return name != null;
  }

  /**
   * Given folds leave the random folds' flags and --foldid without effect: refused, as --foldid
   * refuses them, naming the flag typed (path's --seed or --fold-seed).
   */
  @Override
  public void refuseIgnored(Flags.Given given) {
    if (name == null) {
      return;
    }
    for (String flag : List.of("--foldid", "--cv-folds")) {
      if (given.has(flag)) {
        throw new IllegalArgumentException("give either " + given.typed(flag) + " or " + FLAG
            + ", not both");
      }
    }
    given.requireApplies("--fold-seed", false, "with random folds (--cv-folds)",
        "with " + FLAG + ", which gives the folds");
    given.requireApplies(FLAG, !given.has("--repeat-seeds"), "without --repeat-seeds",
        "with --repeat-seeds, which holds out one split (--holdout) instead of folds");
  }

  /**
   * The column is not the --target, --weights, --offset nor one of --ignore-columns: each
   * leaves it out of the features or gives it another role (PathJob's words: "a column has one
   * role").
   *
   * @param roles the other column flags and their columns, e.g. "--weights", "w" (a null column
   *     is a flag not given)
   */
  void refuseOtherRole(List<String> ignoreColumns, String target, String... roles) {
    DataOptions.refuseIgnoredObservationColumn(FLAG, name, ignoreColumns, target);
    for (int i = 0; i + 1 < roles.length; i += 2) {
      if (name != null && name.equals(roles[i + 1])) {
        throw new InputException(FLAG + " \"" + name + "\" is also the " + roles[i]
            + " column; a column has one role");
      }
    }
  }

  /**
   * Refuses --fold-column on data without named columns: a LIBSVM file, whose lines hold only
   * the target and the features, and MNIST images; the folds of such data go in a --foldid file.
   *
   * @param data --data, null for the bundled MNIST sample
   */
  static void refuseUnnamed(Flags.Given given, Path data) {
    dev.tikhonov.internal.data.DataFormat format = data == null ? null
        : dev.tikhonov.internal.data.DataFormat.of(data);
    boolean csv = format == dev.tikhonov.internal.data.DataFormat.DELIMITED
        || format == dev.tikhonov.internal.data.DataFormat.IDX_FILE;
    given.requireApplies(FLAG, csv, "to CSV data (it names a column)",
        (format == dev.tikhonov.internal.data.DataFormat.LIBSVM
            ? "on LIBSVM data, whose lines hold only the target and the features"
            : format == null ? "on the bundled MNIST sample, whose images have no named columns"
            : "on MNIST-style IDX data, whose images have no named columns")
            + "; give the folds in a file with --foldid");
  }

  /**
   * Refuses a cell of the column in {@code all} (every row of the CSV file {@code data}, before
   * any split) that is not a fold number, at its line and column, in --foldid's words: "F:LINE:
   * COL (column "fold"): expected a whole fold number 1..K, found 2.5", "…: fold 0 is out of
   * range; fold numbers run from 1 to K ≤ 150 (the number of data rows)". A column the file
   * lacks is refused with its columns' names.
   */
  void checkCells(Dataset all, Path data) {
    if (name == null) {
      return;
    }
    List<String> names = all.featureNames();
    if (!names.contains(name)) {
      throw new InputException(FLAG + " \"" + name + "\": " + data
          + " has no such column (its feature columns: " + (names.size() <= 8
              ? String.join(", ", names)
              : String.join(", ", names.subList(0, 8)) + ", … (" + names.size() + ")")
          + ")" + CloseNames.column(name, names));
    }
    double[] v = all.column(name);
    for (int i = 0; i < v.length; i++) {
      if (v[i] != Math.rint(v[i])) {
        throw PredictCommand.atCell(data, i + 1, Optional.of(name),
            "expected a whole fold number 1..K, found " + Numbers.quote(Double.toString(v[i])));
      }
      if (v[i] < 1 || v[i] > v.length) {
        throw PredictCommand.atCell(data, i + 1, Optional.of(name), "fold "
            + (Math.abs(v[i]) < 1e18 ? Long.toString((long) v[i]) : Double.toString(v[i]))
            + " is out of range; fold numbers run from 1 to K ≤ " + v.length
            + " (the number of data rows)");
      }
    }
  }

  /**
   * {@link #take(Dataset, Path, String)} for a train/test split: the folds are the training
   * rows', and the column leaves the test rows too.
   */
  TrainTest take(TrainTest split, Path data) {
    if (name == null) {
      return split;
    }
    return new TrainTest(take(split.train(), data, "training rows (those left after the test"
        + " split)"), split.test().withoutColumns(name));
  }

  /**
   * The folds of {@code rows}' column, kept for {@link #ids()}, and {@code rows} without it;
   * {@code rows} itself without --fold-column. The cells are whole numbers ≥ 1
   * ({@link #checkCells}); K, the largest, must be at least 2 and every fold 1..K must hold a
   * row ({@link KFold#given}, --foldid's check), else refused naming the flag, the file and the
   * rows ({@code which}, e.g. "rows").
   */
  Dataset take(Dataset rows, Path data, String which) {
    if (name == null) {
      return rows;
    }
    double[] v = rows.column(name);
    int[] folds = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      folds[i] = (int) v[i];
    }
    ids = KFold.given(folds, FLAG + " \"" + name + "\" of " + data, which.strip()).foldIds();
    return rows.withoutColumns(name);
  }

  /** The folds {@link #take} took: a copy. */
  int[] ids() {
    return ids.clone();
  }
}
