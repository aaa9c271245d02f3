package dev.tikhonov.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.optim.TorchReference.Step;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer, run for a few steps on a weight and a bias with fixed gradients, against
 * PyTorch's update loops written out in double ({@link TorchReference}).
 */
class OptimizersTest {
  private static final int STEPS = 6;
  /** Values are O(1) and float32 carries ~1e-7 relative error per operation. */
  private static final double TOLERANCE = 1e-5;

  private final Parameter weight =
      new Parameter("w", Parameter.Kind.WEIGHT, Matrix.of(2, 3, 0.5, -1.2, 2.0, 0.3, -0.7, 1.1));
  private final Parameter bias =
      new Parameter("b", Parameter.Kind.BIAS, Matrix.of(1, 3, 0.8, -0.4, 0.05));
  private final List<Parameter> params = List.of(weight, bias);

  /** The data gradient of element i of parameter k at step t: varied signs and scales. */
  private static float gradient(int k, int t, int i) {
    return (float) (Math.sin(1.7 * i + 0.9 * t + k) * (1 + 0.5 * i));
  }

  /**
   * Runs {@code transform} (which may hold the coupled penalty as a step of its chain) and the
   * references side by side; the references see only the data gradient and apply their own
   * {@code weight_decay}. Returns the largest deviation seen.
   */
  private double runAgainstTorch(
      GradientTransform transform, Step weightReference, Step biasReference) {
    Optimizer optimizer = Optimizer.of(transform, params);
    double[] w = weight.value().toDoubleArray();
    double[] b = bias.value().toDoubleArray();
    double worst = 0;
    for (int t = 1; t <= STEPS; t++) {
      for (int k = 0; k < params.size(); k++) {
        Matrix g = params.get(k).gradient();
        for (int i = 0; i < g.size(); i++) {
          g.put(i, gradient(k, t, i));
        }
      }
      double[] gw = weight.gradient().toDoubleArray();
      double[] gb = bias.gradient().toDoubleArray();
      optimizer.step();
      weightReference.step(w, gw);
      biasReference.step(b, gb);
      for (int i = 0; i < w.length; i++) {
        assertEquals(w[i], weight.value().at(i), TOLERANCE, "weight " + i + " at step " + t);
        worst = Math.max(worst, Math.abs(w[i] - weight.value().at(i)));
      }
      for (int i = 0; i < b.length; i++) {
        assertEquals(b[i], bias.value().at(i), TOLERANCE, "bias " + i + " at step " + t);
      }
    }
    assertEquals(STEPS, optimizer.stepCount());
    return worst;
  }

  @Test
  void sgd_matchesTorchSgd() {
    runAgainstTorch(
        Optimizers.chain(Optimizers.sgd(0.1)),
        new TorchReference.Sgd(0.1, 0, 0, false),
        new TorchReference.Sgd(0.1, 0, 0, false));
  }

  @Test
  void momentum_matchesTorchSgdWithMomentum() {
    runAgainstTorch(
        Optimizers.chain(Optimizers.sgd(0.1).momentum(0.9)),
        new TorchReference.Sgd(0.1, 0.9, 0, false),
        new TorchReference.Sgd(0.1, 0.9, 0, false));
  }

  @Test
  void nesterov_matchesTorchSgdWithNesterov() {
    runAgainstTorch(
        Optimizers.chain(Optimizers.nesterov(0.1, 0.9)),
        new TorchReference.Sgd(0.1, 0.9, 0, true),
        new TorchReference.Sgd(0.1, 0.9, 0, true));
  }

  @Test
  void adam_matchesTorchAdam() {
    runAgainstTorch(
        Optimizers.chain(Optimizers.adam(0.05)),
        new TorchReference.Adam(0.05, 0.9, 0.999, 1e-8, 0, false),
        new TorchReference.Adam(0.05, 0.9, 0.999, 1e-8, 0, false));
  }

  /**
   * Adam and RMSprop work through 1,024-float chunks in float32: on a weight of three chunks
   * (41×53, the last one ragged) they follow PyTorch's update, written out in double, over 20
   * steps, element by element, including the elements on either side of each chunk boundary.
   */
  @Test
  void adamAndRmsprop_onAWeightOfSeveralChunks_matchTorch() {
    int n = 41 * 53;
    for (int which = 0; which < 2; which++) {
      Matrix start = Matrix.zeros(41, 53);
      for (int i = 0; i < n; i++) {
        start.put(i, (float) Math.cos(0.37 * i));
      }
      Parameter w = new Parameter("w", Parameter.Kind.WEIGHT, start);
      Optimizer optimizer = Optimizer.of(Optimizers.chain(which == 0
          ? Optimizers.adam(0.01) : Optimizers.rmsprop(0.01)), List.of(w));
      Step reference = which == 0 ? new TorchReference.Adam(0.01, 0.9, 0.999, 1e-8, 0, false)
          : new TorchReference.RmsProp(0.01, 0.99, 1e-8);
      double[] expected = w.value().toDoubleArray();
      for (int t = 1; t <= 20; t++) {
        for (int i = 0; i < n; i++) {
          w.gradient().put(i, gradient(0, t, i % 97));
        }
        double[] g = w.gradient().toDoubleArray();
        optimizer.step();
        reference.step(expected, g);
      }
      for (int i = 0; i < n; i++) {
        assertEquals(expected[i], w.value().at(i), TOLERANCE, (which == 0 ? "Adam" : "RMSprop")
            + ", element " + i);
      }
      double moved = 0;
      for (int i = 0; i < n; i++) {
        moved = Math.max(moved, Math.abs(w.value().at(i) - Math.cos(0.37 * i)));
      }
      assertTrue(moved > 0.02, "the weights moved: " + moved);
    }
  }

