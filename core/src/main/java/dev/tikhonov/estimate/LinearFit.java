package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.ClassLabels;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the linear estimators share: data checks, the penalty's scales, model construction. */
final class LinearFit {
  private LinearFit() {}

  /** Makes the model of a family from its parameters: LinearModel or LinearClassifier. */
  @FunctionalInterface
  interface Kind<M extends Predictor> {
    M create(LinearParameters parameters, Provenance provenance);

    Kind<LinearModel> REGRESSION = LinearModel::new;
    Kind<LinearClassifier> CLASSIFIER = LinearClassifier::new;
  }

  /** The data suit the family: numbers for gaussian, 2 classes for binomial, ≥ 2 for multinomial. */
  static void requireFamily(Family family, Dataset data, String estimator) {
    // The first check of every linear estimator's fit, path and crossValidate.
    java.util.Objects.requireNonNull(data, "train");
    requireRows(data);
    Features.requireFeatureColumns(data);
    switch (family) {
      case GAUSSIAN -> {
        if (data.isClassification()) {
          throw new InputException(data.source() + ": " + estimator + " with the gaussian "
              + "family needs a numeric target, but it holds class labels; use the binomial or "
              + "multinomial family");
        }
      }
      case BINOMIAL -> {
        if (!data.isClassification()) {
          throw new InputException(data.source() + ": the binomial family needs class labels; "
              + ClassLabels.howToGiveClasses(data));
        }
        Features.requireDiscreteLabels(estimator, data);
        if (data.numClasses() != 2) {
          List<String> observed = observedClasses(data);
          throw new InputException(data.source() + ": the binomial family needs exactly 2 "
              + "classes, the data have " + data.numClasses() + " " + data.classNames()
              + (observed.size() == data.numClasses() ? "; use the multinomial family"
                  : ", but only " + observed.size() + " of them have rows " + observed + " "
                      + SUBSET_HINT + (observed.size() > 2 ? ", then the multinomial family"
                          : "")));
        }
      }
      case POISSON -> {
        if (data.isClassification()) {
          throw new InputException(data.source() + ": " + estimator + " with the poisson "
              + "family needs counts (numbers ≥ 0) as the target, but it holds class labels");
        }
      }
      default -> {
        if (!data.isClassification()) {
          throw new InputException(data.source() + ": the multinomial family needs class "
              + "labels; " + ClassLabels.howToGiveClasses(data));
        }
        Features.requireDiscreteLabels(estimator, data);
        List<String> observed = observedClasses(data);
        if (observed.size() < data.numClasses() && data.numRows() > 0) {
          List<String> missing = new java.util.ArrayList<>(data.classNames());
          missing.removeAll(observed);
          throw new InputException(data.source() + ": the multinomial family needs rows of "
              + "every class, but " + missing.size() + " of the " + data.numClasses()
              + " have none " + missing + " " + SUBSET_HINT);
        }
      }
    }
  }

  /**
   * Ridge's and RidgeCV's check of their data: a numeric target, as the gaussian family's. They
   * have no family to change, so class labels are answered with the classifier to build.
   */
  static void requireNumericTarget(Dataset data, String estimator) {
    java.util.Objects.requireNonNull(data, "train");
    requireRows(data);
    Features.requireFeatureColumns(data);
    if (data.isClassification()) {
      throw new InputException(data.source() + ": " + estimator + " fits a numeric target, but"
          + " it holds class labels; for classes with a ridge penalty use ElasticNet.binomial()"
          + " or ElasticNet.multinomial() with l1Ratio(0)");
    }
  }

  /** A linear fit needs a row, named by the data's source as a network's are. */
  private static void requireRows(Dataset data) {
    if (data.numRows() == 0) {
      throw new InputException(data.source() + ": no rows to fit");
    }
  }

  /** How to drop the classes without rows that a subset kept. */
  private static final String SUBSET_HINT = "(a subset keeps every class of the data it came "
      + "from): data.withObservedClasses() keeps just the classes with rows";

  /** The names of the classes that have a row in {@code data}, in class order. */
  private static List<String> observedClasses(Dataset data) {
    boolean[] seen = new boolean[data.numClasses()];
    for (int label : data.labels()) {
      seen[label] = true;
    }
    List<String> observed = new java.util.ArrayList<>();
    for (int c = 0; c < seen.length; c++) {
      if (seen[c]) {
        observed.add(data.classNames().get(c));
      }
    }
    return observed;
  }

