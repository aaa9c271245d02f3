package dev.tikhonov.spark;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.FoldException;
import dev.tikhonov.select.FoldStatistics;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * The gaussian cross-validation by a measure the per-fold statistics do not give (the MAE,
 * cv.glmnet's {@code type.measure = "mae"}): the path on all rows and every fold's path on its
 * training rows from the statistics on the driver, as {@link CrossValidation#gaussian} fits them
 * (fold k's own default sequence interpolated at the full path's λ, or the same λ when a
 * sequence is given), then one distributed pass ({@link NewtonPass#heldOut}) over the rows that
 * scores each fold's held-out rows at every λ,
 *
 * <pre>
 *   e_kl = Σ_{i ∈ k} wᵢ |yᵢ − a₀ₗ − xᵢ·bₗ| / Σ_{i ∈ k} wᵢ        (fold k's fit at λ_l)
 * </pre>
 *
 * (any row-wise {@link CvMeasure} of the gaussian family: {@link CvMeasure#rowValue}), folds
 * weighted by their Σw, with the curve of the IRLS families ({@link IrlsCrossValidation#curve}).
 * Stateless.
 */
final class GaussianRowsCrossValidation {
  private GaussianRowsCrossValidation() {}

  /** The fit and its fold paths at the full path's λ (the out-of-fold coefficients). */
  record Result(CrossValidation.Fit fit, IrlsCrossValidation.FoldPoints points) {}

  /**
   * The full path and its cross-validation by {@code measure}; the fold paths run on
   * {@code threads} driver threads, the scoring pass reads {@code rows} ({@link NewtonPass#rows})
   * once.
   *
   * @throws FoldException for a fold whose training rows the path cannot fit, naming the fold
   */
  static Result run(FoldStatistics statistics, PathSettings settings,
      List<String> names, NewtonPass pass, JavaRDD<Row> rows, CvMeasure measure,
      int threads) {
    NewtonPass.HeldOutValue value = IrlsCrossValidation.heldOutValue(Family.GAUSSIAN, measure);
    PathSolution full = ElasticNetPath.fit(statistics.total(), settings, names);
    double[] lambdas = full.lambdas();
    PathSolution[] folds = foldPaths(statistics, settings, names, lambdas, threads);
    IrlsCrossValidation.FoldPoints points = IrlsCrossValidation.atFullLambdas(folds, lambdas,
        settings.defaultSequence());
    double[][] heldOut = IrlsCrossValidation.heldOut(pass, rows, value, points);
    return new Result(new CrossValidation.Fit(full,
        IrlsCrossValidation.curve(lambdas, heldOut, folds, measure)), points);
  }

  /**
   * Every fold's path at the full path's {@code lambdas}, as {@link CrossValidation#gaussian}
   * fits and lines them up (fold k's own default sequence interpolated, or the same λ when a
   * sequence is given): the out-of-fold coefficients of the statistics route.
   */
  static IrlsCrossValidation.FoldPoints foldPoints(FoldStatistics statistics,
      PathSettings settings, List<String> names, double[] lambdas, int threads) {
    return IrlsCrossValidation.atFullLambdas(foldPaths(statistics, settings, names, lambdas,
        threads), lambdas, settings.defaultSequence());
  }

  private static PathSolution[] foldPaths(FoldStatistics statistics, PathSettings settings,
      List<String> names, double[] lambdas, int threads) {
    PathSettings foldSettings = settings.defaultSequence() ? settings
        : settings.withLambdas(lambdas);
    return CrossValidation.foldPaths(statistics, foldSettings, names, threads);
  }
}
