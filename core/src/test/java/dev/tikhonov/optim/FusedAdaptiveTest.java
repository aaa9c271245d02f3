package dev.tikhonov.optim;

import static dev.tikhonov.optim.FusedSgdTest.assertFusedIsTheChain;
import static dev.tikhonov.optim.FusedSgdTest.assertPartsAreTheWholeStep;
import static dev.tikhonov.optim.FusedSgdTest.parameters;
import static dev.tikhonov.optim.FusedSgdTest.penalties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Rng;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        List<Parameter> a = parameters(3);
        List<Parameter> b = parameters(3);
        a.get(1).setPenaltyFactor(0.5);
        b.get(1).setPenaltyFactor(0.5);
        assertFusedIsTheChain(Optimizers.chain(config, penalty), a, b, 40,
            FusedAdaptiveTest::setGradients, config.describe() + " with " + penalty);
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
          assertPartsAreTheWholeStep(Optimizers.chain(config, Penalty.elasticNet(0.01, 0.5)), 4,
              parts, 20, FusedAdaptiveTest::setGradients, pool);
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
