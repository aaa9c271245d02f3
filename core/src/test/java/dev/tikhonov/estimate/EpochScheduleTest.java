package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.optim.LearningRateSchedule;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.train.EpochRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A network estimator has one learning-rate schedule: {@code epochSchedule} (in epochs) on its
 * builder, or the optimizer's own per-step {@link LearningRateSchedule}, not both. The builder's
 * method used to be called {@code schedule}, as the optimizer's is, and a non-constant epoch
 * schedule silently replaced the optimizer's per-step one (keeping only its first rate).
 */
class EpochScheduleTest {
  /** 40 rows in batches of 10: 4 optimizer steps per epoch. */
  private static final Dataset DATA = Synthetic.regression().rows(40).features(3).informative(3)
      .noise(0.5).seed(1).build().data();

  private static double[] rates(NetworkRegressor m) {
    List<EpochRecord> epochs = m.training().orElseThrow().history().epochs();
    return epochs.stream().mapToDouble(EpochRecord::learningRate).toArray();
  }

  @Test
  void epochSchedule_stepDecay_isTheOptimizersStepDecayInSteps() {
    NetworkRegressor byEpochs = LinearRegression.builder().batchSize(10).epochs(4)
        .optimizer(Optimizers.sgd(0.1)).epochSchedule(EpochSchedule.stepDecay(2, 0.5)).build()
        .fit(DATA);
    // every 2 epochs = every 8 steps
    NetworkRegressor bySteps = LinearRegression.builder().batchSize(10).epochs(4)
        .optimizer(Optimizers.sgd(0.1).schedule(LearningRateSchedule.stepDecay(0.1, 8, 0.5)))
        .build().fit(DATA);
    assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05}, rates(byEpochs), 1e-15);
    assertArrayEquals(rates(bySteps), rates(byEpochs));
    assertArrayEquals(bySteps.predict(DATA), byEpochs.predict(DATA));
  }

  @Test
  void build_withAnEpochScheduleAndAnOptimizerSchedule_saysThereAreTwo() {
    LinearRegression.Builder both = LinearRegression.builder()
        .optimizer(Optimizers.sgd(0.1).schedule(LearningRateSchedule.cosine(0.1, 100, 0)))
        .epochSchedule(EpochSchedule.cosine());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, both::build);
    assertTrue(e.getMessage().startsWith("the learning rate has two schedules: epochSchedule "
        + "cosine and the optimizer's own per-step schedule; give one"), e.getMessage());
    // either one alone is fine, and a constant epoch schedule leaves the optimizer's alone
    LinearRegression.builder().epochSchedule(EpochSchedule.cosine()).build();
    NetworkRegressor stepped = LinearRegression.builder().batchSize(10).epochs(2)
        .optimizer(Optimizers.sgd(0.1).schedule(LearningRateSchedule.stepDecay(0.1, 4, 0.5)))
        .epochSchedule(EpochSchedule.constant()).build().fit(DATA);
    assertEquals(0.05, rates(stepped)[1], 1e-15);
  }
}
