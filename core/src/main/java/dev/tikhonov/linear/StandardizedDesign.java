package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseRows;
import org.bytedeco.openblas.global.openblas;

/**
 * The design matrix as every point solver of the path sees it (glmnet's {@code standard} /
 * {@code lstandard1}, and {@code spstandard} for sparse x): with qᵢ the observation weights
 * normalized to sum to 1 (1/n each without weights),
 *
 * <pre>
 *   zᵢⱼ = cᵢ (xᵢⱼ − mⱼ) / sⱼ,   mⱼ = Σᵢ qᵢ xᵢⱼ,   sⱼ = sqrt(Σᵢ qᵢ (xᵢⱼ − x̄ⱼ)²)
 * </pre>
 *
 * where mⱼ is 0 without an intercept, sⱼ is 1 unless standardizing, and the row scale cᵢ is
 * √(n·qᵢ) for the gaussian family (glmnet's √w trick: then (1/n) zⱼᵀzₖ = Σᵢ qᵢ z̃ᵢⱼ z̃ᵢₖ, and the
 * unweighted coordinate descent solves the weighted problem) and 1 for the others, whose
 * solvers carry qᵢ in their working weights. Constant columns (among rows of positive weight)
 * are marked excluded (glmnet's {@code ju}): their column is all zeros and their coefficient
 * stays 0.
 *
 * <p><b>Storage.</b> Dense data is copied once into a contiguous column-major {@code z}. Sparse
 * data ({@link SparseRows}) is stored compressed by column as the uncentered, scaled
 * {@code aᵢⱼ = cᵢ xᵢⱼ / sⱼ}, never densified: {@code zⱼ = aⱼ − μⱼ c} with the implicit center
 * {@code μⱼ = mⱼ/sⱼ} (0 for dense data, whose z is centered), as glmnet's sparse solvers do.
 * Every product below is the exact one of z; the column operations on a vector
 * ({@link #subtractStored} and friends) act on aⱼ only, and the solvers carry the rank-one
 * center term as a scalar (see {@link ResidualTracker} and
 * {@link ProximalNewtonCoordinateDescent}), so a coordinate move costs O(nonzeros of the column).
 *
 * <p>Coefficients b̃ on this scale map back to the original one as {@code b_j = b̃_j / s_j},
 * {@code a₀ = ã₀ − Σ_j m_j b_j}. Immutable after construction; safe to share between threads.
 */
final class StandardizedDesign {
  final int n;
  final int p;
  /** Column-major n×p (dense data); null for sparse data. */
  final double[] z;
  /** Sparse data: column j's entries are k in [colStart[j], colStart[j + 1]). Else null. */
  final int[] colStart;
  final int[] rowIndex;
  final double[] value;
  final double[] mean;
  final double[] scale;
  /** Σᵢ qᵢ zᵢⱼ² on the unit-row-scale design, glmnet's {@code xv} (1 when standardized). */
  final double[] variance;
  final boolean[] included;
  /** μⱼ with zⱼ = aⱼ − μⱼ·c: 0 for dense data (centered already), mⱼ/sⱼ for sparse. */
  final double[] center;
  /** cᵀaⱼ for sparse data (0 for dense data, which never needs it). */
  final double[] storedDotCenter;
  /** The row scale c (√(n qᵢ) for the gaussian family with weights); null for all ones. */
  final double[] rowScale;
  /** qᵢ: the observation weights of the rows, normalized to sum to 1. */
  final double[] weights;
  /** True when every qᵢ is 1/n. */
  final boolean uniform;

  private StandardizedDesign(int n, int p, double[] z, int[] colStart, int[] rowIndex,
      double[] value, double[] mean, double[] scale, double[] variance, boolean[] included,
      double[] center, double[] storedDotCenter, double[] rowScale, double[] weights,
      boolean uniform) {
    this.n = n;
    this.p = p;
    this.z = z;
    this.colStart = colStart;
    this.rowIndex = rowIndex;
    this.value = value;
    this.mean = mean;
    this.scale = scale;
    this.variance = variance;
    this.included = included;
    this.center = center;
    this.storedDotCenter = storedDotCenter;
    this.rowScale = rowScale;
    this.weights = weights;
    this.uniform = uniform;
  }

