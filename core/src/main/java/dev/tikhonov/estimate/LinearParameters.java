package dev.tikhonov.estimate;

import dev.tikhonov.linear.Family;
import java.util.List;

/**
 * The numbers of a fitted generalized linear model, in double precision on the original scale
 * of the features: η_k = a₀ₖ + x·bₖ for k = 1..K (K = 1 for gaussian and binomial), and what
 * its penalty was: λ, α, each feature's normalized factor vⱼ (summing to p, glmnet's
 * convention) and the scale sⱼ the penalty acted on (the 1/n standard deviation when the fit
 * standardized, else 1), so that the penalty term is
 * {@code λ Σₖ Σⱼ vⱼ [(1−α)/2 (sⱼbₖⱼ)² + α|sⱼbₖⱼ|]}. Immutable (arrays copied in and out).
 */
record LinearParameters(
    Family family,
    double lambda,
    double l1Ratio,
    double[] intercepts,
    double[][] coefficients,
    double[] penaltyFactors,
    double[] penaltyScales,
    List<String> featureNames,
    List<String> classNames) {

  LinearParameters {
    intercepts = intercepts.clone();
    double[][] copy = new double[coefficients.length][];
    for (int k = 0; k < copy.length; k++) {
      copy[k] = coefficients[k].clone();
    }
    coefficients = copy;
    penaltyFactors = penaltyFactors.clone();
    penaltyScales = penaltyScales.clone();
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
    int p = featureNames.size();
    if (intercepts.length != coefficients.length || penaltyFactors.length != p
        || penaltyScales.length != p) {
      throw new IllegalArgumentException("inconsistent shapes of a linear model");
    }
    for (double[] b : coefficients) {
      if (b.length != p) {
        throw new IllegalArgumentException(b.length + " coefficients for " + p + " features");
      }
    }
  }

  int numFeatures() {
    return featureNames.size();
  }

  /** η of every row (n×K), accumulated in double. */
  double[][] linearPredictor(double[][] x) {
    int k = intercepts.length;
    int p = numFeatures();
    double[][] eta = new double[x.length][k];
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      for (int c = 0; c < k; c++) {
        double s = intercepts[c];
        double[] b = coefficients[c];
        for (int j = 0; j < p; j++) {
          s += row[j] * b[j];
        }
        eta[i][c] = s;
      }
    }
    return eta;
  }

  /** λ Σₖ Σⱼ vⱼ [(1−α)/2 (sⱼbₖⱼ)² + α|sⱼbₖⱼ|]. */
  double penalty() {
    if (lambda == 0) {
      return 0;
    }
    double total = 0;
    for (double[] b : coefficients) {
      for (int j = 0; j < b.length; j++) {
        double w = penaltyScales[j] * b[j];
        total += penaltyFactors[j] * ((1 - l1Ratio) / 2 * w * w + l1Ratio * Math.abs(w));
      }
    }
    return lambda * total;
  }

  @Override
  public double[] intercepts() {
    return intercepts.clone();
  }

  @Override
  public double[][] coefficients() {
    double[][] copy = new double[coefficients.length][];
    for (int k = 0; k < copy.length; k++) {
      copy[k] = coefficients[k].clone();
    }
    return copy;
  }

  @Override
  public double[] penaltyFactors() {
    return penaltyFactors.clone();
  }

  @Override
  public double[] penaltyScales() {
    return penaltyScales.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearParameters q && family == q.family
        && Double.compare(lambda, q.lambda) == 0 && Double.compare(l1Ratio, q.l1Ratio) == 0
        && java.util.Arrays.equals(intercepts, q.intercepts)
        && java.util.Arrays.deepEquals(coefficients, q.coefficients)
        && java.util.Arrays.equals(penaltyFactors, q.penaltyFactors)
        && java.util.Arrays.equals(penaltyScales, q.penaltyScales)
        && featureNames.equals(q.featureNames) && classNames.equals(q.classNames);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(family, lambda, java.util.Arrays.hashCode(intercepts),
        java.util.Arrays.deepHashCode(coefficients), featureNames);
  }

  @Override
  public String toString() {
    return "LinearParameters[" + family + ", λ=" + lambda + ", α=" + l1Ratio + ", "
        + coefficients.length + "×" + numFeatures() + "]";
  }
}
