package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.RidgeSolution;
import dev.tikhonov.linear.RidgeSolver;
import dev.tikhonov.loss.Family;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Ridge regression in closed form at one λ:
 * {@code minimize (1/2n) Σ (yᵢ − a₀ − xᵢ·b)² + (λ/2) Σⱼ bⱼ²}, the intercept never penalized
 * (a Cholesky factorization of ZᵀZ/n + λI, or of the n×n kernel when p &gt; n). λ is DESIGN.md's:
 * scikit-learn's {@code Ridge(alpha = a)} is λ = a/n. With {@code standardize(true)} the penalty
 * acts on the coefficients of features scaled to unit variance (divisor n), as glmnet's;
 * coefficients are reported on the original scale either way.
 *
 * <p>With {@code weightColumn} observation weights wᵢ ≥ 0 the data term is the weighted mean
 * (1/2)Σ wᵢ(yᵢ − a₀ − xᵢ·b)²/Σwᵢ, as {@link ElasticNet}'s (glmnet's {@code weights}, which it
 * normalizes to sum to n: the same objective), so λ keeps its meaning and weights all equal are
 * no weights: b solves the weighted normal equations (XᵀΩX + λI)b = XᵀΩy on the data centered
 * at the weighted means, Ω = diag(wᵢ/Σw). scikit-learn's {@code Ridge(alpha = a).fit(X, y,
 * sample_weight = w)} is λ = a/Σwᵢ. With {@code intercept(false)} a₀ = 0 and nothing is centered
 * (glmnet's {@code intercept = FALSE}, scikit-learn's {@code fit_intercept = False}); a constant
 * column still gets coefficient 0, as in {@link ElasticNet} and glmnet. Immutable and
 * thread-safe.
 *
 * <pre>{@code LinearModel model = Ridge.builder().lambda(0.1).build().fit(data);}</pre>
 */
public final class Ridge implements Estimator<LinearModel> {
  private final double lambda;
  private final boolean standardize;
  private final boolean intercept;
  private final java.util.Optional<String> weightColumn;

  private Ridge(double lambda, boolean standardize, boolean intercept,
      java.util.Optional<String> weightColumn) {
    this.lambda = lambda;
    this.standardize = standardize;
    this.intercept = intercept;
    this.weightColumn = weightColumn;
  }

  /** A builder: {@code lambda} must be set (RidgeCV chooses one); no standardization by default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this estimator's settings, to build a variant
   * ({@code ridge.toBuilder().lambda(1).build()}), as the network estimators' {@code
   * toBuilder()}; this estimator is not changed.
   */
  public Builder toBuilder() {
    Builder out = new Builder().lambda(lambda).standardize(standardize).intercept(intercept);
    weightColumn.ifPresent(out::weightColumn);
    return out;
  }

  /** The penalty strength λ ≥ 0 of the objective (scikit-learn's {@code Ridge(alpha=a)} is a/n). */
  public double lambda() {
    return lambda;
  }

  /** Whether the penalty applies to the coefficients of standardized features. */
  public boolean standardize() {
    return standardize;
  }

  /** Whether an unpenalized intercept a₀ is fitted (else a₀ = 0). */
  public boolean intercept() {
    return intercept;
  }

  /** The Dataset column holding the observation weights; empty for none. */
  public java.util.Optional<String> weightColumn() {
    return weightColumn;
  }

  @Override
  public LinearModel fit(Dataset train) {
    LinearFit.requireNumericTarget(train, name());
    ObservationColumns.Split split = ObservationColumns.split(train, Family.GAUSSIAN,
        weightColumn, java.util.Optional.empty());
    double[][] x = split.x();
    // before the scales: a column whose squares overflow would be scaled to 0 (RidgeCV's order)
    ElasticNetPath.requireFittable(x, train.targets());
    Observations observations = split.observations();
    double[] scales = LinearFit.penaltyScales(x, observations.weights(), standardize);
    double[][] z = standardize ? scaled(x, scales) : x;
    RidgeSolution s = intercept ? RidgeSolver.fit(z, train.targets(), observations, lambda)
        : RidgeSolver.fitWithoutIntercept(z, train.targets(), observations, lambda);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("lambda", lambda);
    settings.put("l1_ratio", 0.0);
    settings.put("standardize", standardize);
    settings.put("intercept", intercept);
    weightColumn.ifPresent(c -> settings.put("weight_column", c));
    Provenance provenance = Provenance.of(name(), settings, OptionalLong.empty(), train);
    return new LinearModel(parameters(lambda, s.intercept(), s.coefficients(), scales,
        split.featureNames(), standardize), provenance);
  }

