package dev.tikhonov.loss;

/**
 * What a model predicts and the loss ℓ it minimizes, as in glmnet's {@code family}: one
 * vocabulary for linear paths and networks.
 *
 * <ul>
 *   <li>{@code GAUSSIAN}: real targets, ℓ = ½(y − η)²; the objective's data term is (1/2n)·RSS.
 *       A network for real targets ({@link #networkLoss()}: {@link SquaredError}).
 *   <li>{@code BINOMIAL}: two classes, ℓ = −[y·η − log(1 + e^η)] for y ∈ {0, 1} (linear
 *       models).
 *   <li>{@code MULTINOMIAL}: classes, ℓ = −η_y + log Σ_k e^{η_k} (symmetric: one coefficient
 *       vector per class, intercepts centered to sum to zero). A network for classes
 *       ({@link SoftmaxCrossEntropy}).
 *   <li>{@code POISSON}: counts, ℓ = μ − y·log μ with μ = e^η (log link), y ≥ 0; predictions
 *       are the mean μ (or the linear predictor η) (linear models).
 * </ul>
 *
 * The objective of every family is docs/objective.md's mean loss plus the elastic-net penalty; the
 * deviance reported along a path is twice the mean negative log-likelihood for binomial and
 * multinomial, the mean squared residual for gaussian and the mean Poisson deviance
 * 2[y log(y/μ) − (y − μ)] for Poisson. Immutable; thread-safe, as enum constants are.
 */
public enum Family {
  /** Real targets, squared error ℓ = ½(y − η)². */
  GAUSSIAN,
  /** Two classes, y ∈ {0, 1}, the logistic loss (linear models). */
  BINOMIAL,
  /** Two or more classes, the softmax cross-entropy. */
  MULTINOMIAL,
  /** Counts y ≥ 0, the Poisson loss with the log link (linear models). */
  POISSON;


  /** Whether the targets are classes (binomial, multinomial). */
  public boolean isClassification() {
    return this == BINOMIAL || this == MULTINOMIAL;
  }

  /**
   * The loss a network of this family trains on: squared error for {@code GAUSSIAN}, softmax
   * cross-entropy for {@code MULTINOMIAL} (two classes included).
   *
   * @throws IllegalStateException for {@code BINOMIAL} and {@code POISSON}, which only linear
   *     models fit
   */
  public Loss networkLoss() {
    return switch (this) {
      case GAUSSIAN -> new SquaredError();
      case MULTINOMIAL -> new SoftmaxCrossEntropy();
      default -> throw new IllegalStateException("networks are fitted as gaussian or "
          + "multinomial, not " + name().toLowerCase(java.util.Locale.ROOT));
    };
  }
}
