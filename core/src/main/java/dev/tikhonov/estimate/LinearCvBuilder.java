package dev.tikhonov.estimate;

import dev.tikhonov.data.InputException;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.KFold;

/**
 * The cross-validation setters {@link ElasticNetCV} and {@link RelaxedLasso} add to {@link
 * LinearBuilder}'s, with cv.glmnet's defaults: 10 seeded random folds (seed 0) unless fold ids
 * are given, folds scored by the family's deviance ({@link CvMeasure#DEVIANCE}), λ_min kept
 * ({@link SelectionRule#MINIMUM}), folds fitted on as many threads as there are cores. Not
 * thread-safe; what it builds is immutable.
 *
 * <p>The folds are set by four setters, and the last one called decides: {@link #foldIds}
 * gives the folds themselves; {@link #numFolds}, {@link #seed} and {@link #resampling} give
 * seeded random folds ({@code KFold.random(n, K, seed)}), dropping fold ids given before, each
 * setting its own part and keeping the other: {@code numFolds(k)} the K (the seed kept),
 * {@code seed(s)} the seed (K kept), {@code resampling(Resampling.kFold(k, s))} both. So
 * {@code foldIds(ids).numFolds(5)} is 5 random folds, {@code numFolds(5).foldIds(ids)} the
 * given ones, {@code resampling(Resampling.kFold(10, 3)).numFolds(5)} 5 folds seeded 3, and a
 * {@code toBuilder()} of an estimator with fold ids takes {@code numFolds(k)} as a request for
 * random folds.
 *
 * @param <B> the concrete builder
 */
public abstract class LinearCvBuilder<B extends LinearCvBuilder<B>> extends LinearBuilder<B> {
  int numFolds = 10;
  int[] foldIds = new int[0];
  long seed;
  SelectionRule rule = SelectionRule.MINIMUM;
  CvMeasure measure = CvMeasure.DEVIANCE;
  int threads = Runtime.getRuntime().availableProcessors();

  LinearCvBuilder() {}

  /**
   * K, the number of seeded random folds (default 10, as cv.glmnet); drops fold ids given before
   * and keeps the seed (the class comment's rule: the last fold setter decides).
   */
  public B numFolds(int value) {
    numFolds = value;
    foldIds = new int[0];
    return self();
  }

  /**
   * Folds of your own: one id 1..K per row in data order (cv.glmnet's foldid); the K and seed
   * of random folds set before do not apply, until {@link #numFolds}, {@link #seed} or
   * {@link #resampling} is called after it (the class comment's rule).
   */
  public B foldIds(int... ids) {
    if (ids.length == 0) {
      throw new IllegalArgumentException("foldIds: no fold ids given");
    }
    foldIds = ids.clone();
    return self();
  }

  /**
   * The folds of {@link #foldIds} for {@code n} rows.
   *
   * @throws InputException about {@code foldIds} when there is not one id per row, an id is
   *     below 1, all rows share one fold, or a fold of 1..K has no rows
   */
  static KFold givenFolds(int[] ids, int n) {
    if (ids.length != n) {
      throw InputException.about("foldIds", ": " + ids.length
          + " fold ids for " + n + " rows");
    }
    try {
      // the one check of given folds (the CLI's --foldid and --fold-column take it too), in
      // its words after the setting's name; setting() names foldIds
      return KFold.given(ids, "foldIds", "rows");
    } catch (InputException e) {
      throw InputException.about("foldIds", e.getMessage().substring("foldIds".length()));
    }
  }

  /**
   * The folds as the network searches take them ({@link SearchBuilder#resampling}):
   * {@code resampling(Resampling.kFold(k, s))} is {@code numFolds(k).seed(s)}, the same folds
   * (both are {@code KFold.random(n, k, s)}), so one Resampling can serve a linear and a
   * network cross-validation of the same data; {@code Resampling.givenFolds(ids)} is
   * {@code foldIds(ids)}. Fold ids given before are dropped (the class comment's rule: the last
   * fold setter decides). Repeated
   * seeds on one split ({@link Resampling#repeatedSeeds}) are for networks, whose training is
   * random: an IllegalArgumentException here.
   */
  public B resampling(Resampling value) {
    Resampling.requireFolds(value);
    numFolds = value.numFolds();
    seed = value.seed();
    foldIds = value.foldIds(); // empty for random folds
    return self();
  }

  /**
   * Seed of the random fold assignment (default 0); drops fold ids given before and keeps K (the
   * class comment's rule: the last fold setter decides).
   */
  public B seed(long value) {
    seed = value;
    foldIds = new int[0];
    return self();
  }

  /**
   * Which point {@code fit} keeps: the one at the smallest mean held-out loss or the most
   * regularized one within one standard error of it (default {@link SelectionRule#MINIMUM}).
   */
  public B rule(SelectionRule value) {
    rule = java.util.Objects.requireNonNull(value, "rule");
    return self();
  }

  /**
   * What each fold's held-out rows are scored by, cv.glmnet's {@code type.measure} (default
   * {@link CvMeasure#DEVIANCE}: the MSE for gaussian): also the MSE, the MAE, the
   * misclassification rate (classes) or the AUC (binomial), whose largest mean is the best.
   * Checked against the family when the estimator is built.
   */
  public B measure(CvMeasure value) {
    measure = java.util.Objects.requireNonNull(value, "measure");
    return self();
  }

  /**
   * The folds as an estimator's text names them: {@code fold_ids=given (K folds)} when fold ids
   * decide them, else {@code num_folds} and {@code seed}.
   */
  static void putFolds(java.util.Map<String, Object> m, int numFolds, int[] foldIds,
      long seed) {
    if (foldIds.length > 0) {
      m.put("fold_ids", "given (" + java.util.Arrays.stream(foldIds).max().getAsInt()
          + " folds)");
    } else {
      m.put("num_folds", numFolds);
      m.put("seed", seed);
    }
  }

  /** These settings set to {@code from}'s, the shared ones and the cross-validation's. */
  B copyCvSettings(LinearCvBuilder<?> from) {
    copySettings(from);
    numFolds = from.numFolds;
    foldIds = from.foldIds.clone();
    seed = from.seed;
    rule = from.rule;
    measure = from.measure;
    threads = from.threads;
    return self();
  }

  /** Folds fitted in parallel on this many threads (default: the cores). */
  public B threads(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + value);
    }
    threads = value;
    return self();
  }
}
