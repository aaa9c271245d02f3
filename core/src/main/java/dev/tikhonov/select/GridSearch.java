package dev.tikhonov.select;

import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Chooses among settings of any trainer by held-out score: every config is trained on each
 * split's training rows and scored on its validation rows (lower is better); the reported score
 * is the mean over splits with its standard error {@code sd/√K}. The (config, split) jobs run in
 * parallel on a fixed number of threads.
 *
 * <pre>
 *   best = argmin_c (1/K) Σ_k score(c, train_k, validation_k)
 * </pre>
 */
public final class GridSearch {
  private GridSearch() {}

  /** Trains one config on some rows and returns its validation score (lower is better). */
  @FunctionalInterface
  public interface Scorer<C> {
    double score(C config, int[] trainRows, int[] validationRows);
  }

  /** One train/validation split of row indices. */
  public record Split(int[] trainRows, int[] validationRows) {}

  /**
   * Scores per config and split.
   *
   * @param configs the settings tried, in order
   * @param scores [config][split]
   * @param mean mean score per config
   * @param standardError sd/√K per config (0 for one split)
   * @param best index of the config with the smallest mean
   */
  public record Result<C>(
      List<C> configs, double[][] scores, double[] mean, double[] standardError, int best) {
    public C bestConfig() {
      return configs.get(best);
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

  /** Scores every config on every split with {@code threads} threads. */
  public static <C> Result<C> run(
      List<C> configs, Scorer<C> scorer, List<Split> splits, int threads) {
    if (configs.isEmpty() || splits.isEmpty()) {
      throw new IllegalArgumentException("grid search needs at least one config and one split");
    }
    List<Callable<Double>> tasks = new ArrayList<>();
    for (C config : configs) {
      for (Split split : splits) {
        tasks.add(() -> scorer.score(config, split.trainRows(), split.validationRows()));
      }
    }
    List<Double> flat = CrossValidation.runAll(tasks, threads);
    int c = configs.size();
    int k = splits.size();
    double[][] scores = new double[c][k];
    double[] mean = new double[c];
    double[] se = new double[c];
    int best = 0;
    for (int i = 0; i < c; i++) {
      double s = 0;
      for (int f = 0; f < k; f++) {
        scores[i][f] = flat.get(i * k + f);
        s += scores[i][f];
      }
      mean[i] = s / k;
      double v = 0;
      for (int f = 0; f < k; f++) {
        v += (scores[i][f] - mean[i]) * (scores[i][f] - mean[i]);
      }
      se[i] = k > 1 ? Math.sqrt(v / (k - 1) / k) : 0.0;
      if (mean[i] < mean[best]) {
        best = i;
      }
    }
    return new Result<>(List.copyOf(configs), scores, mean, se, best);
  }
}
