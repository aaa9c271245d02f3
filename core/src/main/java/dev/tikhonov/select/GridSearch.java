package dev.tikhonov.select;

import dev.tikhonov.internal.data.Indices;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Chooses among settings of any trainer by held-out score: every config is trained on each
 * split's training rows and scored on its validation rows (lower is better); the reported score
 * is cv.glmnet's weighted mean over splits with its standard error ({@link CvSummary}: splits
 * weighted by their validation rows; with equal sizes the error is {@code sd/√K}; 0 for one
 * split). The configs are listed from the most regularized (simplest) to the least, so that
 * besides the best config the one-standard-error rule can pick the simplest config within one
 * standard error of it. The (config, split) jobs run in parallel on a fixed number of threads.
 *
 * <pre>
 *   best = argmin_c (1/Σw_k) Σ_k w_k score(c, train_k, validation_k)
 *   1se  = the first c with mean_c ≤ mean_best + se_best
 * </pre>
 *
 * Stateless; thread-safe as long as the scorer is.
 */
public final class GridSearch {
  private GridSearch() {}

  /**
   * Trains one config on some rows and returns its validation score (lower is better).
   * Implementations must be thread-safe: {@link GridSearch#run} with several threads calls one
   * scorer from all of them at once; the row arrays are shared by a split's jobs, to read only.
   *
   * @param <C> a config: the settings one candidate trains with
   */
  @FunctionalInterface
  public interface Scorer<C> {
    /**
     * {@code config}'s score on {@code validationRows} after training on {@code trainRows}
     * (0-based row indices, to read only); lower is better, finite.
     */
    double score(C config, int[] trainRows, int[] validationRows);
  }

  /**
   * One train/validation split of row indices. Immutable and thread-safe: the arrays are copied
   * in, and their accessors return copies ({@link #numTrainRows()} and
   * {@link #numValidationRows()} count them without one).
   *
   * @param trainRows the rows a config is trained on, 0-based indices
   * @param validationRows the rows it is scored on, 0-based indices
   */

  public record Split(int[] trainRows, int[] validationRows) {
    public Split {
      trainRows = trainRows.clone();
      validationRows = validationRows.clone();
    }

    /** The training rows' indices; a new array. */
    @Override
    public int[] trainRows() {
      return trainRows.clone();
    }

    /** The validation rows' indices; a new array. */
    @Override
    public int[] validationRows() {
      return validationRows.clone();
    }

    /** How many rows it trains on. */
    public int numTrainRows() {
      return trainRows.length;
    }

    /** How many rows it validates on. */
    public int numValidationRows() {
      return validationRows.length;
    }

    /** "Split[80 train rows, 20 validation rows]". */
    @Override
    public String toString() {
      return "Split[" + trainRows.length + " train rows, " + validationRows.length
          + " validation rows]";
    }

  }

