package dev.tikhonov.data;

import dev.tikhonov.internal.data.ClassLabels;
import dev.tikhonov.internal.data.CloseNames;
import dev.tikhonov.internal.data.Numbers;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Reads a data set from delimited text (CSV, TSV, …; RFC 4180 quoting; UTF-8).
 *
 * <p>One column is the target; every other column is a feature and must hold a finite number
 * in every row (held in double precision, within the float32 range so that any model can
 * be trained on it: a column to train on, feature or numeric target, holding a value below
 * float32's smallest normal number 1.18e-38 that is not negligible beside the column's largest,
 * at least 2⁻²⁴ of it, is refused, naming it, as float32 would round that value to 0 or to few
 * digits: docs/data.md). Features are not scaled here: fit a {@link Standardizer} on the
 * training rows. Bad input gives an {@link InputException}
 * that names
 * {@code file:line:column (column "name")} and what was expected, e.g.
 * {@code data.csv:17:3 (column "age"): expected a number, found "abc"}, where the column is the
 * 1-based field number (the third field, "age"); only a byte that is not UTF-8 is placed by
 * character, {@code data.csv:17:12: not valid UTF-8 text (byte 0xE9 at character 12 of the line,
 * …)}, characters counted as an editor counts them (code points). Empty cells, missing
 * markers (NA, null, ?), NaN and infinities are rejected, not imputed. Stateless: each call reads
 * through its own tokenizer, so calls on different files or streams may run on any threads at once.
 */
public final class CsvReader {
  /** Largest number of stored values: a float32 matrix of at most 2 GiB. */
  static final long MAX_VALUES = Integer.MAX_VALUE / 4;

  private CsvReader() {}

  /** Reads {@code file} with a header line and a detected delimiter. */
  public static Dataset read(Path file, String targetColumn, TargetKind kind) {
    return read(file, targetColumn, kind, CsvOptions.defaults());
  }

  /**
   * Reads {@code file} (gzip too) as {@code options} say: the delimiter, whether there is a
   * header line, which columns to leave out ({@link CsvOptions#withIgnoredColumns}). Every other
   * column but {@code targetColumn} is a numeric feature; bad input is an
   * {@link InputException} naming the file, line and column.
   */
  public static Dataset read(Path file, String targetColumn, TargetKind kind, CsvOptions options) {
    return DataFiles.read(file, in -> read(in, file.toString(), targetColumn, kind, options));
  }

