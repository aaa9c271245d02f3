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
}