  /** The scale the penalty acted on per feature: 1/n standard deviation, or 1. */
  static double[] penaltyScales(double[][] x, boolean standardize) {
    int p = x.length == 0 ? 0 : x[0].length;
    double[] scale = new double[p];
    java.util.Arrays.fill(scale, 1.0);
    if (!standardize) {
      return scale;
    }
    int n = x.length;
    for (int j = 0; j < p; j++) {
      double sum = 0;
      double largest = 0;
      for (double[] row : x) {
        sum += row[j];
        largest = Math.max(largest, Math.abs(row[j]));
      }
      double mean = sum / n;
      // scaled before squaring, exactly (Numbers.unitScale): values near 1e-301 keep a spread
      double unit = Numbers.unitScale(largest);
      double squares = 0;
      for (double[] row : x) {
        squares += ((row[j] - mean) * unit) * ((row[j] - mean) * unit);
      }
      double sd = Math.sqrt(squares / n) / unit;
      scale[j] = sd > 0 ? sd : 1.0;
    }
    return scale;
  }

  /** Penalty factors normalized to sum to p (glmnet's rule); all 1 when none are given. */
  static double[] normalizedFactors(double[] factors, int p) {
    double[] v = new double[p];
    if (factors.length == 0) {
      java.util.Arrays.fill(v, 1.0);
      return v;
    }
    if (factors.length != p) {
      throw InputException.about("penaltyFactors", ": " + factors.length + " factors for " + p
          + " features");
    }
    double sum = 0;
    for (double f : factors) {
      sum += f;
    }
    for (int j = 0; j < p; j++) {
      v[j] = factors[j] * p / sum;
    }
    return v;
  }

  /**
   * The parameters of λ index {@code l} of {@code path}, fitted with {@code offsetColumn} (empty
   * for none), penalized as the path was ({@link PathSolution#multinomialPenalty()}).
   */
  static LinearParameters parameters(PathSolution path, int l, double[] factors,
      double[] scales, java.util.Optional<String> offsetColumn) {
    return new LinearParameters(path.family(), path.lambda(l), path.l1Ratio(),
        path.intercepts(l), path.coefficients(l), factors, scales, path.featureNames(),
        path.classNames(), offsetColumn, path.multinomialPenalty());
  }

  /** The penalty's scales of sparse columns: the standard deviation (divisor n), or 1. */
  static double[] penaltyScales(dev.tikhonov.data.SparseMatrix x, boolean standardize) {
    int p = x.numColumns();
    double[] scale = new double[p];
    java.util.Arrays.fill(scale, 1.0);
    if (!standardize) {
      return scale;
    }
    int n = x.numRows();
    int[] pointers = x.sharedColumnPointers();
    double[] values = x.sharedValues();
    for (int j = 0; j < p; j++) {
      double sum = 0;
      double largest = 0;
      for (int k = pointers[j]; k < pointers[j + 1]; k++) {
        sum += values[k];
        largest = Math.max(largest, Math.abs(values[k]));
      }
      double mean = sum / n;
      double unit = Numbers.unitScale(largest);
      double squares = (n - (pointers[j + 1] - pointers[j])) * (mean * unit) * (mean * unit);
      for (int k = pointers[j]; k < pointers[j + 1]; k++) {
        squares += ((values[k] - mean) * unit) * ((values[k] - mean) * unit);
      }
      double sd = Math.sqrt(squares / n) / unit;
      scale[j] = sd > 0 ? sd : 1.0;
    }
    return scale;
  }

  /**
   * The penalty's scales with observation weights wᵢ (empty for none): the weighted standard
   * deviation Σwᵢ(xᵢⱼ − x̄ⱼ)²/Σwᵢ, the one the fit standardized with.
   */
  static double[] penaltyScales(double[][] x, double[] weights, boolean standardize) {
    if (weights.length == 0 || !standardize) {
      return penaltyScales(x, standardize);
    }
    int p = x.length == 0 ? 0 : x[0].length;
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double[] scale = new double[p];
    for (int j = 0; j < p; j++) {
      double mean = 0;
      double largest = 0;
      for (int i = 0; i < x.length; i++) {
        mean += weights[i] * x[i][j] / total;
        largest = Math.max(largest, Math.abs(x[i][j]));
      }
      double unit = Numbers.unitScale(largest);
      double squares = 0;
      for (int i = 0; i < x.length; i++) {
        squares += weights[i] * ((x[i][j] - mean) * unit) * ((x[i][j] - mean) * unit) / total;
      }
      double sd = Math.sqrt(squares) / unit;
      scale[j] = sd > 0 ? sd : 1.0;
    }
    return scale;
  }

