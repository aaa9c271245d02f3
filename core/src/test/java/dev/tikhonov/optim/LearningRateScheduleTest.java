package dev.tikhonov.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void constant_isTheSameAtEveryStep() {
    LearningRateSchedule s = LearningRateSchedule.constant(0.3);
    assertEquals(0.3, s.at(1));
    assertEquals(0.3, s.at(1_000_000));
  }

  @Test
  void stepDecay_multipliesByGammaEveryStepSizeSteps() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(0.1, 3, 0.5);
    assertEquals(0.1, s.at(1), 1e-15);
    assertEquals(0.1, s.at(3), 1e-15);
    assertEquals(0.05, s.at(4), 1e-15);
    assertEquals(0.05, s.at(6), 1e-15);
    assertEquals(0.025, s.at(7), 1e-15);
  }

  @Test
  void cosine_equalsTorchCosineAnnealingRecursion_thenHoldsTheMinimum() {
    double base = 1.0;
    double min = 0.1;
    int total = 10;
    LearningRateSchedule s = LearningRateSchedule.cosine(base, total, min);
    // torch/optim/lr_scheduler.py CosineAnnealingLR.get_lr, the recursive form, at
    // last_epoch = t − 1 (the schedule's step t is after t − 1 scheduler.step() calls).
    double lr = base;
    for (int epoch = 0; epoch <= total; epoch++) {
      if (epoch > 0) {
        lr = (1 + Math.cos(Math.PI * epoch / total))
                / (1 + Math.cos(Math.PI * (epoch - 1) / total))
                * (lr - min)
            + min;
      }
      assertEquals(lr, s.at(epoch + 1), 1e-12, "step " + (epoch + 1));
    }
    assertEquals(0.55, s.at(6), 1e-12, "half way: the mean of base and min");
    assertEquals(min, s.at(11), 1e-12);
    assertEquals(min, s.at(500), 1e-12, "no restart after totalSteps");
  }

  @Test
  void linearWarmup_rampsToTheFirstRateThenFollowsTheSchedule() {
    LearningRateSchedule s =
        LearningRateSchedule.linearWarmup(4, LearningRateSchedule.stepDecay(0.2, 2, 0.1));
    assertEquals(0.05, s.at(1), 1e-15);
    assertEquals(0.15, s.at(3), 1e-15);
    assertEquals(0.2, s.at(4), 1e-15);
    assertEquals(0.2, s.at(5), 1e-15, "then(1)");
    assertEquals(0.2, s.at(6), 1e-15, "then(2)");
    assertEquals(0.02, s.at(7), 1e-15, "then(3)");
  }

  @Test
  void invalidArguments_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(-1));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0.1).at(0));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(1, 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> LearningRateSchedule.cosine(1, 10, Double.POSITIVE_INFINITY));
  }
}
