package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.loss.Family;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tolerance no double can meet (1e-300) leaves each λ at the floor of double precision, not
 * converged, and the path goes on: no λ may spend the budget of passes on moves that are only
 * rounding. The sweeps of a λ start while its new coefficients are still 0, so the threshold
 * they are given can lie below the rounding floor the coefficients then reach; the solvers stop
 * at that floor ({@link PointSolver#roundingThreshold}). Before they did, a gaussian path on the
 * Zen 4 host of 2026-12-03 cycled between two values of four coefficients at λ #2 until the
 * 100,000 passes were spent (ElasticNetPathTest's gaussian case, which passed on Zen 5 only by
 * how its rounding fell).
 */
class BelowDoublePrecisionTest {
  private static final SparsePathTest.Data DATA = SparsePathTest.DATA;

  private static PathSettings settings() {
    return PathSettings.of(0.5).withTolerance(1e-300).withNumLambdas(10);
  }

  // Not the multinomial: its proximal Newton steps creep (each lowers the objective by less than
  // its rounding while the coefficients still move, SparsePathTest's multinomial case), so at
  // this tolerance it spends the budget and says so (Ending.ITERATION_LIMIT, with what to
  // raise). Telling a creep from a standstill by the objective stopped creeping paths early.
  @ParameterizedTest
  @EnumSource(value = Family.class, names = "MULTINOMIAL", mode = Mode.EXCLUDE)
  void densePath_atTolerance1e300_fitsEveryLambdaWithoutSpendingTheBudget(Family family) {
    check(ElasticNetPath.fit(family, DATA.dense(), SparsePathTest.target(family), settings(),
        SparsePathTest.names(), List.of()));
  }

  @ParameterizedTest
  @EnumSource(value = Family.class, names = "MULTINOMIAL", mode = Mode.EXCLUDE)
  void sparsePath_atTolerance1e300_fitsEveryLambdaWithoutSpendingTheBudget(Family family) {
    check(ElasticNetPath.fit(family, DATA.sparse(), SparsePathTest.target(family), settings(),
        SparsePathTest.names(), List.of()));
  }

  private static void check(PathSolution path) {
    assertEquals(PathSolution.Ending.ALL_LAMBDAS, path.end().reason(), path.end().message());
    assertEquals(10, path.size());
    assertFalse(path.allConverged());
    int passes = java.util.Arrays.stream(path.passes()).sum();
    assertTrue(passes < PathSettings.DEFAULT_MAX_ITERATIONS / 4, "passes " + passes);
    assertTrue(path.warning().orElseThrow().contains("not certified to the tolerance"),
        path.warning().orElse(""));
  }
}
