package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The gaussian coordinate descent's sweeps, on a small problem given by its Gram matrix. */
class GaussianCoordinateDescentTest {
  /** (1/n)ZᵀZ of three correlated features, row-major. */
  private static final double[] GRAM = {
      1.0, 0.6, 0.3,
      0.6, 1.0, 0.5,
      0.3, 0.5, 1.0};
  /** (1/n)Zᵀy. */
  private static final double[] CROSS = {0.9, -0.2, 0.4};

  private static GaussianCoordinateDescent solver(int maxPasses) {
    int p = CROSS.length;
    double[] variance = {GRAM[0], GRAM[4], GRAM[8]};
    boolean[] included = {true, true, true};
    StandardizedDesign design = DenseDesign.ofMoments(1, new double[p], new double[] {1, 1, 1},
        variance, included);
    CovarianceTracker tracker = new CovarianceTracker(design, GRAM, CROSS, 1.0);
    return new GaussianCoordinateDescent(design, tracker, new double[] {1, 1, 1}, Box.none(),
        1.0, 0.0, 1.0, maxPasses, true);
  }

  @Test
  void solve_atThresholdZero_stopsAtTheRoundingFloorWithinAFewPasses() {
    // A threshold of 0 asks for moves below 0, which never happen: before the sweeps stopped at
    // the coefficients' rounding floor they ran until the budget (IterationLimitReached) even
    // when every move was exactly 0. Now they stop once the moves are rounding only, at the
    // exact lasso solution to rounding.
    GaussianCoordinateDescent solver = solver(10_000);
    double lambda = 0.1;
    solver.solve(lambda, lambda, 0.0);
    assertTrue(solver.passes() < 200, "passes " + solver.passes());
    double[] intercept = new double[1];
    double[][] b = new double[1][3];
    solver.coefficients(intercept, b);
    // KKT: gⱼ = cⱼ − Σₖ Gⱼₖbₖ equals λ·sign(bⱼ) where bⱼ ≠ 0 and is at most λ in size elsewhere.
    for (int j = 0; j < 3; j++) {
      double g = CROSS[j];
      for (int k = 0; k < 3; k++) {
        g -= GRAM[j * 3 + k] * b[0][k];
      }
      if (b[0][j] != 0) {
        assertEquals(lambda * Math.signum(b[0][j]), g, 1e-14, "feature " + j);
      } else {
        assertTrue(Math.abs(g) <= lambda + 1e-14, "feature " + j + ": gradient " + g);
      }
    }
    assertTrue(b[0][0] != 0, "the strongest feature is in the model");
  }
}
