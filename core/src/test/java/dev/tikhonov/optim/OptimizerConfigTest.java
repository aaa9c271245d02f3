package dev.tikhonov.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.optim.OptimizerConfig.Kind;
import org.junit.jupiter.api.Test;

class OptimizerConfigTest {
  private static final LearningRateSchedule LR = LearningRateSchedule.constant(0.1);

  private static OptimizerConfig config(
      Kind kind, double momentum, double beta1, double beta2, double eps, double decay,
      double clip) {
    return new OptimizerConfig(kind, LR, momentum, beta1, beta2, eps, decay, clip);
  }

  @Test
  void defaults_followPytorch() {
    OptimizerConfig adam = Optimizers.adam(1e-3);
    assertEquals(0.9, adam.beta1());
    assertEquals(0.999, adam.beta2());
    assertEquals(1e-8, adam.epsilon());
    assertEquals(0.0, adam.weightDecay());
    assertEquals(0.99, Optimizers.rmsprop(1e-2).beta2());
    assertEquals(0.01, Optimizers.adamW(1e-3, 0.01).weightDecay());
    assertEquals(0.9, Optimizers.sgd(0.1).momentum(0.9).momentum());
    assertEquals(0.1, Optimizers.sgd(0.1).schedule().at(7));
  }

  @Test
  void invalidValues_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> config(Kind.ADAM, 0, 1.0, 0.9, 1e-8, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> config(Kind.ADAM, 0, 0.9, -0.1, 1e-8, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> config(Kind.ADAM, 0, 0.9, 0.9, 0, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> config(Kind.ADAM, 0, 0.9, 0.9, Double.NaN, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> config(Kind.SGD, 0, 0.9, 0.9, 1e-8, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> config(Kind.SGD, 0, 0.9, 0.9, 1e-8, 0, -1));
    assertThrows(
        IllegalArgumentException.class, () -> config(Kind.MOMENTUM, 1, 0.9, 0.9, 1e-8, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> config(Kind.NESTEROV, 0, 0.9, 0.9, 1e-8, 0, 0));
    assertThrows(NullPointerException.class, () -> Optimizers.sgd(0.1).schedule(null));
  }

  @Test
  void withers_changeOneField() {
    OptimizerConfig base = Optimizers.sgd(0.1).momentum(0.8);
    OptimizerConfig changed = base.weightDecay(0.5).clipNorm(2);
    assertEquals(0.5, changed.weightDecay());
    assertEquals(2, changed.clipNorm());
    assertEquals(0.8, changed.momentum());
    assertEquals(Kind.MOMENTUM, changed.kind());
  }
}
