package dev.tikhonov.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The fused SGD pass against the chain it stands for: bit for bit, for every optimizer of the
 * SGD family with every kind of penalty, decoupled decay and schedule, whole or in parts.
 */
class FusedSgdTest {
  /** A weight (odd shape, more than one 1,024-float chunk) and a bias, with some exact zeros. */
  static List<Parameter> parameters(long seed) {
    Rng rng = new Rng(seed);
    Matrix w = Matrix.zeros(37, 41);
    Matrix b = Matrix.zeros(1, 41);
    for (Matrix m : List.of(w, b)) {
      for (int i = 0; i < m.size(); i++) {
        m.put(i, i % 17 == 0 ? 0f : (float) (0.3 * rng.nextGaussian()));
      }
    }
    return List.of(new Parameter("w", Parameter.Kind.WEIGHT, w),
        new Parameter("b", Parameter.Kind.BIAS, b));
  }

  /** Gradients of step t: varied signs and scales, some exact zeros, from the values. */
  static void setGradients(List<Parameter> params, Rng rng) {
    for (Parameter p : params) {
      Matrix g = p.gradient();
      for (int i = 0; i < g.size(); i++) {
        g.put(i, i % 13 == 0 ? 0f
            : (float) (rng.nextGaussian() * (1 + i % 5) + 0.1 * p.value().at(i)));
      }
    }
  }

  private static List<OptimizerConfig> optimizers() {
    LearningRateSchedule cosine = LearningRateSchedule.cosine(0.07, 50, 0.001);
    return List.of(
        Optimizers.sgd(0.05),
        Optimizers.sgd(0.05).momentum(0.9),
        Optimizers.nesterov(0.03, 0.8),
        Optimizers.sgd(0.05).momentum(0.9).weightDecay(0.02),
        Optimizers.sgd(0.1).weightDecay(0.3).schedule(cosine),
        Optimizers.nesterov(0.05, 0.9).weightDecay(0.01).schedule(cosine));
  }

  static List<Penalty> penalties() {
    return List.of(Penalty.none(), Penalty.l2(1e-3), Penalty.l2(0.7), Penalty.l1(1e-2),
        Penalty.elasticNet(0.05, 0.3));
  }

  static float[][] values(List<Parameter> params) {
    float[][] out = new float[params.size()][];
    for (int k = 0; k < out.length; k++) {
      out[k] = params.get(k).value().toArray();
    }
    return out;
  }

  static void assertSameState(Optimizer expected, Optimizer actual, String what) {
    assertEquals(expected.stateBuffers().keySet(), actual.stateBuffers().keySet(), what);
    for (Map.Entry<String, Matrix> e : expected.stateBuffers().entrySet()) {
      assertArrayEquals(e.getValue().toArray(), actual.stateBuffers().get(e.getKey()).toArray(),
          what + ": " + e.getKey());
    }
    assertEquals(expected.stepCount(), actual.stepCount(), what);
  }

  /** The gradients of step t, drawn from {@code rng} (the same for copies of one seed). */
  interface Gradients {
    void set(List<Parameter> params, Rng rng, int t);
  }

  /**
   * {@code chain} run transform by transform on {@code a} and fused on {@code b} (copies of one
   * another) for {@code steps} steps: the same values and state at every step, bit for bit.
   */
  static void assertFusedIsTheChain(GradientTransform chain, List<Parameter> a,
      List<Parameter> b, int steps, Gradients gradients, String what) {
    Optimizer reference = Optimizer.chainOnly(chain, a);
    Optimizer fused = Optimizer.of(chain, b);
    assertTrue(fused.canStepInParts(), what + ": fused");
    assertFalse(reference.canStepInParts());
    Rng ra = new Rng(9);
    Rng rb = new Rng(9);
    for (int t = 1; t <= steps; t++) {
      gradients.set(a, ra, t);
      gradients.set(b, rb, t);
      reference.step();
      fused.step();
      float[][] va = values(a);
      float[][] vb = values(b);
      for (int k = 0; k < va.length; k++) {
        assertArrayEquals(va[k], vb[k], what + ", parameter " + k + ", step " + t);
      }
      assertSameState(reference, fused, what + ", step " + t);
    }
    assertEquals(reference.learningRate(), fused.learningRate());
  }

