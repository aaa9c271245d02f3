package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import org.bytedeco.openblas.global.openblas;

/**
 * The design matrix as every point solver of the path sees it (glmnet's {@code standard} /
 * {@code lstandard1}): a contiguous column-major copy {@code z} with
 *
 * <pre>
 *   z[j·n + i] = (x_ij − m_j) / s_j,   m_j = Σᵢ wᵢ x_ij,   s_j = sqrt(Σᵢ wᵢ (x_ij − m_j)²)
 * </pre>
 *
 * where wᵢ are the observation weights (summing to 1; uniform, wᵢ = 1/n, without weights; see
 * the weighted {@code of}), m_j is 0 without an
 * intercept and s_j is 1 unless standardizing. Constant columns are marked excluded (glmnet's
 * {@code ju}): their column is stored as zeros and their coefficient stays 0.
 *
 * <p>Coefficients b̃ on this scale map back to the original one as {@code b_j = b̃_j / s_j},
 * {@code a₀ = ã₀ − Σ_j m_j b_j}.
 *
 * <p>Observation weights enter here (the moments above and {@link #variance} = Σᵢ wᵢ z̃ᵢⱼ²)
 * and, for the gaussian family, as rows scaled by √(n·wᵢ) so that its (1/n) products are the
 * weighted ones; the proximal Newton solvers carry wᵢ in their working weights. Immutable after
 * construction; safe to share between threads.
 */
final class StandardizedDesign {
  final int n;
  final int p;
  /** Column-major n×p. */
  final double[] z;
  final double[] mean;
  final double[] scale;
  /** (1/n)‖z_j‖², glmnet's {@code xv} (1 for a standardized included column). */
  final double[] variance;
  final boolean[] included;

  private StandardizedDesign(int n, int p, double[] z, double[] mean, double[] scale,
      double[] variance, boolean[] included) {
    this.n = n;
    this.p = p;
    this.z = z;
    this.mean = mean;
    this.scale = scale;
    this.variance = variance;
    this.included = included;
  }

  /** All rows of {@code x}. */
  static StandardizedDesign of(double[][] x, boolean intercept, boolean standardize) {
    return of(x, allRows(x.length), intercept, standardize);
  }

  /**
   * The rows {@code rows} (0-based) of {@code x}, centered with their own means and scaled with
   * their own standard deviations. Messages name rows and columns 1-based.
   *
   * @throws InputException for no rows or features, a ragged row or a value that is not finite
   */
  static StandardizedDesign of(double[][] x, int[] rows, boolean intercept, boolean standardize) {
    return of(x, rows, uniformWeights(rows.length), false, intercept, standardize);
  }

  /** ωᵢ = 1/n. */
  static double[] uniformWeights(int n) {
    double[] omega = new double[n];
    java.util.Arrays.fill(omega, 1.0 / n);
    return omega;
  }

  /**
   * The rows {@code rows} of {@code x} with observation weights ωᵢ (≥ 0, summing to 1, one per
   * entry of {@code rows}): the moments above are the weighted ones, and {@link #variance} is
   * Σᵢ ωᵢ z̃ᵢⱼ². With {@code scaleRows} (the gaussian family) every row of z is also multiplied
   * by √(n·ωᵢ), so that the unweighted (1/n) products of the gaussian solver are the weighted
   * ones: (1/n)Σᵢ (√(nωᵢ) z̃ᵢⱼ)(√(nωᵢ) uᵢ) = Σᵢ ωᵢ z̃ᵢⱼ uᵢ; without it (the proximal Newton
   * families) the solvers carry ωᵢ in their working weights.
   */
  static StandardizedDesign of(double[][] x, int[] rows, double[] omega, boolean scaleRows,
      boolean intercept, boolean standardize) {
    int n = rows.length;
    if (n == 0) {
      throw new InputException("no rows to fit");
    }
    int p = x[rows[0]].length;
    if (p == 0) {
      throw new InputException("no features to fit: the rows have 0 columns");
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
      for (int i = 0; i < n; i++) {
        sum += omega[i] * z[o + i];
        constant &= z[o + i] == first || omega[i] == 0;
      }
      double centered = 0;
      for (int i = 0; i < n; i++) {
        double d = z[o + i] - sum;
        centered += omega[i] * d * d;
      }
      double sd = Math.sqrt(centered);
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
    return new StandardizedDesign(n, p, z, mean, scale, variance, included);
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

  /** (1/n) z_jᵀ v. */
  double meanDot(int j, double[] v) {
    return dot(z, j * n, v, 0, n) / n;
  }

  /** z_jᵀ v. */
  double dot(int j, double[] v) {
    return dot(z, j * n, v, 0, n);
  }

  /** (1/n) z_jᵀ z_k. */
  double meanCross(int j, int k) {
    return dot(z, j * n, z, k * n, n) / n;
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

  /** Σᵢ vᵢ·z_ij²: the weighted squared norm of column j (four partial sums, as in dot). */
  double weightedSquares(int j, double[] v) {
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
  double[] gram() {
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

  /** out ← out − delta·z_j. Modified: {@code out}. */
  void subtractColumn(int j, double delta, double[] out) {
    int o = j * n;
    for (int i = 0; i < n; i++) {
      out[i] -= delta * z[o + i];
    }
  }

  /** out ← out + a·z_j. Modified: {@code out}. */
  void addScaledColumn(int j, double a, double[] out) {
    int o = j * n;
    for (int i = 0; i < n; i++) {
      out[i] += a * z[o + i];
    }
  }

  /** r ← r − d·(v ∘ z_j): the working residual after coordinate j moved by d. Modified: r. */
  void subtractWeightedColumn(int j, double d, double[] v, double[] r) {
    int o = j * n;
    for (int i = 0; i < n; i++) {
      r[i] -= d * v[i] * z[o + i];
    }
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
