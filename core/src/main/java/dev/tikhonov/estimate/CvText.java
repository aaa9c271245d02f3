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
   * "8.159e-04 (index 46, loss 0.01012 ± 0.00040)": λ at {@code index} ({@link #few}), its
   * mean ± SE, named by the curve's measure ({@link #measureWord}).
   */
  static String at(CvResult cv, int index) {
    return String.format(Locale.ROOT, "%s (index %d, %s %.6g ± %.2g)", few(cv.lambda(index)),
        index, measureWord(cv.measure()), cv.mean(index), cv.standardError(index));
  }

  /**
   * λ, α, γ or a dropout rate as the CLI's lines and messages write them ({@link Digits#few}):
   * "1e-04", "8.159e-04", "0.0125", "0.5", "1", "0".
   */
  static String few(double value) {
    return Digits.few(value);
  }

  /** A search's settings as the CLI writes them ({@link Digits#settings}): "{lambda=1e-04}". */
  static String settings(java.util.Map<String, ?> settings) {
    return Digits.settings(settings);
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
