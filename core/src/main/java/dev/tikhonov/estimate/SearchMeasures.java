package dev.tikhonov.estimate;

import dev.tikhonov.data.InputException;
import dev.tikhonov.select.CvMeasure;

/**
 * What a cross-validated search ({@link MlpPathCV}, {@link GridSearchCV}) scores a held-out split
 * by, from the split's {@link Evaluation}:
 *
 * <pre>
 *   DEVIANCE            the mean data loss {@link Evaluation#loss()}: cross-entropy for
 *                       classifiers, ½(y − ŷ)² for regressors (half the deviance: the same choice)
 *   MISCLASSIFICATION   1 − accuracy (classifiers)
 *   MEAN_SQUARED_ERROR  (1/n) Σ (y − ŷ)² (regressors and count models)
 *   MEAN_ABSOLUTE_ERROR (1/n) Σ |y − ŷ| (regressors and count models)
 * </pre>
 *
 * The AUC and a classifier's MSE or MAE of its class probabilities, which a path's
 * cross-validation takes ({@link CvMeasure}), need each held-out row's probabilities, which an
 * evaluation does not keep: they are refused. Stateless.
 */
final class SearchMeasures {
  private SearchMeasures() {}

  /**
   * {@code measure}, when a search of a {@code classifier} (or a regressor) can score by it.
   *
   * @throws InputException about the setting "measure", saying which measures apply
   */
  static CvMeasure require(CvMeasure measure, boolean classifier) {
    if (applies(measure, classifier)) {
      return measure;
    }
    String kind = classifier ? "classifier" : "regressor";
    String why = switch (measure) {
      case AUC -> "the AUC ranks each held-out row's probability, which a search's held-out"
          + " evaluation does not keep";
      case MISCLASSIFICATION -> "a misclassification rate needs classes";
      default -> "a classifier's squared or absolute error of its class probabilities needs"
          + " each held-out row's probabilities, which a search's held-out evaluation does not"
          + " keep";
    };
    throw InputException.about("measure", ": '" + measure.id() + "' does not apply to a "
        + kind + "'s search (" + why + "); a " + kind + "'s search takes " + (classifier
            ? "deviance or class" : "deviance, mse or mae"));
  }

  private static boolean applies(CvMeasure measure, boolean classifier) {
    return switch (measure) {
      case DEVIANCE -> true;
      case MISCLASSIFICATION -> classifier;
      case MEAN_SQUARED_ERROR, MEAN_ABSOLUTE_ERROR -> !classifier;
      case AUC -> false;
    };
  }

  /** The split's score by {@code measure} (one that {@link #require} accepts). */
  static double score(CvMeasure measure, Evaluation e) {
    return switch (measure) {
      case DEVIANCE -> e.loss();
      case MISCLASSIFICATION -> 1 - ((ClassifierEvaluation) e).accuracy();
      case MEAN_SQUARED_ERROR -> ((RegressionEvaluation) e).meanSquaredError();
      case MEAN_ABSOLUTE_ERROR -> ((RegressionEvaluation) e).meanAbsoluteError();
      case AUC -> throw new IllegalArgumentException("a search does not score by the AUC");
    };
  }

  /**
   * What a search keeps of one held-out split's evaluation until it has every split's: the mean
   * data {@code loss}, the {@code score} by the search's measure, the misclassification
   * {@code error} 1 − accuracy (NaN for a regressor) and the split's {@code weight} (its rows,
   * or their Σ wᵢ when weighted: cv.glmnet's fold weights). The evaluation itself is dropped as
   * soon as it is made: a classifier's carries its K×K confusion matrix (12·K² bytes), and a
   * search that kept its k·m evaluations held 120 MB for 10 folds × 100 λ at K = 100 classes
   * and ran out of a 3 GB heap at K = 1,000 (12 GB).
   */
  record HeldOut(double loss, double score, double error, double weight) {
    /** The scores of {@code e} by {@code measure} (one that {@link #require} accepts). */
    static HeldOut of(CvMeasure measure, Evaluation e) {
      double error = e instanceof ClassifierEvaluation c ? 1 - c.accuracy() : Double.NaN;
      return new HeldOut(e.loss(), SearchMeasures.score(measure, e), error, e.weightSum());
    }
  }
}
