package dev.tikhonov.estimate;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.select.OutOfFoldPredictions;
import dev.tikhonov.select.RelaxedCvResult;

/**
 * What {@link RelaxedLasso#crossValidate} finds: the relaxed path on all rows, the cross-validation
 * curve of each γ (cv.glmnet's mean held-out deviance, or another measure, and its standard error
 * per λ), and glmnet's joint choices (λ_min, γ_min) and (λ_1se, γ_1se) ({@link RelaxedCvResult}),
 * with the models there: the model at (λ, γ) has {@code b = γ·b^lasso(λ) + (1 − γ)·b^R(λ)}, and
 * each curve's mean and standard error are {@link CrossValidatedPath}'s. Immutable and thread-safe
 * as long as the arrays of the core results it shares are not modified: the path's
 * {@link RelaxedPath#solution()} is its own, not a copy; {@link #cv()} copies its arrays in and
 * out, and {@link #gammas()} and the other accessors return new arrays.
 *
 * @param <M> the model at one (λ, γ)
 */
public final class CrossValidatedRelaxedPath<M extends Predictor> {
  private final RelaxedPath<M> path;
  private final RelaxedCvResult cv;
  private final SelectionRule rule;
  private final java.util.List<OutOfFoldPredictions> outOfFold;
  private final java.util.Optional<String> weightColumn;

  CrossValidatedRelaxedPath(RelaxedPath<M> path, RelaxedCvResult cv, SelectionRule rule,
      java.util.List<OutOfFoldPredictions> outOfFold, java.util.Optional<String> weightColumn) {
    this.path = path;
    this.cv = cv;
    this.rule = rule;
    this.outOfFold = java.util.List.copyOf(outOfFold);
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
   * Every row's out-of-fold linear predictors at every λ, one per γ in the order of
   * {@link #gammas()} (cv.glmnet's {@code fit.preval} with {@code relax = TRUE}), when the
   * estimator was built with {@link RelaxedLasso.Builder#keepOutOfFoldPredictions()}; else an
   * empty list. Shared, not copied.
   */
  public java.util.List<OutOfFoldPredictions> outOfFold() {
    return outOfFold;
  }

  /** The relaxed path on all rows. */
  public RelaxedPath<M> path() {
    return path;
  }

  /** The core's result: one curve per γ and the choices; shared, not copied: do not modify. */
  public RelaxedCvResult cv() {
    return cv;
  }

  /** The γ values cross-validated, increasing. */
  public double[] gammas() {
    return cv.gammas();
  }

  /**
   * λ of the pair (λ, γ) with the best mean held-out score (the smallest deviance, or loss; the
   * largest AUC), the largest λ among ties.
   */
  public double lambdaMin() {
    return cv.lambdaMin();
  }

  /** γ of that pair (the largest γ among ties at λ_min). */
  public double gammaMin() {
    return cv.gammaMin();
  }

  /**
   * λ of the one-standard-error pair: the largest λ, then the largest γ, whose mean is within
   * one standard error of the minimum's (glmnet's {@code getOptcv.relaxed}).
   */
  public double lambda1se() {
    return cv.lambda1se();
  }

  /** γ of the one-standard-error pair. */
  public double gamma1se() {
    return cv.gamma1se();
  }

  /**
   * True when λ_min is the last (smallest) λ of a lasso path that fitted every λ of its sequence
   * ({@link PathSolution.Ending#ALL_LAMBDAS}), as {@link CrossValidatedPath#minimumAtPathEnd()}:
   * the held-out score (at γ_min) was still improving where the sequence stopped, so a smaller
   * λ may do better. Extend the path with a smaller {@code lambdaMinRatio(…)} or your own
   * {@code lambdas(…)}. False for a path cut short by glmnet's deviance rule.
   */
  public boolean minimumAtPathEnd() {
    return path.solution().lasso().lastOfFullSequence(cv.indexMin());
  }

  /** The model at (λ_min, γ_min). */
  public M atMinimum() {
    return path.atIndex(cv.indexMin(), cv.gammaMin());
  }

  /** The model at (λ_1se, γ_1se). */
  public M atOneStandardError() {
    return path.atIndex(cv.index1se(), cv.gamma1se());
  }

  /** The rule that chose between (λ_min, γ_min) and (λ_1se, γ_1se) (the estimator's). */
  public SelectionRule rule() {
    return rule;
  }

  /** The λ the rule chose. */
  public double chosenLambda() {
    return rule == SelectionRule.MINIMUM ? lambdaMin() : lambda1se();
  }

  /** The γ the rule chose. */
  public double chosenGamma() {
    return rule == SelectionRule.MINIMUM ? gammaMin() : gamma1se();
  }

  /** The model at the (λ, γ) the estimator's rule names. */
  public M chosenModel() {
    return rule == SelectionRule.MINIMUM ? atMinimum() : atOneStandardError();
  }

  /**
   * "CrossValidatedRelaxedPath[min: λ = 0.0123, γ = 0; λ_min = 0.0123 (index 30, loss 1.02 ±
   * 0.061), γ_min = 0; λ_1se = …, γ_1se = 0.25; 5 γ × 100 λ, unweighted]" ("weighted by column
   * "w"" when the rows were; the score named by its measure, as
   * {@link CrossValidatedPath#toString()} names it), and, when {@link #minimumAtPathEnd()}, a
   * note that λ_min is the path's smallest λ and how to extend it.
   */
  @Override
  public String toString() {
    String end = minimumAtPathEnd()
        ? "; λ_min is the path's smallest λ and the held-out loss may fall further: extend the"
            + " path with a smaller lambdaMinRatio or lambdas"
        : "";
    return "CrossValidatedRelaxedPath[" + rule.id() + ": λ = " + Digits.few(chosenLambda())
        + ", γ = " + Digits.few(chosenGamma()) + "; λ_min = "
        + CvText.at(cv.curve(cv.gammaIndexMin()), cv.indexMin()) + ", γ_min = "
        + Digits.few(gammaMin()) + "; λ_1se = "
        + CvText.at(cv.curve(cv.gammaIndex1se()), cv.index1se())
        + ", γ_1se = " + Digits.few(gamma1se()) + "; " + cv.numGammas() + " γ × "
        + cv.numLambdas() + " λ, " + CvText.weighting(weightColumn) + end + "]";
  }

  /**
   * The blended path at one of the cross-validated γ with its own curve (its λ_min and λ_1se
   * are that γ's alone) and, when kept, its out-of-fold predictions.
   *
   * @throws InputException when γ was not cross-validated
   */
  public CrossValidatedPath<M> atGamma(double gamma) {
    double[] g = cv.gammas();
    for (int i = 0; i < g.length; i++) {
      if (g[i] == gamma) {
        return new CrossValidatedPath<>(path.atGamma(gamma), cv.curve(i), rule,
            outOfFold.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(outOfFold.get(i)), weightColumn);
      }
    }
    throw new InputException("gamma " + gamma + " was not cross-validated; the γ values are "
        + java.util.Arrays.toString(g));
  }
}
