package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseMatrix;

/**
 * The design matrix as every point solver of the path sees it (glmnet's {@code standard} /
 * {@code lstandard1}, and {@code spstandard} for sparse x): the columns
 *
 * <pre>
 *   z_j = c ∘ (x_j − m_j) / s_j,   m_j = Σᵢ ωᵢ x_ij,   s_j = sqrt(Σᵢ ωᵢ (x_ij − m_j)²)
 * </pre>
 *
 * where ωᵢ are the observation weights (summing to 1; ωᵢ = 1/n without weights), m_j is 0
 * without an intercept, s_j is 1 unless standardizing, and the row scale cᵢ is √(n·ωᵢ) for the
 * gaussian family with weights (so that its unweighted (1/n) products are the weighted ones) and
 * 1 otherwise. Constant columns are marked excluded (glmnet's {@code ju}): their column is 0 and
 * their coefficient stays 0. Coefficients b̃ on this scale map back to the original one as
 * {@code b_j = b̃_j / s_j}, {@code a₀ = ã₀ − Σ_j m_j b_j}.
 *
 * <p>Two storages behind the same column operations, one virtual call per column operation:
 * {@link DenseDesign} (a contiguous column-major copy of z) and {@link SparseDesign}
 * (compressed columns of the uncentered a_j = c ∘ x_j / s_j, the center μ_j = m_j / s_j applied
 * implicitly as glmnet does for sparse x, never materialized). The trackers of the residual
 * that coordinate descent moves ({@link #residualTracker}, {@link #weightedResidual}) are made
 * by the storage, so that a coordinate move costs O(n) dense and O(entries of the column)
 * sparse.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
abstract class StandardizedDesign {
  final int n;
  final int p;
  final double[] mean;
  final double[] scale;
  /** Σᵢ ωᵢ z̃ᵢⱼ² = (1/n)‖z_j‖², glmnet's {@code xv} (1 for a standardized included column). */
  final double[] variance;
  final boolean[] included;

  StandardizedDesign(int n, int p, double[] mean, double[] scale, double[] variance,
      boolean[] included) {
    this.n = n;
    this.p = p;
    this.mean = mean;
    this.scale = scale;
    this.variance = variance;
    this.included = included;
  }

  /** All rows of {@code x}. */
  static DenseDesign of(double[][] x, boolean intercept, boolean standardize) {
    return DenseDesign.of(x, allRows(x.length), intercept, standardize);
  }

  /** The rows {@code rows} (0-based) of {@code x}, unweighted. */
  static DenseDesign of(double[][] x, int[] rows, boolean intercept, boolean standardize) {
    return DenseDesign.of(x, rows, intercept, standardize);
  }

  /** The rows {@code rows} of {@code x} with observation weights ω (see {@link DenseDesign}). */
  static DenseDesign of(double[][] x, int[] rows, double[] omega, boolean scaleRows,
      boolean intercept, boolean standardize) {
    return DenseDesign.of(x, rows, omega, scaleRows, intercept, standardize);
  }

  /**
   * The rows {@code rows} of the sparse {@code x} with observation weights ω (one per entry of
   * {@code rows}, summing to 1), kept compressed (see {@link SparseDesign}).
   */
  static SparseDesign of(SparseMatrix x, int[] rows, double[] omega, boolean scaleRows,
      boolean intercept, boolean standardize) {
    return SparseDesign.of(x, rows, omega, scaleRows, intercept, standardize);
  }

  /** ωᵢ = 1/n. */
  static double[] uniformWeights(int n) {
    double[] omega = new double[n];
    java.util.Arrays.fill(omega, 1.0 / n);
    return omega;
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

  /** True when the columns are held compressed (no Gram matrix by BLAS, naive updates). */
  abstract boolean sparse();

  /**
   * cᵀv, what an inner product with a column needs besides the column's own entries when the
   * centering is implicit: Σᵢ cᵢvᵢ for sparse storage (O(n)), 0 for dense storage (its columns
   * are centered already; nothing is computed). Compute it once for many {@link #dot}s with the
   * same v.
   */
  abstract double centerDot(double[] v);

  /** z_jᵀ v, given {@code centerDotV} = {@link #centerDot}(v). */
  abstract double dot(int j, double[] v, double centerDotV);

  /** z_jᵀ v (O(n) more for sparse storage: prefer the overload in loops over columns). */
  final double dot(int j, double[] v) {
    return dot(j, v, centerDot(v));
  }

  /** (1/n) z_jᵀ v. */
  final double meanDot(int j, double[] v) {
    return dot(j, v) / n;
  }

  /** (1/n) z_jᵀ z_k. */
  abstract double meanCross(int j, int k);

  /**
   * Σᵢ vᵢ·z_ij², the weighted squared norm of column j, for a design with unit row scale (the
   * proximal Newton families), given {@code weightSum} = Σᵢ vᵢ.
   */
  abstract double weightedSquares(int j, double[] v, double weightSum);

  /** out ← out + a·z_j, exactly (O(n) for either storage). Modified: {@code out}. */
  abstract void addScaledColumn(int j, double a, double[] out);

  /** out ← z_j, the centered and scaled column (O(n)). Modified: {@code out}. */
  void column(int j, double[] out) {
    java.util.Arrays.fill(out, 0, n, 0.0);
    addScaledColumn(j, 1.0, out);
  }

  /**
   * out ← out + Σ_a b[offset + j]·z_j over the features j = active[a], a &lt; numActive, with
   * b[offset + j] ≠ 0: a linear predictor. Dense storage adds column by column (O(n) each);
   * sparse storage adds the entries and applies the centering once, O(n + their entries).
   * Modified: {@code out}.
   */
  abstract void addColumns(double[] b, int offset, int[] active, int numActive, double[] out);

  /**
   * The Gram matrix (1/n)ZᵀZ, p×p (dense storage only: a sparse design never forms it).
   *
   * @throws UnsupportedOperationException for sparse storage
   */
  abstract double[] gram();

  /**
   * glmnet's naive gaussian updates on this storage: the residual r = y − Zb kept so that a
   * gradient (1/n)z_kᵀr and a move r ← r − δz_k cost what the column costs.
   */
  abstract GradientTracker residualTracker(double[] centeredTarget);

  /** The working residual of proximal Newton's coordinate descent on this storage. */
  abstract WeightedResidual weightedResidual();

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
   * The mean of y; an InputException naming the 1-based row when a value is not finite or too
   * large to square ({@link #squarable}).
   */
  static double finiteMean(double[] y) {
    double limit = squarable(y.length);
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        throw new InputException("target of row " + (i + 1) + " is not finite: " + y[i]);
      }
      if (Math.abs(y[i]) > limit) {
        throw tooLarge("target of row " + (i + 1), y[i], y.length, limit, "target");
      }
      sum += y[i];
    }
    return sum / y.length;
  }

  /**
   * The largest magnitude whose squares, summed over n rows as centered values (up to twice
   * it), stay within double precision: √(MAX/(4n)). Beyond it a column's variance, a Gram entry
   * or a residual sum of squares overflows to ∞, and a column or target would be standardized
   * to nothing (a coefficient of 0) or taken for constant.
   */
  static double squarable(int n) {
    return Math.sqrt(Double.MAX_VALUE / (4.0 * Math.max(n, 1)));
  }

  /** The refusal of {@code value} at {@code where} (e.g. "row 3, column 1") above the limit. */
  static InputException tooLarge(String where, double value, int n, double limit, String what) {
    return new InputException(where + ": value " + value + overflows(n, limit, what));
  }

  /**
   * yᵢ − oᵢ, what a gaussian fit with offsets fits, for the target y of 0-based row {@code row}
   * that {@link #finiteMean}'s checks passed; an InputException about the offsets (the target
   * was within range: its offset took it out) when the difference is beyond {@code limit}.
   */
  static double lessOffset(double y, double offset, int row, int n, double limit) {
    double v = y - offset;
    if (!(Math.abs(v) <= limit)) {
      throw InputException.about("offsets", ": row " + (row + 1) + " has offset " + offset
          + ": its target less the offset, " + v + "," + overflows(n, limit, "offsets"));
    }
    return v;
  }

  private static String overflows(int n, double limit, String what) {
    return " is too large for double precision: squares of values this large, summed over the "
        + n + " rows, overflow (magnitudes up to "
        + String.format(java.util.Locale.ROOT, "%.2e", limit) + " fit); rescale the " + what;
  }
}
