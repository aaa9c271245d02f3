package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.FoldStatistics;
import dev.tikhonov.select.KFold;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The elastic-net path with λ chosen by K-fold cross-validation, cv.glmnet's way: the path on
 * all rows, then on each fold's training rows (each with its own default sequence, evaluated at
 * the full data's λ by interpolation; every fold at the same λ when the sequence is given), the
 * held-out deviance (MSE for gaussian, −2·log p for classes; or another {@link CvMeasure},
 * {@link LinearCvBuilder#measure}) averaged with fold weights, its standard error, λ_min
 * (smallest mean; largest for the AUC) and λ_1se (the largest λ within one standard error of
 * it). {@link #fit} returns the model at the {@link SelectionRule} chosen; {@link #crossValidate}
 * everything. Folds run in parallel. A gaussian cross-validation with n ≥ p (and p ≤ 4096)
 * runs from per-fold sufficient statistics: one BLAS pass over the rows for every fold's Gram
 * matrix, then K + 1 paths that never touch a row (the same results up to rounding;
 * docs/linear.md, "Paths from sufficient statistics"). With a weight or offset column
 * ({@link LinearBuilder#weightColumn}, {@link LinearBuilder#offsetColumn}) every fit takes them,
 * a fold's held-out loss is the weighted mean deviance with the offsets in the predictions, and
 * the folds are weighted by their weight sums (cv.glmnet's definitions; such a
 * cross-validation runs from the rows). {@link Builder#keepOutOfFoldPredictions()} keeps every
 * row's out-of-fold linear predictor at every λ ({@link CrossValidatedPath#outOfFold()},
 * cv.glmnet's {@code keep = TRUE}). With several α ({@link Builder#l1Ratios}) every α is
 * cross-validated on the same folds and the (α, λ) pair chosen across them
 * ({@link #crossValidateL1Ratios}, {@link CrossValidatedL1Ratios}).
 * Scaling as {@link ElasticNet}'s: by default ({@code standardize(true)}, glmnet's) the penalty
 * acts on the coefficients of unit-variance features, and coefficients and predictions are on
 * the original scale either way. Immutable and thread-safe.
 *
 * <pre>{@code
 * CrossValidatedPath<LinearModel> cv = ElasticNetCV.gaussian().numFolds(10).seed(0).build()
 *     .crossValidate(data);
 * LinearModel model = cv.atOneStandardError();
 * }</pre>
 *
 * @param <M> the model at one λ: {@link LinearModel} or {@link LinearClassifier}
 */
public final class ElasticNetCV<M extends Predictor> implements Estimator<M> {
  private final Family family;
  private final PathSettings settings;
  /** The α cross-validated, in the order given: one unless {@link Builder#l1Ratios}. */
  private final double[] l1Ratios;
  private final int numFolds;
  private final int[] foldIds;
  private final long seed;
  private final SelectionRule rule;
  private final CvMeasure measure;
  private final int threads;
  private final LinearFit.Kind<M> kind;
  private final java.util.Optional<dev.tikhonov.select.AdaptivePenalty.Settings> adaptive;
  private final java.util.Optional<String> weightColumn;
  private final java.util.Optional<String> offsetColumn;
  private final CrossValidation.Keep keep;
  private final CrossValidation.Alignment alignment;
  /** The settings as given, for {@link #toBuilder}: a private copy no one changes. */
  private final Builder<M> given;

  private ElasticNetCV(Builder<M> b) {
    this.given = b.copy();
    this.keep = b.keep;
    this.alignment = b.alignment;
    this.adaptive = b.adaptive;
    this.weightColumn = b.weightColumn;
    this.offsetColumn = b.offsetColumn;
    this.family = b.family;
    this.settings = b.pathSettings();
    this.l1Ratios = b.l1Ratios.length == 0 ? new double[] {settings.l1Ratio()}
        : b.l1Ratios.clone();
    this.numFolds = b.numFolds;
    this.foldIds = b.foldIds.clone();
    this.seed = b.seed;
    this.rule = b.rule;
    this.measure = b.measure.requireAppliesTo(b.family);
    this.threads = b.threads;
    this.kind = b.kind;
    if (foldIds.length == 0 && numFolds < 2) {
      throw new IllegalArgumentException("numFolds must be at least 2, got " + numFolds);
    }
  }

  /**
   * Linear regression (squared error, glmnet's gaussian), λ chosen by K-fold CV of the mean
   * squared error over the path (cv.glmnet's {@code type.measure = "mse"}).
   */
  public static Builder<LinearModel> gaussian() {
    return new Builder<>(Family.GAUSSIAN, LinearFit.Kind.REGRESSION);
  }

  /**
   * Two-class logistic regression (η = log-odds of the second class), λ chosen by K-fold CV of
   * the binomial deviance.
   */
  public static Builder<LinearClassifier> binomial() {
    return new Builder<>(Family.BINOMIAL, LinearFit.Kind.CLASSIFIER);
  }

  /**
   * Softmax regression with one coefficient vector per class (glmnet's multinomial), λ chosen by
   * K-fold CV of the multinomial deviance.
   */
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
   * ({@code cv.toBuilder().l1Ratio(0.5).build()}), as the network estimators' {@code
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

  /**
   * The path settings (α, λ sequence, standardization, tolerance, ...); with several
   * {@link #l1Ratios()}, those of the first α (the others differ in α only).
   */
  public PathSettings settings() {
    return settings;
  }

  /**
   * The α cross-validated, in the order given ({@link Builder#l1Ratios}): one element, the
   * {@code l1Ratio}, unless several were given. A new array.
   */
  public double[] l1Ratios() {
    return l1Ratios.clone();
  }

  /** Which λ {@link #fit} returns the model of: λ_min (the default) or λ_1se. */
  public SelectionRule rule() {
    return rule;
  }

  /** What the folds are scored by (default the deviance). */
  public CvMeasure measure() {
    return measure;
  }

  /**
   * The model at λ_min or λ_1se, as {@link Builder#rule} says (default λ_min); with several
   * {@link #l1Ratios()}, at the α and λ {@link CrossValidatedL1Ratios} chooses.
   */
  @Override
  public M fit(Dataset train) {
    return crossValidate(train).chosenModel();
  }

  /**
   * Every α of {@link #l1Ratios()} cross-validated on the same folds (the seed's or the fold
   * ids given), each with its own default λ sequence (its λ_max depends on α) unless λ are
   * given, and the (α, λ) pair chosen across them ({@link CrossValidatedL1Ratios}): scikit-learn's
   * {@code ElasticNetCV(l1_ratio=[...])}, glmnetUtils' {@code cva.glmnet}. One α gives
   * {@link #crossValidate}'s result alone. The α are cross-validated one after another, each
   * one's folds in parallel. The data are checked as {@link #crossValidate} checks them, once.
   * With {@link Builder#adaptive()} the pilots are fitted once for all α (the all-rows pilot
   * and each fold's own: K + 1 pilot fits, not K + 1 per α), each α's result bit for bit that
   * of an estimator at that α alone.
   *
   * @throws InputException as {@link #crossValidate}
   */
  public CrossValidatedL1Ratios<M> crossValidateL1Ratios(Dataset train) {
    return new CrossValidatedL1Ratios<>(crossValidateEach(train), rule);
  }

  /**
   * The full path, the cross-validation curve, λ_min, λ_1se and the models there. The data are
   * checked before anything is computed from them, with {@link ElasticNet}'s messages. With
   * several {@link #l1Ratios()}, the chosen α's ({@link CrossValidatedL1Ratios#chosen()} of
   * {@link #crossValidateL1Ratios}).
   *
   * @throws InputException for data without rows or feature columns, a value that is not
   *     finite, more folds than rows, a target that varies in one row only or a class of one
   *     row (whatever the folds, the one holding that row out cannot be fitted; with an offset
   *     column, of a regression target only counts that are 0 but in one row), or what the fits
   *     refuse (a constant target, a class
   *     without observations in a fold, ...)
   */
  public CrossValidatedPath<M> crossValidate(Dataset train) {
    if (l1Ratios.length > 1) {
      return crossValidateL1Ratios(train).chosen();
    }
    return crossValidateEach(train).get(0);
  }

  /**
   * Each α's cross-validation on the same folds, in the order of {@link #l1Ratios()}: the data
   * checked and split once, and the adaptive lasso's pilots fitted once for all α (they do not
   * depend on α: {@link dev.tikhonov.select.AdaptivePenalty#crossValidate(Family, double[][],
   * double[], dev.tikhonov.linear.Observations, PathSettings, double[],
   * dev.tikhonov.select.AdaptivePenalty.Settings, java.util.List, java.util.List, KFold,
   * CvMeasure, CrossValidation.Keep, int)}).
   */
  private java.util.List<CrossValidatedPath<M>> crossValidateEach(Dataset train) {
    LinearFit.requireFamily(family, train, name());
    java.util.List<CrossValidatedPath<M>> out = new java.util.ArrayList<>();
    if (train.isSparse()) {
      // the settings sparse data cannot take first: with a weight or offset column, what no
      // folds get past is not this check's to say
      LinearFit.requireDenseOnlySettingsAbsent(train, weightColumn, offsetColumn, adaptive);
      FoldFeasibility.requireFoldable(train, family, false, settings.intercept());
      KFold folds = folds(train.numRows());
      for (double a : l1Ratios) {
        out.add(crossValidateSparse(train, folds, at(a)));
      }
      return out;
    }
    ObservationColumns.Split split = ObservationColumns.split(train, family, weightColumn,
        offsetColumn);
    double[][] x = split.x();
    // The data first, as every fit checks them (no rows, no feature columns, a value that is
    // not finite), before the folds and the fold statistics are computed from them.
    ElasticNetPath.requireFittable(x, train.targets());
    // With weights or offsets, the rows' route (the statistics' route takes neither offsets
    // nor the weights' checks with their row numbers).
    boolean observed = weightColumn.isPresent() || offsetColumn.isPresent();
    // Weights cannot give a fold the class or the second value it lacks; offsets vary what a
    // constant target is fitted to (y − offset), but cannot make counts that are all 0 fittable.
    FoldFeasibility.requireFoldable(train, family, offsetColumn.isPresent(),
        settings.intercept());
    KFold folds = folds(train.numRows());
    int p = split.featureNames().size();
    double[] penaltyScales = LinearFit.penaltyScales(x, split.observations().weights(),
        settings.standardize());
    if (adaptive.isPresent()) {
      java.util.List<dev.tikhonov.select.AdaptivePenalty.Fit> fits =
          dev.tikhonov.select.AdaptivePenalty.crossValidate(family, x, train.targets(),
              split.observations(), settings, l1Ratios, adaptive.get(), split.featureNames(),
              LinearFit.classNames(family, train), folds, measure, keep, threads);
      for (int i = 0; i < l1Ratios.length; i++) {
        dev.tikhonov.select.AdaptivePenalty.Fit a = fits.get(i);
        Map<String, Object> s = LinearFit.settingsMap(family, at(l1Ratios[i]));
        LinearFit.putAdaptive(s, adaptive.get(), a.factors());
        out.add(assemble(train, folds, new CrossValidation.Fit(a.path(), a.cv().orElseThrow(),
            a.outOfFold()), withColumns(s), a.factors().normalized(), penaltyScales,
            split.offsetColumn(), a.factors().pilotShortfall()));
      }
      return out;
    }
    double[] factors = LinearFit.normalizedFactors(settings.penaltyFactors(), p);
    for (double a : l1Ratios) {
      PathSettings alphaSettings = at(a);
      // the statistics' route never touches a held-out row, so kept predictions take the rows'
      CrossValidation.Fit fit = !observed && squaredErrors(measure)
          && keep == CrossValidation.Keep.SCORES && fromStatistics(family, x.length, p,
          folds.numFolds(), threads, Runtime.getRuntime().maxMemory())
          && squarable(x, folds)
          ? CrossValidation.gaussian(FoldStatistics.of(x, train.targets(), folds), alphaSettings,
              split.featureNames(), alignment, measure, threads)
          : CrossValidation.path(family, x, train.targets(), split.observations(), alphaSettings,
              split.featureNames(), LinearFit.classNames(family, train), folds,
              alignment, measure, keep, threads);
      out.add(assemble(train, folds, fit, withColumns(LinearFit.settingsMap(family, alphaSettings)),
          factors, penaltyScales, split.offsetColumn(), java.util.Optional.empty()));
    }
    return out;
  }

  /** The settings at α: the estimator's own with one α, else theirs with that α. */
  private PathSettings at(double l1Ratio) {
    return l1Ratios.length == 1 ? settings : settings.withL1Ratio(l1Ratio);
  }

  /** The settings map {@code s} with the weight and offset columns, when given. */
  private Map<String, Object> withColumns(Map<String, Object> s) {
    weightColumn.ifPresent(c -> s.put("weight_column", c));
    offsetColumn.ifPresent(c -> s.put("offset_column", c));
    return s;
  }

  /** Sparse data kept sparse: every fold a row subset of the compressed columns. */
  private CrossValidatedPath<M> crossValidateSparse(Dataset train, KFold folds,
      PathSettings settings) {
    LinearFit.requireDenseOnlySettingsAbsent(train, weightColumn, offsetColumn, adaptive);
    SparseMatrix x = train.sparseFeatures().orElseThrow();
    CrossValidation.Fit fit = CrossValidation.path(family, x, train.targets(), settings,
        train.featureNames(), LinearFit.classNames(family, train), folds,
        alignment, measure, keep, threads);
    return assemble(train, folds, fit, LinearFit.settingsMap(family, settings),
        LinearFit.normalizedFactors(settings.penaltyFactors(), train.numFeatures()),
        LinearFit.penaltyScales(x, settings.standardize()), java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  private CrossValidatedPath<M> assemble(Dataset train, KFold folds, CrossValidation.Fit fit,
      Map<String, Object> s, double[] factors, double[] penaltyScales,
      java.util.Optional<String> offsetColumn,
      java.util.Optional<dev.tikhonov.select.PilotShortfall> adaptivePilot) {
    if (l1Ratios.length > 1) {
      // the α this path's l1_ratio was chosen among
      s.put("l1_ratios", java.util.Arrays.stream(l1Ratios).boxed().toList());
    }
    s.put("num_folds", folds.numFolds());
    if (foldIds.length > 0) {
      s.put("fold_ids", "given");
    }
    s.put("seed", seed);
    s.put("rule", rule.id());
    s.put("measure", measure.id());
    if (alignment == CrossValidation.Alignment.FRACTION) {
      s.put("alignment", "fraction"); // cv.glmnet's; the default ("lambda") is not written
    }
    s.put("lambda_min", fit.cv().lambdaMin());
    s.put("lambda_1se", fit.cv().lambda1se());
    Provenance provenance = Provenance.of(name(), s,
        foldIds.length == 0 ? OptionalLong.of(seed) : OptionalLong.empty(), train);
    RegularizationPath<M> path = new RegularizationPath<>(fit.path(), kind, factors,
        penaltyScales, provenance, offsetColumn, adaptivePilot);
    return new CrossValidatedPath<>(path, fit.cv(), rule, fit.outOfFold(), weightColumn);
  }

  /**
   * Whether the gaussian cross-validation runs from per-fold sufficient statistics
   * ({@link CrossValidation#gaussian}) instead of from K + 1 copies of the rows: one BLAS pass
   * over X (n·p²/2 flops) for the K + 1 Gram matrices that the rows' route forms one by one,
   * after which no fit touches a row. It pays when n ≥ p (below that the rows' route uses
   * residual updates, cheaper than a p×p Gram matrix) and p ≤ 4096 (the covariance route's
   * ceiling), while the K fold scatters plus two p×p matrices per thread, (K + 2·threads)·p²
   * doubles, take at most a quarter of the heap. Both routes give the same cross-validation up
   * to rounding (mean and SE to 1e-10, the same λ_min and λ_1se).
   */
  static boolean fromStatistics(Family family, int n, int p, int numFolds, int threads,
      long maxMemory) {
    double bytes = (numFolds + 2.0 * Math.min(threads, numFolds)) * p * (double) p * 8;
    return family == Family.GAUSSIAN && n >= p && p <= STATISTICS_MAX_FEATURES
        && bytes <= maxMemory / 4.0;
  }

  /**
   * Whether every column can be summed as unscaled squares on all rows and on every fold's
   * training rows ({@link Numbers#tooSmallToSquare}: no largest magnitude in (0, 2⁻⁴⁰⁰)). A
   * column below that, e.g. of values near 1e-301, has squares that underflow: per-fold
   * statistics would read it as constant and fit it a coefficient of 0, where the rows' route
   * standardizes it by a power of two first and fits it as the same column scaled by 2ᵏ (its
   * coefficient divided by 2ᵏ). One pass over X for the K folds' largest magnitudes; a column
   * tiny only on a fold's held-out rows keeps the statistics' route.
   */
  static boolean squarable(double[][] x, KFold folds) {
    int p = x.length == 0 ? 0 : x[0].length;
    int k = folds.numFolds();
    double[][] largest = new double[k][];
    double[] total = new double[p];
    for (int f = 0; f < k; f++) {
      largest[f] = Numbers.largestMagnitudes(x, folds.testRows(f + 1), p);
      for (int j = 0; j < p; j++) {
        total[j] = Math.max(total[j], largest[f][j]);
      }
    }
    if (Numbers.firstTooSmallToSquare(total) >= 0) {
      return false;
    }
    for (int f = 0; f < k; f++) {
      double[] training = new double[p];
      for (int g = 0; g < k; g++) {
        if (g == f) {
          continue;
        }
        for (int j = 0; j < p; j++) {
          training[j] = Math.max(training[j], largest[g][j]);
        }
      }
      if (Numbers.firstTooSmallToSquare(training) >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the measure is the squared error that per-fold statistics give (the deviance and
   * the MSE are for gaussian; the MAE needs the rows).
   */
  private static boolean squaredErrors(CvMeasure measure) {
    return measure == CvMeasure.DEVIANCE || measure == CvMeasure.MEAN_SQUARED_ERROR;
  }

  /** The covariance route's ceiling (ElasticNetPath's Gram matrix rule). */
  static final int STATISTICS_MAX_FEATURES = 4096;

  private KFold folds(int n) {
    if (foldIds.length > 0) {
      return LinearCvBuilder.givenFolds(foldIds, n);
    }
    return KFold.random(n, numFolds, seed);
  }

  @Override
  public String toString() {
    Map<String, Object> m = new LinkedHashMap<>(LinearFit.settingsMap(family, settings));
    if (l1Ratios.length > 1) {
      m.put("l1_ratios", java.util.Arrays.toString(l1Ratios));
    }
    LinearCvBuilder.putFolds(m, numFolds, foldIds, seed);
    m.put("rule", rule.id());
    m.put("measure", measure.id());
    return LinearFit.describe("ElasticNetCV", m);
  }

  /**
   * Named settings of an {@link ElasticNetCV}; see {@link LinearBuilder} for the shared ones. Not
   * thread-safe: build on one thread; the built ElasticNetCV is immutable and thread-safe.
   *
   * @param <M> the fitted model: LinearModel, or LinearClassifier for the binomial and
   *     multinomial families
   */
  public static final class Builder<M extends Predictor> extends LinearCvBuilder<Builder<M>> {
    private final Family family;
    private final LinearFit.Kind<M> kind;
    private CrossValidation.Keep keep = CrossValidation.Keep.SCORES;
    private CrossValidation.Alignment alignment = CrossValidation.Alignment.INTERPOLATE;
    /** Several α to cross-validate ({@link #l1Ratios}); empty: the one l1Ratio. */
    private double[] l1Ratios = new double[0];

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
      out.keep = keep;
      out.alignment = alignment;
      out.l1Ratios = l1Ratios.clone();
      return out;
    }

    /**
     * α ∈ [0, 1], as {@link LinearBuilder#l1Ratio}: one α, in place of any {@link #l1Ratios}
     * given before.
     */
    @Override
    public Builder<M> l1Ratio(double value) {
      l1Ratios = new double[0];
      return super.l1Ratio(value);
    }

    /**
     * Several α ∈ [0, 1], distinct, each cross-validated on the same folds with its own λ
     * sequence; the estimator keeps the (α, λ) pair with the best mean held-out score over all
     * of them ({@link CrossValidatedL1Ratios}, scikit-learn's {@code
     * ElasticNetCV(l1_ratio=[.1, .5, .9, 1])}). In place of an {@link #l1Ratio} given before
     * (the last of the two wins); one value is {@code l1Ratio(value)}. With {@code adaptive}
     * every α takes the same penalty factors, as the pilot does not depend on α (the all-rows
     * pilot's for the path, each fold's own in the fold), fitted once for all α: a loop of
     * cv.glmnet over α with one {@code penalty.factor}.
     *
     * @throws IllegalArgumentException when no α is given
     */
    public Builder<M> l1Ratios(double... values) {
      if (values.length == 0) {
        throw new IllegalArgumentException("l1Ratios: no α given; give at least one");
      }
      super.l1Ratio(values[0]);
      l1Ratios = values.clone();
      return this;
    }

    /**
     * Keeps every row's out-of-fold linear predictors at every λ (cv.glmnet's
     * {@code keep = TRUE}): {@link CrossValidatedPath#outOfFold()}, on the link scale as
     * {@link dev.tikhonov.select.OutOfFoldPredictions} says. They cost n·nλ·K doubles (K = 1
     * but for multinomial), so they are not kept by default; a gaussian cross-validation that
     * keeps them runs from the rows, not from per-fold statistics (the same results up to
     * rounding). With {@link #adaptive()}, each row is predicted by the path its fold's own
     * pilot and factors chose.
     */
    public Builder<M> keepOutOfFoldPredictions() {
      keep = CrossValidation.Keep.OUT_OF_FOLD_PREDICTIONS;
      return this;
    }

    /**
     * How each fold's path is lined up with the full data's λ (cv.glmnet's {@code alignment}):
     * {@link CrossValidation.Alignment#INTERPOLATE} (the default, cv.glmnet's {@code "lambda"}:
     * the fold's own default sequence interpolated at the full data's λ),
     * {@link CrossValidation.Alignment#FRACTION} (cv.glmnet's {@code "fraction"}: the fold's
     * l-th λ scored as the full path's l-th) or {@link CrossValidation.Alignment#SAME_LAMBDAS}
     * (every fold fitted at the full data's λ). With a λ sequence of your own every fold fits
     * it, whatever the alignment. Not with {@link #adaptive()}.
     */
    public Builder<M> alignment(CrossValidation.Alignment value) {
      alignment = java.util.Objects.requireNonNull(value, "alignment");
      return this;
    }

    /**
     * The estimator, its path settings checked together.
     *
     * @throws InputException naming "alignment" for an alignment other than INTERPOLATE with
     *     the adaptive lasso
     * @throws InputException naming the setting for invalid path settings
     * @throws IllegalArgumentException for fewer than 2 folds without fold ids
     * @throws InputException naming "measure" for a measure the family does not take
     * @throws InputException naming "l1Ratios" for an α outside [0, 1] or one given twice
     */
    public ElasticNetCV<M> build() {
      requireL1Ratios(l1Ratios);
      dev.tikhonov.linear.ElasticNetPath.requirePenaltyFits(family, pathSettings());
      if (adaptive.isPresent() && alignment != CrossValidation.Alignment.INTERPOLATE) {
        throw InputException.about("alignment", ": the adaptive lasso's folds are lined up"
            + " by interpolation only (cv.glmnet's \"lambda\"); leave alignment at INTERPOLATE");
      }
      return new ElasticNetCV<>(this);
    }

    private static void requireL1Ratios(double[] values) {
      for (int i = 0; i < values.length; i++) {
        if (!(values[i] >= 0 && values[i] <= 1)) {
          throw InputException.about("l1Ratios", ": α " + values[i] + " (value " + (i + 1)
              + ") is not in [0, 1]");
        }
        for (int j = 0; j < i; j++) {
          if (values[j] == values[i]) {
            throw InputException.about("l1Ratios", ": α " + values[i] + " is given twice"
                + " (values " + (j + 1) + " and " + (i + 1) + "); give each once");
          }
        }
      }
    }
  }
}
