package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.tensor.Blas;
import org.bytedeco.openblas.global.openblas;

/**
 * Dense storage of the {@link StandardizedDesign}: a contiguous column-major copy {@code z}
 * with
 *
 * <pre>
 *   z[j·n + i] = cᵢ (x_ij − m_j) / s_j,   m_j = Σᵢ wᵢ x_ij,   s_j = sqrt(Σᵢ wᵢ (x_ij − m_j)²)
 * </pre>
 *
 * where wᵢ are the observation weights (summing to 1; uniform, wᵢ = 1/n, without weights; see
 * the weighted {@code of}), m_j is 0 without an intercept, s_j is 1 unless standardizing and cᵢ
 * the row scale (√(n·wᵢ) for the weighted gaussian family, else 1). Constant columns are marked
 * excluded (glmnet's {@code ju}): their column is stored as zeros and their coefficient stays 0.
 *
 * <p>Observation weights enter here (the moments above and {@link #variance} = Σᵢ wᵢ z̃ᵢⱼ²)
 * and, for the gaussian family, as rows scaled by √(n·wᵢ) so that its (1/n) products are the
 * weighted ones; the proximal Newton solvers carry wᵢ in their working weights. Immutable after
 * construction; safe to share between threads.
 */
final class DenseDesign extends StandardizedDesign {
  /** Column-major n×p. */
  final double[] z;

  private DenseDesign(int n, int p, double[] z, double[] mean, double[] scale,
      double[] variance, boolean[] included) {
    super(n, p, mean, scale, variance, included);
    this.z = z;
  }

  /** All rows of {@code x}. */
  static DenseDesign of(double[][] x, boolean intercept, boolean standardize) {
    return of(x, allRows(x.length), intercept, standardize);
  }

  /**
   * The rows {@code rows} (0-based) of {@code x}, centered with their own means and scaled with
   * their own standard deviations. Messages name rows and columns 1-based.
   *
   * @throws InputException for no rows or features, a ragged row or a value that is not finite
   */
  static DenseDesign of(double[][] x, int[] rows, boolean intercept, boolean standardize) {
    return of(x, rows, uniformWeights(rows.length), false, intercept, standardize);
  }

  /**
   * The rows {@code rows} of {@code x} with observation weights ωᵢ (≥ 0, summing to 1, one per
   * entry of {@code rows}): the moments above are the weighted ones, and {@link #variance} is
   * Σᵢ ωᵢ z̃ᵢⱼ². With {@code scaleRows} (the gaussian family) every row of z is also multiplied
   * by √(n·ωᵢ), so that the unweighted (1/n) products of the gaussian solver are the weighted
   * ones: (1/n)Σᵢ (√(nωᵢ) z̃ᵢⱼ)(√(nωᵢ) uᵢ) = Σᵢ ωᵢ z̃ᵢⱼ uᵢ; without it (the proximal Newton
   * families) the solvers carry ωᵢ in their working weights.
   */
  static DenseDesign of(double[][] x, int[] rows, double[] omega, boolean scaleRows,
      boolean intercept, boolean standardize) {
    requireValid(x, rows);
    int n = rows.length;
    int p = x[rows[0]].length;
    double[] z = new double[n * p];
    for (int i = 0; i < n; i++) {
      double[] row = x[rows[i]];
      for (int j = 0; j < p; j++) {
        z[j * n + i] = row[j];
      }
    }
    boolean uniform = true;
    for (double o : omega) {
      uniform &= o == omega[0];
    }
    double[] mean = new double[p];
    double[] scale = new double[p];
    double[] variance = new double[p];
    boolean[] included = new boolean[p];
    for (int j = 0; j < p; j++) {
      int o = j * n;
      double first = z[o];
      boolean constant = true;
      double sum = 0;
      double largest = 0;
      for (int i = 0; i < n; i++) {
        sum += omega[i] * z[o + i];
        constant &= z[o + i] == first || omega[i] == 0;
        largest = Math.max(largest, Math.abs(z[o + i]));
      }
      // deviations scaled by a power of two before squaring, exactly (Numbers.unitScale): a
      // column of values near 1e-301 keeps its spread instead of reading as a constant
      double unit = Numbers.unitScale(largest);
      double centered = 0;
      for (int i = 0; i < n; i++) {
        double d = (z[o + i] - sum) * unit;
        centered += omega[i] * d * d;
      }
      double sd = Math.sqrt(centered) / unit;
      included[j] = !constant && sd > 0;
      mean[j] = intercept ? sum : 0.0;
      scale[j] = standardize && included[j] ? sd : 1.0;
      double inverse = 1.0 / scale[j];
      double sumSquares = 0;
      for (int i = 0; i < n; i++) {
        double v = included[j] ? (z[o + i] - mean[j]) * inverse : 0.0;
        // Uniform weights: (1/n)·Σv², the unweighted design's arithmetic to the last bit.
        sumSquares += uniform ? v * v : omega[i] * v * v;
        z[o + i] = scaleRows && !uniform ? v * Math.sqrt(n * omega[i]) : v;
      }
      variance[j] = uniform ? sumSquares * omega[0] : sumSquares;
    }
    return new DenseDesign(n, p, z, mean, scale, variance, included);
  }

