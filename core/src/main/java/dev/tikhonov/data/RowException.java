package dev.tikhonov.data;

import dev.tikhonov.internal.data.Numbers;
import java.util.Objects;
import java.util.Optional;

/**
 * Bad input found in one row of the rows given to a model (a prediction that overflows, an
 * offset that is not finite, a negative count): "input row N: PROBLEM", or "input row N,
 * column "o": PROBLEM" when the bad value is in a named column, with the row, the column and
 * the problem kept apart so that a caller that read the rows from a file can name the file's
 * line and column instead (the CLI does: "F:LINE:COLUMN (column "y"): PROBLEM"). Where the
 * value is, is one of three: the row as a whole ({@link #column()} empty and
 * {@link #inTarget()} false), its target ({@link #inTarget()}, whose column the rows given do
 * not name: a {@link Dataset} keeps targets apart from its columns), or a named column of the
 * rows ({@link #column()}, e.g. a model's offset column). Immutable.
 */
public final class RowException extends InputException {
  private final long row;
  private final Optional<String> column;
  private final boolean target;
  private final String problem;

  /**
   * A problem of the row as a whole (its prediction overflows).
   *
   * @param row 1-based index of the row among the rows given
   * @param problem what is wrong with it, without the position
   */
  public RowException(long row, String problem) {
    this(row, Optional.empty(), false, problem);
  }

  private RowException(long row, Optional<String> column, boolean target, String problem) {
    super("input row " + row + column.map(c -> ", column " + Numbers.quote(c)).orElse("") + ": "
        + problem);
    this.row = row;
    this.column = column;
    this.target = target;
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /**
   * A bad value in the named {@code column} of the {@code row}-th row: "input row 3, column
   * "o": offset NaN is not finite".
   */
  public static RowException inColumn(long row, String column, String problem) {
    return new RowException(row, Optional.of(Objects.requireNonNull(column, "column")), false,
        problem);
  }

  /** A bad target of the {@code row}-th row: "input row 3: count -1.0 is not …". */
  public static RowException inTarget(long row, String problem) {
    return new RowException(row, Optional.empty(), true, problem);
  }

  /** 1-based index of the row among the rows given. */
  public long row() {
    return row;
  }

  /**
   * The named column of the rows that holds the bad value; empty when the problem is in the
   * row as a whole or in its target ({@link #inTarget()}).
   */
  public Optional<String> column() {
    return column;
  }

  /** Whether the bad value is the row's target (a count below 0 for a poisson model). */
  public boolean inTarget() {
    return target;
  }

  /** What is wrong with the row, without its position. */
  public String problem() {
    return problem;
  }
}
