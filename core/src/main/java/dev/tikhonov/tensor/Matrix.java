package dev.tikhonov.tensor;

import dev.tikhonov.internal.tensor.DirectMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * A dense, row-major float32 matrix stored off-heap in a direct {@link FloatBuffer}.
 *
 * <p>Element (r, c) lives at flat index {@code r * cols + c}. The storage is a direct buffer so
 * that {@link Blas} hands its address to OpenBLAS without copying: the JNI layer copies Java
 * {@code float[]} arrays on every call, which would dominate a training step.
 *
 * <p>{@link #topRows(int)} returns a view that shares the storage; a layer keeps one buffer
 * sized for the largest mini-batch and uses views for smaller ones, so the training loop
 * allocates no large arrays per batch.
 *
 * <p>Not thread-safe: its elements are mutable, and views ({@code topRows}, {@code rowRange})
 * share them. Several threads may read one matrix while none writes it: its methods access
 * elements by absolute index and keep no cached state.
 */
public final class Matrix {
  private final int rows;
  private final int cols;
  /** The storage as bytes (native order): views and {@link #bits()} come from it. */
  private final ByteBuffer bytes;
  private final FloatBuffer data;

  private Matrix(int rows, int cols, ByteBuffer bytes) {
    this.rows = rows;
    this.cols = cols;
    this.bytes = bytes;
    this.data = bytes.asFloatBuffer();
  }

  /** A new matrix of zeros. */
  public static Matrix zeros(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
    }
    long bytes = 4L * rows * cols;
    if (bytes > DirectMemory.MAX_MATRIX_BYTES) {
      throw new IllegalArgumentException("a " + rows + "x" + cols + " float32 matrix needs "
          + bytes + " bytes; one matrix holds at most " + DirectMemory.MAX_MATRIX_BYTES
          + " bytes (2 GiB, a direct buffer's limit)");
    }
    return new Matrix(rows, cols,
        ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder()));
  }

  /** A new matrix holding {@code values} in row-major order. */
  public static Matrix of(int rows, int cols, float... values) {
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "expected " + ((long) rows * cols) + " values for " + rows + "x" + cols
              + ", got " + values.length);
    }
    Matrix m = zeros(rows, cols);
    m.data.put(0, values);
    return m;
  }

  /** A new matrix from doubles, rounded to float32. */
  public static Matrix of(int rows, int cols, double... values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return of(rows, cols, f);
  }

  /** A column vector (n×1). */
  public static Matrix column(float... values) {
    return of(values.length, 1, values);
  }

  /** The number of rows (the mini-batch's rows for an activation), ≥ 0. */
  public int rows() {
    return rows;
  }

  /** The number of columns (a layer's units for an activation), ≥ 0. */
  public int cols() {
    return cols;
  }

  /** Number of elements, {@code rows * cols}. */
  public int size() {
    return rows * cols;
  }

  /**
   * Element (row, col), 0-based.
   *
   * @throws IndexOutOfBoundsException when it is outside the matrix, naming it and the shape
   */
  public float get(int row, int col) {
    return data.get(index(row, col));
  }

  /**
   * Sets element (row, col), 0-based.
   *
   * @throws IndexOutOfBoundsException when it is outside the matrix, naming it and the shape
   */
  public void set(int row, int col, float value) {
    data.put(index(row, col), value);
  }

  /** The flat index of (row, col): a column outside 0..cols−1 would name another row's. */
  private int index(int row, int col) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException("element (" + row + ", " + col + ") of a " + rows
          + "x" + cols + " matrix (0-based)");
    }
    return row * cols + col;
  }

  /** Element at flat (row-major) index {@code i}. */
  public float at(int i) {
    return data.get(i);
  }

  /** Sets the element at flat (row-major) index {@code i}. */
  public void put(int i, float value) {
    data.put(i, value);
  }

  /**
   * The live storage, position 0, {@code size()} elements. Kernels read and write through it;
   * writes change this matrix.
   */
  public FloatBuffer buffer() {
    return data;
  }

  /**
   * The same storage seen as 32-bit patterns ({@link Float#floatToRawIntBits} of each element),
   * position 0, {@code size()} elements: for kernels that build floats with integer operations,
   * which the JIT vectorizes where it does not vectorize int-to-float conversions. Writes change
   * this matrix.
   */
  public IntBuffer bits() {
    return bytes.asIntBuffer();
  }

  /** A view of the first {@code n} rows sharing this matrix's storage. */
  public Matrix topRows(int n) {
    if (n == rows) {
      return this;
    }
    return rowRange(0, n);
  }

  /** A view of rows {@code [from, to)} sharing this matrix's storage. */
  public Matrix rowRange(int from, int to) {
    if (from < 0 || to > rows || from > to) {
      throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + rows);
    }
    ByteBuffer view = bytes.duplicate().position(4 * from * cols).limit(4 * to * cols).slice()
        .order(ByteOrder.nativeOrder());
    return new Matrix(to - from, cols, view);
  }

  /** A deep copy. */
  public Matrix copy() {
    Matrix m = zeros(rows, cols);
    m.copyFrom(this);
    return m;
  }

  /** Copies {@code source} (same shape) into this matrix. */
  public void copyFrom(Matrix source) {
    requireSameShape(source, this);
    data.put(0, source.data, 0, size());
  }

  /** Copies row {@code sourceRow} of {@code source} into row {@code row} of this matrix. */
  public void copyRow(Matrix source, int sourceRow, int row) {
    if (source.cols != cols) {
      throw new IllegalArgumentException("row length " + source.cols + " != " + cols);
    }
    data.put(row * cols, source.data, sourceRow * cols, cols);
  }

  /** Sets every element to {@code value} (a view's elements only, for a view). */
  public void fill(float value) {
    for (int i = 0, n = size(); i < n; i++) {
      data.put(i, value);
    }
  }

  /** The elements as a new array in row-major order: (r, c) at {@code r * cols() + c}. */
  public float[] toArray() {
    float[] out = new float[size()];
    data.get(0, out);
    return out;
  }

  /** The elements widened to double, as a new array in row-major order. */
  public double[] toDoubleArray() {
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.get(i);
    }
    return out;
  }

  /** Row {@code r} as a new array. */
  public float[] row(int r) {
    float[] out = new float[cols];
    data.get(r * cols, out);
    return out;
  }

  /** Sum of squares, accumulated in double. */
  public double sumOfSquares() {
    double s = 0;
    for (int i = 0, n = size(); i < n; i++) {
      double v = data.get(i);
      s += v * v;
    }
    return s;
  }

  /** True when every element is finite. */
  public boolean allFinite() {
    for (int i = 0, n = size(); i < n; i++) {
      if (!Float.isFinite(data.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The shape as "rows x cols" without spaces, "64x784", for messages. */
  public String shape() {

    return rows + "x" + cols;
  }

  static void requireSameShape(Matrix a, Matrix b) {
    if (a.rows != b.rows || a.cols != b.cols) {
      throw new IllegalArgumentException("shape mismatch: " + a.shape() + " vs " + b.shape());
    }
  }

  @Override
  public String toString() {
    int shown = Math.min(size(), 8);
    float[] head = new float[shown];
    data.get(0, head);
    return "Matrix[" + shape() + "] " + Arrays.toString(head) + (shown < size() ? "…" : "");
  }
}
