package dev.tikhonov.data;

import dev.tikhonov.internal.data.Numbers;

/**
 * How {@link CsvReader} splits a file. Immutable, so thread-safe.
 *
 * @param delimiter the field separator, or {@link #AUTO} to pick the most frequent of
 *     {@code , \t ; |} (outside quotes) on the first line, comma when none occurs
 * @param header true when the first line names the columns (the default); without a header
 *     the columns are named by their 1-based number, "1", "2", …, and the target column is
 *     given by its number
 */
public record CsvOptions(char delimiter, boolean header) {
  /** Delimiter value meaning "detect from the first line". */
  public static final char AUTO = '\0';

  public CsvOptions {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException(
          "delimiter " + Numbers.quote(String.valueOf(delimiter)) + " cannot separate fields");
    }
  }

  /** Detected delimiter, header line required. */
  public static CsvOptions defaults() {
    return new CsvOptions(AUTO, true);
  }

  public CsvOptions withDelimiter(char newDelimiter) {
    return new CsvOptions(newDelimiter, header);
  }

  public CsvOptions withHeader(boolean newHeader) {
    return new CsvOptions(delimiter, newHeader);
  }
}
