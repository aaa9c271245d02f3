package dev.tikhonov.linear;

/**
 * The feature matrix as the proximal Newton solvers see it: column-major, each column centered
 * and, with standardization, scaled to unit variance (1/n), as glmnet's {@code lstandard1} does
 * with {@code intr = TRUE}. Centering does not change the solution (the intercept absorbs it)
 * but keeps the coordinate updates well conditioned.
 *
 * <p>Column j of the design is {@code x̃ⱼ = (xⱼ − meanⱼ) / scaleⱼ}, stored at {@code
 * columns[j·n .. j·n + n)}. A coefficient b̃ⱼ on this scale is bⱼ = b̃ⱼ / scaleⱼ on the original
 * one, and the intercept is a₀ = ã₀ − Σⱼ bⱼ·meanⱼ. Constant columns are marked excluded (their
 * coefficient stays 0), like glmnet's {@code chkvars}.
 */
final class ProximalNewtonDesign {

  final int rows;
  final int cols;
  /** Column-major n×p centered (and scaled) features. */
  final double[] columns;
  final double[] mean;
  final double[] scale;
  /** False for constant columns, which never enter the model. */
  final boolean[] included;

  private ProximalNewtonDesign(
      int rows, int cols, double[] columns, double[] mean, double[] scale, boolean[] included) {
    this.rows = rows;
    this.cols = cols;
    this.columns = columns;
    this.mean = mean;
    this.scale = scale;
    this.included = included;
  }

  /** Centers (and with {@code standardize} scales) the columns of the row-major {@code x}. */
  static ProximalNewtonDesign of(double[][] x, boolean standardize) {
    int n = x.length;
    int p = x[0].length;
    double[] columns = new double[n * p];
    double[] mean = new double[p];
    double[] scale = new double[p];
    boolean[] included = new boolean[p];
    for (int j = 0; j < p; j++) {
      int off = j * n;
      double first = x[0][j];
      boolean constant = true;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double v = x[i][j];
        columns[off + i] = v;
        sum += v;
        constant &= v == first;
      }
      double m = sum / n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double c = columns[off + i] - m;
        columns[off + i] = c;
        ss += c * c;
      }
      mean[j] = m;
      included[j] = !constant;
      double s = Math.sqrt(ss / n);
      scale[j] = standardize && !constant ? s : 1.0;
      if (standardize && !constant) {
        double inv = 1.0 / s;
        for (int i = 0; i < n; i++) {
          columns[off + i] *= inv;
        }
      }
    }
    return new ProximalNewtonDesign(n, p, columns, mean, scale, included);
  }

  /**
   * x̃ⱼᵀ·r: the dot product of column j with a length-n vector. Four partial sums break the
   * floating-point add chain (the JIT does not reassociate a reduction), which makes this hot
   * loop several times faster.
   */
  double dot(int j, double[] r) {
    int off = j * rows;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < rows; i += 4) {
      s0 += columns[off + i] * r[i];
      s1 += columns[off + i + 1] * r[i + 1];
      s2 += columns[off + i + 2] * r[i + 2];
      s3 += columns[off + i + 3] * r[i + 3];
    }
    for (; i < rows; i++) {
      s0 += columns[off + i] * r[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Σᵢ wᵢ·x̃ᵢⱼ²: the weighted squared norm of column j (four partial sums, as in dot). */
  double weightedSquares(int j, double[] w) {
    int off = j * rows;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < rows; i += 4) {
      double a = columns[off + i];
      double b = columns[off + i + 1];
      double c = columns[off + i + 2];
      double d = columns[off + i + 3];
      s0 += w[i] * a * a;
      s1 += w[i + 1] * b * b;
      s2 += w[i + 2] * c * c;
      s3 += w[i + 3] * d * d;
    }
    for (; i < rows; i++) {
      double a = columns[off + i];
      s0 += w[i] * a * a;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@code out += a · x̃ⱼ}. Modifies {@code out}. */
  void addScaledColumn(int j, double a, double[] out) {
    int off = j * rows;
    for (int i = 0; i < rows; i++) {
      out[i] += a * columns[off + i];
    }
  }

  /** {@code r −= d · w ∘ x̃ⱼ}: the residual update after coordinate j moved by d. */
  void subtractWeightedColumn(int j, double d, double[] w, double[] r) {
    int off = j * rows;
    for (int i = 0; i < rows; i++) {
      r[i] -= d * w[i] * columns[off + i];
    }
  }
}
