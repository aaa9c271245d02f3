package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseRows;
import java.util.List;

/**
 * What a path is fitted to: the features x (dense rows, or {@link SparseRows} kept sparse), the
 * target y, and optionally observation weights wᵢ and offsets oᵢ, glmnet's {@code weights} and
 * {@code offset}. With them the objective of {@link ElasticNetPath} is
 *
 * <pre>
 *   Σᵢ (wᵢ/Σw) ℓ(yᵢ, oᵢ + a₀ + xᵢ·b) + λ Σⱼ vⱼ [(1−α)/2 bⱼ² + α|bⱼ|]
 * </pre>
 *
 * so the weights are normalized as glmnet normalizes them (to sum to n, which is the same) and λ
 * keeps its meaning: all weights 1 is the unweighted fit. The offset is a known part of the
 * linear predictor, never scaled by a coefficient (for counts, typically the log of the
 * exposure); a multinomial offset has one column per class.
 *
 * <pre>{@code
 * PathData data = PathData.of(x, y, names, List.of()).withWeights(w).withOffsets(logExposure);
 * PathSolution path = ElasticNetPath.fit(Family.POISSON, data, PathSettings.lasso());
 * }</pre>
 *
 * <p>Immutable and thread-safe: the arrays are the caller's, not copied, and must not be
 * modified while a fit uses them (the readers' and the estimators' are never modified).
 */
public final class PathData {
  private final double[][] dense;
  private final SparseRows sparse;
  private final double[] y;
  private final double[] weights;
  private final double[][] offsets;
  private final List<String> featureNames;
  private final List<String> classNames;

  private PathData(double[][] dense, SparseRows sparse, double[] y, double[] weights,
      double[][] offsets, List<String> featureNames, List<String> classNames) {
    this.dense = dense;
    this.sparse = sparse;
    this.y = y;
    this.weights = weights;
    this.offsets = offsets;
    this.featureNames = List.copyOf(featureNames);
    this.classNames = List.copyOf(classNames);
    int n = numRows();
    if (y.length != n) {
      throw new InputException(n + " feature rows but " + y.length + " targets");
    }
  }

  /**
   * Dense rows x (n×p, row-major) and the target: y (gaussian), a count (Poisson) or the class
   * index 0..K−1 as a double; {@code classNames} as {@link ElasticNetPath#fit}.
   */
  public static PathData of(double[][] x, double[] y, List<String> featureNames,
      List<String> classNames) {
    return new PathData(x, null, y, new double[0], new double[0][], featureNames, classNames);
  }

  /** Sparse rows, fitted without densifying (centering and scaling implicit, as glmnet). */
  public static PathData of(SparseRows x, double[] y, List<String> featureNames,
      List<String> classNames) {
    return new PathData(null, x, y, new double[0], new double[0][], featureNames, classNames);
  }

  /**
   * The same data with observation weights wᵢ ≥ 0, not all 0 (checked when fitting; errors name
   * the 1-based row); no values means all weights 1.
   */
  public PathData withWeights(double... w) {
    return new PathData(dense, sparse, y, w, offsets, featureNames, classNames);
  }

  /** The same data with one offset oᵢ per row (gaussian, binomial, Poisson). */
  public PathData withOffsets(double[] o) {
    double[][] column = new double[o.length][];
    for (int i = 0; i < o.length; i++) {
      column[i] = new double[] {o[i]};
    }
    return new PathData(dense, sparse, y, weights, column, featureNames, classNames);
  }

  /**
   * The same data with offsets oᵢₖ, n rows of one value (gaussian, binomial, Poisson) or of one
   * per class (multinomial); no rows means none.
   */
  public PathData withOffsets(double[][] o) {
    return new PathData(dense, sparse, y, weights, o, featureNames, classNames);
  }

  public int numRows() {
    return dense != null ? dense.length : sparse.numRows();
  }

  /** p: the width of the rows (dense: of the first row; ragged rows are an error when fitting). */
  public int numFeatures() {
    if (sparse != null) {
      return sparse.numColumns();
    }
    return dense.length == 0 ? 0 : dense[0].length;
  }

  public boolean isSparse() {
    return sparse != null;
  }

  /** The target (not a copy; do not modify). */
  public double[] y() {
    return y;
  }

  /** Whether observation weights were given. */
  public boolean hasWeights() {
    return weights.length > 0;
  }

