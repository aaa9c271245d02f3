package dev.tikhonov.estimate;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A classifier's {@link Evaluation}, what {@link Classifier#evaluate} returns: the mean
 * cross-entropy {@link #loss()} = −(1/n) Σ log p(yᵢ|xᵢ) (scikit-learn's {@code log_loss}), the
 * penalty, and
 *
 * <ul>
 *   <li>{@link #accuracy()}: the fraction of rows whose most probable class is the label,
 *       scikit-learn's {@code accuracy_score} (a classifier's {@code score}); weighted, the
 *       share Σ wᵢ·1[ŷᵢ = yᵢ] / Σ wᵢ of the weight;
 *   <li>{@link #auc()} (two classes): the area under the ROC curve, the fraction of pairs (a row
 *       of the second class, a row of the first) whose second-class score ranks the
 *       second-class row higher, a tie counting ½: scikit-learn's {@code roc_auc_score},
 *       glmnet's {@code assess.glmnet(...)$auc}, Spark MLlib's {@code areaUnderROC}; weighted,
 *       each pair counts wᵢwⱼ ({@code roc_auc_score(..., sample_weight=w)}, cv.glmnet's
 *       weighted AUC);
 *   <li>{@link #roc()} (two classes, when the AUC is defined): the ROC curve itself
 *       ({@link RocCurve}), whose trapezoid area is the AUC: glmnet's {@code roc.glmnet};
 *   <li>{@link #confusionMatrix()}: the counts (weighted, also the Σ wᵢ) of each (actual,
 *       predicted) class pair of the same predictions, whose diagonal's share is the accuracy
 *       ({@link ConfusionMatrix}); present in the evaluations the library's classifiers make.
 * </ul>
 *
 * The AUC is empty for more than two classes and when every evaluated row (of positive weight)
 * is of one class.
 * Immutable, so thread-safe.
 */
public final class ClassifierEvaluation extends Evaluation {
  private final double accuracy;
  private final OptionalDouble auc;
  private final Optional<RocCurve> roc;
  private final Optional<ConfusionRows> confusion;

  ClassifierEvaluation(int rows, double weightSum, double loss, double penalty,
      double accuracy, OptionalDouble auc, Optional<RocCurve> roc,
      Optional<ConfusionRows> confusion) {
    super(rows, weightSum, loss, penalty);
    this.accuracy = accuracy;
    this.auc = auc;
    this.roc = roc;
    this.confusion = confusion;
  }

  /** The fraction of rows (weighted: of the weight) classified right, in [0, 1]. */
  public double accuracy() {
    return accuracy;
  }

  /**
   * The area under the ROC curve (two classes; empty for more classes and when every row is of
   * one class): the fraction of pairs (i of the second class, j of the first) with sᵢ &gt; sⱼ,
   * plus half those with sᵢ = sⱼ, s the second class's score (for a model of this library, its
   * log-odds). 1 ranks every pair right, ½ is chance.
   */
  public OptionalDouble auc() {
    return auc;
  }

  /**
   * The ROC curve of the same scores (present exactly when {@link #auc()} is): its trapezoid
   * area is the AUC, up to rounding.
   */
  public Optional<RocCurve> roc() {
    return roc;
  }

  /**
   * The confusion matrix of the evaluated rows: how many (weighted, also what Σ wᵢ) of each
   * actual class the model predicted as each class, from the same predictions as the scores,
   * so {@code evaluate(data).confusionMatrix()} is {@link Classifier#confusionMatrix(
   * dev.tikhonov.data.Dataset)} without predicting the rows again ({@link
   * Classifier#confusionMatrix(dev.tikhonov.data.Dataset, String)} for
   * {@code evaluate(data, "w")}). Empty for an evaluation made from scores alone
   * ({@link Evaluation#ofClassifier}, {@link Evaluation#ofTwoClasses}). It holds 12·K² bytes
   * (120 KB at K = 100 classes, 12 MB at K = 1,000) and takes O(n + K²) to make, so it is
   * made on the first call and kept (the evaluation holds each row's two class indices and
   * weight until then): an evaluation that is only scored never pays for it. A network's
   * evaluate() of 200 rows allocated 12 MB at K = 1,000 and 0.13 MB at K = 100 when it made
   * the matrix, 0.01 MB now (its time, 0.1 ms at K = 10, 0.5 ms at K = 100, 13-19 ms at
   * K = 1,000, medians on 2 busy cores, moved within the machine's noise). Keep the
   * evaluations you need, not thousands; {@link MlpPathCV} and {@link GridSearchCV} keep each
   * split's scores and drop the rest.
   */
  public Optional<ConfusionMatrix> confusionMatrix() {
    return confusion.map(ConfusionRows::matrix);
  }

  /** Whether {@link #confusionMatrix()} has made its matrix (for the tests of its laziness). */
  boolean confusionMatrixMade() {
    return confusion.map(ConfusionRows::counted).orElse(false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassifierEvaluation e && sameBase(e)
        && Double.compare(accuracy, e.accuracy) == 0 && auc.equals(e.auc) && roc.equals(e.roc)
        && confusionMatrix().equals(e.confusionMatrix());
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseHash(), accuracy, auc);
  }

  /** "ClassifierEvaluation[rows=200, loss=0.1234, penalty=0.01, accuracy=0.95, AUC=0.98]". */
  @Override
  public String toString() {
    return text(score("accuracy", accuracy) + score("AUC", auc));
  }
}
