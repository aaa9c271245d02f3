package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.AdaptivePenalty;
import dev.tikhonov.select.InformationCriteria;
import dev.tikhonov.select.PilotShortfall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * The elastic net by coordinate descent, glmnet's algorithm: for the gaussian family
 * {@code (1/2n) Σ (yᵢ − a₀ − xᵢ·b)² + λ Σⱼ vⱼ [(1−α)/2 bⱼ² + α|bⱼ|]}, for binomial and
 * multinomial {@code −(1/n) Σ log p(yᵢ|xᵢ)}, for poisson {@code (1/n) Σ (μᵢ − yᵢ log μᵢ)} with
 * {@code μᵢ = exp(a₀ + xᵢ·b)}, plus the same penalty, solved by proximal Newton.
 * λ and α mean what they mean in glmnet (docs/objective.md has the conversion to scikit-learn,
 * glmnet and Spark). Lasso is α = 1, ridge α = 0. Scaling: by default ({@code standardize(true)},
 * glmnet's {@code standardize = TRUE}) the penalty is {@code λ Σⱼ vⱼ [(1−α)/2 (sⱼbⱼ)² + α|sⱼbⱼ|]}
 * with sⱼ feature j's 1/n standard deviation, i.e. it acts on the coefficients of unit-variance
 * features; {@code standardize(false)} sets sⱼ = 1, the objective above exactly. Coefficients
 * and predictions are on the original scale either way.
 *
 * <pre>{@code
 * RegularizationPath<LinearModel> path = ElasticNet.gaussian().l1Ratio(1).build().path(data);
 * LinearModel model = ElasticNet.gaussian().lambda(0.05).build().fit(data);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <M> what a fit gives: {@link LinearModel} (gaussian, poisson) or
 *     {@link LinearClassifier} (binomial, multinomial)
 */
public final class ElasticNet<M extends Predictor> implements Estimator<M> {
  private final Family family;
  private final PathSettings settings;
  private final OptionalDouble lambda;
  private final LinearFit.Kind<M> kind;
  private final Optional<String> weightColumn;
  private final Optional<String> offsetColumn;
  private final Optional<AdaptivePenalty.Settings> adaptive;
  /** The settings as given, for {@link #toBuilder}: a private copy no one changes. */
  private final Builder<M> given;

  private ElasticNet(Family family, PathSettings settings, OptionalDouble lambda,
      LinearFit.Kind<M> kind, Optional<String> weightColumn,
      Optional<String> offsetColumn,
      Optional<AdaptivePenalty.Settings> adaptive,
      Builder<M> given) {
    this.given = given.copy();
    this.adaptive = adaptive;
    this.weightColumn = weightColumn;
    this.offsetColumn = offsetColumn;
    this.family = family;
    this.settings = settings;
    this.lambda = lambda;
    this.kind = kind;
  }

  /** Linear regression with the elastic-net penalty (squared error, glmnet's gaussian). */
  public static Builder<LinearModel> gaussian() {
    return new Builder<>(Family.GAUSSIAN, LinearFit.Kind.REGRESSION);
  }

  /** Two-class logistic regression (η = log-odds of the second class). */
  public static Builder<LinearClassifier> binomial() {
    return new Builder<>(Family.BINOMIAL, LinearFit.Kind.CLASSIFIER);
  }

  /** Softmax regression with one coefficient vector per class (glmnet's multinomial). */
  public static Builder<LinearClassifier> multinomial() {
    return new Builder<>(Family.MULTINOMIAL, LinearFit.Kind.CLASSIFIER);
  }

  /**
   * Poisson regression with the log link for counts (glmnet's {@code family = "poisson"}):
   * ℓ = μ − y·log μ, μ = exp(a₀ + x·b); the model predicts the mean μ.
   */
  public static Builder<LinearModel> poisson() {
    return new Builder<>(Family.POISSON, LinearFit.Kind.REGRESSION);
  }

  /** A builder for a family chosen at run time (as a command line does). */
  public static Builder<? extends Predictor> of(Family family) {
    return switch (family) {
      case GAUSSIAN -> gaussian();
      case BINOMIAL -> binomial();
      case POISSON -> poisson();
      default -> multinomial();
    };
  }

  /**
   * A builder holding this estimator's settings, to build a variant
   * ({@code lasso.toBuilder().l1Ratio(0.5).build()}), as the network estimators' {@code
   * toBuilder()}; this estimator is not changed.
   */
  public Builder<M> toBuilder() {
    return given.copy();
  }

  /** The column of observation weights ({@link LinearBuilder#weightColumn}); empty for none. */
  Optional<String> weightColumn() {
    return weightColumn;
  }

  /** The family the builder was made for ({@link #gaussian()}, {@link #binomial()}, ...). */
  public Family family() {
    return family;
  }

  /** The path settings (α, λ sequence, standardization, tolerance, ...). */
  public PathSettings settings() {
    return settings;
  }

  /** The λ {@link #fit} solves at, when set. */
  public OptionalDouble lambda() {
    return lambda;
  }

  /**
   * The model at the λ set by {@link Builder#lambda}, fitted at that λ itself (not interpolated
   * between the λ of a path) to the builder's {@code tolerance}: the fit's certificate is at
   * most the tolerance, the relative duality gap for gaussian (J(b) − J(b*) ≤ tolerance·dev₀,
   * dev₀ the variance of y) and the scaled KKT residual for the other families
   * ({@link PathSettings#tolerance()}, docs/linear.md "Convergence"). At the default, 1e-3,
   * the coefficients are about as close to the exact minimizer b* as glmnet's at its default
   * {@code thresh = 1e-7}, which is a tolerance-level solution too: the two agree to about 3
   * digits. To compare more digits, tighten both, {@code tolerance(1e-7)} here and glmnet's
   * {@code thresh} (the references of the tests use 1e-14). As glmnet advises, it is reached by warm starts: the path from λ_max down to λ, on the
   * default sequence's spacing, whose last λ is the one asked for (a cold start at a small λ is
   * slower and, for the logistic families, less stable). Without a λ: an
   * {@link InputException}; use {@link #path} or {@link ElasticNetCV}. The model's provenance
   * holds the settings as given plus {@code lambda}, not the internal warm-start sequence.
   */
  @Override
  public M fit(Dataset train) {
    if (lambda.isEmpty()) {
      throw new InputException("ElasticNet.fit needs a λ: set lambda(…) on the builder, or fit "
          + "the whole path with path(…), or let ElasticNetCV choose λ");
    }
    double target = lambda.getAsDouble();
    double lambdaMax = lambdaMax(train);
    double[] sequence = warmStarts(lambdaMax, target, settings.numLambdas(),
        settings.effectiveLambdaMinRatio(train.numRows(), train.numFeatures()));
    // Fitted on the warm-start sequence, recorded with the user's settings (the model adds λ).
    RegularizationPath<M> path = fitPath(train, settings.withLambdas(sequence), settings);
    if (path.size() < sequence.length) {
      throw new InputException("the path to λ = " + target + " ended after λ = "
          + path.lambdas()[path.size() - 1] + ": " + path.solution().end().message());
    }
    return path.atIndex(path.size() - 1);
  }

  /**
   * λ_max of the default sequence on {@code train}, where the warm starts begin, as the path
   * computes it ({@link ElasticNetPath#lambdaMax}; with an adaptive penalty, on the pilot's
   * factors: {@link AdaptivePenalty#lambdaMax}); 0 where no feature with a
   * positive penalty factor varies or is correlated with the target: there the default sequence
   * is refused (it has no start), but a λ given to {@link #fit} is fitted as it is, at once (the
   * model of the unpenalized features and intercepts, as Ridge's).
   */
  private double lambdaMax(Dataset train) {
    LinearFit.requireFamily(family, train, name());
    PathSettings s = settings.withLambdas(new double[0]); // the default sequence's settings
    List<String> classes = LinearFit.classNames(family, train);
    if (train.isSparse()) {
      LinearFit.requireDenseOnlySettingsAbsent(train, weightColumn, offsetColumn, adaptive);
      return ElasticNetPath.lambdaMax(family, train.sparseFeatures().orElseThrow(),
          train.targets(), s, train.featureNames(), classes);
    }
    ObservationColumns.Split split = ObservationColumns.split(train, family, weightColumn,
        offsetColumn);
    if (adaptive.isPresent()) {
      int[] all = IntStream.range(0, split.x().length).toArray();
      AdaptivePenalty.Factors factors =
          AdaptivePenalty.factors(family, split.x(), train.targets(), all,
              split.observations(), s, adaptive.get(), split.featureNames(), classes, 1);
      return AdaptivePenalty.lambdaMax(family, split.x(), train.targets(),
          split.observations(), s, factors, split.featureNames(), classes);
    }
    return ElasticNetPath.lambdaMax(family, split.x(), train.targets(), split.observations(), s,
        split.featureNames(), classes);
  }

  /**
   * λ_max·f^k on the default sequence's ratio f, down to (not including) λ, then λ itself; just
   * λ when λ ≥ λ_max.
   */
  static double[] warmStarts(double lambdaMax, double lambda, int numLambdas, double ratio) {
    if (!(lambda < lambdaMax) || lambda == 0 && numLambdas < 2) {
      return new double[] {lambda};
    }
    double factor = Math.pow(ratio, 1.0 / Math.max(1, numLambdas - 1));
    List<Double> out = new ArrayList<>();
    for (double l = lambdaMax; l > lambda && out.size() < 10 * numLambdas; l *= factor) {
      out.add(l);
    }
    out.add(lambda);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * AIC, BIC and EBIC (γ = 1) along a path this estimator's settings fitted on {@code train}
   * (by {@link #path} or by an {@link ElasticNetCV} with the same settings): the weight and
   * offset columns are taken out of the features as the fit took them, and the criteria use
   * them ({@link InformationCriteria}).
   */
  public InformationCriteria informationCriteria(PathSolution path,
      Dataset train) {
    return criteria(path, train);
  }

  /**
   * AIC, BIC and EBIC (γ = 1) along {@code path}, what {@link #path}{@code (train)} returned:
   * {@link #informationCriteria(PathSolution, Dataset)} of its {@link RegularizationPath#solution
   * solution}. Per λ, AIC = D + 2·df and BIC = D + log(n)·df, with D the training deviance
   * (gaussian: n·log(RSS/n)), n the rows of positive weight and df the nonzero coefficients of
   * a lasso (for α &lt; 1 the active set's trace), as
   * {@link InformationCriteria} defines them; its best indices index the
   * path: {@code path.atIndex(criteria.bestBic())} is
   * the model BIC picks. The result is immutable; this estimator is, so calls may run at once.
   */
  public InformationCriteria informationCriteria(RegularizationPath<M> path,
      Dataset train) {
    return criteria(Objects.requireNonNull(path, "path").solution(), train);
  }

  private InformationCriteria criteria(PathSolution path, Dataset train) {
    ObservationColumns.Split split = ObservationColumns.split(train, family, weightColumn,
        offsetColumn);
    return InformationCriteria.of(path, split.x(), train.targets(),
        split.observations(), settings, InformationCriteria.DEFAULT_GAMMA);
  }

  /**
   * The whole path: the default λ sequence from λ_max down (or the sequence given to
   * {@code lambdas(…)}). The one λ of {@link Builder#lambda} is {@link #fit}'s alone: the path
   * does not stop there ({@code path(train).atLambda(λ)} interpolates at it).
   */
  public RegularizationPath<M> path(Dataset train) {
    return fitPath(train, settings, settings);
  }

  /**
   * The path with the settings {@code s}, its provenance naming the settings {@code recorded}:
   * the user's, where {@code s} is an internal variant of them (fit's warm-start sequence).
   */
  private RegularizationPath<M> fitPath(Dataset train, PathSettings s, PathSettings recorded) {
    LinearFit.requireFamily(family, train, name());
    if (train.isSparse()) {
      return fitSparsePath(train, s, recorded);
    }
    ObservationColumns.Split split = ObservationColumns.split(train, family, weightColumn,
        offsetColumn);
    double[][] x = split.x();
    PathSolution solution;
    double[] factors;
    Map<String, Object> settingsMap = LinearFit.settingsMap(family, recorded);
    Optional<PilotShortfall> pilot = Optional.empty();
    if (adaptive.isPresent()) {
      AdaptivePenalty.Fit a = AdaptivePenalty.fit(family,
          x, train.targets(), split.observations(), s, adaptive.get(), split.featureNames(),
          LinearFit.classNames(family, train), 1);
      solution = a.path();
      factors = a.factors().normalized();
      LinearFit.putAdaptive(settingsMap, adaptive.get(), a.factors());
      pilot = a.factors().pilotShortfall();
    } else {
      solution = ElasticNetPath.fit(family, x, train.targets(), split.observations(), s,
          split.featureNames(), LinearFit.classNames(family, train));
      factors = LinearFit.normalizedFactors(s.penaltyFactors(), x.length == 0 ? 0 : x[0].length);
    }
    weightColumn.ifPresent(c -> settingsMap.put("weight_column", c));
    offsetColumn.ifPresent(c -> settingsMap.put("offset_column", c));
    Provenance provenance = Provenance.of(name(), settingsMap, OptionalLong.empty(), train);
    return new RegularizationPath<>(solution, kind, factors,
        LinearFit.penaltyScales(x, split.observations().weights(), s.standardize()),
        provenance, split.offsetColumn(), pilot);
  }

  /**
   * Sparse data ({@link Dataset#isSparse}) kept sparse: the path on the compressed columns,
   * never densified (docs/linear.md, "Sparse data").
   */
  private RegularizationPath<M> fitSparsePath(Dataset train, PathSettings s,
      PathSettings recorded) {
    LinearFit.requireDenseOnlySettingsAbsent(train, weightColumn, offsetColumn, adaptive);
    SparseMatrix x = train.sparseFeatures().orElseThrow();
    PathSolution solution = ElasticNetPath.fit(family, x, train.targets(),
        s, train.featureNames(),
        LinearFit.classNames(family, train));
    Map<String, Object> settingsMap = LinearFit.settingsMap(family, recorded);
    Provenance provenance = Provenance.of(name(), settingsMap, OptionalLong.empty(), train);
    return new RegularizationPath<>(solution, kind,
        LinearFit.normalizedFactors(s.penaltyFactors(), x.numColumns()),
        LinearFit.penaltyScales(x, s.standardize()), provenance, Optional.empty(),
        Optional.empty());
  }

  @Override
  public String toString() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> shared = LinearFit.settingsMap(family, settings);
    m.put("family", shared.remove("family"));
    lambda.ifPresent(l -> m.put("lambda", l));
    m.putAll(shared);
    return LinearFit.describe("ElasticNet", m);
  }

  /**
   * Named settings of an {@link ElasticNet}; see {@link LinearBuilder} for the shared ones. Not
   * thread-safe: build on one thread; the built ElasticNet is immutable and thread-safe.
   *
   * @param <M> the fitted model: LinearModel, or LinearClassifier for the binomial and
   *     multinomial families
   */
  public static final class Builder<M extends Predictor> extends LinearBuilder<Builder<M>> {
    private final Family family;
    private final LinearFit.Kind<M> kind;
    private OptionalDouble lambda = OptionalDouble.empty();

    Builder(Family family, LinearFit.Kind<M> kind) {
      this.family = family;
      this.kind = kind;
    }

    @Override
    Builder<M> self() {
      return this;
    }

    /** A builder of the same family with these settings. */
    Builder<M> copy() {
      Builder<M> out = new Builder<>(family, kind).copySettings(this);
      out.lambda = lambda;
      return out;
    }

    /** The λ ≥ 0 that {@link ElasticNet#fit} solves at. */
    public Builder<M> lambda(double value) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + value);
      }
      lambda = OptionalDouble.of(value);
      return this;
    }

    /**
     * The estimator, its path settings checked together.
     *
     * @throws InputException naming the setting for invalid path settings
     */
    public ElasticNet<M> build() {
      PathSettings settings = pathSettings();
      ElasticNetPath.requirePenaltyFits(family, settings);
      return new ElasticNet<>(family, settings, lambda, kind, weightColumn, offsetColumn,
          adaptive, this);
    }
  }
}
