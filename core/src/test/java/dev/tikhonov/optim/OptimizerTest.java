package dev.tikhonov.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optimizer's bookkeeping: step count, learning rate, named state, checkpoints. */
class OptimizerTest {
  private static Parameter weight() {
    return new Parameter("w", Parameter.Kind.WEIGHT, Matrix.of(2, 2, 0.5, -1.0, 1.5, 2.0));
  }

  private static Parameter bias() {
    return new Parameter("b", Parameter.Kind.BIAS, Matrix.of(1, 2, 0.25, -0.75));
  }

  /** Deterministic gradients for step t, depending on the current values (a quadratic). */
  private static void setGradients(List<Parameter> params, int t) {
    for (int k = 0; k < params.size(); k++) {
      Matrix v = params.get(k).value();
      Matrix g = params.get(k).gradient();
      for (int i = 0; i < g.size(); i++) {
        g.put(i, (float) ((1 + i) * v.at(i) + Math.cos(t + i + k)));
      }
    }
  }

  private static Map<String, Matrix> deepCopy(Map<String, Matrix> buffers) {
    Map<String, Matrix> copy = new LinkedHashMap<>();
    buffers.forEach((name, m) -> copy.put(name, m.copy()));
    return copy;
  }

  @Test
  void step_countsFromOne_andAddsTheUpdate() {
    Parameter w = weight();
    Optimizer optimizer =
        Optimizer.of(Optimizers.chain(Optimizers.sgd(0.5)), List.of(w));
    assertEquals(0, optimizer.stepCount());
    w.gradient().copyFrom(Matrix.of(2, 2, 1.0, 2.0, -2.0, 0.0));
    optimizer.step();
    assertEquals(1, optimizer.stepCount());
    assertArrayEquals(new float[] {0f, -2f, 2.5f, 2f}, w.value().toArray());
    assertArrayEquals(
        new float[] {1f, 2f, -2f, 0f}, w.gradient().toArray(), "gradient not modified");
  }

  @Test
  void stateBuffers_areNamedByChainPositionKindAndParameter() {
    List<Parameter> params = List.of(weight(), bias());
    Optimizer momentum =
        Optimizer.of(Optimizers.chain(Optimizers.sgd(0.1).momentum(0.9)), params);
    assertEquals(
        List.of("0.momentum/0", "0.momentum/1"), List.copyOf(momentum.stateBuffers().keySet()));
    Optimizer clippedAdamw =
        Optimizer.of(
            Optimizers.chain(Optimizers.adamW(0.1, 0.01).clipNorm(1)), params);
    assertEquals(
        List.of("1.adam.m/0", "1.adam.m/1", "1.adam.v/0", "1.adam.v/1"),
        List.copyOf(clippedAdamw.stateBuffers().keySet()));
    assertEquals("2x2", clippedAdamw.stateBuffers().get("1.adam.v/0").shape());
    assertEquals("1x2", clippedAdamw.stateBuffers().get("1.adam.v/1").shape());
    assertTrue(
        Optimizer.of(Optimizers.chain(Optimizers.sgd(1)), params)
            .stateBuffers()
            .isEmpty());
  }

