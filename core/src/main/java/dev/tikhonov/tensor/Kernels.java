package dev.tikhonov.tensor;

import java.nio.FloatBuffer;

/**
 * Stateless element-wise kernels on {@link Matrix}. Each writes only into its last argument,
 * named {@code out}; the javadoc gives the numpy equivalent.
 */
public final class Kernels {
  private Kernels() {}

  /** {@code out[i, :] += row[0, :]} for every row i (bias broadcast). Modified: {@code out}. */
  public static void addRowVector(Matrix row, Matrix out) {
    int n = out.cols();
    if (row.rows() != 1 || row.cols() != n) {
      throw new IllegalArgumentException("row vector " + row.shape() + " vs " + out.shape());
    }
    FloatBuffer b = row.buffer();
    FloatBuffer o = out.buffer();
    for (int i = 0, base = 0; i < out.rows(); i++, base += n) {
      for (int j = 0; j < n; j++) {
        o.put(base + j, o.get(base + j) + b.get(j));
      }
    }
  }

  /**
   * {@code out[i, :] = max(0, out[i, :] + row[0, :])} for every row i: bias broadcast fused with
   * the ReLU, the same floats as {@link #addRowVector} followed by a ReLU (a NaN stays NaN).
   * Modified: {@code out}.
   */
  public static void addRowVectorRelu(Matrix row, Matrix out) {
    int n = out.cols();
    if (row.rows() != 1 || row.cols() != n) {
      throw new IllegalArgumentException("row vector " + row.shape() + " vs " + out.shape());
    }
    float[] bias = new float[n];
    float[] values = new float[n];
    row.buffer().get(0, bias, 0, n);
    FloatBuffer o = out.buffer();
    for (int i = 0, base = 0; i < out.rows(); i++, base += n) {
      // Bulk copies around a plain array loop, which the JIT vectorizes; Math.max gives the same
      // floats as v > 0 ? v : 0 for every non-NaN v (and keeps a NaN, which the loss reports).
      o.get(base, values, 0, n);
      for (int j = 0; j < n; j++) {
        values[j] = Math.max(values[j] + bias[j], 0f);
      }
      o.put(base, values, 0, n);
    }
  }

  /**
   * {@code g[y <= 0] = 0} in place: the ReLU's backward pass written over the incoming gradient
   * (y is the ReLU's output, same shape). Modified: {@code out}.
   */
  public static void reluMask(Matrix y, Matrix out) {
    Matrix.requireSameShape(y, out);
    int n = out.cols();
    float[] yv = new float[n];
    float[] gv = new float[n];
    FloatBuffer yb = y.buffer();
    FloatBuffer o = out.buffer();
    for (int i = 0, base = 0; i < out.rows(); i++, base += n) {
      yb.get(base, yv, 0, n);
      o.get(base, gv, 0, n);
      reluMask(yv, gv, n);
      o.put(base, gv, 0, n);
    }
  }

  /**
   * {@code g[j] ← g[j]·1[y[j] > 0]} for j &lt; len, y ≥ 0 (a ReLU output). Branch-free: half the
   * units of a ReLU layer are off in no predictable pattern, so an if costs a mispredicted
   * branch per element; here {@code min(y·2¹²⁶·2¹²⁶, 1)} is exactly 1 for every y &gt; 0 (even the
   * smallest subnormal) and 0 for y = 0, and the loop vectorizes. Modified: {@code g}.
   */
  public static void reluMask(float[] y, float[] g, int len) {
    for (int j = 0; j < len; j++) {
      g[j] *= Math.min(y[j] * 0x1p126f * 0x1p126f, 1f);
    }
  }

  /** {@code out[0, :] = x.sum(axis=0)}, accumulated in double. Modified: {@code out}. */
  public static void columnSums(Matrix x, Matrix out) {
    int n = x.cols();
    if (out.rows() != 1 || out.cols() != n) {
      throw new IllegalArgumentException("column sums of " + x.shape() + " into " + out.shape());
    }
    double[] acc = new double[n];
    float[] row = new float[n];
    FloatBuffer xb = x.buffer();
    for (int i = 0, base = 0; i < x.rows(); i++, base += n) {
      // A bulk copy per row, then a plain array loop the JIT vectorizes.
      xb.get(base, row, 0, n);
      for (int j = 0; j < n; j++) {
        acc[j] += row[j];
      }
    }
    for (int j = 0; j < n; j++) {
      out.put(j, (float) acc[j]);
    }
  }

  /** {@code out[:] = a + b} element-wise. Modified: {@code out} (may alias a or b). */
  public static void add(Matrix a, Matrix b, Matrix out) {
    Matrix.requireSameShape(a, b);
    Matrix.requireSameShape(a, out);
    FloatBuffer x = a.buffer();
    FloatBuffer y = b.buffer();
    FloatBuffer o = out.buffer();
    for (int i = 0, n = a.size(); i < n; i++) {
      o.put(i, x.get(i) + y.get(i));
    }
  }

  /**
   * {@code out[i, :] = source[index[from + i], :]} for i in {@code [0, to − from)}: gathers a
   * mini-batch. Modified: {@code out}.
   */
  public static void gatherRows(Matrix source, int[] index, int from, int to, Matrix out) {
    if (out.rows() != to - from) {
      throw new IllegalArgumentException("gather " + (to - from) + " rows into " + out.shape());
    }
    for (int i = from; i < to; i++) {
      out.copyRow(source, index[i], i - from);
    }
  }

  /** Index of the largest element of row {@code r} (first one on ties). */
  public static int argmaxRow(Matrix x, int r) {
    int n = x.cols();
    int base = r * n;
    FloatBuffer b = x.buffer();
    int best = 0;
    float bestValue = b.get(base);
    for (int j = 1; j < n; j++) {
      float v = b.get(base + j);
      if (v > bestValue) {
        bestValue = v;
        best = j;
      }
    }
    return best;
  }
}
