package dev.tikhonov.data;

/**
 * A target that leaves nothing to fit: its values are all the same (for squared error, zero
 * variance about the intercept; for a classifier, rows of one class), or the counts of a
 * poisson fit are fitted exactly by the intercept-only model (null deviance 0). The message
 * speaks of "the target" as a whole and does not know where it came from, so a caller that read
 * it from a file (the CLI does) can catch this type and name the file and column. Immutable.
 */
public final class ConstantTargetException extends InputException {
  /** A constant target, described by {@code message} (which speaks of "the target"). */
  public ConstantTargetException(String message) {

    super(message);
  }
}
