package dev.tikhonov.data;

import java.util.Arrays;

/**
 * An n×p matrix of doubles in compressed sparse rows (CSR): row i holds the entries
 * {@code values[k]} at columns {@code columns[k]} for {@code rowStart[i] ≤ k < rowStart[i + 1]},
 * columns strictly increasing within a row, every other entry 0. What LIBSVM files are read
 * into and what a caller hands over for a sparse fit; the linear solvers keep it sparse
 * (docs/linear.md, "Sparse data").
 *
 * <pre>{@code
 * // [[0, 2, 0], [1, 0, 3]]
 * SparseRows x = SparseRows.of(2, 3, new int[] {0, 1, 3}, new int[] {1, 0, 2},
 *     new double[] {2, 1, 3});
 * }</pre>
 *
 * <p>Immutable after construction (the factories copy the arrays in; the accessors used by the
 * library's solvers hand out the internal arrays, which must not be modified); thread-safe.
 */
public final class SparseRows {
  private final int numRows;
  private final int numColumns;
  private final int[] rowStart;
  private final int[] columns;
  private final double[] values;

  private SparseRows(int numRows, int numColumns, int[] rowStart, int[] columns,
      double[] values) {
    this.numRows = numRows;
    this.numColumns = numColumns;
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
  }

  /**
   * A validated copy of the arrays.
   *
   * @param rowStart n + 1 offsets, non-decreasing, from 0 to the number of entries
   * @param columns 0-based column of each entry, strictly increasing within a row
   * @param values each entry, finite
   * @throws InputException naming the row and column (1-based) of the first entry that breaks a
   *     rule
   */
  public static SparseRows of(int numRows, int numColumns, int[] rowStart, int[] columns,
      double[] values) {
    if (numRows < 0 || numColumns < 0) {
      throw new InputException("a sparse matrix needs ≥ 0 rows and columns, got " + numRows
          + " x " + numColumns);
    }
    if (rowStart.length != numRows + 1 || rowStart[0] != 0
        || rowStart[numRows] != columns.length || columns.length != values.length) {
      throw new InputException("sparse rows: rowStart must hold " + (numRows + 1)
          + " offsets from 0 to the number of entries (" + columns.length + "), with one value"
          + " per column index (" + values.length + ")");
    }
    for (int i = 0; i < numRows; i++) {
      if (rowStart[i + 1] < rowStart[i]) {
        throw new InputException("sparse rows: rowStart decreases at row " + (i + 1));
      }
      int previous = -1;
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        int j = columns[k];
        if (j <= previous || j >= numColumns) {
          throw new InputException("sparse rows: row " + (i + 1) + ": column " + (j + 1)
              + (j >= numColumns ? " is beyond the " + numColumns + " columns"
                  : " after column " + (previous + 1) + "; columns must increase within a row"));
        }
        if (!Double.isFinite(values[k])) {
          throw new InputException("row " + (i + 1) + ", column " + (j + 1) + ": value "
              + values[k] + " is not finite");
        }
        previous = j;
      }
    }
    return new SparseRows(numRows, numColumns, rowStart.clone(), columns.clone(),
        values.clone());
  }

  /** The arrays as they are, already validated by a reader of this package. */
  static SparseRows trusted(int numRows, int numColumns, int[] rowStart, int[] columns,
      double[] values) {
    return new SparseRows(numRows, numColumns, rowStart, columns, values);
  }

  /** The nonzero entries of dense rows (each of length {@code numColumns}). */
  public static SparseRows fromDense(double[][] rows, int numColumns) {
    int count = 0;
    for (double[] row : rows) {
      if (row.length != numColumns) {
        throw new InputException("a row has " + row.length + " values, expected " + numColumns);
      }
      for (double v : row) {
        count += v != 0 ? 1 : 0;
      }
    }
    int[] start = new int[rows.length + 1];
    int[] cols = new int[count];
    double[] vals = new double[count];
    int k = 0;
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < numColumns; j++) {
        if (rows[i][j] != 0) {
          cols[k] = j;
          vals[k++] = rows[i][j];
        }
      }
      start[i + 1] = k;
    }
    return of(rows.length, numColumns, start, cols, vals);
  }

  public int numRows() {
    return numRows;
  }

  public int numColumns() {
    return numColumns;
  }

  /** Number of stored entries. */
  public int nonzeros() {
    return columns.length;
  }

  /** Entry (i, j), 0-based; 0 when not stored (binary search in row i). */
  public double get(int i, int j) {
    int k = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
    return k >= 0 ? values[k] : 0.0;
  }

  /** x_i · b over the stored entries of row i. */
  public double dot(int i, double[] b) {
    double s = 0;
    for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
      s += values[k] * b[columns[k]];
    }
    return s;
  }

  /** The rows {@code index} (0-based, any order, repeats allowed) as a new matrix. */
  public SparseRows rows(int[] index) {
    long count = 0;
    for (int i : index) {
      count += rowStart[i + 1] - rowStart[i];
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new InputException("too many stored entries for one sparse matrix: " + count);
    }
    int[] start = new int[index.length + 1];
    int[] cols = new int[(int) count];
    double[] vals = new double[(int) count];
    int k = 0;
    for (int r = 0; r < index.length; r++) {
      int i = index[r];
      int len = rowStart[i + 1] - rowStart[i];
      System.arraycopy(columns, rowStart[i], cols, k, len);
      System.arraycopy(values, rowStart[i], vals, k, len);
      k += len;
      start[r + 1] = k;
    }
    return new SparseRows(index.length, numColumns, start, cols, vals);
  }

  /**
   * The same rows without the columns {@code drop} (0-based), the others renumbered in order:
   * what an estimator does when it takes a weight or offset column out of the features.
   */
  public SparseRows withoutColumns(int... drop) {
    int[] newIndex = new int[numColumns];
    boolean[] dropped = new boolean[numColumns];
    for (int j : drop) {
      dropped[j] = true;
    }
    int next = 0;
    for (int j = 0; j < numColumns; j++) {
      newIndex[j] = dropped[j] ? -1 : next++;
    }
    int count = 0;
    for (int c : columns) {
      count += dropped[c] ? 0 : 1;
    }
    int[] start = new int[numRows + 1];
    int[] cols = new int[count];
    double[] vals = new double[count];
    int k = 0;
    for (int i = 0; i < numRows; i++) {
      for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
        if (!dropped[columns[e]]) {
          cols[k] = newIndex[columns[e]];
          vals[k++] = values[e];
        }
      }
      start[i + 1] = k;
    }
    return new SparseRows(numRows, next, start, cols, vals);
  }

  /** Column j as a dense array of n values. */
  public double[] column(int j) {
    double[] out = new double[numRows];
    for (int i = 0; i < numRows; i++) {
      out[i] = get(i, j);
    }
    return out;
  }

  /** Row i as a dense array of p values. */
  public double[] denseRow(int i) {
    double[] out = new double[numColumns];
    for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
      out[columns[k]] = values[k];
    }
    return out;
  }

  /** Offsets of the rows (n + 1). The library's own; do not modify. */
  public int[] rowStart() {
    return rowStart;
  }

  /** Column index of each entry. The library's own; do not modify. */
  public int[] columnIndices() {
    return columns;
  }

  /** Value of each entry. The library's own; do not modify. */
  public double[] values() {
    return values;
  }

  @Override
  public String toString() {
    return "SparseRows[" + numRows + " x " + numColumns + ", " + nonzeros() + " stored]";
  }
}
