package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.util.List;

/**
 * The family's part of the single-response distributed IRLS ({@link SingleResponseIrls},
 * {@link NewtonPass}), as the core's {@code WorkingResponse} is the single-machine solver's:
 * the mean μ(η) of a row's response, its working weight vᵢ = wᵢ·V(μᵢ) (V the variance function)
 * and residual rᵢ = wᵢ(yᵢ − μᵢ), half its deviance (the loss the pass sums), the held-out
 * deviance the cross-validation scores with, the intercept-only model from the label's weighted
 * mean ȳ (the link of ȳ), and whether a Newton step is controlled.
 *
 * <ul>
 *   <li>{@code BINOMIAL} (glmnet's {@code lognet}): μ = σ(η), 0 or 1 beyond
 *       ±log(1/pmin − 1) (weight 0 there), V = μ(1 − μ); half deviance −[y log p̃ + (1 − y)
 *       log(1 − p̃)], p̃ clamped to [pmin, 1 − pmin]; held out −2·log p̂(y), p̂ clamped to
 *       [10⁻⁵, 1 − 10⁻⁵] (cv.glmnet); full Newton steps.
 *   <li>{@code POISSON} (glmnet's {@code fishnet}): μ = e^η, V = μ; half deviance
 *       y log(y/μ) − (y − μ) (0·log 0 = 0); held out 2[y log(y/μ) − (y − μ)]; a step that
 *       raises the penalized objective is halved, as the core's {@code PoissonResponse}.
 * </ul>
 *
 * Stateless; thread-safe (enum constants, shipped to the executors with the pass's task).
 */
enum IrlsFamily {
  BINOMIAL {
    @Override
    double nullIntercept(double meanLabel, String labelCol) {
      if (!(meanLabel > NewtonPass.PMIN && meanLabel < 1 - NewtonPass.PMIN)) {
        throw new InputException("column '" + labelCol + "' has a single class (every row is "
            + (meanLabel >= 0.5 ? "1" : "0") + "): a binomial fit needs both 0 and 1");
      }
      return Math.log(meanLabel / (1 - meanLabel));
    }

    @Override
    double nullHalfDeviance(double meanLabel) {
      return -(Math.log(meanLabel / (1 - meanLabel)) * meanLabel + Math.log(1 - meanLabel));
    }

    @Override
    boolean exhausted(double meanWeight) {
      return meanWeight <= VMIN;
    }

    @Override
    double mean(double eta) {
      return eta < -NewtonPass.FMAX ? 0 : eta > NewtonPass.FMAX ? 1 : 1 / (1 + Math.exp(-eta));
    }

    @Override
    double variance(double mean) {
      return mean * (1 - mean);
    }

    @Override
    double halfDeviance(double y, double eta, double mean) {
      double clamped = Math.min(Math.max(NewtonPass.PMIN, mean), 1 - NewtonPass.PMIN);
      return -(y * Math.log(clamped) + (1 - y) * Math.log(1 - clamped));
    }

    @Override
    double heldOutDeviance(double y, double eta) {
      // σ(η) and 1 − σ(η), each without overflow (as PathSolution.probabilities).
      double p1 = eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
      double p0 = eta >= 0 ? Math.exp(-eta) / (1 + Math.exp(-eta)) : 1 / (1 + Math.exp(eta));
      double prob = y == 1 ? p1 : p0;
      prob = Math.min(Math.max(prob, PathSolution.PROBABILITY_CLAMP),
          1 - PathSolution.PROBABILITY_CLAMP);
      return -2 * Math.log(prob);
    }

    @Override
    boolean halvesSteps() {
      return false;
    }

    @Override
    List<String> classNames() {
      return List.of("0", "1");
    }
  },

  POISSON {
    @Override
    double nullIntercept(double meanLabel, String labelCol) {
      if (!(meanLabel > 0)) {
        throw new InputException("column '" + labelCol + "': every count is 0: a poisson fit"
            + " needs a positive count");
      }
      return Math.log(meanLabel);
    }

    /** Unknown from the moments: the saturated part Σ w·y log y is not among them. */
    @Override
    double nullHalfDeviance(double meanLabel) {
      return Double.NaN;
    }

    @Override
    boolean exhausted(double meanWeight) {
      return false;
    }

    @Override
    double mean(double eta) {
      return Math.exp(eta);
    }

    @Override
    double variance(double mean) {
      return mean;
    }

    @Override
    double halfDeviance(double y, double eta, double mean) {
      // y log(y/μ) − (y − μ) = y log y − y·η − y + μ, with log μ = η exactly.
      return (y > 0 ? y * (Math.log(y) - eta) - y : 0.0) + mean;
    }

    @Override
    double heldOutDeviance(double y, double eta) {
      return PathSolution.poissonDeviance(y, eta);
    }

    @Override
    boolean halvesSteps() {
      return true;
    }

    @Override
    List<String> classNames() {
      return List.of();
    }
  };

  /** glmnet's {@code vmin} (the core's BinomialResponse): no curvature left. */
  private static final double VMIN = (1 + NewtonPass.PMIN) * NewtonPass.PMIN
      * (1 - NewtonPass.PMIN);

  /**
   * a₀ of the intercept-only model, the link of the label's weighted mean ȳ.
   *
   * @throws InputException when there is none (a single class; every count 0)
   */
  abstract double nullIntercept(double meanLabel, String labelCol);

  /**
   * The intercept-only model's mean half deviance from ȳ alone, or NaN when the label's weighted
   * moments do not give it (Poisson): the fit then starts with a Newton pass at that model.
   */
  abstract double nullHalfDeviance(double meanLabel);

  /** Whether the working weights have vanished, V/W the mean weight (binomial separation). */
  abstract boolean exhausted(double meanWeight);

  /** μ(η). */
  abstract double mean(double eta);

  /** V(μ): the working weight per unit observation weight. */
  abstract double variance(double mean);

  /** Half of one row's deviance at η (μ = {@link #mean}(η)), without its weight. */
  abstract double halfDeviance(double y, double eta, double mean);

  /** One held-out row's deviance at η (cv.glmnet's {@code type.measure = "deviance"}). */
  abstract double heldOutDeviance(double y, double eta);

  /** Whether a Newton step that raises the penalized objective is halved. */
  abstract boolean halvesSteps();

  /** The class names of the core's path: "0", "1" for binomial, none for Poisson. */
  abstract List<String> classNames();

  /** The core's family. */
  Family family() {
    return Family.valueOf(name());
  }
}