  /** Reads UTF-8 text from {@code in} (not closed), naming {@code sourceName} in messages. */
  public static Dataset read(
      InputStream in, String sourceName, String targetColumn, TargetKind kind,
      CsvOptions options) {
    requireArguments(in, sourceName, options);
    Objects.requireNonNull(targetColumn, "targetColumn");
    Objects.requireNonNull(kind, "kind");
    try {
      CsvTokenizer tokens = new CsvTokenizer(utf8(in, sourceName), sourceName,
          options.delimiter());
      List<String> columns = columns(tokens, sourceName, options);
      int target = columns.indexOf(targetColumn);
      if (target < 0) {
        throw new InputException(
            sourceName + ": no target column " + Numbers.quote(targetColumn)
                + "; available columns: " + list(columns)
                + CloseNames.column(targetColumn, columns) + headerHint(columns, options));
      }
      int width = columns.size();
      boolean[] ignored = ignored(columns, target, options.ignoredColumns(), sourceName);
      List<String> featureNames = new ArrayList<>();
      for (int c = 0; c < width; c++) {
        if (c != target && !ignored[c]) {
          featureNames.add(columns.get(c));
        }
      }
      int p = featureNames.size();
      if (p == 0 && options.ignoredColumns().isEmpty()) {
        throw new InputException(sourceName + ": no feature columns; the only column is the"
            + " target " + Numbers.quote(targetColumn));
      }
      if (p == 0) {
        throw InputException.about("ignoredColumns", ": " + sourceName + ": no feature columns;"
            + " the only columns are the target " + Numbers.quote(targetColumn)
            + " and the ignored " + list(options.ignoredColumns()));
      }
      List<double[]> features = new ArrayList<>();
      List<Double> realTargets = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      long rows = 0;
      List<String> fields;
      while ((fields = tokens.next()) != null) {
        requireWidth(fields, width, tokens, sourceName);
        if ((rows + 1) * p > MAX_VALUES) {
          throw tooLarge(sourceName, tokens.recordLine());
        }
        double[] row = new double[p];
        for (int c = 0, j = 0; c < width; c++) {
          String cell = fields.get(c);
          if (ignored[c]) {
            continue;
          }
          if (c != target) {
            row[j++] = numberOrText(cell, tokens, c, columns, sourceName,
                TextColumnException::new);
          } else if (kind == TargetKind.REAL) {
            realTargets.add(numberOrText(cell, tokens, c, columns, sourceName,
                TextTargetException::new));
          } else if (kind == TargetKind.CLASS) {
            labels.add(label(cell, tokens, c, columns, sourceName));
          }
        }
        features.add(row);
        rows++;
      }
      if (rows == 0) {
        throw new InputException(
            sourceName + ": no data rows"
                + (options.header() ? " (only a header line)" : "") + "; expected at least one");
      }
      int n = (int) rows;
      double[][] x = features.toArray(new double[0][]);
      double[] y = new double[n];
      if (kind != TargetKind.UNUSED) {
        requireFloat32Columns(x, featureNames, sourceName);
      }
      if (kind != TargetKind.CLASS) {
        Numbers.Float32Column targets = new Numbers.Float32Column();
        for (int i = 0; i < n && kind == TargetKind.REAL; i++) {
          y[i] = realTargets.get(i);
          targets.add(y[i]);
        }
        requireFloat32Column(targets, targetColumn, sourceName);
        return Dataset.fromRows(x, y, featureNames, options.header(), List.of(), sourceName);
      }
      ClassLabels classes = ClassLabels.of(labels);
      for (int i = 0; i < n; i++) {
        y[i] = classes.indexOf(labels.get(i));
      }
      return Dataset.fromRows(x, y, featureNames, options.header(), classes.names(),
          sourceName);
    } catch (CharacterCodingException e) {
      throw notUtf8(sourceName, e);
    } catch (IOException e) {
      throw DataFiles.cannotRead(sourceName, e);
    }
  }

  /**
   * Reads the columns {@code expectedColumns}, in that order, as n rows of p values: input for
   * prediction with a model trained on those features. Other columns (an id, the target) are
   * ignored and need not be numeric; a missing column is an error. Columns that
   * {@link CsvOptions#ignoredColumns} names must be columns of the file and not among
   * {@code expectedColumns}.
   */
  public static double[][] readFeatures(Path file, List<String> expectedColumns) {
    return readFeatures(file, expectedColumns, CsvOptions.defaults());
  }

  /** As {@link #readFeatures(Path, List)}, with the delimiter and header that {@code options} give. */
  public static double[][] readFeatures(Path file, List<String> expectedColumns, CsvOptions options) {
    return DataFiles.read(file,
        in -> readFeatures(in, file.toString(), expectedColumns, options));
  }

  /** {@link #readFeatures(Path, List)} from a UTF-8 stream (not closed). */
  public static double[][] readFeatures(
      InputStream in, String sourceName, List<String> expectedColumns, CsvOptions options) {
    requireArguments(in, sourceName, options);
    Objects.requireNonNull(expectedColumns, "expectedColumns");
    try {
      CsvTokenizer tokens = new CsvTokenizer(utf8(in, sourceName), sourceName,
          options.delimiter());
      List<String> columns = columns(tokens, sourceName, options);
      requireIgnorable(columns, expectedColumns, null, options.ignoredColumns(), sourceName);
      int p = expectedColumns.size();
      int[] take = new int[p];
      for (int j = 0; j < p; j++) {
        take[j] = columns.indexOf(expectedColumns.get(j));
        if (take[j] < 0) {
          throw new InputException(
              sourceName + ": missing column " + Numbers.quote(expectedColumns.get(j))
                  + " that the model expects; available columns: " + list(columns));
        }
      }
      List<double[]> features = new ArrayList<>();
      long rows = 0;
      List<String> fields;
      while ((fields = tokens.next()) != null) {
        requireWidth(fields, columns.size(), tokens, sourceName);
        if ((rows + 1) * p > MAX_VALUES) {
          throw tooLarge(sourceName, tokens.recordLine());
        }
        double[] row = new double[p];
        for (int j = 0; j < p; j++) {
          row[j] = number(fields.get(take[j]), tokens, take[j], columns, sourceName);
        }
        features.add(row);
        rows++;
      }
      if (rows == 0) {
        throw new InputException(sourceName + ": no data rows; expected at least one");
      }
      return features.toArray(new double[0][]);
    } catch (CharacterCodingException e) {
      throw notUtf8(sourceName, e);
    } catch (IOException e) {
      throw DataFiles.cannotRead(sourceName, e);
    }
  }

