package dev.tikhonov.linear;

import dev.tikhonov.internal.data.DeepCopy;
import dev.tikhonov.internal.data.Indices;
import dev.tikhonov.loss.Family;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A fitted regularization path (what {@link ElasticNetPath#fit} returns): for each λ, the
 * intercepts and coefficients minimizing docs/objective.md's objective
 *
 * <pre>  (1/n) Σᵢ ℓ(yᵢ, ηᵢ) + λ Σⱼ vⱼ Σₖ [(1−α)/2 bₖⱼ² + α|bₖⱼ|],   ηₖ = a₀ₖ + x·bₖ</pre>
 *
 * (glmnet's with {@code standardize = FALSE}), or, for a multinomial path whose
 * {@link #multinomialPenalty()} is {@link MultinomialPenalty#GROUPED}, with each feature's K
 * class coefficients bⱼ = (b₁ⱼ … b_Kⱼ) penalized as one group,
 *
 * <pre>  (1/n) Σᵢ ℓ(yᵢ, ηᵢ) + λ Σⱼ vⱼ [(1−α)/2 ‖bⱼ‖₂² + α‖bⱼ‖₂]</pre>
 *
 * (glmnet's {@code type.multinomial = "grouped"}), and how well each is certified. The penalty
 * acts on b̃ⱼ = sⱼbⱼ, the coefficients of the standardized features, when the fit
 * standardized (sⱼ the feature's standard deviation, else 1). Coefficients are
 * always on the original scale of the features, whatever standardization the fit used inside.
 * K = 1 for gaussian and binomial (η the log-odds of class index 1), K = the number of classes
 * for multinomial; for poisson K = 1 and η = log μ. Immutable: arrays copied in and out;
 * thread-safe. The accessors of the arrays return new arrays (a deep copy: O(m·K·p) for the
 * coefficients), so a loop over λ reads through the index accessors instead
 * ({@link #lambda(int)}, {@link #intercept(int, int)}, {@link #coefficient(int, int, int)},
 * {@link #coefficients(int)} for one λ's [K][p], {@link #devianceRatio(int)},
 * {@link #degreesOfFreedom(int)}, {@link #converged(int)}, {@link #passes(int)},
 * {@link #certificate(int)}), which name an index out of range.
 *
 * @param family the loss ℓ
 * @param l1Ratio α
 * @param multinomialPenalty how the penalty took each feature's class coefficients:
 *     {@link MultinomialPenalty#GROUPED} for a multinomial path fitted with the grouped penalty,
 *     {@link MultinomialPenalty#UNGROUPED} for every other path (what a model built from the
 *     path reports as its penalty)
 * @param lambdas the λ values, decreasing
 * @param intercepts a₀, [λ index][K]
 * @param coefficients b, [λ index][K][p]
 * @param degreesOfFreedom nonzero coefficients at each λ (for multinomial, features with a
 *     nonzero coefficient in any class)
 * @param devianceRatio fraction of the null deviance explained, 1 − dev/dev₀, per λ
 * @param nullDeviance dev₀, the mean deviance of the intercept-only model: (1/n)Σ(yᵢ − ȳ)² for
 *     gaussian, −(2/n)·log-likelihood for binomial and multinomial, the mean Poisson deviance
 *     of the intercept-only fit for poisson
 * @param tolerance the certificate tolerance the path was fitted to
 * @param converged per λ: the certificate is at most the tolerance
 * @param passes per λ: coordinate passes over the data spent on it
 * @param certificate per λ: the relative duality gap (gaussian) or the scaled KKT residual
 *     (binomial, multinomial) of the returned solution, NaN where not computed (interpolated
 *     points); see docs/linear.md, "Convergence"
 * @param featureNames p names
 * @param classNames K names (binomial: the two classes); empty for gaussian
 * @param end why the path ended where it did
 */
public record PathSolution(
    Family family,
    double l1Ratio,
    MultinomialPenalty multinomialPenalty,
    double[] lambdas,
    double[][] intercepts,
    double[][][] coefficients,
    int[] degreesOfFreedom,
    double[] devianceRatio,
    double nullDeviance,
    double tolerance,
    boolean[] converged,
    int[] passes,
    double[] certificate,
    List<String> featureNames,
    List<String> classNames,
    End end) {

  /** cv.glmnet's clamp of predicted probabilities in the deviance. */
  public static final double PROBABILITY_CLAMP = 1e-5;

  /** Why a path has the λ it has. Thread-safe, as enum constants are. */
  public enum Ending {
    /** Every λ of the sequence was fitted. */
    ALL_LAMBDAS,
    /**
     * glmnet's early stop of a default sequence: after at least 5 λ, the deviance ratio grew by
     * less than 1e-5 or exceeded 0.999.
     */
    DEVIANCE_RULE,
    /** Every fitted probability is 0 or 1 (separable data): no curvature is left to fit. */
    NO_WEIGHTS_LEFT,
    /**
     * glmnet's {@code dfmax} ({@link PathSettings#maxFeatures}): from the fifth λ of a default
     * sequence on, the last λ's fit has more features with a nonzero coefficient than allowed.
     */
    FEATURE_LIMIT,
    /**
     * glmnet's {@code pmax} ({@link PathSettings#maxEverActive}): the next λ's fit brought more
     * features into the active set (ever nonzero along the path) than allowed; the path ends
     * before it.
     */
    EVER_ACTIVE_LIMIT,
    /**
     * The budget of coordinate passes ran out while fitting the next λ; as glmnet drops the λ
     * its {@code maxit} interrupts, the path ends with the fits before it.
     */
    ITERATION_LIMIT,
    /**
     * The fit at the next λ was not finite (NaN or infinite deviance or coefficients); the path
     * ends before it. The solvers' step-size control is there to prevent it: a guard, not an
     * expected outcome.
     */
    NOT_FINITE
  }

  /**
   * Why the path ended, with a one-line explanation (for {@link Ending#ITERATION_LIMIT}: which
   * λ, its value, and what to raise) and, for an ending that leaves the path short
   * ({@link Ending#ITERATION_LIMIT}, {@link Ending#NOT_FINITE}), the same as numbers. Immutable,
   * so thread-safe.
   *
   * @param reason why the path ended
   * @param message the library's sentence ({@link Shortfall#message()} when there is a
   *     shortfall)
   * @param shortfall the budget, tolerance and λ of an ending that leaves the path short; empty
   *     for the other endings, and for a path read back from a file that kept only the message
   */
  public record End(Ending reason, String message, Optional<Shortfall> shortfall) {
    public End {
      java.util.Objects.requireNonNull(reason, "reason");
      java.util.Objects.requireNonNull(message, "message");
      java.util.Objects.requireNonNull(shortfall, "shortfall (Optional.empty() for none)");
    }

    /** An ending without a {@link Shortfall}: every ending but a short one, or one read back. */
    public End(Ending reason, String message) {
      this(reason, message, Optional.empty());
    }

    /**
     * The ending at the feature limit ({@link Ending#FEATURE_LIMIT}, glmnet's {@code dfmax}):
     * the default sequence of {@code m} λ stopped after λ #{@code done}, with {@code df} features
     * in the model, more than {@code limit}.
     */
    public static End featureLimit(int done, int m, int df, int limit) {
      return new End(Ending.FEATURE_LIMIT, String.format(java.util.Locale.ROOT, "the limit of %d"
          + " features in the model (glmnet's dfmax) stopped the default sequence after %d of %d"
          + " λ: λ #%d has %d", limit, done, m, done, df));
    }

    /**
     * The ending at the limit on the features ever active ({@link Ending#EVER_ACTIVE_LIMIT},
     * glmnet's {@code pmax}): the fit at λ #{@code done + 1} of {@code m} brought {@code count}
     * features into the active set, more than {@code limit}, so the path ends after λ
     * #{@code done}.
     */
    public static End everActiveLimit(int done, int m, int count, int limit) {
      return new End(Ending.EVER_ACTIVE_LIMIT, String.format(java.util.Locale.ROOT, "the limit"
          + " of %d features ever active along the path (glmnet's pmax) ended it after %d of %d"
          + " λ: the fit at λ #%d brought %d features into the active set", limit, done, m,
          done + 1, count));
    }

    /** The ending of a path cut short by {@code shortfall}, worded by the library. */
    public static End of(Shortfall shortfall) {
      Ending reason = switch (shortfall.kind()) {
        case PASS_BUDGET -> Ending.ITERATION_LIMIT;
        case NOT_FINITE -> Ending.NOT_FINITE;
        case NOT_CERTIFIED -> throw new IllegalArgumentException(
            "λ not certified do not end a path");
      };
      return new End(reason, shortfall.message(), Optional.of(shortfall));
    }
  }

  public PathSolution {
    java.util.Objects.requireNonNull(multinomialPenalty, "multinomialPenalty");
    if (multinomialPenalty == MultinomialPenalty.GROUPED && family != Family.MULTINOMIAL) {
      throw new IllegalArgumentException("a " + family.name().toLowerCase(Locale.ROOT)
          + " path has no grouped penalty: GROUPED is the multinomial family's");
    }
    int m = lambdas.length;
    if (intercepts.length != m || coefficients.length != m || degreesOfFreedom.length != m
        || devianceRatio.length != m || converged.length != m || passes.length != m
        || certificate.length != m) {
      throw new IllegalArgumentException("path arrays must all have one entry per λ");
    }
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
    lambdas = lambdas.clone();
    intercepts = DeepCopy.of(intercepts);
    coefficients = DeepCopy.of(coefficients);
    degreesOfFreedom = degreesOfFreedom.clone();
    devianceRatio = devianceRatio.clone();
    converged = converged.clone();
    passes = passes.clone();
    certificate = certificate.clone();
  }

  /**
   * A path whose penalty took each coefficient on its own ({@link MultinomialPenalty#UNGROUPED}):
   * every family's but a grouped multinomial's, as a path fitted or read elsewhere (Spark fits
   * the ungrouped multinomial only) is.
   */
  public PathSolution(Family family, double l1Ratio, double[] lambdas, double[][] intercepts,
      double[][][] coefficients, int[] degreesOfFreedom, double[] devianceRatio,
      double nullDeviance, double tolerance, boolean[] converged, int[] passes,
      double[] certificate, List<String> featureNames, List<String> classNames, End end) {
    this(family, l1Ratio, MultinomialPenalty.UNGROUPED, lambdas, intercepts, coefficients,
        degreesOfFreedom, devianceRatio, nullDeviance, tolerance, converged, passes,
        certificate, featureNames, classNames, end);
  }

  /** The λ values, decreasing; a new array. */
  @Override
  public double[] lambdas() {
    return lambdas.clone();
  }

  /** a₀, [λ index][K]; new arrays. */
  @Override
  public double[][] intercepts() {
    return DeepCopy.of(intercepts);
  }

  /** b, [λ index][K][p]; new arrays (O(m·K·p): one λ's are {@link #coefficients(int)}). */
  @Override
  public double[][][] coefficients() {
    return DeepCopy.of(coefficients);
  }

  /** Nonzero coefficients (features, for multinomial) at each λ; a new array. */
  @Override
  public int[] degreesOfFreedom() {
    return degreesOfFreedom.clone();
  }

  /** 1 − dev/dev₀ per λ; a new array. */
  @Override
  public double[] devianceRatio() {
    return devianceRatio.clone();
  }

  /** Per λ: the certificate is at most the tolerance; a new array. */
  @Override
  public boolean[] converged() {
    return converged.clone();
  }

  /** Per λ: coordinate passes spent on it; a new array. */
  @Override
  public int[] passes() {
    return passes.clone();
  }

  /** Per λ: the certificate of the returned solution (NaN where not computed); a new array. */
  @Override
  public double[] certificate() {
    return certificate.clone();
  }

  /**
   * K, the coefficient vectors (linear predictors) at each λ: the number of classes for
   * multinomial, 1 for the other families.
   */
  public int numOutputs() {
    if (intercepts.length > 0) {
      return intercepts[0].length;
    }
    return family == Family.MULTINOMIAL ? classNames.size() : 1;
  }

  /** λ at index {@code l} (0-based). */
  public double lambda(int l) {
    return lambdas[lambdaIndex(l)];
  }

  /**
   * a₀ of coefficient vector {@code k} (0-based, below {@link #numOutputs()}) at λ index
   * {@code l}.
   */
  public double intercept(int l, int k) {
    double[] a0 = intercepts[lambdaIndex(l)];
    return a0[index("coefficient vector", k, a0.length, "")];
  }

  /** The K intercepts at λ index {@code l}; a new array. */
  public double[] intercepts(int l) {
    return intercepts[lambdaIndex(l)].clone();
  }

  /** bⱼ of coefficient vector {@code k} for feature {@code j} (0-based) at λ index {@code l}. */
  public double coefficient(int l, int k, int j) {
    double[][] b = coefficients[lambdaIndex(l)];
    double[] bk = b[index("coefficient vector", k, b.length, "")];
    return bk[index("feature", j, bk.length, " features")];
  }

  /** The coefficients at λ index {@code l}, [K][p]; new arrays (O(K·p)). */
  public double[][] coefficients(int l) {
    return DeepCopy.of(coefficients[lambdaIndex(l)]);
  }

  /** The degrees of freedom at λ index {@code l}. */
  public int degreesOfFreedom(int l) {
    return degreesOfFreedom[lambdaIndex(l)];
  }

  /** The deviance ratio at λ index {@code l}. */
  public double devianceRatio(int l) {
    return devianceRatio[lambdaIndex(l)];
  }

  /** Whether the fit at λ index {@code l} is certified to the tolerance. */
  public boolean converged(int l) {
    return converged[lambdaIndex(l)];
  }

  /** The coordinate passes spent at λ index {@code l}. */
  public int passes(int l) {
    return passes[lambdaIndex(l)];
  }

  /** The certificate at λ index {@code l} (NaN where not computed). */
  public double certificate(int l) {
    return certificate[lambdaIndex(l)];
  }

  private int lambdaIndex(int l) {
    return index("λ", l, lambdas.length, " λ");
  }

  /** {@code i} when in 0..size − 1, else an exception naming it and the range. */
  private static int index(String what, int i, int size, String unit) {
    return Indices.checked(i, size, what, unit.strip());
  }

  /**
   * "PathSolution[gaussian, α = 1, 67 λ from 4.056 to 0.007963, 10 features, deviance ratio
   * up to 0.5182; end: DEVIANCE_RULE]", with "grouped" after α for a grouped multinomial path,
   * the classes of a classification path and the λ not certified when there are any: what a
   * user printing a path looks for, instead of a record's "[D@1b6d3586" for each array.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("PathSolution[")
        .append(family.name().toLowerCase(java.util.Locale.ROOT))
        .append(", α = ")
        .append(java.math.BigDecimal.valueOf(l1Ratio).stripTrailingZeros().toPlainString())
        .append(multinomialPenalty == MultinomialPenalty.GROUPED ? ", grouped" : "")
        .append(", ");
    if (lambdas.length == 0) {
      out.append("no λ");
    } else {
      out.append(String.format(java.util.Locale.ROOT, "%d λ from %.4g to %.4g", lambdas.length,
          lambdas[0], lambdas[lambdas.length - 1]));
    }
    out.append(", ").append(numFeatures()).append(" features");
    if (!classNames.isEmpty()) {
      out.append(", ").append(classNames.size()).append(" classes");
    }
    if (devianceRatio.length > 0) {
      double best = Double.NEGATIVE_INFINITY;
      for (double d : devianceRatio) {
        best = Math.max(best, d);
      }
      out.append(String.format(java.util.Locale.ROOT, ", deviance ratio up to %.4g", best));
    }
    int uncertified = 0;
    for (boolean c : converged) {
      uncertified += c ? 0 : 1;
    }
    if (uncertified > 0) {
      out.append(", ").append(uncertified).append(" λ not certified");
    }
    return out.append("; end: ").append(end.reason()).append(']').toString();
  }

  /**
   * True when {@code index} is the last (smallest) λ of a path that fitted every λ of its
   * sequence ({@link Ending#ALL_LAMBDAS}): a cross-validation minimum there is the sequence's
   * edge rather than the curve's, and a smaller λ may do better. False for a path cut short (by
   * glmnet's deviance rule: below its end the fit no longer changes), and at λ = 0, below which
   * there is no λ (the warning advised smaller values in --lambdas, which refuses them).
   */
  public boolean lastOfFullSequence(int index) {
    return index == lambdas.length - 1 && end.reason() == Ending.ALL_LAMBDAS
        && lambdas[index] > 0;
  }

  /** Number of λ values. */
  public int size() {
    return lambdas.length;
  }

  /** Number of features p. */
  public int numFeatures() {
    return featureNames.size();
  }

  /**
   * True when every λ is certified to the tolerance and the path did not end short of its
   * sequence for want of passes or on a fit that was not finite.
   */
  public boolean allConverged() {
    for (boolean c : converged) {
      if (!c) {
        return false;
      }
    }
    return end.reason() != Ending.ITERATION_LIMIT && end.reason() != Ending.NOT_FINITE;
  }

  /**
   * What a caller should hear about, in the library's words ({@link Shortfall#message()}): the
   * iteration limit that ended the path before a λ, or λ whose certificate stayed above the
   * tolerance (a tolerance below what double precision reaches on the problem). Empty when
   * {@link #allConverged()}.
   */
  public Optional<String> warning() {
    if (end.reason() == Ending.ITERATION_LIMIT || end.reason() == Ending.NOT_FINITE) {
      return Optional.of(end.message());
    }
    return shortfall().map(Shortfall::message);
  }

  /**
   * {@link #warning()} as numbers, for a caller that words its own remedy: the end's
   * {@link End#shortfall} when the path was cut short, else the λ not certified (how many, the
   * worst); empty when {@link #allConverged()}, and for a short path read back from a file that
   * kept only its end's message ({@link #warning()} still has it).
   */
  public Optional<Shortfall> shortfall() {
    if (end.reason() == Ending.ITERATION_LIMIT || end.reason() == Ending.NOT_FINITE) {
      return end.shortfall();
    }
    int count = 0;
    int worst = -1;
    for (int l = 0; l < size(); l++) {
      if (!converged[l]) {
        count++;
        if (worst < 0 || certificate[l] > certificate[worst]) {
          worst = l;
        }
      }
    }
    if (count == 0) {
      return Optional.empty();
    }
    return Optional.of(Shortfall.notCertified(count, size(), worst + 1, lambdas[worst],
        certificate[worst], tolerance));
  }

  /** η = a₀ + x·b at λ index {@code l}, for the rows of {@code x} (n×p): n×K. */
  public double[][] linearPredictor(double[][] x, int l) {
    int k = intercepts[l].length;
    double[][] eta = new double[x.length][k];
    for (int i = 0; i < x.length; i++) {
      for (int c = 0; c < k; c++) {
        eta[i][c] = linearPredictor(x[i], l, c);
      }
    }
    return eta;
  }

  /** a₀ + x·b of coefficient vector {@code k} at λ index {@code l} for one row. */
  public double linearPredictor(double[] row, int l, int k) {
    double s = intercepts[l][k];
    double[] b = coefficients[l][k];
    for (int j = 0; j < b.length; j++) {
      s += row[j] * b[j];
    }
    return s;
  }

  /**
   * {@link #linearPredictor(double[], int, int)} of a sparse row: its entries are
   * {@code values[t]} at the 0-based {@code columns[t]} for {@code from ≤ t < to}, every other
   * feature 0; O(entries).
   */
  public double linearPredictor(int[] columns, double[] values, int from, int to, int l,
      int k) {
    double s = intercepts[l][k];
    double[] b = coefficients[l][k];
    for (int t = from; t < to; t++) {
      s += values[t] * b[columns[t]];
    }
    return s;
  }

  /**
   * Class probabilities at λ index {@code l} for the rows of {@code x}: n×K' with K' the number
   * of classes (two columns, P(class 0) and P(class 1), for a binomial path).
   *
   * @throws IllegalArgumentException for a gaussian or poisson path
   */
  public double[][] probabilities(double[][] x, int l) {
    if (family == Family.GAUSSIAN || family == Family.POISSON) {
      throw new IllegalArgumentException("a " + family.name().toLowerCase(Locale.ROOT)
          + " path has no class probabilities");
    }
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = probabilities(x[i], l);
    }
    return out;
  }

  /**
   * The fitted mean at λ index {@code l} for the rows of x: η for gaussian, μ = e^η for
   * poisson.
   *
   * @throws IllegalArgumentException for a binomial or multinomial path (use
   *     {@link #probabilities})
   */
  public double[] means(double[][] x, int l) {
    if (family != Family.GAUSSIAN && family != Family.POISSON) {
      throw new IllegalArgumentException("a " + family.name().toLowerCase(Locale.ROOT)
          + " path predicts class probabilities, not a mean");
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double e = linearPredictor(x[i], l, 0);
      out[i] = family == Family.POISSON ? Math.exp(e) : e;
    }
    return out;
  }

  /** η of one row at λ index l for vector k. */
  private interface Row {
    double linearPredictor(int l, int k);
  }

  private double[] probabilities(double[] row, int l) {
    return probabilities((at, k) -> linearPredictor(row, at, k), l);
  }

  private double[] probabilities(Row row, int l) {
    if (family == Family.BINOMIAL) {
      double e = row.linearPredictor(l, 0);
      // σ(η) and 1 − σ(η) = σ(−η), each computed without overflow.
      double p1 = e >= 0 ? 1 / (1 + Math.exp(-e)) : Math.exp(e) / (1 + Math.exp(e));
      double p0 = e >= 0 ? Math.exp(-e) / (1 + Math.exp(-e)) : 1 / (1 + Math.exp(e));
      return new double[] {p0, p1};
    }
    int k = intercepts[l].length;
    double[] pr = new double[k];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      pr[c] = row.linearPredictor(l, c);
      max = Math.max(max, pr[c]);
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      pr[c] = Math.exp(pr[c] - max);
      sum += pr[c];
    }
    for (int c = 0; c < k; c++) {
      pr[c] /= sum;
    }
    return pr;
  }

  /**
   * The held-out loss of one row at λ index {@code l}, cv.glmnet's
   * {@code type.measure = "deviance"}: (y − η)² for gaussian, 2[y log(y/μ) − (y − μ)] for
   * poisson (μ = e^η, 0·log 0 = 0), −2·log p̂(y) for binomial and multinomial with p̂ first
   * clamped to [10⁻⁵, 1 − 10⁻⁵] as cv.glmnet does, so one confident mistake cannot dominate.
   *
   * @param target y (gaussian, poisson) or the class index 0..K−1 as a double
   */
  public double deviance(double[] row, double target, int l) {
    return deviance((at, k) -> linearPredictor(row, at, k), target, l);
  }

  /**
   * {@link #deviance(double[], double, int)} of a sparse row: its entries are
   * {@code values[t]} at the 0-based {@code columns[t]} for {@code from ≤ t < to}, every other
   * feature 0; O(entries) per class.
   */
  public double deviance(int[] columns, double[] values, int from, int to, double target,
      int l) {
    return deviance((at, k) -> linearPredictor(columns, values, from, to, at, k), target, l);
  }

  private double deviance(Row row, double target, int l) {
    if (family == Family.GAUSSIAN) {
      double e = target - row.linearPredictor(l, 0);
      return e * e;
    }
    if (family == Family.POISSON) {
      return poissonDeviance(target, row.linearPredictor(l, 0));
    }
    double p = probabilities(row, l)[(int) target];
    p = Math.min(Math.max(p, PROBABILITY_CLAMP), 1 - PROBABILITY_CLAMP);
    return -2 * Math.log(p);
  }

  /**
   * {@link #deviance(double[], double, int)} of a row with an offset oᵢ added to its linear
   * predictor (η = oᵢ + a₀ + x·b), as a model fitted with offsets predicts (cv.glmnet's
   * {@code newoffset}).
   */
  public double deviance(double[] row, double target, int l, double offset) {
    if (offset == 0) {
      return deviance(row, target, l);
    }
    if (family == Family.MULTINOMIAL) {
      throw new IllegalArgumentException("a multinomial path takes no offset");
    }
    double eta = offset + linearPredictor(row, l, 0);
    if (family == Family.GAUSSIAN) {
      double e = target - eta;
      return e * e;
    }
    if (family == Family.POISSON) {
      return poissonDeviance(target, eta);
    }
    double p = target == 1 ? (eta >= 0 ? 1 / (1 + Math.exp(-eta))
        : Math.exp(eta) / (1 + Math.exp(eta)))
        : (eta >= 0 ? Math.exp(-eta) / (1 + Math.exp(-eta)) : 1 / (1 + Math.exp(eta)));
    p = Math.min(Math.max(p, PROBABILITY_CLAMP), 1 - PROBABILITY_CLAMP);
    return -2 * Math.log(p);
  }

  /**
   * The degrees of freedom of one λ's coefficients [class][feature]: the features with a
   * nonzero coefficient in any class (glmnet's {@code df}; one class for gaussian, binomial and
   * Poisson), as {@link #degreesOfFreedom()} counts them along a path.
   */
  public static int nonzeroFeatures(double[][] classCoefficients) {
    int df = 0;
    for (int j = 0; j < classCoefficients[0].length; j++) {
      for (double[] bc : classCoefficients) {
        if (bc[j] != 0) {
          df++;
          break;
        }
      }
    }
    return df;
  }

  /** 2[y log(y/μ) − (y − μ)] with μ = e^η (0·log 0 = 0): one count's Poisson deviance. */
  public static double poissonDeviance(double y, double eta) {
    double mu = Math.exp(eta);
    return 2 * ((y > 0 ? y * (Math.log(y) - eta) : 0) - (y - mu));
  }

  /** The mean of {@link #deviance} over the rows of x (MSE for gaussian). */
  public double meanDeviance(double[][] x, double[] y, int l) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " rows but " + y.length + " targets");
    }
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += deviance(x[i], y[i], l);
    }
    return sum / x.length;
  }

  /**
   * The path at other λ values {@code s}, by glmnet's {@code predict(fit, s = ...)} rule:
   * intercepts and coefficients interpolated linearly in λ between the two neighbouring λ of
   * this path, and clamped to the first (last) solution for s above (below) the path's range.
   * Degrees of freedom count the interpolated nonzeros; the deviance ratio is interpolated the
   * same way; an interpolated point is converged when both neighbours are, spent no passes, and
   * has no certificate (NaN: it is not a solution).
   */
  public PathSolution interpolate(double[] s) {
    int m = s.length;
    int last = lambdas.length - 1;
    double[][] a0 = new double[m][];
    double[][][] b = new double[m][][];
    int[] nonzero = new int[m];
    double[] ratio = new double[m];
    boolean[] ok = new boolean[m];
    double[] none = new double[m];
    for (int t = 0; t < m; t++) {
      int left;
      int right;
      double frac;
      if (last == 0 || s[t] >= lambdas[0]) {
        left = right = 0;
        frac = 1;
      } else if (s[t] <= lambdas[last]) {
        left = right = last;
        frac = 1;
      } else {
        right = 1;
        while (lambdas[right] > s[t]) {
          right++;
        }
        left = right - 1;
        double width = lambdas[left] - lambdas[right];
        frac = width > 0 ? (s[t] - lambdas[right]) / width : 1;
      }
      int k = intercepts[left].length;
      a0[t] = new double[k];
      b[t] = new double[k][];
      Set<Integer> used = new HashSet<>();
      for (int c = 0; c < k; c++) {
        a0[t][c] = frac * intercepts[left][c] + (1 - frac) * intercepts[right][c];
        double[] bl = coefficients[left][c];
        double[] br = coefficients[right][c];
        b[t][c] = new double[bl.length];
        for (int j = 0; j < bl.length; j++) {
          b[t][c][j] = frac * bl[j] + (1 - frac) * br[j];
          if (b[t][c][j] != 0) {
            used.add(j);
          }
        }
      }
      nonzero[t] = used.size();
      ratio[t] = frac * devianceRatio[left] + (1 - frac) * devianceRatio[right];
      ok[t] = converged[left] && converged[right];
      none[t] = Double.NaN;
    }
    return new PathSolution(family, l1Ratio, multinomialPenalty, s.clone(), a0, b, nonzero,
        ratio, nullDeviance, tolerance, ok, new int[m], none, featureNames, classNames, end);
  }
}