  /**
   * Adam's m and RMSprop's v, sized to be normal through step 32's flush and subnormal at step
   * 47 after one kick at step 1: step 47 keeps them, step 48 (a multiple of 16) sets them to
   * zero, and the state buffers say so.
   */
  @Test
  void adaptiveState_subnormalsAreFlushedAtEverySixteenthStep() {
    for (int which = 0; which < 2; which++) {
      Parameter w = new Parameter("w", Parameter.Kind.WEIGHT, Matrix.zeros(3, 5));
      Optimizer optimizer = Optimizer.of(Optimizers.chain(which == 0
          ? Optimizers.adam(0.01) : Optimizers.rmsprop(0.01)), List.of(w));
      float kick = which == 0
          ? (float) (Float.MIN_NORMAL * 0.5 / (0.1 * Math.pow(0.9, 46)))
          : (float) Math.sqrt(Float.MIN_NORMAL * 1.5 / 0.01); // v normal until step 43
      for (int t = 1; t <= 48; t++) {
        for (int i = 0; i < w.gradient().size(); i++) {
          w.gradient().put(i, t == 1 ? kick : 0f);
        }
        optimizer.step();
        int subnormal = 0;
        for (Matrix state : optimizer.stateBuffers().values()) {
          for (int i = 0; i < state.size(); i++) {
            float v = state.at(i);
            subnormal += v != 0 && Math.abs(v) < Float.MIN_NORMAL ? 1 : 0;
          }
        }
        String what = (which == 0 ? "Adam" : "RMSprop") + " at step " + t;
        if (t == 47) {
          assertEquals(15, subnormal, what);
        } else if (t == 48) {
          assertEquals(0, subnormal, what);
        }
      }
    }
  }

  @Test
  void adam_withLargeEpsilonAndOtherBetas_matchesTorchAdam() {
    // ε comparable to √v̂ checks that ε is added after the bias correction, as PyTorch does.
    runAgainstTorch(
        Optimizers.chain(Optimizers.adam(0.05).betas(0.5, 0.9).epsilon(0.3)),
        new TorchReference.Adam(0.05, 0.5, 0.9, 0.3, 0, false),
        new TorchReference.Adam(0.05, 0.5, 0.9, 0.3, 0, false));
  }

  @Test
  void adamw_decaysTheWeightButNotTheBias_likeTorchAdamW() {
    double lr = 0.05;
    double decay = 0.5;
    runAgainstTorch(
        Optimizers.chain(Optimizers.adamW(lr, decay)),
        new TorchReference.Adam(lr, 0.9, 0.999, 1e-8, decay, true),
        // The bias is in a PyTorch parameter group with weight_decay=0.
        new TorchReference.Adam(lr, 0.9, 0.999, 1e-8, 0, true));
    // And the decay did something: plain Adam on the weight ends elsewhere.
    double[] plain = {0.5, -1.2, 2.0, 0.3, -0.7, 1.1};
    Step adam = new TorchReference.Adam(lr, 0.9, 0.999, 1e-8, 0, false);
    for (int t = 1; t <= STEPS; t++) {
      double[] g = new double[plain.length];
      for (int i = 0; i < g.length; i++) {
        g[i] = gradient(0, t, i);
      }
      adam.step(plain, g);
    }
    // |w| = 2 shrinks by about STEPS·lr·d·|w| = 0.3 more than under plain Adam.
    assertTrue(plain[2] - weight.value().at(2) > 0.2, "decay moved w[2] toward 0");
  }

  @Test
  void rmsprop_matchesTorchRmsprop() {
    runAgainstTorch(
        Optimizers.chain(Optimizers.rmsprop(0.01).decay(0.99).epsilon(1e-8)),
        new TorchReference.RmsProp(0.01, 0.99, 1e-8),
        new TorchReference.RmsProp(0.01, 0.99, 1e-8));
  }

  @Test
  void coupledL2_gradientPlusLambdaW_equalsTorchSgdMomentumWeightDecay() {
    double lambda = 0.3;
    runAgainstTorch(
        Optimizers.chain(Optimizers.sgd(0.1).momentum(0.9), Penalty.l2(lambda)),
        new TorchReference.Sgd(0.1, 0.9, lambda, false),
        new TorchReference.Sgd(0.1, 0.9, 0, false));
  }

