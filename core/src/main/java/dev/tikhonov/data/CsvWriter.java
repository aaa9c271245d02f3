package dev.tikhonov.data;

import java.util.List;

/**
 * Builds RFC 4180 CSV text: comma-separated cells, a cell quoted (with inner quotes doubled)
 * when it holds a comma, a quote, a line break or leading/trailing spaces, each record ending
 * in "\n". The one way tikhonov writes CSV, so every header and row has the same number of
 * fields whatever the names hold, and {@link CsvReader} reads back exactly what was written.
 * Not thread-safe.
 */
public final class CsvWriter {
  private final StringBuilder text = new StringBuilder();

  /** An empty text: {@link #toString()} is "" until a record is appended. */
  public CsvWriter() {}


  /** Appends one record. */
  public CsvWriter row(List<String> cells) {
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        text.append(',');
      }
      text.append(cell(cells.get(c)));
    }
    text.append('\n');
    return this;
  }

  /** Appends one record. */
  public CsvWriter row(String... cells) {
    return row(List.of(cells));
  }

  /** The CSV so far. */
  @Override
  public String toString() {
    return text.toString();
  }

  /** {@code s} as one CSV cell, quoted when it must be. */
  public static String cell(String s) {
    boolean quote = s.isEmpty() ? false
        : s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
            || s.indexOf('\r') >= 0 || Character.isWhitespace(s.charAt(0))
            || Character.isWhitespace(s.charAt(s.length() - 1));
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
