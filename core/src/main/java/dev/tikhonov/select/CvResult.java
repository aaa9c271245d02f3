package dev.tikhonov.select;

import dev.tikhonov.internal.data.DeepCopy;
import dev.tikhonov.internal.data.Indices;
import java.util.Optional;

/**
 * Cross-validation over a λ path, with cv.glmnet's definitions. With e_kl the score of fold k at
 * λ_l by the {@link #measure} (its held-out rows' mean loss; its AUC for {@link CvMeasure#AUC})
 * and w_k the fold's size:
 *
 * <pre>
 *   mean_l = Σ_k w_k e_kl / Σ_k w_k
 *   se_l   = sqrt( Σ_k w_k (e_kl − mean_l)² / Σ_k w_k / (K − 1) )
 *   λ_min  = the largest λ with the smallest mean (the largest, for the AUC)
 *   λ_1se  = the largest λ with mean_l ≤ mean_min + se_min (mean_l ≥ mean_max − se_max)
 * </pre>
 *
 * <p>A fold whose path did not converge (the budget of passes ran out, as glmnet's {@code maxit}
 * warning, or a tolerance below what double precision reaches) is still scored, at its last fit
 * for the λ below where its path ended (before the λ the budget ran out during: glmnet drops
 * it),
 * and counted in K at every λ, as cv.glmnet 4.x scores and counts it
 * ({@link CrossValidation#run}); {@link #warning} then says so,
 * as glmnet's fold fits warn, because the held-out losses at those λ are not those of the
 * solutions. Immutable and thread-safe: the arrays are copied in, and the accessors of the
 * arrays return copies; {@link #lambda(int)}, {@link #mean(int)}, {@link #standardError(int)} and
 * {@link #foldLoss(int, int)} read one value without copying, for loops over λ.
 *
 * @param lambdas the λ values (the full data's path), decreasing
 * @param mean mean CV score per λ by the {@link #measure} (by default the deviance: the MSE for
 *     gaussian)
 * @param standardError its standard error per λ
 * @param foldLoss e_kl, [fold k − 1][λ index]
 * @param indexMin index of λ_min
 * @param index1se index of λ_1se
 * @param warning the first fold whose path did not converge, with its path's warning and how
 *     many other folds did not, in the library's words ({@link CvShortfall#pathMessage()}, or
 *     as read back from a file); empty when every fold's path converged
 * @param shortfall which folds fell short and why, as numbers (their paths' and, under an
 *     adaptive penalty, their own pilots' shortfalls), for a caller that words its own remedy;
 *     empty when none did, and for a result read back from a file that kept only the warning
 * @param measure what the folds were scored by
 */
