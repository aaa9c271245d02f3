package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.RidgeSvdPath;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Ridge over many λ at once in closed form, λ chosen by generalized cross-validation (GCV) or
 * the exact leave-one-out error, both from one decomposition of the centered features
 * ({@link RidgeSvdPath}): {@code GCV(λ) = (1/n)‖y − ŷ‖² / (1 − (1 + df)/n)²}, LOO the mean of
 * {@code (eᵢ/(1 − Hᵢᵢ))²}. The objective is {@link Ridge}'s. Default λ grid: glmnet's for α = 0
 * in this objective's units (100 values from 1000·max|x̃ⱼᵀ(y − ȳ)|/(n·s_y) down by a factor
 * 1e-4, 1e-2 when p &gt; n, s_y the target's standard deviation), so that RidgeCV looks at the
 * models of glmnet's α = 0 path, and y and c·y get the same grid and choice; when the criterion is
 * smallest at the grid's smallest λ, the grid is continued by its own ratio down to where every
 * direction of the design is shrunk by at most 0.1 % (nλ = 10⁻³·d_min², d the singular values;
 * at most 400 more λ, one more decomposition), since unstandardized features of very different
 * scales need a λ far below glmnet's range. λ given by {@code lambdas} are used as they are.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * RidgeCV.Validation v = RidgeCV.builder().build().crossValidate(data);
 * LinearModel best = v.chosenModel();
 * }</pre>
 */
public final class RidgeCV implements Estimator<LinearModel> {
  /** How λ is scored. Thread-safe, as enum constants are. */
  public enum Criterion {
    /** Generalized cross-validation (Golub, Heath and Wahba). */
    GCV,
    /** The exact leave-one-out mean squared error. */
    LEAVE_ONE_OUT
  }

  private final double[] lambdas;
  private final int numLambdas;
  private final Criterion criterion;
  private final boolean standardize;

  private RidgeCV(Builder b) {
    this.lambdas = b.lambdas.clone();
    this.numLambdas = b.numLambdas;
    this.criterion = b.criterion;
    this.standardize = b.standardize;
  }

  /** A builder with the defaults: GCV over 100 λ, no standardization. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this estimator's settings, to build a variant
   * ({@code gcv.toBuilder().criterion(Criterion.LEAVE_ONE_OUT).build()}), as the network
   * estimators' {@code toBuilder()}; this estimator is not changed.
   */
  public Builder toBuilder() {
    Builder out = new Builder();
    out.lambdas = lambdas.clone();
    out.numLambdas = numLambdas;
    out.criterion = criterion;
    out.standardize = standardize;
    return out;
  }

  /** How λ is scored: GCV or exact leave-one-out. */
  public Criterion criterion() {
    return criterion;
  }

  /** "RidgeCV{criterion=gcv, num_lambdas=100, standardize=false}", or the λ given. */
  @Override
  public String toString() {
    return "RidgeCV{criterion=" + criterion.name().toLowerCase(java.util.Locale.ROOT)
        + (lambdas.length > 0 ? ", lambdas=" + java.util.Arrays.toString(lambdas)
            : ", num_lambdas=" + numLambdas)
        + ", standardize=" + standardize + "}";
  }

  @Override
  public LinearModel fit(Dataset train) {
    return crossValidate(train).chosenModel();
  }

