package dev.tikhonov.data;

import java.util.Arrays;

/**
 * An n×p matrix of doubles in compressed sparse columns (CSC, the layout of R's
 * {@code dgCMatrix} and of glmnet's sparse x): column j holds the entries {@code values[k]} at
 * rows {@code rowIndices[k]} for {@code columnPointers[j] ≤ k < columnPointers[j + 1]}, rows
 * strictly increasing within a column, every other entry 0. What LIBSVM files are read into and
 * what a caller hands over for a sparse fit; the linear solvers keep it sparse (docs/linear.md,
 * "Sparse data"): a 200,000 × 50,000 matrix at 0.1 % density is 10⁷ entries, 120 MB here and
 * 80 GB dense.
 *
 * <pre>{@code
 * // [[0, 2, 0],
 * //  [1, 0, 3]]
 * SparseMatrix x = SparseMatrix.of(2, 3, new int[] {0, 1, 2, 3}, new int[] {1, 0, 1},
 *     new double[] {1, 2, 3});
 * SparseMatrix same = SparseMatrix.rowsBuilder(3)
 *     .addRow(new int[] {1}, new double[] {2})
 *     .addRow(new int[] {0, 2}, new double[] {1, 3})
 *     .build();
 * }</pre>
 *
 * <p>Immutable as long as the arrays it shares are not modified: the factories copy the arrays
 * they take and {@link #values()}, {@link #rowIndices()} and {@link #columnPointers()} return
 * copies, while {@link #sharedValues()}, {@link #sharedRowIndices()} and
 * {@link #sharedColumnPointers()}, public for the library's solvers in other packages, hand out
 * the internal arrays, which no caller may write into. Thread-safe on those terms.
 */
public final class SparseMatrix {
  private final int numRows;
  private final int numColumns;
  private final int[] columnPointers;
  private final int[] rowIndices;
  private final double[] values;

  private SparseMatrix(int numRows, int numColumns, int[] columnPointers, int[] rowIndices,
      double[] values) {
    this.numRows = numRows;
    this.numColumns = numColumns;
    this.columnPointers = columnPointers;
    this.rowIndices = rowIndices;
    this.values = values;
  }

  /**
   * A validated copy of CSC arrays.
   *
   * @param columnPointers p + 1 offsets, non-decreasing, from 0 to the number of entries (all
   *     checked before any entry is read)
   * @param rowIndices 0-based row of each entry, strictly increasing within a column, in 0..n−1
   * @param values each entry, finite
   * @throws InputException naming the column index and row index (0-based, as given) of the
   *     first entry that breaks a rule
   * @throws NullPointerException naming the array that is null
   */
  public static SparseMatrix of(int numRows, int numColumns, int[] columnPointers,
      int[] rowIndices, double[] values) {
    if (numRows < 0 || numColumns < 0) {
      throw new InputException("sparse matrix: needs ≥ 0 rows and columns, got " + numRows
          + " x " + numColumns);
    }
    java.util.Objects.requireNonNull(columnPointers, "columnPointers");
    java.util.Objects.requireNonNull(rowIndices, "rowIndices");
    java.util.Objects.requireNonNull(values, "values");
    if (columnPointers.length != numColumns + 1 || columnPointers[0] != 0
        || columnPointers[numColumns] != rowIndices.length
        || rowIndices.length != values.length) {
      throw new InputException("sparse matrix: columnPointers must hold " + (numColumns + 1)
          + " offsets from 0 to the number of entries (" + rowIndices.length + " row indices, "
          + values.length + " values), got " + columnPointers.length + " offsets");
    }
    // All pointers before any entry is read: from 0 to nnz without decreasing, every column's
    // range then lies inside the entries.
    for (int j = 0; j < numColumns; j++) {
      if (columnPointers[j + 1] < columnPointers[j]) {
        throw new InputException("sparse matrix: columnPointers decrease at index " + (j + 1)
            + " (" + columnPointers[j] + " then " + columnPointers[j + 1] + "); they must not"
            + " decrease from 0 to the number of entries (" + rowIndices.length + ")");
      }
    }
    for (int j = 0; j < numColumns; j++) {
      int previous = -1;
      for (int k = columnPointers[j]; k < columnPointers[j + 1]; k++) {
        int i = rowIndices[k];
        if (i < 0 || i >= numRows) {
          throw new InputException("sparse matrix: column index " + j + ": row index " + i
              + " is outside 0.." + (numRows - 1));
        }
        if (i <= previous) {
          throw new InputException("sparse matrix: column index " + j + ": row index " + i
              + " after " + previous + "; row indices must increase within a column"
              + " (sorted, no duplicates)");
        }
        if (!Double.isFinite(values[k])) {
          throw new InputException("sparse matrix: row index " + i + ", column index " + j
              + ": value " + values[k] + " is not finite");
        }
        previous = i;
      }
    }
    return new SparseMatrix(numRows, numColumns, columnPointers.clone(), rowIndices.clone(),
        values.clone());
  }

