package dev.tikhonov.data;

import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.tensor.Matrix;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Per-column standardization z = (x − mean) / scale.
 *
 * <p>mean_j = (1/n) Σᵢ x_ij and scale_j = sqrt((1/n) Σᵢ (x_ij − mean_j)²), the 1/n ("population")
 * standard deviation, as glmnet's {@code standardize = TRUE} and scikit-learn's
 * {@code StandardScaler} use. A constant column has scale 1 (not 0), so it becomes all zeros
 * instead of NaN (a column of equal values has that value as its mean, exactly, however its sum
 * rounds or overflows); constant means equal values (as the elastic-net paths and glmnet test it),
 * or a 1/n standard deviation ≤ 10⁻¹²·|mean_j|, a test relative to the column's own magnitude
 * as scikit-learn's, so a column in units of 10⁻¹⁴ is scaled, not dropped. A column that
 * varies by less than {@link #MIN_SCALE} is refused: a scale that small would take ordinary
 * inputs beyond float32 (and a model file refuses such a scale). Fit on the training rows only
 * and apply the same transform to validation and test rows; fitting on all rows leaks the test
 * set's statistics into training. Sums are accumulated in double, in two passes (the variance
 * corrected for the mean's rounding, Σd² − (Σd)²/n, so values equal but in their last bit are
 * constant too). Immutable (the arrays are copied in and out), so thread-safe;
 * {@code transformInPlace} modifies only the matrix it is given.
 *
 * <p>With observation weights wᵢ ≥ 0 ({@link #fit(Dataset, double[])}), the moments are the
 * weighted ones, as the linear estimators standardize (glmnet's, divisor Σw, not Σw − 1):
 * mean_j = Σᵢ wᵢ x_ij / Σᵢ wᵢ and scale_j = sqrt(Σᵢ wᵢ (x_ij − mean_j)² / Σᵢ wᵢ), so integer
 * weights standardize as the rows repeated and a row of weight 0 as the row removed (it does
 * not make a column vary). Weights all equal are no weights, to the bit.
 *
 * <p>For a {@link Dataset} that holds dense rows in double precision, {@link #fit(Dataset)} and
 * {@link #transform(Dataset)} work on those doubles and round to float32 only the standardized
 * value: a column such as a Unix time (about 1.7·10⁹ s) or any mean far from zero against its
 * spread keeps its variation, which rounding the raw value to float32 first would erase (the
 * float32 spacing at 10⁹ is 64).
 *
 * @param mean per-column means
 * @param scale per-column standard deviations (1 for constant columns), all &gt; 0
 */
public record Standardizer(double[] mean, double[] scale) {

  public Standardizer {
    if (mean.length != scale.length) {
      throw new IllegalArgumentException(mean.length + " means but " + scale.length + " scales");
    }
    for (double s : scale) {
      if (!(s > 0 && Double.isFinite(s))) {
        throw new IllegalArgumentException("scale " + s + " is not positive and finite");
      }
    }
    mean = mean.clone();
    scale = scale.clone();
  }

  /**
   * Fits mean and scale of each column of {@code x} (n ≥ 1 rows, finite values).
   *
   * @throws InputException when a column varies by less than {@link #MIN_SCALE} (not constant),
   *     or holds a NaN or an infinity (naming its row and column)
   */
  public static Standardizer fit(Matrix x) {
    return fit(x.rows(), x.cols(), x::get);
  }

  /**
   * Fits mean and scale of each feature of {@code data} (n ≥ 1 rows, finite values) from the
   * values as the data set holds them: in double precision for dense rows from text files and
   * {@code double[][]}; otherwise (float32 storage, sparse data) the same as
   * {@code fit(data.features())}.
   */
  public static Standardizer fit(Dataset data) {
    return fit(data, new double[0]);
  }

  /**
   * Fits the weighted mean and scale of each feature of {@code data}, as {@link #fit(Dataset)}
   * does without weights: mean_j = Σᵢ wᵢ x_ij / W and scale_j = sqrt(Σᵢ wᵢ (x_ij − mean_j)² / W),
   * W = Σᵢ wᵢ (the class javadoc).
   *
   * @param weights one weight per row, finite and ≥ 0 with a positive sum (the caller checks
   *     them); empty for none
   */
  public static Standardizer fit(Dataset data, double[] weights) {
    Cells cells = data::feature;
    if (!denseDoubles(data)) {
      Matrix x = data.features();
      cells = x::get;
    }
    return fit(data.numRows(), data.numFeatures(), cells, rowWeights(data, weights),
        data.source(), j -> "column " + Numbers.quote(data.featureNames().get(j)));
  }

  /**
   * Mean and scale of the target of {@code data} (n ≥ 1 rows): one column, from the targets as
   * the data set holds them, in double precision (class indices for classification data). A
   * regression network's target standardization ({@code standardizeTarget}) uses it, and it is
   * how to put a target on the scale of standardized features by hand:
   * {@code (y − mean()[0]) / scale()[0]}.
   *
   * @throws InputException when the target's variation overflows a double or is below
   *     {@link #MIN_SCALE}, naming the data's source
   */
  public static Standardizer fitTarget(Dataset data) {
    return fitTarget(data, new double[0]);
  }

  /**
   * The weighted mean and scale of the target of {@code data}, as {@link #fit(Dataset,
   * double[])} computes them for a feature; {@code weights} empty for none.
   */
  public static Standardizer fitTarget(Dataset data, double[] weights) {
    return fit(data.numRows(), 1, (i, j) -> data.target(i), rowWeights(data, weights),
        data.source(), j -> "the target");
  }

  /**
   * The weights of the moments: 1 for each row when {@code weights} is empty or all its
   * weights are equal (then the arithmetic is the unweighted one, to the bit), else a copy.
   */
  private static double[] rowWeights(Dataset data, double[] weights) {
    double[] w = new double[data.numRows()];
    if (weights.length == 0) {
      Arrays.fill(w, 1.0);
      return w;
    }
    if (weights.length != w.length) {
      throw new IllegalArgumentException(weights.length + " weights for " + w.length
          + " rows");
    }
    boolean equal = true;
    for (double v : weights) {
      equal &= v == weights[0];
    }
    if (equal) {
      Arrays.fill(w, 1.0);
      return w;
    }
    return weights.clone();
  }

  /**
   * The 1/n standard deviation of the target of {@code data} (n ≥ 1 rows), in double from the
   * targets as the data set holds them, with none of {@link #fitTarget}'s refusals: 0 for a
   * target of one value (however its mean rounds), a spread below {@link #MIN_SCALE} as it is,
   * +∞ when the variance overflows a double. How large a target's scale is (to explain a
   * divergence, to warn) without standardizing it.
   */
  public static double targetDeviation(Dataset data) {
    if (data.numRows() == 0) {
      throw new IllegalArgumentException("the target of zero rows has no standard deviation");
    }
    Moments m = moments(data.numRows(), 1, (i, j) -> data.target(i), rowWeights(data,
        new double[0]));
    return m.varies[0] ? Math.sqrt(m.variance[0] / m.total) / m.unit[0] : 0;
  }

  /**
   * The root mean square √((1/n) Σ yᵢ²) = √(mean² + sd²) of the target of {@code data}
   * (n ≥ 1 rows), in double, scaled by the largest |yᵢ| so that no square overflows: how far the
   * targets lie from 0, which a network's squared-error gradients grow with, since it starts
   * from outputs near 0 (a target of 301.5 ± 0.78 diverges at learning rates that suit one of
   * about 1 as one of 0 ± 77 does).
   */
  public static double targetRootMeanSquare(Dataset data) {
    int n = data.numRows();
    if (n == 0) {
      throw new IllegalArgumentException("the target of zero rows has no root mean square");
    }
    double largest = 0;
    for (int i = 0; i < n; i++) {
      largest = Math.max(largest, Math.abs(data.target(i)));
    }
    if (largest == 0 || !Double.isFinite(largest)) {
      return largest;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double r = data.target(i) / largest;
      sum += r * r;
    }
    return largest * Math.sqrt(sum / n);
  }

  /**
   * The smallest scale a fitted standardizer gives a column that is not constant: 10⁻³⁰, far
   * below any measured quantity in its usual units. Below it, (x − mean)/scale of an input of
   * 10⁸ leaves float32's range (3.4·10³⁸), and a model file refuses a scale under
   * (10⁶ + |mean|)/3.4·10³⁸ (docs/model-files.md, "Numbers"); a fit refuses such a column.
   */
  public static final double MIN_SCALE = 1e-30;

  /** One cell of an n×p table, read in double precision. */
  private interface Cells {
    double get(int row, int column);
  }

  /** {@link #fit(int, int, Cells, String, IntFunction)} of columns known only by number. */
  private static Standardizer fit(int n, int p, Cells x) {
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    return fit(n, p, x, ones, "the data", j -> "column " + (j + 1));
  }

  /**
   * Mean and scale of each of the p columns of {@code x}, in two passes over its n rows with
   * weights {@code w} (all 1 for none); {@code source} and {@code column} name the data and a
   * column in messages.
   */
  private static Standardizer fit(int n, int p, Cells x, double[] w, String source,
      IntFunction<String> column) {
    if (n == 0) {
      throw new IllegalArgumentException("cannot fit a standardizer on zero rows");
    }
    Moments m = moments(n, p, x, w);
    for (int j = 0; j < p; j++) {
      if (!Double.isFinite(m.mean[j])) {
        requireFinite(n, j, x, source, column);
      }
    }
    return fromMoments(m, source, column);
  }

  /**
   * Each column's weighted mean, weighted sum of squared deviations from it (two passes,
   * corrected for the mean's rounding: Σwd² − (Σwd)²/W, Chan, Golub and LeVeque's), whether its
   * values differ at all among the rows of positive weight, and the weights' sum W (n for
   * weights all 1, whose products wᵢ·v are v exactly, so the arithmetic is the unweighted one):
   * a column of equal values is constant however its mean rounds (0.1 summed 100,000 times is
   * off by 1.9e-12 of it, and that spread passes the relative test). The sums of squares are of
   * the deviations times {@code unit}, a power of two per column ({@link Numbers#unitScale}),
   * so that values near 1e-301 keep their spread: the standard deviation is √(variance/W)/unit.
   */
  private record Moments(double[] mean, double[] variance, double[] unit, boolean[] varies,
      double total) {}

  private static Moments moments(int n, int p, Cells x, double[] w) {
    double total = 0;
    int firstRow = -1;
    for (int i = 0; i < n; i++) {
      total += w[i];
      firstRow = firstRow < 0 && w[i] > 0 ? i : firstRow;
    }
    double[] mean = new double[p];
    double[] first = new double[p];
    for (int j = 0; j < p; j++) {
      first[j] = x.get(firstRow, j);
    }
    boolean[] varies = new boolean[p];
    double[] largest = new double[p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double v = x.get(i, j);
        mean[j] += w[i] * v;
        largest[j] = Math.max(largest[j], Math.abs(v));
        // a row of weight 0 does not make a column vary, unless its value is not finite (then
        // the mean is NaN, and requireFinite names the row)
        varies[j] |= v != first[j] && (w[i] != 0 || !Double.isFinite(v));
      }
    }
    for (int j = 0; j < p; j++) {
      // a column of equal values has that value as its mean, exactly: n·v may overflow (two
      // rows of 1e308) or round (0.1 summed 100,000 times), and neither is the column's
      mean[j] = varies[j] ? mean[j] / total : first[j];
    }
    // deviations scaled by a power of two before squaring, exactly (Numbers.unitScale): the
    // squares of a column of values near 1e-301 would underflow to a spread of 0
    double[] unit = new double[p];
    for (int j = 0; j < p; j++) {
      unit[j] = Numbers.unitScale(largest[j]);
    }
    double[] variance = new double[p];
    double[] offset = new double[p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double d = (x.get(i, j) - mean[j]) * unit[j];
        variance[j] += w[i] * d * d;
        offset[j] += w[i] * d;
      }
    }
    for (int j = 0; j < p; j++) {
      // the corrected two-pass sum Σwd² − (Σwd)²/W: takes out what the rounded mean adds,
      // which for values equal but in one bit is the whole "spread" (0.1 over 100,000 rows:
      // 1.9e-13)
      double correction = offset[j] * (offset[j] / total);
      if (Double.isFinite(correction)) {
        variance[j] = Math.max(0, variance[j] - correction);
      }
    }
    return new Moments(mean, variance, unit, varies, total);
  }

  /**
   * Refuses a NaN or infinity in column {@code j}, naming its row: a mean that is not finite
   * comes from one (a float32 matrix may hold them) or from finite values whose sum overflows,
   * which {@link #fromMoments} refuses as such.
   */
  private static void requireFinite(int n, int j, Cells x, String source,
      IntFunction<String> column) {
    for (int i = 0; i < n; i++) {
      double v = x.get(i, j);
      if (!Double.isFinite(v)) {
        throw new InputException(source + ": row " + (i + 1) + ", " + column.apply(j) + ": "
            + (Double.isNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity")
            + " is not allowed; values must be finite");
      }
    }
  }

  /**
   * Dense rows held in double precision. Sparse data go through {@code features()}, whose
   * float32 densification checks the size first (reading a sparse entry by its position is a
   * search, too slow for every cell).
   */
  private static boolean denseDoubles(Dataset data) {
    return data.holdsDoubles() && !data.isSparse();
  }

  private static Standardizer fromMoments(Moments m, String source,
      IntFunction<String> column) {
    double[] mean = m.mean;
    double[] variance = m.variance;
    boolean[] varies = m.varies;
    int p = mean.length;
    double[] scale = new double[p];
    for (int j = 0; j < p; j++) {
      double sd = Math.sqrt(variance[j] / m.total) / m.unit[j];
      if (!Double.isFinite(mean[j]) || !Double.isFinite(sd)) {
        // finite values, but a Dataset holds doubles up to 1.8e308, whose squares overflow
        throw new InputException(source + ": " + column.apply(j) + "'s standard deviation"
            + " overflows a double (values of magnitude 1e154 or more); divide "
            + column.apply(j) + " by a power of ten");
      }
      if (!varies[j] || !(sd > 1e-12 * Math.abs(mean[j]) && sd > 0)) {
        scale[j] = 1;
      } else if (sd < MIN_SCALE) {
        throw new InputException(source + ": " + column.apply(j) + " varies by too little to"
            + " standardize: its standard deviation " + sd + " is below " + MIN_SCALE
            + ", the smallest scale a model keeps (below it, (x − mean)/scale of an ordinary"
            + " input can overflow float32); multiply " + column.apply(j)
            + " by a power of ten (other units), or fit without standardizing the features");
      } else {
        scale[j] = sd;
      }
    }
    return new Standardizer(mean, scale);
  }

  /** The number of features (columns) it standardizes: the length of {@link #mean()}. */
  public int numFeatures() {

    return mean.length;
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }

  /** (x − mean) / scale as a new matrix. */
  public Matrix transform(Matrix x) {
    Matrix out = x.copy();
    transformInPlace(out);
    return out;
  }

  /**
   * (x − mean) / scale of every feature of {@code data} as a new float32 matrix, computed from
   * the values as the data set holds them (double precision where it holds doubles) and rounded
   * once, at the end.
   */
  public Matrix transform(Dataset data) {
    if (data.numFeatures() != mean.length) {
      throw new IllegalArgumentException(
          "standardizer fitted on " + mean.length + " columns, given " + data.numFeatures());
    }
    if (!denseDoubles(data)) {
      return transform(data.features());
    }
    Matrix out = Matrix.zeros(data.numRows(), mean.length);
    for (int i = 0; i < data.numRows(); i++) {
      for (int j = 0; j < mean.length; j++) {
        out.set(i, j, (float) ((data.feature(i, j) - mean[j]) / scale[j]));
      }
    }
    return out;
  }

  /** Replaces each x_ij by (x_ij − mean_j) / scale_j. Modified: {@code out}. */
  public void transformInPlace(Matrix out) {
    if (out.cols() != mean.length) {
      throw new IllegalArgumentException(
          "standardizer fitted on " + mean.length + " columns, given " + out.cols());
    }
    for (int i = 0; i < out.rows(); i++) {
      for (int j = 0; j < mean.length; j++) {
        out.set(i, j, (float) ((out.get(i, j) - mean[j]) / scale[j]));
      }
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Standardizer s
        && Arrays.equals(mean, s.mean)
        && Arrays.equals(scale, s.scale);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
  }

  @Override
  public String toString() {
    return "Standardizer[" + mean.length + " columns]";
  }
}
