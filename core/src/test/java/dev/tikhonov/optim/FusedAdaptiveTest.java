package dev.tikhonov.optim;

import static dev.tikhonov.optim.FusedSgdTest.assertSameState;
import static dev.tikhonov.optim.FusedSgdTest.parameters;
import static dev.tikhonov.optim.FusedSgdTest.penalties;
import static dev.tikhonov.optim.FusedSgdTest.setGradients;
import static dev.tikhonov.optim.FusedSgdTest.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The fused Adam, AdamW and RMSprop pass against the chain it stands for: bit for bit, with
 * every kind of penalty, decoupled decay and schedule, over steps that flush subnormal state,
 * whole or in parts on several threads.
 */
class FusedAdaptiveTest {
  private static List<OptimizerConfig> optimizers() {
    LearningRateSchedule cosine = LearningRateSchedule.cosine(0.01, 40, 0.0001);
    return List.of(
        Optimizers.adam(0.01),
        Optimizers.adam(0.02).betas(0.5, 0.9).epsilon(0.3),
        Optimizers.adamW(0.01, 0.05),
        Optimizers.adamW(0.01, 0.05).schedule(cosine),
        Optimizers.rmsprop(0.01),
        Optimizers.rmsprop(0.01).weightDecay(0.02).schedule(cosine));
  }

  /**
   * The gradients of {@link FusedSgdTest#setGradients}, except that every 7th element gets a
   * gradient of 10⁻³⁶ at step 1 and none after, so that Adam's first moment decays into the
   * subnormals, and every 11th one of 10⁻¹⁸ then none, whose square makes the second moments
   * subnormal: the flushes at steps 16 and 32 have something to do.
   */
  private static void setGradients(List<Parameter> params, Rng rng, int t) {
    FusedSgdTest.setGradients(params, rng);
    for (Parameter p : params) {
      for (int i = 0; i < p.gradient().size(); i++) {
        if (i % 7 == 0) {
          p.gradient().put(i, t == 1 ? 1e-36f : 0f);
        } else if (i % 11 == 0) {
          p.gradient().put(i, t == 1 ? 1e-18f : 0f);
        }
      }
    }
  }

  @Test
  void step_everyAdaptiveChain_isBitIdenticalToTheChain() {
    int cases = 0;
    for (OptimizerConfig config : optimizers()) {
      for (Penalty penalty : penalties()) {
        String what = config.describe() + " with " + penalty;
        List<Parameter> a = parameters(3);
        List<Parameter> b = parameters(3);
        a.get(1).setPenaltyFactor(0.5);
        b.get(1).setPenaltyFactor(0.5);
        GradientTransform chain = Optimizers.chain(config, penalty);
        Optimizer reference = Optimizer.chainOnly(chain, a);
        Optimizer fused = Optimizer.of(chain, b);
        assertTrue(fused.canStepInParts(), what + ": fused");
        assertFalse(reference.canStepInParts());
        Rng ra = new Rng(11);
        Rng rb = new Rng(11);
        for (int t = 1; t <= 40; t++) {
          setGradients(a, ra, t);
          setGradients(b, rb, t);
          reference.step();
          fused.step();
          float[][] va = values(a);
          float[][] vb = values(b);
          for (int k = 0; k < va.length; k++) {
            assertArrayEquals(va[k], vb[k], what + ", parameter " + k + ", step " + t);
          }
          assertSameState(reference, fused, what + ", step " + t);
        }
        cases++;
      }
    }
    assertEquals(30, cases);
  }

  @Test
  void stepInParts_onSeveralThreads_isBitIdenticalToOneStep() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (OptimizerConfig config : List.of(Optimizers.adamW(0.01, 0.05),
          Optimizers.rmsprop(0.01))) {
        for (int parts : new int[] {2, 3, 40}) {
          List<Parameter> a = parameters(4);
          List<Parameter> b = parameters(4);
          GradientTransform chain = Optimizers.chain(config, Penalty.elasticNet(0.01, 0.5));
          Optimizer whole = Optimizer.of(chain, a);
          Optimizer split = Optimizer.of(chain, b);
          Rng ra = new Rng(5);
          Rng rb = new Rng(5);
          for (int t = 1; t <= 20; t++) {
            setGradients(a, ra, t);
            setGradients(b, rb, t);
            whole.step();
            List<Future<?>> done = new ArrayList<>();
            for (int part = parts - 1; part >= 0; part--) {
              int p = part;
              done.add(pool.submit(() -> split.stepPart(p, parts)));
            }
            for (Future<?> f : done) {
              f.get();
            }
            split.completeStepInParts();
            assertSameState(whole, split, config.describe() + ", " + parts + " parts, step " + t);
          }
          String what = config.describe() + ", " + parts + " parts";
          float[][] va = values(a);
          float[][] vb = values(b);
          for (int k = 0; k < va.length; k++) {
            assertArrayEquals(va[k], vb[k], what + ", parameter " + k);
          }
          assertSameState(whole, split, what);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void clippingAndOwnTransforms_areNotFused() {
    List<Parameter> params = parameters(6);
    for (GradientTransform chain : List.of(
        Optimizers.chain(Optimizers.adam(1e-3).clipNorm(1)),
        Transforms.chain(Transforms.scaleByAdam(0.9, 0.999, 1e-8), Transforms.scale(-0.1)))) {
      Optimizer optimizer = Optimizer.of(chain, params);
      assertFalse(optimizer.canStepInParts(), chain.toString());
      optimizer.step();
    }
    assertTrue(Optimizer.of(Optimizers.chain(Optimizers.adam(1e-3)), params).momentumProducts()
        .isEmpty(), "Adam has no momentum products");
  }
}
