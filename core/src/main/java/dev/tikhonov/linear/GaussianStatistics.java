package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.Numbers;
import java.util.Arrays;
import java.util.Objects;

/**
 * Weighted sufficient statistics of a gaussian linear model on a set of rows: everything the
 * covariance-mode elastic net needs, so that a path (and each cross-validation fold's path) can
 * be fitted without the rows themselves. For rows i with features xᵢ (p), target yᵢ and weight
 * wᵢ ≥ 0:
 *
 * <pre>
 *   W   = Σ wᵢ                                   weightSum
 *   x̄   = (1/W) Σ wᵢ xᵢ,   ȳ = (1/W) Σ wᵢ yᵢ       featureMeans, targetMean
 *   Sxx = Σ wᵢ (xᵢ − x̄)(xᵢ − x̄)ᵀ                 featureScatter (p×p, row-major)
 *   Sxy = Σ wᵢ (xᵢ − x̄)(yᵢ − ȳ)                  featureTargetScatter (p)
 *   Syy = Σ wᵢ (yᵢ − ȳ)²                         targetScatter
 * </pre>
 *
 * <p>The raw sums follow from these: Σw·x = W·x̄, Σw·y = W·ȳ, Σw·x·xᵀ = Sxx + W·x̄x̄ᵀ,
 * Σw·x·y = Sxy + W·x̄·ȳ, Σw·y² = Syy + W·ȳ² ({@link #featureSums()} and its neighbours). What the
 * solver needs, on docs/objective.md's scaling (the data term is (1/2W)Σw(y − a₀ − x·b)², glmnet's
 * weights normalized to sum 1, variances with divisor W as glmnet standardizes):
 * {@link #featureVariances()} = diag(Sxx)/W, {@link #centeredGram()} = Sxx/W =
 * (1/W)Σw·ZᵀZ with Z = X − x̄, {@link #centeredCross()} = Sxy/W = (1/W)Σw·Zᵀ(y − ȳ),
 * {@link #targetVariance()} = Syy/W, and the same with Z scaled to unit variance
 * ({@link #standardizedGram()}, {@link #standardizedCross()}).
 *
 * <p><b>Why centered moments.</b> Accumulating the raw sums Σx·xᵀ and subtracting W·x̄x̄ᵀ at the
 * end cancels catastrophically when a mean is large next to the spread: the relative error of a
 * variance is about ε·κ² with κ = |x̄|/σ, so a column at 10⁸ ± 3 (κ ≈ 3·10⁷) keeps no digit
 * (measured: 79% off). Here every update works on deviations from the current mean: one row at
 * a time by Welford's update (West 1979, weighted),
 * {@code W' = W + w, d = x − x̄, x̄' = x̄ + (w/W')·d, S' = S + (w·W/W')·d·dᵀ}, and two sets of
 * rows by the parallel update of Chan, Golub &amp; LeVeque (1979),
 * {@code δ = x̄_b − x̄_a, x̄ = x̄_a + (W_b/W)·δ, S = S_a + S_b + (W_a·W_b/W)·δδᵀ}. Neither
 * subtracts two large numbers; what is left is the rounding of the means themselves, an error
 * of about ε·κ: the same column keeps 10 digits (measured 8·10⁻¹¹), one at 10⁶ ± 1 about 11
 * (2·10⁻¹¹), ordinary data (κ ≲ 10) all but the last one or two (GaussianStatisticsTest checks
 * every moment against exact sums within 4·10⁻¹⁵·(1 + κ)). A feature that is constant on the
 * rows has a scatter of exactly 0 (its deviations are exactly 0), however its rows were merged.
 *
 * <p><b>Tiny columns.</b> The moments are unscaled sums of squares, so a column whose values
 * all lie below 2⁻⁴⁰⁰ (about 3.9e-121; say near 1e-301, whose squares underflow to 0) would
 * come out with a scatter of 0 or of a few digits, and a path from these statistics would read
 * it as constant (a coefficient of 0). The record cannot hold such squares (1e-602), so the
 * entry points that see all the data refuse such a column: {@link #of(double[][], double[])},
 * {@link #of(double[][], double[], double[])} and {@code FoldStatistics.of(x, y, …)}, naming
 * the column and the exact power of two 2ᵏ that takes its largest magnitude into [1, 2).
 * Statistics of the column multiplied by 2ᵏ give its coefficient multiplied by 2ᵏ and all else
 * unchanged: exactly the fit of the column itself. Only the largest magnitude over all rows of
 * positive weight counts: a column of order 1 that is tiny on a fold or a partition is squared
 * at its own scale and taken. The parts ({@link #of(double[][], double[], double[], int[])} on
 * some rows, {@link #twoPass}, {@link Accumulator}) cannot tell a tiny column from a tiny part
 * of one and do not refuse: their caller checks the whole data (Spark's statistics pass
 * gathers each column's largest magnitude in the same pass). The fits on rows (ElasticNetPath,
 * RidgeSvdPath, ElasticNetCV) take their design route for such data instead, which scales
 * each column by a power of two before squaring.
 *
 * <p>{@link #minus} reverses a merge (the rows of a cross-validation fold taken out of the
 * total). It subtracts, so its relative error is about (W/W_rest)·ε·S: fine for one fold of K,
 * but a feature that is constant on the remaining rows comes out with a rounding-level variance
 * instead of exactly 0. Merging the other parts with {@link #plus} has neither problem.
 *
 * <p>Immutable in meaning: the arrays are not copied (they can be large; p² doubles), so
 * neither the caller who built it nor a reader may modify them. Thread-safe for readers;
 * {@link Accumulator} is not thread-safe.
 *
 * @param count number of rows, including rows of weight 0
 * @param weightSum W = Σ wᵢ
 * @param featureMeans x̄ (p); all 0 when W = 0
 * @param targetMean ȳ; 0 when W = 0
 * @param featureScatter Sxx, p×p row-major, symmetric (exactly, as every method here builds it)
 * @param featureTargetScatter Sxy (p)
 * @param targetScatter Syy
 */