  /** True when the columns are stored sparse (centered implicitly). */
  boolean sparse() {
    return z == null;
  }

  /** All rows of dense {@code x}, unweighted. */
  static StandardizedDesign of(double[][] x, boolean intercept, boolean standardize) {
    return of(x, allRows(x.length), intercept, standardize);
  }

  /** The rows {@code rows} of dense {@code x}, unweighted, unit row scale. */
  static StandardizedDesign of(double[][] x, int[] rows, boolean intercept, boolean standardize) {
    return of(PathData.of(x, new double[x.length], java.util.List.of(), java.util.List.of()),
        rows, intercept, standardize, false);
  }

  /**
   * The rows {@code rows} (0-based) of {@code data}'s features, centered with their own weighted
   * means and scaled with their own weighted standard deviations. Messages name rows and
   * columns 1-based.
   *
   * @param sqrtWeightRows scale row i by √(n·qᵢ) (the gaussian family)
   * @throws InputException for no rows or features, a ragged row, a value that is not finite or
   *     a bad weight
   */
  static StandardizedDesign of(PathData data, int[] rows, boolean intercept, boolean standardize,
      boolean sqrtWeightRows) {
    int n = rows.length;
    if (n == 0) {
      throw new InputException("no rows to fit");
    }
    double[] q = data.normalizedWeights(rows);
    boolean uniform = !data.hasWeights();
    double[] c = null;
    if (sqrtWeightRows && !uniform) {
      c = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = Math.sqrt(n * q[i]);
      }
    }
    return data.isSparse()
        ? sparse(data.sparseRows(), rows, q, c, uniform, intercept, standardize)
        : dense(data.denseRows(), rows, q, c, uniform, intercept, standardize);
  }

  private static StandardizedDesign dense(double[][] x, int[] rows, double[] q, double[] c,
      boolean uniform, boolean intercept, boolean standardize) {
    int n = rows.length;
    int p = x[rows[0]].length;
    if (p == 0) {
      throw new InputException("no features to fit: the rows have 0 columns");
    }
    if ((long) n * p > Integer.MAX_VALUE - 8) {
      throw new InputException(n + " rows x " + p + " features are too many values for one"
          + " dense design (at most " + (Integer.MAX_VALUE - 8) + "); give the data sparse");
    }
    double[] z = new double[n * p];
    for (int i = 0; i < n; i++) {
      double[] row = x[rows[i]];
      if (row.length != p) {
        throw new InputException("row " + (rows[i] + 1) + " has " + row.length
            + " features, expected " + p);
      }
      for (int j = 0; j < p; j++) {
        double v = row[j];
        if (!Double.isFinite(v)) {
          throw new InputException("row " + (rows[i] + 1) + ", column " + (j + 1) + ": value "
              + v + " is not finite");
        }
        z[j * n + i] = v;
      }
    }
    double[] mean = new double[p];
    double[] scale = new double[p];
    double[] variance = new double[p];
    boolean[] included = new boolean[p];
    for (int j = 0; j < p; j++) {
      int o = j * n;
      double first = Double.NaN;
      boolean constant = true;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        if (q[i] > 0) {
          sum += q[i] * z[o + i];
          if (first != first) {
            first = z[o + i];
          }
          constant &= z[o + i] == first;
        }
      }
      double centered = 0;
      for (int i = 0; i < n; i++) {
        double d = z[o + i] - sum;
        centered += q[i] * d * d;
      }
      double sd = Math.sqrt(centered);
      included[j] = !constant && sd > 0;
      mean[j] = intercept ? sum : 0.0;
      scale[j] = standardize && included[j] ? sd : 1.0;
      double inverse = 1.0 / scale[j];
      double sumSquares = 0;
      for (int i = 0; i < n; i++) {
        double v = included[j] ? (z[o + i] - mean[j]) * inverse : 0.0;
        sumSquares += q[i] * v * v;
        z[o + i] = c == null ? v : c[i] * v;
      }
      variance[j] = sumSquares;
    }
    return new StandardizedDesign(n, p, z, null, null, null, mean, scale, variance, included,
        new double[p], new double[p], c, q, uniform);
  }

  private static StandardizedDesign sparse(SparseRows x, int[] rows, double[] q, double[] c,
      boolean uniform, boolean intercept, boolean standardize) {
    int n = rows.length;
    int p = x.numColumns();
    if (p == 0) {
      throw new InputException("no features to fit: the rows have 0 columns");
    }
    int[] start = x.rowStart();
    int[] cols = x.columnIndices();
    double[] vals = x.values();
    // Weighted moments and the constant-column test, over the selected rows' entries.
    int[] count = new int[p];
    double[] sum = new double[p];
    double[] squares = new double[p];
    double[] firstValue = new double[p];
    boolean[] varies = new boolean[p];
    int[] positiveCount = new int[p];
    int positiveRows = 0;
    long entries = 0;
    for (int r = 0; r < n; r++) {
      int i = rows[r];
      boolean positive = q[r] > 0;
      positiveRows += positive ? 1 : 0;
      for (int k = start[i]; k < start[i + 1]; k++) {
        int j = cols[k];
        double v = vals[k];
        count[j]++;
        entries++;
        sum[j] += q[r] * v;
        squares[j] += q[r] * v * v;
        if (positive) {
          if (positiveCount[j]++ == 0) {
            firstValue[j] = v;
          } else if (v != firstValue[j]) {
            varies[j] = true;
          }
        }
      }
    }
    if (entries > Integer.MAX_VALUE - 8) {
      throw new InputException(entries + " stored entries are too many for one sparse design");
    }
    double[] mean = new double[p];
    double[] scale = new double[p];
    double[] variance = new double[p];
    double[] center = new double[p];
    boolean[] included = new boolean[p];
    int[] colStart = new int[p + 1];
    for (int j = 0; j < p; j++) {
      // A column is constant among the rows of positive weight when it has no entry there, or
      // the same value in every one of them.
      boolean constant = positiveCount[j] == 0
          || positiveCount[j] == positiveRows && !varies[j];
      double var = Math.max(0, squares[j] - sum[j] * sum[j]);
      double sd = Math.sqrt(var);
      included[j] = !constant && sd > 0;
      mean[j] = intercept && included[j] ? sum[j] : 0.0;
      scale[j] = standardize && included[j] ? sd : 1.0;
      center[j] = mean[j] / scale[j];
      variance[j] = included[j]
          ? (intercept ? var : squares[j]) / (scale[j] * scale[j]) : 0.0;
      colStart[j + 1] = colStart[j] + (included[j] ? count[j] : 0);
    }
    int[] rowIndex = new int[colStart[p]];
    double[] value = new double[colStart[p]];
    double[] storedDotCenter = new double[p];
    int[] next = java.util.Arrays.copyOf(colStart, p);
    for (int r = 0; r < n; r++) {
      int i = rows[r];
      double ci = c == null ? 1.0 : c[r];
      for (int k = start[i]; k < start[i + 1]; k++) {
        int j = cols[k];
        if (!included[j]) {
          continue;
        }
        double a = ci * vals[k] / scale[j];
        rowIndex[next[j]] = r;
        value[next[j]++] = a;
        storedDotCenter[j] += ci * a;
      }
    }
    return new StandardizedDesign(n, p, null, colStart, rowIndex, value, mean, scale, variance,
        included, center, storedDotCenter, c, q, uniform);
  }

  /**
   * The moments of a design known only through its sufficient statistics ({@link
   * StatisticsPath}): no column values ({@code z} is empty), so only covariance updates from a
   * Gram matrix can run on it.
   */
  static StandardizedDesign ofMoments(int n, double[] mean, double[] scale, double[] variance,
      boolean[] included) {
    return new StandardizedDesign(n, mean.length, new double[0], mean, scale, variance, included);
  }

  static int[] allRows(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /** True when some included feature has a positive penalty factor. */
  boolean anyPenalizedFeature(double[] penalty) {
    for (int j = 0; j < p; j++) {
      if (included[j] && penalty[j] > 0) {
        return true;
      }
    }
    return false;
  }

  /** cᵀv: Σv for unit row scale. O(n). */
  double centerDot(double[] v) {
    if (rowScale == null) {
      double s = 0;
      for (double x : v) {
        s += x;
      }
      return s;
    }
    return dot(rowScale, 0, v, 0, n);
  }

  /** cᵀc: n (for unit row scale, and for √(n qᵢ) since Σq = 1). */
  double centerSquaredNorm() {
    return n;
  }

  /** (1/n) z_jᵀ v. */
  double meanDot(int j, double[] v) {
    return dot(j, v) / n;
  }

  /** z_jᵀ v (O(n) for sparse data with an implicit center, for cᵀv). */
  double dot(int j, double[] v) {
    if (z != null) {
      return dot(z, j * n, v, 0, n);
    }
    return center[j] == 0 ? storedDot(j, v) : dot(j, v, centerDot(v));
  }

  /** z_jᵀ v given cᵀv (O(nonzeros) for sparse data). */
  double dot(int j, double[] v, double centerDotV) {
    if (z != null) {
      return dot(z, j * n, v, 0, n);
    }
    return storedDot(j, v) - center[j] * centerDotV;
  }

  /** a_jᵀ v: the stored column (z_j itself for dense data). */
  double storedDot(int j, double[] v) {
    if (z != null) {
      return dot(z, j * n, v, 0, n);
    }
    double s0 = 0;
    double s1 = 0;
    int k = colStart[j];
    int end = colStart[j + 1];
    for (; k + 1 < end; k += 2) {
      s0 += value[k] * v[rowIndex[k]];
      s1 += value[k + 1] * v[rowIndex[k + 1]];
    }
    if (k < end) {
      s0 += value[k] * v[rowIndex[k]];
    }
    return s0 + s1;
  }

  /** (1/n) z_jᵀ z_k. */
  double meanCross(int j, int k) {
    if (z != null) {
      return dot(z, j * n, z, k * n, n) / n;
    }
    // z_jᵀz_k = a_jᵀa_k − μ_k cᵀa_j − μ_j cᵀa_k + μ_j μ_k cᵀc
    double s = 0;
    int a = colStart[j];
    int b = colStart[k];
    int endA = colStart[j + 1];
    int endB = colStart[k + 1];
    while (a < endA && b < endB) {
      int ra = rowIndex[a];
      int rb = rowIndex[b];
      if (ra == rb) {
        s += value[a++] * value[b++];
      } else if (ra < rb) {
        a++;
      } else {
        b++;
      }
    }
    s += -center[k] * storedDotCenter[j] - center[j] * storedDotCenter[k]
        + center[j] * center[k] * centerSquaredNorm();
    return s / n;
  }

  /**
   * Σᵢ a[ao + i]·b[bo + i] for i &lt; len with four partial sums: one running sum waits on the
   * latency of each addition (about 4 cycles); four independent ones keep the loads busy, which
   * makes coordinate descent's O(n) products about three times faster (the JIT does not
   * reassociate a floating-point reduction itself).
   */
  static double dot(double[] a, int ao, double[] b, int bo, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < len; i += 4) {
      s0 += a[ao + i] * b[bo + i];
      s1 += a[ao + i + 1] * b[bo + i + 1];
      s2 += a[ao + i + 2] * b[bo + i + 2];
      s3 += a[ao + i + 3] * b[bo + i + 3];
    }
    for (; i < len; i++) {
      s0 += a[ao + i] * b[bo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Σᵢ vᵢ·z_ij² (unit row scale) given Σv: for sparse data Σ v a² − 2μ Σ v a + μ² Σ v (four
   * partial sums for dense data, as in dot).
   */
  double weightedSquares(int j, double[] v, double vSum) {
    if (z == null) {
      double squares = 0;
      double linear = 0;
      for (int k = colStart[j]; k < colStart[j + 1]; k++) {
        double a = value[k];
        double w = v[rowIndex[k]] * a;
        squares += w * a;
        linear += w;
      }
      double mu = center[j];
      return squares - 2 * mu * linear + mu * mu * vSum;
    }
    int o = j * n;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      double a = z[o + i];
      double b = z[o + i + 1];
      double c = z[o + i + 2];
      double d = z[o + i + 3];
      s0 += v[i] * a * a;
      s1 += v[i + 1] * b * b;
      s2 += v[i + 2] * c * c;
      s3 += v[i + 3] * d * d;
    }
    for (; i < n; i++) {
      double a = z[o + i];
      s0 += v[i] * a * a;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Σᵢ vᵢ·z_ij² with Σv computed here (O(n) more for sparse data). */
  double weightedSquares(int j, double[] v) {
    return weightedSquares(j, v, z == null && center[j] != 0 ? centerDot(v) : 0.0);
  }

  /**
   * The Gram matrix {@code G = (1/n) ZᵀZ}, p×p, symmetric, G[j·p + k] = (1/n) z_jᵀ z_k, by one
   * BLAS {@code dsyrk} (n·p² flops at the BLAS's speed instead of p dot products of length n
   * per feature that enters the model). Dense data only.
   */
  double[] gram() {
    if (z == null) {
      throw new IllegalStateException("the Gram matrix of a sparse design is not formed");
    }
    double[] g = new double[p * p];
    // Upper triangle of the column-major result = lower of the row-major view; mirror after.
    openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasTrans,
        p, n, 1.0 / n, z, n, 0.0, g, p);
    for (int k = 0; k < p; k++) {
      for (int j = k + 1; j < p; j++) {
        g[j + k * p] = g[k + j * p];
      }
    }
    return g;
  }

  /** out ← out − delta·z_j. Dense data only. Modified: {@code out}. */
  void subtractColumn(int j, double delta, double[] out) {
    int o = j * n;
    for (int i = 0; i < n; i++) {
      out[i] -= delta * z[o + i];
    }
  }

  /** out ← out − delta·a_j, the stored column (z_j for dense data). Modified: {@code out}. */
  void subtractStored(int j, double delta, double[] out) {
    if (z != null) {
      subtractColumn(j, delta, out);
      return;
    }
    for (int k = colStart[j]; k < colStart[j + 1]; k++) {
      out[rowIndex[k]] -= delta * value[k];
    }
  }

  /**
   * out ← out + a·a_j, the stored column; returns a·μ_j, what the caller still has to subtract
   * from every row (times c) to have added a·z_j (0 for dense data). Modified: {@code out}.
   */
  double addStored(int j, double a, double[] out) {
    if (z != null) {
      int o = j * n;
      for (int i = 0; i < n; i++) {
        out[i] += a * z[o + i];
      }
      return 0.0;
    }
    for (int k = colStart[j]; k < colStart[j + 1]; k++) {
      out[rowIndex[k]] += a * value[k];
    }
    return a * center[j];
  }

  /** out ← out + a·z_j, exactly (O(n) for sparse data with a center). Modified: {@code out}. */
  void addScaledColumn(int j, double a, double[] out) {
    double shift = addStored(j, a, out);
    if (shift != 0) {
      for (int i = 0; i < n; i++) {
        out[i] -= shift * (rowScale == null ? 1.0 : rowScale[i]);
      }
    }
  }

  /**
   * r ← r − d·(v ∘ a_j): the working residual after coordinate j moved by d, for the stored
   * column (the caller carries the center term). Modified: r.
   */
  void subtractWeightedStored(int j, double d, double[] v, double[] r) {
    if (z != null) {
      int o = j * n;
      for (int i = 0; i < n; i++) {
        r[i] -= d * v[i] * z[o + i];
      }
      return;
    }
    for (int k = colStart[j]; k < colStart[j + 1]; k++) {
      int i = rowIndex[k];
      r[i] -= d * v[i] * value[k];
    }
  }

  /** Σᵢ vᵢ aᵢⱼ over the stored column (Σ v z_j for dense data). */
  double weightedStoredSum(int j, double[] v) {
    if (z != null) {
      return dot(z, j * n, v, 0, n);
    }
    double s = 0;
    for (int k = colStart[j]; k < colStart[j + 1]; k++) {
      s += v[rowIndex[k]] * value[k];
    }
    return s;
  }

  /** The mean of y; an InputException naming the 1-based row when a value is not finite. */
  static double finiteMean(double[] y) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        throw new InputException("target of row " + (i + 1) + " is not finite: " + y[i]);
      }
      sum += y[i];
    }
    return sum / y.length;
  }
}
