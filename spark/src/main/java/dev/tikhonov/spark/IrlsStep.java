package dev.tikhonov.spark;

import dev.tikhonov.internal.linear.PenalizedQuadratic;
import java.util.Arrays;

/**
 * One proximal Newton (IRLS) step of the binomial or Poisson fit ({@link SingleResponseIrls}) from a distributed
 * pass's sums (the multinomial's step couples the classes through the cross-class blocks of the
 * Hessian and is {@link MultinomialIrls}'s own). With working weights vᵢ, residuals rᵢ = wᵢ(yᵢ − pᵢ) and
 * x̃ = x − μ (μ the pass's centre), from V = Σv, R = Σr, Q = Σr²/v, Σvx̃, Σrx̃ and Σvx̃x̃ᵀ it forms
 * the quadratic model of the mean loss around the current (a₀, b), centred by the v-weighted
 * mean x̄ᵥ (the intercept profiled out) and scaled to the design's columns (x − m)/s,
 *
 * <pre>
 *   G = (Σvx̃x̃ᵀ − V·x̄ᵥx̄ᵥᵀ)/(V sⱼsₖ),   c = Gβ + (Σrx̃ − R·x̄ᵥ)/(V sⱼ),
 *   minimize ½βᵀGβ − cᵀβ + ½d + (λW/V)·Σⱼ[(1−α)/2 βⱼ² + α|βⱼ|]
 * </pre>
 *
 * (the mean loss's model multiplied by W/V), solves it by the core's covariance-mode coordinate
 * descent ({@link PenalizedQuadratic}) warm-started at the current β, and takes the full step;
 * the new intercept is a₀ + R/V + Σⱼ(μⱼ + x̄ᵥⱼ)(bⱼ − b'ⱼ). Stateless; thread-safe.
 */
final class IrlsStep {
  private IrlsStep() {}

  /**
   * The step's end point and glmnet's convergence measure of it, on the design's scale:
   * max((V/W)·Δã₀², maxⱼ xvⱼ·Δβⱼ²), xvⱼ = (1/W)Σ v z̃ⱼ².
   *
   * @param intercept a₀ after the step (original scale)
   * @param beta β after the step (the design's scale)
   * @param coefficients b = β/s after the step (original scale)
   * @param change glmnet's measure of the move
   * @param everActive per feature, whether the step's coordinate descent had it nonzero at
   *     any update (its start included), even if back at 0 at the end
   *     ({@link PenalizedQuadratic.Solution#everActive})
   */
  record Result(double intercept, double[] beta, double[] coefficients, double change,
      boolean[] everActive) {}

  /**
   * The step of one block.
   *
   * @param v V = Σv (&gt; 0)
   * @param r R = Σr
   * @param q Q = Σ r²/v over rows with v &gt; 0
   * @param vx Σ v x̃
   * @param rx Σ r x̃
   * @param vxx Σ v x̃x̃ᵀ, p×p row-major
   * @param weight W = Σw of the fit's rows
   * @param center μ, the pass's centre
   * @param mean m, the fit's feature means (the design's centre)
   * @param scale s, the design's column scales
   * @param included the features that may move
   * @param alpha α
   * @param lambda λ
   * @param intercept a₀ now
   * @param beta β now (the design's scale)
   * @param coefficients b now (original scale)
   * @param tolerance the relative duality gap the quadratic is solved to
   * @param maxPasses the coordinate descent's budget
   */
  static Result take(double v, double r, double q, double[] vx, double[] rx, double[] vxx,
      double weight, double[] center, double[] mean, double[] scale, boolean[] included,
      double alpha, double lambda, double intercept, double[] beta, double[] coefficients,
      double tolerance, int maxPasses) {
    int p = beta.length;
    double[] vMean = new double[p];
    for (int j = 0; j < p; j++) {
      vMean[j] = vx[j] / v;
    }
    // Centred by the v-weighted mean: S = Σvx̃x̃ᵀ − V·x̄ᵥx̄ᵥᵀ, c = Σrx̃ − R·x̄ᵥ (x̃ coordinates).
    double[] gram = new double[p * p];
    double[] c = new double[p];
    for (int j = 0; j < p; j++) {
      if (!included[j]) {
        continue;
      }
      c[j] = (rx[j] - r * vMean[j]) / (scale[j] * v);
      for (int k = 0; k < p; k++) {
        if (included[k]) {
          gram[j * p + k] = (vxx[j * p + k] - v * vMean[j] * vMean[k])
              / (v * scale[j] * scale[k]);
        }
      }
    }
    double[] linear = new double[p];
    double quadratic = 0;
    double cross = 0;
    for (int j = 0; j < p; j++) {
      if (!included[j]) {
        continue;
      }
      double gb = 0;
      for (int k = 0; k < p; k++) {
        gb += gram[j * p + k] * beta[k];
      }
      linear[j] = gb + c[j];
      quadratic += beta[j] * gb;
      cross += beta[j] * c[j];
    }
    double constant = quadratic + 2 * cross + Math.max(q - r * r / v, 0.0) / v;
    double[] ones = new double[p];
    Arrays.fill(ones, 1.0);
    PenalizedQuadratic model = new PenalizedQuadratic(gram, linear, constant, included, ones,
        alpha);
    PenalizedQuadratic.Solution solution = model.minimize(lambda * weight / v, beta, tolerance,
        maxPasses);
    double[] next = solution.coefficients();
    double[] nextB = new double[p];
    double shift = 0;
    for (int j = 0; j < p; j++) {
      nextB[j] = next[j] / scale[j];
      shift += (center[j] + vMean[j]) * (coefficients[j] - nextB[j]);
    }
    double nextA0 = intercept + r / v + shift;
    // The intercept's move on the design's scale, ã₀ = a₀ + Σⱼ bⱼmⱼ.
    double interceptMove = nextA0 - intercept;
    for (int j = 0; j < p; j++) {
      interceptMove += (nextB[j] - coefficients[j]) * mean[j];
    }
    double change = v / weight * interceptMove * interceptMove;
    for (int j = 0; j < p; j++) {
      double d = next[j] - beta[j];
      change = Math.max(change, gram[j * p + j] * v / weight * d * d);
    }
    return new Result(nextA0, next, nextB, change, solution.everActive());
  }
}
