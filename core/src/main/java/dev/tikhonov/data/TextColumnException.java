package dev.tikhonov.data;

/**
 * A CSV cell that should be a feature's number holds text ("img-0", "Oslo"): most often a
 * column of ids or names that is not meant as a feature at all. The message is the cell's
 * position and problem, {@code data.csv:2:1 (column "id"): expected a number, found "img-0"},
 * then the remedy in the library's terms ({@link CsvOptions#withIgnoredColumns}); {@link
 * #problem()} and {@link #column()} keep the two apart, so that a caller with other words for
 * the remedy (the CLI's {@code --ignore-columns}) can give its own. Immutable.
 */
public final class TextColumnException extends InputException {
  private final String problem;
  private final String column;

  /**
   * @param problem where the cell is and what it holds, without a remedy
   * @param column the name of the cell's column
   */
  public TextColumnException(String problem, String column) {
    super(problem + "; a column of text (an id, a name) can be left out of the data with"
        + " CsvOptions.withIgnoredColumns(\"" + column + "\")");
    this.problem = problem;
    this.column = column;
  }

  /** Where the cell is and what it holds: the message without the remedy. */
  public String problem() {
    return problem;
  }

  /** The name of the column whose cell holds text. */
  public String column() {
    return column;
  }
}
