package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvSummary;
import dev.tikhonov.select.GridSearch;
import dev.tikhonov.train.DivergenceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A grid search over settings by cross-validation: every candidate (a point of the grid, e.g.
 * λ × dropout × weight decay × learning rate from {@link MlpGrid}) is fitted from scratch on
 * every split's training rows ({@link Resampling}) and scored on its held-out rows by the mean
 * data loss ({@link Predictor#evaluate}: cross-entropy for classifiers, ½(y − ŷ)² for
 * regressors), or by another measure the builder names (the misclassification rate; a
 * regressor's MSE or MAE: {@link SearchBuilder#measure}). With e_kc the held-out score of split
 * k for candidate c and w_k its held-out rows, {@link GridSearch} gives
 *
 * <pre>
 *   mean_c = Σ_k w_k e_kc / Σ_k w_k,   se_c = sqrt(Σ_k w_k (e_kc − mean_c)² / Σ_k w_k / (K − 1))
 *   best   = argmin_c mean_c,          1se  = the first c with mean_c ≤ mean_best + se_best
 * </pre>
 *
 * <p>Candidates fitted with observation weights ({@link LinearBuilder#weightColumn},
 * {@link NetworkBuilder#weightColumn}, Ridge's and RidgeCV's) are scored weighted by the same
 * column ({@link Predictor#evaluate(Dataset, String)}: e_kc is the weighted held-out score), and
 * w_k is then the held-out rows' Σ wᵢ rather than their count: cv.glmnet's convention
 * ({@code cvcompute}: fold means weighted by the fold's sum of weights, the standard error over
 * K − 1), so that integer weights choose as repeated rows would (up to how the rows fall into
 * splits). Every candidate must weight by the same column, or none. A candidate of your own
 * (an {@link Estimator} of another package) that fits weighted is one the search cannot see
 * into: tell it the column with {@link SearchBuilder#weightColumn}, or its held-out rows each
 * count once.
 *
 * <p>The candidates are listed from the most regularized (simplest) to the least, so the
 * one-standard-error rule ({@link SelectionRule#ONE_STANDARD_ERROR}, the default) picks the
 * simplest candidate as good as the best within the noise of the estimate. The chosen
 * candidate is then fitted on all rows and returned.
 *
 * <p>A candidate whose training diverges on a split ({@link DivergenceException}: a non-finite
 * loss, or a loss grown ten orders of magnitude) is a failed candidate, not a failed search, as
 * scikit-learn's {@code error_score}: its outcome is {@link Diverged} (where, and the trainer's
 * message), it has no score, and the means, standard errors and the rule see only the candidates
 * that were {@link Scored} on every split; those are computed exactly as if the diverged ones had
 * not been in the grid. Only when every candidate diverges does the search throw a
 * {@link DivergenceException}, saying so; the final fit of the chosen candidate on all rows
 * throws one ("all rows, {settings}: …") if it diverges there. A split of a candidate is not
 * trained once a lower split of the same candidate is known to have diverged (the listener is
 * told it was skipped): the outcome names the lowest split that diverged, which no skip can
 * change, so it is the same whatever the thread count and the order the fits finish in; only
 * how many fits are skipped depends on them.
 *
 * <p>The (candidate, split) fits run side by side on {@code threads} threads, one core each
 * ({@link ParallelFits}): each computes what it computes alone with one OpenBLAS thread. They
 * start split by split, each split over the whole grid, so a candidate's divergence on one
 * split is usually known before its next split starts.
 * Candidates must leave OpenBLAS's thread count alone (a network estimator with
 * {@code threads} set is refused). Immutable and thread-safe, but do not run other fits in the
 * same process while it searches.
 *
 * <pre>{@code
 * GridSearchCV<NetworkClassifier> search = GridSearchCV.builder(MlpGrid.builder(base)
 *         .lambdas(1e-4, 1e-3, 1e-2).dropouts(0, 0.2).build())
 *     .resampling(Resampling.kFold(5, 0)).build();
 * NetworkClassifier model = search.fit(train);
 * }</pre>
 *
 * @param <P> the fitted model
 */
public final class GridSearchCV<P extends Predictor> implements Estimator<P> {

  /**
   * One point of a grid: what it sets (snake_case names, JSON values: reported in results and
   * provenance) and its estimator. Implementations must be thread-safe: a search calls one
   * candidate and fits its estimators from its threads at once; {@link #of}'s candidates are,
   * if their estimator is.
   *
   * @param <P> the fitted model
   */
  public interface Candidate<P extends Predictor> {
    /** The settings this candidate sets, e.g. {@code {lambda: 0.001, dropout: 0.2}}. */
    Map<String, Object> settings();

    /** The estimator with its own seed. */
    Estimator<P> estimator();

    /**
     * The estimator with {@code seed} (for {@link Resampling#repeatedSeeds}); by default a
     * candidate cannot be reseeded.
     */
    default Estimator<P> estimator(long seed) {
      throw new IllegalArgumentException("candidate " + Digits.settings(settings())
          + " cannot be reseeded;"
          + " repeated seeds need candidates that can (MlpGrid's), or use k-fold resampling");
    }

    /**
     * A candidate of any estimator, as given (it cannot be reseeded).
     *
     * @param <P> the fitted model
     */
    static <P extends Predictor> Candidate<P> of(Map<String, Object> settings,
        Estimator<P> estimator) {
      Map<String, Object> copy = java.util.Collections.unmodifiableMap(
          new LinkedHashMap<>(settings));
      java.util.Objects.requireNonNull(estimator, "estimator");
      return new Candidate<>() {
        @Override
        public Map<String, Object> settings() {
          return copy;
        }

        @Override
        public Estimator<P> estimator() {
          return estimator;
        }
      };
    }
  }

  private final List<Candidate<P>> candidates;
  private final Resampling resampling;
  private final SelectionRule rule;
  private final CvMeasure measure;
  private final int threads;
  /** The networks' kind of an {@link MlpGrid}'s candidates, kept for {@link #toBuilder}. */
  private final Optional<NetworkKind<P>> kind;
  /** The column every candidate weights its rows by, which weights the held-out scores too. */
  private final Optional<String> weightColumn;

  private GridSearchCV(List<Candidate<P>> candidates, Resampling resampling, SelectionRule rule,
      CvMeasure measure, int threads, Optional<NetworkKind<P>> kind,
      Optional<String> weightColumn) {
    this.kind = kind;
    this.weightColumn = weightColumn;
    this.candidates = candidates;
    this.resampling = resampling;
    this.rule = rule;
    this.measure = measure;
    this.threads = threads;
  }

  /**
   * A search over {@code candidates}, listed from the most regularized to the least: 5 folds
   * seeded 0, the one-SE rule, all cores.
   *
   * @param <P> the fitted model
   */
  public static <P extends Predictor> Builder<P> builder(List<? extends Candidate<P>> candidates) {
    return new Builder<>(candidates, Optional.empty());
  }

  /**
   * A search over the grid's candidates (most regularized first).
   *
   * @param <P> the fitted model
   */
  public static <P extends Predictor> Builder<P> builder(MlpGrid<P> grid) {
    return new Builder<>(grid.candidates(), Optional.of(grid.kind()));
  }

  @Override
  public String name() {
    return "GridSearchCV";
  }

  /**
   * A builder holding this search's settings, to build a variant
   * ({@code search.toBuilder().rule(SelectionRule.MINIMUM).build()}), as every estimator's
   * {@code toBuilder()}; this search is not changed.
   */
  public Builder<P> toBuilder() {
    Builder<P> out = new Builder<>(candidates, kind).resampling(resampling).rule(rule)
        .measure(measure);
    out.threads = threads;
    out.weightColumn = weightColumn;
    return out;
  }

  /** The candidates, most regularized (simplest) first, as the one-SE rule reads them. */
  public List<Candidate<P>> candidates() {
    return candidates;
  }

  /** How the rows are split into training and held-out rows (default 5 folds, seed 0). */
  public Resampling resampling() {
    return resampling;
  }

  /**
   * Which candidate {@code fit} returns the model of: the best mean score, or the simplest
   * within one standard error of it (the default).
   */
  public SelectionRule rule() {
    return rule;
  }

  /** What each split's held-out rows are scored by ({@link SearchBuilder#measure}). */
  public CvMeasure measure() {
    return measure;
  }

  /**
   * The column every candidate weights its rows by, which weights the held-out scores too (the
   * candidates' own, or {@link SearchBuilder#weightColumn}); empty when they count every row
   * once.
   */
  public Optional<String> weightColumn() {
    return weightColumn;
  }

  /**
   * The search's own settings by snake_case name (resampling, measure, rule, number of
   * candidates).
   */
  public Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>(resampling.toMap());
    m.put("measure", measure.id());
    m.put("rule", rule.id());
    m.put("candidates", candidates.size());
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The chosen candidate fitted on all of {@code train}. */
  @Override
  public P fit(Dataset train) {
    return crossValidate(train).chosenModel();
  }

  /** Cross-validates every candidate on {@code train} and fits the chosen one on all of it. */
  public Result<P> crossValidate(Dataset train) {
    return crossValidate(train, SearchListener.none());
  }

  /**
   * Refuses, without fitting anything, what {@link #crossValidate} would refuse before its first
   * fit, so that a caller can check {@code train} before it starts long work or says what it
   * will do: a measure the data's targets do not take, more folds than rows, a split whose
   * training rows leave nothing to fit, and, when the candidates weight their rows, a bad
   * weight or a split whose held-out (or training) rows all have weight 0.
   *
   * @throws InputException about the setting at fault ("measure", "numFolds", "weightColumn",
   *     …) or the data
   * @throws dev.tikhonov.select.FoldException naming the split whose training rows have one
   *     target value, or whose held-out or training rows all have weight 0
   */
  public void validate(Dataset train) {
    splits(train);
  }

  private List<Resampling.Split> splits(Dataset train) {
    SearchMeasures.require(measure, java.util.Objects.requireNonNull(train, "train")
        .isClassification());
    List<Resampling.Split> splits = resampling.splits(train);
    Resampling.requireVaryingTargets(train, splits);
    Resampling.requireWeightedSplits(train, splits, weightColumn);
    return splits;
  }

  /** As {@link #crossValidate(Dataset)}, reporting each fit to {@code listener}. */
  public Result<P> crossValidate(Dataset train, SearchListener listener) {
    return crossValidate(train, splits(train), listener);
  }

  /** As {@link #crossValidate(Dataset, SearchListener)} on given splits (for tests). */
  Result<P> crossValidate(Dataset train, List<Resampling.Split> splits,
      SearchListener listener) {
    long t0 = System.nanoTime();
    FitCounter counter = new FitCounter(candidates.size() * splits.size() + 1, listener);
    Scoring scoring = score(train, splits, counter);
    Candidate<P> winner = candidates.get(scoring.chosen());
    P model;
    try {
      model = winner.estimator().fit(train);
    } catch (DivergenceException d) {
      throw new DivergenceException("all rows, " + Digits.settings(winner.settings()) + ": "
          + d.getMessage(), d.epoch(), d.batch());
    }
    counter.finished("all rows, " + Digits.settings(winner.settings()));
    if (winner instanceof MlpGrid.NetworkCandidate<P> network) {
      model = network.kind().asSearchResult(model, name(), network.networkSettings(),
          settings(), train);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result<>(scoring.outcomes(), scoring.scores(), measure, scoring.loss(),
        scoring.scored(), scoring.misclassification(), rule, scoring.chosen(), model, seconds);
  }

  /**
   * scikit-learn's {@code cross_val_score}: {@code estimator} fitted on each split's training
   * rows and scored by {@code measure} on its held-out rows, and nothing else (no fit on all
   * rows). The outcome's {@code splitLoss()} holds the splits' scores in split order,
   * {@code mean()} their mean weighted by the held-out rows (the plain mean for equal splits),
   * {@code standardError()} its standard error, as for a candidate of a search (class
   * comment); its settings are empty. An estimator with a weight column is scored weighted by
   * it, and its splits' mean weighted by their held-out Σ wᵢ (class comment). The splits are
   * fitted side by side on all cores, each with one BLAS thread.
   *
   * <pre>{@code
   * GridSearchCV.Scored cv = GridSearchCV.crossValScore(Ridge.builder().lambda(0.1).build(),
   *     data, Resampling.kFold(5, 0), CvMeasure.MEAN_SQUARED_ERROR);
   * double[] mse = cv.splitLoss();
   * }</pre>
   *
   * @param <P> the fitted model
   * @throws DivergenceException when the estimator's training diverges on a split
   * @throws InputException as {@link #crossValidate(Dataset)}: a measure the targets do not
   *     take, more folds than rows, a split whose training rows cannot be fitted, a split whose
   *     held-out rows all have weight 0 ({@link #validate})
   * @throws IllegalArgumentException when {@code estimator} is a network with threads set
   */
  public static <P extends Predictor> Scored crossValScore(Estimator<P> estimator, Dataset data,
      Resampling resampling, CvMeasure measure) {
    return crossValScore(builder(List.of(Candidate.of(Map.of(), estimator)))
        .resampling(resampling).measure(measure).build(), data);
  }

  /**
   * {@link #crossValScore(Estimator, Dataset, Resampling, CvMeasure)} weighted by the column
   * {@code weightColumn} of {@code data}, for an estimator of your own that fits weighted by it
   * (scikit-learn's {@code cross_val_score} with {@code sample_weight} routed to the fit and to
   * the scorer): each split's score is the weighted evaluation e_k = Σ wᵢℓᵢ / Σ wᵢ of its
   * held-out rows ({@link Predictor#evaluate(Dataset, String)}), and {@code mean()} and
   * {@code standardError()} weight split k by its held-out Σ wᵢ (cv.glmnet's folds, as
   * {@link SearchBuilder#weightColumn} does for a search). A split whose held-out or training
   * rows all have weight 0 is refused before any fit. One of this package's estimators that
   * weights by a column needs no such argument; given one, it must name the same column.
   *
   * <pre>{@code
   * Ridge weighted = Ridge.builder().lambda(0.1).weightColumn("w").build();
   * Estimator<LinearModel> mine = rows -> weighted.fit(rows); // a fit the search cannot see
   * GridSearchCV.Scored cv = GridSearchCV.crossValScore(mine, data, Resampling.kFold(5, 0),
   *     CvMeasure.MEAN_SQUARED_ERROR, "w");
   * }</pre>
   *
   * @param <P> the fitted model
   * @throws dev.tikhonov.select.FoldException naming the split whose held-out or training rows
   *     all have weight 0
   * @throws InputException about "weightColumn" when {@code data} has no such column or a
   *     weight is negative or not finite, and as the unweighted form
   * @throws IllegalArgumentException when {@code estimator} is one of this package's and
   *     unweighted or weighted by another column, or a network with threads set
   * @throws DivergenceException when the estimator's training diverges on a split
   */
  public static <P extends Predictor> Scored crossValScore(Estimator<P> estimator, Dataset data,
      Resampling resampling, CvMeasure measure, String weightColumn) {
    return crossValScore(builder(List.of(Candidate.of(Map.of(), estimator)))
        .resampling(resampling).measure(measure).weightColumn(weightColumn).build(), data);
  }

  /** The one candidate of {@code one} scored on {@code data}'s splits, without a final fit. */
  private static <P extends Predictor> Scored crossValScore(GridSearchCV<P> one, Dataset data) {
    List<Resampling.Split> splits = one.splits(data);
    Scoring scoring = one.score(data, splits, new FitCounter(splits.size(),
        SearchListener.none()));
    return (Scored) scoring.outcomes().get(0);
  }

  /** What the splits' fits say: every candidate's outcome and the scores the rule chose by. */
  private record Scoring(List<Outcome> outcomes, GridSearch.Result<Map<String, Object>> scores,
      CvSummary loss, List<Integer> scored, Optional<CvSummary> misclassification, int chosen) {}

  /**
   * Every candidate fitted on each of {@code splits}' training rows of {@code train} and scored
   * on its held-out rows, each fit reported to {@code counter}, and the candidate the rule
   * chooses.
   */
  private Scoring score(Dataset train, List<Resampling.Split> splits, FitCounter counter) {
    int k = splits.size();
    int c = candidates.size();
    List<Dataset> fitRows = new ArrayList<>();
    List<Dataset> testRows = new ArrayList<>();
    for (Resampling.Split split : splits) {
      fitRows.add(train.subset(split.trainRows()));
      testRows.add(train.subset(split.testRows()));
    }
    // Per candidate, the lowest split known to have diverged (k while none has). A split above
    // it is skipped: the outcome reports the lowest split that diverged, which every split
    // below it, never skipped, decides alone; so the outcome does not depend on the threads or
    // the order the fits finish in, only the count of skipped fits does.
    AtomicIntegerArray lowestDiverged = new AtomicIntegerArray(c);
    for (int i = 0; i < c; i++) {
      lowestDiverged.set(i, k);
    }
    // Split by split, each over the whole grid: a candidate's next split starts some c fits
    // after its previous one, by when that one has usually finished, so a divergence on it is
    // known and the candidate's later splits are skipped.
    List<Callable<SplitFit>> tasks = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      Resampling.Split split = splits.get(s);
      Dataset fit = fitRows.get(s);
      Dataset test = testRows.get(s);
      for (int i = 0; i < c; i++) {
        Candidate<P> candidate = candidates.get(i);
        String label = "split " + (s + 1) + " of " + k + ", "
            + Digits.settings(candidate.settings());
        int splitIndex = s;
        int candidateIndex = i;
        tasks.add(() -> {
          int diverged = lowestDiverged.get(candidateIndex);
          if (diverged < splitIndex) {
            counter.finished(label + " (skipped: split " + (diverged + 1) + " diverged)");
            return SplitFit.SKIPPED;
          }
          Estimator<P> estimator = split.seed().isPresent()
              ? candidate.estimator(split.seed().getAsLong()) : candidate.estimator();
          try {
            P model = estimator.fit(fit);
            Evaluation e = weightColumn.isPresent() ? model.evaluate(test, weightColumn.get())
                : model.evaluate(test);
            counter.finished(label);
            return new SplitFit(Optional.of(SearchMeasures.HeldOut.of(measure, e)),
                Optional.empty());
          } catch (DivergenceException d) {
            lowestDiverged.accumulateAndGet(candidateIndex, splitIndex, Math::min);
            counter.finished(label + " (diverged)");
            return new SplitFit(Optional.empty(), Optional.of(d));
          } catch (InputException e) {
            // The fit's validation split of these rows, which names the rows it was given but
            // not that they are one split's; other refusals are the data's (every split's)
            // and stay as they are.
            if (!(e instanceof dev.tikhonov.select.FoldException)
                && e.setting().equals(Optional.of("validationFraction"))) {
              throw new dev.tikhonov.select.FoldException(splitIndex + 1, k, (split.seed()
                  .isPresent() ? "the split" : "split " + (splitIndex + 1) + " of " + k)
                  + " (its training rows): " + e.getMessage(), e);
            }
            throw e;
          }
        });
      }
    }
    List<SplitFit> fits = ParallelFits.run(tasks, threads);
    List<Optional<Diverged>> divergedAt = new ArrayList<>();
    List<Integer> scored = new ArrayList<>();
    for (int i = 0; i < c; i++) {
      Optional<Diverged> diverged = Optional.empty();
      // Stops at the lowest split that diverged: the splits after it may have been skipped.
      for (int s = 0; s < k && diverged.isEmpty(); s++) {
        Optional<DivergenceException> d = fits.get(s * c + i).divergence();
        if (d.isPresent()) {
          diverged = Optional.of(new Diverged(candidates.get(i).settings(), s + 1, k,
              d.get().epoch(), d.get().batch(), d.get().getMessage()));
        }
      }
      divergedAt.add(diverged);
      if (diverged.isEmpty()) {
        scored.add(i);
      }
    }
    if (scored.isEmpty()) {
      Diverged first = divergedAt.get(0).orElseThrow();
      throw new DivergenceException((c == 1 ? "the only candidate diverged, so there is"
          : "all " + c + " candidates diverged, so there is") + " nothing to choose from; the"
          + " first: " + first.describe(), first.epoch(), first.batch());
    }
    // The statistics of the scored candidates alone, in the grid's order: the same numbers as a
    // grid without the diverged candidates.
    int m = scored.size();
    double[][] score = new double[m][k];
    double[][] lossBySplit = new double[k][m];
    double[][] errorBySplit = new double[k][m];
    double[] weight = new double[k];
    boolean classifier = train.isClassification();
    for (int j = 0; j < m; j++) {
      int i = scored.get(j);
      for (int s = 0; s < k; s++) {
        SearchMeasures.HeldOut e = fits.get(s * c + i).evaluation().orElseThrow();
        score[j][s] = e.score();
        lossBySplit[s][j] = e.loss();
        errorBySplit[s][j] = e.error();
        weight[s] = e.weight();
      }
    }
    List<Map<String, Object>> settings = scored.stream()
        .map(i -> candidates.get(i).settings()).toList();
    GridSearch.Result<Map<String, Object>> scores = GridSearch.Result.of(settings, score,
        weight);
    Optional<CvSummary> misclassification = classifier
        ? Optional.of(CvSummary.of(errorBySplit, weight)) : Optional.empty();
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0, j = 0; i < c; i++) {
      if (divergedAt.get(i).isPresent()) {
        outcomes.add(divergedAt.get(i).get());
      } else {
        outcomes.add(new Scored(settings.get(j), j, score[j], scores.mean(j),
            scores.standardError(j), measure, weightColumn));
        j++;
      }
    }
    int chosen = scored.get(rule.pick(scores.indexMin(), scores.index1se()));
    return new Scoring(outcomes, scores, CvSummary.of(lossBySplit, weight), scored,
        misclassification, chosen);
  }

  /**
   * One (candidate, split) fit: its held-out scores, or the divergence that stopped it, or
   * neither when it was skipped (a lower split of the candidate had diverged).
   */
  private record SplitFit(Optional<SearchMeasures.HeldOut> evaluation,
      Optional<DivergenceException> divergence) {
    static final SplitFit SKIPPED = new SplitFit(Optional.empty(), Optional.empty());
  }

  /**
   * What became of one candidate of a search: {@link Scored} on every split, or {@link Diverged}
   * on one. Immutable and thread-safe.
   */
  public sealed interface Outcome permits Scored, Diverged {
    /** The candidate's settings ({@link Candidate#settings}). */
    Map<String, Object> settings();
  }

  /**
   * A candidate fitted and scored on every split. Immutable (the settings and split losses are
   * copied in, and {@code splitLoss()} out), so thread-safe. A value: two are equal when all
   * their components are, the split scores compared element by element
   * ({@code Arrays.equals}, as {@code Double.equals} compares, NaN equal to NaN), not by the
   * array's identity as a record's generated equals would; {@code hashCode} agrees.
   *
   * @param settings the candidate's settings (copied, in their order)
   * @param scoreIndex its index in {@link Result#scores()}, which counts scored candidates only
   * @param splitLoss its held-out score per split by the search's measure (the loss by
   *     default; the row {@code scoreIndex} of the scores'
   *     {@link dev.tikhonov.select.GridSearch.Result#scores()}, copied)
   * @param mean the splits' mean score, weighted by their held-out rows (their Σ wᵢ when the
   *     candidates are weighted)
   * @param standardError its standard error (0 for one split)
   * @param measure what the held-out rows were scored by ({@link SearchBuilder#measure})
   * @param weightColumn the column that weighted the held-out scores and the splits' mean
   *     ({@link GridSearchCV#weightColumn()}); empty when every row counted once
   */
  public record Scored(Map<String, Object> settings, int scoreIndex, double[] splitLoss,
      double mean, double standardError, CvMeasure measure, Optional<String> weightColumn)
      implements Outcome {
    public Scored {
      settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
      splitLoss = splitLoss.clone();
      java.util.Objects.requireNonNull(measure, "measure");
      java.util.Objects.requireNonNull(weightColumn, "weightColumn");
    }

    /** Its held-out score per split (the loss by default), a new array. */
    @Override
    public double[] splitLoss() {
      return splitLoss.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Scored s && settings.equals(s.settings) && scoreIndex == s.scoreIndex
          && java.util.Arrays.equals(splitLoss, s.splitLoss)
          && Double.compare(mean, s.mean) == 0
          && Double.compare(standardError, s.standardError) == 0 && measure == s.measure
          && weightColumn.equals(s.weightColumn);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(settings, scoreIndex, java.util.Arrays.hashCode(splitLoss),
          mean, standardError, measure, weightColumn);
    }

    /**
     * "Scored[{lambda=0.001}, misclassification 0.123400 ± 0.0056 over 5 splits, weighted by
     * column "w"]" (or ", unweighted]"), not an array's address: the score is named by its
     * measure ("loss" for the deviance, the mean data loss; "misclassification", "mse", "mae")
     * and says whether the rows were weighted.
     */
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "Scored[%s, %s %.6g ± %.2g over %d splits, %s]",
          Digits.settings(settings), CvText.measureWord(measure), mean, standardError,
          splitLoss.length,
          CvText.weighting(weightColumn));
    }
  }

  /**
   * A candidate whose training diverged: on the first split (in split order) where it did; the
   * candidate has no score, and its splits after that one may not have been trained. Immutable
   * (the settings are copied in, unmodifiable), so thread-safe.
   *
   * @param settings the candidate's settings (copied, in their order)
   * @param split the split, 1-based
   * @param splits how many splits there are
   * @param epoch the epoch at which the training diverged, 1-based
   * @param batch the batch of that epoch, 1-based
   * @param message the trainer's description ("training diverged at epoch …")
   */
  public record Diverged(Map<String, Object> settings, int split, int splits, int epoch,
      int batch, String message) implements Outcome {
    public Diverged {
      // a candidate's map may be the caller's own (Candidate is an interface anyone implements)
      settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** "split 1 of 5, {settings}: training diverged at epoch …". */
    public String describe() {
      return "split " + split + " of " + splits + ", " + Digits.settings(settings) + ": "
          + message;
    }
  }

  @Override
  public String toString() {
    return "GridSearchCV{candidates=" + candidates.size() + ", resampling="
        + resampling.describe() + ", rule=" + rule.id()
        + (measure == CvMeasure.DEVIANCE ? "" : ", measure=" + measure.id()) + "}";
  }

  /**
   * What a search found. Immutable and thread-safe.
   *
   * @param <P> the fitted model
   */
  public static final class Result<P extends Predictor> {
    private final List<Outcome> outcomes;
    private final GridSearch.Result<Map<String, Object>> scores;
    private final CvMeasure measure;
    private final CvSummary loss;
    private final List<Integer> scored;
    private final Optional<CvSummary> misclassification;
    private final SelectionRule rule;
    private final int chosenIndex;
    private final P model;
    private final double seconds;

    Result(List<Outcome> outcomes, GridSearch.Result<Map<String, Object>> scores,
        CvMeasure measure, CvSummary loss, List<Integer> scored,
        Optional<CvSummary> misclassification, SelectionRule rule, int chosenIndex, P model,
        double seconds) {
      this.outcomes = List.copyOf(outcomes);
      this.scores = scores;
      this.measure = measure;
      this.loss = loss;
      this.scored = List.copyOf(scored);
      this.misclassification = misclassification;
      this.rule = rule;
      this.chosenIndex = chosenIndex;
      this.model = model;
      this.seconds = seconds;
    }

    /** What became of each candidate, in the grid's order (most regularized first). */
    public List<Outcome> outcomes() {
      return outcomes;
    }

    /** The candidates whose training diverged, in the grid's order; empty when none did. */
    public List<Diverged> diverged() {
      return outcomes.stream().filter(Diverged.class::isInstance).map(Diverged.class::cast)
          .toList();
    }

    /**
     * Held-out score by {@link #measure()} (the loss by default) per scored candidate and
     * split, mean ± SE per scored candidate, the best and the one-SE candidate;
     * {@code configs()} are the scored candidates' settings. These count the {@link Scored}
     * candidates only (all of them unless some diverged): {@link #candidateIndex} turns an index
     * of these into the grid's.
     */
    public GridSearch.Result<Map<String, Object>> scores() {
      return scores;
    }

    /** What the held-out rows were scored by ({@link SearchBuilder#measure}). */
    public CvMeasure measure() {
      return measure;
    }

    /**
     * Held-out mean data loss per scored candidate (indexed as {@link #scores()}), whatever the
     * measure: the same means as the scores' when the measure is the deviance.
     */
    public CvSummary loss() {
      return loss;
    }

    /**
     * The grid's index of the {@code scoreIndex}-th scored candidate of {@link #scores()}.
     *
     * @throws IndexOutOfBoundsException naming the index and the number of scored candidates
     */
    public int candidateIndex(int scoreIndex) {
      if (scoreIndex < 0 || scoreIndex >= scored.size()) {
        throw new IndexOutOfBoundsException("score index " + scoreIndex + " of "
            + scored.size() + " scored candidates (0-based)");
      }
      return scored.get(scoreIndex);
    }

    /**
     * The score of the grid's {@code candidateIndex}-th candidate, indexed as
     * {@link #outcomes()} and the search's candidates (unlike {@link #scores()}, {@link #loss()}
     * and {@link #misclassification()}, which count the scored candidates only, so that their
     * indices shift after a candidate that diverged); empty when its training diverged.
     *
     * @throws IndexOutOfBoundsException naming the index and the number of candidates
     */
    public Optional<Scored> scored(int candidateIndex) {
      if (candidateIndex < 0 || candidateIndex >= outcomes.size()) {
        throw new IndexOutOfBoundsException("candidate index " + candidateIndex + " of "
            + outcomes.size() + " candidates (0-based)");
      }
      return outcomes.get(candidateIndex) instanceof Scored s
          ? Optional.of(s) : Optional.empty();
    }

    /** The grid's index of the candidate with the smallest mean held-out score (cv.glmnet's min). */
    public int indexMin() {
      return candidateIndex(scores.indexMin());
    }

    /**
     * The grid's index of the one-SE candidate: the first (most regularized) whose mean is within
     * one standard error of the smallest (cv.glmnet's 1se).
     */
    public int index1se() {
      return candidateIndex(scores.index1se());
    }

    /**
     * Held-out misclassification rate per scored candidate (indexed as {@link #scores()});
     * empty for regressors.
     */
    public Optional<CvSummary> misclassification() {
      return misclassification;
    }

    /** The rule that chose the candidate: the best mean score, or the one-SE rule. */
    public SelectionRule rule() {
      return rule;
    }

    /** The grid's index of the chosen candidate (always a scored one). */
    public int chosenIndex() {
      return chosenIndex;
    }

    /** The settings of the chosen candidate. */
    public Map<String, Object> chosenSettings() {
      return outcomes.get(chosenIndex).settings();
    }

    /**
     * The chosen candidate's λ: its {@code "lambda"} setting (DESIGN.md's λ), as
     * {@link MlpPathCV.Result#chosenLambda()} gives a path's, without a cast from
     * {@link #chosenSettings()}; empty when the candidates have no such setting (candidates of
     * your own).
     */
    public OptionalDouble chosenLambda() {
      return chosenSettings().get("lambda") instanceof Number n
          ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** The chosen candidate fitted on all training rows. */
    public P chosenModel() {
      return model;
    }

    /** Wall time of the search, the final fit included. */
    public double seconds() {
      return seconds;
    }

    /**
     * "GridSearchCV.Result[1se: index 3 of 4 candidates {lambda=0.01, dropout=0.2} (loss 0.412
     * ± 0.031, unweighted); indexMin 3, index1se 1; 0 diverged; 12.3 s]" (0-based grid
     * indices; the score named as {@link Scored#toString()} names it, "misclassification",
     * "mse" or "mae" in place of "loss", and "weighted by column "w"" when it was).
     */
    @Override
    public String toString() {
      int at = scored.indexOf(chosenIndex);
      Scored chosen = (Scored) outcomes.get(chosenIndex);
      return "GridSearchCV.Result[" + rule.id() + ": index " + chosenIndex + " of "
          + outcomes.size() + " candidates " + Digits.settings(chosenSettings())
          + String.format(Locale.ROOT, " (%s %.6g ± %.2g, %s)", CvText.measureWord(measure),
              scores.mean(at), scores.standardError(at),
              CvText.weighting(chosen.weightColumn()))
          + "; indexMin " + indexMin() + ", index1se " + index1se() + "; "
          + diverged().size() + " diverged; " + String.format(Locale.ROOT, "%.1f s", seconds)
          + "]";
    }
  }

  /**
   * Named settings of a search. Defaults: {@code Resampling.kFold(5, 0)},
   * {@link dev.tikhonov.select.CvMeasure#DEVIANCE} (the held-out loss),
   * {@link SelectionRule#ONE_STANDARD_ERROR}, threads = the machine's cores. Not thread-safe;
   * what it builds is immutable.
   *
   * @param <P> the fitted model
   */
  public static final class Builder<P extends Predictor> extends SearchBuilder<Builder<P>> {
    private final List<Candidate<P>> candidates;
    /** The networks' kind for a grid's candidates; other candidates' is known from the data. */
    private final Optional<NetworkKind<P>> kind;

    Builder(List<? extends Candidate<P>> candidates, Optional<NetworkKind<P>> kind) {
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("candidates must hold at least one candidate");
      }
      // the candidates whose weights the search sees must agree now; the others are weighted by
      // the builder's weightColumn, checked by build()
      requireSameWeights(candidates.stream()
          .filter(c -> ObservationColumns.seesWeights(c.estimator())).toList(),
          Optional.empty());
      for (Candidate<P> candidate : candidates) {
        NetworkEstimators.settingsOf(candidate.estimator()).ifPresent(s -> {
          if (s.threads().isPresent()) {
            throw new IllegalArgumentException("candidate " + Digits.settings(candidate.settings())
                + " sets"
                + " threads; a grid search runs each fit on one core, so leave it unset");
          }
        });
      }
      this.candidates = List.copyOf(candidates);
      this.kind = kind;
    }

    /**
     * The search over the candidates, with the resampling, measure and rule set (or their
     * defaults).
     *
     * @throws InputException about "measure" when an {@link MlpGrid}'s networks cannot be
     *     scored by it (mse or mae for classifiers, class for regressors, the AUC for either);
     *     other candidates' measure is checked when the search starts
     * @throws IllegalArgumentException when the candidates weight their rows differently, or
     *     one of this package's differs from {@link SearchBuilder#weightColumn}
     */
    public GridSearchCV<P> build() {
      kind.ifPresent(k -> SearchMeasures.require(measure, k.classifies()));
      return new GridSearchCV<>(candidates, resampling, rule, measure, threads, kind,
          requireSameWeights(candidates, weightColumn));
    }

    /**
     * The column all {@code candidates} weight their rows by: each one's own when the search
     * sees it, {@code told} (the builder's weightColumn) otherwise; refused when two differ, or
     * when one the search sees differs from {@code told}.
     */
    private static <P extends Predictor> Optional<String> requireSameWeights(
        List<? extends Candidate<P>> candidates, Optional<String> told) {
      if (candidates.isEmpty()) {
        return told;
      }
      Optional<String> first = weightsOf(candidates.get(0), told);
      for (Candidate<P> candidate : candidates) {
        Optional<String> w = weightsOf(candidate, told);
        if (told.isPresent() && !w.equals(told)) {
          throw new IllegalArgumentException("candidate " + Digits.settings(candidate.settings())
              + " is "
              + CvText.weighting(w)
              + ", but the search's weightColumn is \"" + told.get() + "\"; a search scores"
              + " every candidate on the same held-out rows, so all must weight by the same"
              + " column or none");
        }
        if (!w.equals(first)) {
          throw new IllegalArgumentException("candidates "
              + Digits.settings(candidates.get(0).settings()) + " and "
              + Digits.settings(candidate.settings()) + " weight their rows differently ("
              + describe(first) + ", " + describe(w) + "); a search scores every candidate on"
              + " the same held-out rows, so all must weight by the same column or none");
        }
      }
      return first;
    }

    private static Optional<String> weightsOf(Candidate<?> candidate, Optional<String> told) {
      return ObservationColumns.seesWeights(candidate.estimator())
          ? ObservationColumns.weightColumnOf(candidate.estimator()) : told;
    }

    private static String describe(Optional<String> weightColumn) {
      return weightColumn.map(c -> "weight column \"" + c + "\"").orElse("unweighted");
    }
  }
}
