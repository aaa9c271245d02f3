package dev.tikhonov.tensor;

import java.nio.FloatBuffer;

/**
 * Stateless element-wise kernels on {@link Matrix}. Each writes only into its last argument,
 * named {@code out}; the javadoc gives the numpy equivalent. Thread-safe (scratch space is
 * per thread) as long as no two threads write the same {@code out}, or one reads what another
 * writes.
 */
public final class Kernels {
  private Kernels() {}

  /** {@code out[i, :] += row[0, :]} for every row i (bias broadcast). Modified: {@code out}. */
  public static void addRowVector(Matrix row, Matrix out) {
    addRowVectorToSum(out, NO_TERMS, 0, 0, row, out, false);
  }

  /**
   * {@code out[i, :] = max(0, out[i, :] + row[0, :])} for every row i: bias broadcast fused with
   * the ReLU, the same floats as {@link #addRowVector} followed by a ReLU (a NaN stays NaN).
   * Modified: {@code out}.
   */
  public static void addRowVectorRelu(Matrix row, Matrix out) {
    addRowVectorToSum(out, NO_TERMS, 0, 0, row, out, true);
  }

  /**
   * {@code out = max(0, x)} element-wise, the ReLU's forward pass ({@code np.maximum(x, 0)},
   * except that a NaN gives 0). Modified: {@code out}.
   */
  public static void relu(Matrix x, Matrix out) {
    Matrix.requireSameShape(x, out);
    FloatBuffer in = x.buffer();
    FloatBuffer o = out.buffer();
    for (int i = 0, size = x.size(); i < size; i++) {
      float v = in.get(i);
      o.put(i, v > 0f ? v : 0f);
    }
  }