  /** Columns divided by their scales: a copy. */
  static double[][] scaled(double[][] x, double[] scales) {
    double[][] z = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      z[i] = new double[scales.length];
      for (int j = 0; j < scales.length; j++) {
        z[i][j] = x[i][j] / scales[j];
      }
    }
    return z;
  }

  /**
   * The model's parameters from a solution on (possibly) scaled features: bⱼ = b̃ⱼ/sⱼ; the
   * intercept is unchanged (the solver centered with the same means).
   */
  static LinearParameters parameters(double lambda, double intercept, double[] coefficients,
      double[] scales, List<String> featureNames, boolean standardize) {
    double[] b = coefficients.clone();
    if (standardize) {
      for (int j = 0; j < b.length; j++) {
        b[j] /= scales[j];
      }
    }
    double[] ones = new double[b.length];
    java.util.Arrays.fill(ones, 1.0);
    return new LinearParameters(Family.GAUSSIAN, lambda, 0, new double[] {intercept},
        new double[][] {b}, ones, scales, featureNames, List.of());
  }

  @Override
  public String toString() {
    return "Ridge{lambda=" + lambda + ", standardize=" + standardize
        + (intercept ? "" : ", intercept=false")
        + weightColumn.map(c -> ", weight_column=" + c).orElse("") + "}";
  }

  /**
   * Named settings of a {@link Ridge}: λ (required), standardization (default off), an
   * intercept (default on), observation weights (default none). Not
   * thread-safe: build on one thread; the built Ridge is immutable and thread-safe.
   */
  public static final class Builder {
    /** Empty until {@link #lambda} is called: NaN is a value to refuse, not "unset". */
    private java.util.OptionalDouble lambda = java.util.OptionalDouble.empty();
    private boolean standardize;
    private boolean intercept = true;
    private java.util.Optional<String> weightColumn = java.util.Optional.empty();

    Builder() {}

    /**
     * λ, a finite number ≥ 0 (λ = 0 is least squares and needs full-rank centered features);
     * required. Checked by {@link #build}: an IllegalArgumentException for a negative,
     * infinite or NaN λ.
     */
    public Builder lambda(double value) {
      lambda = java.util.OptionalDouble.of(value);
      return this;
    }

    /** Penalize the coefficients of standardized features (default false, as scikit-learn). */
    public Builder standardize(boolean value) {
      standardize = value;
      return this;
    }

    /**
     * Fit an unpenalized intercept (default true); false fits a₀ = 0 with nothing centered
     * (glmnet's {@code intercept = FALSE}, scikit-learn's {@code fit_intercept = False}).
     */
    public Builder intercept(boolean value) {
      intercept = value;
      return this;
    }

    /**
     * The Dataset column holding observation weights wᵢ ≥ 0, not all 0 (glmnet's
     * {@code weights}): taken out of the features; the data term becomes Σwᵢℓᵢ/Σwᵢ, so λ keeps
     * its meaning (see the class). A missing column, or a weight negative, not finite or all 0,
     * is an {@code InputException} of {@link Ridge#fit} naming {@code weightColumn} or
     * {@code weights}.
     */
    public Builder weightColumn(String column) {
      weightColumn = java.util.Optional.of(java.util.Objects.requireNonNull(column, "column"));
      return this;
    }

    /** The estimator; IllegalArgumentException when λ is not set, negative or not finite. */
    public Ridge build() {
      if (lambda.isEmpty()) {
        throw new IllegalArgumentException("lambda must be set: Ridge solves at one λ (RidgeCV "
            + "chooses one)");
      }
      double value = lambda.getAsDouble();
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + value);
      }
      return new Ridge(value, standardize, intercept, weightColumn);
    }
  }
}
