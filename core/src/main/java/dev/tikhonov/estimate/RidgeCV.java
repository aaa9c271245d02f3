package dev.tikhonov.estimate;

import dev.tikhonov.data.ConstantTargetException;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.RidgeSvdPath;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.InformationCriteria;
import dev.tikhonov.select.CvResult;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * <p>With {@code weightColumn} observation weights wᵢ ≥ 0 the objective is {@link Ridge}'s
 * weighted one (data term (1/2)Σωᵢ(yᵢ − a₀ − xᵢ·b)², ωᵢ = wᵢ/Σw, so λ keeps its meaning and
 * weights all equal are no weights), and the criteria are the weighted ones of
 * {@link RidgeSvdPath}: LOO = Σωᵢ(eᵢ/(1 − Hᵢᵢ))², the weighted mean of the squared errors of the
 * weighted fits that leave row i out, and GCV = Σωᵢeᵢ²/(1 − (1 + df)/n₊)² with n₊ the rows of
 * positive weight (a row of weight 0 is a row left out, for every number reported). scikit-learn
 * 1.2.1's {@code RidgeCV(alphas, sample_weight = w)} scores (1/n)Σwᵢ(eᵢ/(1 − Hᵢᵢ))², the same
 * criterion times Σw/n: {@code LEAVE_ONE_OUT} with λ = α/Σw chooses its {@code alpha_} and
 * gives its model. A weight of 2 is two equal rows for the models, not for the criteria (the
 * left-out row takes its copy with it). The default grid is glmnet's with {@code weights}: its
 * moments are the weighted ones. With {@code intercept(false)} a₀ = 0 and nothing is centered
 * (glmnet's {@code intercept = FALSE}, scikit-learn's {@code fit_intercept = False}): the hat
 * matrix has no intercept part, GCV's denominator is (1 − df/n₊)², and the default grid takes
 * the uncentered x̃ⱼᵀy and, for s_y, y's root mean square, as glmnet does without an intercept.
 * With {@code standardize(true)} the features are divided by their (weighted) standard
 * deviations, which are centered ones even without an intercept, as glmnet's.
 *
 * <p><b>K folds</b> ({@link Builder#resampling}, {@link Criterion#K_FOLD}) score λ as
 * cv.glmnet's {@code alpha = 0} and scikit-learn's {@code RidgeCV(cv=k)} do: fold k's training
 * rows get the ridge path over every λ from one decomposition (their own standardization and
 * weights, as {@link Ridge} fitted on them), its held-out rows the mean squared error
 * e_kl = Σ_{i in k} wᵢ(yᵢ − ŷₖₗ(xᵢ))²/W_k at each λ (W_k their weight sum, their number without
 * weights), and mean_l = Σ_k W_k e_kl/Σ_k W_k with its standard error, λ_min and λ_1se as
 * {@link ElasticNetCV}'s ({@link Validation#cv()}, a {@link CvResult}); the
 * {@link Builder#rule} picks one of the two. The λ are scored largest first (λ given in another
 * order are sorted), and the models are the full data's at each λ: every λ is the same
 * objective's on n rows as on a fold's n_train (DESIGN.md's scaling). scikit-learn's
 * {@code Ridge(alpha=a)} is λ = a/m on the m rows it is fitted on, so its
 * {@code RidgeCV(alphas, cv=KFold(k), scoring="neg_mean_squared_error")} scores our λ at
 * alpha = n_train·λ on folds of equal size (its mean over folds is unweighted) and refits its
 * {@code alpha_} at λ = alpha_/n, (k − 1)/k of our λ_min; its default scoring with {@code cv}
 * is the R², which can choose another λ.
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
    LEAVE_ONE_OUT,
    /**
     * The mean held-out mean squared error of k folds ({@link Builder#resampling}; cv.glmnet's
     * and scikit-learn's {@code RidgeCV(cv=k)}), each fold's path in closed form.
     */
    K_FOLD
  }

  /** The folds of {@link Criterion#K_FOLD} unless given: cv.glmnet's 10, seed 0. */
  private static final Resampling DEFAULT_FOLDS = Resampling.kFold(10, 0);

  private final double[] lambdas;
  private final int numLambdas;
  private final Criterion criterion;
  private final boolean standardize;
  private final boolean intercept;
  private final java.util.Optional<String> weightColumn;
  private final Resampling resampling;
  private final SelectionRule rule;

  private RidgeCV(Builder b) {
    this.lambdas = b.lambdas.clone();
    this.numLambdas = b.numLambdas;
    this.criterion = b.criterion;
    this.standardize = b.standardize;
    this.intercept = b.intercept;
    this.weightColumn = b.weightColumn;
    this.resampling = b.resampling;
    this.rule = b.rule;
  }

  /**
   * A builder with the defaults: GCV over 100 λ, no standardization, an intercept, no weights.
   */
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
    out.intercept = intercept;
    out.weightColumn = weightColumn;
    out.resampling = resampling;
    out.rule = rule;
    return out;
  }

  /** How λ is scored: GCV, exact leave-one-out or k folds. */
  public Criterion criterion() {
    return criterion;
  }

  /** The folds of {@link Criterion#K_FOLD}; empty for GCV and leave-one-out. */
  public java.util.Optional<Resampling> resampling() {
    return criterion == Criterion.K_FOLD ? java.util.Optional.of(resampling)
        : java.util.Optional.empty();
  }

  /** Which λ k folds choose: λ_min or λ_1se (always {@link SelectionRule#MINIMUM} else). */
  public SelectionRule rule() {
    return rule;
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

  /**
   * "RidgeCV{criterion=gcv, num_lambdas=100, standardize=false}", or the λ given, and
   * ", intercept=false" and ", weight_column=w" when set (as {@link Ridge}'s); for k folds
   * "RidgeCV{criterion=k_fold, resampling=5-fold, fold_seed=0, rule=min, …}".
   */
  @Override
  public String toString() {
    return "RidgeCV{criterion=" + criterion.name().toLowerCase(java.util.Locale.ROOT)
        + resampling().map(r -> ", resampling=" + r.describe()
            + (r.foldIds().length > 0 ? "" : ", fold_seed=" + r.seed())
            + ", rule=" + rule.id()).orElse("")
        + (lambdas.length > 0 ? ", lambdas=" + java.util.Arrays.toString(lambdas)
            : ", num_lambdas=" + numLambdas)
        + ", standardize=" + standardize + (intercept ? "" : ", intercept=false")
        + weightColumn.map(c -> ", weight_column=" + c).orElse("") + "}";
  }

  @Override
  public LinearModel fit(Dataset train) {
    return crossValidate(train).chosenModel();
  }

  /**
   * Every λ with its GCV and LOO scores (and k folds' mean ± standard error), degrees of
   * freedom, and the chosen model. The data are checked first, as {@link Ridge} checks them and
   * with its messages (no rows, no feature columns, a value that is not finite; the weight
   * column's), before the default λ grid is derived from them.
   *
   * @throws InputException for such data, for fewer than 2 rows of positive weight (GCV and
   *     leave-one-out have no value: every λ would score NaN), or 2 with an intercept (every
   *     criterion scores every λ the same), naming the criterion; for more folds than rows (about
   *     {@code numFolds}), or when no feature varies with the target and no λ are given (the
   *     default grid starts at max|zⱼᵀ(y − ȳ)|/(n·0.001), which is then 0; about
   *     {@code lambdas}, {@link InputException#setting()})
   * @throws dev.tikhonov.select.FoldException with weights, for a fold whose held-out or
   *     training rows all have weight 0, naming it
   * @throws ConstantTargetException for a target of one value on the rows of positive weight
   *     (without an intercept, of 0), which leaves nothing to fit and nothing to choose
   */
  public Validation crossValidate(Dataset train) {
    LinearFit.requireNumericTarget(train, name());
    ObservationColumns.Split split = ObservationColumns.split(train, Family.GAUSSIAN,
        weightColumn, java.util.Optional.empty());
    double[][] x = split.x();
    double[] y = train.targets();
    Observations observations = split.observations();
    ElasticNetPath.requireFittable(x, y, observations);
    int positive = (int) (observations.weights().length == 0 ? x.length
        : java.util.Arrays.stream(observations.weights()).filter(w -> w > 0).count());
    requireRowsToScore(train.source(), positive, x.length > positive);
    requireVaryingTarget(y, observations.weights(), intercept);
    double[] scales = LinearFit.penaltyScales(x, observations.weights(), standardize);
    double[][] z = standardize ? Ridge.scaled(x, scales) : x;
    boolean folds = criterion == Criterion.K_FOLD;
    double[] grid = lambdas.length > 0 ? (folds ? decreasing(lambdas) : lambdas)
        : defaultLambdas(z, y, observations.weights(), intercept, numLambdas);
    List<Resampling.Split> splits = folds ? resampling.splits(train) : List.of();
    Resampling.requireWeightedSplits(train, splits, weightColumn);
    Scores scores = scores(x, z, y, observations, grid, splits);
    if (lambdas.length == 0 && scores.best() == grid.length - 1) {
      double[] longer = continuedDownward(grid, scores.path().singularValues(), z.length);
      if (longer.length > grid.length) {
        grid = longer;
        scores = scores(x, z, y, observations, grid, splits);
      }
    }
    int chosen = scores.crossValidation()
        .map(cv -> rule.pick(cv.indexMin(), cv.index1se())).orElse(scores.best());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("criterion", criterion.name().toLowerCase(java.util.Locale.ROOT));
    if (folds) {
      settings.putAll(resampling.toMap());
      settings.put("rule", rule.id());
    }
    settings.put("num_lambdas", grid.length);
    settings.put("standardize", standardize);
    settings.put("intercept", intercept);
    weightColumn.ifPresent(c -> settings.put("weight_column", c));
    settings.put("l1_ratio", 0.0);
    Provenance provenance = Provenance.of(name(), settings, OptionalLong.empty(), train);
    return new Validation(scores.path(), chosen, scores.crossValidation(), scales,
        split.featureNames(), provenance, positive, weightColumn);
  }

  /**
   * Refuses fewer rows of positive weight than the criterion needs to score λ, naming it: one
   * row leaves GCV's 1 − (1 + df)/n₊ and LOO's 1 − Hᵢᵢ at 0 (every λ scored NaN and the first
   * was "chosen") and k folds nothing to train on; two rows with an intercept leave one
   * centered direction, along which GCV and leave-one-out are (y₁ − y₂)² at every λ
   * (unweighted), and each of k folds trains on one row of positive weight, which the
   * intercept fits exactly: the λ "chosen" was rounding noise (redteam42's two-row file chose
   * 359.381 of the default grid).
   *
   * @param weighted whether rows of weight 0 were left out of {@code positive}
   */
  private void requireRowsToScore(String source, int positive, boolean weighted) {
    String rows = "only " + positive + " row" + (positive == 1 ? "" : "s")
        + (weighted ? " of positive weight" : "") + " to fit: ";
    String name = switch (criterion) {
      case GCV -> "GCV";
      case LEAVE_ONE_OUT -> "leave-one-out";
      case K_FOLD -> resampling.size() + "-fold cross-validation";
    };
    if (positive < 2) {
      throw new InputException(source + ": " + rows + name + (criterion == Criterion.K_FOLD
          ? " needs a row to train on and one to hold out, so" : " needs")
          + " at least 2 rows to score λ");
    }
    if (positive == 2 && intercept) {
      throw new InputException(source + ": " + rows + "with an intercept, " + name
          + " scores every λ the same (the two rows leave one direction to fit, and the"
          + " intercept fits one row exactly), so it would choose λ by rounding; it needs at"
          + " least 3 rows, or a fit without an intercept");
    }
  }

  /**
   * The full data's path and, for k folds, their cross-validation over the same grid.
   *
   * @param best the λ index of the smallest criterion: GCV, leave-one-out or λ_min
   */
  private record Scores(RidgeSvdPath path, java.util.Optional<CvResult> crossValidation,
      int best) {}

  private Scores scores(double[][] x, double[][] z, double[] y, Observations observations,
      double[] grid, List<Resampling.Split> splits) {
    RidgeSvdPath path = path(z, y, observations, grid);
    if (criterion != Criterion.K_FOLD) {
      return new Scores(path, java.util.Optional.empty(),
          criterion == Criterion.GCV ? path.bestGcv() : path.bestLoo());
    }
    CvResult cv = RidgeFolds.score(x, y, observations.weights(), splits, grid, standardize,
        intercept);
    return new Scores(path, java.util.Optional.of(cv), cv.indexMin());
  }

  /** The λ given, largest first, as k folds' λ_1se (the largest within one SE) reads them. */
  private static double[] decreasing(double[] values) {
    return java.util.Arrays.stream(values).boxed()
        .sorted(java.util.Comparator.reverseOrder()).mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Refuses a target of one value on the rows of positive weight (of 0 without an intercept), as
   * {@link ElasticNetPath} refuses it: every λ then fits it exactly, training MSE 0 and AIC −∞,
   * so no criterion can choose, and the default grid came from the rounding of ȳ (30 rows of
   * 3.0 gave λ near 10⁻¹³, and GCV chose the first). Compared value by value, not by a variance
   * that rounding leaves above 0.
   *
   * @throws ConstantTargetException naming the value
   */
  private static void requireVaryingTarget(double[] y, double[] weights, boolean intercept) {
    double first = Double.NaN;
    for (int i = 0; i < y.length; i++) {
      if (weight(weights, i) == 0) {
        continue; // a row of weight 0 is a row left out
      }
      if (Double.isNaN(first)) {
        first = y[i];
      } else if (y[i] != first) {
        return;
      }
    }
    if (intercept || first == 0) {
      throw new ConstantTargetException("the target is constant (" + first + "): nothing to"
          + " fit");
    }
  }

  private RidgeSvdPath path(double[][] z, double[] y, Observations observations,
      double[] grid) {
    return intercept ? RidgeSvdPath.fit(z, y, observations, grid)
        : RidgeSvdPath.fitWithoutIntercept(z, y, observations, grid);
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
    return defaultLambdas(z, y, new double[0], true, count);
  }

  /**
   * The same with observation weights wᵢ ({@code weights}, empty for none), whose moments are
   * the weighted ones (glmnet's {@code weights}): max|Σωᵢ(zᵢⱼ − z̄ⱼ)(yᵢ − ȳ)|/0.001 over s_y =
   * √(Σωᵢ(yᵢ − ȳ)²); without an intercept z̄ = ȳ = 0, as glmnet centers nothing then (s_y is
   * y's root mean square, glmnet's scale of y without an intercept).
   */
  static double[] defaultLambdas(double[][] z, double[] y, double[] weights, boolean intercept,
      int count) {
    int n = z.length;
    int p = n == 0 ? 0 : z[0].length;
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += weight(weights, i);
    }
    double yMean = 0;
    for (int i = 0; intercept && i < n; i++) {
      yMean += weight(weights, i) * y[i] / total;
    }
    double max = 0;
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; intercept && i < n; i++) {
        mean += weight(weights, i) * z[i][j] / total;
      }
      double dot = 0;
      for (int i = 0; i < n; i++) {
        dot += weight(weights, i) * (z[i][j] - mean) * (y[i] - yMean);
      }
      max = Math.max(max, Math.abs(dot) / total);
    }
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      sumSquares += weight(weights, i) * (y[i] - yMean) * (y[i] - yMean);
    }
    double scale = Math.sqrt(sumSquares / total);
    if (!(max > 0) || !(scale > 0)) {
      // about "lambdas": the remedy is that setting, which a front end names its own way
      throw InputException.about("lambdas", ": none given, and no feature is correlated with the"
          + " target (all constant, or orthogonal to it), so the default λ grid is undefined;"
          + " give the λ values");
    }
    // max / scale rather than max / 1e-3 / scale: a target near 1e-300 keeps its λ in range
    return ElasticNetPath.geometricSequence(max / scale / 1e-3, n < p ? 1e-2 : 1e-4, count);
  }

  private static double weight(double[] weights, int i) {
    return weights.length == 0 ? 1 : weights[i];
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
    private final java.util.Optional<CvResult> crossValidation;
    private final double[] scales;
    private final java.util.List<String> featureNames;
    private final Provenance provenance;
    private final boolean standardize;
    private final int positiveRows;
    private final java.util.Optional<String> weightColumn;

    Validation(RidgeSvdPath path, int best, java.util.Optional<CvResult> crossValidation,
        double[] scales, java.util.List<String> featureNames, Provenance provenance,
        int positiveRows, java.util.Optional<String> weightColumn) {
      this.path = path;
      this.weightColumn = weightColumn;
      this.crossValidation = crossValidation;
      this.positiveRows = positiveRows;
      this.best = best;
      this.scales = scales.clone();
      this.featureNames = featureNames;
      this.provenance = provenance;
      this.standardize = Boolean.TRUE.equals(provenance.settings().get("standardize"));
    }

    /**
     * The column that weighted the fits and the scores ({@link Builder#weightColumn}); empty
     * when every row counted once.
     */
    public java.util.Optional<String> weightColumn() {
      return weightColumn;
    }

    /** The λ values scored, in the order of {@link #gcv()} and the other per-λ arrays. */
    public double[] lambdas() {
      return path.lambdas().clone();
    }

    /** GCV score per λ (the weighted one with weights; see the class). */
    public double[] gcv() {
      return path.gcv().clone();
    }

    /** Exact leave-one-out mean squared error per λ (weighted by ωᵢ with weights). */
    public double[] leaveOneOutMse() {
      return path.leaveOneOutMse().clone();
    }

    /** Effective degrees of freedom Σ d²/(d² + nλ) per λ. */
    public double[] degreesOfFreedom() {
      return path.degreesOfFreedom().clone();
    }

    /** Training mean squared error per λ (Σωᵢeᵢ² with weights). */
    public double[] trainingMse() {
      return path.trainingMse().clone();
    }

    /**
     * For {@link Criterion#K_FOLD}: the folds' mean held-out MSE and its standard error per λ
     * (in the order of {@link #lambdas()}, largest first), the folds' losses, λ_min and λ_1se,
     * as {@link ElasticNetCV}'s; empty for GCV and leave-one-out.
     */
    public java.util.Optional<CvResult> cv() {
      return crossValidation;
    }

    /**
     * Index of the λ the criterion chose: the smallest GCV or leave-one-out score, or for k
     * folds λ_min or λ_1se by the {@link RidgeCV#rule()}.
     */
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
     * AIC, BIC and EBIC (γ = 1) per λ ({@link InformationCriteria#of(RidgeSvdPath, int)}), n
     * counting the rows of positive weight: a row of weight 0 is a row left out for these too.
     */
    public InformationCriteria informationCriteria() {
      return InformationCriteria.of(path, positiveRows);
    }

    /**
     * "RidgeCV.Validation[gcv: λ = 3.789e-03 (index 57 of 100), GCV 0.0102, leave-one-out MSE
     * 0.0102, 15.8 degrees of freedom, unweighted]"; for k folds "RidgeCV.Validation[5-fold, rule
     * min: λ = 3.789e-03 (index 57 of 100), held-out MSE 0.0104 ± 0.0011, λ_min = …, λ_1se = …,
     * 15.8 degrees of freedom, weighted by column "w"]": "weighted by column …" when the rows
     * were, as {@link GridSearchCV.Scored#toString()} says; λ in at most four significant digits,
     * below 0.01 in scientific form.
     */
    @Override
    public String toString() {
      if (crossValidation.isPresent()) {
        CvResult cv = crossValidation.get();
        return "RidgeCV.Validation[" + cv.numFolds() + "-fold, rule "
            + provenance.settings().getOrDefault("rule", "?") + ": λ = "
            + Digits.few(chosenLambda()) + " (index " + best + " of "
            + path.lambdas().length + "), held-out MSE " + CvText.number(cv.mean(best)) + " ± "
            + CvText.number(cv.standardError(best)) + ", λ_min = "
            + Digits.few(cv.lambdaMin()) + ", λ_1se = " + Digits.few(cv.lambda1se())
            + ", " + String.format(java.util.Locale.ROOT, "%.1f", path.degreesOfFreedom()[best])
            + " degrees of freedom, " + CvText.weighting(weightColumn) + "]";
      }
      return "RidgeCV.Validation[" + provenance.settings().getOrDefault("criterion", "?")
          + ": λ = " + Digits.few(chosenLambda()) + " (index " + best + " of "
          + path.lambdas().length + "), GCV " + CvText.number(path.gcv()[best])
          + ", leave-one-out MSE " + CvText.number(path.leaveOneOutMse()[best]) + ", "
          + String.format(java.util.Locale.ROOT, "%.1f", path.degreesOfFreedom()[best])
          + " degrees of freedom, " + CvText.weighting(weightColumn) + "]";
    }
  }

  /**
   * Named settings: λ grid, criterion (default GCV), standardization (default off), an
   * intercept (default on), observation weights (default none), as {@link Ridge.Builder}'s.
   * Not thread-safe: build on one thread; the built RidgeCV is immutable and thread-safe.
   */
  public static final class Builder {
    private double[] lambdas = new double[0];
    private int numLambdas = 100;
    private Criterion criterion = Criterion.GCV;
    private boolean standardize;
    private boolean intercept = true;
    private java.util.Optional<String> weightColumn = java.util.Optional.empty();
    private Resampling resampling = DEFAULT_FOLDS;
    private SelectionRule rule = SelectionRule.MINIMUM;

    Builder() {}

    /** The λ grid (each finite and ≥ 0, no value twice); default glmnet's α = 0 sequence. */
    public Builder lambdas(double... values) {
      LambdaGrid.of(values); // the networks' rules and messages: not empty, finite, ≥ 0, distinct
      lambdas = values.clone();
      return this;
    }

    /**
     * Length of the default grid (default 100, at most
     * {@link dev.tikhonov.linear.PathSettings#MAX_NUM_LAMBDAS}, as for the paths: more would only
     * exhaust memory before the first fit), before any continuation below its end (see the
     * class).
     */
    public Builder numLambdas(int value) {
      int max = dev.tikhonov.linear.PathSettings.MAX_NUM_LAMBDAS;
      if (value < 1 || value > max) {
        throw new IllegalArgumentException("numLambdas must be in 1.." + max + ", got " + value);
      }
      numLambdas = value;
      return this;
    }

    /**
     * How λ is scored (default {@link Criterion#GCV}); GCV and leave-one-out come from one
     * decomposition, {@link Criterion#K_FOLD} from one per fold, on the folds of
     * {@link #resampling} (default {@code Resampling.kFold(10, 0)}, cv.glmnet's).
     */
    public Builder criterion(Criterion value) {
      criterion = java.util.Objects.requireNonNull(value, "criterion");
      return this;
    }

    /**
     * Score λ on these folds ({@link Criterion#K_FOLD}, which this sets), as {@link
     * ElasticNetCV}'s and {@link GridSearchCV}'s: {@code Resampling.kFold(k, seed)}, the folds
     * of {@code KFold.random(n, k, seed)}, or {@code Resampling.givenFolds(ids)}, cv.glmnet's
     * {@code foldid}. Repeated seeds on one split
     * ({@link Resampling#repeatedSeeds}) are for networks, whose fits vary with the seed: an
     * IllegalArgumentException here.
     */
    public Builder resampling(Resampling value) {
      Resampling.requireFolds(value);
      resampling = value;
      criterion = Criterion.K_FOLD;
      return this;
    }

    /**
     * Which λ k folds choose (default {@link SelectionRule#MINIMUM}, λ_min; {@link
     * SelectionRule#ONE_STANDARD_ERROR} is λ_1se). GCV and leave-one-out have no standard
     * error: {@link #build} refuses λ_1se with them.
     */
    public Builder rule(SelectionRule value) {
      rule = java.util.Objects.requireNonNull(value, "rule");
      return this;
    }

    /** Penalize the coefficients of standardized features (default false). */
    public Builder standardize(boolean value) {
      standardize = value;
      return this;
    }

    /** An unpenalized intercept (default true), as {@link Ridge.Builder#intercept}'s. */
    public Builder intercept(boolean value) {
      intercept = value;
      return this;
    }

    /**
     * The column of observation weights (scikit-learn's {@code sample_weight}), as
     * {@link Ridge.Builder#weightColumn}'s; the criteria become weighted too (see the class).
     * Bad weights are refused by {@link RidgeCV#crossValidate}.
     */
    public Builder weightColumn(String column) {
      weightColumn = java.util.Optional.of(java.util.Objects.requireNonNull(column, "column"));
      return this;
    }

    /**
     * The estimator (its settings are checked by their setters).
     *
     * @throws IllegalArgumentException for the λ_1se rule without k folds
     */
    public RidgeCV build() {
      if (rule != SelectionRule.MINIMUM && criterion != Criterion.K_FOLD) {
        throw new IllegalArgumentException("rule " + rule.id() + ": the one-standard-error rule"
            + " needs k folds (resampling(Resampling.kFold(k, seed))); "
            + criterion.name().toLowerCase(java.util.Locale.ROOT) + " has no standard error");
      }
      return new RidgeCV(this);
    }
  }
}