  /** Whether offsets were given. */
  public boolean hasOffsets() {
    return offsets.length > 0;
  }

  /** Number of offset columns: 0 (none), 1, or K for a multinomial offset. */
  public int offsetColumns() {
    return offsets.length == 0 ? 0 : offsets[0].length;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public List<String> classNames() {
    return classNames;
  }

  /** wᵢ as given (1 when none were given). */
  public double weight(int i) {
    return weights.length == 0 ? 1.0 : weights[i];
  }

  /** oᵢₖ (0 when none were given). */
  public double offset(int i, int k) {
    return offsets.length == 0 ? 0.0 : offsets[i][k];
  }

  /** Dense rows (package use). */
  double[][] denseRows() {
    return dense;
  }

  /** Sparse rows (package use). */
  SparseRows sparseRows() {
    return sparse;
  }

  /** xᵢ · b without intercept or offset. */
  double dot(int i, double[] b) {
    if (sparse != null) {
      return sparse.dot(i, b);
    }
    double[] row = dense[i];
    double s = 0;
    for (int j = 0; j < b.length; j++) {
      s += row[j] * b[j];
    }
    return s;
  }

  /**
   * ηᵢₖ = oᵢₖ + a₀ₖ + xᵢ·bₖ at λ index {@code l} of {@code path}, one per coefficient vector:
   * what a held-out row is scored on.
   */
  public double[] linearPredictor(PathSolution path, int l, int i) {
    double[] a0 = path.intercepts()[l];
    double[][] b = path.coefficients()[l];
    double[] eta = new double[a0.length];
    for (int k = 0; k < a0.length; k++) {
      eta[k] = offset(i, k) + a0[k] + dot(i, b[k]);
    }
    return eta;
  }

  /**
   * The normalized weights qᵢ = wᵢ/Σw over {@code rows}, checked: finite, ≥ 0, some positive.
   *
   * @throws InputException naming the 1-based row of a bad weight
   */
  double[] normalizedWeights(int[] rows) {
    int n = rows.length;
    double[] q = new double[n];
    if (weights.length == 0) {
      java.util.Arrays.fill(q, 1.0 / n);
      return q;
    }
    if (weights.length != numRows()) {
      throw new InputException("weights: " + weights.length + " weights for " + numRows()
          + " rows");
    }
    double sum = 0;
    for (int r = 0; r < n; r++) {
      double w = weights[rows[r]];
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new InputException("weights: row " + (rows[r] + 1) + ": weight " + w
            + (w < 0 ? " is negative" : " is not finite")
            + "; observation weights must be finite and ≥ 0");
      }
      q[r] = w;
      sum += w;
    }
    if (!(sum > 0)) {
      throw new InputException("weights: every weight is 0" + (n < numRows()
          ? " in these " + n + " rows" : "") + ": nothing to fit; weights must not all be 0");
    }
    for (int r = 0; r < n; r++) {
      q[r] /= sum;
    }
    return q;
  }

  /**
   * The offsets of {@code rows} as [K'][n] (K' = 1, or K for a multinomial offset), checked
   * finite; empty when there are none.
   */
  double[][] offsetsOf(int[] rows, int numVectors) {
    if (offsets.length == 0) {
      return new double[0][];
    }
    if (offsets.length != numRows()) {
      throw new InputException("offsets: " + offsets.length + " rows of offsets for "
          + numRows() + " rows");
    }
    int width = offsets[0].length;
    if (width != numVectors) {
      throw new InputException("offsets: " + width + " offset columns; expected "
          + (numVectors == 1 ? "1" : numVectors + ", one per class (the same offset for every"
              + " class would change no probability)"));
    }
    double[][] out = new double[numVectors][rows.length];
    for (int r = 0; r < rows.length; r++) {
      double[] row = offsets[rows[r]];
      if (row.length != width) {
        throw new InputException("offsets: row " + (rows[r] + 1) + " has " + row.length
            + " values, expected " + width);
      }
      for (int k = 0; k < numVectors; k++) {
        double o = row[k];
        if (!Double.isFinite(o)) {
          throw new InputException("offsets: row " + (rows[r] + 1) + ": offset " + o
              + " is not finite");
        }
        out[k][r] = o;
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "PathData[" + numRows() + " x " + numFeatures() + (sparse != null ? " sparse" : "")
        + (hasWeights() ? ", weighted" : "") + (hasOffsets() ? ", offsets" : "") + "]";
  }
}
