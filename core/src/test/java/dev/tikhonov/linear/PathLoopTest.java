package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The path layer's own guards, driven by a point solver that misbehaves on purpose. */
class PathLoopTest {
  private static final double[][] X = {{1, 2}, {2, 1}, {3, 5}, {4, 3}};

  /** A solver whose fit is fine (certificate 0) until λ index {@code badFrom}, then NaN. */
  private static final class FailingSolver implements PointSolver {
    private final int badFrom;
    private int solved = -1;

    FailingSolver(int badFrom) {
      this.badFrom = badFrom;
    }

    @Override
    public void solveUnpenalized(double threshold) {}

    @Override
    public double lambdaMax() {
      return 1.0;
    }

    @Override
    public void solve(double lambda, double previousLambda, double threshold) {
      if (lambda != previousLambda) {
        solved++;
      }
    }

    @Override
    public double certificate(double lambda) {
      return solved >= badFrom ? Double.NaN : 0.0;
    }

    @Override
    public double devianceRatio() {
      return solved >= badFrom ? Double.NaN : 0.1 * (solved + 1);
    }

    @Override
    public double nullDeviance() {
      return 1;
    }

    @Override
    public double sweepScale() {
      return 1;
    }

    @Override
    public double roundingThreshold() {
      return 0;
    }

    @Override
    public int passes() {
      return solved + 1;
    }

    @Override
    public int everActive() {
      return 0;
    }

    @Override
    public boolean exhausted() {
      return false;
    }

    @Override
    public int numVectors() {
      return 1;
    }

    @Override
    public void coefficients(double[] interceptOut, double[][] coefficientsOut) {
      interceptOut[0] = 0;
      coefficientsOut[0][0] = solved >= badFrom ? Double.NaN : 1;
    }
  }

  private static PathSolution run(PointSolver solver) {
    return PathLoop.run(solver, StandardizedDesign.of(X, true, false), Family.BINOMIAL,
        PathSettings.lasso().withLambdas(0.5, 0.25, 0.125, 0.0625), List.of("a", "b"),
        List.of("no", "yes"));
  }

  @Test
  void run_whenAFitIsNotFinite_endsBeforeItAndSaysWhy() {
    PathSolution path = run(new FailingSolver(2));
    assertEquals(2, path.size(), "the λ before the failure are kept");
    assertEquals(PathSolution.Ending.NOT_FINITE, path.end().reason());
    assertFalse(path.allConverged());
    String warning = path.warning().orElseThrow();
    assertTrue(warning.startsWith("the fit at λ #3 of 4 (λ = 0.125000) is not finite"
        + " (deviance ratio NaN, certificate NaN); the path ends before it with 2 λ"), warning);
    for (int l = 0; l < path.size(); l++) {
      assertTrue(Double.isFinite(path.devianceRatio(l)));
      assertTrue(Double.isFinite(path.coefficient(l, 0, 0)));
    }
  }

  @Test
  void run_whenTheFirstFitIsNotFinite_isAnError() {
    InputException e = assertThrows(InputException.class, () -> run(new FailingSolver(0)));
    assertTrue(e.getMessage().startsWith("the fit at the first λ (0.500000) is not finite"),
        e.getMessage());
  }
}