  /** The arrays as they are, already validated by a reader of this package. */
  static SparseMatrix trusted(int numRows, int numColumns, int[] columnPointers,
      int[] rowIndices, double[] values) {
    return new SparseMatrix(numRows, numColumns, columnPointers, rowIndices, values);
  }

  /** The nonzero entries of dense rows (each of length {@code numColumns}). */
  public static SparseMatrix fromDense(double[][] rows, int numColumns) {
    Builder b = rowsBuilder(numColumns);
    int[] index = new int[numColumns];
    double[] value = new double[numColumns];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != numColumns) {
        throw new InputException("sparse matrix: row " + (i + 1) + " has " + rows[i].length
            + (rows[i].length == 1 ? " value" : " values") + ", expected " + numColumns);
      }
      int m = 0;
      for (int j = 0; j < numColumns; j++) {
        if (rows[i][j] != 0) {
          index[m] = j;
          value[m++] = rows[i][j];
        }
      }
      b.addRow(Arrays.copyOf(index, m), Arrays.copyOf(value, m));
    }
    return b.build();
  }

  /** A builder that takes the matrix row by row as (column index, value) pairs. */
  public static Builder rowsBuilder(int numColumns) {
    return new Builder(numColumns, "sparse matrix");
  }

  /**
   * Collects rows of (0-based column index, value) pairs, checked as they come (indices
   * strictly increasing within a row and in 0..p−1, values finite), and transposes them into
   * columns once at {@link #build()}: O(entries) time and memory, never a dense row. Not
   * thread-safe.
   */
  public static final class Builder {
    private final int numColumns;
    private final String source;
    private int numRows;
    private int[] rowStart = new int[16];
    private int[] columns = new int[64];
    private double[] values = new double[64];
    private int size;

    Builder(int numColumns, String source) {
      if (numColumns < 0) {
        throw new InputException(source + ": needs ≥ 0 columns, got " + numColumns);
      }
      this.numColumns = numColumns;
      this.source = source;
    }

    /**
     * Appends a row.
     *
     * @throws InputException naming the row index (0-based: the number of rows added before)
     *     and the column index (as given) that is out of order, out of range or whose value is
     *     not finite
     */
    public Builder addRow(int[] columnIndices, double[] rowValues) {
      if (columnIndices.length != rowValues.length) {
        throw new InputException(source + ": row index " + numRows + " has "
            + columnIndices.length + " indices but " + rowValues.length + " values");
      }
      int previous = -1;
      for (int m = 0; m < columnIndices.length; m++) {
        int j = columnIndices[m];
        if (j < 0 || j >= numColumns) {
          throw new InputException(source + ": row index " + numRows + ": column index " + j
              + " is outside 0.." + (numColumns - 1));
        }
        if (j <= previous) {
          throw new InputException(source + ": row index " + numRows + ": column index " + j
              + " after " + previous
              + "; indices must increase within a row (sorted, no duplicates)");
        }
        if (!Double.isFinite(rowValues[m])) {
          throw new InputException(source + ": row index " + numRows + ", column index " + j
              + ": value " + rowValues[m] + " is not finite");
        }
        previous = j;
      }
      append(columnIndices, rowValues, columnIndices.length);
      return this;
    }

    /** Appends a row already checked by a reader of this package (first {@code m} entries). */
    void append(int[] columnIndices, double[] rowValues, int m) {
      if (size + m > columns.length) {
        long grown = Math.max((long) size + m, 2L * columns.length);
        if (grown > Integer.MAX_VALUE - 8) {
          throw new InputException(source + ": more than " + (Integer.MAX_VALUE - 8)
              + " stored entries");
        }
        columns = Arrays.copyOf(columns, (int) grown);
        values = Arrays.copyOf(values, (int) grown);
      }
      System.arraycopy(columnIndices, 0, columns, size, m);
      System.arraycopy(rowValues, 0, values, size, m);
      size += m;
      if (numRows + 2 > rowStart.length) {
        rowStart = Arrays.copyOf(rowStart, 2 * rowStart.length);
      }
      rowStart[++numRows] = size;
    }

    /** The number of rows added so far. */
    public int numRows() {
      return numRows;
    }

    /** The matrix of the rows added so far, transposed to columns (rows increase in each). */
    public SparseMatrix build() {
      int[] pointers = new int[numColumns + 1];
      for (int k = 0; k < size; k++) {
        pointers[columns[k] + 1]++;
      }
      for (int j = 0; j < numColumns; j++) {
        pointers[j + 1] += pointers[j];
      }
      int[] next = Arrays.copyOf(pointers, numColumns);
      int[] rowIndex = new int[size];
      double[] value = new double[size];
      for (int i = 0; i < numRows; i++) {
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
          int slot = next[columns[k]]++;
          rowIndex[slot] = i;
          value[slot] = values[k];
        }
      }
      return new SparseMatrix(numRows, numColumns, pointers, rowIndex, value);
    }
  }

  /** The number of rows n (observations). */
  public int numRows() {
    return numRows;
  }

  /** The number of columns p (features). */
  public int numColumns() {

    return numColumns;
  }

  /** The number of stored entries. */
  public int numEntries() {
    return rowIndices.length;
  }

  /**
   * "SparseMatrix[200 × 30, 1234 entries stored (20.57 %)]": the shape and how full it is, not
   * the values.
   */
  @Override
  public String toString() {
    double cells = (double) numRows * numColumns;
    return "SparseMatrix[" + numRows + " × " + numColumns + ", " + numEntries() + " entries stored"
        + (cells > 0 ? String.format(java.util.Locale.ROOT, " (%.4g %%)",
            100 * numEntries() / cells) : "") + "]";
  }

  /** A copy of the p + 1 column offsets. */
  public int[] columnPointers() {
    return columnPointers.clone();
  }

  /** A copy of the row index of each entry. */
  public int[] rowIndices() {
    return rowIndices.clone();
  }

  /** A copy of the value of each entry. */
  public double[] values() {
    return values.clone();
  }

  /** The internal offsets, for the library's solvers: do not modify. */
  public int[] sharedColumnPointers() {
    return columnPointers;
  }

  /** The internal row indices, for the library's solvers: do not modify. */
  public int[] sharedRowIndices() {
    return rowIndices;
  }

  /** The internal values, for the library's solvers: do not modify. */
  public double[] sharedValues() {
    return values;
  }

  /**
   * The p×n transpose, O(entries): its column i holds row i of this matrix (compressed rows of
   * this one), for row-by-row access.
   */
  public SparseMatrix transpose() {
    int[] pointers = new int[numRows + 1];
    for (int i : rowIndices) {
      pointers[i + 1]++;
    }
    for (int i = 0; i < numRows; i++) {
      pointers[i + 1] += pointers[i];
    }
    int[] next = Arrays.copyOf(pointers, numRows);
    int[] columnIndex = new int[rowIndices.length];
    double[] value = new double[rowIndices.length];
    for (int j = 0; j < numColumns; j++) {
      for (int k = columnPointers[j]; k < columnPointers[j + 1]; k++) {
        int slot = next[rowIndices[k]]++;
        columnIndex[slot] = j;
        value[slot] = values[k];
      }
    }
    return new SparseMatrix(numColumns, numRows, pointers, columnIndex, value);
  }

  /** Entry (i, j), 0-based: a binary search in column j. */
  public double get(int i, int j) {
    int k = Arrays.binarySearch(rowIndices, columnPointers[j], columnPointers[j + 1], i);
    return k >= 0 ? values[k] : 0.0;
  }

  /**
   * out ← a₀ + X·b for every row: the linear predictor by sparse dot products, O(entries).
   * Modified: {@code out} (length n).
   */
  public void multiply(double intercept, double[] coefficients, double[] out) {
    if (coefficients.length != numColumns || out.length != numRows) {
      throw new IllegalArgumentException(coefficients.length + " coefficients and " + out.length
          + " outputs for a " + numRows + "x" + numColumns + " matrix");
    }
    Arrays.fill(out, intercept);
    for (int j = 0; j < numColumns; j++) {
      double b = coefficients[j];
      if (b == 0) {
        continue;
      }
      for (int k = columnPointers[j]; k < columnPointers[j + 1]; k++) {
        out[rowIndices[k]] += b * values[k];
      }
    }
  }

  /**
   * The rows {@code rows} (0-based, in that order, repeats allowed) as a new sparse matrix,
   * O(n + entries): cross-validation's folds are row subsets, never dense.
   */
  public SparseMatrix rows(int[] rows) {
    int[][] positions = positionsOf(rows);
    int[] count = positions[0];
    int[] start = positions[1];
    int[] where = positions[2];
    int[] pointers = new int[numColumns + 1];
    for (int j = 0; j < numColumns; j++) {
      int c = 0;
      for (int k = columnPointers[j]; k < columnPointers[j + 1]; k++) {
        c += count[rowIndices[k]];
      }
      pointers[j + 1] = pointers[j] + c;
    }
    int[] rowIndex = new int[pointers[numColumns]];
    double[] value = new double[pointers[numColumns]];
    for (int j = 0; j < numColumns; j++) {
      int base = pointers[j];
      // Positions of one column are few; sort them with their values (insertion order kept).
      long[] keyed = new long[pointers[j + 1] - base];
      int m = 0;
      for (int k = columnPointers[j]; k < columnPointers[j + 1]; k++) {
        int i = rowIndices[k];
        for (int t = start[i]; t < start[i] + count[i]; t++) {
          keyed[m] = ((long) where[t] << 32) | (k - columnPointers[j]);
          m++;
        }
      }
      Arrays.sort(keyed);
      for (int t = 0; t < m; t++) {
        rowIndex[base + t] = (int) (keyed[t] >>> 32);
        value[base + t] = values[columnPointers[j] + (int) (keyed[t] & 0xffffffffL)];
      }
    }
    return new SparseMatrix(rows.length, numColumns, pointers, rowIndex, value);
  }

  /** count[i], start[i] and where[start[i] ..]: the positions of original row i in rows. */
  private int[][] positionsOf(int[] rows) {
    int[] count = new int[numRows];
    for (int r : rows) {
      if (r < 0 || r >= numRows) {
        throw new IndexOutOfBoundsException("row " + r + " of " + numRows);
      }
      count[r]++;
    }
    int[] start = new int[numRows];
    for (int i = 1; i < numRows; i++) {
      start[i] = start[i - 1] + count[i - 1];
    }
    int[] fill = start.clone();
    int[] where = new int[rows.length];
    for (int t = 0; t < rows.length; t++) {
      where[fill[rows[t]]++] = t;
    }
    return new int[][] {count, start, where};
  }

  /** The dense n×p rows (for small matrices and tests; refuses more than 10⁸ values). */
  public double[][] toDense() {
    if ((long) numRows * numColumns > 100_000_000L) {
      throw new InputException("sparse matrix: " + numRows + " x " + numColumns + " is too"
          + " large to make dense (more than 10^8 values)");
    }
    double[][] out = new double[numRows][numColumns];
    for (int j = 0; j < numColumns; j++) {
      for (int k = columnPointers[j]; k < columnPointers[j + 1]; k++) {
        out[rowIndices[k]][j] = values[k];
      }
    }
    return out;
  }
}
