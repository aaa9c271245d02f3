package dev.tikhonov.data;

/**
 * A CSV target cell read as a number ({@link TargetKind#REAL}) holds text ("class_0"): most
 * often the target is a column of class labels, which a model that predicts numbers cannot
 * fit. The
 * message is the cell's position and problem, {@code wine.csv:2:14 (column "cultivar"): expected
 * a number, found "class_0"}, then the remedy in the library's terms (read the target as
 * {@link TargetKind#CLASS} and fit a classifier); {@link #problem()} and {@link #column()} keep
 * the two apart, so that a caller with other words for the remedy (the CLI's flags) can give
 * its own. Immutable.
 */
public final class TextTargetException extends InputException {
  private final String problem;
  private final String column;

  /**
   * @param problem where the cell is and what it holds, without a remedy
   * @param column the name of the target column
   */
  public TextTargetException(String problem, String column) {
    super(problem + "; the target holds text, and a model that predicts numbers cannot fit"
        + " it: if \"" + column + "\" holds class labels, read it as TargetKind.CLASS to fit a"
        + " classifier");
    this.problem = problem;
    this.column = column;
  }

  /** Where the cell is and what it holds: the message without the remedy. */
  public String problem() {
    return problem;
  }

  /** The name of the target column whose cell holds text. */
  public String column() {
    return column;
  }
}