  /**
   * {@code chain} on parameters of {@code seed}, stepped whole and in {@code parts} parts run
   * on {@code pool}'s threads for {@code steps} steps: the same values and state at every step.
   */
  static void assertPartsAreTheWholeStep(GradientTransform chain, long seed, int parts,
      int steps, Gradients gradients, ExecutorService pool) throws Exception {
    List<Parameter> a = parameters(seed);
    List<Parameter> b = parameters(seed);
    Optimizer whole = Optimizer.of(chain, a);
    Optimizer split = Optimizer.of(chain, b);
    Rng ra = new Rng(4);
    Rng rb = new Rng(4);
    for (int t = 1; t <= steps; t++) {
      gradients.set(a, ra, t);
      gradients.set(b, rb, t);
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
      float[][] va = values(a);
      float[][] vb = values(b);
      for (int k = 0; k < va.length; k++) {
        assertArrayEquals(va[k], vb[k], parts + " parts, parameter " + k + ", step " + t);
      }
      assertSameState(whole, split, parts + " parts, step " + t);
    }
  }

  @Test
  void step_everySgdChain_isBitIdenticalToTheChain() {
    int cases = 0;
    for (OptimizerConfig config : optimizers()) {
      for (Penalty penalty : penalties()) {
        for (double biasFactor : new double[] {0, 0.5}) {
          List<Parameter> a = parameters(1);
          List<Parameter> b = parameters(1);
          a.get(1).setPenaltyFactor(biasFactor);
          b.get(1).setPenaltyFactor(biasFactor);
          assertFusedIsTheChain(Optimizers.chain(config, penalty), a, b, 12,
              (params, rng, t) -> setGradients(params, rng),
              config.describe() + " with " + penalty + ", bias factor " + biasFactor);
          cases++;
        }
      }
    }
    assertEquals(60, cases);
  }

