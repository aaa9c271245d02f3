package dev.tikhonov.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transforms one at a time, applied directly to update buffers. */
class TransformsTest {
  private final Parameter bias =
      new Parameter("b", Parameter.Kind.BIAS, Matrix.of(1, 2, 10f, 20f));
  private final Parameter weight =
      new Parameter("w", Parameter.Kind.WEIGHT, Matrix.of(1, 2, 1f, -2f));
  // Bias first, so a mask that selects the weight must map index 0 of its selection to 1.
  private final List<Parameter> params = List.of(bias, weight);

  private static List<Matrix> updates(float[] forBias, float[] forWeight) {
    return List.of(Matrix.of(1, 2, forBias), Matrix.of(1, 2, forWeight));
  }

  private void apply(GradientTransform transform, List<Matrix> out) {
    transform.init(params).update(params, 1, out);
  }

  @Test
  void masked_appliesInnerOnlyWhereTheMaskHolds() {
    List<Matrix> out = updates(new float[] {1f, 2f}, new float[] {3f, 4f});
    apply(Transforms.masked(Transforms.scale(3), Parameter::isWeight), out);
    assertArrayEquals(new float[] {1f, 2f}, out.get(0).toArray(), "bias untouched");
    assertArrayEquals(new float[] {9f, 12f}, out.get(1).toArray());
  }

  @Test
  void maskedDecay_usesEachSelectedParametersOwnValue() {
    List<Matrix> out = updates(new float[] {0f, 0f}, new float[] {0f, 0f});
    apply(Transforms.masked(Transforms.addDecayedWeights(0.5), Parameter::isWeight), out);
    // u_w = 0 + 0.5·w = (0.5, −1); the bias (value 10, 20) is not decayed.
    assertArrayEquals(new float[] {0f, 0f}, out.get(0).toArray());
    assertArrayEquals(new float[] {0.5f, -1f}, out.get(1).toArray());
  }

  @Test
  void masked_renumbersInnerBuffersToTheFullParameterList() {
    TransformState state =
        Transforms.chain(
                Transforms.masked(Transforms.traceMomentum(0.9), Parameter::isWeight),
                Transforms.scaleByAdam(0.9, 0.999, 1e-8))
            .init(params);
    assertEquals(
        List.of("0.momentum/1", "1.adam.m/0", "1.adam.m/1", "1.adam.v/0", "1.adam.v/1"),
        List.copyOf(state.buffers().keySet()));
  }

  @Test
  void addDecayedWeights_addsDTimesW() {
    List<Matrix> out = updates(new float[] {1f, 1f}, new float[] {1f, 1f});
    apply(Transforms.addDecayedWeights(0.25), out);
    assertArrayEquals(new float[] {1f + 2.5f, 1f + 5f}, out.get(0).toArray());
    assertArrayEquals(new float[] {1.25f, 0.5f}, out.get(1).toArray());
  }

  @Test
  void chain_appliesInOrder() {
    // scale then decay: 2g + w; decay then scale: 2(g + w).
    List<Matrix> first = updates(new float[] {1f, 1f}, new float[] {1f, 1f});
    apply(Transforms.chain(Transforms.scale(2), Transforms.addDecayedWeights(1)), first);
    assertArrayEquals(new float[] {3f, 0f}, first.get(1).toArray());
    List<Matrix> second = updates(new float[] {1f, 1f}, new float[] {1f, 1f});
    apply(Transforms.chain(Transforms.addDecayedWeights(1), Transforms.scale(2)), second);
    assertArrayEquals(new float[] {4f, -2f}, second.get(1).toArray());
  }

  @Test
  void clipByGlobalNorm_whenAboveMax_scalesAllToMax() {
    // Global norm of (3, 0) and (0, 4) is 5; clipping to 1 gives (0.6, 0) and (0, 0.8).
    List<Matrix> out = updates(new float[] {3f, 0f}, new float[] {0f, 4f});
    apply(Transforms.clipByGlobalNorm(1), out);
    assertEquals(0.6, out.get(0).at(0), 1e-7);
    assertEquals(0.8, out.get(1).at(1), 1e-7);
    assertEquals(1.0, Math.sqrt(out.get(0).sumOfSquares() + out.get(1).sumOfSquares()), 1e-7);
  }

  @Test
  void clipByGlobalNorm_whenBelowMax_leavesUpdatesUnchanged() {
    List<Matrix> out = updates(new float[] {3f, 0f}, new float[] {0f, 4f});
    apply(Transforms.clipByGlobalNorm(5.5), out);
    assertArrayEquals(new float[] {3f, 0f}, out.get(0).toArray());
    assertArrayEquals(new float[] {0f, 4f}, out.get(1).toArray());
  }

  @Test
  void scaleByLearningRate_negatesAndScalesByTheScheduleAtTheStep() {
    List<Matrix> out = updates(new float[] {1f, -2f}, new float[] {4f, 0f});
    GradientTransform transform =
        Transforms.scaleByLearningRate(LearningRateSchedule.stepDecay(0.5, 1, 0.5));
    // Step 3: lr = 0.5 · 0.5² = 0.125.
    transform.init(params).update(params, 3, out);
    assertArrayEquals(new float[] {-0.125f, 0.25f}, out.get(0).toArray());
    assertArrayEquals(new float[] {-0.5f, 0f}, out.get(1).toArray(), 0f, "−0 equals 0");
  }

  @Test
  void traceMomentum_accumulatesAcrossSteps() {
    TransformState state = Transforms.traceMomentum(0.5).init(params);
    List<Matrix> out = updates(new float[] {1f, 0f}, new float[] {2f, 0f});
    state.update(params, 1, out);
    out.get(0).copyFrom(Matrix.of(1, 2, 1f, 0f));
    out.get(1).copyFrom(Matrix.of(1, 2, 2f, 0f));
    state.update(params, 2, out);
    // b₁ = g, b₂ = 0.5·g + g = 1.5·g.
    assertArrayEquals(new float[] {1.5f, 0f}, out.get(0).toArray());
    assertArrayEquals(new float[] {3f, 0f}, out.get(1).toArray());
  }

  @Test
  void invalidHyperparameters_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> Transforms.traceMomentum(1.0));
    assertThrows(IllegalArgumentException.class, () -> Transforms.scaleByAdam(0.9, 1.0, 1e-8));
    assertThrows(IllegalArgumentException.class, () -> Transforms.scaleByAdam(0.9, 0.99, 0));
    assertThrows(IllegalArgumentException.class, () -> Transforms.scaleByRms(-0.1, 1e-8));
    assertThrows(IllegalArgumentException.class, () -> Transforms.addDecayedWeights(-1));
    assertThrows(IllegalArgumentException.class, () -> Transforms.clipByGlobalNorm(0));
    assertThrows(IllegalArgumentException.class, () -> Transforms.scale(Double.NaN));
  }
}