public record CvResult(
    double[] lambdas,
    double[] mean,
    double[] standardError,
    double[][] foldLoss,
    int indexMin,
    int index1se,
    Optional<String> warning,
    Optional<CvShortfall> shortfall,
    CvMeasure measure) {

  public CvResult {
    java.util.Objects.requireNonNull(warning, "warning (Optional.empty() for none)");
    java.util.Objects.requireNonNull(shortfall, "shortfall (Optional.empty() for none)");
    java.util.Objects.requireNonNull(measure, "measure");
    lambdas = lambdas.clone();
    mean = mean.clone();
    standardError = standardError.clone();
    foldLoss = DeepCopy.of(foldLoss);
  }

  /** The λ values (the full data's path), decreasing; a new array. */
  @Override
  public double[] lambdas() {
    return lambdas.clone();
  }

  /** Mean CV score per λ by the {@link #measure}; a new array. */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /** Its standard error per λ; a new array. */
  @Override
  public double[] standardError() {
    return standardError.clone();
  }

  /** e_kl, [fold k − 1][λ index]; new arrays. */
  @Override
  public double[][] foldLoss() {
    return DeepCopy.of(foldLoss);
  }

  /** How many λ were scored. */
  public int numLambdas() {
    return lambdas.length;
  }

  /** How many folds were scored. */
  public int numFolds() {
    return foldLoss.length;
  }

  /** λ at index {@code l} (0-based). */
  public double lambda(int l) {
    return lambdas[checked(l)];
  }

  /** The mean CV score at λ index {@code l} (0-based). */
  public double mean(int l) {
    return mean[checked(l)];
  }

  /** The standard error at λ index {@code l} (0-based). */
  public double standardError(int l) {
    return standardError[checked(l)];
  }

  /** e_kl: fold {@code fold}'s score (0-based, fold k is k − 1) at λ index {@code l}. */
  public double foldLoss(int fold, int l) {
    return foldLoss[Indices.checked(fold, foldLoss.length, "fold", "folds")][checked(l)];
  }

  private int checked(int l) {
    return Indices.checked(l, lambdas.length, "λ", "λ");
  }

  /** A result scored by the deviance ({@link CvMeasure#DEVIANCE}). */
  public CvResult(double[] lambdas, double[] mean, double[] standardError, double[][] foldLoss,
      int indexMin, int index1se, Optional<String> warning, Optional<CvShortfall> shortfall) {
    this(lambdas, mean, standardError, foldLoss, indexMin, index1se, warning, shortfall,
        CvMeasure.DEVIANCE);
  }

  /**
   * A result whose folds' shortfalls are known only by the library's sentence {@code warning}
   * (read back from a file that kept it).
   */
  public CvResult(double[] lambdas, double[] mean, double[] standardError, double[][] foldLoss,
      int indexMin, int index1se, Optional<String> warning) {
    this(lambdas, mean, standardError, foldLoss, indexMin, index1se, warning, Optional.empty());
  }

  /** A result whose folds all converged (no {@link #warning}). */
  public CvResult(double[] lambdas, double[] mean, double[] standardError, double[][] foldLoss,
      int indexMin, int index1se) {
    this(lambdas, mean, standardError, foldLoss, indexMin, index1se, Optional.empty(),
        Optional.empty());
  }

  /**
   * Under an adaptive penalty: the first fold whose own pilot did not converge, so that its
   * path was fitted with factors from fits cut short, in the library's words
   * ({@link CvShortfall#pilotMessage()}); empty when every fold's pilot converged or without an
   * adaptive penalty.
   */
  public Optional<String> adaptivePilotWarning() {
    return shortfall.flatMap(CvShortfall::pilotMessage);
  }

  /**
   * λ_min, the λ ({@link #lambdas()}' scale, DESIGN.md's λ) with the best mean score: the
   * largest λ with the smallest mean held-out loss (the largest mean, for the AUC).
   */
  public double lambdaMin() {
    return lambdas[indexMin];
  }

  /**
   * λ_1se, the largest λ whose mean score is within one standard error of λ_min's (mean ≤
   * mean_min + se_min; ≥ mean_max − se_max for the AUC): the simplest model CV cannot tell from
   * the best; ≥ {@link #lambdaMin()}.
   */
  public double lambda1se() {

    return lambdas[index1se];
  }

  /**
   * "CvResult[100 λ from 0.52 to 5.2e-05, 10 folds; λ_min = 0.0008 (index 46, loss 0.0101 ±
   * 0.00040), λ_1se = …]": the choices with their mean held-out loss ± standard error (the
   * measure's id in place of "loss" when it is not the deviance), not the arrays' addresses.
   */
  @Override
  public String toString() {
    if (lambdas.length == 0) {
      return "CvResult[no λ]";
    }
    return String.format(java.util.Locale.ROOT,
        "CvResult[%d λ from %.4g to %.4g, %d folds; λ_min = %s, λ_1se = %s]", lambdas.length,
        lambdas[0], lambdas[lambdas.length - 1], foldLoss.length, describe(indexMin),
        describe(index1se));
  }

  /** "0.0008159 (index 46, loss 0.01012 ± 0.00040)": λ at {@code index}, its mean ± SE. */
  String describe(int index) {
    return String.format(java.util.Locale.ROOT, "%.4g (index %d, %s %.6g ± %.2g)",
        lambdas[index], index, measure == CvMeasure.DEVIANCE ? "loss" : measure.id(),
        mean[index], standardError[index]);
  }

  /**
   * This result with {@code newShortfall} in place of its {@link #shortfall} and the
   * {@link #warning} it words: for a cross-validation that
   * scores its fold paths itself, as the Spark module's distributed IRLS does, with
   * {@link CrossValidation#foldPathsShortfall}.
   */
  public CvResult withShortfall(Optional<CvShortfall> newShortfall) {
    return new CvResult(lambdas, mean, standardError, foldLoss, indexMin, index1se,
        newShortfall.flatMap(CvShortfall::pathMessage), newShortfall, measure);
  }

  /**
   * Builds the result from per-fold scores and fold weights, as cv.glmnet's cvcompute, every
   * fold counted at every λ (N = K, as cv.glmnet 4.x counts a fold whose path ended early); for
   * a measure whose larger values are better, λ_min and λ_1se are chosen on the negated scores,
   * as cv.glmnet's getOptcv.glmnet chooses them for the AUC.
   */
  static CvResult of(double[] lambda, double[][] foldLoss, double[] foldWeight,
      Optional<CvShortfall> shortfall, CvMeasure measure) {
    CvSummary s;
    double[] mean;
    if (measure.largerIsBetter()) {
      double[][] negated = new double[foldLoss.length][];
      for (int f = 0; f < foldLoss.length; f++) {
        negated[f] = foldLoss[f].clone();
        for (int l = 0; l < negated[f].length; l++) {
          negated[f][l] = -negated[f][l];
        }
      }
      s = CvSummary.of(negated, foldWeight);
      mean = s.mean();
      for (int l = 0; l < mean.length; l++) {
        mean[l] = -mean[l];
      }
    } else {
      s = CvSummary.of(foldLoss, foldWeight);
      mean = s.mean();
    }
    return new CvResult(lambda.clone(), mean, s.standardError(), foldLoss, s.indexMin(),
        s.index1se(), shortfall.flatMap(CvShortfall::pathMessage), shortfall, measure);
  }

  /**
   * The result for per-fold losses [fold][λ index] over a strictly decreasing λ sequence, each
   * fold weighted by {@code foldWeight} (normally its number of held-out rows) and fitted at
   * every λ: cv.glmnet's cvcompute ({@link CvSummary}), scored by the deviance.
   */
  public static CvResult of(double[] lambda, double[][] foldLoss, double[] foldWeight) {
    return of(lambda, foldLoss, foldWeight, CvMeasure.DEVIANCE);
  }

  /**
   * {@link #of(double[], double[][], double[])} for per-fold scores by {@code measure} (for the
   * AUC, λ_min is the largest λ with the largest mean).
   */
  public static CvResult of(double[] lambda, double[][] foldLoss, double[] foldWeight,
      CvMeasure measure) {
    java.util.Objects.requireNonNull(measure, "measure");
    for (int l = 1; l < lambda.length; l++) {
      if (!(lambda[l] < lambda[l - 1])) {
        throw new IllegalArgumentException("λ must decrease along the path: λ " + (l + 1) + " = "
            + lambda[l] + " follows " + lambda[l - 1]);
      }
    }
    for (double[] fold : foldLoss) {
      if (fold.length != lambda.length) {
        throw new IllegalArgumentException(fold.length + " losses in a fold for "
            + lambda.length + " λ values");
      }
    }
    return of(lambda, foldLoss, foldWeight, Optional.<CvShortfall>empty(), measure);
  }
}
