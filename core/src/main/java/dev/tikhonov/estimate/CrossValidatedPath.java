package dev.tikhonov.estimate;

import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.OutOfFoldPredictions;

/**
 * What {@link ElasticNetCV#crossValidate} finds: the path on all rows, the cross-validation curve
 * (mean held-out deviance, or another measure, and its standard error per λ, cv.glmnet's
 * definitions), λ_min, λ_1se and the models there. With e_kl fold k's score at λ_l and w_k its
 * size: {@code mean_l = Σ_k w_k e_kl / Σ_k w_k}, {@code se_l = sqrt(Σ_k w_k (e_kl − mean_l)² / Σ_k
 * w_k / (K − 1))}, λ_min the λ of the smallest mean and λ_1se the largest λ with {@code mean_l ≤
 * mean_min + se_min} ({@link dev.tikhonov.select.CvResult}). Immutable and thread-safe as long as
 * the arrays of the path's {@link RegularizationPath#solution()}, its own and not a copy, are not
 * modified; {@link #cv()} is immutable, and {@link #mean()}, {@link #standardError()} and the
 * path's other accessors return new arrays.
 *
 * @param <M> the model at one λ
 */
public final class CrossValidatedPath<M extends Predictor> {
  private final RegularizationPath<M> path;
  private final CvResult cv;
  private final SelectionRule rule;
  private final java.util.Optional<OutOfFoldPredictions> outOfFold;
  private final java.util.Optional<String> weightColumn;

  CrossValidatedPath(RegularizationPath<M> path, CvResult cv, SelectionRule rule,
      java.util.Optional<OutOfFoldPredictions> outOfFold,
      java.util.Optional<String> weightColumn) {
    this.path = path;
    this.cv = cv;
    this.rule = rule;
    this.outOfFold = java.util.Objects.requireNonNull(outOfFold, "outOfFold");
    this.weightColumn = java.util.Objects.requireNonNull(weightColumn, "weightColumn");
  }

  /**
   * The column that weighted the fits, the held-out scores and the folds' mean (the estimator's
   * {@link LinearBuilder#weightColumn}); empty when every row counted once.
   */
  public java.util.Optional<String> weightColumn() {
    return weightColumn;
  }

  /**
   * Every row's out-of-fold linear predictors at every λ of the path (cv.glmnet's
   * {@code fit.preval} and {@code foldid}), when the estimator was built with
   * {@link ElasticNetCV.Builder#keepOutOfFoldPredictions()}; else empty. Shared, not copied.
   */
  public java.util.Optional<OutOfFoldPredictions> outOfFold() {
    return outOfFold;
  }

  /** The path on all rows. */
  public RegularizationPath<M> path() {
    return path;
  }

  /**
   * The core's cross-validation result (per-fold losses included): shared, not copied; do not
   * modify its arrays.
   */
  public CvResult cv() {
    return cv;
  }

  /**
   * Mean held-out score per λ of {@link #path()} by the {@link CvResult#measure} (by default the
   * deviance).
   */
  public double[] mean() {
    return cv.mean();
  }

  /** Its standard error per λ. */
  public double[] standardError() {
    return cv.standardError();
  }

  /**
   * cv.glmnet's lambda.min: the largest λ with the best mean held-out score (the smallest loss,
   * the largest AUC). When it is
   * the smallest λ of a path that fitted its whole sequence ({@link #minimumAtPathEnd()}), the
   * curve may still fall below it, and the minimum is the grid's edge rather than the curve's.
   */
  public double lambdaMin() {
    return cv.lambdaMin();
  }

  /**
   * cv.glmnet's lambda.1se (≥ λ_min): the largest λ whose mean held-out score is within one
   * standard error of the best.
   */
  public double lambda1se() {
    return cv.lambda1se();
  }

  /**
   * True when λ_min is the last (smallest) λ of a path that fitted every λ of its sequence
   * ({@link PathSolution.Ending#ALL_LAMBDAS}): the held-out score was
   * still improving where the sequence stopped, so a smaller λ may do better. Extend the path
   * with a smaller {@code lambdaMinRatio(…)} (floored at 1e-6) or your own {@code lambdas(…)}.
   * It happens with the ridge path's default sequence (α = 0: glmnet starts it at the λ_max of
   * α = 0.001, a thousand times the lasso's, and ends 10⁻⁴ below that), e.g. on
   * data/diabetes.csv. False for a path cut short by glmnet's deviance rule: below its end the
   * fit no longer changes.
   */
  public boolean minimumAtPathEnd() {
    return path.solution().lastOfFullSequence(cv.indexMin());
  }

  /** Index of λ_min on the path. */
  public int indexMin() {
    return cv.indexMin();
  }

  /** Index of λ_1se on the path. */
  public int index1se() {
    return cv.index1se();
  }

  /** The model at λ_min. */
  public M atMinimum() {
    return path.atIndex(cv.indexMin());
  }

  /** The model at λ_1se. */
  public M atOneStandardError() {
    return path.atIndex(cv.index1se());
  }

  /** The rule that chose between λ_min and λ_1se (the estimator's). */
  public SelectionRule rule() {
    return rule;
  }

  /** Index on the path of the λ the rule chose. */
  public int chosenIndex() {
    return rule.pick(cv.indexMin(), cv.index1se());
  }

  /** The λ the rule chose. */
  public double chosenLambda() {
    return cv.lambda(chosenIndex());
  }

  /** The model at the λ the estimator's rule names. */
  public M chosenModel() {
    return path.atIndex(chosenIndex());
  }

  /**
   * "CrossValidatedPath[min: λ = 8.159e-04 (index 46); λ_min = 8.159e-04 (index 46, loss
   * 0.0101 ± 0.00040), λ_1se = 5.245e-03 (index 26, loss 0.0104 ± 0.00041); 100 λ, 10 folds,
   * unweighted]": the choice and both candidates with their mean held-out score ± standard
   * error, the score named by its measure ("loss" for the deviance, "misclassification", "mse",
   * "mae", "auc"), and "weighted by column "w"" when the rows were, as
   * {@link GridSearchCV.Scored#toString()} names them; when {@link #minimumAtPathEnd()}, a note
   * that λ_min is the path's smallest λ and how to extend it. λ is written in at most four
   * significant digits, below 0.01 in scientific form.
   */
  @Override
  public String toString() {
    String end = minimumAtPathEnd()
        ? "; λ_min is the path's smallest λ and the held-out loss may fall further: extend the"
            + " path with a smaller lambdaMinRatio or lambdas"
        : "";
    return "CrossValidatedPath[" + rule.id() + ": λ = " + Digits.few(chosenLambda())
        + " (index " + chosenIndex() + "); " + CvText.choices(cv) + ", "
        + CvText.weighting(weightColumn) + end + "]";
  }
}
