package dev.tikhonov.data;

import dev.tikhonov.internal.data.Numbers;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into records of fields, tracking the line each record starts on.
 *
 * <p>Fields may be quoted with {@code "}; inside quotes {@code ""} is a quote and delimiters and
 * line breaks are literal. Spaces before an opening quote and after a closing quote are
 * allowed. Line breaks are LF, CRLF or CR. Empty lines are skipped. A UTF-8 byte order mark at
 * the start is dropped.
 */
final class CsvTokenizer {
  private static final char[] CANDIDATES = {',', '\t', ';', '|'};

  private final Reader in;
  private final String source;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private char delimiter;
  private long line = 1;
  private long recordLine;
  private List<String> pending;
  private long pendingLine;

  CsvTokenizer(Reader in, String source, char delimiter) throws IOException {
    this.in = in;
    this.source = source;
    fill();
    if (limit > 0 && buffer[0] == '\uFEFF') {
      position = 1;
    }
    this.delimiter = delimiter == CsvOptions.AUTO ? detect() : delimiter;
  }

  char delimiter() {
    return delimiter;
  }

  /** Line on which the record last returned by {@link #next()} starts (1-based). */
  long recordLine() {
    return recordLine;
  }

  /** Makes {@code record}, just returned by {@link #next()}, the next record again. */
  void pushBack(List<String> record) {
    pending = record;
    pendingLine = recordLine;
  }

  /** The next record's fields, or null at the end of the input. */
  List<String> next() throws IOException {
    if (pending != null) {
      List<String> record = pending;
      pending = null;
      recordLine = pendingLine;
      return record;
    }
    while (true) {
      int c = peek();
      if (c < 0) {
        return null;
      }
      if (c == '\n' || c == '\r') {
        endLine();
        continue;
      }
      break;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      int spaces = 0;
      while (peek() == ' ' && delimiter != ' ') {
        take();
        spaces++;
      }
      if (peek() == '"') {
        take();
        readQuoted(field, fields.size() + 1);
      } else {
        field.append(" ".repeat(spaces));
        while (true) {
          int c = peek();
          if (c < 0 || c == delimiter || c == '\n' || c == '\r') {
            break;
          }
          field.append((char) take());
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      int c = peek();
      if (c == delimiter) {
        take();
        continue;
      }
      if (c == '\n' || c == '\r') {
        endLine();
      }
      return fields;
    }
  }

  private void readQuoted(StringBuilder field, int column) throws IOException {
    long startLine = line;
    while (true) {
      int c = take();
      if (c < 0) {
        throw InputException.at(source, startLine, column,
            "quoted field is not closed: no matching \" before the end of the file");
      }
      if (c == '"') {
        if (peek() == '"') {
          take();
          field.append('"');
          continue;
        }
        break;
      }
      if (c == '\n' || (c == '\r' && peek() != '\n')) {
        line++;
      }
      field.append((char) c);
    }
    while (peek() == ' ' && delimiter != ' ') {
      take();
    }
    int c = peek();
    if (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
      throw InputException.at(source, line, column,
          "unexpected " + Numbers.quote(String.valueOf((char) c))
              + " after a closing quote; expected the delimiter or the end of the line");
    }
  }

  private void endLine() throws IOException {
    if (take() == '\r' && peek() == '\n') {
      take();
    }
    line++;
  }

  private int peek() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position];
  }

  private int take() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++];
  }

  private boolean fill() throws IOException {
    position = 0;
    limit = 0;
    int got = in.read(buffer, 0, buffer.length);
    while (got == 0) {
      got = in.read(buffer, 0, buffer.length);
    }
    if (got < 0) {
      return false;
    }
    limit = got;
    return true;
  }

  /** The most frequent candidate outside quotes on the first non-empty line in the buffer. */
  private char detect() {
    int[] counts = new int[CANDIDATES.length];
    boolean quoted = false;
    boolean started = false;
    for (int i = position; i < limit; i++) {
      char c = buffer[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        if (started) {
          break;
        }
      } else if (!quoted) {
        started = true;
        for (int k = 0; k < CANDIDATES.length; k++) {
          if (c == CANDIDATES[k]) {
            counts[k]++;
          }
        }
      }
    }
    int best = 0;
    for (int k = 1; k < CANDIDATES.length; k++) {
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    return CANDIDATES[best];
  }
}
