package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import java.util.Arrays;
import java.util.List;

/**
 * The gaussian elastic-net regularization path by coordinate descent, as glmnet computes it:
 *
 * <pre>
 *   minimize over (a₀, b):  (1/2n) Σᵢ (yᵢ − a₀ − xᵢ·b)² + λ Σⱼ vⱼ [α|bⱼ| + (1−α)/2 bⱼ²]
 * </pre>
 *
 * for each λ of a decreasing sequence, warm-starting each λ from the previous solution. The
 * default sequence is geometric: {@code nlambda} values from
 * {@code λ_max = max_j |z_jᵀ(y − ȳ)| / (n·max(α, 0.001)·vⱼ)} (the smallest λ with b = 0, on the
 * residual of the unpenalized features) down to {@code lambdaMinRatio·λ_max}; like glmnet, a
 * default path stops early (after at least 5 λ) once the fraction of deviance explained grows
 * by less than 1e-5 relative, or exceeds 0.999. Lasso is α = 1, ridge α = 0; no other code
 * path.
 *
 * <p>Gradients are maintained by covariance updates when p &lt; 500 and by residual (naive)
 * updates otherwise (glmnet's {@code type.gaussian} rule). With {@code standardize}, the fit is
 * done on features scaled to unit variance (divisor n) and coefficients are returned on the
 * original scale. Unlike glmnet, y is never rescaled: λ always means DESIGN.md's λ (see
 * docs/linear.md for the conversion).
 */
public final class ElasticNetPath {
  /** glmnet's {@code fdev}: stop when the deviance ratio grows by less than this, relative. */
  static final double MIN_DEVIANCE_CHANGE = 1e-5;
  /** glmnet's {@code devmax}. */
  static final double MAX_DEVIANCE_RATIO = 0.999;
  /** glmnet's {@code mnlam}: never stop a default path before this many λ. */
  static final int MIN_LAMBDAS_BEFORE_STOP = 5;
  /** glmnet chooses covariance updates below this many features. */
  static final int COVARIANCE_MAX_FEATURES = 500;

  private ElasticNetPath() {}

  /** Fits the path on all rows of x (n×p) and y (n). */
  public static GlmPath fit(
      double[][] x, double[] y, ElasticNetConfig config, List<String> featureNames) {
    return fit(x, y, null, config, featureNames);
  }

  /**
   * Fits the path on the rows {@code rows} of x and y (all rows when null), as cross-validation
   * does with each fold's training rows.
   */
  public static GlmPath fit(double[][] x, double[] y, int[] rows, ElasticNetConfig config,
      List<String> featureNames) {
    return fit(x, y, rows, config, featureNames, Updates.AUTOMATIC);
  }

  /** How gradients are kept current; tests force each strategy on the same problem. */
  enum Updates {
    AUTOMATIC,
    COVARIANCE,
    NAIVE
  }

  static GlmPath fit(double[][] x, double[] y, int[] rows, ElasticNetConfig config,
      List<String> featureNames, Updates updates) {
    if (x.length != y.length) {
      throw new InputException(x.length + " feature rows but " + y.length + " targets");
    }
    StandardizedDesign design =
        StandardizedDesign.of(x, rows, config.intercept(), config.standardize());
    int n = design.n;
    int p = design.p;
    if (featureNames.size() != p) {
      throw new IllegalArgumentException(featureNames.size() + " feature names for " + p
          + " features");
    }
    double[] target = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double v = y[rows == null ? i : rows[i]];
      if (!Double.isFinite(v)) {
        throw new InputException("target of row " + ((rows == null ? i : rows[i]) + 1)
            + " is not finite: " + v);
      }
      target[i] = v;
      sum += v;
    }
    double mean = sum / n;
    double variance = 0;
    for (int i = 0; i < n; i++) {
      variance += (target[i] - mean) * (target[i] - mean);
    }
    variance /= n;
    if (!(variance > 0)) {
      throw new InputException("the target is constant (" + mean + "): nothing to fit");
    }
    double offset = config.intercept() ? mean : 0.0;
    double start = 0;
    for (int i = 0; i < n; i++) {
      target[i] -= offset;
      start += target[i] * target[i];
    }
    start /= n;

