package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Settings of a regularization path fit ({@link ElasticNetPath}), glmnet's arguments under the
 * project's names. The objective at each λ is docs/objective.md's
 * {@code (1/n) Σ ℓ(yᵢ, a₀ + xᵢ·b) + λ Σⱼ vⱼ [(1−α)/2 bⱼ² + α|bⱼ|]}, which is glmnet's with
 * {@code standardize = FALSE} (and with y of unit variance for the gaussian ridge part; see
 * docs/linear.md). Build with {@link #of}, {@link #builder()} or the {@code withX} methods
 * (each setting's meaning is on its accessor); immutable and thread-safe (the arrays are copied
 * in and out).
 */
public final class PathSettings {
  private final double l1Ratio;
  private final int numLambdas;
  private final OptionalDouble lambdaMinRatio;
  private final double[] lambdas;
  private final boolean standardize;
  private final double tolerance;
  private final int maxIterations;
  private final double[] penaltyFactors;
  private final boolean intercept;
  private final double[] lowerLimits;
  private final double[] upperLimits;
  private final MultinomialPenalty multinomialPenalty;
  private final OptionalInt maxFeatures;
  private final OptionalInt maxEverActive;

  /**
   * The default certificate tolerance. Chosen on the peers' n = 10,000, p = 1,000 lasso
   * (docs/performance.md): the default path's coefficients are as close to the exact solution
   * as glmnet's at its own default ({@code thresh = 1e-7}).
   */
  public static final double DEFAULT_TOLERANCE = 1e-3;

  /** glmnet's {@code maxit} default. */
  public static final int DEFAULT_MAX_ITERATIONS = 100_000;

  /** The longest default sequence: far more λ than any path needs, and bounded memory. */
  public static final int MAX_NUM_LAMBDAS = 100_000;

  /** glmnet's {@code nlambda} default. */
  public static final int DEFAULT_NUM_LAMBDAS = 100;

  /** Validates every setting; the message names it. */
  private PathSettings(
      double l1Ratio,
      int numLambdas,
      OptionalDouble lambdaMinRatio,
      double[] lambdas,
      boolean standardize,
      double tolerance,
      int maxIterations,
      double[] penaltyFactors,
      boolean intercept,
      double[] lowerLimits,
      double[] upperLimits,
      MultinomialPenalty multinomialPenalty,
      OptionalInt maxFeatures,
      OptionalInt maxEverActive) {
    Objects.requireNonNull(multinomialPenalty, "multinomialPenalty");
    Objects.requireNonNull(maxFeatures, "maxFeatures (use OptionalInt.empty())");
    Objects.requireNonNull(maxEverActive, "maxEverActive (use OptionalInt.empty())");
    if (maxFeatures.isPresent() && maxFeatures.getAsInt() < 0) {
      throw InputException.about("maxFeatures", " must be at least 0, got "
          + maxFeatures.getAsInt());
    }
    if (maxEverActive.isPresent() && maxEverActive.getAsInt() < 0) {
      throw InputException.about("maxEverActive", " must be at least 0, got "
          + maxEverActive.getAsInt());
    }
    if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
      throw new InputException("l1Ratio (α) must be in [0, 1], got " + l1Ratio);
    }
    if (numLambdas < 1 || numLambdas > MAX_NUM_LAMBDAS) {
      throw InputException.about("numLambdas", " must be in 1.." + MAX_NUM_LAMBDAS + ", got "
          + numLambdas);
    }
    Objects.requireNonNull(lambdaMinRatio, "lambdaMinRatio (use OptionalDouble.empty())");
    if (lambdaMinRatio.isPresent()
        && !(lambdaMinRatio.getAsDouble() > 0 && lambdaMinRatio.getAsDouble() < 1)) {
      throw new InputException("lambdaMinRatio must be in (0, 1), got "
          + lambdaMinRatio.getAsDouble());
    }
    lambdas = lambdas.clone();
    for (double l : lambdas) {
      if (!(l >= 0) || Double.isInfinite(l)) {
        throw new InputException("lambdas: every λ must be finite and ≥ 0, got " + l);
      }
    }
    // A λ twice would be fitted twice and be two rows of the path, CV curve and criteria, with
    // λ_min or an interpolation between them ambiguous (LambdaGrid refuses it for networks too).
    dev.tikhonov.internal.data.Repeats.first(lambdas).ifPresent(twice -> {
      throw new InputException("lambdas must be distinct; " + twice);
    });
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new InputException("tolerance must be positive and finite, got " + tolerance);
    }
    if (maxIterations < 1) {
      throw new InputException("maxIterations must be at least 1, got " + maxIterations);
    }
    penaltyFactors = penaltyFactors.clone();
    double sum = 0;
    for (double v : penaltyFactors) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw InputException.about("penaltyFactors", " must be finite and ≥ 0, got " + v);
      }
      sum += v;
    }
    if (penaltyFactors.length > 0 && sum == 0) {
      throw InputException.about("penaltyFactors", " are all zero: nothing is penalized");
    }
    lowerLimits = lowerLimits.clone();
    upperLimits = upperLimits.clone();
    checkLimits(lowerLimits, upperLimits);
    this.l1Ratio = l1Ratio;
    this.numLambdas = numLambdas;
    this.lambdaMinRatio = lambdaMinRatio;
    this.lambdas = lambdas;
    this.standardize = standardize;
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
    this.penaltyFactors = penaltyFactors;
    this.intercept = intercept;
    this.lowerLimits = lowerLimits;
    this.upperLimits = upperLimits;
    this.multinomialPenalty = multinomialPenalty;
    this.maxFeatures = maxFeatures;
    this.maxEverActive = maxEverActive;
  }

  /**
   * lⱼ ≤ uⱼ where both are given for feature j (lengths equal, or one of them a single value),
   * then lⱼ ≤ 0 and uⱼ ≥ 0 (glmnet's rule: b = 0 must be feasible), none NaN. Features are
   * named 1-based; a single value applies to every feature.
   */
  private static void checkLimits(double[] lower, double[] upper) {
    int p = Math.max(lower.length, upper.length);
    boolean paired = lower.length > 0 && upper.length > 0
        && (lower.length == upper.length || lower.length == 1 || upper.length == 1);
    for (int j = 0; j < p && paired; j++) {
      double l = lower[lower.length == 1 ? 0 : j];
      double u = upper[upper.length == 1 ? 0 : j];
      if (l > u) {
        throw InputException.about("lowerLimits", ": " + feature(lower.length, upper.length, j)
            + " has lower limit " + l + " above its upper limit " + u);
      }
    }
    for (int j = 0; j < lower.length; j++) {
      if (!(lower[j] <= 0)) {
        throw InputException.about("lowerLimits", ": " + feature(lower.length, lower.length, j)
            + " has lower limit " + lower[j] + "; a lower limit must be ≤ 0 (0 must be"
            + " feasible, as glmnet requires)");
      }
    }
    for (int j = 0; j < upper.length; j++) {
      if (!(upper[j] >= 0)) {
        throw InputException.about("upperLimits", ": " + feature(upper.length, upper.length, j)
            + " has upper limit " + upper[j] + "; an upper limit must be ≥ 0 (0 must be"
            + " feasible, as glmnet requires)");
      }
    }
  }

  private static String feature(int length, int otherLength, int j) {
    return length == 1 && otherLength <= 1 ? "every feature" : "feature " + (j + 1);
  }

  /** glmnet's defaults for the given α: 100 λ, default ratio, standardized, intercept. */
  public static PathSettings of(double l1Ratio) {
    return new PathSettings(l1Ratio, DEFAULT_NUM_LAMBDAS, OptionalDouble.empty(), new double[0],
        true, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, new double[0], true, new double[0],
        new double[0], MultinomialPenalty.UNGROUPED, OptionalInt.empty(), OptionalInt.empty());
  }

  /** The lasso (α = 1) with glmnet's defaults. */
  public static PathSettings lasso() {
    return of(1.0);
  }

  /** α ∈ [0, 1], the L1 share of the penalty: 1 is the lasso, 0 ridge. */
  public double l1Ratio() {
    return l1Ratio;
  }

  /**
   * Number of λ values of the default sequence (ignored when {@code lambdas} is given); default
   * 100.
   */
  public int numLambdas() {
    return numLambdas;
  }

  /**
   * Smallest λ of the default sequence as a fraction of λ_max; empty means glmnet's default
   * (1e-4 when n ≥ p, else 1e-2); values below 1e-6 are raised to 1e-6 as glmnet does.
   */
  public OptionalDouble lambdaMinRatio() {
    return lambdaMinRatio;
  }

  /**
   * Fit on features scaled to unit variance (1/n), report coefficients on the original scale
   * (glmnet's {@code standardize = TRUE}); the penalty then applies to the standardized
   * coefficients; default true.
   */
  public boolean standardize() {
    return standardize;
  }

  /**
   * What every λ of the path is certified to: the relative duality gap (gaussian) or the scaled
   * KKT residual (binomial, multinomial) of the returned solution is at most this
   * (docs/linear.md, "Convergence"); default {@link #DEFAULT_TOLERANCE}.
   */
  public double tolerance() {
    return tolerance;
  }

  /**
   * The budget of coordinate passes over the data, summed over the whole path (glmnet's {@code
   * maxit}); when it runs out during a λ, the path ends with the fits before it, as glmnet drops
   * the λ its maxit interrupts (during the first λ: an {@code InputException}); default 100000.
   */
  public int maxIterations() {
    return maxIterations;
  }

  /**
   * Fit an unpenalized intercept a₀ (otherwise a₀ = 0, nothing is centered and the null model
   * is η = offset, glmnet's {@code intercept = FALSE}; every family); default true.
   */
  public boolean intercept() {
    return intercept;
  }

  /** A builder starting from {@link #lasso()}'s values. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A λ sequence of your own, each finite and ≥ 0 (0 the unpenalized fit), no value twice, in
   * any order: sorted decreasingly before the fit, as glmnet sorts a user {@code lambda} (never
   * stopped early), or empty for the default geometric sequence from λ_max (a copy).
   */
  public double[] lambdas() {
    return lambdas.clone();
  }

  /**
   * vⱼ ≥ 0 per feature (0 = unpenalized), rescaled to sum to p as glmnet does; empty means all 1
   * (a copy).
   */
  public double[] penaltyFactors() {
    return penaltyFactors.clone();
  }

  /**
   * Box constraints bⱼ ≥ lⱼ on the original scale (glmnet's {@code lower.limits}), each ≤ 0 (−∞
   * allowed): one value for every feature or one per feature; empty means none. With {@code
   * standardize} the fit's limits are sⱼ·lⱼ on the standardized coefficients, as glmnet scales
   * them. E.g. 0 for the non-negative lasso (a copy).
   */
  public double[] lowerLimits() {
    return lowerLimits.clone();
  }

  /**
   * Box constraints bⱼ ≤ uⱼ (glmnet's {@code upper.limits}), each ≥ 0 (+∞ allowed), one value or
   * one per feature; empty means none (a copy).
   */
  public double[] upperLimits() {
    return upperLimits.clone();
  }

  /**
   * How a multinomial path penalizes each feature's K class coefficients: one by one
   * ({@link MultinomialPenalty#UNGROUPED}, the default) or as a group ({@link
   * MultinomialPenalty#GROUPED}, glmnet's {@code type.multinomial = "grouped"}). A path of
   * another family refuses GROUPED; so does a grouped path with limits.
   */
  public MultinomialPenalty multinomialPenalty() {
    return multinomialPenalty;
  }

  /**
   * glmnet's {@code dfmax}: the default sequence ends after the first λ, from the fifth on,
   * whose fit has more than this many features with a nonzero coefficient (in any class); that
   * λ is kept, as glmnet keeps it. Like glmnet's other early stops it applies to the default
   * sequence only: a λ sequence of your own is fitted whole. The folds of a cross-validation
   * fit their own default sequences with the same limit, as cv.glmnet's folds do, and are
   * scored at the full path's λ that remain (with the same-λ alignment, or a sequence of your
   * own, they are fitted whole). Empty (the default) means no limit.
   */
  public OptionalInt maxFeatures() {
    return maxFeatures;
  }

  /**
   * glmnet's {@code pmax}: the path ends before the first λ whose fit brings the number of
   * features ever active along the path above this limit, and returns the λ before it. A
   * feature is active from the first coordinate update that makes one of its coefficients
   * nonzero (in any class) and stays counted, even when its coefficient returns to 0 (glmnet's
   * {@code nin}, the features entered into its active set), so the count can exceed the number
   * of nonzero coefficients of the λ returned ({@link #maxFeatures()} counts those). It applies
   * to every λ sequence, a sequence of your own too, and from the first λ on; when the first λ
   * (where the unpenalized features enter) already exceeds it the fit is refused (glmnet
   * returns an empty model). The folds of a cross-validation fit with the same limit, as
   * cv.glmnet's do. Empty (the default) means no limit.
   */
  public OptionalInt maxEverActive() {
    return maxEverActive;
  }

  /** True when some limit is given (box-constrained fits). */
  public boolean bounded() {
    for (double l : lowerLimits) {
      if (l != Double.NEGATIVE_INFINITY) {
        return true;
      }
    }
    for (double u : upperLimits) {
      if (u != Double.POSITIVE_INFINITY) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when some limit is exactly 0: glmnet then turns its deviance-change stop off
   * ({@code fdev = 0}), and so does the path (docs/linear.md, "Box constraints").
   */
  public boolean zeroLimit() {
    for (double l : lowerLimits) {
      if (l == 0) {
        return true;
      }
    }
    for (double u : upperLimits) {
      if (u == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The lower limits of p features on the original scale (−∞ where none is given).
   *
   * @throws InputException when neither one value nor p values were given
   */
  public double[] lowerLimits(int p) {
    return expand("lowerLimits", lowerLimits, p, Double.NEGATIVE_INFINITY);
  }

  /**
   * The upper limits of p features on the original scale (+∞ where none is given).
   *
   * @throws InputException when neither one value nor p values were given
   */
  public double[] upperLimits(int p) {
    return expand("upperLimits", upperLimits, p, Double.POSITIVE_INFINITY);
  }

  private static double[] expand(String name, double[] given, int p, double none) {
    double[] out = new double[p];
    if (given.length == 0 || given.length == 1) {
      Arrays.fill(out, given.length == 0 ? none : given[0]);
      return out;
    }
    if (given.length != p) {
      throw new InputException(name + ": " + given.length + " values for " + p + " features;"
          + " give one value for every feature or one per feature");
    }
    return given.clone();
  }

  /** True when no λ sequence is given: the path builds glmnet's default one. */
  public boolean defaultSequence() {
    return lambdas.length == 0;
  }

  /** These settings with λ values of your own; no values means the default sequence. */
  public PathSettings withLambdas(double... newLambdas) {
    return toBuilder().lambdas(newLambdas).build();
  }

  /** These settings with {@link #l1Ratio()} replaced (out of range: an InputException). */
  public PathSettings withL1Ratio(double newL1Ratio) {
    return toBuilder().l1Ratio(newL1Ratio).build();
  }

  /** These settings with {@link #numLambdas()} replaced (out of range: an InputException). */
  public PathSettings withNumLambdas(int newNumLambdas) {
    return toBuilder().numLambdas(newNumLambdas).build();
  }

  /** These settings with {@link #lambdaMinRatio()} replaced (out of range: an InputException). */
  public PathSettings withLambdaMinRatio(double ratio) {
    return toBuilder().lambdaMinRatio(ratio).build();
  }

  /** These settings with {@link #standardize()} replaced (out of range: an InputException). */
  public PathSettings withStandardize(boolean newStandardize) {
    return toBuilder().standardize(newStandardize).build();
  }

  /** These settings with {@link #tolerance()} replaced (out of range: an InputException). */
  public PathSettings withTolerance(double newTolerance) {
    return toBuilder().tolerance(newTolerance).build();
  }

  /** These settings with {@link #maxIterations()} replaced (out of range: an InputException). */
  public PathSettings withMaxIterations(int newMaxIterations) {
    return toBuilder().maxIterations(newMaxIterations).build();
  }

  /** These settings with penalty factors vⱼ; no values means all ones. */
  public PathSettings withPenaltyFactors(double... factors) {
    return toBuilder().penaltyFactors(factors).build();
  }

  /** These settings with {@link #intercept()} replaced (out of range: an InputException). */
  public PathSettings withIntercept(boolean newIntercept) {
    return toBuilder().intercept(newIntercept).build();
  }

  /** These settings with lower limits: one value for every feature, or one per feature. */
  public PathSettings withLowerLimits(double... limits) {
    return toBuilder().lowerLimits(limits).build();
  }

  /** These settings with upper limits: one value for every feature, or one per feature. */
  public PathSettings withUpperLimits(double... limits) {
    return toBuilder().upperLimits(limits).build();
  }

  /** These settings with the multinomial family's penalty of a feature's class coefficients. */
  public PathSettings withMultinomialPenalty(MultinomialPenalty penalty) {
    return toBuilder().multinomialPenalty(penalty).build();
  }

  /** These settings with glmnet's {@code dfmax} ({@link #maxFeatures()}). */
  public PathSettings withMaxFeatures(int limit) {
    return toBuilder().maxFeatures(limit).build();
  }

  /** These settings with glmnet's {@code pmax} ({@link #maxEverActive()}). */
  public PathSettings withMaxEverActive(int limit) {
    return toBuilder().maxEverActive(limit).build();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.l1Ratio = l1Ratio;
    b.numLambdas = numLambdas;
    b.lambdaMinRatio = lambdaMinRatio;
    b.lambdas = lambdas;
    b.standardize = standardize;
    b.tolerance = tolerance;
    b.maxIterations = maxIterations;
    b.penaltyFactors = penaltyFactors;
    b.intercept = intercept;
    b.lowerLimits = lowerLimits;
    b.upperLimits = upperLimits;
    b.multinomialPenalty = multinomialPenalty;
    b.maxFeatures = maxFeatures;
    b.maxEverActive = maxEverActive;
    return b;
  }

  /** The λ_min/λ_max ratio used for n rows and p features (glmnet's rule when unset). */
  public double effectiveLambdaMinRatio(int n, int p) {
    double ratio = lambdaMinRatio.orElse(n < p ? 1e-2 : 1e-4);
    return Math.max(ratio, 1e-6);
  }

  /**
   * Penalty factors for p features, rescaled to sum to p (glmnet's convention).
   *
   * @throws InputException when factors were given for another number of features
   */
  public double[] normalizedPenaltyFactors(int p) {
    double[] v = new double[p];
    if (penaltyFactors.length == 0) {
      Arrays.fill(v, 1.0);
      return v;
    }
    if (penaltyFactors.length != p) {
      throw InputException.about("penaltyFactors", ": " + penaltyFactors.length + " values for " + p
          + " features");
    }
    double sum = 0;
    for (double f : penaltyFactors) {
      sum += f;
    }
    for (int j = 0; j < p; j++) {
      v[j] = penaltyFactors[j] * p / sum;
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathSettings c
        && Double.compare(l1Ratio, c.l1Ratio) == 0 && numLambdas == c.numLambdas
        && lambdaMinRatio.equals(c.lambdaMinRatio)
        && Arrays.equals(lambdas, c.lambdas) && standardize == c.standardize
        && Double.compare(tolerance, c.tolerance) == 0 && maxIterations == c.maxIterations
        && Arrays.equals(penaltyFactors, c.penaltyFactors) && intercept == c.intercept
        && Arrays.equals(lowerLimits, c.lowerLimits) && Arrays.equals(upperLimits, c.upperLimits)
        && multinomialPenalty == c.multinomialPenalty && maxFeatures.equals(c.maxFeatures)
        && maxEverActive.equals(c.maxEverActive);
  }

  @Override
  public int hashCode() {
    return Objects.hash(l1Ratio, numLambdas, lambdaMinRatio, Arrays.hashCode(lambdas),
        standardize, tolerance, maxIterations, Arrays.hashCode(penaltyFactors), intercept,
        Arrays.hashCode(lowerLimits), Arrays.hashCode(upperLimits), multinomialPenalty,
        maxFeatures, maxEverActive);
  }

  @Override
  public String toString() {
    return "PathSettings[l1Ratio=" + l1Ratio + ", numLambdas=" + numLambdas
        + ", lambdaMinRatio=" + lambdaMinRatio + ", lambdas=" + Arrays.toString(lambdas)
        + ", standardize=" + standardize + ", tolerance=" + tolerance + ", maxIterations="
        + maxIterations + ", penaltyFactors=" + Arrays.toString(penaltyFactors) + ", intercept="
        + intercept + ", lowerLimits=" + Arrays.toString(lowerLimits) + ", upperLimits="
        + Arrays.toString(upperLimits) + ", multinomialPenalty=" + multinomialPenalty
        + ", maxFeatures=" + maxFeatures + ", maxEverActive=" + maxEverActive + "]";
  }

  /**
   * Named settings, validated by {@link #build()}; starts from the lasso's glmnet defaults. Not
   * thread-safe: build on one thread; the built PathSettings is immutable and thread-safe.
   */
  public static final class Builder {
    private double l1Ratio = 1.0;
    private int numLambdas = DEFAULT_NUM_LAMBDAS;
    private OptionalDouble lambdaMinRatio = OptionalDouble.empty();
    private double[] lambdas = new double[0];
    private boolean standardize = true;
    private double tolerance = DEFAULT_TOLERANCE;
    private int maxIterations = DEFAULT_MAX_ITERATIONS;
    private double[] penaltyFactors = new double[0];
    private boolean intercept = true;
    private double[] lowerLimits = new double[0];
    private double[] upperLimits = new double[0];
    private MultinomialPenalty multinomialPenalty = MultinomialPenalty.UNGROUPED;
    private OptionalInt maxFeatures = OptionalInt.empty();
    private OptionalInt maxEverActive = OptionalInt.empty();

    private Builder() {}

    /** Sets {@link PathSettings#l1Ratio()}; {@link #build()} validates it. */
    public Builder l1Ratio(double value) {
      l1Ratio = value;
      return this;
    }

    /** Sets {@link PathSettings#numLambdas()}; {@link #build()} validates it. */
    public Builder numLambdas(int value) {
      numLambdas = value;
      return this;
    }

    /** Sets {@link PathSettings#lambdaMinRatio()}; {@link #build()} validates it. */
    public Builder lambdaMinRatio(double value) {
      lambdaMinRatio = OptionalDouble.of(value);
      return this;
    }

    /** Back to glmnet's default ratio (1e-4 when n ≥ p, else 1e-2). */
    public Builder defaultLambdaMinRatio() {
      lambdaMinRatio = OptionalDouble.empty();
      return this;
    }

    /** λ values of your own; no values means the default sequence. */
    public Builder lambdas(double... values) {
      lambdas = values.clone();
      return this;
    }

    /** Sets {@link PathSettings#standardize()}; {@link #build()} validates it. */
    public Builder standardize(boolean value) {
      standardize = value;
      return this;
    }

    /** Sets {@link PathSettings#tolerance()}; {@link #build()} validates it. */
    public Builder tolerance(double value) {
      tolerance = value;
      return this;
    }

    /** Sets {@link PathSettings#maxIterations()}; {@link #build()} validates it. */
    public Builder maxIterations(int value) {
      maxIterations = value;
      return this;
    }

    /** Penalty factors vⱼ ≥ 0; no values means all ones. */
    public Builder penaltyFactors(double... values) {
      penaltyFactors = values.clone();
      return this;
    }

    /** Sets {@link PathSettings#intercept()}; {@link #build()} validates it. */
    public Builder intercept(boolean value) {
      intercept = value;
      return this;
    }

    /**
     * Lower limits lⱼ ≤ 0 on the coefficients (original scale): one value for every feature or
     * one per feature; no values means none.
     */
    public Builder lowerLimits(double... values) {
      lowerLimits = values.clone();
      return this;
    }

    /**
     * Upper limits uⱼ ≥ 0 on the coefficients (original scale): one value for every feature or
     * one per feature; no values means none.
     */
    public Builder upperLimits(double... values) {
      upperLimits = values.clone();
      return this;
    }

    /** The multinomial family's penalty of a feature's class coefficients (UNGROUPED). */
    public Builder multinomialPenalty(MultinomialPenalty value) {
      multinomialPenalty = Objects.requireNonNull(value, "multinomialPenalty");
      return this;
    }

    /**
     * glmnet's {@code dfmax}: end the default sequence after the first λ (from the fifth on)
     * with more than {@code limit} ≥ 0 features in the model ({@link PathSettings#maxFeatures}).
     */
    public Builder maxFeatures(int limit) {
      maxFeatures = OptionalInt.of(limit);
      return this;
    }

    /** Back to no limit on the features in the model (the default). */
    public Builder unlimitedFeatures() {
      maxFeatures = OptionalInt.empty();
      return this;
    }

    /**
     * glmnet's {@code pmax}: end the path before the first λ whose fit brings more than
     * {@code limit} ≥ 0 features ever active along the path
     * ({@link PathSettings#maxEverActive}).
     */
    public Builder maxEverActive(int limit) {
      maxEverActive = OptionalInt.of(limit);
      return this;
    }

    /** Back to no limit on the features ever active (the default). */
    public Builder unlimitedEverActive() {
      maxEverActive = OptionalInt.empty();
      return this;
    }

    /** @throws InputException naming the first setting out of range */
    public PathSettings build() {
      return new PathSettings(l1Ratio, numLambdas, lambdaMinRatio, lambdas, standardize,
          tolerance, maxIterations, penaltyFactors, intercept, lowerLimits, upperLimits,
          multinomialPenalty, maxFeatures, maxEverActive);
    }
  }
}