  /**
   * Every λ with its GCV and LOO scores, degrees of freedom, and the chosen model. The data are
   * checked first, as {@link Ridge} checks them and with its messages (no rows, no feature
   * columns, a value that is not finite), before the default λ grid is derived from them.
   *
   * @throws InputException for such data, or when no feature varies with the target and no λ
   *     are given (the default grid starts at max|zⱼᵀ(y − ȳ)|/(n·0.001), which is then 0)
   */
  public Validation crossValidate(Dataset train) {
    LinearFit.requireNumericTarget(train, name());
    double[][] x = train.featureRows();
    double[] y = train.targets();
    ElasticNetPath.requireFittable(x, y);
    double[] scales = LinearFit.penaltyScales(x, standardize);
    double[][] z = standardize ? Ridge.scaled(x, scales) : x;
    double[] grid = lambdas.length > 0 ? lambdas : defaultLambdas(z, y, numLambdas);
    RidgeSvdPath path = RidgeSvdPath.fit(z, y, grid);
    int best = criterion == Criterion.GCV ? path.bestGcv() : path.bestLoo();
    if (lambdas.length == 0 && best == grid.length - 1) {
      double[] longer = continuedDownward(grid, path.singularValues(), z.length);
      if (longer.length > grid.length) {
        grid = longer;
        path = RidgeSvdPath.fit(z, y, grid);
        best = criterion == Criterion.GCV ? path.bestGcv() : path.bestLoo();
      }
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("criterion", criterion.name().toLowerCase(java.util.Locale.ROOT));
    settings.put("num_lambdas", grid.length);
    settings.put("standardize", standardize);
    settings.put("l1_ratio", 0.0);
    Provenance provenance = Provenance.of(name(), settings, OptionalLong.empty(), train);
    return new Validation(path, best, scales, train, provenance);
  }

  /**
   * glmnet's α = 0 sequence in this objective's units: glmnet's λ_max = max|zⱼᵀ(y − ȳ)|/(n·0.001)
   * divided by s_y = √((1/n)Σ(yᵢ − ȳ)²), then {@code count} values down to 1e-4·λ_max (1e-2 when
   * p &gt; n). glmnet fits a gaussian on y/s_y, so its ridge λ = l is λ = l/s_y here (linear.md,
   * "glmnet conversion"): these λ give glmnet's α = 0 models, and, as the ridge solution scales
   * with y at a fixed λ, the same grid and choice for y and c·y. Without the division the grid
   * moved with y's scale while the λ the criterion prefers does not: y·10¹⁷ started 10¹⁷ times
   * too high and chose 2 of 10 degrees of freedom, y·10⁻¹⁷ chose the grid's first λ.
   */
  static double[] defaultLambdas(double[][] z, double[] y, int count) {
    int n = z.length;
    int p = n == 0 ? 0 : z[0].length;
    double yMean = 0;
    for (double v : y) {
      yMean += v / n;
    }
    double max = 0;
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (double[] row : z) {
        mean += row[j] / n;
      }
      double dot = 0;
      for (int i = 0; i < n; i++) {
        dot += (z[i][j] - mean) * (y[i] - yMean);
      }
      max = Math.max(max, Math.abs(dot) / n);
    }
    double sumSquares = 0;
    for (double v : y) {
      sumSquares += (v - yMean) * (v - yMean);
    }
    double scale = Math.sqrt(sumSquares / n);
    if (!(max > 0) || !(scale > 0)) {
      throw new InputException("no feature is correlated with the target (all constant, or "
          + "orthogonal to it): the default λ grid is undefined; give lambdas");
    }
    // max / scale rather than max / 1e-3 / scale: a target near 1e-300 keeps its λ in range
    return ElasticNetPath.geometricSequence(max / scale / 1e-3, n < p ? 1e-2 : 1e-4, count);
  }

  /** Most λ values {@link #continuedDownward} adds to the default grid. */
  static final int MAX_CONTINUED = 400;

  /**
   * The default grid continued by its own ratio down to the λ at which the weakest direction of
   * the design is shrunk by 0.1 %: nλ = 10⁻³·d_min² with d_min the smallest singular value
   * above 10⁻⁶·d_max (the ridge fit there is least squares to that precision). The grid alone
   * comes from glmnet's λ_max, which the largest covariance sets: without standardization a
   * feature of small scale (rooms beside square metres) is shrunk to nothing at the grid's
   * smallest λ, where the criterion is then still falling. At most {@link #MAX_CONTINUED} more
   * values; the grid itself when it already reaches that λ.
   */
  static double[] continuedDownward(double[] grid, double[] singularValues, int n) {
    if (singularValues.length == 0 || !(singularValues[0] > 0)) {
      return grid;
    }
    double smallest = singularValues[0];
    for (double d : singularValues) {
      if (d > 1e-6 * singularValues[0]) {
        smallest = Math.min(smallest, d);
      }
    }
    double low = 1e-3 * smallest * smallest / n;
    double last = grid[grid.length - 1];
    double factor = grid.length > 1 ? grid[1] / grid[0] : 0.1;
    if (!(low < last) || !(factor > 0 && factor < 1)) {
      return grid;
    }
    int more = (int) Math.min(MAX_CONTINUED, Math.ceil(Math.log(low / last) / Math.log(factor)));
    double[] out = java.util.Arrays.copyOf(grid, grid.length + more);
    for (int k = grid.length; k < out.length; k++) {
      out[k] = out[k - 1] * factor;
    }
    return out;
  }