  /**
   * {@code g[y <= 0] = 0} in place: the ReLU's backward pass written over the incoming gradient
   * (y is the ReLU's output, same shape). Modified: {@code out}.
   */
  public static void reluMask(Matrix y, Matrix out) {
    Matrix.requireSameShape(y, out);
    reluMask(y, out, NO_SUMS, false);
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

  private static final int CHUNK = 1024;
  /** 0, 1, …, CHUNK − 1: the JIT vectorizes loops that read an index, not loops that use one. */
  private static final int[] IOTA = new int[CHUNK];

  static {
    for (int i = 0; i < CHUNK; i++) {
      IOTA[i] = i;
    }
  }

  /**
   * Per-thread scratch of the chunked kernels: [hashes, mask bits] for {@link #dropout}, and
   * three float chunks (e.g. [inputs, mask] for {@link #dropout}, [sum, term, bias] for
   * {@link #sumRowsAddRowVector}).
   */
  private static final ThreadLocal<int[][]> INT_SCRATCH =
      ThreadLocal.withInitial(() -> new int[2][CHUNK]);
  private static final ThreadLocal<float[][]> FLOAT_SCRATCH =
      ThreadLocal.withInitial(() -> new float[3][CHUNK]);

  /**
   * The 24 uniform bits of element {@code e} of the dropout masks drawn with {@code key}:
   * {@code h = mix(mix(e·φ + key_lo) ^ key_hi) >>> 8}, where φ = 0x9E3779B9 (a Weyl step) and
   * {@code mix} is the 32-bit finalizer "lowbias32" (C. Wellons), a bijection; so a key gives
   * every element of a batch its own draw, whoever computes it. {@link #dropout} computes the
   * same bits in vectorized form.
   */
  public static int dropoutBits(long key, int e) {
    return mix32(mix32(e * 0x9E3779B9 + (int) key) ^ (int) (key >>> 32)) >>> 8;
  }

  private static int mix32(int h) {
    h ^= h >>> 16;
    h *= 0x7feb352d;
    h ^= h >>> 15;
    h *= 0x846ca68b;
    h ^= h >>> 16;
    return h;
  }

  /**
   * The inverted-dropout threshold for rate p: an element is kept when its 24 bits
   * ({@link #dropoutBits}) are at least ⌈p·2²⁴⌉, i.e. with probability 1 − ⌈p·2²⁴⌉/2²⁴; the same
   * test as {@code u ≥ p} for a float u with 24 random bits.
   */
  public static int dropoutThreshold(float rate) {
    return (int) Math.ceil((double) rate * 16_777_216.0);
  }

  /**
   * Inverted dropout of {@code x}: {@code mask[i] = scale} if {@code dropoutBits(key,
   * firstElement + i) ≥ threshold}, else 0; {@code out[i] = x[i]·mask[i]} (flat row-major i).
   * Counter-based, so a part of a batch starting at element {@code firstElement} gets exactly
   * the masks of the same elements of the whole batch. Modified: {@code mask}, {@code out}.
   */
  public static void dropout(long key, int firstElement, int threshold, float scale, Matrix x,
      Matrix mask, Matrix out) {
    Matrix.requireSameShape(x, mask);
    Matrix.requireSameShape(x, out);
    int[][] ints = INT_SCRATCH.get();
    float[][] floats = FLOAT_SCRATCH.get();
    int[] h = ints[0];
    int[] bits = ints[1];
    float[] v = floats[0];
    float[] m = floats[1];
    int keyLo = (int) key;
    int keyHi = (int) (key >>> 32);
    int scaleBits = Float.floatToRawIntBits(scale);
    FloatBuffer in = x.buffer();
    FloatBuffer maskFloats = mask.buffer();
    java.nio.IntBuffer maskBits = mask.bits();
    FloatBuffer o = out.buffer();
    for (int from = 0, n = x.size(); from < n; from += CHUNK) {
      int len = Math.min(CHUNK, n - from);
      int base = firstElement + from;
      // Integer loops only (they vectorize): hash, then the mask's float bits, scale or +0.
      for (int j = 0; j < len; j++) {
        int e = base + IOTA[j];
        int a = e * 0x9E3779B9 + keyLo;
        a ^= a >>> 16;
        a *= 0x7feb352d;
        a ^= a >>> 15;
        a *= 0x846ca68b;
        a ^= a >>> 16;
        a ^= keyHi;
        a ^= a >>> 16;
        a *= 0x7feb352d;
        a ^= a >>> 15;
        a *= 0x846ca68b;
        a ^= a >>> 16;
        h[j] = a;
      }
      for (int j = 0; j < len; j++) {
        // (u − t) >> 31 is all ones when u < t (dropped), 0 when kept; u, t < 2²⁴ + 1
        bits[j] = scaleBits & ~(((h[j] >>> 8) - threshold) >> 31);
      }
      maskBits.put(from, bits, 0, len);
      maskFloats.get(from, m, 0, len);
      in.get(from, v, 0, len);
      for (int j = 0; j < len; j++) {
        v[j] = v[j] * m[j];
      }
      o.put(from, v, 0, len);
    }
  }

  /** {@code out[i] = g[i]·mask[i]} element-wise. Modified: {@code out}. */
  public static void multiply(Matrix g, Matrix mask, Matrix out) {
    Matrix.requireSameShape(g, mask);
    Matrix.requireSameShape(g, out);
    float[][] floats = FLOAT_SCRATCH.get();
    float[] v = floats[0];
    float[] m = floats[1];
    FloatBuffer gb = g.buffer();
    FloatBuffer mb = mask.buffer();
    FloatBuffer o = out.buffer();
    for (int from = 0, n = g.size(); from < n; from += CHUNK) {
      int len = Math.min(CHUNK, n - from);
      gb.get(from, v, 0, len);
      mb.get(from, m, 0, len);
      for (int j = 0; j < len; j++) {
        v[j] = v[j] * m[j];
      }
      o.put(from, v, 0, len);
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

  /**
   * {@code acc[j] += x[:, j].sum()} in double: a part of a batch's column sums, to be added to
   * the other parts'. Modified: {@code acc}.
   */
  public static void addColumnSums(Matrix x, double[] acc) {
    int n = x.cols();
    if (acc.length != n) {
      throw new IllegalArgumentException("column sums of " + x.shape() + " into " + acc.length);
    }
    float[] row = FLOAT_SCRATCH.get()[0];
    FloatBuffer xb = x.buffer();
    for (int i = 0, base = 0; i < x.rows(); i++, base += n) {
      for (int from = 0; from < n; from += CHUNK) {
        int len = Math.min(CHUNK, n - from);
        xb.get(base + from, row, 0, len);
        for (int j = 0; j < len; j++) {
          acc[from + j] += row[j];
        }
      }
    }
  }

  /**
   * {@link #reluMask(Matrix, Matrix)} then {@link #addColumnSums} of the masked gradient, in one
   * pass over it: {@code g[y <= 0] = 0; acc[j] += g[:, j].sum()} (sums in double). Modified:
   * {@code g}, {@code acc}.
   */
  public static void reluMaskAddColumnSums(Matrix y, Matrix g, double[] acc) {
    Matrix.requireSameShape(y, g);
    if (acc.length != g.cols()) {
      throw new IllegalArgumentException("column sums of " + g.shape() + " into " + acc.length);
    }
    reluMask(y, g, acc, true);
  }

  private static final double[] NO_SUMS = {};

  /** The ReLU's mask over g in place, row by row in chunks; with {@code sums}, into acc too. */
  private static void reluMask(Matrix y, Matrix g, double[] acc, boolean sums) {
    int n = g.cols();
    float[][] floats = FLOAT_SCRATCH.get();
    float[] yv = floats[0];
    float[] gv = floats[1];
    FloatBuffer yb = y.buffer();
    FloatBuffer gb = g.buffer();
    for (int i = 0, base = 0; i < g.rows(); i++, base += n) {
      for (int c = 0; c < n; c += CHUNK) {
        int len = Math.min(CHUNK, n - c);
        yb.get(base + c, yv, 0, len);
        gb.get(base + c, gv, 0, len);
        reluMask(yv, gv, len);
        gb.put(base + c, gv, 0, len);
        if (sums) {
          for (int j = 0; j < len; j++) {
            acc[c + j] += gv[j];
          }
        }
      }
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
    if (out.cols() != source.cols()) {
      throw new IllegalArgumentException("row length " + source.cols() + " != " + out.cols());
    }
    gather(source, index, from, to, 0, source.cols(), out);
  }

  /**
   * {@code out[i, :] = source[index[from + i], c0:c1]} for i in {@code [0, to − from)}: gathers
   * a column block of a mini-batch. Modified: {@code out}.
   */
  public static void gatherRowBlocks(Matrix source, int[] index, int from, int to, int c0, int c1,
      Matrix out) {
    if (c0 < 0 || c1 > source.cols() || c0 > c1) {
      throw new IndexOutOfBoundsException("columns [" + c0 + ", " + c1 + ") of "
          + source.shape());
    }
    int w = c1 - c0;
    if (out.rows() != to - from || out.cols() != w) {
      throw new IllegalArgumentException("gather " + (to - from) + " rows of columns [" + c0
          + ", " + c1 + ") into " + out.shape());
    }
    gather(source, index, from, to, c0, w, out);
  }

  /** Rows gathered together by {@link #gather}: sixteen independent streams from memory. */
  private static final int GATHER_ROWS = 16;
  /** Floats copied from one row before moving to the next row of its group: four cache lines. */
  private static final int GATHER_CHUNK = 64;

  /**
   * {@code out[i, :] = source[index[from + i], c0:c0 + w]}, copied in groups of
   * {@link #GATHER_ROWS} rows a chunk of {@link #GATHER_CHUNK} floats at a time. Why: rows in a
   * shuffled order come from memory one cache miss after another, and a row copied whole waits
   * for its own misses (the hardware prefetcher learns a row only after its first lines);
   * walking sixteen rows side by side keeps sixteen misses in flight. Measured on a 188 MB set,
   * 128 rows of 392 floats: 40 µs row by row, 28 µs in groups (docs/performance-log.md,
   * "Issue 13, twenty-ninth session"). The same floats as a row-by-row copy.
   */
  private static void gather(Matrix source, int[] index, int from, int to, int c0, int w,
      Matrix out) {
    FloatBuffer src = source.buffer();
    FloatBuffer o = out.buffer();
    int cols = source.cols();
    for (int g = from; g < to; g += GATHER_ROWS) {
      int gEnd = Math.min(g + GATHER_ROWS, to);
      for (int c = 0; c < w; c += GATHER_CHUNK) {
        int len = Math.min(GATHER_CHUNK, w - c);
        for (int i = g; i < gEnd; i++) {
          o.put((i - from) * w + c, src, index[i] * cols + c0 + c, len);
        }
      }
    }
  }

  /**
   * {@code out[i, :] = terms[0][from + i, :] + … + terms[T − 1][from + i, :] + row[0, :]} for
   * every row i of {@code out}, summed in that order in float: the bias broadcast over a sum of
   * partial products. Modified: {@code out}.
   */
  public static void sumRowsAddRowVector(Matrix[] terms, int from, Matrix row, Matrix out) {
    requireTerms(terms);
    addRowVectorToSum(terms[0], terms, 1, from, row, out, false);
  }

  /**
   * {@code out = max(0, ·)} of {@link #sumRowsAddRowVector}'s sum in the same pass (a NaN stays
   * NaN, as in {@link #addRowVectorRelu}). Modified: {@code out}.
   */
  public static void sumRowsAddRowVectorRelu(Matrix[] terms, int from, Matrix row, Matrix out) {
    requireTerms(terms);
    addRowVectorToSum(terms[0], terms, 1, from, row, out, true);
  }

  private static final Matrix[] NO_TERMS = {};

  private static void requireTerms(Matrix[] terms) {
    if (terms.length == 0) {
      throw new IllegalArgumentException("a sum of rows needs at least one term");
    }
  }

  /**
   * {@code out[i, :] = f(first[from + i, :] + more[k][from + i, :] + … + more[K − 1][from + i, :]
   * + row[0, :])} for k = {@code moreFrom}, summed in that order in float, f the ReLU or the
   * identity; {@code first} may be {@code out} itself (with {@code from = 0}): the bias added in
   * place.
   */
  private static void addRowVectorToSum(Matrix first, Matrix[] more, int moreFrom, int from,
      Matrix row, Matrix out, boolean relu) {
    int n = out.cols();
    if (row.rows() != 1 || row.cols() != n) {
      throw new IllegalArgumentException("row vector " + row.shape() + " vs " + out.shape());
    }
    for (int s = moreFrom - 1; s < more.length; s++) {
      Matrix t = s < moreFrom ? first : more[s];
      if (t.cols() != n || from < 0 || from + out.rows() > t.rows()) {
        throw new IllegalArgumentException("rows [" + from + ", " + (from + out.rows())
            + ") of " + t.shape() + " into " + out.shape());
      }
    }
    float[][] floats = FLOAT_SCRATCH.get();
    float[] sum = floats[0];
    float[] term = floats[1];
    float[] bias = floats[2];
    FloatBuffer o = out.buffer();
    for (int c = 0; c < n; c += CHUNK) {
      int len = Math.min(CHUNK, n - c);
      row.buffer().get(c, bias, 0, len);
      for (int i = 0; i < out.rows(); i++) {
        // Bulk copies around plain array loops, which the JIT vectorizes; Math.max gives the
        // same floats as v > 0 ? v : 0 for every non-NaN v (and keeps a NaN, which the loss
        // reports).
        int at = (from + i) * n + c;
        first.buffer().get(at, sum, 0, len);
        for (int s = moreFrom; s < more.length; s++) {
          more[s].buffer().get(at, term, 0, len);
          for (int j = 0; j < len; j++) {
            sum[j] += term[j];
          }
        }
        if (relu) {
          for (int j = 0; j < len; j++) {
            sum[j] = Math.max(sum[j] + bias[j], 0f);
          }
        } else {
          for (int j = 0; j < len; j++) {
            sum[j] += bias[j];
          }
        }
        o.put(i * n + c, sum, 0, len);
      }
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
