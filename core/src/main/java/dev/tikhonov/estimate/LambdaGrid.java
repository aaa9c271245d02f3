package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Standardizer;
import dev.tikhonov.tensor.Matrix;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The λ values a network path or search visits, always from the largest down (the most
 * regularized model first, so a warm start moves from simple to complex). λ is docs/objective.md's:
 *
 * <pre>  J(θ) = (1/n) Σᵢ ℓ(yᵢ, f(xᵢ; θ)) + λ Σⱼ vⱼ [(1−α)/2 wⱼ² + α|wⱼ|]</pre>
 *
 * Either your values ({@link #of}) or a logarithmic grid from the data ({@link #fromData}): from
 * λ_max, where the weights collapse, down to a floor,
 *
 * <pre>
 *   λ_max = σ_max(G),   G = (1/n) Xᵀ (Y − 1 ȳᵀ)      (p×K; Y one-hot, or the target for regression)
 *   λ_l   = λ_max · (floor/λ_max)^(l/(m−1)),  l = 0..m−1
 * </pre>
 *
 * G is the gradient of the mean loss with respect to an end-to-end linear map at zero (the
 * biases at their optimum ȳ; X standardized when the network standardizes). With one hidden
 * layer and linear activations, (λ/2)(‖W₁‖² + ‖W₂‖²) is λ times the nuclear norm of W₁W₂, and
 * zero weights are optimal exactly when λ ≥ σ_max(G): this λ_max is glmnet's λ_max for that
 * network, and an estimate for deeper or ReLU networks (the path's per-layer weight norms show
 * where the weights really collapse). With observation weights (a base with a weight column)
 * G = Σᵢ wᵢ x̃ᵢ (yᵢ − ȳ_w)ᵀ / Σ wᵢ on the weighted standardization, so integer weights give the
 * grid of the rows repeated. When λ_max is not above the floor, the grid spans
 * λ_max down to λ_max·10⁻⁴ instead. Immutable and thread-safe.
 */
public final class LambdaGrid {
  /** The default number of λ: 13, about two per decade from MNIST's λ_max ≈ 0.6 to 1e-6. */
  public static final int DEFAULT_COUNT = 13;
  /** The default floor of a grid from the data. */
  public static final double DEFAULT_SMALLEST = 1e-6;

  private final double[] given;
  private final int count;
  private final double smallest;

  private LambdaGrid(double[] given, int count, double smallest) {
    this.given = given;
    this.count = count;
    this.smallest = smallest;
  }

  /**
   * Your λ values, in any order (visited from the largest down); each finite and ≥ 0 (0 is the
   * unpenalized fit), no value twice. IllegalArgumentException naming {@code lambdas} otherwise.
   */
  public static LambdaGrid of(double... lambdas) {
    if (lambdas.length == 0) {
      throw new IllegalArgumentException("lambdas must hold at least one λ; the grid is empty");
    }
    for (int l = 0; l < lambdas.length; l++) {
      if (!(lambdas[l] >= 0) || Double.isInfinite(lambdas[l])) {
        throw new IllegalArgumentException("lambdas must be finite numbers >= 0; value "
            + (l + 1) + " of " + lambdas.length + " is " + lambdas[l]);
      }
    }
    dev.tikhonov.internal.data.Repeats.first(lambdas).ifPresent(twice -> {
      throw new IllegalArgumentException("lambdas must be distinct; " + twice);
    });
    double[] sorted = lambdas.clone();
    Arrays.sort(sorted);
    double[] decreasing = new double[sorted.length];
    for (int l = 0; l < sorted.length; l++) {
      decreasing[l] = sorted[sorted.length - 1 - l];
    }
    return new LambdaGrid(decreasing, decreasing.length, decreasing[decreasing.length - 1]);
  }

  /**
   * {@code count} λ spaced evenly in log λ from the data's λ_max down to {@code smallest};
   * {@code count} at most {@link dev.tikhonov.linear.PathSettings#MAX_NUM_LAMBDAS}, as for the
   * linear paths (more would only exhaust memory before the first fit).
   */
  public static LambdaGrid fromData(int count, double smallest) {
    int max = dev.tikhonov.linear.PathSettings.MAX_NUM_LAMBDAS;
    if (count < 1 || count > max) {
      throw new IllegalArgumentException("numLambdas must be in 1.." + max + ", got " + count);
    }
    if (!(smallest > 0) || Double.isInfinite(smallest)) {
      throw new IllegalArgumentException("minLambda must be a finite number > 0, got "
          + smallest);
    }
    return new LambdaGrid(null, count, smallest);
  }

  /** {@link #fromData} with {@value #DEFAULT_COUNT} λ down to {@value #DEFAULT_SMALLEST}. */
  public static LambdaGrid defaults() {
    return fromData(DEFAULT_COUNT, DEFAULT_SMALLEST);
  }

  /** Your values, largest first; empty for a grid from the data. */
  public Optional<double[]> given() {
    return given == null ? Optional.empty() : Optional.of(given.clone());
  }

  /** The number of λ. */
  public int size() {
    return count;
  }

  /**
   * The λ values for {@code data}, strictly decreasing: yours, or the logarithmic grid from the
   * data's {@link #lambdaMax}; {@link MlpPath#lambdas(Dataset)} is the public way, with the
   * network's standardization.
   */
  double[] lambdas(Dataset data, boolean standardize) {
    return lambdas(data, standardize, false);
  }

  /**
   * {@link #lambdas(Dataset, boolean)} for a regressor that fits the standardized target
   * ({@link NetworkSettings#standardizeTarget()}) when {@code standardizeTarget}: λ_max is
   * linear in y − ȳ, so it is divided by y's 1/n standard deviation on these rows.
   */
  double[] lambdas(Dataset data, boolean standardize, boolean standardizeTarget) {
    return lambdas(data, new double[0], standardize, standardizeTarget);
  }

  /**
   * {@link #lambdas(Dataset, boolean, boolean)} with observation weights wᵢ, one per row of
   * {@code data} (its weight column taken out; empty for none), as a network with a weight
   * column ({@link NetworkSettings#weightColumn()}) fits them: G = Σᵢ wᵢ x̃ᵢ (yᵢ − ȳ_w)ᵀ / Σw,
   * ȳ_w = Σ wᵢyᵢ / Σw, x̃ standardized by the weighted means and 1/Σw standard deviations, and
   * a standardized target divided by its weighted standard deviation: integer weights give the
   * grid of the rows repeated, as glmnet's weighted λ_max does.
   */
  double[] lambdas(Dataset data, double[] weights, boolean standardize,
      boolean standardizeTarget) {
    if (given != null) {
      return given.clone();
    }
    double top = lambdaMax(data, weights, standardize);
    if (standardizeTarget && !data.isClassification()) {
      top /= NetworkFit.TargetScale.of(data, weights).scale();
    }
    if (!(top > 0)) {
      // about "lambdas": the remedy is that setting, which a front end names its own way
      throw InputException.about("lambdas", ": none given, and the targets of " + data.source()
          + " do not vary with the features (λ_max = " + top + "), so there is no λ grid to"
          + " derive from them; give the λ values");
    }
    double bottom = top > smallest ? smallest : top * 1e-4;
    double[] out = new double[count];
    for (int l = 0; l < count; l++) {
      out[l] = count == 1 ? top : top * Math.pow(bottom / top, (double) l / (count - 1));
    }
    return out;
  }

  /**
   * λ_max = σ_max((1/n) Xᵀ(Y − 1ȳᵀ)) of the class docs on the features as they are: Y one-hot
   * for class targets, the target column otherwise.
   */
  public static double lambdaMax(Dataset data) {
    return lambdaMax(data, false);
  }

  /**
   * λ_max of {@link #lambdaMax(Dataset)} with X standardized on these rows (mean 0, variance 1
   * with 1/n), as a network with {@code standardize(true)} sees its inputs.
   */
  public static double lambdaMaxStandardized(Dataset data) {
    return lambdaMax(data, true);
  }

  static double lambdaMax(Dataset data, boolean standardize) {
    return lambdaMax(data, new double[0], standardize);
  }

  /** λ_max with observation weights ({@link #lambdas(Dataset, double[], boolean, boolean)}). */
  static double lambdaMax(Dataset data, double[] weights, boolean standardize) {
    int n = data.numRows();
    if (n == 0) {
      throw new InputException(data.source() + ": no rows to derive a λ grid from");
    }
    double[] w = weights.length == 0 ? Evaluation.ones(n) : weights;
    double total = 0;
    for (double v : w) {
      total += v;
    }
    Matrix x = data.features();
    int p = x.cols();
    int k = data.isClassification() ? data.numClasses() : 1;
    double[][] residual = new double[n][k];
    double[] mean = new double[k];
    for (int i = 0; i < n; i++) {
      if (data.isClassification()) {
        residual[i][data.label(i)] = 1;
      } else {
        residual[i][0] = data.target(i);
      }
      for (int c = 0; c < k; c++) {
        mean[c] += w[i] * residual[i][c] / total;
      }
    }
    double[] columnMean = new double[p];
    double[] columnScale = new double[p];
    Arrays.fill(columnScale, 1);
    if (standardize) {
      Standardizer st = Standardizer.fit(data, weights);
      columnMean = st.mean();
      columnScale = st.scale();
    }
    // G = (1/Σw) Σᵢ x̃ᵢ wᵢ(yᵢ − ȳ)ᵀ, x̃ the (standardized) row. Unstandardized, each column is
    // taken less its first value: the same G (Σᵢ wᵢ(yᵢ − ȳ) = 0), but a column that never varies
    // gives exactly 0, where c·Σᵢ(yᵢ − ȳ) rounds to c·1e-16 and made a grid from nothing.
    double[] shift = new double[p];
    if (!standardize) {
      for (int j = 0; j < p; j++) {
        shift[j] = x.get(0, j);
      }
    }
    double[][] g = new double[p][k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        residual[i][c] = w[i] * (residual[i][c] - mean[c]);
      }
      for (int j = 0; j < p; j++) {
        // standardized from the values as held (double for text and double[][]), as
        // NetworkFit standardizes them (Standardizer.transform(Dataset))
        double v = standardize ? (data.feature(i, j) - columnMean[j]) / columnScale[j]
            : x.get(i, j) - shift[j];
        if (v != 0) {
          for (int c = 0; c < k; c++) {
            g[j][c] += v * residual[i][c];
          }
        }
      }
    }
    // σ_max(G)² is the largest eigenvalue of the K×K matrix GᵀG
    double[][] gram = new double[k][k];
    for (int j = 0; j < p; j++) {
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          gram[a][b] += g[j][a] * g[j][b];
        }
      }
    }
    return Math.sqrt(largestEigenvalue(gram)) / total;
  }


  /** The largest eigenvalue of a symmetric positive semi-definite matrix, by power iteration. */
  static double largestEigenvalue(double[][] a) {
    int k = a.length;
    double[] v = new double[k];
    Arrays.fill(v, 1 / Math.sqrt(k));
    for (int c = 0; c < k; c++) {
      v[c] += 1e-3 * (c + 1); // not orthogonal to the top eigenvector by symmetry
    }
    double value = 0;
    for (int it = 0; it < 10_000; it++) {
      double[] w = new double[k];
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          w[r] += a[r][c] * v[c];
        }
      }
      double norm = 0;
      for (double e : w) {
        norm += e * e;
      }
      norm = Math.sqrt(norm);
      if (norm == 0) {
        return 0;
      }
      for (int r = 0; r < k; r++) {
        w[r] /= norm;
      }
      boolean settled = Math.abs(norm - value) <= 1e-15 * norm;
      value = norm;
      v = w;
      if (settled) {
        break;
      }
    }
    return value;
  }

  /** The grid's settings by snake_case name, for provenance and run files. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (given != null) {
      m.put("lambdas", Arrays.stream(given).boxed().toList()); // a list prints as its values
    } else {
      m.put("num_lambdas", count);
      m.put("min_lambda", smallest);
    }
    return m;
  }

  @Override
  public String toString() {
    return given != null ? "LambdaGrid" + Arrays.toString(given)
        : "LambdaGrid[" + count + " from λ_max down to " + smallest + "]";
  }
}
