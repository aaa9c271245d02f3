package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.ConstantTargetException;
import dev.tikhonov.loss.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every route to "nothing to fit in the target" throws {@link ConstantTargetException}, the type
 * the CLI catches to name the data file and --target: it used to match the messages' first
 * words, so rewording one of them would have dropped the file name silently.
 */
class ConstantTargetExceptionTest {
  static final double[][] X = {{1, 2}, {3, 1}, {4, 5}, {0, 2}};
  static final List<String> NAMES = List.of("a", "b");

  @Test
  void gaussianRows_constantTarget_isAConstantTargetException() {
    ConstantTargetException e = assertThrows(ConstantTargetException.class,
        () -> ElasticNetPath.fit(Family.GAUSSIAN, X, new double[] {3, 3, 3, 3},
            PathSettings.lasso(), NAMES, List.of()));
    assertEquals("the target is constant (3.0): nothing to fit", e.getMessage());
  }

  @Test
  void gaussianStatistics_constantTarget_isAConstantTargetException() {
    ConstantTargetException e = assertThrows(ConstantTargetException.class,
        () -> ElasticNetPath.fit(GaussianStatistics.of(X, new double[] {2.5, 2.5, 2.5, 2.5}),
            PathSettings.lasso(), NAMES));
    assertEquals("the target is constant (2.5): nothing to fit", e.getMessage());
  }

  @Test
  void poisson_equalCounts_isAConstantTargetException() {
    ConstantTargetException e = assertThrows(ConstantTargetException.class,
        () -> ElasticNetPath.fit(Family.POISSON, X, new double[] {2, 2, 2, 2},
            PathSettings.lasso(), NAMES, List.of()));
    assertEquals("the counts are fitted exactly by the intercept-only model", e.getMessage()
        .substring(0, "the counts are fitted exactly by the intercept-only model".length()));
  }

  /**
   * Equal counts whose null deviance rounds to a tiny positive number (all 7, or 7.3 under
   * weights: exp(log 7) is not exactly 7) were fitted: a path of λ near 1e-32 with deviance
   * ratios of −11. Every count from 1 to 30, with and without an intercept (μ = e^o = the
   * count), and under unequal weights.
   */
  @Test
  void poisson_equalCountsWhoseDevianceRoundsAboveZero_areAConstantTargetException() {
    double[] offsets = new double[X.length];
    for (int c = 1; c <= 30; c++) {
      double[] y = {c, c, c, c};
      java.util.Arrays.fill(offsets, Math.log(c));
      for (Observations o : List.of(Observations.none(),
          Observations.ofWeights(new double[] {0.3, 1.7, 0.9, 2.1}))) {
        assertThrows(ConstantTargetException.class, () -> ElasticNetPath.fit(Family.POISSON, X,
            y, o, PathSettings.lasso(), NAMES, List.of()), "count " + c);
      }
      assertThrows(ConstantTargetException.class, () -> ElasticNetPath.fit(Family.POISSON, X, y,
          Observations.ofOffsets(offsets), PathSettings.lasso().withIntercept(false), NAMES,
          List.of()), "count " + c + " = e^offset without an intercept");
    }
  }
}
