package dev.tikhonov.spark;

import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.FoldException;
import dev.tikhonov.select.FoldStatistics;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * The cross-validation part of the distributed IRLS ({@link SingleResponseIrls}, {@link
 * MultinomialIrls}), as the single-machine {@code CrossValidation.path} and cv.glmnet: fold k's
 * path is taken at the full path's λ (its own default sequence interpolated linearly in λ, or the
 * same λ when a sequence is given), a fold path that stopped early is scored at its last λ for the
 * rest (a path the pass budget cut short ends at the fit before the λ it interrupted, as
 * glmnet's does), and the
 * scoring pass's held-out sums give each fold's mean score e_kl = Σ_{i ∈ k} wᵢ v_il / Σ_{i ∈ k} wᵢ,
 * v_il the row's value by the {@link CvMeasure} (by default its deviance dev_il; {@link
 * CvMeasure#rowValue} for the MSE, MAE and misclassification), folds weighted by their Σw. The
 * distributed gaussian MAE uses the same pass and curve. A fold path with λ not certified to the
 * tolerance (a Newton step budget run out, or a tolerance below what double precision reaches) is
 * still scored, and the curve's {@link CvResult#warning} says so, worded as the core's, from the
 * folds' typed shortfalls ({@link CrossValidation#foldPathsShortfall}). Stateless.
 */
final class IrlsCrossValidation {
  /**
   * Each fold's point at each λ of the full path: intercepts [fold − 1][λ][class] and
   * coefficients [fold − 1][λ][class][feature], the fold paths' own arrays.
   */
  record FoldPoints(double[][][] intercepts, double[][][][] coefficients) {}

  private IrlsCrossValidation() {}

  /** The fold paths {@code folds} (fold k at index k − 1) at the full path's {@code lambdas}. */
  static FoldPoints atFullLambdas(PathSolution[] folds, double[] lambdas,
      boolean defaultSequence) {
    int k = folds.length;
    int m = lambdas.length;
    double[][][] a0 = new double[k][m][];
    double[][][][] b = new double[k][m][][];
    for (int f = 0; f < k; f++) {
      // As the core's CrossValidation: a fold path that stopped early (its own stopping rule,
      // or the pass budget, whose interrupted λ it dropped as glmnet does) is scored at its
      // last λ for the rest (cv.glmnet).
      PathSolution fold = defaultSequence ? folds[f].interpolate(lambdas) : folds[f];
      int available = Math.min(fold.size(), m);
      for (int l = 0; l < m; l++) {
        int at = Math.min(l, available - 1);
        a0[f][l] = fold.intercepts(at);
        b[f][l] = fold.coefficients(at);
      }
    }
    return new FoldPoints(a0, b);
  }

  /**
   * The single-response scoring pass ({@link NewtonPass#heldOut}) of fold paths at the full
   * path's λ ({@link #atFullLambdas}), each fit's one coefficient vector: fold k's sums of
   * {@code value} at every λ, then its Σw.
   */
  static double[][] heldOut(NewtonPass pass, JavaRDD<Row> rows, NewtonPass.HeldOutValue value,
      FoldPoints points) {
    SingleResponse fits = SingleResponse.of(points);
    return pass.heldOut(rows, value, fits.a0(), fits.b());
  }

  /** Fold points of single-response fits: a₀ [fold][λ] and b [fold][λ][feature]. */
  private record SingleResponse(double[][] a0, double[][][] b) {
    static SingleResponse of(FoldPoints points) {
      int k = points.intercepts().length;
      int m = k == 0 ? 0 : points.intercepts()[0].length;
      double[][] a0 = new double[k][m];
      double[][][] b = new double[k][m][];
      for (int f = 0; f < k; f++) {
        for (int l = 0; l < m; l++) {
          a0[f][l] = points.intercepts()[f][l][0];
          b[f][l] = points.coefficients()[f][l][0];
        }
      }
      return new SingleResponse(a0, b);
    }
  }

  /**
   * The AUC pass ({@link NewtonPass#heldOutAuc}) of binomial fold paths at the full path's λ:
   * fold k's AUC at every λ, then its Σw.
   */
  static double[][] heldOutAuc(NewtonPass pass, JavaRDD<Row> rows, FoldPoints points) {
    SingleResponse fits = SingleResponse.of(points);
    return pass.heldOutAuc(rows, fits.a0(), fits.b());
  }

  /**
   * What the single-response scoring pass sums per row for {@code measure}: for the deviance the
   * family's own {@link IrlsFamily#heldOutDeviance} (the numbers of the deviance curve before
   * measures existed), else {@link CvMeasure#rowValue}.
   *
   * @throws IllegalArgumentException for a measure with no value per row (the AUC) or one the
   *     family does not take; {@link SparkElasticNetCV} refuses those first
   */
  static NewtonPass.HeldOutValue heldOutValue(IrlsFamily family, CvMeasure measure) {
    if (measure == CvMeasure.DEVIANCE) {
      return (y, eta) -> family.heldOutDeviance(y, eta[0]);
    }
    return heldOutValue(family.family(), measure);
  }

  /** {@link CvMeasure#rowValue} of {@code family}'s rows, checked here on the driver. */
  static NewtonPass.HeldOutValue heldOutValue(Family family, CvMeasure measure) {
    if (measure == CvMeasure.AUC || !measure.appliesTo(family)) {
      throw new IllegalArgumentException("'" + measure.id() + "' has no value per row of a "
          + family + " path");
    }
    return (y, eta) -> measure.rowValue(family, eta, y);
  }

  /**
   * cv.glmnet's curve from the scoring pass, scored by {@code measure}: {@code heldOut[k − 1]}
   * holds fold k's weighted sums of the measure's row values at the m λ, then its weight sum at
   * index m; {@code folds} are the fold paths the sums were taken from (fold k at index k − 1,
   * not interpolated), whose warnings the curve carries.
   */
  static CvResult curve(double[] lambdas, double[][] heldOut, PathSolution[] folds,
      CvMeasure measure) {
    int k = heldOut.length;
    int m = lambdas.length;
    double[][] foldLoss = new double[k][m];
    double[] foldWeight = new double[k];
    for (int f = 0; f < k; f++) {
      foldWeight[f] = heldOut[f][m];
      for (int l = 0; l < m; l++) {
        foldLoss[f][l] = heldOut[f][l] / foldWeight[f];
      }
    }
    return CvResult.of(lambdas, foldLoss, foldWeight, measure)
        .withShortfall(CrossValidation.foldPathsShortfall(List.of(folds)));
  }

  /**
   * Refuses, before any fit, a binomial fold whose held-out rows of positive weight are all of
   * one class (its AUC is not defined), from the fold's statistics: its weighted label mean is
   * exactly 0 or 1 then (Σwᵢ·yᵢ / Σwᵢ with every yᵢ equal).
   *
   * @throws FoldException naming the fold
   */
  static void requireBothClasses(FoldStatistics statistics) {
    int k = statistics.numFolds();
    for (int f = 1; f <= k; f++) {
      GaussianStatistics fold = statistics.fold(f);
      double mean = fold.targetMean();
      if (fold.weightSum() > 0 && (mean == 0 || mean == 1)) {
        throw oneClass(f, k);
      }
    }
  }

  private static FoldException oneClass(int fold, int k) {
    return new FoldException(fold, k, "fold " + fold + " of " + k + ": its held-out rows of"
        + " positive weight are all of one class, so their AUC (which ranks rows of one class"
        + " against the other) is not defined; use fewer folds (more held-out rows each), folds"
        + " of your own, or another measure");
  }

  /**
   * cv.glmnet's AUC curve from the AUC pass: {@code auc[k − 1]} holds fold k's AUC at the m λ,
   * then its Σw; the largest mean is the best ({@link CvResult}).
   *
   * @throws FoldException for a fold whose held-out rows of positive weight are all of one class
   *     (its AUC is not a number), naming it
   */
  static CvResult aucCurve(double[] lambdas, double[][] auc, PathSolution[] folds) {
    int k = auc.length;
    int m = lambdas.length;
    double[][] foldScore = new double[k][];
    double[] foldWeight = new double[k];
    for (int f = 0; f < k; f++) {
      foldScore[f] = java.util.Arrays.copyOf(auc[f], m);
      foldWeight[f] = auc[f][m];
      if (Double.isNaN(foldScore[f][0])) {
        throw oneClass(f + 1, k);
      }
    }
    return CvResult.of(lambdas, foldScore, foldWeight, CvMeasure.AUC)
        .withShortfall(CrossValidation.foldPathsShortfall(List.of(folds)));
  }
}
