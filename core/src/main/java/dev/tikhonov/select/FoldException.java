package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import java.util.Objects;

/**
 * Bad input met in one fold of a cross-validation: the fold has no rows (or no weight), its
 * training rows cannot be fitted (a constant target, a single class), or its held-out rows
 * cannot be scored. The message begins "fold F of K" ("split F of K" from the networks'
 * searches, whose {@code Resampling} may repeat seeds instead); {@link #fold()} and
 * {@link #numFolds()} keep the two apart, so that a caller that made the folds (the CLI's
 * {@code --cv-folds}, {@code --seed}, {@code --foldid}) can say which of its settings to change
 * without reading the message. Immutable.
 */
public final class FoldException extends InputException {
  private final int fold;
  private final int numFolds;

  /**
   * A problem of the fold itself (no rows, no weight), caused by no other exception.
   *
   * @param fold the fold, 1..K
   * @param numFolds K
   * @param message the whole message, beginning "fold F of K"
   */
  public FoldException(int fold, int numFolds, String message) {
    super(message);
    this.fold = fold;
    this.numFolds = numFolds;
  }

  /**
   * A problem met by the fold's own fit.
   *
   * @param fold the fold, 1..K
   * @param numFolds K
   * @param message the whole message, beginning "fold F of K"
   * @param cause the fold's own fit's exception
   * @throws NullPointerException when {@code cause} is null
   */
  public FoldException(int fold, int numFolds, String message, Throwable cause) {
    super(message, Objects.requireNonNull(cause, "cause"));
    this.fold = fold;
    this.numFolds = numFolds;
  }

  /** The fold, 1..K. */
  public int fold() {
    return fold;
  }

  /** K, the number of folds. */
  public int numFolds() {
    return numFolds;
  }
}
