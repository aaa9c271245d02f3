package dev.tikhonov.data;

import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.internal.data.Repeats;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How {@link CsvReader} splits a file: the field delimiter, whether the first line is a header,
 * and which columns to leave out. Made from {@link #defaults()} and named setters, e.g.
 * {@code CsvOptions.defaults().withDelimiter(';').withHeader(false)}. Immutable (each
 * {@code with…} returns new options), so thread-safe.
 *
 * <ul>
 *   <li>{@link #delimiter()}: the field separator, or {@link #AUTO} to pick the most frequent of
 *       {@code , \t ; |} (outside quotes) on the first line, comma when none occurs (the
 *       default).
 *   <li>{@link #header()}: true when the first line names the columns (the default); without a
 *       header the columns are named by their 1-based number, "1", "2", …, and the target
 *       column is given by its number.
 *   <li>{@link #ignoredColumns()}: columns that {@link CsvReader#read} leaves out of the data set
 *       (an id, a date, free text): neither features nor the target, and their cells need not be
 *       numbers; each must be a column of the file and none the target. Empty by default, when
 *       every column but the target is a feature. (Reading rows to predict,
 *       {@link CsvReader#readFeatures}, ignores every column the model does not take anyway.)
 * </ul>
 */
public final class CsvOptions {
  /** Delimiter value meaning "detect from the first line". */
  public static final char AUTO = '\0';

  private final char delimiter;
  private final boolean header;
  private final List<String> ignoredColumns;

  private CsvOptions(char delimiter, boolean header, List<String> ignoredColumns) {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException(
          "delimiter " + Numbers.quote(String.valueOf(delimiter)) + " cannot separate fields");
    }
    for (int i = 0; i < ignoredColumns.size(); i++) {
      Objects.requireNonNull(ignoredColumns.get(i), "ignoredColumns: name " + i + " is null");
    }
    List<String> names = List.copyOf(ignoredColumns);
    java.util.Optional<String> twice = Repeats.first(names.stream().map(Numbers::quote)
        .toList(), quoted -> quoted);
    if (twice.isPresent()) {
      throw InputException.about("ignoredColumns", " must be distinct; " + twice.get());
    }
    this.delimiter = delimiter;
    this.header = header;
    this.ignoredColumns = names;
  }

  /** Detected delimiter, header line required, every column but the target a feature. */
  public static CsvOptions defaults() {
    return new CsvOptions(AUTO, true, List.of());
  }

  /** These options with the delimiter {@code newDelimiter} ({@link #AUTO}: detected). */
  public CsvOptions withDelimiter(char newDelimiter) {
    return new CsvOptions(newDelimiter, header, ignoredColumns);
  }

  /**
   * These options with or without a header line (without: the columns are named "1", "2", …
   * and the target is given by its number).
   */
  public CsvOptions withHeader(boolean newHeader) {
    return new CsvOptions(delimiter, newHeader, ignoredColumns);
  }

  /**
   * These options leaving {@code names} out of the data set ({@link #ignoredColumns}), e.g.
   * {@code CsvOptions.defaults().withIgnoredColumns("id")}; replaces any given before.
   */
  public CsvOptions withIgnoredColumns(String... names) {
    return new CsvOptions(delimiter, header, Arrays.asList(names));
  }

  /** The field separator, or {@link #AUTO}: detected from the first line. */
  public char delimiter() {
    return delimiter;
  }

  /** Whether the first line names the columns. */
  public boolean header() {
    return header;
  }

  /** The columns left out of the data set, in the order given; unmodifiable. */
  public List<String> ignoredColumns() {
    return ignoredColumns;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvOptions other && delimiter == other.delimiter
        && header == other.header && ignoredColumns.equals(other.ignoredColumns);
  }

  @Override
  public int hashCode() {
    return Objects.hash(delimiter, header, ignoredColumns);
  }

  @Override
  public String toString() {
    return "CsvOptions[delimiter=" + (delimiter == AUTO ? "auto"
        : Numbers.quote(String.valueOf(delimiter))) + ", header=" + header
        + ", ignoredColumns=" + ignoredColumns + "]";
  }
}