  /**
   * Scores per config and split. Immutable, and thread-safe as long as the configs are: the
   * config list and the arrays are copied in, and the arrays' accessors return copies;
   * {@link #score(int, int)}, {@link #mean(int)} and {@link #standardError(int)} read one value
   * without copying, for loops over the configs.
   *
   * @param <C> a config: the settings one candidate trains with
   * @param configs the settings tried, from the most regularized to the least
   * @param scores [config][split]
   * @param mean mean score per config, splits weighted by their validation rows
   * @param standardError its standard error per config (0 for one split)
   * @param indexMin index of the config with the smallest mean (the first among ties): cv.glmnet's
   *     index of lambda.min
   * @param index1se index of the first config whose mean is within one standard error of the
   *     smallest (≤ indexMin): cv.glmnet's index of lambda.1se
   */
  public record Result<C>(
      List<C> configs, double[][] scores, double[] mean, double[] standardError, int indexMin,
      int index1se) {
    public Result {
      configs = List.copyOf(configs);
      double[][] rows = new double[scores.length][];
      for (int c = 0; c < scores.length; c++) {
        rows[c] = scores[c].clone();
      }
      scores = rows;
      mean = mean.clone();
      standardError = standardError.clone();
      if (scores.length != configs.size() || mean.length != configs.size()
          || standardError.length != configs.size()) {
        throw new IllegalArgumentException(configs.size() + " configs with " + scores.length
            + " score rows, " + mean.length + " means and " + standardError.length
            + " standard errors");
      }
    }

    /** [config][split]; new arrays. */
    @Override
    public double[][] scores() {
      double[][] out = new double[scores.length][];
      for (int c = 0; c < scores.length; c++) {
        out[c] = scores[c].clone();
      }
      return out;
    }

    /** Mean score per config; a new array. */
    @Override
    public double[] mean() {
      return mean.clone();
    }

    /** Its standard error per config; a new array. */
    @Override
    public double[] standardError() {
      return standardError.clone();
    }

    /** How many configs were scored. */
    public int numConfigs() {
      return configs.size();
    }

    /** How many splits each config was scored on. */
    public int numSplits() {
      return scores.length == 0 ? 0 : scores[0].length;
    }

    /** Config {@code config}'s score on split {@code split} (both 0-based). */
    public double score(int config, int split) {
      double[] row = scores[checked(config)];
      return row[Indices.checked(split, row.length, "split", "splits")];
    }

    /** The mean score of config {@code config} (0-based). */
    public double mean(int config) {
      return mean[checked(config)];
    }

    /** The standard error of config {@code config} (0-based). */
    public double standardError(int config) {
      return standardError[checked(config)];
    }

    private int checked(int config) {
      return Indices.checked(config, configs.size(), "config", "configs");
    }

    /** The config with the smallest mean score. */
    public C configMin() {
      return configs.get(indexMin);
    }

    /** The simplest config within one standard error of the best. */
    public C config1se() {
      return configs.get(index1se);
    }

    /**
     * "Result[4 configs, 5 splits; min: {lambda=0.01} (loss 0.412 ± 0.031), 1se: …]", not the
     * arrays' addresses.
     */
    @Override
    public String toString() {
      if (configs.isEmpty()) {
        return "Result[no configs]";
      }
      return String.format(java.util.Locale.ROOT,
          "Result[%d configs, %d splits; min: %s (loss %.6g ± %.2g), 1se: %s (loss %.6g ± "
              + "%.2g)]", configs.size(), scores.length == 0 ? 0 : scores[0].length, configMin(),
          mean[indexMin], standardError[indexMin], config1se(), mean[index1se],
          standardError[index1se]);
    }

    /**
     * The result for {@code scores} [config][split] computed elsewhere, each split weighted by
     * {@code splitWeights} (its validation rows): the same statistics as {@link #run}.
     *
     * @param <C> a config: the settings one candidate trains with
     */
    public static <C> Result<C> of(List<C> configs, double[][] scores, double[] splitWeights) {
      int c = configs.size();
      if (c == 0 || scores.length != c) {
        throw new IllegalArgumentException(scores.length + " score rows for " + c + " configs");
      }
      int k = splitWeights.length;
      double[][] byFold = new double[k][c];
      for (int i = 0; i < c; i++) {
        if (scores[i].length != k) {
          throw new IllegalArgumentException("config " + (i + 1) + " has " + scores[i].length
              + " scores for " + k + " splits");
        }
        for (int f = 0; f < k; f++) {
          byFold[f][i] = scores[i][f];
        }
      }
      CvSummary s = CvSummary.of(byFold, splitWeights);
      double[] se = k > 1 ? s.standardError() : new double[c];
      int best = s.indexMin();
      double[] mean = s.mean();
      return new Result<>(configs, scores, mean, se, best,
          CvSummary.indexOneStandardError(mean, se, best));
    }
  }

  /** The K splits of k-fold cross-validation. */
  public static List<Split> kFold(KFold folds) {
    List<Split> splits = new ArrayList<>();
    for (int f = 1; f <= folds.numFolds(); f++) {
      splits.add(new Split(folds.trainRows(f), folds.testRows(f)));
    }
    return splits;
  }

  /** One seeded random split with {@code validationFraction} of the n rows held out. */
  public static List<Split> holdout(int n, double validationFraction, long seed) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1), got "
          + validationFraction);
    }
    int[] order = new Rng(seed).permutation(n);
    int held = (int) Math.round(n * validationFraction);
    if (held == 0 || held == n) {
      throw new IllegalArgumentException("a validation fraction of " + validationFraction
          + " leaves an empty side of " + n + " rows");
    }
    int[] validation = java.util.Arrays.copyOf(order, held);
    int[] train = java.util.Arrays.copyOfRange(order, held, n);
    java.util.Arrays.sort(validation);
    java.util.Arrays.sort(train);
    return List.of(new Split(train, validation));
  }

  /**
   * Scores every config (most regularized first) on every split with {@code threads} threads.
   *
   * @param <C> a config: the settings one candidate trains with
   */
  public static <C> Result<C> run(
      List<C> configs, Scorer<C> scorer, List<Split> splits, int threads) {
    if (configs.isEmpty() || splits.isEmpty()) {
      throw new IllegalArgumentException("grid search needs at least one config and one split");
    }
    // each split's rows copied out once, shared by its configs' jobs (they only read them)
    List<int[]> train = new ArrayList<>();
    List<int[]> validation = new ArrayList<>();
    for (Split split : splits) {
      train.add(split.trainRows());
      validation.add(split.validationRows());
    }
    List<Callable<Double>> tasks = new ArrayList<>();
    for (C config : configs) {
      for (int f = 0; f < splits.size(); f++) {
        int[] trainRows = train.get(f);
        int[] validationRows = validation.get(f);
        tasks.add(() -> scorer.score(config, trainRows, validationRows));
      }
    }
    List<Double> flat = CrossValidation.runAll(tasks, threads);
    int c = configs.size();
    int k = splits.size();
    double[][] scores = new double[c][k];
    for (int i = 0; i < c; i++) {
      for (int f = 0; f < k; f++) {
        scores[i][f] = flat.get(i * k + f);
      }
    }
    double[] weights = new double[k];
    for (int f = 0; f < k; f++) {
      weights[f] = splits.get(f).numValidationRows();
    }
    return Result.of(configs, scores, weights);
  }
}
