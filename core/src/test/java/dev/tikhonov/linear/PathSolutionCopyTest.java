package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.loss.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fitted path and a relaxed fit copy their arrays in and out: PathSolution called itself
 * immutable while handing out its own arrays ("do not modify them"), so a caller scaling the
 * coefficients it was given changed every model later made from the path. The index accessors
 * read one value without copying and name an index out of range, as CvResult's do.
 */
class PathSolutionCopyTest {
  private final double[] lambdas = {1.0, 0.1};
  private final double[][] intercepts = {{0.5}, {0.25}};
  private final double[][][] coefficients = {{{0, 0}}, {{1, -2}}};
  private final int[] df = {0, 2};
  private final double[] ratio = {0, 0.4};
  private final boolean[] converged = {true, false};
  private final int[] passes = {1, 7};
  private final double[] certificate = {0, 2e-3};

  private PathSolution path() {
    return new PathSolution(Family.GAUSSIAN, 1.0, lambdas, intercepts, coefficients, df, ratio,
        2.0, 1e-3, converged, passes, certificate, List.of("a", "b"), List.of(),
        new PathSolution.End(PathSolution.Ending.ALL_LAMBDAS, "both λ fitted"));
  }

  private static void assertUnchanged(PathSolution path) {
    assertArrayEquals(new double[] {1.0, 0.1}, path.lambdas());
    assertArrayEquals(new double[] {0.25}, path.intercepts()[1]);
    assertArrayEquals(new double[] {1, -2}, path.coefficients()[1][0]);
    assertArrayEquals(new int[] {0, 2}, path.degreesOfFreedom());
    assertArrayEquals(new double[] {0, 0.4}, path.devianceRatio());
    assertArrayEquals(new boolean[] {true, false}, path.converged());
    assertArrayEquals(new int[] {1, 7}, path.passes());
    assertArrayEquals(new double[] {0, 2e-3}, path.certificate());
    assertEquals(1 + 0.25 - 2, path.linearPredictor(new double[] {1, 1}, 1, 0));
  }

  @Test
  void theInputArrays_changedAfterConstruction_doNotChangeThePath() {
    PathSolution path = path();
    lambdas[1] = 9;
    intercepts[1][0] = 9;
    coefficients[1][0][1] = 9;
    coefficients[1] = new double[][] {{9, 9}};
    df[1] = 9;
    ratio[1] = 9;
    converged[1] = true;
    passes[1] = 9;
    certificate[1] = 9;
    assertUnchanged(path);
  }

  @Test
  void theReturnedArrays_changed_doNotChangeThePath() {
    PathSolution path = path();
    path.lambdas()[1] = 9;
    path.intercepts()[1][0] = 9;
    path.intercepts(1)[0] = 9;
    path.coefficients()[1][0][1] = 9;
    path.coefficients()[1] = new double[][] {{9, 9}};
    path.coefficients(1)[0][0] = 9;
    path.degreesOfFreedom()[1] = 9;
    path.devianceRatio()[1] = 9;
    path.converged()[1] = true;
    path.passes()[1] = 9;
    path.certificate()[1] = 9;
    assertUnchanged(path);
  }

  @Test
  void indexAccessors_readOneValue_andNameAnIndexOutOfRange() {
    PathSolution path = path();
    assertEquals(0.1, path.lambda(1));
    assertEquals(0.25, path.intercept(1, 0));
    assertEquals(-2, path.coefficient(1, 0, 1));
    assertArrayEquals(new double[] {1, -2}, path.coefficients(1)[0]);
    assertEquals(2, path.degreesOfFreedom(1));
    assertEquals(0.4, path.devianceRatio(1));
    assertFalse(path.converged(1));
    assertEquals(7, path.passes(1));
    assertEquals(2e-3, path.certificate(1));
    assertEquals(1, path.numOutputs());
    assertEquals("λ index 2 of 2 λ (0-based)", assertThrows(IndexOutOfBoundsException.class,
        () -> path.lambda(2)).getMessage());
    assertEquals("λ index -1 of 2 λ (0-based)", assertThrows(IndexOutOfBoundsException.class,
        () -> path.coefficients(-1)).getMessage());
    assertEquals("coefficient vector index 1 of 1 (0-based)", assertThrows(
        IndexOutOfBoundsException.class, () -> path.intercept(0, 1)).getMessage());
    assertEquals("feature index 2 of 2 features (0-based)", assertThrows(
        IndexOutOfBoundsException.class, () -> path.coefficient(1, 0, 2)).getMessage());
  }

  @Test
  void aRelaxedFit_copiesItsRefittedFlagsInAndOut_andNamesAnIndexOutOfRange() {
    PathSolution lasso = path();
    boolean[] refitted = {false, true};
    RelaxedFit fit = new RelaxedFit(lasso, lasso, refitted, List.of());
    refitted[1] = false;
    fit.refitted()[0] = true;
    assertArrayEquals(new boolean[] {false, true}, fit.refitted());
    assertTrue(fit.refitted(1));
    assertFalse(fit.refitted(0));
    assertEquals("λ index 2 of 2 λ (0-based)", assertThrows(IndexOutOfBoundsException.class,
        () -> fit.refitted(2)).getMessage());
  }
}
