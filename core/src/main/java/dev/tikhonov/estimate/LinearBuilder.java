package dev.tikhonov.estimate;

import dev.tikhonov.linear.MultinomialPenalty;
import dev.tikhonov.linear.PathSettings;
import java.util.OptionalDouble;

/**
 * The named setters {@link ElasticNet} and {@link ElasticNetCV} share, with glmnet's defaults:
 * α = 1 (the lasso), 100 λ from λ_max down to 1e-4·λ_max (1e-2 when p &gt; n), standardized
 * features, an intercept, all penalty factors 1, the path certified to
 * {@link PathSettings#DEFAULT_TOLERANCE}. Not thread-safe; what it builds is immutable.
 *
 * @param <B> the concrete builder
 */
public abstract class LinearBuilder<B extends LinearBuilder<B>> {
  double l1Ratio = 1;
  int numLambdas = PathSettings.DEFAULT_NUM_LAMBDAS;
  OptionalDouble lambdaMinRatio = OptionalDouble.empty();
  double[] lambdas = new double[0];
  boolean standardize = true;
  double tolerance = PathSettings.DEFAULT_TOLERANCE;
  int maxIterations = PathSettings.DEFAULT_MAX_ITERATIONS;
  double[] penaltyFactors = new double[0];
  boolean intercept = true;
  double[] lowerLimits = new double[0];
  double[] upperLimits = new double[0];
  MultinomialPenalty multinomialPenalty = MultinomialPenalty.UNGROUPED;
  java.util.OptionalInt maxFeatures = java.util.OptionalInt.empty();
  java.util.OptionalInt maxEverActive = java.util.OptionalInt.empty();
  java.util.Optional<String> weightColumn = java.util.Optional.empty();
  java.util.Optional<String> offsetColumn = java.util.Optional.empty();
  java.util.Optional<dev.tikhonov.select.AdaptivePenalty.Settings> adaptive =
      java.util.Optional.empty();

  LinearBuilder() {}

  /**
   * The Dataset column holding observation weights wᵢ ≥ 0 (glmnet's {@code weights}): taken out
   * of the features; the data term becomes Σwᵢℓᵢ / Σwᵢ, so λ keeps its meaning. Cross-validation
   * ({@link ElasticNetCV}) weights each held-out row's loss and each fold by its weight sum, as
   * cv.glmnet.
   */
  public B weightColumn(String column) {
    weightColumn = java.util.Optional.of(java.util.Objects.requireNonNull(column, "column"));
    return self();
  }

  /**
   * The Dataset column holding offsets oᵢ (glmnet's {@code offset}, e.g. log exposure for
   * counts): taken out of the features and added to η = oᵢ + a₀ + xᵢ·b, not fitted. The model
   * needs the column again at prediction (a Dataset holding it, or
   * {@code predict(x, offsets)}). Not for the multinomial family. Cross-validation
   * ({@link ElasticNetCV}) scores held-out rows with their offsets, as cv.glmnet.
   */
  public B offsetColumn(String column) {
    offsetColumn = java.util.Optional.of(java.util.Objects.requireNonNull(column, "column"));
    return self();
  }

  /**
   * The adaptive lasso (Zou 2006): penalty factors vⱼ = uⱼ/|sⱼβ̂ⱼ|^ν from a pilot fit
   * ({@link dev.tikhonov.select.AdaptivePenalty}: ridge at its cross-validated λ, or the
   * unpenalized fit when n &gt; p), times the penalty factors uⱼ set here (1 when none); a
   * feature whose pilot coefficient is 0 is left out. {@link ElasticNetCV} recomputes the pilot
   * inside each fold. Not with weight or offset columns yet.
   *
   * @param power ν &gt; 0 (Zou's γ; 1 is the usual choice)
   * @throws dev.tikhonov.data.InputException naming {@code adaptivePower} when ν ≤ 0
   */
  public B adaptive(dev.tikhonov.select.AdaptivePenalty.Pilot pilot, double power) {
    adaptive = java.util.Optional.of(new dev.tikhonov.select.AdaptivePenalty.Settings(pilot,
        power));
    return self();
  }

  /** The adaptive lasso with a ridge pilot and ν = 1. */
  public B adaptive() {
    return adaptive(dev.tikhonov.select.AdaptivePenalty.Pilot.RIDGE, 1.0);
  }

  abstract B self();

  /** α ∈ [0, 1]: 1 the lasso (default), 0 ridge, between the elastic net. */
  public B l1Ratio(double value) {
    l1Ratio = value;
    return self();
  }

  /** Number of λ of the default sequence (default 100). */
  public B numLambdas(int value) {
    numLambdas = value;
    return self();
  }

  /** Smallest λ of the default sequence as a share of λ_max (default 1e-4, 1e-2 when p > n). */
  public B lambdaMinRatio(double value) {
    lambdaMinRatio = OptionalDouble.of(value);
    return self();
  }