  /**
   * The settings of a path fit by snake_case name, for provenance and toString. No value is null:
   * an absent λ_min ratio is "auto" (glmnet's default, 10⁻⁴ or 0.01 by n against p), λ values
   * and penalty factors that were not given are left out.
   */
  /**
   * "Name{key=value, …}", an estimator's settings as its toString gives them: arrays by their
   * values (a map's own toString would print a double[] as "[D@…").
   */
  static String describe(String name, Map<String, ?> settings) {
    StringBuilder s = new StringBuilder(name).append('{');
    String sep = "";
    for (Map.Entry<String, ?> e : settings.entrySet()) {
      Object v = e.getValue();
      s.append(sep).append(e.getKey()).append('=')
          .append(v instanceof double[] a ? java.util.Arrays.toString(a) : String.valueOf(v));
      sep = ", ";
    }
    return s.append('}').toString();
  }

  static Map<String, Object> settingsMap(Family family, PathSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", family.name().toLowerCase(java.util.Locale.ROOT));
    m.put("l1_ratio", s.l1Ratio());
    m.put("num_lambdas", s.numLambdas());
    m.put("lambda_min_ratio", s.lambdaMinRatio().isPresent()
        ? (Object) s.lambdaMinRatio().getAsDouble() : "auto");
    if (s.lambdas().length > 0) {
      m.put("lambdas", s.lambdas());
    }
    m.put("standardize", s.standardize());
    m.put("tolerance", s.tolerance());
    m.put("max_iterations", s.maxIterations());
    if (s.penaltyFactors().length > 0) {
      m.put("penalty_factors", s.penaltyFactors());
    }
    m.put("intercept", s.intercept());
    s.maxFeatures().ifPresent(limit -> m.put("max_features", limit));
    s.maxEverActive().ifPresent(limit -> m.put("max_ever_active", limit));
    if (family == Family.MULTINOMIAL) {
      m.put("multinomial_penalty",
          s.multinomialPenalty().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (s.bounded()) {
      m.put("lower_limits", finiteOrNull(s.lowerLimits()));
      m.put("upper_limits", finiteOrNull(s.upperLimits()));
    }
    return m;
  }

  /**
   * The adaptive lasso's settings and pilot λ, for provenance, and the pilot's warning
   * ({@code adaptive_pilot_warning}) when it has one.
   */
  static void putAdaptive(Map<String, Object> m, dev.tikhonov.select.AdaptivePenalty.Settings a,
      dev.tikhonov.select.AdaptivePenalty.Factors f) {
    m.put("adaptive_pilot", a.pilot().name().toLowerCase(java.util.Locale.ROOT));
    m.put("adaptive_power", a.power());
    m.put("adaptive_pilot_lambda", f.pilotLambda());
    // only when the pilot warned: a pilot fit cut short chose the factors (AdaptivePenalty)
    f.pilotWarning().ifPresent(w -> m.put("adaptive_pilot_warning", w));
  }

  /** Limits as JSON writes them: null where infinite (no limit); null for none given. */
  private static List<Double> finiteOrNull(double[] values) {
    if (values.length == 0) {
      return null;
    }
    List<Double> out = new java.util.ArrayList<>();
    for (double v : values) {
      out.add(Double.isInfinite(v) ? null : v);
    }
    return out;
  }

  /**
   * Sparse features are fitted sparse, and three settings need dense ones: weight and offset
   * columns (taken out of the features) and the adaptive lasso (its pilot fit is dense).
   *
   * @throws InputException naming the setting and the data when one of them is present
   */
  static void requireDenseOnlySettingsAbsent(Dataset train, java.util.Optional<String> weightColumn,
      java.util.Optional<String> offsetColumn,
      java.util.Optional<dev.tikhonov.select.AdaptivePenalty.Settings> adaptive) {
    if (weightColumn.isPresent() || offsetColumn.isPresent()) {
      throw InputException.about(weightColumn.isPresent() ? "weightColumn" : "offsetColumn",
          ": " + train.source() + " holds sparse features, from which weight and offset"
          + " columns are not taken; fit dense data, or ElasticNetPath with Observations");
    }
    if (adaptive.isPresent()) {
      throw InputException.about("adaptive", ": the adaptive lasso's pilot fit needs dense"
          + " features; " + train.source() + " holds sparse ones");
    }
  }

  /** The class names a family's path needs: the data's, or none for gaussian. */
  static List<String> classNames(Family family, Dataset data) {
    return family == Family.GAUSSIAN || family == Family.POISSON ? List.of()
        : data.classNames();
  }
}