  @Test
  void coupledL2_withAdam_equalsTorchAdamWeightDecay_notAdamW() {
    double lambda = 0.3;
    runAgainstTorch(
        Optimizers.chain(Optimizers.adam(0.05), Penalty.l2(lambda)),
        new TorchReference.Adam(0.05, 0.9, 0.999, 1e-8, lambda, false),
        new TorchReference.Adam(0.05, 0.9, 0.999, 1e-8, 0, false));
  }

  @Test
  void build_withClipNorm_equalsTorchClipGradNormThenSgd() {
    double maxNorm = 0.5;
    GradientTransform transform =
        Optimizers.chain(Optimizers.sgd(0.1).momentum(0.9).clipNorm(maxNorm));
    Optimizer optimizer = Optimizer.of(transform, params);
    double[] w = weight.value().toDoubleArray();
    double[] b = bias.value().toDoubleArray();
    Step torchW = new TorchReference.Sgd(0.1, 0.9, 0, false);
    Step torchB = new TorchReference.Sgd(0.1, 0.9, 0, false);
    for (int t = 1; t <= STEPS; t++) {
      double[] gw = new double[w.length];
      double[] gb = new double[b.length];
      double squares = 0;
      for (int i = 0; i < gw.length; i++) {
        weight.gradient().put(i, gradient(0, t, i));
        gw[i] = weight.gradient().at(i);
        squares += gw[i] * gw[i];
      }
      for (int i = 0; i < gb.length; i++) {
        bias.gradient().put(i, gradient(1, t, i));
        gb[i] = bias.gradient().at(i);
        squares += gb[i] * gb[i];
      }
      // torch.nn.utils.clip_grad_norm_: coef = min(1, max_norm / (total_norm + 1e-6)).
      double coefficient = Math.min(1, maxNorm / (Math.sqrt(squares) + 1e-6));
      assertTrue(coefficient < 1, "the test gradients are large enough to be clipped");
      for (int i = 0; i < gw.length; i++) {
        gw[i] *= coefficient;
      }
      for (int i = 0; i < gb.length; i++) {
        gb[i] *= coefficient;
      }
      optimizer.step();
      torchW.step(w, gw);
      torchB.step(b, gb);
      for (int i = 0; i < w.length; i++) {
        assertEquals(w[i], weight.value().at(i), TOLERANCE, "weight " + i + " at step " + t);
      }
      for (int i = 0; i < b.length; i++) {
        assertEquals(b[i], bias.value().at(i), TOLERANCE, "bias " + i + " at step " + t);
      }
    }
  }

  @Test
  void sgd_coupledL2AndDecoupledDecay_takeTheSameStep() {
    // Plain SGD: w − lr·(g + λw) either way, so λ = d (not so with momentum over several steps,
    // nor ever with Adam).
    double d = 0.3;
    Parameter w1 = new Parameter("w", Parameter.Kind.WEIGHT, Matrix.of(1, 3, 0.5, -1.2, 2.0));
    Parameter w2 = new Parameter("w", Parameter.Kind.WEIGHT, Matrix.of(1, 3, 0.5, -1.2, 2.0));
    Optimizer decoupled =
        Optimizer.of(Optimizers.chain(Optimizers.sgd(0.1).weightDecay(d)), List.of(w1));
    Optimizer coupled =
        Optimizer.of(Optimizers.chain(Optimizers.sgd(0.1), Penalty.l2(d)), List.of(w2));
    for (int t = 1; t <= 3; t++) {
      for (int i = 0; i < 3; i++) {
        w1.gradient().put(i, gradient(0, t, i));
        w2.gradient().put(i, gradient(0, t, i));
      }
      decoupled.step();
      coupled.step();
      for (int i = 0; i < 3; i++) {
        assertEquals(w2.value().at(i), w1.value().at(i), 1e-6);
      }
    }
  }

  @Test
  void build_everyKind_runsAndReportsItsLearningRate() {
    LearningRateSchedule schedule = LearningRateSchedule.stepDecay(0.1, 2, 0.5);
    for (OptimizerConfig.Kind kind : OptimizerConfig.Kind.values()) {
      OptimizerConfig config =
          new OptimizerConfig(kind, schedule, 0.9, 0.9, 0.999, 1e-8, 0.01, 1.0);
      Optimizer optimizer = Optimizer.of(Optimizers.chain(config), params);
      for (int t = 1; t <= 3; t++) {
        for (int i = 0; i < 6; i++) {
          weight.gradient().put(i, gradient(0, t, i));
        }
        optimizer.step();
      }
      assertTrue(weight.value().allFinite(), kind.toString());
      assertEquals(0.05, optimizer.learningRate(), 1e-15, kind.toString());
    }
  }
}