  /**
   * The checks of {@link #of} on the rows {@code rows} (0-based) of {@code x}, before anything
   * is computed from them: at least one row, at least one column, every row as wide as the
   * first, every value finite. Messages name rows and columns 1-based.
   *
   * @throws InputException naming the first problem
   */
  static void requireValid(double[][] x, int[] rows) {
    if (rows.length == 0) {
      throw new InputException("no rows to fit");
    }
    int p = x[rows[0]].length;
    if (p == 0) {
      throw new InputException("no features to fit: the rows have 0 columns");
    }
    double limit = StandardizedDesign.squarable(rows.length);
    for (int row : rows) {
      double[] values = x[row];
      if (values.length != p) {
        throw new InputException("row " + (row + 1) + " has " + values.length
            + " features, expected " + p);
      }
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(values[j])) {
          throw new InputException("row " + (row + 1) + ", column " + (j + 1) + ": value "
              + values[j] + " is not finite");
        }
        if (Math.abs(values[j]) > limit) {
          throw StandardizedDesign.tooLarge("row " + (row + 1) + ", column " + (j + 1),
              values[j], rows.length, limit, "column");
        }
      }
    }
  }

  /**
   * The moments of a design known only through its sufficient statistics ({@link
   * StatisticsPath}): no column values ({@code z} is empty), so only covariance updates from a
   * Gram matrix can run on it.
   */
  static DenseDesign ofMoments(int n, double[] mean, double[] scale, double[] variance,
      boolean[] included) {
    return new DenseDesign(n, mean.length, new double[0], mean, scale, variance, included);
  }

  @Override
  boolean sparse() {
    return false;
  }

  /** 0: the stored columns are centered already. */
  @Override
  double centerDot(double[] v) {
    return 0.0;
  }

  /** z_jᵀ v. */
  @Override
  double dot(int j, double[] v, double centerDotV) {
    return dot(z, j * n, v, 0, n);
  }

  /** (1/n) z_jᵀ z_k. */
  @Override
  double meanCross(int j, int k) {
    return dot(z, j * n, z, k * n, n) / n;
  }

  /** Σᵢ vᵢ·z_ij²: the weighted squared norm of column j (four partial sums, as in dot). */
  @Override
  double weightedSquares(int j, double[] v, double weightSum) {
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

  /**
   * The Gram matrix {@code G = (1/n) ZᵀZ}, p×p, symmetric, G[j·p + k] = (1/n) z_jᵀ z_k, by one
   * BLAS {@code dsyrk} (n·p² flops at the BLAS's speed instead of p dot products of length n
   * per feature that enters the model).
   */
  @Override
  double[] gram() {
    double[] g = new double[p * p];
    // Upper triangle of the column-major result = lower of the row-major view; mirror after.
    Blas.run(() -> openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper,
        openblas.CblasTrans, p, n, 1.0 / n, z, n, 0.0, g, p));
    for (int k = 0; k < p; k++) {
      for (int j = k + 1; j < p; j++) {
        g[j + k * p] = g[k + j * p];
      }
    }
    return g;
  }

  @Override
  GradientTracker residualTracker(double[] centeredTarget) {
    return new ResidualTracker(this, centeredTarget);
  }

  @Override
  WeightedResidual weightedResidual() {
    return new Residual();
  }

  /** out ← out − delta·z_j. Modified: {@code out}. */
  void subtractColumn(int j, double delta, double[] out) {
    int o = j * n;
    for (int i = 0; i < n; i++) {
      out[i] -= delta * z[o + i];
    }
  }

  /** out ← out + a·z_j. Modified: {@code out}. */
  @Override
  void addScaledColumn(int j, double a, double[] out) {
    int o = j * n;
    for (int i = 0; i < n; i++) {
      out[i] += a * z[o + i];
    }
  }

  @Override
  void column(int j, double[] out) {
    System.arraycopy(z, j * n, out, 0, n);
  }

  @Override
  void addColumns(double[] b, int offset, int[] active, int numActive, double[] out) {
    for (int a = 0; a < numActive; a++) {
      int j = active[a];
      if (b[offset + j] != 0) {
        addScaledColumn(j, b[offset + j], out);
      }
    }
  }

  /** r ← r − d·(v ∘ z_j): the working residual after coordinate j moved by d. Modified: r. */
  void subtractWeightedColumn(int j, double d, double[] v, double[] r) {
    int o = j * n;
    for (int i = 0; i < n; i++) {
      r[i] -= d * v[i] * z[o + i];
    }
  }

  /** The working residual updated in place, O(n) per move. */
  private final class Residual implements WeightedResidual {
    private double[] v;
    private double[] r;

    @Override
    public void begin(double[] weights, double weightSum, double[] residual) {
      this.v = weights;
      this.r = residual;
    }

    @Override
    public double dot(int j) {
      return DenseDesign.dot(z, j * n, r, 0, n);
    }

    @Override
    public void move(int j, double d) {
      subtractWeightedColumn(j, d, v, r);
    }

    @Override
    public double sum() {
      double sum = 0;
      for (double ri : r) {
        sum += ri;
      }
      return sum;
    }

    @Override
    public void moveIntercept(double d) {
      for (int i = 0; i < r.length; i++) {
        r[i] -= d * v[i];
      }
    }

    @Override
    public void end() {}
  }
}
