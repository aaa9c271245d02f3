package dev.tikhonov.estimate;

import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted regularization path, glmnet's {@code glmnet} object: for each λ of a decreasing
 * sequence, the intercepts and coefficients minimizing docs/objective.md's objective
 * {@code (1/n) Σ ℓ(yᵢ, a₀ + xᵢ·b) + λ Σⱼ vⱼ[(1−α)/2 bⱼ² + α|bⱼ|]} (a grouped multinomial path,
 * {@link PathSolution#multinomialPenalty()}: {@code λ Σⱼ vⱼ[(1−α)/2 ‖bⱼ‖₂² + α‖bⱼ‖₂]} over
 * each feature's class coefficients), on the original scale of the
 * features, how many are nonzero, the deviance explained, and how well each λ is certified.
 * {@link #atIndex(int)} and {@link #atLambda(double)} give the model at one λ. The estimators
 * ({@link ElasticNet#path}, {@link ElasticNetCV}) return one; {@link #ofRegression} and
 * {@link #ofClassification} wrap a path fitted elsewhere.
 *
 * <p>Immutable and thread-safe as long as the arrays of {@link #solution()} are not modified:
 * that core result is this path's own, shared for speed (its writers read it λ by λ and pay
 * no copy), and no caller may write into it. Every other accessor returns new arrays.
 *
 * @param <M> the model at one λ: {@link LinearModel} or {@link LinearClassifier}
 */
public final class RegularizationPath<M extends Predictor> {
  private final PathSolution solution;
  private final LinearFit.Kind<M> kind;
  private final double[] factors;
  private final double[] scales;
  private final Provenance provenance;
  private final Optional<String> offsetColumn;
  private final Optional<dev.tikhonov.select.PilotShortfall> adaptivePilot;

  RegularizationPath(PathSolution solution, LinearFit.Kind<M> kind, double[] factors,
      double[] scales, Provenance provenance) {
    this(solution, kind, factors, scales, provenance, Optional.empty(), Optional.empty());
  }

  RegularizationPath(PathSolution solution, LinearFit.Kind<M> kind, double[] factors,
      double[] scales, Provenance provenance, Optional<String> offsetColumn,
      Optional<dev.tikhonov.select.PilotShortfall> adaptivePilot) {
    this.adaptivePilot = adaptivePilot;
    this.offsetColumn = offsetColumn;
    this.solution = solution;
    this.kind = kind;
    this.factors = factors.clone();
    this.scales = scales.clone();
    this.provenance = provenance;
  }

  /**
   * The linear regressions (gaussian or poisson family) of a path fitted outside this package's
   * estimators: by {@link dev.tikhonov.linear.ElasticNetPath} directly, or on a cluster by
   * tikhonov-spark's {@code SparkElasticNetCV} ({@code SparkElasticNetModel.toLinearModel()}
   * goes through here). Each model at one λ is ŷ = a₀ + x·b (poisson: exp(a₀ + x·b)) with the
   * path's numbers, and its penalty, for {@link Predictor#evaluate} and the model file, is
   * {@code λ Σⱼ vⱼ[(1−α)/2 (sⱼbⱼ)² + α|sⱼbⱼ|]} (docs/objective.md's objective on the scale the fit
   * penalized). Nothing is refitted: λ, α, intercepts, coefficients, feature names are the
   * solution's, bit for bit. The penalty arrays are copied; the solution, immutable, is kept as
   * it is (shared, as {@link #solution()} says).
   *
   * @param solution the path, coefficients on the original scale of the features
   * @param penaltyFactors vⱼ per feature as the fit used them, normalized to sum to p
   *     ({@link dev.tikhonov.linear.PathSettings#normalizedPenaltyFactors}; all 1 for none
   *     given); finite and ≥ 0
   * @param penaltyScales sⱼ per feature: the standard deviation the fit standardized the
   *     feature with (divisor n, or W = Σwᵢ with weights wᵢ, as glmnet), 1 without
   *     standardization and for a constant feature; finite and &gt; 0
   * @param provenance what fitted the path; the model at one λ adds {@code lambda} to its
   *     settings
   * @throws IllegalArgumentException for a binomial or multinomial solution (use
   *     {@link #ofClassification}), or factors or scales that are not p finite numbers in range
   */
  public static RegularizationPath<LinearModel> ofRegression(PathSolution solution,
      double[] penaltyFactors, double[] penaltyScales, Provenance provenance) {
    requireFamily(solution, Family.GAUSSIAN, Family.POISSON, "ofClassification");
    requirePenalty(solution, penaltyFactors, penaltyScales);
    return new RegularizationPath<>(solution, LinearFit.Kind.REGRESSION, penaltyFactors,
        penaltyScales, java.util.Objects.requireNonNull(provenance, "provenance"));
  }

  /**
   * The logistic models (binomial or multinomial family) of a path fitted outside this
   * package's estimators, as {@link #ofRegression} does for regressions
   * ({@code SparkElasticNetModel.toLinearClassifier()} goes through here): binomial,
   * p(class 1 | x) = σ(a₀ + x·b); multinomial, p(k | x) = softmax(a₀ₖ + x·bₖ), with the
   * solution's class names; penalty {@code λ Σₖ Σⱼ vⱼ[(1−α)/2 (sⱼbₖⱼ)² + α|sⱼbₖⱼ|]}, or for a
   * solution whose {@link PathSolution#multinomialPenalty()} is {@code GROUPED} the group form
   * {@code λ Σⱼ vⱼ[(1−α)/2 ‖sⱼbⱼ‖₂² + α‖sⱼbⱼ‖₂]} over each feature's K class coefficients: the
   * penalty the path minimized, which the models report
   * ({@link LinearClassifier#multinomialPenalty()}) and save. Arguments as
   * {@link #ofRegression}'s; immutable and thread-safe.
   *
   * @throws IllegalArgumentException for a gaussian or poisson solution (use
   *     {@link #ofRegression}), or factors or scales that are not p finite numbers in range
   */
  public static RegularizationPath<LinearClassifier> ofClassification(PathSolution solution,
      double[] penaltyFactors, double[] penaltyScales, Provenance provenance) {
    requireFamily(solution, Family.BINOMIAL, Family.MULTINOMIAL, "ofRegression");
    requirePenalty(solution, penaltyFactors, penaltyScales);
    return new RegularizationPath<>(solution, LinearFit.Kind.CLASSIFIER, penaltyFactors,
        penaltyScales, java.util.Objects.requireNonNull(provenance, "provenance"));
  }

  private static void requireFamily(PathSolution solution, Family one, Family other,
      String instead) {
    java.util.Objects.requireNonNull(solution, "solution");
    if (solution.family() != one && solution.family() != other) {
      throw new IllegalArgumentException("a " + name(solution.family()) + " path: use "
          + instead + " (this one takes the " + name(one) + " and " + name(other)
          + " families)");
    }
  }

  private static String name(Family family) {
    return family.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** p factors, finite and ≥ 0, and p scales, finite and &gt; 0: what a model file holds. */
  private static void requirePenalty(PathSolution solution, double[] factors,
      double[] scales) {
    java.util.Objects.requireNonNull(factors, "penaltyFactors");
    java.util.Objects.requireNonNull(scales, "penaltyScales");
    int p = solution.featureNames().size();
    if (factors.length != p || scales.length != p) {
      throw new IllegalArgumentException(factors.length + " penalty factors and "
          + scales.length + " penalty scales for a path of " + p + " features");
    }
    for (int j = 0; j < p; j++) {
      if (!(factors[j] >= 0) || Double.isInfinite(factors[j])) {
        throw new IllegalArgumentException("penalty factor " + (j + 1) + " ("
            + solution.featureNames().get(j) + ") is " + factors[j]
            + "; expected a finite number >= 0");
      }
      if (!(scales[j] > 0) || Double.isInfinite(scales[j])) {
        throw new IllegalArgumentException("penalty scale " + (j + 1) + " ("
            + solution.featureNames().get(j) + ") is " + scales[j]
            + "; expected a finite number > 0");
      }
    }
  }

  /** Number of λ on the path. */
  public int size() {
    return solution.size();
  }

  /** The λ values, decreasing. */
  public double[] lambdas() {
    return solution.lambdas();
  }

  /** a₀ per λ, [λ index][K]. */
  public double[][] intercepts() {
    return solution.intercepts();
  }

  /** b per λ, [λ index][K][p], on the original feature scale. */
  public double[][][] coefficients() {
    return solution.coefficients();
  }

  /** Nonzero coefficients per λ (multinomial: features nonzero in any class). */
  public int[] degreesOfFreedom() {
    return solution.degreesOfFreedom();
  }

  /** 1 − deviance/null deviance per λ. */
  public double[] devianceRatio() {
    return solution.devianceRatio();
  }

  /** Per λ: the relative duality gap or scaled KKT residual of the returned solution. */
  public double[] certificate() {
    return solution.certificate();
  }

  /** Per λ: whether the certificate met the tolerance. */
  public boolean[] converged() {
    return solution.converged();
  }

  /** Per λ: coordinate passes over the data. */
  public int[] passes() {
    return solution.passes();
  }

  /** A one-line warning when some λ is not certified or the iteration limit ended the path. */
  public Optional<String> warning() {
    return solution.warning();
  }

  /**
   * {@link #warning()} as numbers ({@link PathSolution#shortfall}), for a caller that words its
   * own remedy.
   */
  public Optional<dev.tikhonov.linear.Shortfall> shortfall() {
    return solution.shortfall();
  }

  /**
   * For an adaptive lasso ({@code adaptive(…)} on the builder): what its pilot's fits did not
   * reach (a pilot path, or a fold of the ridge pilot's cross-validation, that ran out of its
   * budget), which chose the penalty factors; empty when they converged or without an adaptive
   * penalty. The same sentence is in {@link #provenance()}'s settings as
   * {@code adaptive_pilot_warning}.
   */
  public Optional<String> adaptivePilotWarning() {
    return adaptivePilot.map(dev.tikhonov.select.PilotShortfall::message).or(() ->
        Optional.ofNullable(provenance.settings().get("adaptive_pilot_warning"))
            .map(String::valueOf));
  }

  /**
   * {@link #adaptivePilotWarning()} as numbers, for a caller that words its own remedy: empty
   * when the pilot's fits converged, without an adaptive penalty, and for a path built from a
   * provenance that kept only the sentence.
   */
  public Optional<dev.tikhonov.select.PilotShortfall> adaptivePilotShortfall() {
    return adaptivePilot;
  }

  /** The family the path was fitted in: what its models predict and the loss they minimize. */
  public Family family() {
    return solution.family();
  }

  /** α. */
  public double l1Ratio() {
    return solution.l1Ratio();
  }

  /** The features' names, in the coefficients' order (unmodifiable). */
  public List<String> featureNames() {

    return solution.featureNames();
  }

  /** The class names (binomial: two); empty for gaussian. */
  public List<String> classNames() {
    return solution.classNames();
  }

  /**
   * The model at λ index {@code index} (0 = the largest λ). Named apart from
   * {@link #atLambda(double)}: one overloaded {@code at} made {@code at(0)} the first λ and
   * {@code at(0.0)} λ = 0.
   */
  public M atIndex(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("λ index " + index + " of a path of " + size());
    }
    return model(solution, index);
  }

  /**
   * The model at any λ ≥ 0 by glmnet's {@code predict(fit, s = λ)} rule, reporting (in
   * {@code lambda()} and its provenance) the λ that its coefficients belong to:
   *
   * <ul>
   *   <li>λ within the path's range: the coefficients interpolated linearly in λ between the
   *       two neighbouring λ of the path (glmnet's approximation between its grid points; the
   *       solution itself at a λ of the path); the model's λ is the one asked for.
   *   <li>λ below the smallest λ of the path: the model of the smallest λ, whose λ is that
   *       smallest λ, not the one asked for. The path holds no solution below its end (a
   *       default sequence stops at {@code lambdaMinRatio·λ_max}, or earlier by glmnet's
   *       deviance rule).
   *   <li>λ above the largest λ of the path: when every penalized coefficient (penalty factor
   *       vⱼ &gt; 0) is zero there, as at the λ_max that a default sequence starts from (α &gt;
   *       0), that solution solves every larger λ too (for a zero coefficient the optimality
   *       condition |∂ⱼ loss| ≤ λαvⱼ only loosens as λ grows, and the unpenalized ones do not
   *       depend on λ), so the model is the one asked for, λ included. Otherwise (a sequence
   *       of the caller's that starts below λ_max, or α = 0, ridge, whose coefficients reach
   *       zero only as λ → ∞) it is the model of the largest λ, with that λ.
   * </ul>
   *
   * <p>Why the end solution and not a refusal: glmnet's {@code predict} and {@code coef} clamp
   * {@code s} to the path in the same way without a word, and code ported from them asks for
   * {@code s = 0} to get the least penalized fit of the path; refusing would break it, and
   * reporting the λ asked for would state a λ that the coefficients do not solve. Compare the
   * model's λ with the one asked for to know; to solve at a λ outside the path exactly, put it
   * in the sequence ({@code lambdas}) or fit it alone ({@link ElasticNet} with {@code lambda},
   * as scikit-learn's {@code ElasticNet(alpha=…).fit}, which has no interpolation at all).
   */
  public M atLambda(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
    }
    int last = solution.size() - 1;
    if (lambda < solution.lambda(last)
        || (lambda > solution.lambda(0) && !penalizedAllZero(0))) {
      return atIndex(lambda < solution.lambda(last) ? last : 0);
    }
    return model(solution.interpolate(new double[] {lambda}), 0);
  }

  /** Whether every coefficient with a positive penalty factor is zero at λ index l. */
  private boolean penalizedAllZero(int l) {
    for (double[] b : solution.coefficients(l)) {
      for (int j = 0; j < b.length; j++) {
        if (b[j] != 0 && factors[j] > 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The core's result (for writers of path.json and reports): this path's own, immutable (its
   * arrays are copied in and out), so it is shared, not copied; its index accessors
   * ({@link PathSolution#coefficient(int, int, int)}, …) read λ by λ without copying.
   */
  public PathSolution solution() {
    return solution;
  }

  /** The provenance of the path fit (its models add their λ). */
  public Provenance provenance() {
    return provenance;
  }

  private M model(PathSolution s, int l) {
    return kind.create(LinearFit.parameters(s, l, factors, scales, offsetColumn),
        provenance.withSettings(Map.of("lambda", s.lambda(l))));
  }

  /**
   * What a user printing a path looks for, as {@link PathSolution#toString} words it under this
   * type's name: "RegularizationPath[gaussian, α = 1, 86 λ from 45.16 to 0.04516, 10 features,
   * deviance ratio up to 0.5177; end: …]", with how many λ were not certified when any.
   */
  @Override
  public String toString() {
    return "RegularizationPath" + summary(solution);
  }

  /** {@link PathSolution#toString} without its type's name: "[gaussian, α = 1, …]". */
  static String summary(PathSolution solution) {
    String text = solution.toString();
    return text.substring(text.indexOf('['));
  }
}
