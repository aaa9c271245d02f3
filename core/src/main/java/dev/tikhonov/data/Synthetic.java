package dev.tikhonov.data;

import dev.tikhonov.tensor.Rng;
import java.util.List;

/**
 * Seeded synthetic data sets for experiments and tests, made by builders with named settings:
 * {@link #regression()} and {@link #classification()}.
 *
 * <p>Each generator draws the features, the truth (coefficients or class centres), the labels
 * and the noise from separate generators split off one {@link Rng}, so changing the noise level
 * does not change X. The informative features are the first ones (columns 0..informative−1),
 * which keeps the truth easy to read off; scikit-learn shuffles them, this does not. Stateless:
 * each {@code build()} draws from its own seeded Rng, so its static methods may be called from
 * any thread (each builder by one).
 */
public final class Synthetic {
  /** Standard deviation of the class centres in {@link #classification()}. */
  public static final double CLASS_SEPARATION = 2.0;

  private Synthetic() {}

  /**
   * A builder of regression data as in scikit-learn's {@code make_regression}: X has
   * independent N(0, 1) entries; coef_j = ±U(1, 10) (random sign) for the first
   * {@code informative} features and 0 for the rest; y = intercept + X·coef + noise·ε with
   * ε ~ N(0, 1). Defaults are scikit-learn's: 100 rows, 100 features, 10 informative (at most
   * the number of features), noise 0, intercept 0 (its {@code bias}), seed 0, e.g.
   * {@code Synthetic.regression().rows(500).features(50).informative(5).noise(1.0).seed(3)
   * .build()}.
   */
  public static RegressionBuilder regression() {
    return new RegressionBuilder();
  }

  /**
   * A builder of classification data: {@code classes} Gaussian clusters. Class k has a centre
   * μ_k whose first {@code informative} coordinates are N(0, {@value #CLASS_SEPARATION}²) and
   * the rest 0; a row of class k is μ_k + N(0, I) in all p coordinates, so the remaining
   * features are pure noise. Classes are balanced (row i gets class i mod K, then the rows are
   * shuffled). Defaults are scikit-learn's {@code make_classification}'s: 100 rows, 20
   * features, 2 informative (at most the number of features), 2 classes, seed 0, e.g.
   * {@code Synthetic.classification().rows(3000).features(8).informative(3).classes(3).seed(5)
   * .build()}.
   */
  public static ClassificationBuilder classification() {
    return new ClassificationBuilder();
  }

  /**
   * {@code regression().rows(n).features(p).informative(informative).noise(noise).seed(seed)
   * .build()}.
   *
   * @deprecated five positional numbers; use the named setters of {@link #regression()}, which
   *     give the same data for the same numbers
   */
  @Deprecated
  public static SyntheticData makeRegression(
      int n, int p, int informative, double noise, long seed) {
    return regression().rows(n).features(p).informative(informative).noise(noise).seed(seed)
        .build();
  }

  /**
   * {@code regression().rows(n).features(p).informative(informative).noise(noise)
   * .intercept(intercept).seed(seed).build()}.
   *
   * @deprecated six positional numbers, the fifth the intercept where the five-number overload
   *     has the seed; use the named setters of {@link #regression()}, which give the same data
   *     for the same numbers
   */
  @Deprecated
  public static SyntheticData makeRegression(
      int n, int p, int informative, double noise, double intercept, long seed) {
    return regression().rows(n).features(p).informative(informative).noise(noise)
        .intercept(intercept).seed(seed).build();
  }

  /**
   * {@code classification().rows(n).features(p).informative(informative).classes(classes)
   * .seed(seed).build()}.
   *
   * @deprecated five positional numbers; use the named setters of {@link #classification()},
   *     which give the same data for the same numbers
   */
  @Deprecated
  public static Dataset makeClassification(
      int n, int p, int informative, int classes, long seed) {
    return classification().rows(n).features(p).informative(informative).classes(classes)
        .seed(seed).build();
  }

  /**
   * Named settings of {@link #regression()}; each setter refuses a bad value at once with an
   * {@link InputException} naming the setting ({@link InputException#setting()}), and
   * {@link #build()} checks that {@code informative} ≤ {@code features}. Not thread-safe (a
   * builder is used by one thread); what it builds is immutable.
   */
  public static final class RegressionBuilder {
    private int rows = 100;
    private int features = 100;
    private java.util.OptionalInt informative = java.util.OptionalInt.empty();
    private double noise;
    private double intercept;
    private long seed;

    private RegressionBuilder() {}

    /** The number of rows n ≥ 1 (default 100). */
    public RegressionBuilder rows(int value) {
      rows = requireCount("rows", value, 1);
      return this;
    }

    /** The number of features p ≥ 1 (default 100). */
    public RegressionBuilder features(int value) {
      features = requireCount("features", value, 1);
      return this;
    }

    /**
     * How many features (the first ones) have a nonzero coefficient, 0 to {@code features}
     * (default 10, or all features when there are fewer).
     */
    public RegressionBuilder informative(int value) {
      informative = java.util.OptionalInt.of(requireCount("informative", value, 0));
      return this;
    }

