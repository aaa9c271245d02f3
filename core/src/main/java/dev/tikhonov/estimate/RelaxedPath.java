package dev.tikhonov.estimate;

import dev.tikhonov.linear.RelaxedFit;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted relaxed lasso, glmnet's {@code relaxed} object: the penalized path and, for each λ,
 * the unpenalized refit on its active set, blended as
 * {@code b(λ, γ) = γ·b^lasso(λ) + (1 − γ)·b^R(λ)} (intercepts alike; {@link RelaxedFit} has
 * the details). {@link #atGamma} gives the blended path at one γ as an ordinary
 * {@link RegularizationPath} (γ = 1 is {@link #lasso()}), {@link #atIndex(int, double)} and
 * {@link #atLambda(double, double)} the model at one (λ, γ): a plain {@link LinearModel} or
 * {@link LinearClassifier}, whose λ is the path's λ and whose provenance records γ. Its
 * {@code evaluate().penalty()} is the path's penalty at λ (α, vⱼ, sⱼ, grouped for a grouped
 * multinomial path) of its blended coefficients b(λ, γ); loss + penalty is the objective the fit
 * minimized only at γ = 1, as a blend with γ &lt; 1 minimizes none. Fitted with
 * an offset column, every model asks for that column again to predict (η = offset + a₀ + x·b),
 * as {@link RegularizationPath}'s. Immutable and thread-safe as long as the arrays of
 * {@link #solution()} are not modified: that core result is this path's own, shared, not
 * copied; the other accessors return new arrays or new paths.
 *
 * @param <M> the model at one (λ, γ)
 */
public final class RelaxedPath<M extends Predictor> {
  private final RelaxedFit fit;
  private final LinearFit.Kind<M> kind;
  private final double[] factors;
  private final double[] scales;
  private final Provenance provenance;
  private final Optional<String> offsetColumn;
  private final Optional<dev.tikhonov.select.PilotShortfall> adaptivePilot;

  RelaxedPath(RelaxedFit fit, LinearFit.Kind<M> kind, double[] factors, double[] scales,
      Provenance provenance, Optional<String> offsetColumn,
      Optional<dev.tikhonov.select.PilotShortfall> adaptivePilot) {
    this.offsetColumn = offsetColumn;
    this.adaptivePilot = adaptivePilot;
    this.fit = fit;
    this.kind = kind;
    this.factors = factors.clone();
    this.scales = scales.clone();
    this.provenance = provenance;
  }

  /** Number of λ. */
  public int size() {
    return fit.size();
  }

  /** The λ values, decreasing. */
  public double[] lambdas() {
    return fit.lasso().lambdas();
  }

  /** The penalized path (γ = 1). */
  public RegularizationPath<M> lasso() {
    return atGamma(1);
  }

  /**
   * The path of blended coefficients at γ ∈ [0, 1] (0: the unpenalized refits).
   *
   * @throws dev.tikhonov.data.InputException naming {@code gamma} outside [0, 1]
   */
  public RegularizationPath<M> atGamma(double gamma) {
    return new RegularizationPath<>(fit.blend(gamma), kind, factors, scales,
        provenance.withSettings(Map.of("gamma", gamma)), offsetColumn, adaptivePilot);
  }

  /** The model at λ index {@code index} (0 = the largest λ) and γ ∈ [0, 1]. */
  public M atIndex(int index, double gamma) {
    return atGamma(gamma).atIndex(index);
  }

  /**
   * The model at any λ ≥ 0 and γ ∈ [0, 1]: the blend's coefficients interpolated linearly in λ
   * (glmnet's {@code predict(fit, s = λ, gamma = γ)}). Outside the path's range as
   * {@link RegularizationPath#atLambda}: below its smallest λ the model of that λ, which it
   * reports as its λ; above its largest λ the λ asked for only where the blend there has no
   * nonzero penalized coefficient (it then solves every larger λ).
   */
  public M atLambda(double lambda, double gamma) {
    return atGamma(gamma).atLambda(lambda);
  }

  /** Per λ: whether its unpenalized coefficients come from a refit of its own active set. */
  public boolean[] refitted() {
    return fit.refitted();
  }

  /** A one-line warning about refits not certified or not done; empty when all went well. */
  public Optional<String> warning() {
    return fit.warning().or(() -> fit.lasso().warning());
  }

  /**
   * The lasso path's shortfall as numbers ({@link dev.tikhonov.linear.PathSolution#shortfall}), for a caller that
   * words its own remedy; the refits' own warning is {@link RelaxedFit#warning}.
   */
  public Optional<dev.tikhonov.linear.Shortfall> lassoShortfall() {
    return fit.lasso().shortfall();
  }

  /**
   * What the adaptive lasso's all-rows pilot did not reach (its path, or its ridge CV's folds,
   * ran out of passes), which chose the factors of the path relaxed; empty when it converged or
   * without the adaptive setting ({@link RegularizationPath#adaptivePilotShortfall}).
   */
  public Optional<dev.tikhonov.select.PilotShortfall> adaptivePilotShortfall() {
    return adaptivePilot;
  }

  /**
   * The core's result (for writers of path.json): this path's own, immutable (its paths'
   * arrays are copied in and out), so shared rather than copied.
   */
  public RelaxedFit solution() {
    return fit;
  }

  /** The provenance of the relaxed fit: the estimator's settings, data and version. */
  public Provenance provenance() {

    return provenance;
  }

  /**
   * The lasso path's summary ({@link RegularizationPath#toString}) and how many of its λ have
   * a refit of their own: "RelaxedPath[gaussian, α = 1, 86 λ from 45.16 to 0.04516, …; end: …;
   * 85 of 86 λ refitted]", and the refits' warning when there is one.
   */
  @Override
  public String toString() {
    int refits = 0;
    for (boolean r : fit.refitted()) {
      refits += r ? 1 : 0;
    }
    String lasso = RegularizationPath.summary(fit.lasso());
    return "RelaxedPath" + lasso.substring(0, lasso.length() - 1) + "; " + refits + " of "
        + size() + " λ refitted" + fit.warning().map(w -> "; " + w).orElse("") + "]";
  }
}