  /**
   * The text of the columns {@code columns} of {@code file}, row by row, as the cells stand in
   * the file with their CSV quotes taken off (RFC 4180: "a,""b""" is a,"b"); no cell need be a
   * number. The rows are those {@link #readFeatures(Path, List, CsvOptions)} reads with the same
   * {@code options}, in the same order (the header excluded, blank lines skipped), so row i
   * here is its row i: for carrying a column of identifiers beside predictions.
   *
   * @param columns names of columns of the file, at least one
   * @return one immutable list of cells per data row, in the order of {@code columns}
   * @throws InputException naming the file when a column is not in it (with the names close to
   *     it), or a row's width differs from the header's ("file:line: expected 4 fields …")
   */
  public static List<List<String>> readText(Path file, List<String> columns,
      CsvOptions options) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(columns, "columns");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("columns: expected at least one column name");
    }
    String source = file.toString();
    return DataFiles.read(file, in -> {
      try {
        return readText(new CsvTokenizer(utf8(in, source), source, options.delimiter()),
            source, columns, options);
      } catch (CharacterCodingException e) {
        throw notUtf8(source, e);
      }
    });
  }

  private static List<List<String>> readText(CsvTokenizer tokens, String source,
      List<String> columns, CsvOptions options) throws IOException {
    List<String> header = columns(tokens, source, options);
    int[] take = new int[columns.size()];
    for (int j = 0; j < take.length; j++) {
      take[j] = header.indexOf(columns.get(j));
      if (take[j] < 0) {
        throw new InputException(source + ": no column " + Numbers.quote(columns.get(j))
            + "; available columns: " + list(header)
            + CloseNames.column(columns.get(j), header));
      }
    }
    List<List<String>> rows = new ArrayList<>();
    List<String> fields;
    while ((fields = tokens.next()) != null) {
      requireWidth(fields, header.size(), tokens, source);
      String[] row = new String[take.length];
      for (int j = 0; j < take.length; j++) {
        row[j] = fields.get(take[j]);
      }
      rows.add(List.of(row));
    }
    return List.copyOf(rows);
  }

  /**
   * Reads data to evaluate a model on: the columns {@code columns} (the model's features, and
   * an offset column if it has one), in that order, and the target {@code targetColumn}; other
   * columns are ignored and need not be numeric, as for {@link #readFeatures}. {@code classes}
   * is empty for a model that predicts numbers (the target must then be a finite number), else
   * the model's class names: each label must be one of them ({@link ClassLabels#indexIn}: by
   * name, or by numeric value when both are numbers) and the data set has exactly these classes,
   * so data of a single class (a recall on the positives) are evaluated.
   */
  public static Dataset readLabelled(Path file, List<String> columns, String targetColumn,
      List<String> classes) {
    return readLabelled(file, columns, targetColumn, classes, CsvOptions.defaults());
  }

  /**
   * {@link #readLabelled(Path, List, String, List)} with {@code options}; its ignored columns
   * must be columns of the file, neither the target nor one of {@code columns}.
   */
  public static Dataset readLabelled(Path file, List<String> columns, String targetColumn,
      List<String> classes, CsvOptions options) {
    return DataFiles.read(file, in -> readLabelled(in, file.toString(), columns, targetColumn,
        classes, options));
  }

  /** {@link #readLabelled(Path, List, String, List)} from a UTF-8 stream (not closed). */
  public static Dataset readLabelled(InputStream in, String sourceName, List<String> columns,
      String targetColumn, List<String> classes, CsvOptions options) {
    requireArguments(in, sourceName, options);
    Objects.requireNonNull(columns, "columns");
    Objects.requireNonNull(targetColumn, "targetColumn");
    List<String> known = List.copyOf(Objects.requireNonNull(classes, "classes"));
    try {
      CsvTokenizer tokens = new CsvTokenizer(utf8(in, sourceName), sourceName,
          options.delimiter());
      List<String> header = columns(tokens, sourceName, options);
      int target = header.indexOf(targetColumn);
      if (target < 0) {
        throw new InputException(sourceName + ": no target column "
            + Numbers.quote(targetColumn) + "; available columns: " + list(header)
            + CloseNames.column(targetColumn, header) + headerHint(header, options));
      }
      if (columns.contains(targetColumn)) {
        throw new InputException(sourceName + ": the target column "
            + Numbers.quote(targetColumn) + " is one of the model's input columns");
      }
      requireIgnorable(header, columns, targetColumn, options.ignoredColumns(), sourceName);
      int p = columns.size();
      int[] take = new int[p];
      for (int j = 0; j < p; j++) {
        take[j] = header.indexOf(columns.get(j));
        if (take[j] < 0) {
          throw new InputException(sourceName + ": missing column "
              + Numbers.quote(columns.get(j)) + " that the model expects; available columns: "
              + list(header));
        }
      }
      List<double[]> rows = new ArrayList<>();
      DoubleList targets = new DoubleList();
      List<String> fields;
      while ((fields = tokens.next()) != null) {
        requireWidth(fields, header.size(), tokens, sourceName);
        if ((rows.size() + 1L) * p > MAX_VALUES) {
          throw tooLarge(sourceName, tokens.recordLine());
        }
        double[] row = new double[p];
        for (int j = 0; j < p; j++) {
          row[j] = number(fields.get(take[j]), tokens, take[j], header, sourceName);
        }
        if (known.isEmpty()) {
          targets.add(number(fields.get(target), tokens, target, header, sourceName));
        } else {
          String label = label(fields.get(target), tokens, target, header, sourceName);
          int k = ClassLabels.indexIn(known, label);
          if (k < 0) {
            throw at(sourceName, tokens, target, header, "label " + Numbers.quote(label)
                + " is not one of the model's classes " + ClassLabels.listed(known));
          }
          targets.add(k);
        }
        rows.add(row);
      }
      if (rows.isEmpty()) {
        throw new InputException(sourceName + ": no data rows; expected at least one");
      }
      double[] y = new double[rows.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = targets.get(i);
      }
      return Dataset.fromRows(rows.toArray(new double[0][]), y, columns, options.header(),
          known, sourceName);
    } catch (CharacterCodingException e) {
      throw notUtf8(sourceName, e);
    } catch (IOException e) {
      throw DataFiles.cannotRead(sourceName, e);
    }
  }

  /**
   * The 1-based line of {@code file} on which its {@code record}-th data record (1-based, the
   * header not counted) starts, counted as the readers count lines (blank lines are skipped, a
   * quoted field may span lines), so that a problem found in that row of the values read can
   * be shown at its place in the file; empty when the file holds fewer records. Reads the file
   * again, up to that record.
   */
  public static java.util.OptionalLong lineOfRecord(Path file, long record, CsvOptions options) {
    return DataFiles.read(file, in -> {
      CsvTokenizer tokens = new CsvTokenizer(utf8(in, file.toString()), file.toString(),
          options.delimiter());
      if (options.header() && tokens.next() == null) {
        return java.util.OptionalLong.empty();
      }
      for (long r = 1; tokens.next() != null; r++) {
        if (r == record) {
          return java.util.OptionalLong.of(tokens.recordLine());
        }
      }
      return java.util.OptionalLong.empty();
    });
  }

  /**
   * The names of {@code file}'s columns as {@code options} read them (its header line; "1",
   * "2", … when the file has none), the header alone read: for a caller that checks a column
   * it names (a column of weights) before reading the rows.
   *
   * @throws InputException naming the file when it is empty, cannot be read, or its header
   *     names a column twice
   */
  public static List<String> columns(Path file, CsvOptions options) {
    Objects.requireNonNull(options, "options");
    return DataFiles.read(file, in -> columns(new CsvTokenizer(utf8(in, file.toString()),
        file.toString(), options.delimiter()), file.toString(), options));
  }

  /**
   * "not valid UTF-8 text", with the likely cause and its remedy: a file saved by a spreadsheet
   * or an older Windows program in Latin-1 or Windows-1252 (é, ü as one byte). The message said
   * only that it was not UTF-8.
   */
  static InputException notUtf8(String sourceName, CharacterCodingException e) {
    // file:line:column as the readers' other messages, and the byte itself: a line of
    // thousands of bytes, or the same name twice, otherwise left the user searching. The column
    // is a character (code point) column, said in words: a CSV file's other messages give the
    // field number there.
    String where = e instanceof Utf8Reader.Malformed m
        ? ":" + m.line + ":" + m.column + ": not valid UTF-8 text (byte "
            + String.format("0x%02X", m.firstByte) + " at character " + m.column
            + " of the line, byte offset " + m.offset + "; saved as"
        : ": not valid UTF-8 text (saved as";
    return new InputException(sourceName + where + " Latin-1 or Windows-1252? convert it, e.g."
        + " iconv -f WINDOWS-1252 -t UTF-8 < " + sourceName + " > " + converted(sourceName)
        + ")", e);
  }

  /**
   * The name of the converted copy that a remedy's iconv command writes: the file's own name
   * with ".utf8" before its extension (data/x.svm → x.utf8.svm), so that it is read as the
   * same format; a LIBSVM user was told to write converted.csv.
   */
  static String converted(String sourceName) {
    String name = java.nio.file.Path.of(sourceName).getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) + ".utf8" + name.substring(dot) : name + ".utf8";
  }

  /**
   * The stream readers' arguments, checked before reading: a null source name surfaced only
   * with the input's first error, as a NullPointerException from the message it was to name.
   */
  private static void requireArguments(InputStream in, String sourceName, CsvOptions options) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(options, "options");
  }

  static Reader utf8(InputStream in, String sourceName) throws IOException {
    InputStream buffered = in.markSupported() ? in : new java.io.BufferedInputStream(in);
    requireNotUtf16(buffered, sourceName);
    requireNotBinary(buffered, sourceName);
    return new Utf8Reader(buffered);
  }

  /**
   * Refuses a workbook, an archive or compressed data other than gzip (which {@link
   * DataFiles#decompressed} reads), named by its magic bytes with its remedy: an Excel sheet
   * saved under a .csv name, or a data.csv.zip/.bz2/.xz/.zst download, was read as text and
   * refused as "not valid UTF-8 … saved as Latin-1 or Windows-1252? convert it, e.g. iconv …",
   * advice that cannot help. No header line starts like these: each magic holds a control
   * character or a byte that is not ASCII, Parquet's "PAR1" is followed by one, and bzip2's
   * "BZh" and block size by the six-byte signature of its first block (or of its end).
   */
  private static void requireNotBinary(InputStream in, String sourceName) throws IOException {
    in.mark(10);
    byte[] head = in.readNBytes(10);
    in.reset();
    String remedy;
    String kind;
    if (starts(head, 'P', 'K', 3, 4) || starts(head, 'P', 'K', 5, 6)) {
      kind = "a ZIP archive (it starts with \"PK\"), e.g. an Excel .xlsx workbook";
      remedy = "save the sheet as \"CSV UTF-8\", or unzip the archive";
    } else if (starts(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      kind = "an Excel 97-2003 workbook (.xls)";
      remedy = "save the sheet as \"CSV UTF-8\"";
    } else if (starts(head, 'B', 'Z', 'h') && head.length == 10 && head[3] >= '1'
        && head[3] <= '9' && (startsAt(head, 4, '1', 'A', 'Y', '&', 'S', 'Y')
            || startsAt(head, 4, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90))) {
      kind = "bzip2-compressed data";
      remedy = "decompress it (bunzip2 -k " + sourceName + ") or compress it with gzip";
    } else if (starts(head, 0xFD, '7', 'z', 'X', 'Z', 0)) {
      kind = "xz-compressed data";
      remedy = "decompress it (unxz -k " + sourceName + ") or compress it with gzip";
    } else if (starts(head, 0x28, 0xB5, 0x2F, 0xFD)) {
      kind = "Zstandard-compressed data";
      remedy = "decompress it (unzstd " + sourceName + ") or compress it with gzip";
    } else if (starts(head, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
      kind = "a 7-Zip archive";
      remedy = "extract it (7z x " + sourceName + ")";
    } else if (starts(head, 'P', 'A', 'R', '1') && head.length > 4
        && ((head[4] & 0xFF) < 0x20 || (head[4] & 0xFF) > 0x7F) && head[4] != '\n'
        && head[4] != '\r' && head[4] != '\t') {
      kind = "an Apache Parquet file";
      remedy = "write it as CSV, e.g. with pandas: read_parquet(...).to_csv(..., index=False)";
    } else {
      return;
    }
    throw new InputException(sourceName + ": " + kind + ", not text; tikhonov reads UTF-8"
        + " text, plain or gzip'd: " + remedy);
  }

  /** Whether {@code head} starts with the bytes {@code magic} (each 0..255). */
  private static boolean starts(byte[] head, int... magic) {
    return startsAt(head, 0, magic);
  }

  /** Whether {@code head} holds the bytes {@code magic} (each 0..255) from index {@code at}. */
  private static boolean startsAt(byte[] head, int at, int... magic) {
    if (head.length < at + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[at + i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Refuses UTF-16 text, which spreadsheet programs write ("Unicode text"), naming it: with a
   * byte-order mark it was "not valid UTF-8 text", without one its zero bytes became part of
   * every name ({@code no target column "y"; available columns: "a\x00g\x00e\x00", …}).
   * Without a mark, the first 64 bytes having a zero at every odd (or every even) position and
   * nowhere else is the sign; a text file holds no zero bytes.
   */
  private static void requireNotUtf16(InputStream in, String sourceName) throws IOException {
    in.mark(64);
    byte[] head = in.readNBytes(64);
    in.reset();
    String kind = null;
    if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      kind = "UTF-16 text (it starts with the byte-order mark FF FE)";
    } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      kind = "UTF-16 text (it starts with the byte-order mark FE FF)";
    } else if (head.length >= 4 && head.length % 2 == 0) {
      boolean oddZero = true;
      boolean evenZero = true;
      for (int i = 0; i < head.length; i++) {
        boolean zero = head[i] == 0;
        if (i % 2 == 1) {
          oddZero &= zero;
          evenZero &= !zero;
        } else {
          oddZero &= !zero;
          evenZero &= zero;
        }
      }
      if (oddZero || evenZero) {
        kind = "UTF-16" + (oddZero ? "LE" : "BE") + " text (every second byte of its start is"
            + " 0)";
      }
    }
    if (kind != null) {
      throw new InputException(sourceName + ": " + kind + ", but tikhonov reads UTF-8; convert"
          + " it, e.g. iconv -f UTF-16 -t UTF-8 < " + sourceName + " > " + converted(sourceName)
          + (sourceName.endsWith(".csv") ? ", or save it as \"CSV UTF-8\"" : ""));
    }
  }

  /** The header's column names, or "1".."m" from the first record's width without a header. */
  /**
   * After "no target column": when the header read holds only numbers, the file most likely
   * has no header line and its first row was taken for one (its values listed as the
   * "available columns").
   */
  private static String headerHint(List<String> header, CsvOptions options) {
    if (!options.header() || header.isEmpty()) {
      return "";
    }
    for (String name : header) {
      try {
        Double.parseDouble(name);
      } catch (NumberFormatException e) {
        return "";
      }
    }
    return "; the first line, read as the header, holds only numbers: if the file has no"
        + " header line, it needs one naming the columns";
  }

  private static List<String> columns(CsvTokenizer tokens, String source, CsvOptions options)
      throws IOException {
    if (!options.header()) {
      // The first record fixes the width; it is data, so hand it back to the tokenizer.
      List<String> first = tokens.next();
      if (first == null) {
        throw new InputException(source + ": empty file; expected data rows");
      }
      tokens.pushBack(first);
      List<String> numbers = new ArrayList<>(first.size());
      for (int c = 1; c <= first.size(); c++) {
        numbers.add(Integer.toString(c));
      }
      return numbers;
    }
    List<String> header = tokens.next();
    if (header == null) {
      throw new InputException(source + ": empty file; expected a header line and data rows");
    }
    Map<String, Integer> seen = new HashMap<>();
    List<String> names = new ArrayList<>(header.size());
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c).strip();
      if (name.isEmpty()) {
        // read as the feature "", a pandas index (whose header cell is empty) was fitted on
        throw InputException.at(source, tokens.recordLine(), c + 1, "column " + (c + 1)
            + " has no name; a model finds its columns by name: name it in the header (a pandas"
            + " index saved by to_csv has none: save with index=False)");
      }
      Integer before = seen.putIfAbsent(name, c);
      if (before != null) {
        throw InputException.at(source, tokens.recordLine(), c + 1,
            "duplicate column name " + Numbers.quote(name) + " (also column " + (before + 1)
                + ")");
      }
      names.add(name);
    }
    return names;
  }

  private static void requireWidth(
      List<String> fields, int width, CsvTokenizer tokens, String source) {
    if (fields.size() != width) {
      throw InputException.at(source, tokens.recordLine(), 0,
          "expected " + width + " fields (as in the first line), found " + fields.size()
              + (tokens.delimiter() == '\t' ? " (tab-delimited)"
                  : " (delimiter " + Numbers.quote(String.valueOf(tokens.delimiter())) + ")"));
    }
  }

  /**
   * Which columns {@code ignoredColumns} names; each must exist and none be the target. Thrown
   * {@linkplain InputException#about about} the setting {@code ignoredColumns}.
   */
  private static boolean[] ignored(List<String> columns, int target, List<String> ignoredColumns,
      String source) {
    boolean[] out = new boolean[columns.size()];
    for (String name : ignoredColumns) {
      int c = columns.indexOf(name);
      if (c < 0) {
        throw InputException.about("ignoredColumns", ": " + source + ": no column "
            + Numbers.quote(name) + " to ignore; available columns: " + list(columns)
            + CloseNames.column(name, columns));
      }
      if (c == target) {
        throw InputException.about("ignoredColumns", ": " + source + ": column "
            + Numbers.quote(name) + " is the target; it cannot also be ignored");
      }
      out[c] = true;
    }
    return out;
  }

  /**
   * Reading rows for a model, where every column it does not take is left out anyway: each
   * of {@code ignoredColumns} must still be a column of the file, and none one that the model
   * takes ({@code taken}) or the target, so that a misspelt or contradictory setting is not
   * passed over in silence.
   */
  private static void requireIgnorable(List<String> header, List<String> taken,
      String targetColumn, List<String> ignoredColumns, String source) {
    for (String name : ignoredColumns) {
      if (!header.contains(name)) {
        throw InputException.about("ignoredColumns", ": " + source + ": no column "
            + Numbers.quote(name) + " to ignore; available columns: " + list(header)
            + CloseNames.column(name, header));
      }
      if (name.equals(targetColumn)) {
        throw InputException.about("ignoredColumns", ": " + source + ": column "
            + Numbers.quote(name) + " is the target; it cannot also be ignored");
      }
      if (taken.contains(name)) {
        throw InputException.about("ignoredColumns", ": " + source + ": column "
            + Numbers.quote(name) + " is one the model takes as input; it cannot be ignored");
      }
    }
  }

  private static double number(
      String cell, CsvTokenizer tokens, int column, List<String> columns, String source) {
    try {
      return Numbers.parseValue(cell);
    } catch (Numbers.BadNumber e) {
      throw at(source, tokens, column, columns, e.getMessage());
    }
  }

  /**
   * {@link #number} for a cell where text has a remedy of its own: a feature that {@link #read}
   * took because it was not named as the target or ignored ({@link TextColumnException}: leave
   * the column out), or the target of a model that predicts numbers ({@link
   * TextTargetException}: a classifier). {@code onText} builds it from the cell's position and
   * problem and the column's name.
   */
  private static double numberOrText(String cell, CsvTokenizer tokens, int column,
      List<String> columns, String source, BiFunction<String, String, InputException> onText) {
    try {
      return Numbers.parseValue(cell);
    } catch (Numbers.BadNumber e) {
      InputException at = at(source, tokens, column, columns, e.getMessage());
      throw e.isText() ? onText.apply(at.getMessage(), columns.get(column)) : at;
    }
  }

  private static String label(
      String cell, CsvTokenizer tokens, int column, List<String> columns, String source) {
    String label = cell.strip();
    if (label.isEmpty()) {
      throw at(source, tokens, column, columns, "empty class label; missing values are not allowed");
    }
    return label;
  }

  private static InputException at(
      String source, CsvTokenizer tokens, int column, List<String> columns, String message) {
    return new InputException(
        source + ":" + tokens.recordLine() + ":" + (column + 1) + " (column "
            + Numbers.quote(columns.get(column)) + "): " + message);
  }

  /** {@link #requireFloat32Column} of each column of {@code x}, in one pass over the rows. */
  private static void requireFloat32Columns(double[][] x, List<String> names, String source) {
    Numbers.Float32Column[] columns = float32Columns(names.size());
    for (double[] row : x) {
      for (int j = 0; j < row.length; j++) {
        columns[j].add(row[j]);
      }
    }
    requireFloat32Columns(columns, names::get, source);
  }

  /**
   * {@code count} empty {@link Numbers.Float32Column}s, one per column, for a reader's one pass
   * over its values (the CSV reader's dense rows, the LIBSVM reader's nonzero values).
   */
  static Numbers.Float32Column[] float32Columns(int count) {
    Numbers.Float32Column[] columns = new Numbers.Float32Column[count];
    for (int j = 0; j < count; j++) {
      columns[j] = new Numbers.Float32Column();
    }
    return columns;
  }

  /** {@link #requireFloat32Column} of each of {@code columns}, column j named {@code name(j)}. */
  static void requireFloat32Columns(Numbers.Float32Column[] columns,
      java.util.function.IntFunction<String> name, String source) {
    for (int j = 0; j < columns.length; j++) {
      requireFloat32Column(columns[j], name.apply(j), source);
    }
  }

  /**
   * Refuses a column of data to train on that float32, which the networks train in, would round
   * to 0 or to few digits where it matters ({@link Numbers.Float32Column}): a column of 1e-301
   * was read as zeros, and its spread squared underflowed where the linear models standardize
   * in double (it was taken for a constant column and dropped without a word).
   */
  static void requireFloat32Column(Numbers.Float32Column values, String column,
      String source) {
    values.problem().ifPresent(problem -> {
      throw new InputException(source + " (column " + Numbers.quote(column) + "): " + problem);
    });
  }

  private static InputException tooLarge(String source, long line) {
    return InputException.at(source, line, 0,
        "too many values: a float32 matrix holds at most " + MAX_VALUES
            + " (2 GiB); split the data");
  }

  /** The names quoted, the first 30 of them, for messages that list a file's columns. */
  static String list(List<String> columns) {
    StringBuilder s = new StringBuilder();
    int shown = Math.min(columns.size(), 30);
    for (int c = 0; c < shown; c++) {
      s.append(c == 0 ? "" : ", ").append(Numbers.quote(columns.get(c)));
    }
    if (shown < columns.size()) {
      s.append(", … (").append(columns.size() - shown).append(" more)");
    }
    return s.toString();
  }
}
