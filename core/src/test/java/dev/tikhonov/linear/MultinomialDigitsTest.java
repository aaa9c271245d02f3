package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Mnist;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The multinomial path on 2,000 bundled MNIST digits (784 pixels, many of them strongly
 * correlated neighbours, 10 classes), α = 0.5: the two failures found when the one driver was
 * merged, now prevented by the proximal Newton step-size control in {@link MultinomialSolver}.
 */
class MultinomialDigitsTest {
  private static final Dataset DIGITS =
      Mnist.bundled().train().subset(IntStream.range(0, 2000).toArray());

  private static PathSolution fit(PathSettings settings) {
    return ElasticNetPath.fit(Family.MULTINOMIAL, DIGITS.featureRows(), DIGITS.targets(),
        settings, DIGITS.featureNames(), DIGITS.classNames());
  }

  @Test
  void fit_coldStartFarBelowLambdaMax_convergesInsteadOfReturningNaN() {
    // Started cold at λ = 0.03 (λ_max ≈ 0.32), the full Newton steps diverged: all-zero
    // coefficients, deviance ratio NaN, certificate NaN, returned without a word.
    PathSolution path = fit(PathSettings.of(0.5).withLambdas(0.03));
    assertEquals(1, path.size());
    assertEquals(PathSolution.Ending.ALL_LAMBDAS, path.end().reason());
    assertTrue(path.converged(0), "certificate " + path.certificate(0));
    assertTrue(path.certificate(0) <= PathSettings.DEFAULT_TOLERANCE);
    double ratio = path.devianceRatio(0);
    // The warm-started default path explains 0.659 at λ = 0.046 and 0.747 at λ = 0.028.
    assertTrue(ratio > 0.659 && ratio < 0.747, "deviance ratio " + ratio);
    assertTrue(path.degreesOfFreedom(0) > 300, "df " + path.degreesOfFreedom(0));
    assertTrue(path.passes(0) < 5_000, "passes " + path.passes(0));
  }

  @Test
  void fit_firstSevenLambdasOfTheDefault20_convergeWithoutCycling() {
    // The default 20-λ sequence ended at λ #6 with ITERATION_LIMIT after 100,000 passes: the
    // full Newton steps of class 2 cycled between two points (pixels 473 and 474 trading
    // weight), never meeting glmnet's step threshold; 99,029 passes went to that one λ.
    double lambdaMax = fit(PathSettings.of(0.5).withNumLambdas(1)).lambda(0);
    double[] sequence = ElasticNetPath.geometricSequence(lambdaMax, 1e-4, 20);
    PathSolution path = fit(PathSettings.of(0.5)
        .withLambdas(java.util.Arrays.copyOf(sequence, 7)));
    assertEquals(7, path.size());
    assertTrue(path.allConverged(), path.warning().orElse(""));
    for (int l = 0; l < 7; l++) {
      // Measured after the fix: 10, 145, 236, 280, 301, 363, 394.
      assertTrue(path.passes(l) < 2_000, "λ #" + (l + 1) + ": " + path.passes(l)
          + " passes");
    }
  }
}
