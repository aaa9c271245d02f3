package dev.tikhonov.data;

/**
 * The one exception tikhonov throws for bad user input: a malformed file, a value that is not
 * finite, a wrong shape, an out-of-range setting. Its message names where the problem is
 * (file, line or record, column or field, or flag) and what was expected, in one line.
 *
 * <p>It is an {@link IllegalArgumentException}: bad input is a bad argument, and settings are
 * checked in two kinds of places (most builders' setters throw a plain
 * IllegalArgumentException; the checks of a path's settings at {@code build()} and
 * {@code Synthetic}'s setters throw this, naming the setting), so
 * {@code catch (IllegalArgumentException e)} catches every invalid setting and every bad input;
 * catch InputException for bad input alone.
 *
 * <p>Readers and loaders throw only this for bad input; any other exception from them is a bug.
 * Immutable once thrown, like other exceptions: its message is fixed at construction.
 *
 * <p>When the problem is in what one setting or argument of the API names or holds (a weight
 * column, the weights, the columns to ignore), {@link #about} records that setting's Java name
 * beside the message, so that a caller that gave the setting another name (the CLI's flags)
 * finds it by {@link #setting()} instead of by reading the message.
 */
public class InputException extends IllegalArgumentException {
  /** The setting's Java name, or null when the problem concerns no one setting. */
  private final String setting;

  /** Bad input described by {@code message} (what is wrong, where, and what was expected). */
  public InputException(String message) {
    super(message);
    this.setting = null;
  }

  /** As {@link #InputException(String)}, caused by {@code cause} (e.g. an I/O error). */
  public InputException(String message, Throwable cause) {
    super(message, cause);
    this.setting = null;
  }

  private InputException(String setting, String rest, boolean about) {
    super(setting + rest);
    this.setting = setting;
  }

  /**
   * Bad input in what {@code setting} names or holds; the message is {@code setting + rest},
   * e.g. {@code about("weights", ": row 4: weight -2.0; weights must be finite and ≥ 0")}
   * or {@code about("weightColumn", " \"w\": data.csv has no such column")}.
   *
   * @param setting the Java name of the setting or argument, as its builder method or record
   *     component spells it ({@code weightColumn}, {@code ignoredColumns})
   * @param rest the rest of the message, beginning with ": " or " " ({@link #afterSetting})
   */
  public static InputException about(String setting, String rest) {
    java.util.Objects.requireNonNull(setting, "setting");
    if (!rest.startsWith(" ") && !rest.startsWith(":")) {
      throw new IllegalArgumentException("rest must begin with \": \" or \" \", got \""
          + rest + "\"");
    }
    return new InputException(setting, rest, true);
  }

  /** The setting the problem is in ({@link #about}); empty when it concerns no one setting. */
  public java.util.Optional<String> setting() {
    return java.util.Optional.ofNullable(setting);
  }

  /**
   * The message after the setting's name (": row 4: weight …"), to be put after another
   * name for the setting; the whole message when it concerns no one setting.
   */
  public String afterSetting() {
    return setting == null ? getMessage() : getMessage().substring(setting.length());
  }

  /**
   * "file:line:column: message", leaving out the parts that are unknown: an empty
   * {@code source}, a {@code line} or {@code column} ≤ 0.
   */
  public static InputException at(String source, long line, long column, String message) {
    StringBuilder where = new StringBuilder(java.util.Objects.requireNonNull(source, "source"));
    if (line > 0) {
      where.append(where.length() > 0 ? ":" : "line ").append(line);
      if (column > 0) {
        where.append(":").append(column);
      }
    }
    return new InputException(where.length() > 0 ? where + ": " + message : message);
  }
}
