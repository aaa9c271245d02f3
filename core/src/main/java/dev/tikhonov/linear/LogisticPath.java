package dev.tikhonov.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Logistic (binomial) and multinomial elastic net along a λ path by proximal Newton, as glmnet's
 * {@code glmnet(family = "binomial" | "multinomial")} computes it. At each λ the path holds the
 * minimizer of DESIGN.md's objective
 *
 * <pre>  (1/n) Σᵢ −log p(yᵢ | ηᵢ) + λ Σⱼ vⱼ [ (1−α)/2 · bⱼ² + α · |bⱼ| ]</pre>
 *
 * with intercepts unpenalized. Binomial (two classes): one vector, η = a₀ + x·b is the log-odds
 * of class index 1. Multinomial (K &gt; 2): the symmetric model, ηₖ = a₀ₖ + x·bₖ for every
 * class, p = softmax(η); of the equivalent solutions it returns glmnet's: each feature's K
 * coefficients minimize the penalty among their shifts, and the intercepts sum to zero.
 *
 * <p>Path, as glmnet: λ_max = maxⱼ |x̃ⱼᵀ(y − ȳ)| / (n·max(α, 10⁻³)·vⱼ) (for multinomial, the
 * maximum over the class indicators), then {@code nlambda} geometric steps down to
 * {@code lambdaMinRatio}·λ_max (default 10⁻⁴ when n ≥ p, else 10⁻²); warm starts, the
 * sequential strong rule and a KKT check of the features outside it. With the default sequence
 * the path stops early, like glmnet, once at least 5 λ are fitted and the deviance ratio
 * changes by less than 10⁻⁵ or exceeds 0.999 (which is what ends it on separable data). The
 * penalty factors are rescaled to sum to p, and with {@code standardize} the features are
 * scaled to unit variance (1/n) inside the fit; coefficients are always returned on the original
 * scale.
 *
 * <p>{@link GlmPath#dualityGap()} holds, per λ, the largest KKT violation of the solution (in
 * units of the mean-loss gradient on the fitted scale) divided by the null deviance per
 * observation.
 */
public final class LogisticPath {

  /** glmnet's {@code fdev}: the default path stops when the deviance ratio gains less. */
  public static final double MIN_DEVIANCE_RATIO_CHANGE = 1e-5;

  /** glmnet's {@code devmax}: the default path stops beyond this deviance ratio. */
  public static final double MAX_DEVIANCE_RATIO = 0.999;

  /** glmnet's {@code mnlam}: the default path fits at least this many λ before stopping. */
  public static final int MIN_LAMBDAS = 5;

  /** cv.glmnet's clamp of predicted probabilities in the deviance. */
  public static final double PROBABILITY_CLAMP = 1e-5;

  private static final System.Logger LOG = System.getLogger(LogisticPath.class.getName());

  private LogisticPath() {}

