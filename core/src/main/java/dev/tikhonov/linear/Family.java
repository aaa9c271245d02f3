package dev.tikhonov.linear;

/**
 * The loss ℓ of a generalized linear model, as in glmnet's {@code family}.
 *
 * <ul>
 *   <li>{@code GAUSSIAN}: ℓ = ½(y − η)²; the objective's data term is (1/2n)·RSS.
 *   <li>{@code BINOMIAL}: ℓ = −[y·η − log(1 + e^η)] for y ∈ {0, 1}.
 *   <li>{@code MULTINOMIAL}: ℓ = −η_y + log Σ_k e^{η_k} (symmetric: one coefficient vector per
 *       class, intercepts centered to sum to zero).
 *   <li>{@code POISSON}: ℓ = μ − y·log μ with μ = e^η (log link), y ≥ 0 a count; predictions
 *       are the mean μ (or the linear predictor η).
 * </ul>
 *
 * The objective of every family is DESIGN.md's mean loss plus the elastic-net penalty
 * ({@link ElasticNetPath}); the deviance reported along a path is twice the mean negative
 * log-likelihood for binomial and multinomial, the mean squared residual for gaussian and
 * the mean Poisson deviance 2[y log(y/μ) − (y − μ)] for Poisson.
 */
public enum Family {
  GAUSSIAN,
  BINOMIAL,
  MULTINOMIAL,
  POISSON
}
