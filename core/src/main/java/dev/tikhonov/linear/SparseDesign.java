package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseMatrix;

/**
 * Sparse storage of the {@link StandardizedDesign} (glmnet's {@code spstandard} and its sparse
 * solvers): compressed columns of the uncentered, scaled
 *
 * <pre>
 *   a_ij = cᵢ·x_ij / s_j   (stored entries only),   z_j = a_j − μ_j·c,   μ_j = m_j / s_j
 * </pre>
 *
 * with the weighted means m_j, standard deviations s_j and row scale cᵢ of {@link
 * StandardizedDesign}. The center μ_j·c is never materialized: an inner product is
 * {@code z_jᵀv = a_jᵀv − μ_j·cᵀv} (cᵀv computed once per vector, {@link #centerDot}); the
 * residual trackers keep their vector as a stored part that the column's entries update plus a
 * scalar multiple of the shift direction (c for the gaussian residual, the working weights for
 * proximal Newton), so that a coordinate move costs O(entries of the column), and sums of the
 * vector are carried along. Moments are computed from the entries alone: with W₀ = Σ of ωᵢ over
 * the rows without an entry, s_j² = Σ_entries ωᵢ(x_ij − m_j)² + W₀·m_j² (the two-pass form, no
 * cancellation). Immutable after construction; safe to share between threads.
 */
final class SparseDesign extends StandardizedDesign {
  /** Column j's entries are k in [columnStart[j], columnStart[j + 1]); excluded columns empty. */
  final int[] columnStart;
  final int[] rowIndex;
  /** a_ij = cᵢ x_ij / s_j. */
  final double[] value;
  /** μ_j = m_j / s_j (0 for excluded columns and without an intercept). */
  final double[] center;
  /** cᵀa_j. */
  final double[] centerDotColumn;
  /** cᵢ = √(n·ωᵢ) for the weighted gaussian family; null for all ones. */
  final double[] rowScale;

  private SparseDesign(int n, int p, int[] columnStart, int[] rowIndex, double[] value,
      double[] mean, double[] scale, double[] variance, boolean[] included, double[] center,
      double[] centerDotColumn, double[] rowScale) {
    super(n, p, mean, scale, variance, included);
    this.columnStart = columnStart;
    this.rowIndex = rowIndex;
    this.value = value;
    this.center = center;
    this.centerDotColumn = centerDotColumn;
    this.rowScale = rowScale;
  }

