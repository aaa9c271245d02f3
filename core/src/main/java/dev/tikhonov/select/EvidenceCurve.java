package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.tensor.ArrayText;

/**
 * The log evidence log p(y | λ) along a grid of λ, for choosing λ by its maximum (empirical
 * Bayes). λ is docs/objective.md's: the MAP weights at λ minimize
 * {@code (1/n) Σᵢ ℓ(yᵢ, f(xᵢ; θ)) + (λ/2)‖w‖²}, which is a Gaussian prior of precision n·λ on
 * every penalized weight (docs/choosing-lambda.md).
 *
 * <p>Immutable and thread-safe: the arrays are copied in and out.
 *
 * @param lambdas λ values, strictly increasing or strictly decreasing, each finite and &gt; 0
 * @param logEvidence the log evidence at each λ (not NaN; −∞ allowed)
 */
public record EvidenceCurve(double[] lambdas, double[] logEvidence) {
  /** "EvidenceCurve[λ: 50 values from … to …; log evidence: …]". */
  @Override
  public String toString() {
    return "EvidenceCurve[λ: " + ArrayText.range(lambdas) + "; log evidence: "
        + ArrayText.range(logEvidence) + "]";
  }

  public EvidenceCurve {
    if (lambdas.length == 0) {
      throw new InputException("an evidence curve needs at least one λ");
    }
    if (lambdas.length != logEvidence.length) {
      throw new InputException(lambdas.length + " λ values but " + logEvidence.length
          + " log evidence values");
    }
    lambdas = lambdas.clone();
    logEvidence = logEvidence.clone();
    for (int l = 0; l < lambdas.length; l++) {
      requirePositiveLambda(lambdas[l], l);
      if (Double.isNaN(logEvidence[l]) || logEvidence[l] == Double.POSITIVE_INFINITY) {
        throw new InputException("log evidence " + (l + 1) + " of " + lambdas.length
            + " is " + logEvidence[l] + "; expected a number or −∞");
      }
    }
    if (lambdas.length > 1) {
      boolean increasing = lambdas[1] > lambdas[0];
      for (int l = 1; l < lambdas.length; l++) {
        if (increasing ? !(lambdas[l] > lambdas[l - 1]) : !(lambdas[l] < lambdas[l - 1])) {
          throw new InputException("λ " + (l + 1) + " of " + lambdas.length + " (" + lambdas[l]
              + ") breaks the order: the λ grid must be strictly increasing or strictly"
              + " decreasing");
        }
      }
    }
  }

  @Override
  public double[] lambdas() {
    return lambdas.clone();
  }

  @Override
  public double[] logEvidence() {
    return logEvidence.clone();
  }

  /** Number of grid points. */
  public int size() {
    return lambdas.length;
  }

  /** Index of the largest log evidence (the first one among ties). */
  public int bestIndex() {
    int best = 0;
    for (int l = 1; l < logEvidence.length; l++) {
      if (logEvidence[l] > logEvidence[best]) {
        best = l;
      }
    }
    return best;
  }

  /** The λ of the grid with the largest log evidence. */
  public double bestLambda() {
    return lambdas[bestIndex()];
  }

  /** The largest log evidence on the grid. */
  public double bestLogEvidence() {
    return logEvidence[bestIndex()];
  }

  /**
   * Whether the grid's best point has a neighbour on each side, so that the maximum lies inside
   * the grid; when false, widen the grid before trusting {@link #bestLambda()}.
   */
  public boolean hasInteriorMaximum() {
    int best = bestIndex();
    return best > 0 && best < lambdas.length - 1;
  }

  /** Throws unless λ (the {@code index}-th, 0-based, of a grid) is finite and &gt; 0. */
  static void requirePositiveLambda(double lambda, int index) {
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new InputException("λ " + (index + 1) + " is " + lambda
          + "; the evidence needs a finite λ > 0 (λ = 0 is an improper prior)");
    }
  }

  /** Throws unless λ is finite and &gt; 0. */
  static void requirePositiveLambda(double lambda) {
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new InputException("λ is " + lambda
          + "; the evidence needs a finite λ > 0 (λ = 0 is an improper prior)");
    }
  }
}
