package dev.tikhonov.estimate;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A regression model's {@link Evaluation}, what {@link LinearModel#evaluate} and
 * {@link NetworkRegressor#evaluate} return: the mean loss (½(y − ŷ)², or the Poisson
 * μ − y·log μ for counts), the penalty, and, with ŷ the prediction (μ for counts),
 *
 * <ul>
 *   <li>{@link #meanSquaredError()}: (1/n) Σ (yᵢ − ŷᵢ)², scikit-learn's
 *       {@code mean_squared_error};
 *   <li>{@link #meanAbsoluteError()}: (1/n) Σ |yᵢ − ŷᵢ|, scikit-learn's
 *       {@code mean_absolute_error};
 *   <li>{@link #rSquared()}: R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)² with ȳ the mean of the evaluated
 *       rows, scikit-learn's {@code r2_score} (and a regressor's {@code score}); negative for a
 *       model worse than predicting ȳ;
 *   <li>{@link #meanPoissonDeviance()} (Poisson counts): D/n, the mean of the unit deviances
 *       dᵢ = 2 [yᵢ log(yᵢ/μᵢ) − (yᵢ − μᵢ)] ≥ 0 (y log y = 0 at y = 0), scikit-learn's
 *       {@code mean_poisson_deviance} and glmnet's {@code type.measure = "deviance"}; the mean
 *       loss μ − y·log μ is dᵢ/2 less a term of yᵢ alone, and negative wherever counts are large;
 *   <li>{@link #devianceExplained()} (Poisson counts): D² = 1 − D/D₀ with the Poisson deviance
 *       D = 2 Σ [yᵢ log(yᵢ/μᵢ) − (yᵢ − μᵢ)] (y log y = 0 at y = 0) and D₀ the same with every
 *       μᵢ = ȳ: glmnet's {@code dev.ratio} on the training rows, scikit-learn's
 *       {@code d2_tweedie_score(power=1)}. (For a gaussian model D² is R².)
 * </ul>
 *
 * Weighted ({@link Predictor#evaluate(dev.tikhonov.data.Dataset, String)}), each mean is
 * Σ wᵢ(·)/Σ wᵢ and ȳ the weighted mean Σ wᵢyᵢ/Σ wᵢ, in R²'s and D₀'s terms too, each weighted:
 * scikit-learn's metrics with {@code sample_weight=w}.
 *
 * <p>R² and D² are empty when the evaluated targets give them no value: all rows (of positive
 * weight) with the same y
 * (Σ(yᵢ − ȳ)² = 0, also where the rounding of ȳ leaves it a few ulps above 0), all counts the
 * same (D₀ = 0; all 0 among them); D² is empty for a model that is not of counts. Immutable, so
 * thread-safe.
 */
public final class RegressionEvaluation extends Evaluation {
  private final double meanSquaredError;
  private final double meanAbsoluteError;
  private final OptionalDouble rSquared;
  private final OptionalDouble meanPoissonDeviance;
  private final OptionalDouble devianceExplained;

  RegressionEvaluation(int rows, double weightSum, double loss, double penalty,
      double meanSquaredError, double meanAbsoluteError, OptionalDouble rSquared,
      OptionalDouble meanPoissonDeviance, OptionalDouble devianceExplained) {
    super(rows, weightSum, loss, penalty);
    this.meanSquaredError = meanSquaredError;
    this.meanAbsoluteError = meanAbsoluteError;
    this.rSquared = rSquared;
    this.meanPoissonDeviance = meanPoissonDeviance;
    this.devianceExplained = devianceExplained;
  }

  /** (1/n) Σ (yᵢ − ŷᵢ)². */
  public double meanSquaredError() {
    return meanSquaredError;
  }

  /** (1/n) Σ |yᵢ − ŷᵢ|. */
  public double meanAbsoluteError() {
    return meanAbsoluteError;
  }

  /** R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)² (empty when every row has the same y). */
  public OptionalDouble rSquared() {
    return rSquared;
  }

  /**
   * (1/n) Σ 2 [yᵢ log(yᵢ/μᵢ) − (yᵢ − μᵢ)] ≥ 0, the mean Poisson deviance (count models; empty
   * for others): scikit-learn's {@code mean_poisson_deviance}, 0 for a model that predicts
   * every count exactly.
   */
  public OptionalDouble meanPoissonDeviance() {
    return meanPoissonDeviance;
  }

  /**
   * D² = 1 − D/D₀, the fraction of Poisson deviance explained (count models; empty for others
   * and when every count is the same, all 0 among them).
   */
  public OptionalDouble devianceExplained() {
    return devianceExplained;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegressionEvaluation e && sameBase(e)
        && Double.compare(meanSquaredError, e.meanSquaredError) == 0
        && Double.compare(meanAbsoluteError, e.meanAbsoluteError) == 0
        && rSquared.equals(e.rSquared) && meanPoissonDeviance.equals(e.meanPoissonDeviance)
        && devianceExplained.equals(e.devianceExplained);
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseHash(), meanSquaredError, meanAbsoluteError, rSquared,
        meanPoissonDeviance, devianceExplained);
  }

  /**
   * "RegressionEvaluation[rows=200, loss=0.1234, penalty=0.01, R²=0.87, MSE=0.2468, MAE=0.391]"
   * (a count model's ends ", deviance=0.91, D²=0.42]").
   */
  @Override
  public String toString() {
    return text(score("R²", rSquared) + score("MSE", meanSquaredError)
        + score("MAE", meanAbsoluteError) + score("deviance", meanPoissonDeviance)
        + score("D²", devianceExplained));
  }
}
