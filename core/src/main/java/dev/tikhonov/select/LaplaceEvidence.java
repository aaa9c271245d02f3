package dev.tikhonov.select;

/**
 * A Laplace approximation of the log evidence of a softmax (or logistic) layer at one λ,
 * expanded at parameters θ̂ = (W, b) with gradient g and curvature H of the negative log
 * posterior:
 *
 * <pre>
 *   log p(y | λ) ≈ log p(y | θ̂) + log p(W | λ) + (d/2) log 2π − ½ log det H + ½ gᵀH⁻¹g
 *   log p(W | λ) = (m/2) log(nλ/2π) − (nλ/2)‖W‖²         (m weights, prior precision nλ)
 * </pre>
 *
 * The prior N(0, (nλ)⁻¹I) on the weights is docs/objective.md's penalty: the MAP minimizes
 * (1/n) Σᵢ −log p(yᵢ | xᵢ) + (λ/2)‖W‖². Biases have the flat prior p(b) = 1 on the d − m
 * differences bₖ − b₀ that the likelihood sees ({@link Logits}), so the evidence is a proper
 * integral and needs no arbitrary constant. At the MAP g = 0; at other parameters (a network
 * from SGD) ½gᵀH⁻¹g is the integral of the second-order Taylor expansion around θ̂, the
 * predicted gain of one Newton step. Immutable, so thread-safe.
 *
 * @param lambda λ, docs/objective.md's scaling
 * @param logEvidence the sum above
 * @param logLikelihood log p(y | θ̂) = Σᵢ log p(yᵢ | xᵢ, θ̂)
 * @param logPrior log p(W | λ)
 * @param logDeterminant log det H, by {@code curvature}
 * @param gradientCorrection ½gᵀH⁻¹g (0 at the MAP)
 * @param parameters d = m + (number of bias differences)
 * @param weights m, the penalized parameters
 * @param curvature how H was computed
 */
public record LaplaceEvidence(
    double lambda,
    double logEvidence,
    double logLikelihood,
    double logPrior,
    double logDeterminant,
    double gradientCorrection,
    int parameters,
    int weights,
    Curvature curvature) {

  /**
   * The Occam factor, log p(W | λ) + (d/2) log 2π − ½ log det H: what the evidence charges for
   * the posterior being narrower than the prior; {@code logEvidence} is the fit, {@code
   * logLikelihood}, plus this, plus {@code gradientCorrection}.
   */
  public double occamFactor() {
    return logPrior + 0.5 * parameters * Math.log(2 * Math.PI) - 0.5 * logDeterminant;
  }
}
