package dev.tikhonov.estimate;

import dev.tikhonov.select.CvResult;
import java.util.Locale;

/** The words the cross-validation results' {@code toString} share. Stateless. */
final class CvText {
  private CvText() {}

  /** "0.0008159 (index 46, loss 0.01012 ± 0.00040)": λ at {@code index}, its mean ± SE. */
  static String at(CvResult cv, int index) {
    return String.format(Locale.ROOT, "%.4g (index %d, loss %.6g ± %.2g)", cv.lambda(index),
        index, cv.mean(index), cv.standardError(index));
  }

  /** "λ_min = …, λ_1se = …; 100 λ, 10 folds". */
  static String choices(CvResult cv) {
    return "λ_min = " + at(cv, cv.indexMin()) + ", λ_1se = " + at(cv, cv.index1se()) + "; "
        + cv.numLambdas() + " λ, " + cv.numFolds() + " folds";
  }

  /** "%.4g" in the root locale. */
  static String number(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
