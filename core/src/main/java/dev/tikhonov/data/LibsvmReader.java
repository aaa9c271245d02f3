package dev.tikhonov.data;

import dev.tikhonov.internal.data.ClassLabels;
import dev.tikhonov.internal.data.Numbers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the LIBSVM / svmlight format: one example per line,
 * {@code label index:value index:value … [# comment]}, indices 1-based and strictly
 * increasing, absent indices meaning 0.
 *
 * <p>The rows are kept sparse: the data set holds a {@link SparseMatrix} (compressed columns,
 * double), never a dense n×p array ({@link Dataset}: the elastic-net paths fit it as it is; a
 * model that needs dense data densifies it with a size check). p is the given number of
 * features or else the largest index seen. Feature j (1-based in the file) becomes column j−1,
 * named {@code "x" + j}. A {@code qid:n} token
 * after the label (svmrank) is ignored. Empty and comment-only lines are skipped. Errors name
 * {@code file:line:column} (the column where the token starts, in characters as an editor counts
 * them: code points, an emoji one) and the token number.
 *
 * <p>Bad input is an {@link InputException} naming {@code file:line:column} and the index:
 * indices not strictly increasing (unsorted or repeated), an index below 1 or above the number
 * of features expected, a value that is not a finite number; a feature or numeric label that
 * float32 would round to 0 or few digits where it matters (as {@link CsvReader} refuses a
 * column, naming {@code x3} or {@code label}; not when reading input to predict).
 * Stateless (its static fields are constants): each call parses with its own buffers, so calls
 * on different files or streams may run on any threads at once.
 */
public final class LibsvmReader {
  /** Dense size above which the density guard applies when the data are densified. */
  public static final long SPARSE_GUARD_BYTES = Dataset.SPARSE_GUARD_BYTES;
  /** Largest ratio of dense cells to stored entries densified above the guard size. */
  public static final long MAX_CELLS_PER_ENTRY = Dataset.MAX_CELLS_PER_ENTRY;

  /**
   * Memory a column costs before any fit, whatever its entries: its pointer, its name ("x123…")
   * and the per-feature state of the reader and the design, rounded up.
   */
  static final long BYTES_PER_FEATURE = 96;

  /**
   * The largest feature index read when the file sets the number of features: half the heap's
   * worth of columns. One stray index such as 999999999 would otherwise allocate its columns
   * and run the JVM out of memory (a fuzzer's find).
   */
  static final long MAX_FEATURES = Math.min(Integer.MAX_VALUE - 8,
      Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_FEATURE);

  private LibsvmReader() {}

  /** Reads {@code file}; p is the largest feature index in it. */
  public static Dataset read(Path file, TargetKind kind) {
    return read(file, kind, 0);
  }

  /**
   * Reads {@code file} with exactly {@code numFeatures} columns (0: the largest index seen), so
   * a test file with fewer features matches its training file.
   */
  public static Dataset read(Path file, TargetKind kind, int numFeatures) {
    return DataFiles.read(file, in -> read(in, file.toString(), kind, numFeatures));
  }

  /**
   * The feature rows of {@code file} for prediction: exactly {@code numFeatures} columns, the
   * labels (whatever they hold) ignored.
   */
  public static double[][] readFeatures(Path file, int numFeatures) {
    if (numFeatures < 1) {
      throw new IllegalArgumentException("numFeatures must be ≥ 1, not " + numFeatures);
    }
    return read(file, TargetKind.UNUSED, numFeatures).featureRows();
  }

  /**
   * The feature rows of {@code file} for prediction, kept sparse: exactly {@code numFeatures}
   * columns, the labels ignored.
   */
  public static SparseMatrix readSparseFeatures(Path file, int numFeatures) {
    if (numFeatures < 1) {
      throw new IllegalArgumentException("numFeatures must be ≥ 1, not " + numFeatures);
    }
    return read(file, TargetKind.UNUSED, numFeatures).sparseFeatures().orElseThrow();
  }

  /**
   * Reads {@code file} as data to evaluate a model of {@code numFeatures} features on:
   * {@code classes} empty for a model that predicts numbers (the labels are its targets), else
   * the model's class names, which every label must be one of ({@link ClassLabels#indexIn}: by
   * name or by numeric value, so {@code 1} finds a class {@code +1}); the data set has exactly
   * these classes, so a file of one class is evaluated (training needs two).
   */
  public static Dataset readLabelled(Path file, int numFeatures, List<String> classes) {
    if (numFeatures < 1) {
      throw new IllegalArgumentException("numFeatures must be ≥ 1, not " + numFeatures);
    }
    List<String> known = List.copyOf(classes);
    return DataFiles.read(file, in -> read(in, file.toString(),
        known.isEmpty() ? TargetKind.REAL : TargetKind.CLASS, numFeatures,
        known.isEmpty() ? null : known));
  }

  /**
   * Reads UTF-8 (in practice ASCII) text from {@code in} (not closed). Class labels are numbers
   * (a NaN, an infinity or a text is an error at its line): the classes are their distinct
   * values, as for a CSV column of numbers ({@link CsvReader#read(Path, String, TargetKind)}):
   * {@code +1}, {@code 1} and {@code 1.0} are one class, "1".
   */
  public static Dataset read(InputStream in, String sourceName, TargetKind kind, int numFeatures) {
    java.util.Objects.requireNonNull(in, "in");
    java.util.Objects.requireNonNull(sourceName, "sourceName");
    java.util.Objects.requireNonNull(kind, "kind");
    return read(in, sourceName, kind, numFeatures, null);
  }

  /** {@code modelClasses}: null, or the classes every label must be one of (CLASS only). */
  private static Dataset read(InputStream in, String sourceName, TargetKind kind,
      int numFeatures, List<String> modelClasses) {
    if (numFeatures < 0) {
      throw new IllegalArgumentException("numFeatures must be ≥ 0 (0: detect), not " + numFeatures);
    }
    List<String> labels = new ArrayList<>();
    DoubleList realTargets = new DoubleList();
    IntList rowStart = new IntList();
    IntList indices = new IntList();
    DoubleList values = new DoubleList();
    int maxIndex = 0;
    try (BufferedReader reader = new BufferedReader(CsvReader.utf8(in, sourceName), 1 << 16)) {
      String text;
      long line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (line == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1); // a UTF-8 byte order mark, as the CSV reader strips it
        }
        int hash = text.indexOf('#');
        String content = hash >= 0 ? text.substring(0, hash) : text;
        Token token = new Token(content, sourceName, line);
        if (!token.advance()) {
          continue;
        }
        String label = token.text();
        if (kind != TargetKind.UNUSED && label.matches("-?[0-9]+(,-?[0-9]+)+")) {
          // scikit-learn's multilabel format; it was read as a decimal comma ("1,2" as 1.2)
          throw token.error("label " + Numbers.quote(label) + " is a list of labels, as"
              + " multilabel files (scikit-learn's dump_svmlight_file(multilabel=True)) write"
              + " them; multilabel files are not supported: one label per row");
        }
        if (kind == TargetKind.UNUSED) {
          realTargets.add(0);
        } else if (kind == TargetKind.REAL) {
          try {
            realTargets.add(Numbers.parseValue(label));
          } catch (Numbers.BadNumber e) {
            throw token.error("label " + e.getMessage());
          }
        } else {
          double value;
          try {
            value = Numbers.parseDouble(label);
          } catch (Numbers.BadNumber e) {
            // a LIBSVM label is a number, whatever the classes are called; text labels are a
            // CSV's (it said only "expected a number")
            throw token.error("label " + e.getMessage() + (e.isText() ? "; a LIBSVM label is a"
                + " number, so write the classes as numbers (0, 1, …), or use a CSV file, whose"
                + " text labels are classes" : ""));
          }
          if (modelClasses == null) {
            labels.add(label);
          } else {
            int k = ClassLabels.indexIn(modelClasses, label);
            if (k < 0) {
              throw token.error("label " + Numbers.quote(label) + " is not one of the model's "
                  + "classes " + ClassLabels.listed(modelClasses));
            }
            realTargets.add(k);
          }
        }
        rowStart.add(indices.size());
        int previous = 0;
        boolean first = true;
        while (token.advance()) {
          String pair = token.text();
          int colon = pair.indexOf(':');
          if (colon < 0) {
            throw token.error("expected index:value, found " + Numbers.quote(pair));
          }
          String indexText = pair.substring(0, colon);
          if (first && indexText.equals("qid")) {
            first = false;
            continue;
          }
          first = false;
          int index = parseIndex(indexText, token);
          if (index <= previous) {
            throw token.error("feature index " + index + " after " + previous
                + "; indices must be strictly increasing");
          }
          if (numFeatures == 0 && index > MAX_FEATURES) {
            throw token.error("feature index " + index + " would make " + index + " columns,"
                + " whose names and per-column state need about "
                + index * BYTES_PER_FEATURE / (1L << 20) + " MB, more than half of the "
                + Runtime.getRuntime().maxMemory() / (1L << 20) + " MB this JVM may use;"
                + " number the features from 1 without large gaps");
          }
          if (numFeatures > 0 && index > numFeatures) {
            throw token.error("feature index " + index + " exceeds the " + numFeatures
                + " features expected");
          }
          previous = index;
          double value;
          try {
            value = Numbers.parseValue(pair.substring(colon + 1));
          } catch (Numbers.BadNumber e) {
            throw token.error("value of feature " + index + ": " + e.getMessage());
          }
          if (indices.size() == Integer.MAX_VALUE - 8) {
            throw token.error("too many stored entries for one matrix");
          }
          indices.add(index - 1);
          values.add(value);
          maxIndex = Math.max(maxIndex, index);
        }
      }
    } catch (CharacterCodingException e) {
      throw CsvReader.notUtf8(sourceName, e);
    } catch (IOException e) {
      throw DataFiles.cannotRead(sourceName, e);
    }
    int n = rowStart.size();
    if (n == 0) {
      throw new InputException(sourceName + ": no data lines; expected label index:value …");
    }
    int p = numFeatures > 0 ? numFeatures : maxIndex;
    if (p == 0) {
      throw new InputException(sourceName + ": no features: every line holds only a label");
    }
    if (kind != TargetKind.UNUSED) {
      // the nonzero values only: a column's zeros change neither its largest magnitude nor
      // its largest value below float32's smallest normal number
      Numbers.Float32Column[] columns = CsvReader.float32Columns(p);
      for (int k = 0; k < indices.size(); k++) {
        columns[indices.get(k)].add(values.get(k));
      }
      CsvReader.requireFloat32Columns(columns, j -> "x" + (j + 1), sourceName);
    }
    SparseMatrix x = columns(n, p, rowStart, indices, values);
    double[] y = new double[n];
    List<String> classNames;
    if (kind != TargetKind.CLASS || modelClasses != null) {
      Numbers.Float32Column label = new Numbers.Float32Column();
      for (int i = 0; i < n; i++) {
        y[i] = realTargets.get(i);
        label.add(y[i]);
      }
      if (kind == TargetKind.REAL && modelClasses == null) {
        CsvReader.requireFloat32Column(label, "label", sourceName);
      }
      classNames = modelClasses != null ? modelClasses : List.of();
    } else {
      ClassLabels classes = ClassLabels.of(labels);
      for (int i = 0; i < n; i++) {
        y[i] = classes.indexOf(labels.get(i));
      }
      classNames = classes.names();
    }
    List<String> names = new ArrayList<>(p);
    for (int j = 1; j <= p; j++) {
      names.add("x" + j);
    }
    // x1..xp name the LIBSVM indices: positions, not names.
    return Dataset.sparse(x, y, names, false, classNames, sourceName);
  }

  /**
   * The 1-based line of {@code file} that holds its {@code record}-th record (1-based), counted
   * as the readers count (empty and comment-only lines are skipped), so that a problem found in
   * that row of the values read can be shown at its place in the file; empty when the file
   * holds fewer records. Reads the file again, up to that record.
   */
  public static java.util.OptionalLong lineOfRecord(Path file, long record) {
    return recordAt(file, record).map(t -> java.util.OptionalLong.of(t.lineNumber))
        .orElse(java.util.OptionalLong.empty());
  }

  /**
   * The 1-based column of {@code file}'s {@code record}-th record (1-based, as
   * {@link #lineOfRecord}) at which its label, the line's first field, starts, counted as the
   * readers' errors count it (characters as an editor counts them); empty when the file holds
   * fewer records. A problem with a row's target found after reading (a count below 0 for a
   * poisson fit) is then shown where the readers show a bad label: {@code file:line:column}.
   */
  public static java.util.OptionalInt labelColumnOfRecord(Path file, long record) {
    return recordAt(file, record).map(t -> java.util.OptionalInt.of(t.column()))
        .orElse(java.util.OptionalInt.empty());
  }

  /** The first token (the label) of the {@code record}-th record, read again from the file. */
  private static java.util.Optional<Token> recordAt(Path file, long record) {
    return DataFiles.read(file, in -> {
      BufferedReader reader = new BufferedReader(CsvReader.utf8(in, file.toString()),
          1 << 16);
      String text;
      long line = 0;
      long r = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (line == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        int hash = text.indexOf('#');
        Token token = new Token(hash >= 0 ? text.substring(0, hash) : text, file.toString(),
            line);
        if (token.advance() && ++r == record) {
          return java.util.Optional.of(token);
        }
      }
      return java.util.Optional.empty();
    });
  }

  /** The rows (validated while read) transposed to compressed columns, O(entries). */
  private static SparseMatrix columns(
      int n, int p, IntList rowStart, IntList indices, DoubleList values) {
    int size = indices.size();
    int[] pointers = new int[p + 1];
    for (int k = 0; k < size; k++) {
      pointers[indices.get(k) + 1]++;
    }
    for (int j = 0; j < p; j++) {
      pointers[j + 1] += pointers[j];
    }
    int[] next = Arrays.copyOf(pointers, p);
    int[] rowIndex = new int[size];
    double[] value = new double[size];
    for (int i = 0; i < n; i++) {
      int end = i + 1 < n ? rowStart.get(i + 1) : size;
      for (int k = rowStart.get(i); k < end; k++) {
        int slot = next[indices.get(k)]++;
        rowIndex[slot] = i;
        value[slot] = values.get(k);
      }
    }
    return SparseMatrix.trusted(n, p, pointers, rowIndex, value);
  }

  private static int parseIndex(String text, Token token) {
    boolean digits = !text.isEmpty() && text.length() <= 10;
    for (int i = 0; digits && i < text.length(); i++) {
      digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }
    long index = digits ? Long.parseLong(text) : -1;
    if (index < 1 || index > Integer.MAX_VALUE) {
      // index 0: most likely a whole file numbered from 0, as scikit-learn writes by default
      throw token.error("feature index " + Numbers.quote(text)
          + " is not an integer in 1.." + Integer.MAX_VALUE + (index == 0 ? "; LIBSVM numbers"
              + " features from 1: a file numbered from 0 (scikit-learn's dump_svmlight_file"
              + " writes one unless zero_based=False) needs every index raised by 1" : ""));
    }
    return (int) index;
  }

  /** Walks the whitespace-separated tokens of one line, remembering where each starts. */
  private static final class Token {
    private final String line;
    private final String source;
    private final long lineNumber;
    private int start;
    private int end;
    private int count;

    Token(String line, String source, long lineNumber) {
      this.line = line;
      this.source = source;
      this.lineNumber = lineNumber;
    }

    boolean advance() {
      int i = end;
      while (i < line.length() && isSpace(line.charAt(i))) {
        i++;
      }
      if (i == line.length()) {
        return false;
      }
      start = i;
      while (i < line.length() && !isSpace(line.charAt(i))) {
        i++;
      }
      end = i;
      count++;
      return true;
    }

    String text() {
      return line.substring(start, end);
    }

    InputException error(String message) {
      return InputException.at(source, lineNumber, column(), "token " + count + ": " + message);
    }

    /** The 1-based column where the token starts. */
    int column() {
      // code points, as the UTF-8 error counts them: an emoji before the token is one column
      return line.codePointCount(0, start) + 1;
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\f' || c == '\u000b';
    }
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] values = new int[1024];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, 2L * size));
      }
      values[size++] = value;
    }

    int get(int i) {
      return values[i];
    }

    int size() {
      return size;
    }
  }
}
