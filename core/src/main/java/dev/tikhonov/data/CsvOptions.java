package dev.tikhonov.data;

import dev.tikhonov.internal.data.Numbers;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How {@link CsvReader} splits a file. Immutable, so thread-safe.
 *
 * @param delimiter the field separator, or {@link #AUTO} to pick the most frequent of
 *     {@code , \t ; |} (outside quotes) on the first line, comma when none occurs
 * @param header true when the first line names the columns (the default); without a header
 *     the columns are named by their 1-based number, "1", "2", …, and the target column is
 *     given by its number
 * @param ignoredColumns columns that {@link CsvReader#read} leaves out of the data set (an id,
 *     a date, free text): neither features nor the target, and their cells need not be
 *     numbers; each must be a column of the file and none the target. Empty by default, when
 *     every column but the target is a feature. (Reading rows to predict,
 *     {@link CsvReader#readFeatures}, ignores every column the model does not take anyway.)
 */
public record CsvOptions(char delimiter, boolean header, List<String> ignoredColumns) {
  /** Delimiter value meaning "detect from the first line". */
  public static final char AUTO = '\0';

  public CsvOptions {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException(
          "delimiter " + Numbers.quote(String.valueOf(delimiter)) + " cannot separate fields");
    }
    Objects.requireNonNull(ignoredColumns, "ignoredColumns");
    for (int i = 0; i < ignoredColumns.size(); i++) {
      Objects.requireNonNull(ignoredColumns.get(i), "ignoredColumns: name " + i + " is null");
    }
    ignoredColumns = List.copyOf(ignoredColumns);
    java.util.Set<String> seen = new HashSet<>();
    for (String name : ignoredColumns) {
      if (!seen.add(name)) {
        throw InputException.about("ignoredColumns", " names " + Numbers.quote(name)
            + " twice; name each column once, got " + ignoredColumns);
      }
    }
  }

  /** {@code delimiter} and {@code header}, no column ignored. */
  public CsvOptions(char delimiter, boolean header) {
    this(delimiter, header, List.of());
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
}