  @Test
  void stepInParts_onSeveralThreads_isBitIdenticalToOneStep() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int parts : new int[] {2, 3, 40}) {
        assertPartsAreTheWholeStep(Optimizers.chain(
            Optimizers.sgd(0.05).momentum(0.9).weightDecay(0.01), Penalty.elasticNet(0.01, 0.5)),
            2, parts, 5, (params, rng, t) -> setGradients(params, rng), pool);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The caller's accumulation b ← μ·b + g (rounded as Java rounds it), then
   * stepPartFromMomentum part by part: bit for bit the chain without a penalty (the same float
   * operations in the same order), and within float rounding of it with one (whose gradient
   * then joins b after the gradient instead of before the momentum).
   */
  @Test
  void stepPartFromMomentum_afterTheCallersAccumulation_matchesTheChain() {
    LearningRateSchedule cosine = LearningRateSchedule.cosine(0.07, 50, 0.001);
    int cases = 0;
    for (OptimizerConfig config : List.of(Optimizers.sgd(0.05).momentum(0.9),
        Optimizers.sgd(0.05).momentum(0.9).weightDecay(0.02),
        Optimizers.sgd(0.1).momentum(0.5).schedule(cosine))) {
      for (Penalty penalty : penalties()) {
        for (int parts : new int[] {1, 3}) {
          String what = config.describe() + " with " + penalty + ", " + parts + " parts";
          List<Parameter> a = parameters(5);
          List<Parameter> b = parameters(5);
          a.get(1).setPenaltyFactor(0.5);
          b.get(1).setPenaltyFactor(0.5);
          GradientTransform chain = Optimizers.chain(config, penalty);
          Optimizer reference = Optimizer.of(chain, a);
          Optimizer accumulated = Optimizer.of(chain, b);
          MomentumProducts m = accumulated.momentumProducts().orElseThrow();
          assertEquals((float) config.momentum(), m.momentum(), what);
          Rng ra = new Rng(9);
          Rng rb = new Rng(9);
          for (int t = 1; t <= 12; t++) {
            setGradients(a, ra);
            setGradients(b, rb);
            reference.step();
            for (Parameter p : b) {
              Matrix buffer = m.buffer(p);
              for (int i = 0; i < buffer.size(); i++) {
                buffer.put(i, m.momentum() * buffer.at(i) + p.gradient().at(i));
              }
            }
            for (int part = parts - 1; part >= 0; part--) {
              accumulated.stepPartFromMomentum(part, parts);
            }
            accumulated.completeStepInParts();
          }
          float[][] va = values(a);
          float[][] vb = values(b);
          if (penalty.isZero()) {
            for (int k = 0; k < va.length; k++) {
              assertArrayEquals(va[k], vb[k], what + ", parameter " + k);
            }
            assertSameState(reference, accumulated, what);
          } else {
            double largest = 0;
            for (int k = 0; k < va.length; k++) {
              for (int i = 0; i < va[k].length; i++) {
                largest = Math.max(largest, Math.abs(va[k][i] - vb[k][i]) / (1 + Math.abs(va[k][i])));
              }
            }
            assertTrue(largest > 0, what + ": the rounding differs");
            assertTrue(largest < 1e-5, what + ": largest relative difference " + largest);
          }
          assertEquals(12, accumulated.stepCount(), what);
          cases++;
        }
      }
    }
    assertEquals(30, cases);
  }

  /**
   * A momentum that decays through the subnormal floats: weights whose gradient is tiny at the
   * first step and zero afterwards, sized so that b is subnormal at step 47 whatever μ. Step 47
   * keeps b's subnormals, step 48 (a multiple of 16) sets them to zero; and the chain, the fused
   * pass, the pass in parts and (plain momentum) the caller's accumulation agree bit for bit
   * at every step, the flush included.
   */
  @Test
  void momentumSubnormals_areFlushedAtEverySixteenthStep_byEveryRoute() {
    LearningRateSchedule cosine = LearningRateSchedule.cosine(0.07, 50, 0.001);
    for (OptimizerConfig config : List.of(Optimizers.sgd(0.05).momentum(0.9),
        Optimizers.nesterov(0.03, 0.8), Optimizers.sgd(0.1).momentum(0.5).schedule(cosine),
        Optimizers.sgd(0.05).momentum(0.9).weightDecay(0.02))) {
      String what = config.describe();
      GradientTransform chain = Optimizers.chain(config);
      List<List<Parameter>> routes = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        routes.add(parameters(7));
      }
      Optimizer reference = Optimizer.chainOnly(chain, routes.get(0));
      Optimizer fused = Optimizer.of(chain, routes.get(1));
      Optimizer inParts = Optimizer.of(chain, routes.get(2));
      Optimizer accumulated = Optimizer.of(chain, routes.get(3));
      boolean products = accumulated.momentumProducts().isPresent();
      float mu = (float) config.momentum();
      float tiny = (float) (Float.MIN_NORMAL * 0.5 / Math.pow(mu, 46));
      for (int t = 1; t <= 48; t++) {
        for (List<Parameter> params : routes) {
          Rng rng = new Rng(100 + t);
          setGradients(params, rng);
          for (Parameter p : params) {
            for (int i = 0; i < p.gradient().size(); i += 3) {
              p.gradient().put(i, t == 1 ? tiny : 0f); // every third weight: one kick, then none
            }
          }
        }
        reference.step();
        fused.step();
        for (int part = 2; part >= 0; part--) {
          inParts.stepPart(part, 3);
        }
        inParts.completeStepInParts();
        if (products) {
          MomentumProducts m = accumulated.momentumProducts().orElseThrow();
          for (Parameter p : routes.get(3)) {
            Matrix buffer = m.buffer(p);
            for (int i = 0; i < buffer.size(); i++) {
              buffer.put(i, m.momentum() * buffer.at(i) + p.gradient().at(i));
            }
          }
          accumulated.stepPartFromMomentum(0, 1);
          accumulated.completeStepInParts();
        } else {
          accumulated.step();
        }
        assertSameState(reference, fused, what + ", step " + t);
        assertSameState(reference, inParts, what + ", step " + t);
        assertSameState(reference, accumulated, what + ", step " + t);
        for (int r = 1; r < routes.size(); r++) {
          float[][] expected = values(routes.get(0));
          float[][] actual = values(routes.get(r));
          for (int k = 0; k < expected.length; k++) {
            assertArrayEquals(expected[k], actual[k], what + ", route " + r + ", step " + t);
          }
        }
        int subnormal = 0;
        for (Matrix b : reference.stateBuffers().values()) {
          for (int i = 0; i < b.size(); i++) {
            float v = b.at(i);
            subnormal += v != 0 && Math.abs(v) < Float.MIN_NORMAL ? 1 : 0;
          }
        }
        if (t == 47) {
          assertTrue(subnormal > 500, what + ": " + subnormal + " subnormal entries at step 47");
        } else if (t == 48) {
          assertEquals(0, subnormal, what + ": subnormal entries after step 48's flush");
        }
      }
    }
  }

  /**
   * A run resumed from a checkpoint taken at step 10, while b holds subnormal entries (the
   * weights kicked once at step 1, as above, reach 2⁻¹²⁷ at step 10), continues bit for bit
   * across step 16's flush, by the chain, the fused pass and the pass in parts: the flush
   * follows the restored step count. Without that count the resumed run would flush at its own
   * 16th step, not the run's, and its momentum differs at step 16 (the control below).
   */
  @Test
  void resumedAcrossTheFlushStep_continuesBitForBit() {
    for (OptimizerConfig config : List.of(Optimizers.sgd(0.05).momentum(0.9),
        Optimizers.nesterov(0.03, 0.8), Optimizers.sgd(0.05).momentum(0.9).weightDecay(0.02))) {
      String what = config.describe();
      GradientTransform chain = Optimizers.chain(config);
      float mu = (float) config.momentum();
      float tiny = (float) (Float.MIN_NORMAL * 0.5 / Math.pow(mu, 9));
      List<Parameter> original = parameters(11);
      Optimizer uninterrupted = Optimizer.of(chain, original);
      List<List<Parameter>> resumedParams = new ArrayList<>();
      List<Optimizer> resumed = new ArrayList<>();
      List<Parameter> uncountedParams = parameters(11);
      Optimizer uncounted = null;
      for (int t = 1; t <= 20; t++) {
        if (t == 11) {
          assertTrue(subnormalEntries(uninterrupted) > 500, what + ": b subnormal at the save");
          for (int r = 0; r < 4; r++) {
            List<Parameter> params = r < 3 ? parameters(11) : uncountedParams;
            for (int k = 0; k < params.size(); k++) {
              params.get(k).value().copyFrom(original.get(k).value());
            }
            Optimizer o = r == 0 ? Optimizer.chainOnly(chain, params) : Optimizer.of(chain, params);
            o.restoreState(uninterrupted.stateBuffers());
            if (r < 3) {
              o.restoreStepCount(uninterrupted.stepCount());
              resumedParams.add(params);
              resumed.add(o);
            } else {
              uncounted = o;
            }
          }
        }
        List<List<Parameter>> all = new ArrayList<>(resumedParams);
        all.add(original);
        if (uncounted != null) {
          all.add(uncountedParams);
        }
        for (List<Parameter> params : all) {
          setGradients(params, new Rng(200 + t));
          for (Parameter p : params) {
            for (int i = 0; i < p.gradient().size(); i += 3) {
              p.gradient().put(i, t == 1 ? tiny : 0f);
            }
          }
        }
        uninterrupted.step();
        for (int r = 0; r < resumed.size(); r++) {
          if (r == 2) {
            for (int part = 0; part < 3; part++) {
              resumed.get(r).stepPart(part, 3);
            }
            resumed.get(r).completeStepInParts();
          } else {
            resumed.get(r).step();
          }
          assertSameState(uninterrupted, resumed.get(r), what + ", route " + r + ", step " + t);
          float[][] expected = values(original);
          float[][] actual = values(resumedParams.get(r));
          for (int k = 0; k < expected.length; k++) {
            assertArrayEquals(expected[k], actual[k], what + ", route " + r + ", step " + t);
          }
        }
        if (uncounted != null) {
          uncounted.step();
          if (t == 16) {
            assertEquals(0, subnormalEntries(uninterrupted), what + ": flushed at step 16");
            assertTrue(subnormalEntries(uncounted) > 500,
                what + ": a run resumed without its step count has not flushed at step 16");
          }
        }
      }
      assertEquals(20, resumed.get(1).stepCount(), what);
    }
  }

  private static int subnormalEntries(Optimizer optimizer) {
    int n = 0;
    for (Matrix b : optimizer.stateBuffers().values()) {
      for (int i = 0; i < b.size(); i++) {
        float v = b.at(i);
        n += v != 0 && Math.abs(v) < Float.MIN_NORMAL ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void momentumProducts_onlyForTheFusedFamilyWithPlainMomentum() {
    List<Parameter> params = parameters(6);
    for (GradientTransform chain : List.of(Optimizers.chain(Optimizers.sgd(0.1)),
        Optimizers.chain(Optimizers.nesterov(0.05, 0.9)),
        Optimizers.chain(Optimizers.adam(1e-3)))) {
      Optimizer optimizer = Optimizer.of(chain, params);
      assertTrue(optimizer.momentumProducts().isEmpty(), chain.toString());
      assertThrows(IllegalStateException.class, () -> optimizer.stepPartFromMomentum(0, 1));
    }
    Optimizer momentum = Optimizer.of(Optimizers.chain(Optimizers.sgd(0.1).momentum(0.9)), params);
    MomentumProducts m = momentum.momentumProducts().orElseThrow();
    assertEquals(params.get(0).value().shape(), m.buffer(params.get(0)).shape());
    Parameter stranger = parameters(6).get(0);
    assertThrows(IllegalArgumentException.class, () -> m.buffer(stranger));
    assertThrows(IllegalArgumentException.class, () -> momentum.stepPartFromMomentum(2, 2));
  }

  @Test
  void otherChains_areNotFused_andCannotStepInParts() {
    List<Parameter> params = parameters(3);
    List<GradientTransform> chains = List.of(
        Optimizers.chain(Optimizers.sgd(0.1).clipNorm(1)),
        Transforms.chain(Transforms.scaleByLearningRate(LearningRateSchedule.constant(0.1)),
            Transforms.traceMomentum(0.9)),
        Transforms.scale(-0.1));
    for (GradientTransform chain : chains) {
      Optimizer optimizer = Optimizer.of(chain, params);
      assertFalse(optimizer.canStepInParts(), chain.toString());
      assertThrows(IllegalStateException.class, () -> optimizer.stepPart(0, 2));
      optimizer.step(); // the chain's own passes still work
    }
  }
}
