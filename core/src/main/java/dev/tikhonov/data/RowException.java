package dev.tikhonov.data;

/**
 * Bad input found in one row of the rows given to a model (a prediction that overflows, an
 * offset that is not finite): "input row N: PROBLEM", with the row and the problem kept apart
 * so that a caller that read the rows from a file can name the file's line instead (the CLI
 * does). Immutable.
 */
public final class RowException extends InputException {
  private final long row;
  private final String problem;

  /**
   * @param row 1-based index of the row among the rows given
   * @param problem what is wrong with it, without the position
   */
  public RowException(long row, String problem) {
    super("input row " + row + ": " + problem);
    this.row = row;
    this.problem = problem;
  }

  /** 1-based index of the row among the rows given. */
  public long row() {
    return row;
  }

  /** What is wrong with the row, without its position. */
  public String problem() {
    return problem;
  }
}
