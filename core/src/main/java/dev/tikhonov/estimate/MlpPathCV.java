package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.CvSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * λ for a network by cross-validation over its whole path, as cv.glmnet chooses λ for a linear
 * model: the λ grid is fixed on all rows, the {@link MlpPath} is fitted on each split's training
 * rows, every λ is scored on the split's held-out rows by the mean data loss (cross-entropy for
 * classifiers, ½(y − ŷ)² for regressors) or by another {@link CvMeasure} the builder names
 * (the misclassification rate; a regressor's MSE or MAE: {@link SearchBuilder#measure}), and
 * with e_kl the held-out score of split k at λ_l
 *
 * <pre>
 *   mean_l = Σ_k w_k e_kl / Σ_k w_k,   se_l = sqrt(Σ_k w_k (e_kl − mean_l)² / Σ_k w_k / (K − 1))
 *   λ_min  = the largest λ with the smallest mean,   λ_1se = the largest λ with mean ≤ mean_min + se_min
 * </pre>
 *
 * (w_k the split's held-out rows, or their Σ wᵢ when the base has a weight column, whose
 * weighted evaluation e_kl then is: cv.glmnet's {@code cvcompute}; {@link CvResult},
 * {@link CvSummary}). The {@link SelectionRule}
 * picks λ_1se (default) or λ_min, and the model returned is fitted on all rows the way the
 * splits were: with warm starts, the all-rows path is fitted together with the splits (as
 * cv.glmnet's {@code glmnet.fit}) and its model at the chosen λ is returned; with cold starts,
 * one fit at the chosen λ.
 *
 * <p>The paths of the splits (and the all-rows path) run side by side on {@code threads}
 * threads, one core each ({@link ParallelFits}: each in an OpenBLAS lane of one thread),
 * so each is bit for bit the path {@code MlpPath} fits alone with the base's
 * {@code threads(1)}. With cold starts each (split, λ) fit is a task of its own. Immutable and
 * thread-safe, but do not run other fits in the same process while it cross-validates.
 *
 * <pre>{@code
 * MlpPathCV<NetworkClassifier> cv = MlpPathCV.builder(path).resampling(Resampling.kFold(5, 0))
 *     .build();
 * MlpPathCV.Result<NetworkClassifier> r = cv.crossValidate(train);
 * r.lambdaMin(); r.lambda1se(); r.chosenModel().predict(test);
 * }</pre>
 *
 * @param <P> the fitted model
 */
public final class MlpPathCV<P extends Predictor> implements Estimator<P> {
  private final MlpPath<P> path;
  private final Resampling resampling;
  private final SelectionRule rule;
  private final CvMeasure measure;
  private final int threads;

  private MlpPathCV(MlpPath<P> path, Resampling resampling, SelectionRule rule,
      CvMeasure measure, int threads) {
    this.path = path;
    this.resampling = resampling;
    this.rule = rule;
    this.measure = measure;
    this.threads = threads;
  }

  /**
   * Cross-validation of {@code path}: 5 folds seeded 0, the one-SE rule, all cores.
   *
   * @param <P> the fitted model
   */
  public static <P extends Predictor> Builder<P> builder(MlpPath<P> path) {
    return new Builder<>(path);
  }

  @Override
  public String name() {
    return "MlpPathCV";
  }

  /**
   * A builder holding this search's settings, to build a variant
   * ({@code search.toBuilder().rule(SelectionRule.MINIMUM).build()}), as every estimator's
   * {@code toBuilder()}; this search is not changed.
   */
  public Builder<P> toBuilder() {
    Builder<P> out = new Builder<>(path).resampling(resampling).rule(rule).measure(measure);
    out.threads = threads;
    return out;
  }

  /** The path fitted on each split and on all rows: base network, λ grid, start, budget. */
  public MlpPath<P> path() {
    return path;
  }

  /** How the rows are split into training and held-out rows (default 5 folds, seed 0). */
  public Resampling resampling() {
    return resampling;
  }

  /** Which λ {@link #crossValidate} returns the model of: λ_1se (default) or λ_min. */
  public SelectionRule rule() {
    return rule;
  }

  /** What each split's held-out rows are scored by ({@link SearchBuilder#measure}). */
  public CvMeasure measure() {
    return measure;
  }

  /** How many paths are fitted at once, one core each (default: the machine's cores). */
  public int threads() {
    return threads;
  }

  /**
   * Every setting by snake_case name, for run files: the base network's (less λ), the grid,
   * start, direction, budget, resampling, measure and rule.
   */
  public Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>(path.toMap());
    m.putAll(resampling.toMap());
    m.put("measure", measure.id());
    m.put("rule", rule.id());
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The model at the chosen λ, fitted on all of {@code train}. */
  @Override
  public P fit(Dataset train) {
    return crossValidate(train).chosenModel();
  }

  /** Cross-validates the path on {@code train}. */
  public Result<P> crossValidate(Dataset train) {
    return crossValidate(train, SearchListener.none());
  }

  /**
   * Refuses, without fitting anything, what {@link #crossValidate} would refuse before its first
   * fit, so that a caller can check {@code train} before it starts long work or says what it
   * will do: a measure the data's targets do not take, a target the path's λ grid cannot be
   * drawn from, more folds than rows, a split whose training rows leave nothing to fit.
   *
   * @throws dev.tikhonov.data.InputException about the setting at fault ("measure", "numFolds",
   *     …) or the data
   * @throws dev.tikhonov.select.FoldException naming the split whose training rows have one
   *     target value, or, for a weighted base, whose held-out or training rows all have weight
   *     0
   */
  public void validate(Dataset train) {
    checked(train);
  }

  /** The λ grid on a search's rows and their splits, once {@link #validate} passed. */
  private record Checked(double[] lambdas, List<Resampling.Split> splits) {}

  private Checked checked(Dataset train) {
    SearchMeasures.require(measure, java.util.Objects.requireNonNull(train, "train")
        .isClassification());
    double[] lambdas = path.lambdas(train);
    List<Resampling.Split> splits = resampling.splits(train);
    Resampling.requireVaryingTargets(train, splits);
    Resampling.requireWeightedSplits(train, splits, path.baseSettings().weightColumn());
    return new Checked(lambdas, splits);
  }

  /** Cross-validates the path on {@code train}, reporting each fit to {@code listener}. */
  public Result<P> crossValidate(Dataset train, SearchListener listener) {
    long t0 = System.nanoTime();
    Checked checked = checked(train);
    double[] lambdas = checked.lambdas();
    int m = lambdas.length;
    List<Resampling.Split> splits = checked.splits();
    int k = splits.size();
    boolean warm = path.start() == MlpPath.Start.WARM;
    PathEngine<P> engine = new PathEngine<>(path, measure);
    List<PathEngine.Part> parts = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      Resampling.Split split = splits.get(s);
      parts.add(engine.prepare(train.subset(split.trainRows()),
          Optional.of(train.subset(split.testRows())), split.seed(),
          "split " + (s + 1) + " of " + k));
    }
    PathEngine.Part all = engine.prepare(train, Optional.empty(), java.util.OptionalLong.empty(),
        "all rows");
    int total = k * m + (warm ? m : 1);
    FitCounter counter = new FitCounter(total, listener);

    List<Callable<List<PathEngine.Step<P>>>> tasks = new ArrayList<>();
    if (warm) {
      tasks.add(() -> engine.run(all, lambdas, true, true, counter));
      for (PathEngine.Part part : parts) {
        tasks.add(() -> engine.run(part, lambdas, true, false, counter));
      }
    } else {
      for (PathEngine.Part part : parts) {
        for (int l = 0; l < m; l++) {
          int index = l;
          tasks.add(() -> {
            PathEngine.Step<P> step = engine.fitAt(part, lambdas[index], index, List.of(), true,
                false);
            counter.finished(part.label() + ", λ = " + Digits.few(lambdas[index]));
            return List.of(step);
          });
        }
      }
    }
    List<List<PathEngine.Step<P>>> results = ParallelFits.run(tasks, threads);

    List<List<PathEngine.Step<P>>> bySplit = new ArrayList<>();
    Optional<MlpPath.Fit<P>> fullPath = Optional.empty();
    if (warm) {
      double pathSeconds = results.get(0).stream().mapToDouble(st -> st.point().seconds()).sum();
      fullPath = Optional.of(engine.fit(lambdas, all, results.get(0), pathSeconds));
      bySplit.addAll(results.subList(1, results.size()));
    } else {
      for (int s = 0; s < k; s++) {
        List<PathEngine.Step<P>> steps = new ArrayList<>();
        for (int l = 0; l < m; l++) {
          steps.add(results.get(s * m + l).get(0));
        }
        bySplit.add(steps);
      }
    }
    double[][] loss = new double[k][m];
    double[][] score = new double[k][m];
    double[][] error = new double[k][m];
    double[] weight = new double[k];
    boolean classifier = train.isClassification();
    List<List<MlpPath.Point>> points = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      List<MlpPath.Point> splitPoints = new ArrayList<>();
      for (int l = 0; l < m; l++) {
        PathEngine.Step<P> step = bySplit.get(s).get(l);
        SearchMeasures.HeldOut e = step.heldOut().orElseThrow();
        loss[s][l] = e.loss();
        score[s][l] = e.score();
        error[s][l] = e.error();
        weight[s] = e.weight();
        splitPoints.add(step.point());
      }
      points.add(List.copyOf(splitPoints));
    }
    CvResult cv = CvResult.of(lambdas, score, weight, measure);
    Optional<CvSummary> misclassification = classifier
        ? Optional.of(CvSummary.of(error, weight)) : Optional.empty();
    int chosen = rule.pick(cv.indexMin(), cv.index1se());

    P model;
    double cpu = 0;
    for (List<PathEngine.Step<P>> steps : results) {
      for (PathEngine.Step<P> step : steps) {
        cpu += step.point().cpuSeconds();
      }
    }
    if (warm) {
      model = fullPath.get().atIndex(chosen);
    } else {
      // on one core like the splits' fits, so it is what the same fit computes alone there
      PathEngine.Step<P> refit = ParallelFits.run(List.<Callable<PathEngine.Step<P>>>of(
          () -> engine.fitAt(all, lambdas[chosen], 0, List.of(), true, true)), 1).get(0);
      counter.finished("all rows, λ = " + Digits.few(lambdas[chosen]));
      model = refit.model().orElseThrow();
      cpu += refit.point().cpuSeconds();
    }
    Map<String, Object> searchSettings = new LinkedHashMap<>(settings());
    searchSettings.put("lambda_min", cv.lambdaMin());
    searchSettings.put("lambda_1se", cv.lambda1se());
    NetworkSettings chosenSettings = path.baseSettings().withLambda(lambdas[chosen]);
    model = path.kind().asSearchResult(model, name(), chosenSettings, searchSettings, train);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result<>(lambdas, cv, CvSummary.of(loss, weight), misclassification, points,
        fullPath, rule, chosen, model, path.start(), path.baseSettings().weightColumn(), seconds,
        cpu);
  }

  @Override
  public String toString() {
    return "MlpPathCV{path=" + path + ", resampling=" + resampling.describe() + ", rule="
        + rule.id() + (measure == CvMeasure.DEVIANCE ? "" : ", measure=" + measure.id()) + "}";
  }

  /**
   * What a cross-validation found: the λ grid, the held-out scores per λ by the search's
   * measure (mean ± SE, λ_min, λ_1se), the held-out loss, for classifiers the misclassification
   * rate too, every split's path points, the all-rows path (warm starts), the chosen λ and the
   * model fitted there. Immutable and thread-safe as long as the arrays of {@link #cv()},
   * {@link #loss()} and {@link #misclassification()} are not modified (shared, not copied);
   * {@link #lambdas()} returns a new array.
   *
   * @param <P> the fitted model
   */
  public static final class Result<P extends Predictor> {
    private final double[] lambdas;
    private final CvResult cv;
    private final CvSummary loss;
    private final Optional<CvSummary> misclassification;
    private final List<List<MlpPath.Point>> splitPoints;
    private final Optional<MlpPath.Fit<P>> fullPath;
    private final SelectionRule rule;
    private final int chosenIndex;
    private final P model;
    private final MlpPath.Start start;
    private final Optional<String> weightColumn;
    private final double seconds;
    private final double cpuSeconds;

    Result(double[] lambdas, CvResult cv, CvSummary loss,
        Optional<CvSummary> misclassification, List<List<MlpPath.Point>> splitPoints,
        Optional<MlpPath.Fit<P>> fullPath, SelectionRule rule, int chosenIndex, P model,
        MlpPath.Start start, Optional<String> weightColumn, double seconds,
        double cpuSeconds) {
      this.lambdas = lambdas.clone();
      this.cv = cv;
      this.loss = loss;
      this.misclassification = misclassification;
      this.splitPoints = List.copyOf(splitPoints);
      this.fullPath = fullPath;
      this.rule = rule;
      this.chosenIndex = chosenIndex;
      this.model = model;
      this.start = start;
      this.weightColumn = weightColumn;
      this.seconds = seconds;
      this.cpuSeconds = cpuSeconds;
    }

    /** The λ grid, decreasing. */
    public double[] lambdas() {
      return lambdas.clone();
    }

    /**
     * Held-out scores per λ by the search's measure ({@link CvResult#measure()}; the loss by
     * default): mean, standard error, per-split values, λ_min and λ_1se; shared, not copied:
     * do not modify its arrays.
     */
    public CvResult cv() {
      return cv;
    }

    /**
     * Held-out mean data loss per λ (cross-entropy, or ½(y − ŷ)²), whatever the measure: the
     * same numbers as {@link #cv()}'s when the measure is the deviance. Shared, not copied.
     */
    public CvSummary loss() {
      return loss;
    }

    /** Held-out misclassification rate (1 − accuracy) per λ; empty for regressors. */
    public Optional<CvSummary> misclassification() {
      return misclassification;
    }

    /** Each split's path, point by point: epochs used, validation loss, norms. */
    public List<List<MlpPath.Point>> splitPoints() {
      return splitPoints;
    }

    /** The path on all rows (warm starts); empty with cold starts. */
    public Optional<MlpPath.Fit<P>> fullPath() {
      return fullPath;
    }

    /** The rule that chose {@link #chosenLambda()}: λ_1se or λ_min. */
    public SelectionRule rule() {
      return rule;
    }

    /** The grid index the rule chose. */
    public int chosenIndex() {
      return chosenIndex;
    }

    /** The λ the rule chose. */
    public double chosenLambda() {
      return lambdas[chosenIndex];
    }

    /** cv.glmnet's lambda.min. */
    public double lambdaMin() {
      return cv.lambdaMin();
    }

    /** cv.glmnet's lambda.1se (≥ λ_min). */
    public double lambda1se() {
      return cv.lambda1se();
    }

    /** Index of λ_min in {@link #lambdas()}. */
    public int indexMin() {
      return cv.indexMin();
    }

    /** Index of λ_1se in {@link #lambdas()}. */
    public int index1se() {
      return cv.index1se();
    }

    /** The model at the chosen λ, fitted on all training rows. */
    public P chosenModel() {
      return model;
    }

    /**
     * "MlpPathCV.Result[1se: λ = 0.03173 (index 1); λ_min = … (index 1, loss 0.412 ± 0.031),
     * λ_1se = …; 4 λ, 3 folds, unweighted; warm, 12.3 s]": the score named by the search's
     * measure ("loss" for the deviance, the mean data loss; "misclassification", "mse", "mae"),
     * and "weighted by column "w"" when the held-out rows were, as
     * {@link GridSearchCV.Scored#toString()} names them.
     */
    @Override
    public String toString() {
      return "MlpPathCV.Result[" + rule.id() + ": λ = " + Digits.few(chosenLambda())
          + " (index " + chosenIndex + "); " + CvText.choices(cv) + ", "
          + CvText.weighting(weightColumn) + "; " + start.name().toLowerCase(java.util.Locale.ROOT)
          + ", " + String.format(java.util.Locale.ROOT, "%.1f s", seconds) + "]";
    }

    /** How the paths were fitted: warm starts along λ, or a cold start at each λ. */
    public MlpPath.Start start() {
      return start;
    }

    /**
     * The column that weighted the held-out scores and the splits' mean (the path's base's
     * {@code weightColumn}); empty when every row counted once.
     */
    public Optional<String> weightColumn() {
      return weightColumn;
    }

    /** Wall time of the whole cross-validation, the final model included. */
    public double seconds() {
      return seconds;
    }

    /**
     * CPU time of all its fits (every split's, the all-rows path's or the final fit), each on
     * one core: the work, whatever else shares the machine ({@link MlpPath.Point#cpuSeconds}).
     */
    public double cpuSeconds() {
      return cpuSeconds;
    }
  }

  /**
   * Named settings of a cross-validation. Defaults: {@code Resampling.kFold(5, 0)},
   * {@link dev.tikhonov.select.CvMeasure#DEVIANCE} (the held-out loss),
   * {@link SelectionRule#ONE_STANDARD_ERROR}, threads = the machine's cores. Not thread-safe;
   * what it builds is immutable.
   *
   * @param <P> the fitted model
   */
  public static final class Builder<P extends Predictor> extends SearchBuilder<Builder<P>> {
    private final MlpPath<P> path;

    Builder(MlpPath<P> path) {
      this.path = java.util.Objects.requireNonNull(path, "path");
    }

    /**
     * The cross-validation of the path, with the resampling, measure and rule set (or their
     * defaults).
     *
     * @throws dev.tikhonov.data.InputException about "measure" when the path's networks cannot
     *     be scored by it (mse or mae for classifiers, class for regressors, the AUC for either)
     * @throws IllegalArgumentException when {@link SearchBuilder#weightColumn} is set to another
     *     column than the path's base weights by (or the base is unweighted)
     */
    public MlpPathCV<P> build() {
      SearchMeasures.require(measure, path.kind().classifies());
      Optional<String> own = path.baseSettings().weightColumn();
      weightColumn.ifPresent(told -> {
        if (!own.equals(weightColumn)) {
          throw new IllegalArgumentException("the path's base is " + CvText.weighting(own)
              + ", but the search's weightColumn is \"" + told + "\"; its held-out rows are"
              + " weighted as its fits are: give the base weightColumn(\"" + told + "\")"
              + " instead");
        }
      });
      return new MlpPathCV<>(path, resampling, rule, measure, threads);
    }
  }
}
