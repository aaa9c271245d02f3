package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.RelaxedFit;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.KFold;
import dev.tikhonov.select.RelaxedCrossValidation;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The relaxed lasso, glmnet's {@code relax = TRUE}: the elastic-net path of {@link ElasticNet}
 * (docs/objective.md's objective, λ and α as there), then for each λ the unpenalized refit on its
 * active set, blended with the penalized fit as {@code b(λ, γ) = γ·b^lasso(λ) + (1 − γ)·b^R(λ)},
 * and (λ, γ) chosen by K-fold cross-validation as cv.glmnet with {@code relax = TRUE} does
 * ({@link dev.tikhonov.select.RelaxedCvResult}: the smallest mean deviance over every pair, or
 * the best mean of another {@link LinearCvBuilder#measure},
 * ties and the one-standard-error rule preferring the larger λ, then the larger γ).
 * {@link #path} fits without cross-validation, {@link #crossValidate} with it, and {@link #fit}
 * returns the model at the pair the {@link SelectionRule} names. Models at (λ, γ) are plain
 * {@link LinearModel}s or {@link LinearClassifier}s; their {@code evaluate().penalty()} is the
 * path's penalty at λ of the blended coefficients, so loss + penalty is the minimized objective
 * only at γ = 1 ({@link RelaxedPath}). With a weight or offset column
 * ({@link LinearBuilder#weightColumn}, {@link LinearBuilder#offsetColumn}) the path, every
 * refit and every fold's fits take them, and the cross-validation scores as
 * {@link ElasticNetCV}'s (weighted held-out deviance with the offsets in η, folds weighted by
 * their weight sums: glmnet's {@code relax.glmnet} and {@code cv.glmnet}). With the adaptive
 * setting ({@link LinearBuilder#adaptive}) the path relaxed is the adaptive lasso's, and each fold
 * fits its own pilot before its path and refits ({@link RelaxedCrossValidation}). α must be
 * &gt; 0 (a ridge path has no active set). Scaling as {@link ElasticNet}'s: by default
 * ({@code standardize(true)}, glmnet's) the penalty acts on the coefficients of unit-variance
 * features, and coefficients and predictions are on the original scale either way. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * CrossValidatedRelaxedPath<LinearModel> cv = RelaxedLasso.gaussian().numFolds(10).build()
 *     .crossValidate(data);
 * LinearModel model = cv.atMinimum();        // at (λ_min, γ_min)
 * }</pre>
 *
 * @param <M> the model at one (λ, γ)
 */
public final class RelaxedLasso<M extends Predictor> implements Estimator<M> {
  private final Family family;
  private final PathSettings settings;
  private final double[] gammas;
  private final int numFolds;
  private final int[] foldIds;
  private final long seed;
  private final SelectionRule rule;
  private final dev.tikhonov.select.CvMeasure measure;
  private final int threads;
  private final LinearFit.Kind<M> kind;
  private final dev.tikhonov.select.CrossValidation.Keep keep;
  private final java.util.Optional<String> weightColumn;
  private final java.util.Optional<String> offsetColumn;
  private final java.util.Optional<dev.tikhonov.select.AdaptivePenalty.Settings> adaptive;
  /** The settings as given, for {@link #toBuilder}: a private copy no one changes. */
  private final Builder<M> given;

  private RelaxedLasso(Builder<M> b) {
    this.given = b.copy();
    this.adaptive = b.adaptive;
    this.keep = b.keep;
    this.weightColumn = b.weightColumn;
    this.offsetColumn = b.offsetColumn;
    this.family = b.family;
    this.settings = b.pathSettings();
    this.gammas = RelaxedCrossValidation.gammas(b.gammas);
    this.numFolds = b.numFolds;
    this.foldIds = b.foldIds.clone();
    this.seed = b.seed;
    this.rule = b.rule;
    this.measure = b.measure.requireAppliesTo(b.family);
    this.threads = b.threads;
    this.kind = b.kind;
  }

  /** The relaxed lasso of linear regression (squared error, glmnet's gaussian). */
  public static Builder<LinearModel> gaussian() {
    return new Builder<>(Family.GAUSSIAN, LinearFit.Kind.REGRESSION);
  }

  /** The relaxed lasso of two-class logistic regression (η = log-odds of the second class). */
  public static Builder<LinearClassifier> binomial() {
    return new Builder<>(Family.BINOMIAL, LinearFit.Kind.CLASSIFIER);
  }

  /** The relaxed lasso of softmax regression, one coefficient vector per class. */
  public static Builder<LinearClassifier> multinomial() {
    return new Builder<>(Family.MULTINOMIAL, LinearFit.Kind.CLASSIFIER);
  }

  /** The relaxed lasso of Poisson regression with the log link (the model predicts μ). */
  public static Builder<LinearModel> poisson() {
    return new Builder<>(Family.POISSON, LinearFit.Kind.REGRESSION);
  }

  /** A builder for a family chosen at run time. */
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
   * ({@code relaxed.toBuilder().gammas(0, 1).build()}), as the network estimators' {@code
   * toBuilder()}; this estimator is not changed.
   */
  public Builder<M> toBuilder() {
    return given.copy();
  }

  /** The column of observation weights ({@link LinearBuilder#weightColumn}); empty for none. */
  java.util.Optional<String> weightColumn() {
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

  /** The γ values, increasing. */
  public double[] gammas() {
    return gammas.clone();
  }

  /** The model at the (λ, γ) cross-validation chooses by the rule. */
  @Override
  public M fit(Dataset train) {
    return crossValidate(train).chosenModel();
  }

  /** The path and its relaxed refits on all rows, without cross-validation. */
  public RelaxedPath<M> path(Dataset train) {
    LinearFit.requireFamily(family, train, name());
    ObservationColumns.Split split = split(train);
    double[][] x = split.x();
    Map<String, Object> s = settingsMap();
    PathSolution lasso;
    java.util.Optional<dev.tikhonov.select.AdaptivePenalty.Factors> factors =
        java.util.Optional.empty();
    if (adaptive.isPresent()) {
      dev.tikhonov.select.AdaptivePenalty.Fit a = dev.tikhonov.select.AdaptivePenalty.fit(family,
          x, train.targets(), split.observations(), settings, adaptive.get(),
          split.featureNames(), LinearFit.classNames(family, train), threads);
      lasso = a.path();
      factors = java.util.Optional.of(a.factors());
      LinearFit.putAdaptive(s, adaptive.get(), a.factors());
    } else {
      lasso = ElasticNetPath.fit(family, x, train.targets(), split.observations(), settings,
          split.featureNames(), LinearFit.classNames(family, train));
    }
    RelaxedFit fit = RelaxedFit.of(family, x, train.targets(), split.observations(), settings,
        lasso);
    return relaxedPath(fit, split, factors, provenance(train, s, OptionalLong.empty()));
  }

  /** The relaxed path, the cross-validation curve per γ, and the chosen (λ, γ). */
  public CrossValidatedRelaxedPath<M> crossValidate(Dataset train) {
    LinearFit.requireFamily(family, train, name());
    ObservationColumns.Split split = split(train);
    double[][] x = split.x();
    // The data first, with the path's messages (no rows, no feature columns, ...), then folds.
    ElasticNetPath.requireFittable(x, train.targets());
    // as ElasticNetCV's: offsets vary what a constant target is fitted to
    FoldFeasibility.requireFoldable(train, family, offsetColumn.isPresent(),
        settings.intercept());
    KFold folds = folds(train.numRows());
    RelaxedCrossValidation.Fit fit = RelaxedCrossValidation.path(family, x, train.targets(),
        split.observations(), settings, adaptive, split.featureNames(),
        LinearFit.classNames(family, train), gammas, folds, measure, keep, threads);
    Map<String, Object> s = settingsMap();
    fit.adaptiveFactors().ifPresent(f -> LinearFit.putAdaptive(s, adaptive.get(), f));
    s.put("num_folds", folds.numFolds());
    if (foldIds.length > 0) {
      s.put("fold_ids", "given");
    }
    s.put("seed", seed);
    s.put("rule", rule.id());
    s.put("measure", measure.id());
    s.put("lambda_min", fit.cv().lambdaMin());
    s.put("gamma_min", fit.cv().gammaMin());
    s.put("lambda_1se", fit.cv().lambda1se());
    s.put("gamma_1se", fit.cv().gamma1se());
    RelaxedPath<M> path = relaxedPath(fit.fit(), split, fit.adaptiveFactors(),
        provenance(train, s,
        foldIds.length == 0 ? OptionalLong.of(seed) : OptionalLong.empty()));
    return new CrossValidatedRelaxedPath<>(path, fit.cv(), rule, fit.outOfFold(),
        weightColumn);
  }

  /** The features without the weight and offset columns, and the observations from them. */
  private ObservationColumns.Split split(Dataset train) {
    if (train.isSparse()) {
      LinearFit.requireDenseOnlySettingsAbsent(train, weightColumn, offsetColumn, adaptive);
    }
    return ObservationColumns.split(train, family, weightColumn, offsetColumn);
  }

  private Map<String, Object> settingsMap() {
    Map<String, Object> s = LinearFit.settingsMap(family, settings);
    s.put("relax", true);
    s.put("gammas", gammas);
    weightColumn.ifPresent(c -> s.put("weight_column", c));
    offsetColumn.ifPresent(c -> s.put("offset_column", c));
    return s;
  }

  private Provenance provenance(Dataset train, Map<String, Object> s, OptionalLong seedUsed) {
    return Provenance.of(name(), s, seedUsed, train);
  }

  private RelaxedPath<M> relaxedPath(RelaxedFit fit, ObservationColumns.Split split,
      java.util.Optional<dev.tikhonov.select.AdaptivePenalty.Factors> adaptiveFactors,
      Provenance provenance) {
    double[][] x = split.x();
    // the models' penalty, for evaluate and the model file: the adaptive factors when there are
    double[] factors = adaptiveFactors.map(f -> f.normalized()).orElseGet(() ->
        LinearFit.normalizedFactors(settings.penaltyFactors(), x.length == 0 ? 0 : x[0].length));
    return new RelaxedPath<>(fit, kind, factors,
        LinearFit.penaltyScales(x, split.observations().weights(), settings.standardize()),
        provenance, split.offsetColumn(),
        adaptiveFactors.flatMap(dev.tikhonov.select.AdaptivePenalty.Factors::pilotShortfall));
  }

  private KFold folds(int n) {
    if (foldIds.length > 0) {
      return LinearCvBuilder.givenFolds(foldIds, n);
    }
    return KFold.random(n, numFolds, seed);
  }

  @Override
  public String toString() {
    Map<String, Object> m = settingsMap();
    m.put("gammas", java.util.Arrays.toString(gammas));
    LinearCvBuilder.putFolds(m, numFolds, foldIds, seed);
    m.put("rule", rule.id());
    m.put("measure", measure.id());
    return LinearFit.describe("RelaxedLasso", m);
  }

  /**
   * Named settings of a {@link RelaxedLasso}: {@link LinearBuilder}'s path settings, the γ
   * values and the cross-validation's (as {@link ElasticNetCV}'s). Not thread-safe: build on
   * one thread; the built RelaxedLasso is immutable and thread-safe.
   *
   * @param <M> the fitted model: LinearModel, or LinearClassifier for the binomial and
   *     multinomial families
   */
  public static final class Builder<M extends Predictor> extends LinearCvBuilder<Builder<M>> {
    private final Family family;
    private final LinearFit.Kind<M> kind;
    private double[] gammas = dev.tikhonov.select.RelaxedCrossValidation.defaultGammas();
    private dev.tikhonov.select.CrossValidation.Keep keep =
        dev.tikhonov.select.CrossValidation.Keep.SCORES;

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
      Builder<M> out = new Builder<>(family, kind).copyCvSettings(this);
      out.gammas = gammas.clone();
      out.keep = keep;
      return out;
    }

    /**
     * The blend weights γ ∈ [0, 1] to cross-validate (default glmnet's 0, 0.25, 0.5, 0.75, 1;
     * include 1 to let the plain lasso compete).
     */
    public Builder<M> gammas(double... values) {
      RelaxedCrossValidation.gammas(values);
      gammas = values.clone();
      return this;
    }

    /**
     * Keeps every row's out-of-fold linear predictors at every λ for each γ's blend (cv.glmnet's
     * {@code keep = TRUE} with {@code relax = TRUE}: one matrix per γ):
     * {@link CrossValidatedRelaxedPath#outOfFold()}, on the link scale as
     * {@link dev.tikhonov.select.OutOfFoldPredictions} says. They cost G·n·nλ·K doubles, so they
     * are not kept by default.
     */
    public Builder<M> keepOutOfFoldPredictions() {
      keep = dev.tikhonov.select.CrossValidation.Keep.OUT_OF_FOLD_PREDICTIONS;
      return this;
    }

    /**
     * @throws InputException for α = 0 (no active set to relax)
     */
    public RelaxedLasso<M> build() {
      RelaxedFit.checkL1Ratio(l1Ratio);
      dev.tikhonov.linear.ElasticNetPath.requirePenaltyFits(family, pathSettings());
      return new RelaxedLasso<>(this);
    }
  }
}
