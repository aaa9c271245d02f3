package dev.tikhonov.data;

import dev.tikhonov.tensor.Rng;
import java.util.List;

/**
 * Seeded synthetic data sets for experiments and tests.
 *
 * <p>Each generator draws the features, the truth (coefficients or class centres), the labels
 * and the noise from separate generators split off one {@link Rng}, so changing the noise level
 * does not change X. The informative features are the first ones (columns 0..informative−1),
 * which keeps the truth easy to read off; scikit-learn shuffles them, this does not. Stateless:
 * each call draws from its own seeded Rng, so its methods may be called from any thread.
 */
public final class Synthetic {
  /** Standard deviation of the class centres in {@link #makeClassification}. */
  public static final double CLASS_SEPARATION = 2.0;

  private Synthetic() {}

  /**
   * Regression data as in scikit-learn's {@code make_regression} with {@code bias = 0}:
   * X has independent N(0, 1) entries; coef_j = ±U(1, 10) (random sign) for the first
   * {@code informative} features and 0 for the rest; y = X·coef + noise·ε with ε ~ N(0, 1).
   */
  public static SyntheticData makeRegression(
      int n, int p, int informative, double noise, long seed) {
    return makeRegression(n, p, informative, noise, 0, seed);
  }

  /** {@link #makeRegression(int, int, int, double, long)} plus a constant {@code intercept}. */
  public static SyntheticData makeRegression(
      int n, int p, int informative, double noise, double intercept, long seed) {
    requireShape(n, p, informative);
    if (!(noise >= 0) || !Double.isFinite(noise)) {
      throw new IllegalArgumentException("noise must be finite and ≥ 0, not " + noise);
    }
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("intercept must be finite, not " + intercept);
    }
    Rng root = new Rng(seed);
    Rng featureRng = root.split();
    Rng coefRng = root.split();
    Rng noiseRng = root.split();
    double[][] x = gaussianRows(n, p, featureRng);
    double[] coef = new double[p];
    for (int j = 0; j < informative; j++) {
      double magnitude = 1 + 9 * coefRng.nextDouble();
      coef[j] = coefRng.nextDouble() < 0.5 ? -magnitude : magnitude;
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = intercept;
      for (int j = 0; j < informative; j++) {
        sum += x[i][j] * coef[j];
      }
      y[i] = sum + noise * noiseRng.nextGaussian();
    }
    String source = "synthetic:regression(n=" + n + ",p=" + p + ",informative=" + informative
        + ",noise=" + noise + ",intercept=" + intercept + ",seed=" + seed + ")";
    return new SyntheticData(Dataset.fromRows(x, y, Dataset.defaultNames(p), false, List.of(),
        source), coef, intercept);
  }

  /**
   * Classification data: {@code classes} Gaussian clusters. Class k has a centre μ_k whose
   * first {@code informative} coordinates are N(0, {@value #CLASS_SEPARATION}²) and the rest 0;
   * a row of class k is μ_k + N(0, I) in all p coordinates, so the remaining features are pure
   * noise. Classes are balanced (row i gets class i mod K, then the rows are shuffled).
   */
  public static Dataset makeClassification(
      int n, int p, int informative, int classes, long seed) {
    requireShape(n, p, informative);
    if (classes < 2) {
      throw new IllegalArgumentException("need at least 2 classes, not " + classes);
    }
    if (informative < 1) {
      throw new IllegalArgumentException("classification needs at least 1 informative feature");
    }
    Rng root = new Rng(seed);
    Rng featureRng = root.split();
    Rng centreRng = root.split();
    Rng labelRng = root.split();
    double[][] centres = new double[classes][informative];
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < informative; j++) {
        centres[k][j] = CLASS_SEPARATION * centreRng.nextGaussian();
      }
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % classes;
    }
    labelRng.shuffle(labels);
    double[][] x = gaussianRows(n, p, featureRng);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < informative; j++) {
        x[i][j] += centres[labels[i]][j];
      }
      y[i] = labels[i];
    }
    String source = "synthetic:classification(n=" + n + ",p=" + p + ",informative="
        + informative + ",classes=" + classes + ",seed=" + seed + ")";
    return Dataset.fromRows(x, y, Dataset.defaultNames(p), false, Dataset.indexNames(classes),
        source);
  }

  private static void requireShape(int n, int p, int informative) {
    if (n < 1 || p < 1) {
      throw new IllegalArgumentException("need n ≥ 1 and p ≥ 1, not n=" + n + ", p=" + p);
    }
    if (informative < 0 || informative > p) {
      throw new IllegalArgumentException(
          "informative must be in 0.." + p + ", not " + informative);
    }
  }

  /** n rows of p independent N(0, 1) draws, row by row. */
  private static double[][] gaussianRows(int n, int p, Rng rng) {
    double[][] x = new double[n][p];
    for (double[] row : x) {
      for (int j = 0; j < p; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    return x;
  }
}
