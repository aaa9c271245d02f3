package dev.tikhonov.estimate;

import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import java.util.Locale;
import java.util.Optional;

/** The words the cross-validation results' {@code toString} share. Stateless. */
final class CvText {
  private CvText() {}

  /**
   * "8.159e-04 (index 46, loss 0.01012 ± 0.00040)": λ at {@code index} ({@link Digits#few}), its
   * mean ± SE, named by the curve's measure ({@link #measureWord}).
   */
  static String at(CvResult cv, int index) {
    return String.format(Locale.ROOT, "%s (index %d, %s %.6g ± %.2g)", Digits.few(cv.lambda(index)),
        index, measureWord(cv.measure()), cv.mean(index), cv.standardError(index));
  }

  /**
   * What a score of {@code measure} is called in the results' text: "loss" for the deviance
   * (the mean data loss), "misclassification", else the measure's id ("mse", "mae", "auc").
   */
  static String measureWord(CvMeasure measure) {
    return switch (measure) {
      case DEVIANCE -> "loss";
      case MISCLASSIFICATION -> "misclassification";
      default -> measure.id();
    };
  }

  /** "weighted by column "w"", or "unweighted": whether the held-out scores were weighted. */
  static String weighting(Optional<String> weightColumn) {
    return weightColumn.map(c -> "weighted by column \"" + c + "\"").orElse("unweighted");
  }

  /** "λ_min = …, λ_1se = …; 100 λ, 10 folds" ({@link #at}). */
  static String choices(CvResult cv) {
    return "λ_min = " + at(cv, cv.indexMin()) + ", λ_1se = " + at(cv, cv.index1se()) + "; "
        + cv.numLambdas() + " λ, " + cv.numFolds() + " folds";
  }

  /** "%.4g" in the root locale. */
  static String number(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
