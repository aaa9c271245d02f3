package dev.tikhonov.data;

import dev.tikhonov.tensor.Matrix;
import java.util.Arrays;

/**
 * Per-column standardization z = (x − mean) / scale.
 *
 * <p>mean_j = (1/n) Σᵢ x_ij and scale_j = sqrt((1/n) Σᵢ (x_ij − mean_j)²), the 1/n ("population")
 * standard deviation, as glmnet's {@code standardize = TRUE} and scikit-learn's
 * {@code StandardScaler} use. A constant column has scale 1 (not 0), so it becomes all zeros
 * instead of NaN. Fit on the training rows only and apply the same transform to validation and
 * test rows; fitting on all rows leaks the test set's statistics into training. Sums are
 * accumulated in double, in two passes. Immutable (the arrays are copied in and out), so
 * thread-safe; {@code transformInPlace} modifies only the matrix it is given.
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

  /** Fits mean and scale of each column of {@code x} (n ≥ 1 rows, finite values). */
  public static Standardizer fit(Matrix x) {
    int n = x.rows();
    int p = x.cols();
    if (n == 0) {
      throw new IllegalArgumentException("cannot fit a standardizer on zero rows");
    }
    double[] mean = new double[p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        mean[j] += x.get(i, j);
      }
    }
    for (int j = 0; j < p; j++) {
      mean[j] /= n;
    }
    double[] variance = new double[p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double d = x.get(i, j) - mean[j];
        variance[j] += d * d;
      }
    }
    double[] scale = new double[p];
    for (int j = 0; j < p; j++) {
      double sd = Math.sqrt(variance[j] / n);
      if (!Double.isFinite(mean[j]) || !Double.isFinite(sd)) {
        throw new IllegalArgumentException("column " + (j + 1) + " has non-finite values");
      }
      // A float32 column that is constant has exactly zero variance here (the sum of n equal
      // floats is exact in double); anything that tiny relative to the mean is treated alike.
      scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mean[j])) ? sd : 1;
    }
    return new Standardizer(mean, scale);
  }

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