  /**
   * The rows {@code rows} (0-based, of {@code x}) with observation weights ω (≥ 0, summing to 1,
   * one per entry of {@code rows}); with {@code scaleRows} (the gaussian family) rows are scaled
   * by √(n·ωᵢ). Never densifies: O(n + entries) time and memory. The values were checked finite
   * when {@code x} was made.
   *
   * @throws InputException for no rows or no features
   */
  static SparseDesign of(SparseMatrix x, int[] rows, double[] omega, boolean scaleRows,
      boolean intercept, boolean standardize) {
    int n = rows.length;
    if (n == 0) {
      throw new InputException("no rows to fit");
    }
    int p = x.numColumns();
    if (p == 0) {
      throw new InputException("no features to fit: the rows have 0 columns");
    }
    boolean identity = rows.length == x.numRows();
    for (int i = 0; i < n && identity; i++) {
      identity = rows[i] == i;
    }
    SparseMatrix m = identity ? x : x.rows(rows);
    int[] pointers = m.sharedColumnPointers();
    int[] index = m.sharedRowIndices();
    double[] values = m.sharedValues();
    boolean uniform = true;
    int positiveRows = 0;
    for (double o : omega) {
      uniform &= o == omega[0];
      positiveRows += o > 0 ? 1 : 0;
    }
    double[] c = null;
    if (scaleRows && !uniform) {
      c = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = Math.sqrt(n * omega[i]);
      }
    }
    double[] mean = new double[p];
    double[] scale = new double[p];
    double[] variance = new double[p];
    double[] center = new double[p];
    boolean[] included = new boolean[p];
    int[] start = new int[p + 1];
    double limit = StandardizedDesign.squarable(n);
    for (int j = 0; j < p; j++) {
      double sum = 0;
      double covered = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int positive = 0;
      for (int k = pointers[j]; k < pointers[j + 1]; k++) {
        double w = omega[index[k]];
        double v = values[k];
        if (Math.abs(v) > limit) {
          throw StandardizedDesign.tooLarge("row " + (rows[index[k]] + 1) + ", column "
              + (j + 1), v, n, limit, "column");
        }
        sum += w * v;
        covered += w;
        if (w > 0) {
          positive++;
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      if (positive < positiveRows) {
        min = Math.min(min, 0.0);
        max = Math.max(max, 0.0);
      }
      double rest = Math.max(0.0, 1.0 - covered);
      double centered = rest * sum * sum;
      for (int k = pointers[j]; k < pointers[j + 1]; k++) {
        double d = values[k] - sum;
        centered += omega[index[k]] * d * d;
      }
      double sd = Math.sqrt(centered);
      included[j] = min < max && sd > 0;
      mean[j] = intercept ? sum : 0.0;
      scale[j] = standardize && included[j] ? sd : 1.0;
      if (included[j]) {
        center[j] = mean[j] / scale[j];
        double squares = rest * center[j] * center[j];
        for (int k = pointers[j]; k < pointers[j + 1]; k++) {
          double d = (values[k] - mean[j]) / scale[j];
          squares += omega[index[k]] * d * d;
        }
        variance[j] = squares;
      }
      start[j + 1] = start[j] + (included[j] ? pointers[j + 1] - pointers[j] : 0);
    }
    int[] rowIndex = new int[start[p]];
    double[] value = new double[start[p]];
    double[] centerDotColumn = new double[p];
    for (int j = 0; j < p; j++) {
      if (!included[j]) {
        continue;
      }
      int t = start[j];
      double inverse = 1.0 / scale[j];
      double dotC = 0;
      for (int k = pointers[j]; k < pointers[j + 1]; k++, t++) {
        int i = index[k];
        double ci = c == null ? 1.0 : c[i];
        double a = ci * values[k] * inverse;
        rowIndex[t] = i;
        value[t] = a;
        dotC += ci * a;
      }
      centerDotColumn[j] = dotC;
    }
    return new SparseDesign(n, p, start, rowIndex, value, mean, scale, variance, included,
        center, centerDotColumn, c);
  }

  @Override
  boolean sparse() {
    return true;
  }

  /** Σᵢ cᵢvᵢ, O(n). */
  @Override
  double centerDot(double[] v) {
    double s = 0;
    if (rowScale == null) {
      for (double x : v) {
        s += x;
      }
      return s;
    }
    return dot(rowScale, 0, v, 0, n);
  }

  /** a_jᵀv. */
  double storedDot(int j, double[] v) {
    double s0 = 0;
    double s1 = 0;
    int k = columnStart[j];
    int end = columnStart[j + 1];
    for (; k + 1 < end; k += 2) {
      s0 += value[k] * v[rowIndex[k]];
      s1 += value[k + 1] * v[rowIndex[k + 1]];
    }
    if (k < end) {
      s0 += value[k] * v[rowIndex[k]];
    }
    return s0 + s1;
  }

  /** z_jᵀv = a_jᵀv − μ_j·cᵀv, O(entries of the column). */
  @Override
  double dot(int j, double[] v, double centerDotV) {
    return storedDot(j, v) - center[j] * centerDotV;
  }

  /** z_jᵀz_k = a_jᵀa_k − μ_k cᵀa_j − μ_j cᵀa_k + μ_j μ_k cᵀc (cᵀc = n), by merging rows. */
  @Override
  double meanCross(int j, int k) {
    double s = 0;
    int a = columnStart[j];
    int b = columnStart[k];
    int endA = columnStart[j + 1];
    int endB = columnStart[k + 1];
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
    s += -center[k] * centerDotColumn[j] - center[j] * centerDotColumn[k]
        + center[j] * center[k] * n;
    return s / n;
  }

  /** Σ vᵢ(a_ij − μ_j)² = Σ_entries v a² − 2μ_j Σ_entries v a + μ_j²·Σv (unit row scale). */
  @Override
  double weightedSquares(int j, double[] v, double weightSum) {
    double squares = 0;
    double linear = 0;
    for (int k = columnStart[j]; k < columnStart[j + 1]; k++) {
      double a = value[k];
      double w = v[rowIndex[k]] * a;
      squares += w * a;
      linear += w;
    }
    double mu = center[j];
    return squares - 2 * mu * linear + mu * mu * weightSum;
  }

  /** out ← out + a·a_j on the entries, then − a·μ_j·c on every row (O(n) when centered). */
  @Override
  void addScaledColumn(int j, double a, double[] out) {
    for (int k = columnStart[j]; k < columnStart[j + 1]; k++) {
      out[rowIndex[k]] += a * value[k];
    }
    double shift = a * center[j];
    if (shift != 0) {
      for (int i = 0; i < n; i++) {
        out[i] -= shift * (rowScale == null ? 1.0 : rowScale[i]);
      }
    }
  }

  /** Σ b_j a_j on the entries, then −(Σ b_j μ_j)·c on every row once. */
  @Override
  void addColumns(double[] b, int offset, int[] active, int numActive, double[] out) {
    double shift = 0;
    for (int t = 0; t < numActive; t++) {
      int j = active[t];
      double a = b[offset + j];
      if (a == 0) {
        continue;
      }
      for (int k = columnStart[j]; k < columnStart[j + 1]; k++) {
        out[rowIndex[k]] += a * value[k];
      }
      shift += a * center[j];
    }
    if (shift != 0) {
      for (int i = 0; i < n; i++) {
        out[i] -= shift * (rowScale == null ? 1.0 : rowScale[i]);
      }
    }
  }

  @Override
  double[] gram() {
    throw new UnsupportedOperationException("a sparse design never forms its Gram matrix");
  }

  @Override
  GradientTracker residualTracker(double[] centeredTarget) {
    return new NaiveTracker(centeredTarget);
  }

  @Override
  WeightedResidual weightedResidual() {
    if (rowScale != null) {
      throw new IllegalStateException("proximal Newton runs on a design with unit row scale");
    }
    return new Residual();
  }

  /**
   * glmnet's naive gaussian updates on compressed columns ({@code spelnet2}): the residual
   * r = y − Zb is kept as r = s + o·c, a stored part s and a scalar o, with C = cᵀr alongside:
   *
   * <pre>
   *   (1/n) z_kᵀr = (a_kᵀs + o·cᵀa_k − μ_k·C) / n
   *   r ← r − δz_k:   s ← s − δa_k (the column's entries),  o ← o + δμ_k,  C ← C − δ(cᵀa_k − μ_k n)
   * </pre>
   *
   * A gradient is kept with the number of moves it was computed at and given again while no
   * coefficient has moved since: the strong-rule screen, the KKT check and the certificate of a
   * λ each ask for every feature's gradient at the same residual, which costs one pass over all
   * the entries (10⁷ on the benchmark) instead of three.
   */
  private final class NaiveTracker implements GradientTracker {
    private final double[] target;
    private final double[] stored;
    private double shift;
    private double centerDotResidual;
    private final double[] cached = new double[p];
    private final long[] cachedAt = new long[p];
    /** Moves (and refreshes) so far, from 1: a cached gradient is current when equal. */
    private long moves = 1;

    NaiveTracker(double[] centeredTarget) {
      this.target = centeredTarget.clone();
      this.stored = centeredTarget.clone();
      this.centerDotResidual = centerDot(stored);
    }

    @Override
    public double gradient(int k) {
      if (cachedAt[k] == moves) {
        return cached[k];
      }
      double g = (storedDot(k, stored) + shift * centerDotColumn[k]
          - center[k] * centerDotResidual) / n;
      cached[k] = g;
      cachedAt[k] = moves;
      return g;
    }

    @Override
    public void activate(int k) {}

    @Override
    public void moveAll(int k, double delta) {
      move(k, delta);
    }

    @Override
    public void moveActive(int k, double delta, int[] active, int numActive) {
      move(k, delta);
    }

    private void move(int k, double delta) {
      moves++;
      for (int t = columnStart[k]; t < columnStart[k + 1]; t++) {
        stored[rowIndex[t]] -= delta * value[t];
      }
      shift += delta * center[k];
      centerDotResidual -= delta * (centerDotColumn[k] - center[k] * n);
    }

    @Override
    public void beginActivePasses(double[] coefficients, int[] active, int numActive) {}

    @Override
    public void endActivePasses(double[] coefficients, int[] active, int numActive) {}

    /** (1/n)Σ(sᵢ + o·cᵢ)², O(n). */
    @Override
    public double residualMeanSquare(double tracked) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        double r = stored[i] + shift * (rowScale == null ? 1.0 : rowScale[i]);
        s += r * r;
      }
      return s / n;
    }