  /** A λ sequence of your own instead of the default one (fitted in decreasing order). */
  public B lambdas(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("lambdas: the λ sequence is empty; give at least one λ");
    }
    lambdas = values.clone();
    return self();
  }

  /**
   * Fit on features scaled to unit variance (divisor n), coefficients reported on the original
   * scale; the penalty then acts on the standardized coefficients (glmnet's default, true).
   */
  public B standardize(boolean value) {
    standardize = value;
    return self();
  }

  /**
   * What each λ is certified to: relative duality gap (gaussian) or scaled KKT residual
   * (binomial, multinomial) at most this (docs/linear.md, "Convergence").
   */
  public B tolerance(double value) {
    tolerance = value;
    return self();
  }

  /** Budget of coordinate passes over the data for the whole path (glmnet's maxit). */
  public B maxIterations(int value) {
    maxIterations = value;
    return self();
  }

  /** vⱼ ≥ 0 per feature (0 = never penalized, always in the model), normalized to sum to p. */
  public B penaltyFactors(double... values) {
    penaltyFactors = values.clone();
    return self();
  }

  /**
   * Fit an unpenalized intercept (default true); false fits a₀ = 0 for every family (glmnet's
   * {@code intercept = FALSE}: nothing centered, the null model η = offset).
   */
  public B intercept(boolean value) {
    intercept = value;
    return self();
  }

  /**
   * Lower limits lⱼ ≤ 0 on the coefficients, on the original scale (glmnet's
   * {@code lower.limits}; 0 gives the non-negative lasso): one value for every feature or one
   * per feature, −∞ for none. With {@code standardize} the fit constrains the standardized
   * coefficients to sⱼ·lⱼ, which is the same box.
   */
  public B lowerLimits(double... values) {
    lowerLimits = values.clone();
    return self();
  }

  /**
   * Upper limits uⱼ ≥ 0 on the coefficients, on the original scale (glmnet's
   * {@code upper.limits}): one value for every feature or one per feature, +∞ for none.
   */
  public B upperLimits(double... values) {
    upperLimits = values.clone();
    return self();
  }

  /**
   * The multinomial family's penalty of each feature's K class coefficients: {@link
   * MultinomialPenalty#UNGROUPED} (default) penalizes each on its own, {@link
   * MultinomialPenalty#GROUPED} the K as one group, λvⱼ[(1−α)/2·‖b̃ⱼ‖₂² + α·‖b̃ⱼ‖₂], so a
   * feature is in the model for every class or for none (glmnet's {@code type.multinomial =
   * "grouped"}). GROUPED is refused for the other families and with limits.
   */
  public B multinomialPenalty(MultinomialPenalty value) {
    multinomialPenalty = java.util.Objects.requireNonNull(value, "multinomialPenalty");
    return self();
  }

  /**
   * glmnet's {@code dfmax}: the default λ sequence ends after the first λ, from the fifth on,
   * whose fit has more than {@code limit} ≥ 0 features with a nonzero coefficient (in any
   * class); that λ is kept. A λ sequence of your own is fitted whole
   * ({@link PathSettings#maxFeatures}). Default: no limit.
   */
  public B maxFeatures(int limit) {
    maxFeatures = java.util.OptionalInt.of(limit);
    return self();
  }

  /**
   * glmnet's {@code pmax}: the path ends before the first λ whose fit brings more than
   * {@code limit} ≥ 0 features into the active set along the path (features ever nonzero at a
   * coordinate update, counted even when they return to 0), for every λ sequence, your own
   * too; refused when the first λ already exceeds it ({@link PathSettings#maxEverActive}).
   * Default: no limit.
   */
  public B maxEverActive(int limit) {
    maxEverActive = java.util.OptionalInt.of(limit);
    return self();
  }

  /** These settings set to {@code from}'s (arrays copied): a {@code toBuilder()}'s start. */
  B copySettings(LinearBuilder<?> from) {
    l1Ratio = from.l1Ratio;
    numLambdas = from.numLambdas;
    lambdaMinRatio = from.lambdaMinRatio;
    lambdas = from.lambdas.clone();
    standardize = from.standardize;
    tolerance = from.tolerance;
    maxIterations = from.maxIterations;
    penaltyFactors = from.penaltyFactors.clone();
    intercept = from.intercept;
    lowerLimits = from.lowerLimits.clone();
    upperLimits = from.upperLimits.clone();
    multinomialPenalty = from.multinomialPenalty;
    maxFeatures = from.maxFeatures;
    maxEverActive = from.maxEverActive;
    weightColumn = from.weightColumn;
    offsetColumn = from.offsetColumn;
    adaptive = from.adaptive;
    return self();
  }

  PathSettings pathSettings() {
    PathSettings.Builder b = PathSettings.builder().l1Ratio(l1Ratio).numLambdas(numLambdas)
        .lambdas(lambdas).standardize(standardize).tolerance(tolerance)
        .maxIterations(maxIterations).penaltyFactors(penaltyFactors).intercept(intercept)
        .lowerLimits(lowerLimits).upperLimits(upperLimits).multinomialPenalty(multinomialPenalty);
    if (lambdaMinRatio.isPresent()) {
      b.lambdaMinRatio(lambdaMinRatio.getAsDouble());
    }
    maxFeatures.ifPresent(b::maxFeatures);
    maxEverActive.ifPresent(b::maxEverActive);
    return b.build();
  }
}
