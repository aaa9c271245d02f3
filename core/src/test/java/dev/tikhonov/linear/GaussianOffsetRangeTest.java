package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.ElasticNet;
import dev.tikhonov.loss.Family;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Gaussian offsets that take y − o beyond double precision's squares are the offsets' problem:
 * the message said "target of row 1: value -1.0E300 is too large …; rescale the target" of a
 * target within range, and the CLI's path blamed --target, not --offset. Both routes of the
 * gaussian path (the Gram statistics for n ≥ p, the standardized design otherwise) say the
 * same; a target too large by itself is still the target's.
 */
class GaussianOffsetRangeTest {
  static final double[][] X = {{1, 2}, {3, 1}, {4, 5}, {0, 2}, {2, 2}, {1, 4}};
  static final double[] Y = {0.5, 3, 1, 2, 5, 1};
  static final String TOO_LARGE = "offsets: row 2 has offset 1.0E300: its target less the"
      + " offset, -1.0E300, is too large for double precision: squares of values this large,"
      + " summed over the 6 rows, overflow (magnitudes up to 2.74e+153 fit); rescale the offsets";

  private static double[] offsets() {
    double[] o = new double[Y.length];
    o[1] = 1e300;
    return o;
  }

  private static InputException refused(ElasticNetPath.Updates updates, double[] y) {
    return assertThrows(InputException.class, () -> ElasticNetPath.fit(Family.GAUSSIAN, X, y,
        StandardizedDesign.allRows(X.length), Observations.ofOffsets(offsets()),
        PathSettings.lasso(), List.of("a", "b"), List.of(), updates));
  }

  @Test
  void offsetsThatTakeTheTargetOutOfRange_areTheOffsets_onBothRoutes() {
    for (ElasticNetPath.Updates updates : ElasticNetPath.Updates.values()) {
      InputException e = refused(updates, Y);
      assertEquals(TOO_LARGE, e.getMessage(), updates.name());
      assertEquals(Optional.of("offsets"), e.setting(), updates.name());
    }
  }

  @Test
  void aTargetTooLargeByItself_isStillTheTargets() {
    double[] y = Y.clone();
    y[1] = 1e300;
    for (ElasticNetPath.Updates updates : ElasticNetPath.Updates.values()) {
      InputException e = refused(updates, y);
      assertEquals("target of row 2: value 1.0E300 is too large for double precision: squares"
          + " of values this large, summed over the 6 rows, overflow (magnitudes up to 2.74e+153"
          + " fit); rescale the target", e.getMessage(), updates.name());
      assertEquals(Optional.empty(), e.setting(), updates.name());
    }
  }

  @Test
  void theEstimatorsOffsetColumn_namesTheOffsets() {
    double[] o = new double[Y.length];
    Arrays.fill(o, 1e300);
    Dataset data = Dataset.of(X, Y, List.of("a", "b")).withColumn("o", o);
    InputException e = assertThrows(InputException.class, () -> ElasticNet.gaussian()
        .offsetColumn("o").lambda(0.1).build().fit(data));
    assertEquals(Optional.of("offsets"), e.setting(), e.getMessage());
  }
}
