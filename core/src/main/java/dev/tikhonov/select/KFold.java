package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Rng;
import java.util.Arrays;

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
        throw new FoldException(f, numFolds, "fold " + f + " of 1.." + numFolds + " has no rows",
            null);
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
   * Fold ids read from {@code file}: one integer 1..K per data row, in data order, one per line
   * (a first line that is not a number is a header; blank lines are skipped; quotes around a
   * number are allowed), as R writes {@code write.csv(foldid)}-style files. Errors name the
   * file and line.
   */
  public static KFold read(java.nio.file.Path file, int rows) {
    java.util.List<String> lines;
    try {
      lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException(file + ": fold-id file not found"
          + dev.tikhonov.data.DataFiles.danglingLink(file));
    } catch (java.nio.charset.MalformedInputException e) {
      throw new InputException(file + ": not valid UTF-8 text; expected one fold number per line");
    } catch (java.io.IOException e) {
      throw dev.tikhonov.data.DataFiles.cannotRead(file.toString(), e);
    }
    int[] ids = new int[rows];
    int count = 0;
    for (int i = 0; i < lines.size(); i++) {
      String cell = lines.get(i).strip().replace("\"", "");
      if (cell.isEmpty()) {
        continue;
      }
      int id;
      try {
        id = Integer.parseInt(cell);
      } catch (NumberFormatException e) {
        if (i == 0) {
          continue; // a header line
        }
        throw InputException.at(file.toString(), i + 1, 1,
            "'" + cell + "' is not a fold number 1..K");
      }
      if (id < 1 || id > rows) {
        throw InputException.at(file.toString(), i + 1, 1, "fold " + id + " is out of range; "
            + "fold numbers run from 1 to K ≤ " + rows + " (the number of data rows)");
      }
      if (count == rows) {
        throw new InputException(file + ": more fold ids than the " + rows + " data rows");
      }
      ids[count++] = id;
    }
    if (count != rows) {
      throw new InputException(file + ": " + count + " fold ids for " + rows + " data rows");
    }
    return of(ids);
  }

  /** User-given fold ids 1..K; K is their maximum. */
  public static KFold of(int[] foldIds) {
    int k = Arrays.stream(foldIds).max().orElse(0);
    return new KFold(foldIds, k);
  }

  public int size() {
    return foldIds.length;
  }

  /** Rows (0-based, increasing) whose fold is {@code fold} (1..K). */
  public int[] testRows(int fold) {
    return rows(fold, true);
  }

  /** Rows (0-based, increasing) whose fold is not {@code fold}. */
  public int[] trainRows(int fold) {
    return rows(fold, false);
  }

  private int[] rows(int fold, boolean inFold) {
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