    double alpha = config.l1Ratio();
    double[] penalty = config.scaledPenaltyFactors(p);
    boolean covariance = updates == Updates.COVARIANCE
        || (updates == Updates.AUTOMATIC && p < COVARIANCE_MAX_FEATURES);
    GradientTracker tracker = covariance
        ? new CovarianceTracker(design, target) : new ResidualTracker(design, target);
    // glmnet's threshold is on y scaled to unit variance; ours is the same on the raw scale.
    GaussianCoordinateDescent solver = new GaussianCoordinateDescent(
        design, tracker, penalty, alpha, config.tol() * variance, config.maxIterations());

    // Fit the unpenalized features alone (λ = ∞); λ_max is measured on their residual.
    solver.solveUnpenalized();
    boolean defaultSequence = config.lambdas() == null;
    double[] lambdas;
    double lambdaMax = 0;
    if (defaultSequence) {
      for (int j = 0; j < p; j++) {
        if (design.included[j] && penalty[j] > 0) {
          lambdaMax = Math.max(lambdaMax, Math.abs(solver.gradient(j)) / penalty[j]);
        }
      }
      lambdaMax /= Math.max(alpha, 1e-3);
      if (!(lambdaMax > 0)) {
        throw new InputException("λ_max is 0: no penalized feature is correlated with the "
            + "target (all constant, or exactly orthogonal to it); give --lambdas instead");
      }
      lambdas = geometricSequence(lambdaMax, config.effectiveLambdaMinRatio(n, p),
          config.nlambda());
    } else {
      lambdas = config.lambdas().clone();
      Arrays.sort(lambdas);
      reverse(lambdas);
    }

    int m = lambdas.length;
    double[][] intercept = new double[m][];
    double[][][] coef = new double[m][][];
    int[] df = new int[m];
    double[] devRatio = new double[m];
    double[] gap = new double[m];
    double previous = defaultSequence ? lambdaMax : 0.0;
    double previousExplained = 0;
    int done = 0;
    for (int l = 0; l < m; l++) {
      double lambda = lambdas[l];
      // At λ_max itself the solution is the unpenalized fit already in hand (for α ≥ 0.001);
      // solving would only add rounding-level coefficients.
      if (!(defaultSequence && l == 0 && alpha >= 1e-3)) {
        solver.solve(lambda, previous);
      }
      previous = lambda;
      double[] b = new double[p];
      double[] working = solver.coefficients();
      double a0 = config.intercept() ? mean : 0.0;
      int nonzero = 0;
      for (int j = 0; j < p; j++) {
        b[j] = working[j] / design.scale[j];
        a0 -= design.mean[j] * b[j];
        if (b[j] != 0) {
          nonzero++;
        }
      }
      intercept[l] = new double[] {a0};
      coef[l] = new double[][] {b};
      df[l] = nonzero;
      double explained = solver.explained();
      devRatio[l] = explained / start;
      gap[l] = solver.dualityGap(lambda, start) / start;
      done = l + 1;
      if (defaultSequence && done >= Math.min(MIN_LAMBDAS_BEFORE_STOP, m)
          && (explained - previousExplained < MIN_DEVIANCE_CHANGE * explained
              || devRatio[l] > MAX_DEVIANCE_RATIO)) {
        break;
      }
      previousExplained = explained;
    }
    return new GlmPath(Family.GAUSSIAN, alpha, Arrays.copyOf(lambdas, done),
        Arrays.copyOf(intercept, done), Arrays.copyOf(coef, done), Arrays.copyOf(df, done),
        Arrays.copyOf(devRatio, done), Arrays.copyOf(gap, done), featureNames, List.of());
  }

  /**
   * glmnet's default sequence: λ_max·f^k for k = 0..count−1 with f = ratio^(1/(count−1)),
   * built by repeated multiplication as glmnet does.
   */
  public static double[] geometricSequence(double lambdaMax, double ratio, int count) {
    double[] lambdas = new double[count];
    lambdas[0] = lambdaMax;
    if (count == 1) {
      return lambdas;
    }
    double factor = Math.pow(ratio, 1.0 / (count - 1));
    for (int k = 1; k < count; k++) {
      lambdas[k] = lambdas[k - 1] * factor;
    }
    return lambdas;
  }

  private static void reverse(double[] a) {
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