  /** The scores of every λ and the models they give. Immutable and thread-safe. */
  public static final class Validation {
    private final RidgeSvdPath path;
    private final int best;
    private final double[] scales;
    private final java.util.List<String> featureNames;
    private final Provenance provenance;
    private final boolean standardize;

    Validation(RidgeSvdPath path, int best, double[] scales, Dataset train,
        Provenance provenance) {
      this.path = path;
      this.best = best;
      this.scales = scales.clone();
      this.featureNames = train.featureNames();
      this.provenance = provenance;
      this.standardize = Boolean.TRUE.equals(provenance.settings().get("standardize"));
    }

    /** The λ values scored, in the order of {@link #gcv()} and the other per-λ arrays. */
    public double[] lambdas() {
      return path.lambdas().clone();
    }

    /** GCV score per λ. */
    public double[] gcv() {
      return path.gcv().clone();
    }

    /** Exact leave-one-out mean squared error per λ. */
    public double[] leaveOneOutMse() {
      return path.leaveOneOutMse().clone();
    }

    /** Effective degrees of freedom Σ d²/(d² + nλ) per λ. */
    public double[] degreesOfFreedom() {
      return path.degreesOfFreedom().clone();
    }

    /** Training mean squared error per λ. */
    public double[] trainingMse() {
      return path.trainingMse().clone();
    }

    /** Index of the λ the criterion chose (the smallest GCV or leave-one-out score). */
    public int chosenIndex() {
      return best;
    }

    /** The λ the criterion chose. */
    public double chosenLambda() {
      return path.lambdas()[best];
    }

    /**
     * The model at λ index {@code index} (0-based, as {@link #lambdas()}).
     *
     * @throws IndexOutOfBoundsException naming the index and the grid's size
     */
    public LinearModel atIndex(int index) {
      int size = path.lambdas().length;
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException("λ index " + index + " of a grid of " + size
            + " λ (0-based)");
      }
      double lambda = path.lambdas()[index];
      return new LinearModel(Ridge.parameters(lambda, path.intercepts()[index],
          path.coefficients()[index], scales, featureNames, standardize),
          provenance.withSettings(Map.of("lambda", lambda)));
    }

    /** The model at the chosen λ. */
    public LinearModel chosenModel() {
      return atIndex(best);
    }

    /** The core's result. */
    public RidgeSvdPath path() {
      return path;
    }

    /**
     * "RidgeCV.Validation[gcv: λ = 0.003789 (index 57 of 100), GCV 0.0102, leave-one-out MSE
     * 0.0102, 15.8 degrees of freedom]".
     */
    @Override
    public String toString() {
      return "RidgeCV.Validation[" + provenance.settings().getOrDefault("criterion", "?")
          + ": λ = " + CvText.number(chosenLambda()) + " (index " + best + " of "
          + path.lambdas().length + "), GCV " + CvText.number(path.gcv()[best])
          + ", leave-one-out MSE " + CvText.number(path.leaveOneOutMse()[best]) + ", "
          + String.format(java.util.Locale.ROOT, "%.1f", path.degreesOfFreedom()[best])
          + " degrees of freedom]";
    }
  }

  /**
   * Named settings: λ grid, criterion (default GCV), standardization (default off). Not
   * thread-safe: build on one thread; the built RidgeCV is immutable and thread-safe.
   */
  public static final class Builder {
    private double[] lambdas = new double[0];
    private int numLambdas = 100;
    private Criterion criterion = Criterion.GCV;
    private boolean standardize;

    Builder() {}

    /** The λ grid (each finite and ≥ 0, no value twice); default glmnet's α = 0 sequence. */
    public Builder lambdas(double... values) {
      LambdaGrid.of(values); // the networks' rules and messages: not empty, finite, ≥ 0, distinct
      lambdas = values.clone();
      return this;
    }

    /**
     * Length of the default grid (default 100), before any continuation below its end (see the
     * class).
     */
    public Builder numLambdas(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("numLambdas must be at least 1, got " + value);
      }
      numLambdas = value;
      return this;
    }

    /** How λ is scored (default {@link Criterion#GCV}); both come from one decomposition. */
    public Builder criterion(Criterion value) {
      criterion = java.util.Objects.requireNonNull(value, "criterion");
      return this;
    }

    /** Penalize the coefficients of standardized features (default false). */
    public Builder standardize(boolean value) {
      standardize = value;
      return this;
    }

    /** The estimator (its settings are checked by their setters). */
    public RidgeCV build() {
      return new RidgeCV(this);
    }
  }
}
