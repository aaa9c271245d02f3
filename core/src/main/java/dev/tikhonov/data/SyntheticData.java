package dev.tikhonov.data;

/**
 * A synthetic regression problem and the truth that generated it. Immutable (the coefficients are
 * copied in and out, and the data set is immutable), so thread-safe.
 *
 * @param data n×p features and n×1 target y = X·coef + intercept + noise·ε
 * @param coef the true p coefficients (zero outside the informative features)
 * @param intercept the true intercept
 */
public record SyntheticData(Dataset data, double[] coef, double intercept) {
  public SyntheticData {
    coef = coef.clone();
  }

  @Override
  public double[] coef() {
    return coef.clone();
  }
}