  /**
   * Fits the path.
   *
   * @param x n×p features, row-major (not modified)
   * @param y class index 0..K−1 of each row, as a double
   * @param numClasses K ≥ 2: binomial for 2, multinomial above
   * @param featureNames p names
   * @param classNames K names, or empty for "0".."K−1"
   * @throws IllegalArgumentException for inconsistent shapes, non-finite values, labels outside
   *     0..K−1, a class without observations (a single-class target), no usable feature, or no
   *     convergence at the first λ within {@code maxIterations}
   */
  public static GlmPath fit(
      double[][] x,
      double[] y,
      int numClasses,
      ElasticNetConfig config,
      List<String> featureNames,
      List<String> classNames) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
    }
    if (!config.intercept()) {
      throw new IllegalArgumentException(
          "the logistic and multinomial paths always fit intercepts; intercept = false is not"
              + " supported");
    }
    int n = x.length;
    if (n == 0) {
      throw new IllegalArgumentException("no rows to fit");
    }
    int p = x[0].length;
    if (p == 0) {
      throw new IllegalArgumentException("no features to fit");
    }
    if (y.length != n) {
      throw new IllegalArgumentException(n + " rows of features but " + y.length + " labels");
    }
    if (featureNames.size() != p) {
      throw new IllegalArgumentException(featureNames.size() + " feature names for " + p
          + " features");
    }
    List<String> names = classNames.isEmpty() ? indexNames(numClasses) : classNames;
    if (names.size() != numClasses) {
      throw new IllegalArgumentException(names.size() + " class names for " + numClasses
          + " classes");
    }
    for (int i = 0; i < n; i++) {
      if (x[i].length != p) {
        throw new IllegalArgumentException("row " + i + " has " + x[i].length
            + " features, expected " + p);
      }
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new IllegalArgumentException("feature " + featureNames.get(j) + " of row " + i
              + " is not finite: " + x[i][j]);
        }
      }
    }
    int[] label = labels(y, numClasses);
    int[] counts = new int[numClasses];
    for (int c : label) {
      counts[c]++;
    }
    for (int c = 0; c < numClasses; c++) {
      if (counts[c] == 0) {
        throw new IllegalArgumentException("class " + names.get(c) + " has no observations: "
            + (numClasses == 2 ? "the target has a single class, a binomial fit needs both"
                : "every class of a multinomial fit needs observations"));
      }
    }
    double[] penalty = normalizedPenalty(config.penaltyFactors(), p);
    ProximalNewtonDesign design = ProximalNewtonDesign.of(x, config.standardize());
    boolean anyUsable = false;
    for (int j = 0; j < p; j++) {
      anyUsable |= design.included[j] && penalty[j] > 0;
    }
    double[] userLambdas = config.lambdas();
    if (!anyUsable && userLambdas == null) {
      throw new IllegalArgumentException("no non-constant feature with a positive penalty factor:"
          + " the default λ sequence is undefined");
    }
    ProximalNewtonSolver solver;
    if (numClasses == 2) {
      double[] y01 = new double[n];
      for (int i = 0; i < n; i++) {
        y01[i] = label[i];
      }
      solver = new BinomialSolver(design, y01, penalty, config.l1Ratio(), config.tol(),
          config.maxIterations());
    } else {
      solver = new MultinomialSolver(design, label, numClasses, penalty, config.l1Ratio(),
          config.tol(), config.maxIterations());
    }
    Family family = numClasses == 2 ? Family.BINOMIAL : Family.MULTINOMIAL;
    return runPath(solver, design, config, userLambdas, family, featureNames, names);
  }

  private static GlmPath runPath(
      ProximalNewtonSolver solver,
      ProximalNewtonDesign design,
      ElasticNetConfig config,
      double[] userLambdas,
      Family family,
      List<String> featureNames,
      List<String> classNames) {
    int n = design.rows;
    int p = design.cols;
    boolean user = userLambdas != null;
    double[] lambdas = null;
    if (user) {
      lambdas = userLambdas.clone();
      Arrays.sort(lambdas);
      reverse(lambdas);
    }
    int count = user ? lambdas.length : config.nlambda();
    double ratio = Double.isNaN(config.lambdaMinRatio())
        ? (n < p ? 1e-2 : 1e-4) : config.lambdaMinRatio();
    // glmnet: alf = max(eps, ratio)^(1/(nlam − 1)), λ₁ = λ_max·alf, λₘ = λₘ₋₁·alf.
    double step = count > 1 ? Math.pow(Math.max(1e-6, ratio), 1.0 / (count - 1)) : 1;
    int k = solver.numVectors();

    List<Double> lambdaOut = new ArrayList<>();
    List<double[]> interceptOut = new ArrayList<>();
    List<double[][]> coefOut = new ArrayList<>();
    List<Integer> dfOut = new ArrayList<>();
    List<Double> devOut = new ArrayList<>();
    List<Double> gapOut = new ArrayList<>();
    double current = 0;
    double previousDevRatio = 0;
    int minLambdas = Math.min(MIN_LAMBDAS, count);
    for (int m = 0; m < count; m++) {
      double previous = current;
      double lambda;
      if (user) {
        lambda = lambdas[m];
      } else if (m == 0) {
        lambda = ProximalNewtonSolver.INFINITE_LAMBDA;
      } else if (m == 1) {
        previous = solver.lambdaMax();
        lambda = previous * step;
      } else {
        lambda = current * step;
      }
      current = lambda;
      try {
        solver.fitPoint(lambda, previous);
      } catch (ProximalNewtonCoordinateDescent.MaxIterationsReached e) {
        if (m == 0) {
          throw new IllegalArgumentException("logistic path: " + e.getMessage()
              + " at the first λ; raise maxIterations (" + config.maxIterations()
              + ") or tol (" + config.tol() + ")");
        }
        LOG.log(System.Logger.Level.WARNING, "logistic path: {0} at λ index {1}; returning the "
            + "{1} solutions for larger λ", e.getMessage(), m);
        break;
      }
      // glmnet's first λ is a sentinel (∞): the solution is the null model; report λ_max.
      double reported = user || m > 0 ? lambda : solver.lambdaMax();
      double[] a0 = new double[k];
      double[][] b = new double[k][p];
      solver.coefficients(a0, b);
      toOriginalScale(design, family, a0, b);
      double devRatio = solver.devianceRatio();
      lambdaOut.add(reported);
      interceptOut.add(a0);
      coefOut.add(b);
      dfOut.add(degreesOfFreedom(b));
      devOut.add(devRatio);
      gapOut.add(solver.kktViolation(reported) / solver.nullDeviance());
      if (solver.exhausted()) {
        break;
      }
      if (!user && m + 1 >= minLambdas
          && (devRatio - previousDevRatio < MIN_DEVIANCE_RATIO_CHANGE
              || devRatio > MAX_DEVIANCE_RATIO)) {
        break;
      }
      previousDevRatio = devRatio;
    }
    int size = lambdaOut.size();
    double[] lambda = new double[size];
    double[] devRatio = new double[size];
    double[] gap = new double[size];
    int[] df = new int[size];
    for (int l = 0; l < size; l++) {
      lambda[l] = lambdaOut.get(l);
      devRatio[l] = devOut.get(l);
      gap[l] = gapOut.get(l);
      df[l] = dfOut.get(l);
    }
    return new GlmPath(family, config.l1Ratio(), lambda, interceptOut.toArray(new double[0][]),
        coefOut.toArray(new double[0][][]), df, devRatio, gap, featureNames, classNames);
  }

  /** bⱼ = b̃ⱼ/scaleⱼ, a₀ = ã₀ − Σⱼ bⱼ·meanⱼ; multinomial intercepts re-centered to sum 0. */
  private static void toOriginalScale(
      ProximalNewtonDesign design, Family family, double[] a0, double[][] b) {
    for (int c = 0; c < a0.length; c++) {
      double shift = 0;
      for (int j = 0; j < design.cols; j++) {
        b[c][j] /= design.scale[j];
        shift += b[c][j] * design.mean[j];
      }
      a0[c] -= shift;
    }
    if (family == Family.MULTINOMIAL) {
      double mean = 0;
      for (double a : a0) {
        mean += a / a0.length;
      }
      for (int c = 0; c < a0.length; c++) {
        a0[c] -= mean;
      }
    }
  }

  /** Features with a nonzero coefficient in any class. */
  private static int degreesOfFreedom(double[][] b) {
    int df = 0;
    for (int j = 0; j < b[0].length; j++) {
      for (double[] bc : b) {
        if (bc[j] != 0) {
          df++;
          break;
        }
      }
    }
    return df;
  }

  /**
   * Class probabilities at λ index {@code l} for the rows of {@code x}: n×K' with K' the number
   * of classes (2 columns, P(class 0) and P(class 1), for a binomial path).
   */
  public static double[][] predictProbabilities(GlmPath path, int l, double[][] x) {
    double[][] eta = path.linearPredictor(x, l);
    double[][] out = new double[x.length][];
    boolean binomial = path.family() == Family.BINOMIAL;
    for (int i = 0; i < x.length; i++) {
      if (binomial) {
        double e = eta[i][0];
        // σ(η) and 1 − σ(η) = σ(−η), each computed without overflow.
        double p1 = e >= 0 ? 1 / (1 + Math.exp(-e)) : Math.exp(e) / (1 + Math.exp(e));
        double p0 = e >= 0 ? Math.exp(-e) / (1 + Math.exp(-e)) : 1 / (1 + Math.exp(e));
        out[i] = new double[] {p0, p1};
      } else {
        double[] row = eta[i];
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
          max = Math.max(max, v);
        }
        double sum = 0;
        double[] pr = new double[row.length];
        for (int c = 0; c < row.length; c++) {
          pr[c] = Math.exp(row[c] - max);
          sum += pr[c];
        }
        for (int c = 0; c < row.length; c++) {
          pr[c] /= sum;
        }
        out[i] = pr;
      }
    }
    return out;
  }

  /**
   * Mean deviance −(2/n) Σᵢ log p̂(yᵢ | xᵢ) at λ index {@code l}, cv.glmnet's
   * {@code type.measure = "deviance"}: each predicted probability is first clamped to
   * [10⁻⁵, 1 − 10⁻⁵], as cv.glmnet does, so one confident mistake cannot dominate.
   *
   * @param y class index 0..K−1 per row
   */
  public static double meanDeviance(GlmPath path, int l, double[][] x, double[] y) {
    if (y.length != x.length) {
      throw new IllegalArgumentException(x.length + " rows but " + y.length + " labels");
    }
    int numClasses = path.family() == Family.BINOMIAL ? 2 : path.intercept()[l].length;
    int[] label = labels(y, numClasses);
    double[][] prob = predictProbabilities(path, l, x);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double pr = Math.min(Math.max(PROBABILITY_CLAMP, prob[i][label[i]]), 1 - PROBABILITY_CLAMP);
      sum -= 2 * Math.log(pr);
    }
    return sum / x.length;
  }

  private static int[] labels(double[] y, int numClasses) {
    int[] label = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      double v = y[i];
      if (!(v >= 0 && v < numClasses) || v != Math.rint(v)) {
        throw new IllegalArgumentException("label of row " + i + " is " + v
            + ", expected a class index in 0.." + (numClasses - 1));
      }
      label[i] = (int) v;
    }
    return label;
  }

  /** glmnet: v ← max(v, 0)·p / Σv. */
  private static double[] normalizedPenalty(double[] factors, int p) {
    double[] v = new double[p];
    if (factors == null) {
      Arrays.fill(v, 1.0);
      return v;
    }
    if (factors.length != p) {
      throw new IllegalArgumentException(factors.length + " penalty factors for " + p
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

  private static List<String> indexNames(int k) {
    List<String> names = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      names.add(Integer.toString(c));
    }
    return names;
  }

  private static void reverse(double[] a) {
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
