package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.ConstantTargetException;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.ElasticNet;
import dev.tikhonov.loss.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Poisson offsets whose exponential leaves double precision (exposures given instead of their
 * logs, say 365 to 1000 person-days) were a {@link ConstantTargetException}, "the counts are
 * fitted exactly by the intercept-only model (null deviance NaN): nothing to fit": the counts
 * varied, and the offsets were the problem. Offsets within ±700 fit as before.
 */
class PoissonOffsetRangeTest {
  static final double[][] X = {{1, 2}, {3, 1}, {4, 5}, {0, 2}, {2, 2}, {1, 4}};
  static final double[] COUNTS = {0, 3, 1, 2, 5, 1};
  static final List<String> NAMES = List.of("a", "b");

  private static InputException refused(double[] offsets, boolean intercept) {
    PathSettings settings = intercept ? PathSettings.lasso()
        : PathSettings.lasso().withIntercept(false);
    InputException e = assertThrows(InputException.class, () -> ElasticNetPath.fit(
        Family.POISSON, X, COUNTS, Observations.ofOffsets(offsets), settings, NAMES,
        List.of()));
    assertFalse(e instanceof ConstantTargetException, e.getMessage());
    return e;
  }

  @Test
  void offsetsBeyondExpsRange_areNamedAsTheProblem_notAConstantTarget() {
    assertEquals("offsets: e^offset overflows a double (offsets from 365.0 to 1000.0; e^709 is"
        + " about the largest): a poisson offset is the log of an exposure, log(t) as glmnet"
        + " takes it; give the logs of the exposures",
        refused(new double[] {365, 400, 1000, 730, 500, 365}, true).getMessage());
    assertEquals("offsets: e^offset overflows a double (offsets from 0.0 to 710.0; e^709 is"
        + " about the largest): a poisson offset is the log of an exposure, log(t) as glmnet"
        + " takes it; give the logs of the exposures",
        refused(new double[] {0, 0, 710, 0, 0, 0}, false).getMessage());
    assertEquals("offsets: e^offset is 0 in double precision (offsets from -800.0 to -800.0;"
        + " e^-745 is about the smallest): a poisson offset is the log of an exposure, log(t)"
        + " as glmnet takes it; give the logs of the exposures",
        refused(new double[] {-800, -800, -800, -800, -800, -800}, true).getMessage());
  }

  @Test
  void largeOffsetsWithinRange_stillFit() {
    double[] offsets = {700, 700, 700, 700, 700, 700};
    PathSolution s = ElasticNetPath.fit(Family.POISSON, X, COUNTS,
        Observations.ofOffsets(offsets), PathSettings.lasso(), NAMES, List.of());
    assertEquals(Math.log(12.0 / 6) - 700, s.intercepts()[0][0], 1e-9);
  }

  @Test
  void theEstimatorsOffsetColumn_saysTheSame() {
    Dataset data = Dataset.of(X, COUNTS, NAMES)
        .withColumn("log_t", new double[] {365, 400, 1000, 730, 500, 365});
    InputException e = assertThrows(InputException.class, () -> ElasticNet.poisson()
        .offsetColumn("log_t").lambda(0.1).build().fit(data));
    assertFalse(e instanceof ConstantTargetException, e.getMessage());
    assertEquals(true, e.getMessage().contains("offsets: e^offset overflows a double"),
        e.getMessage());
  }
}
