package dev.tikhonov.data;

import dev.tikhonov.internal.tensor.ArrayText;

/**
 * A synthetic regression problem and the truth that generated it. Immutable (the coefficients are
 * copied in and out, and the data set is immutable), so thread-safe.
 *
 * @param data n×p features and n×1 target y = X·coef + intercept + noise·ε
 * @param coef the true p coefficients (zero outside the informative features)
 * @param intercept the true intercept
 */
public record SyntheticData(Dataset data, double[] coef, double intercept) {
  /**
   * "SyntheticData[Dataset[…], coef: 10 values from 0 to 87.2, 3 nonzero; intercept 0]": sizes and
   * ranges, not the array's address.
   */
  @Override
  public String toString() {
    return "SyntheticData[" + data + ", coef: " + ArrayText.range(coef) + ", "
        + ArrayText.nonzero(coef) + " nonzero; intercept " + ArrayText.number(intercept) + "]";
  }

  public SyntheticData {
    coef = coef.clone();
  }

  @Override
  public double[] coef() {
    return coef.clone();
  }
}
