package dev.tikhonov.linear;

import dev.tikhonov.internal.tensor.ArrayText;

/**
 * A ridge fit at one λ: the minimizer of {@code (1/2n)‖y − a₀ − Xb‖² + (λ/2)‖b‖²} (DESIGN.md's
 * objective with α = 0; the intercept is never penalized). Immutable (the coefficients are
 * copied in and out: p numbers), so thread-safe.
 *
 * @param lambda λ
 * @param intercept a₀
 * @param coefficients b (p)
 * @param degreesOfFreedom effective degrees of freedom Σ d²/(d² + nλ) over the singular values d
 *     of the centered X (the intercept not counted)
 */
public record RidgeSolution(double lambda, double intercept, double[] coefficients,
    double degreesOfFreedom) {
  public RidgeSolution {
    coefficients = coefficients.clone();
  }

  /** b, a new array. */
  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** "RidgeSolution[λ = 0.1, intercept 1.5, coefficients: 5 values from -2 to 3, df 4.2]". */
  @Override
  public String toString() {
    return "RidgeSolution[λ = " + ArrayText.number(lambda) + ", intercept "
        + ArrayText.number(intercept) + ", coefficients: " + ArrayText.range(coefficients)
        + ", df " + ArrayText.number(degreesOfFreedom) + "]";
  }

  /** a₀ + x·b for one row. */
  public double predict(double[] x) {
    double s = intercept;
    for (int j = 0; j < coefficients.length; j++) {
      s += x[j] * coefficients[j];
    }
    return s;
  }
}
