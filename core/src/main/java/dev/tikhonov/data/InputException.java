package dev.tikhonov.data;

/**
 * The one exception tikhonov throws for bad user input: a malformed file, a value that is not
 * finite, a wrong shape, an out-of-range setting. Its message names where the problem is
 * (file, line or record, column or field, or flag) and what was expected, in one line.
 *
 * <p>It is an {@link IllegalArgumentException}: bad input is a bad argument, and settings are
 * checked in two places (a builder's setter throws a plain IllegalArgumentException, the
 * checks of a path's settings at {@code build()} this), so {@code catch (IllegalArgumentException
 * e)} catches every invalid setting and every bad input; catch InputException for bad input
 * alone.
 *
 * <p>Readers and loaders throw only this for bad input; any other exception from them is a bug.
 * Immutable once thrown, like other exceptions: its message is fixed at construction.
 */
public class InputException extends IllegalArgumentException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "file:line:column: message", leaving out the parts that are unknown (≤ 0 or null). */
  public static InputException at(String source, long line, long column, String message) {
    StringBuilder where = new StringBuilder();
    if (source != null) {
      where.append(source);
    }
    if (line > 0) {
      where.append(where.length() > 0 ? ":" : "line ").append(line);
      if (column > 0) {
        where.append(":").append(column);
      }
    }
    return new InputException(where.length() > 0 ? where + ": " + message : message);
  }
}