  @Test
  void restoredState_continuesExactlyLikeTheUninterruptedRun() {
    for (OptimizerConfig config :
        List.of(
            Optimizers.nesterov(0.05, 0.9).weightDecay(0.1),
            Optimizers.adamW(0.05, 0.1).clipNorm(1.0),
            Optimizers.rmsprop(0.01))) {
      List<Parameter> original = List.of(weight(), bias());
      Optimizer first = Optimizer.of(Optimizers.chain(config), original);
      for (int t = 1; t <= 3; t++) {
        setGradients(original, t);
        first.step();
      }
      Map<String, Matrix> saved = deepCopy(first.stateBuffers());
      long savedSteps = first.stepCount();
      List<Parameter> restored = List.of(weight(), bias());
      List<Parameter> unrestoredSteps = List.of(weight(), bias());
      for (int k = 0; k < 2; k++) {
        restored.get(k).value().copyFrom(original.get(k).value());
        unrestoredSteps.get(k).value().copyFrom(original.get(k).value());
      }
      for (int t = 4; t <= 5; t++) {
        setGradients(original, t);
        first.step();
      }

      Optimizer second = Optimizer.of(Optimizers.chain(config), restored);
      second.restoreState(saved);
      second.restoreStepCount(savedSteps);
      Optimizer withoutSteps = Optimizer.of(Optimizers.chain(config), unrestoredSteps);
      withoutSteps.restoreState(saved);
      for (int t = 4; t <= 5; t++) {
        setGradients(restored, t);
        second.step();
        setGradients(unrestoredSteps, t);
        withoutSteps.step();
      }
      assertEquals(5, second.stepCount());
      for (int k = 0; k < 2; k++) {
        assertArrayEquals(
            original.get(k).value().toArray(), restored.get(k).value().toArray(),
            config.kind() + " parameter " + k);
      }
      for (String name : saved.keySet()) {
        assertArrayEquals(
            first.stateBuffers().get(name).toArray(), second.stateBuffers().get(name).toArray(),
            name);
      }
      if (config.kind() == OptimizerConfig.Kind.ADAMW) {
        // Adam's bias correction depends on the step, so the count is part of the state.
        assertFalse(
            Arrays.equals(
                original.get(0).value().toArray(), unrestoredSteps.get(0).value().toArray()));
      }
    }
  }

  @Test
  void restoreState_withOtherNamesOrShapes_isRejected() {
    Optimizer optimizer =
        Optimizer.of(
            Optimizers.chain(Optimizers.sgd(0.1).momentum(0.9)), List.of(weight(), bias()));
    assertThrows(
        IllegalArgumentException.class,
        () -> optimizer.restoreState(Map.of("0.momentum/0", Matrix.zeros(2, 2))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            optimizer.restoreState(
                Map.of("0.momentum/0", Matrix.zeros(2, 2), "0.momentum/1", Matrix.zeros(2, 1))));
    assertThrows(IllegalArgumentException.class, () -> optimizer.restoreStepCount(-1));
  }

  @Test
  void learningRate_isTheScheduleAtTheLastStep() {
    Parameter w = weight();
    Optimizer optimizer =
        Optimizer.of(
            Optimizers.chain(
                Optimizers.adamW(1, 0.1)
                    .schedule(LearningRateSchedule.stepDecay(0.2, 2, 0.5))),
            List.of(w));
    assertEquals(0.2, optimizer.learningRate(), 1e-15, "before any step: step 1's rate");
    for (int t = 1; t <= 3; t++) {
      setGradients(List.of(w), t);
      optimizer.step();
    }
    assertEquals(0.1, optimizer.learningRate(), 1e-15);
    optimizer.restoreStepCount(6);
    assertEquals(0.05, optimizer.learningRate(), 1e-15);
    assertTrue(
        Double.isNaN(Optimizer.of(Transforms.scale(-0.1), List.of(w)).learningRate()),
        "no schedule in the chain");
  }

  @Test
  void step_allocatesNothingOnTheHeap() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<Parameter> params = List.of(weight(), bias());
    Optimizer optimizer =
        Optimizer.of(
            Optimizers.chain(
                Optimizers.adamW(0.01, 0.1)
                    .clipNorm(1)
                    .schedule(LearningRateSchedule.cosine(0.01, 100_000, 0))),
            params);
    params.get(0).gradient().fill(0.5f);
    params.get(1).gradient().fill(-0.5f);
    for (int i = 0; i < 20_000; i++) {
      optimizer.step();
    }
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    int steps = 10_000;
    for (int i = 0; i < steps; i++) {
      optimizer.step();
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    // A single boxed long or iterator per step would be ≥ 16 bytes · 10,000 = 160 kB.
    assertTrue(allocated < 16L * steps, "allocated " + allocated + " bytes in " + steps + " steps");
  }
}