    /** r = y − Σ_active z_k b_k afresh: O(n + entries of the active columns). */
    @Override
    public double refresh(double[] coefficients, int[] active, int numActive) {
      System.arraycopy(target, 0, stored, 0, n);
      moves++;
      shift = 0;
      centerDotResidual = centerDot(stored);
      for (int l = 0; l < numActive; l++) {
        int k = active[l];
        if (coefficients[k] != 0) {
          move(k, coefficients[k]);
        }
      }
      return residualMeanSquare(0);
    }
  }

  /**
   * The working residual as r = s + o·v (v the working weights) with R = Σr alongside:
   *
   * <pre>
   *   z_jᵀr = Σ_entries a_ij (sᵢ + o·vᵢ) − μ_j·R
   *   r ← r − d·(v ∘ z_j):  s ← s − d·(v ∘ a_j) on the entries,  o ← o + d·μ_j,
   *                          R ← R − d·(Σ_entries vᵢa_ij − μ_j·Σv)
   *   r ← r − d·v:          o ← o − d,  R ← R − d·Σv
   * </pre>
   *
   * {@link #sum} and {@link #end} fold o·v into s (O(n), once per pass as the dense intercept
   * update costs) and recompute R exactly.
   */
  private final class Residual implements WeightedResidual {
    private double[] v;
    private double[] r;
    private double weightSum;
    private double shift;
    private double sum;

    @Override
    public void begin(double[] weights, double totalWeight, double[] residual) {
      this.v = weights;
      this.r = residual;
      this.weightSum = totalWeight;
      this.shift = 0;
      double s = 0;
      for (double ri : residual) {
        s += ri;
      }
      this.sum = s;
    }

    @Override
    public double dot(int j) {
      double s = 0;
      double o = shift;
      for (int k = columnStart[j]; k < columnStart[j + 1]; k++) {
        int i = rowIndex[k];
        s += value[k] * (r[i] + o * v[i]);
      }
      return s - center[j] * sum;
    }

    @Override
    public void move(int j, double d) {
      double t = 0;
      for (int k = columnStart[j]; k < columnStart[j + 1]; k++) {
        int i = rowIndex[k];
        double w = v[i] * value[k];
        r[i] -= d * w;
        t += w;
      }
      shift += d * center[j];
      sum -= d * (t - center[j] * weightSum);
    }

    @Override
    public double sum() {
      fold();
      double s = 0;
      for (double ri : r) {
        s += ri;
      }
      sum = s;
      return s;
    }

    @Override
    public void moveIntercept(double d) {
      shift -= d;
      sum -= d * weightSum;
    }

    @Override
    public void end() {
      fold();
    }

    private void fold() {
      if (shift != 0) {
        for (int i = 0; i < r.length; i++) {
          r[i] += shift * v[i];
        }
        shift = 0;
      }
    }
  }
}