    /** The standard deviation of the Gaussian noise added to y, finite and ≥ 0 (default 0). */
    public RegressionBuilder noise(double value) {
      if (!(value >= 0) || !Double.isFinite(value)) {
        throw InputException.about("noise", " must be finite and ≥ 0, got " + value);
      }
      noise = value;
      return this;
    }

    /** The constant added to every y, finite (default 0; scikit-learn's {@code bias}). */
    public RegressionBuilder intercept(double value) {
      if (!Double.isFinite(value)) {
        throw InputException.about("intercept", " must be finite, got " + value);
      }
      intercept = value;
      return this;
    }

    /** The seed of the one {@link Rng} every draw splits off (default 0). */
    public RegressionBuilder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * The data, their true coefficients and intercept.
     *
     * @throws InputException naming {@code informative} when it exceeds {@code features}
     */
    public SyntheticData build() {
      int k = requireInformative(informative, 10, features);
      Rng root = new Rng(seed);
      Rng featureRng = root.split();
      Rng coefRng = root.split();
      Rng noiseRng = root.split();
      double[][] x = gaussianRows(rows, features, featureRng);
      double[] coef = new double[features];
      for (int j = 0; j < k; j++) {
        double magnitude = 1 + 9 * coefRng.nextDouble();
        coef[j] = coefRng.nextDouble() < 0.5 ? -magnitude : magnitude;
      }
      double[] y = new double[rows];
      for (int i = 0; i < rows; i++) {
        double sum = intercept;
        for (int j = 0; j < k; j++) {
          sum += x[i][j] * coef[j];
        }
        y[i] = sum + noise * noiseRng.nextGaussian();
      }
      String source = "synthetic:regression(n=" + rows + ",p=" + features + ",informative=" + k
          + ",noise=" + noise + ",intercept=" + intercept + ",seed=" + seed + ")";
      return new SyntheticData(Dataset.fromRows(x, y, Dataset.defaultNames(features), false,
          List.of(), source), coef, intercept);
    }
  }

  /**
   * Named settings of {@link #classification()}; each setter refuses a bad value at once with
   * an {@link InputException} naming the setting ({@link InputException#setting()}), and
   * {@link #build()} checks that {@code informative} ≤ {@code features}. Not thread-safe (a
   * builder is used by one thread); what it builds is immutable.
   */
  public static final class ClassificationBuilder {
    private int rows = 100;
    private int features = 20;
    private java.util.OptionalInt informative = java.util.OptionalInt.empty();
    private int classes = 2;
    private long seed;

    private ClassificationBuilder() {}

    /** The number of rows n ≥ 1 (default 100). */
    public ClassificationBuilder rows(int value) {
      rows = requireCount("rows", value, 1);
      return this;
    }

    /** The number of features p ≥ 1 (default 20). */
    public ClassificationBuilder features(int value) {
      features = requireCount("features", value, 1);
      return this;
    }

    /**
     * How many features (the first ones) the class centres differ in, 1 to {@code features}
     * (default 2, or 1 when there is one feature).
     */
    public ClassificationBuilder informative(int value) {
      informative = java.util.OptionalInt.of(requireCount("informative", value, 1));
      return this;
    }

    /** The number of classes K ≥ 2 (default 2), named "0", "1", …. */
    public ClassificationBuilder classes(int value) {
      classes = requireCount("classes", value, 2);
      return this;
    }

    /** The seed of the one {@link Rng} every draw splits off (default 0). */
    public ClassificationBuilder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * The data, with class targets named "0" to "K−1".
     *
     * @throws InputException naming {@code informative} when it exceeds {@code features}
     */
    public Dataset build() {
      int k = requireInformative(informative, 2, features);
      Rng root = new Rng(seed);
      Rng featureRng = root.split();
      Rng centreRng = root.split();
      Rng labelRng = root.split();
      double[][] centres = new double[classes][k];
      for (int c = 0; c < classes; c++) {
        for (int j = 0; j < k; j++) {
          centres[c][j] = CLASS_SEPARATION * centreRng.nextGaussian();
        }
      }
      int[] labels = new int[rows];
      for (int i = 0; i < rows; i++) {
        labels[i] = i % classes;
      }
      labelRng.shuffle(labels);
      double[][] x = gaussianRows(rows, features, featureRng);
      double[] y = new double[rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < k; j++) {
          x[i][j] += centres[labels[i]][j];
        }
        y[i] = labels[i];
      }
      String source = "synthetic:classification(n=" + rows + ",p=" + features + ",informative="
          + k + ",classes=" + classes + ",seed=" + seed + ")";
      return Dataset.fromRows(x, y, Dataset.defaultNames(features), false,
          Dataset.indexNames(classes), source);
    }
  }

  /** {@code value} when it is ≥ {@code least}; otherwise an InputException about the setting. */
  private static int requireCount(String setting, int value, int least) {
    if (value < least) {
      throw InputException.about(setting, " must be ≥ " + least + ", got " + value);
    }
    return value;
  }

  /** The informative count given, or {@code min(fallback, features)} when none was given. */
  private static int requireInformative(java.util.OptionalInt given, int fallback,
      int features) {
    if (given.isEmpty()) {
      return Math.min(fallback, features);
    }
    if (given.getAsInt() > features) {
      throw InputException.about("informative", " (" + given.getAsInt() + ") must be at most"
          + " features (" + features + "): the informative features are among them");
    }
    return given.getAsInt();
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
