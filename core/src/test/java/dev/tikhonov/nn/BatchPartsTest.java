package dev.tikhonov.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.tensor.TestMatrices;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The data-parallel plan against the network's own forward and backward: parts of a batch, then
 * row blocks of the parameter gradients, give the whole-batch gradients, for every kind of
 * stage (Dense fused with ReLU, a Dense without, a ReLU on its own, Dropout inside and on the
 * input).
 */
class BatchPartsTest {
  private static Sequential network() {
    Rng init = new Rng(1);
    return new Sequential(9, List.of(
        new Dropout(0.1, new Rng(21)),
        new Dense("d0", 9, 12, Initializer.pytorchDefault(), init), new ReLU(),
        new Dropout(0.3, new Rng(22)),
        new Dense("d1", 12, 8, Initializer.pytorchDefault(), init),
        new Dropout(0.25, new Rng(23)), new ReLU(),
        new Dense("d2", 8, 5, Initializer.pytorchDefault(), init)));
  }

  private static Matrix random(int rows, int cols, long seed) {
    return TestMatrices.gaussian(rows, cols, new Rng(seed));
  }

  @Test
  void partsThenBlocks_giveTheWholeBatchGradients_withTheSameDropoutMasks() {
    int rows = 23;
    Matrix x = random(rows, 9, 5);
    Matrix upstream = random(rows, 5, 6); // ∂J/∂output, fixed
    for (int parts : new int[] {1, 2, 3, 7}) {
      Sequential whole = network();
      Matrix out = whole.forward(x, Layer.Mode.TRAIN).copy();
      whole.backward(upstream);

      Sequential net = network();
      BatchParts plan = new BatchParts(net, 32, parts);
      plan.prepareStep();
      for (int t = parts - 1; t >= 0; t--) { // any order of parts
        int from = rows * t / parts;
        int to = rows * (t + 1) / parts;
        plan.inputRows(from, to).copyFrom(x.rowRange(from, to));
        Matrix o = plan.forward(from, to);
        for (int i = 0; i < o.size(); i++) {
          assertEquals(out.rowRange(from, to).at(i), o.at(i), 1e-6, "output, part " + t);
        }
        plan.outputGradientRows(from, to).copyFrom(upstream.rowRange(from, to));
        plan.backward(t, from, to);
      }
      for (int t = 0; t < parts; t++) {
        plan.parameterGradients(rows, t, parts);
      }
      List<Parameter> expected = whole.parameters();
      List<Parameter> actual = net.parameters();
      for (int k = 0; k < expected.size(); k++) {
        Matrix e = expected.get(k).gradient();
        Matrix a = actual.get(k).gradient();
        double scale = Math.sqrt(e.sumOfSquares() / e.size());
        assertTrue(scale > 0, "a gradient to compare");
        for (int i = 0; i < e.size(); i++) {
          assertEquals(e.at(i), a.at(i), 1e-5 * scale, parts + " parts, " + expected.get(k) + "[" + i
              + "]");
        }
      }
      // the dropout generators advanced alike: one draw per layer and step
      for (int i = 0; i < whole.layers().size(); i++) {
        if (whole.layers().get(i) instanceof Dropout d) {
          assertEquals(d.rng().state(), ((Dropout) net.layers().get(i)).rng().state());
        }
      }
    }
  }

  /** Blocks added to β times a buffer of one's choosing: the momentum's accumulation. */
  @Test
  void parameterGradients_intoBuffersWithBeta_addBetaTimesTheirValues() {
    int rows = 23;
    int parts = 2;
    Matrix x = random(rows, 9, 5);
    Matrix upstream = random(rows, 5, 6);
    Sequential net = network();
    BatchParts plan = new BatchParts(net, 32, parts);
    plan.prepareStep();
    for (int t = 0; t < parts; t++) {
      int from = rows * t / parts;
      int to = rows * (t + 1) / parts;
      plan.inputRows(from, to).copyFrom(x.rowRange(from, to));
      plan.forward(from, to);
      plan.outputGradientRows(from, to).copyFrom(upstream.rowRange(from, to));
      plan.backward(t, from, to);
    }
    Map<Parameter, Matrix> buffers = new IdentityHashMap<>();
    Map<Parameter, Matrix> before = new IdentityHashMap<>();
    long seed = 20;
    for (Parameter p : net.parameters()) {
      Matrix b = random(p.value().rows(), p.value().cols(), seed++);
      buffers.put(p, b);
      before.put(p, b.copy());
    }
    for (int t = parts - 1; t >= 0; t--) {
      plan.parameterGradients(rows, t, parts, buffers::get, 0.5f);
      plan.parameterGradients(rows, t, parts);
    }
    for (Parameter p : net.parameters()) {
      Matrix g = p.gradient();
      double scale = Math.sqrt(g.sumOfSquares() / g.size());
      for (int i = 0; i < g.size(); i++) {
        float expected = 0.5f * before.get(p).at(i) + g.at(i);
        if (p.kind() == Parameter.Kind.BIAS) {
          assertEquals(expected, buffers.get(p).at(i), p + "[" + i + "]"); // the same floats
        } else {
          assertEquals(expected, buffers.get(p).at(i), 1e-5 * (scale + 1), p + "[" + i + "]");
        }
      }
    }
  }

  @Test
  void supports_denseReluAndDropoutOnly() {
    assertTrue(BatchParts.supports(network()));
    Layer other = new Layer() {
      @Override
      public Matrix forward(Matrix input, Mode mode) {
        return input;
      }

      @Override
      public Matrix backward(Matrix outputGradient, boolean needInputGradient) {
        return outputGradient;
      }

      @Override
      public int outputSize(int inputSize) {
        return inputSize;
      }

      @Override
      public LayerSpec spec() {
        return LayerSpec.relu();
      }
    };
    Sequential unsupported = new Sequential(3, List.of(other));
    assertFalse(BatchParts.supports(unsupported));
    assertThrows(IllegalArgumentException.class, () -> new BatchParts(unsupported, 8, 2));
  }
}
