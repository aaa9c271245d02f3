package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.Shortfall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * cv.glmnet for the gaussian family from per-fold sufficient statistics
 * ({@link CrossValidation#gaussian}): the full path from {@link FoldStatistics#total()}, fold
 * k's path from {@link FoldStatistics#training(int)} (its own default λ sequence interpolated at
 * the full path's λ, or the full path's λ themselves), each scored on its held-out fold from
 * that fold's statistics alone,
 *
 * <pre>
 *   e_kl = (1/W_k) Σ_{i in fold k} wᵢ (yᵢ − a₀ₗ − xᵢ·bₗ)² = fold(k).meanSquaredError(a₀ₗ, bₗ),
 * </pre>
 *
 * with fold weights W_k (the fold's weight sum; its size for unit weights), then {@link CvResult}'s
 * mean, standard error, λ_min and λ_1se. The same rules as {@link CrossValidation#run} (a fold
 * whose path stops early is scored at its last fit for the rest and counted at every λ).
 * Stateless and thread-safe.
 */
final class StatisticsCrossValidation {
  private StatisticsCrossValidation() {}

  /** The result is labelled with {@code measure}: the deviance or the MSE, the same numbers. */
  static CrossValidation.Fit run(FoldStatistics folds, PathSettings settings,
      List<String> featureNames, CrossValidation.Alignment alignment, CvMeasure measure,
      int threads) {
    PathSolution full = ElasticNetPath.fit(folds.total(), settings, featureNames);
    CrossValidation.Alignment effective =
        settings.defaultSequence() ? alignment : CrossValidation.Alignment.SAME_LAMBDAS;
    double[] lambdas = full.lambdas();
    int k = folds.numFolds();
    int m = lambdas.length;
    List<Callable<CrossValidation.FoldScore>> tasks = new ArrayList<>();
    for (int f = 1; f <= k; f++) {
      int fold = f;
      tasks.add(() -> {
        PathSolution path;
        Optional<Shortfall> shortfall;
        try {
          GaussianStatistics training = folds.training(fold);
          PathSolution own = effective != CrossValidation.Alignment.SAME_LAMBDAS
              ? ElasticNetPath.fit(training, settings, featureNames)
              : ElasticNetPath.fit(training, settings.withLambdas(lambdas), featureNames);
          shortfall = own.shortfall();
          path = effective == CrossValidation.Alignment.INTERPOLATE
              ? own.interpolate(lambdas) : own;
        } catch (InputException e) {
          throw new FoldException(fold, k, "fold " + fold + " of " + k + " (its training rows): "
              + e.getMessage(), e);
        }
        GaussianStatistics heldOut = folds.fold(fold);
        double[] losses = new double[m];
        int available = Math.min(path.size(), m);
        for (int l = 0; l < m; l++) {
          losses[l] = l < available ? heldOut.meanSquaredError(path.intercept(l, 0),
              path.coefficients(l)[0]) : losses[available - 1];
        }
        return new CrossValidation.FoldScore(losses, shortfall);
      });
    }
    List<CrossValidation.FoldScore> results = CrossValidation.runAll(tasks, threads);
    double[][] foldLoss = new double[k][];
    double[] foldWeight = new double[k];
    for (int f = 0; f < k; f++) {
      foldLoss[f] = results.get(f).losses();
      foldWeight[f] = folds.fold(f + 1).weightSum();
    }
    return new CrossValidation.Fit(full, CvResult.of(lambdas, foldLoss, foldWeight,
        CrossValidation.shortfall(results), measure));
  }
}
