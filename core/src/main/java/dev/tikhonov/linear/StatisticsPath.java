package dev.tikhonov.linear;

import dev.tikhonov.data.ConstantTargetException;
import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.Family;
import java.util.List;

/**
 * The gaussian path from sufficient statistics ({@link GaussianStatistics}), no rows: the same
 * path loop ({@link PathLoop}) and point solver ({@link GaussianCoordinateDescent}) as
 * {@link ElasticNetPath#fit} on the rows, with covariance updates fed from the Gram matrix and
 * cross products that the statistics give directly. With W = Σwᵢ, x̄, ȳ the weighted means and
 * Sxx, Sxy, Syy the centered scatters, the design the solver sees is, for mⱼ = x̄ⱼ and c = ȳ with
 * an intercept (0 and 0 without), sⱼ = √(Sxx_jj/W) with {@code standardize} (1 without):
 *
 * <pre>
 *   G_jk = (1/W) Σ wᵢ zᵢⱼ zᵢₖ  = (Sxx_jk/W + (x̄ⱼ − mⱼ)(x̄ₖ − mₖ)) / (sⱼ sₖ)     Gram matrix
 *   g⁰ⱼ  = (1/W) Σ wᵢ zᵢⱼ ỹᵢ   = (Sxy_j/W + (x̄ⱼ − mⱼ)(ȳ − c)) / sⱼ            gradients at b = 0
 *   dev₀ = (1/W) Σ wᵢ ỹᵢ²      = Syy/W + (ȳ − c)²                             null deviance
 * </pre>
 *
 * with zᵢⱼ = (xᵢⱼ − mⱼ)/sⱼ and ỹᵢ = yᵢ − c: exactly the quantities the X-based design forms
 * (StandardizedDesign, CovarianceTracker), so the two paths agree to rounding. Everything the
 * duality-gap certificate needs is there too ((1/W)‖r‖² = dev₀ − 2bᵀg⁰ + bᵀGb). A feature whose
 * scatter Sxx_jj is 0 (constant on the rows; exactly 0 in statistics built by
 * {@link GaussianStatistics}, see there) is left out, as glmnet and the X-based path leave
 * constant columns out. glmnet's default λ-min ratio uses the row count n (rows of weight 0
 * included, as glmnet's {@code nobs}).
 *
 * <p>Cost: p² to form G, then no O(n) work at all. Stateless and thread-safe.
 */
final class StatisticsPath {
  private StatisticsPath() {}

  static PathSolution fit(GaussianStatistics statistics, PathSettings settings,
      List<String> featureNames) {
    ElasticNetPath.requirePenaltyFits(Family.GAUSSIAN, settings);
    int p = statistics.numFeatures();
    if (statistics.count() == 0) {
      throw new InputException("no rows to fit");
    }
    if (p == 0) {
      throw new InputException("no features to fit: the rows have 0 columns");
    }
    if (!(statistics.weightSum() > 0)) {
      throw new InputException("no rows of positive weight: nothing to fit");
    }
    if (featureNames.size() != p) {
      throw new InputException("featureNames: " + featureNames.size() + " names for " + p
          + " features");
    }
    double[] penalty = settings.normalizedPenaltyFactors(p);
    double weight = statistics.weightSum();
    // Without an intercept the null model is 0, not ȳ: a constant y other than 0 is a fit like
    // any other (glmnet's intercept = FALSE fits it), 0 leaves nothing.
    if (settings.intercept() ? !(statistics.targetScatter() > 0)
        : !(statistics.targetSquares() > 0)) {
      throw new ConstantTargetException("the target is constant (" + statistics.targetMean()
          + "): nothing to fit");
    }
    boolean intercept = settings.intercept();
    double[] featureMean = statistics.featureMeans();
    double[] scatter = statistics.featureScatter();
    double[] mean = new double[p];
    double[] scale = new double[p];
    double[] shift = new double[p];
    boolean[] included = new boolean[p];
    for (int j = 0; j < p; j++) {
      double sd = Math.sqrt(Math.max(scatter[j * p + j], 0.0) / weight);
      included[j] = sd > 0;
      mean[j] = intercept ? featureMean[j] : 0.0;
      scale[j] = settings.standardize() && included[j] ? sd : 1.0;
      shift[j] = featureMean[j] - mean[j];
    }
    double offset = intercept ? statistics.targetMean() : 0.0;
    double targetShift = statistics.targetMean() - offset;
    double[] gram = new double[p * p];
    double[] variance = new double[p];
    double[] cross = new double[p];
    double[] targetScatter = statistics.featureTargetScatter();
    for (int j = 0; j < p; j++) {
      if (!included[j]) {
        continue;
      }
      gramRow(j, scatter, weight, shift, scale, included, gram);
      variance[j] = gram[j * p + j];
      cross[j] = (targetScatter[j] / weight + shift[j] * targetShift) / scale[j];
    }
    double start = statistics.targetScatter() / weight + targetShift * targetShift;
    int n = (int) Math.min(statistics.count(), Integer.MAX_VALUE);
    StandardizedDesign design = DenseDesign.ofMoments(n, mean, scale, variance, included);
    GradientTracker tracker = new CovarianceTracker(design, gram, cross, start);
    Box box = Box.of(settings.lowerLimits(p), settings.upperLimits(p), scale);
    PointSolver solver = new GaussianCoordinateDescent(design, tracker, penalty, box,
        settings.l1Ratio(), offset, start, settings.maxIterations(),
        PathLoop.recomputeCertificates(settings));
    return PathLoop.run(solver, design, Family.GAUSSIAN, settings, featureNames, List.of());
  }

  /**
   * Row j of the standardized Gram from the scatter: a method of its own, called p times per
   * fit, so that the JIT compiles it with a complete profile (inside fit, which runs once per
   * path, its loop was compiled by on-stack replacement and its exit was a trap that threw the
   * code away; docs/performance-log.md).
   */
  private static void gramRow(int j, double[] scatter, double weight, double[] shift,
      double[] scale, boolean[] included, double[] gram) {
    int p = shift.length;
    int o = j * p;
    for (int k = 0; k < p; k++) {
      if (included[k]) {
        gram[o + k] = (scatter[o + k] / weight + shift[j] * shift[k]) / (scale[j] * scale[k]);
      }
    }
  }
}