public record GaussianStatistics(
    long count,
    double weightSum,
    double[] featureMeans,
    double targetMean,
    double[] featureScatter,
    double[] featureTargetScatter,
    double targetScatter) {

  public GaussianStatistics {
    Objects.requireNonNull(featureMeans, "featureMeans");
    Objects.requireNonNull(featureScatter, "featureScatter");
    Objects.requireNonNull(featureTargetScatter, "featureTargetScatter");
    int p = featureMeans.length;
    if (featureScatter.length != p * p || featureTargetScatter.length != p) {
      throw new IllegalArgumentException("statistics of " + p + " features need a " + p + "×"
          + p + " scatter and " + p + " cross terms, got " + featureScatter.length + " and "
          + featureTargetScatter.length);
    }
    if (count < 0 || !(weightSum >= 0) || Double.isInfinite(weightSum)) {
      throw new IllegalArgumentException(
          "count and weight sum must be ≥ 0 and finite, got " + count + " and " + weightSum);
    }
  }

  /** The statistics of no rows. */
  public static GaussianStatistics empty(int numFeatures) {
    return new GaussianStatistics(0, 0, new double[numFeatures], 0,
        new double[numFeatures * numFeatures], new double[numFeatures], 0);
  }

  /**
   * All rows of x (n×p) and y, each of weight 1. A column too small to square is refused, as
   * the class comment says ("Tiny columns").
   */
  public static GaussianStatistics of(double[][] x, double[] y) {
    return of(x, y, ones(x.length));
  }

  /**
   * All rows of x and y with the given weights. A column too small to square is refused, as
   * the class comment says ("Tiny columns").
   */
  public static GaussianStatistics of(double[][] x, double[] y, double[] weights) {
    GaussianStatistics statistics = of(x, y, weights, allRows(x.length));
    Numbers.requireSquarable(x, weights);
    return statistics;
  }

  /** The rows {@code rows} (0-based) of x and y, each of weight 1. */
  public static GaussianStatistics of(double[][] x, double[] y, int[] rows) {
    return of(x, y, ones(x.length), rows);
  }

  /**
   * The rows {@code rows} (0-based, in this order) of x, y and weights. Non-finite values and
   * negative weights are an {@link InputException} naming the row (1-based).
   */
  public static GaussianStatistics of(double[][] x, double[] y, double[] weights, int[] rows) {
    if (x.length != y.length || x.length != weights.length) {
      throw new InputException(x.length + " feature rows, " + y.length + " targets and "
          + weights.length + " weights: expected one of each per row");
    }
    if (x.length == 0) {
      throw new InputException("no rows: the number of features is unknown");
    }
    Accumulator accumulator = new Accumulator(x[0].length);
    for (int row : rows) {
      try {
        accumulator.add(x[row], y[row], weights[row]);
      } catch (InputException e) {
        throw new InputException("row " + (row + 1) + ": " + e.getMessage());
      }
    }
    return accumulator.toStatistics();
  }

  /**
   * The same statistics as {@link #of(double[][], double[], double[], int[])}, computed for
   * rows at hand by two passes with the scatter formed by the BLAS ({@code dsyrk} over blocks of
   * centered rows): n·p²/2 multiply-adds at BLAS speed, where {@link Accumulator} (one row at a
   * time, for streams and distributed passes) does them one by one. Equal to it up to rounding
   * (both about ε·κ from the exact moments, κ = |mean|/spread); a feature whose values are all
   * equal on these rows has a scatter of exactly 0 here too. Errors as {@code of}.
   *
   * @param weights wᵢ ≥ 0 for every row of x (rows of weight 0 count in {@link #count()} only)
   * @param rows the rows (0-based) to take
   */
  public static GaussianStatistics twoPass(double[][] x, double[] y, double[] weights,
      int[] rows) {
    return TwoPassStatistics.of(x, y, weights, rows);
  }

  /** {@link #twoPass(double[][], double[], double[], int[])} with every row of weight 1. */
  public static GaussianStatistics twoPass(double[][] x, double[] y, int[] rows) {
    return TwoPassStatistics.of(x, y, ones(x.length), rows);
  }

  /** p. */
  public int numFeatures() {
    return featureMeans.length;
  }

  /**
   * The statistics of the union of these rows and {@code other}'s (Chan et al.'s parallel
   * update). Deterministic: the same two operands give the same bits; the order of the operands
   * can change the last bits, so callers that need reproducible results merge in a fixed order.
   */
  public GaussianStatistics plus(GaussianStatistics other) {
    requireSameFeatures(other);
    if (other.weightSum == 0) {
      return withCount(count + other.count);
    }
    if (weightSum == 0) {
      return other.withCount(count + other.count);
    }
    double total = weightSum + other.weightSum;
    double share = other.weightSum / total;
    double factor = weightSum * other.weightSum / total;
    int p = numFeatures();
    double[] delta = new double[p];
    double[] mean = new double[p];
    for (int j = 0; j < p; j++) {
      delta[j] = other.featureMeans[j] - featureMeans[j];
      mean[j] = featureMeans[j] + share * delta[j];
    }
    double deltaY = other.targetMean - targetMean;
    double meanY = targetMean + share * deltaY;
    double[] scatter = new double[p * p];
    double[] cross = new double[p];
    for (int j = 0; j < p; j++) {
      double fj = factor * delta[j];
      int o = j * p;
      // The upper triangle, mirrored: fj·δ_k and fk·δ_j can differ in the last bit, and the
      // scatter stays exactly symmetric.
      for (int k = j; k < p; k++) {
        scatter[o + k] = featureScatter[o + k] + other.featureScatter[o + k] + fj * delta[k];
      }
      for (int k = j + 1; k < p; k++) {
        scatter[k * p + j] = scatter[o + k];
      }
      cross[j] = featureTargetScatter[j] + other.featureTargetScatter[j] + fj * deltaY;
    }
    double yy = targetScatter + other.targetScatter + factor * deltaY * deltaY;
    return new GaussianStatistics(count + other.count, total, mean, meanY, scatter, cross, yy);
  }

  /**
   * The statistics of these rows without the rows of {@code part}, which must be a subset of
   * them (the training rows of a fold: the total minus the fold). Subtracts, so see the class
   * comment on its accuracy; the count and weight of the part must not exceed these.
   */
  public GaussianStatistics minus(GaussianStatistics part) {
    requireSameFeatures(part);
    long restCount = count - part.count;
    if (restCount < 0) {
      throw new IllegalArgumentException(
          "the part has " + part.count + " rows, more than the " + count + " of the whole");
    }
    if (part.weightSum == 0) {
      return withCount(restCount);
    }
    double rest = weightSum - part.weightSum;
    if (restCount == 0 || rest == 0) {
      return empty(numFeatures()).withCount(restCount);
    }
    if (!(rest > 0)) {
      throw new IllegalArgumentException("the part weighs " + part.weightSum
          + ", more than the " + weightSum + " of the whole");
    }
    int p = numFeatures();
    // x̄_rest = x̄ + (W_part/W_rest)(x̄ − x̄_part); then S_rest = S − S_part − (W_rest W_part/W) δδᵀ
    // with δ = x̄_part − x̄_rest, the merge formula solved for S_rest.
    double ratio = part.weightSum / rest;
    double factor = rest * part.weightSum / weightSum;
    double[] mean = new double[p];
    double[] delta = new double[p];
    for (int j = 0; j < p; j++) {
      mean[j] = featureMeans[j] + ratio * (featureMeans[j] - part.featureMeans[j]);
      delta[j] = part.featureMeans[j] - mean[j];
    }
    double meanY = targetMean + ratio * (targetMean - part.targetMean);
    double deltaY = part.targetMean - meanY;
    double[] scatter = new double[p * p];
    double[] cross = new double[p];
    for (int j = 0; j < p; j++) {
      double fj = factor * delta[j];
      int o = j * p;
      for (int k = j; k < p; k++) {
        scatter[o + k] = featureScatter[o + k] - part.featureScatter[o + k] - fj * delta[k];
      }
      for (int k = j + 1; k < p; k++) {
        scatter[k * p + j] = scatter[o + k];
      }
      cross[j] = featureTargetScatter[j] - part.featureTargetScatter[j] - fj * deltaY;
    }
    double yy = targetScatter - part.targetScatter - factor * deltaY * deltaY;
    return new GaussianStatistics(restCount, rest, mean, meanY, scatter, cross, yy);
  }

  /** Σ w·x = W·x̄ (p). */
  public double[] featureSums() {
    double[] s = new double[numFeatures()];
    for (int j = 0; j < s.length; j++) {
      s[j] = weightSum * featureMeans[j];
    }
    return s;
  }

  /** Σ w·y = W·ȳ. */
  public double targetSum() {
    return weightSum * targetMean;
  }

  /** Σ w·x·xᵀ = Sxx + W·x̄x̄ᵀ, p×p row-major. */
  public double[] featureProducts() {
    int p = numFeatures();
    double[] s = new double[p * p];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < p; k++) {
        s[j * p + k] = featureScatter[j * p + k] + weightSum * featureMeans[j] * featureMeans[k];
      }
    }
    return s;
  }

  /** Σ w·x·y = Sxy + W·x̄·ȳ (p). */
  public double[] featureTargetProducts() {
    double[] s = new double[numFeatures()];
    for (int j = 0; j < s.length; j++) {
      s[j] = featureTargetScatter[j] + weightSum * featureMeans[j] * targetMean;
    }
    return s;
  }

  /** Σ w·y² = Syy + W·ȳ². */
  public double targetSquares() {
    return targetScatter + weightSum * targetMean * targetMean;
  }

  /** Per-feature variance with divisor W (glmnet's standardization): Sxx_jj / W. */
  public double[] featureVariances() {
    requireWeight();
    int p = numFeatures();
    double[] v = new double[p];
    for (int j = 0; j < p; j++) {
      v[j] = Math.max(featureScatter[j * p + j], 0.0) / weightSum;
    }
    return v;
  }

  /** √(Sxx_jj / W); 0 for a feature that is constant on these rows. */
  public double[] standardDeviations() {
    double[] s = featureVariances();
    for (int j = 0; j < s.length; j++) {
      s[j] = Math.sqrt(s[j]);
    }
    return s;
  }

  /** Syy / W, the target's variance with divisor W (the null deviance per unit weight, ×2). */
  public double targetVariance() {
    requireWeight();
    return targetScatter / weightSum;
  }

  /** (1/W) Σ w·ZᵀZ with Z = X − x̄: Sxx / W, p×p row-major. */
  public double[] centeredGram() {
    requireWeight();
    double[] g = featureScatter.clone();
    for (int i = 0; i < g.length; i++) {
      g[i] /= weightSum;
    }
    return g;
  }

  /** (1/W) Σ w·Zᵀ(y − ȳ) with Z = X − x̄: Sxy / W. */
  public double[] centeredCross() {
    requireWeight();
    double[] c = featureTargetScatter.clone();
    for (int j = 0; j < c.length; j++) {
      c[j] /= weightSum;
    }
    return c;
  }

  /**
   * The Gram matrix of the standardized features Z = (X − x̄)/s with s the
   * {@link #standardDeviations()}: Sxx_jk / (W·s_j·s_k). Rows and columns of constant features
   * (s = 0) are 0, as glmnet leaves such features out.
   */
  public double[] standardizedGram() {
    double[] s = standardDeviations();
    int p = s.length;
    double[] g = new double[p * p];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < p; k++) {
        if (s[j] > 0 && s[k] > 0) {
          g[j * p + k] = featureScatter[j * p + k] / weightSum / (s[j] * s[k]);
        }
      }
    }
    return g;
  }

  /** (1/W) Σ w·Zᵀ(y − ȳ) for the standardized Z: Sxy_j / (W·s_j), 0 for constant features. */
  public double[] standardizedCross() {
    double[] s = standardDeviations();
    double[] c = new double[s.length];
    for (int j = 0; j < c.length; j++) {
      if (s[j] > 0) {
        c[j] = featureTargetScatter[j] / weightSum / s[j];
      }
    }
    return c;
  }

  /**
   * The weighted mean squared error (1/W) Σ w·(y − a₀ − x·b)² of a linear model on these rows,
   * from the statistics alone (a held-out fold's loss without its rows):
   * {@code (Syy − 2·bᵀSxy + bᵀSxx·b)/W + (ȳ − a₀ − x̄·b)²}. The first part is a sum of squares
   * and is clamped at 0; it subtracts, so its relative error grows like Var(y)/MSE·ε (a fit
   * that explains all but 10⁻⁶ of the variance keeps about 10 digits).
   */
  public double meanSquaredError(double intercept, double[] coefficients) {
    requireWeight();
    int p = numFeatures();
    if (coefficients.length != p) {
      throw new IllegalArgumentException(coefficients.length + " coefficients for " + p
          + " features");
    }
    double quadratic = 0;
    double linear = 0;
    double meanResidual = targetMean - intercept;
    for (int j = 0; j < p; j++) {
      double bj = coefficients[j];
      if (bj == 0) {
        continue;
      }
      double row = 0;
      int o = j * p;
      for (int k = 0; k < p; k++) {
        row += featureScatter[o + k] * coefficients[k];
      }
      quadratic += bj * row;
      linear += bj * featureTargetScatter[j];
      meanResidual -= featureMeans[j] * bj;
    }
    double centered = Math.max(targetScatter - 2 * linear + quadratic, 0.0);
    return centered / weightSum + meanResidual * meanResidual;
  }

  private GaussianStatistics withCount(long newCount) {
    return new GaussianStatistics(newCount, weightSum, featureMeans, targetMean, featureScatter,
        featureTargetScatter, targetScatter);
  }

  private void requireSameFeatures(GaussianStatistics other) {
    if (other.numFeatures() != numFeatures()) {
      throw new IllegalArgumentException("statistics of " + numFeatures() + " and "
          + other.numFeatures() + " features cannot be combined");
    }
  }

  private void requireWeight() {
    if (!(weightSum > 0)) {
      throw new InputException("no rows of positive weight: nothing to fit");
    }
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  private static int[] allRows(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GaussianStatistics s && count == s.count
        && Double.compare(weightSum, s.weightSum) == 0
        && Double.compare(targetMean, s.targetMean) == 0
        && Double.compare(targetScatter, s.targetScatter) == 0
        && Arrays.equals(featureMeans, s.featureMeans)
        && Arrays.equals(featureScatter, s.featureScatter)
        && Arrays.equals(featureTargetScatter, s.featureTargetScatter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, weightSum, targetMean, targetScatter,
        Arrays.hashCode(featureMeans), Arrays.hashCode(featureScatter),
        Arrays.hashCode(featureTargetScatter));
  }

  @Override
  public String toString() {
    return "GaussianStatistics[count=" + count + ", weightSum=" + weightSum + ", p="
        + numFeatures() + ", targetMean=" + targetMean + "]";
  }

  /**
   * Adds rows one at a time by Welford's weighted update (see the class comment), keeping only
   * the upper triangle of the scatter while it accumulates (half the memory and work; the
   * update of one row of the triangle is a contiguous axpy that the JIT vectorizes without
   * changing a bit of the result). Each row costs p(p+1)/2 multiply-adds. Not thread-safe.
   */
  public static final class Accumulator {
    private final int p;
    private long count;
    private double weightSum;
    private final double[] mean;
    private double meanY;
    /** Upper triangle, row by row: row j holds columns j..p−1 starting at offset(j). */
    private final double[] packed;
    private final double[] cross;
    private double yy;
    private final double[] deviation;

    /** An empty accumulator for rows of {@code numFeatures} (p ≥ 0) features. */
    public Accumulator(int numFeatures) {
      if (numFeatures < 0) {
        throw new IllegalArgumentException("negative number of features: " + numFeatures);
      }
      p = numFeatures;
      mean = new double[p];
      packed = new double[p * (p + 1) / 2];
      cross = new double[p];
      deviation = new double[p];
    }

    /** One row of weight 1. */
    public void add(double[] x, double y) {
      add(x, y, 1.0);
    }

    /**
     * One row: features x (p), target y, weight w ≥ 0. A non-finite value or a negative weight
     * is an {@link InputException} ("feature 3 is NaN"; callers add where the row is) and leaves
     * the accumulator unchanged.
     */
    public void add(double[] x, double y, double weight) {
      if (x.length != p) {
        throw new InputException(x.length + " features, expected " + p);
      }
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(x[j])) {
          throw new InputException("feature " + (j + 1) + " is " + x[j] + ", not a finite number");
        }
      }
      if (!Double.isFinite(y)) {
        throw new InputException("the target is " + y + ", not a finite number");
      }
      if (!Numbers.isWeight(weight)) {
        throw new InputException(Numbers.badWeight(weight, "weights"));
      }
      count++;
      if (weight == 0) {
        return;
      }
      double total = weightSum + weight;
      double share = weight / total;
      double factor = weight * weightSum / total;
      for (int j = 0; j < p; j++) {
        double d = x[j] - mean[j];
        deviation[j] = d;
        mean[j] += share * d;
      }
      double dy = y - meanY;
      meanY += share * dy;
      int o = 0;
      for (int j = 0; j < p; j++) {
        double fd = factor * deviation[j];
        // packed[o + (k − j)] += fd·d_k for k = j..p−1: one contiguous axpy.
        int shift = o - j;
        for (int k = j; k < p; k++) {
          packed[shift + k] += fd * deviation[k];
        }
        cross[j] += fd * dy;
        o += p - j;
      }
      yy += factor * dy * dy;
      weightSum = total;
    }

    /** The number of rows added, those of weight 0 included. */
    public long count() {
      return count;
    }

    /** Σᵢ wᵢ over the rows added (their number when every weight is 1). */
    public double weightSum() {

      return weightSum;
    }

    /** The statistics of the rows added so far (the accumulator stays usable). */
    public GaussianStatistics toStatistics() {
      double[] scatter = new double[p * p];
      int o = 0;
      for (int j = 0; j < p; j++) {
        for (int k = j; k < p; k++) {
          double v = packed[o + k - j];
          scatter[j * p + k] = v;
          scatter[k * p + j] = v;
        }
        o += p - j;
      }
      return new GaussianStatistics(count, weightSum, mean.clone(), meanY, scatter,
          cross.clone(), yy);
    }
  }
}
