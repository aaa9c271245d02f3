package dev.tikhonov.select;

import dev.tikhonov.data.DataFiles;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.tensor.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An assignment of n rows to K folds, fold ids 1..K (cv.glmnet's {@code foldid}).
 *
 * <p>Immutable, so thread-safe: the fold ids are copied in, and {@code foldIds()} returns a
 * copy.
 *
 * @param foldIds fold of each row, 1..K, in data order
 * @param numFolds K ≥ 2
 */
public record KFold(int[] foldIds, int numFolds) {

  public KFold {
    if (numFolds > foldIds.length) {
      throw new InputException(numFolds + " folds for only " + foldIds.length + " rows; every "
          + "fold needs a row (at most " + foldIds.length + " folds)");
    }
    if (numFolds < 2) {
      throw new InputException("cross-validation needs at least 2 folds, got " + numFolds);
    }
    int[] sizes = new int[numFolds + 1];
    for (int i = 0; i < foldIds.length; i++) {
      int f = foldIds[i];
      if (f < 1 || f > numFolds) {
        throw new InputException("row " + (i + 1) + ": fold id " + f + " is not in 1.."
            + numFolds);
      }
      sizes[f]++;
    }
    for (int f = 1; f <= numFolds; f++) {
      if (sizes[f] == 0) {
        throw new FoldException(f, numFolds, "fold " + f + " of 1.." + numFolds + " has no rows");
      }
    }
    foldIds = foldIds.clone();
  }

  /** The fold of each row, 1..K, in data order: a copy, so this value stays as it was made. */
  @Override
  public int[] foldIds() {
    return foldIds.clone();
  }

  /**
   * Seeded random folds of near-equal size, as cv.glmnet's
   * {@code sample(rep(seq(K), length = n))}: the ids 1, 2, .., K, 1, 2, .. shuffled.
   */
  public static KFold random(int n, int numFolds, long seed) {
    if (numFolds > n) {
      throw InputException.about("numFolds", " (" + numFolds + ") is more than the " + n + " rows:"
          + " every fold needs a row; use at most " + n);
    }
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i % numFolds + 1;
    }
    new Rng(seed).shuffle(ids);
    return new KFold(ids, numFolds);
  }

  /**
   * Fold ids read from {@code file} (gzip or plain, as {@link DataFiles#readLines} reads text):
   * one fold number 1..K per data row, in data order, one per line. A first line that is not a
   * number is a header; blank lines are skipped; quotes around a number and a whole number
   * written as floating point ({@code 2.0}, numpy's {@code 2.000000000000000000e+00}) are
   * allowed, as R's {@code write.csv(foldid, row.names = FALSE)} and numpy's {@code savetxt}
   * write them. Every number 1..K must be some row's fold. Errors name the file, and the line
   * and character where the number starts when there is one, with what was expected and what
   * was found.
   */
  public static KFold read(Path file, int rows) {
    if (Files.notExists(file)) {
      throw new InputException(file + ": fold-id file not found" + DataFiles.danglingLink(file));
    }
    List<String> lines = DataFiles.readLines(file);
    int[] ids = new int[rows];
    int count = 0;
    boolean first = true;
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      String cell = text.strip();
      if (cell.isEmpty()) {
        continue;
      }
      long line = i + 1;
      long column = text.codePointCount(0, text.length() - text.stripLeading().length()) + 1;
      boolean header = first;
      first = false;
      if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
        cell = cell.substring(1, cell.length() - 1).strip();
      }
      if (!NUMBER.matcher(cell).matches()) {
        if (header) {
          continue;
        }
        String whole = text.strip();
        throw InputException.at(file.toString(), line, column, FIELDS.matcher(whole).find()
            ? "expected one fold number per line, found more than one field: "
                + (whole.length() > 40 ? whole.substring(0, 40) + "…" : whole)
                + " (row names? R writes none with write.csv(..., row.names = FALSE))"
            : "expected a fold number 1..K, found " + Numbers.quote(whole));
      }
      double value = Double.parseDouble(cell);
      if (value != Math.rint(value)) {
        throw InputException.at(file.toString(), line, column,
            "expected a whole fold number 1..K, found " + Numbers.quote(cell));
      }
      if (value < 1 || value > rows) {
        throw InputException.at(file.toString(), line, column, "fold "
            + (Math.abs(value) < 1e18 ? Long.toString((long) value) : cell) + " is out of range;"
            + " fold numbers run from 1 to K ≤ " + rows + " (the number of data rows)");
      }
      if (count == rows) {
        throw InputException.at(file.toString(), line, column, "a fold id for row "
            + (rows + 1) + ", but the data have " + rows + " rows; expected one fold id per"
            + " data row");
      }
      ids[count++] = (int) value;
    }
    if (count != rows) {
      throw new InputException(file + ": " + count + " fold ids for " + rows + " data rows;"
          + " expected one fold id per data row, in the data's order");
    }
    return given(ids, file.toString(), "data rows");
  }

  /**
   * The folds of fold ids a user gave (read from a file, taken from a column of the data),
   * checked as cv.glmnet's {@code foldid} must be: K, the largest id, is at least 2, and every
   * fold 1..K holds a row. Whether each id is a whole number ≥ 1 is the reader's check, which
   * names the id's line and column; an id below 1 that reaches here is refused naming its row.
   * The refusals start with {@code source} and name the rows by {@code rows} after their count:
   * "folds.csv: every fold number of the 40 data rows is 1; cross-validation needs at least 2
   * folds", "folds.csv: fold 2 of 1..3 has no rows among the 40 data rows; every fold number
   * from 1 to K = 3 (the largest there) needs at least one row". The library speaks of no
   * flag: a command line passes its own words ({@code --fold-column "fold" of data.csv}).
   *
   * @param foldIds the fold of each row, in data order (copied)
   * @param source where the ids came from, the start of a refusal: a file, a column of a file
   * @param rows what the rows are, after their count in a refusal: "data rows", "training rows"
   * @return the folds, K = the largest id
   * @throws InputException when the ids cannot be folds, in the words above
   */
  public static KFold given(int[] foldIds, String source, String rows) {
    int n = foldIds.length;
    int k = Arrays.stream(foldIds).max().orElse(0);
    for (int i = 0; i < n; i++) {
      if (foldIds[i] < 1) {
        throw new InputException(source + ": row " + (i + 1) + " of the " + n + " " + rows
            + " has fold " + foldIds[i] + "; fold numbers run from 1 to K");
      }
    }
    if (k < 2) {
      throw new InputException(source + ": " + (n == 0 ? "there are no " + rows
          : "every fold number of the " + n + " " + rows + " is " + k)
          + "; cross-validation needs at least 2 folds");
    }
    boolean[] used = new boolean[k + 1];
    for (int id : foldIds) {
      used[id] = true;
    }
    for (int f = 1; f <= k; f++) {
      if (!used[f]) {
        throw new InputException(source + ": fold " + f + " of 1.." + k + " has no rows among"
            + " the " + n + " " + rows + "; every fold number from 1 to K = " + k
            + " (the largest there) needs at least one row");
      }
    }
    return new KFold(foldIds, k);
  }

  /** A fold number as a file may write it: an integer or a decimal, signed, with an exponent. */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  /** A delimiter of CSV fields (R's row names before the id). */
  private static final Pattern FIELDS = Pattern.compile("[,;\\t]");

  /** User-given fold ids 1..K; K is their maximum. */
  public static KFold of(int[] foldIds) {
    int k = Arrays.stream(foldIds).max().orElse(0);
    return new KFold(foldIds, k);
  }

  /** The number of rows n assigned to folds. */
  public int size() {

    return foldIds.length;
  }

  /**
   * Rows (0-based, increasing) whose fold is {@code fold} (1..K).
   *
   * @throws IllegalArgumentException when {@code fold} is not in 1..K
   */
  public int[] testRows(int fold) {
    return rows(fold, true);
  }

  /**
   * Rows (0-based, increasing) whose fold is not {@code fold} (1..K).
   *
   * @throws IllegalArgumentException when {@code fold} is not in 1..K
   */
  public int[] trainRows(int fold) {
    return rows(fold, false);
  }

  private int[] rows(int fold, boolean inFold) {
    if (fold < 1 || fold > numFolds) {
      // fold 0 of a 0-based loop would be no rows to test, every row to train on
      throw new IllegalArgumentException("fold " + fold + " is not in 1.." + numFolds);
    }
    return java.util.stream.IntStream.range(0, foldIds.length)
        .filter(i -> (foldIds[i] == fold) == inFold)
        .toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KFold k && numFolds == k.numFolds && Arrays.equals(foldIds, k.foldIds);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(foldIds) + numFolds;
  }

  @Override
  public String toString() {
    return "KFold[n=" + foldIds.length + ", K=" + numFolds + "]";
  }
}
