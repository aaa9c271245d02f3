package dev.tikhonov.estimate;

import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.select.CvResult;
import java.util.List;

/**
 * What {@link ElasticNetCV#crossValidateL1Ratios} finds: one {@link CrossValidatedPath} per α
 * (the L1 share of λ·Σⱼ vⱼ[(1−α)/2·wⱼ² + α·|wⱼ|], DESIGN.md's objective), all on the same folds,
 * each with its own λ sequence, and the (α, λ) pair chosen across them:
 *
 * <ul>
 *   <li>λ_min's pair (scikit-learn's {@code ElasticNetCV} {@code l1_ratio_}, {@code alpha_}):
 *       the α whose λ_min has the best mean held-out score of all α (the smallest loss, the
 *       largest AUC), with its λ_min; of equal scores, the α given first (numpy's argmin);
 *   <li>the one-standard-error rule ({@link SelectionRule#ONE_STANDARD_ERROR}): the same α,
 *       then that α's λ_1se, as cva.glmnet users do. The rule is applied along λ only: a
 *       "simpler" α is not defined (a smaller α is a smoother penalty, a larger one a sparser
 *       model), so α is never traded for a standard error.
 * </ul>
 *
 * The scores of different α are comparable because every α is scored on the same held-out
 * rows by the same measure. Immutable and thread-safe on the terms of {@link CrossValidatedPath}.
 *
 * <pre>{@code
 * CrossValidatedL1Ratios<LinearModel> cv = ElasticNetCV.gaussian().l1Ratios(0.1, 0.5, 1)
 *     .seed(0).build().crossValidateL1Ratios(data);
 * double alpha = cv.chosenL1Ratio();
 * LinearModel model = cv.chosenModel();
 * }</pre>
 *
 * @param <M> the model at one λ
 */
public final class CrossValidatedL1Ratios<M extends Predictor> {
  private final List<CrossValidatedPath<M>> paths;
  private final SelectionRule rule;
  private final int chosen;

  CrossValidatedL1Ratios(List<CrossValidatedPath<M>> paths, SelectionRule rule) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("paths: no α cross-validated");
    }
    this.paths = List.copyOf(paths);
    this.rule = java.util.Objects.requireNonNull(rule, "rule");
    this.chosen = best(this.paths);
  }

  /** The index of the α whose λ_min scores best; of equal scores, the first. */
  private static int best(List<? extends CrossValidatedPath<?>> paths) {
    int best = 0;
    for (int i = 1; i < paths.size(); i++) {
      CvResult a = paths.get(i).cv();
      CvResult b = paths.get(best).cv();
      double score = a.mean(a.indexMin());
      double bestScore = b.mean(b.indexMin());
      if (a.measure().largerIsBetter() ? score > bestScore : score < bestScore) {
        best = i;
      }
    }
    return best;
  }

  /** The α cross-validated, in the order given. */
  public double[] l1Ratios() {
    return paths.stream().mapToDouble(p -> p.path().solution().l1Ratio()).toArray();
  }

  /** Each α's cross-validated path, in the order of {@link #l1Ratios()}. */
  public List<CrossValidatedPath<M>> paths() {
    return paths;
  }

  /** The index in {@link #l1Ratios()} of the chosen α (the same for either rule). */
  public int chosenIndex() {
    return chosen;
  }

  /** The chosen α. */
  public double chosenL1Ratio() {
    return l1Ratios()[chosen];
  }

  /** The chosen α's cross-validated path; its own rule gives the chosen λ. */
  public CrossValidatedPath<M> chosen() {
    return paths.get(chosen);
  }

  /** The λ the rule chose on the chosen α's path. */
  public double chosenLambda() {
    return chosen().chosenLambda();
  }

  /** The model at the chosen α and λ. */
  public M chosenModel() {
    return chosen().chosenModel();
  }

  /**
   * The column that weighted the fits, the held-out scores and the folds' mean (the estimator's
   * {@link LinearBuilder#weightColumn}, every α's); empty when every row counted once.
   */
  public java.util.Optional<String> weightColumn() {
    return paths.get(0).weightColumn();
  }

  /** The rule that chose λ on the chosen α's path (the estimator's). */
  public SelectionRule rule() {
    return rule;
  }

  /**
   * "CrossValidatedL1Ratios[min: α = 0.5, λ = 0.0123; α = 0.1: λ_min = … (index …, loss … ± …),
   * λ_1se = …; 100 λ, 10 folds; …; unweighted]": the choice, then each α's λ_min and λ_1se with
   * their mean held-out score ± standard error (as {@link CrossValidatedPath#toString()} writes
   * them), and whether the rows were weighted ("weighted by column "w"").
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("CrossValidatedL1Ratios[").append(rule.id())
        .append(": α = ").append(alpha(chosenL1Ratio())).append(", λ = ")
        .append(Digits.few(chosenLambda()));
    for (CrossValidatedPath<M> p : paths) {
      out.append("; α = ").append(alpha(p.path().solution().l1Ratio())).append(": ")
          .append(CvText.choices(p.cv()));
    }
    return out.append("; ").append(CvText.weighting(weightColumn())).append(']').toString();
  }

  /** α as given: 1, not 1.000; 0.95, not 0.9500. */
  private static String alpha(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
