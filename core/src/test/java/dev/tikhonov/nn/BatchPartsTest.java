package dev.tikhonov.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.internal.nn.BatchParts.FirstLayer;
import dev.tikhonov.internal.nn.BatchParts;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.tensor.TestMatrices;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The data-parallel plan against the network's own forward and backward: parts of a batch, then
 * row blocks of the parameter gradients, give the whole-batch gradients, for every kind of
 * stage (Dense fused with ReLU, a Dense without, a ReLU on its own, Dropout inside and on the
 * input) and for a first Dense layer split by inputs.
 */
class BatchPartsTest {
  /** Starts with Dropout on the input, so every layer is split by rows. */
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

  /** Starts with a Dense (without a ReLU after it), so its product is split by inputs. */
  private static Sequential inputDenseNetwork() {
    Rng init = new Rng(2);
    return new Sequential(9, List.of(
        new Dense("d0", 9, 12, Initializer.pytorchDefault(), init),
        new Dropout(0.3, new Rng(22)), new ReLU(),
        new Dense("d1", 12, 8, Initializer.pytorchDefault(), init), new ReLU(),
        new Dense("d2", 8, 5, Initializer.pytorchDefault(), init)));
  }

  /** The same with the first Dense fused with its ReLU. */
  private static Sequential inputDenseReluNetwork() {
    Rng init = new Rng(3);
    return new Sequential(9, List.of(
        new Dense("d0", 9, 12, Initializer.pytorchDefault(), init), new ReLU(),
        new Dense("d1", 12, 8, Initializer.pytorchDefault(), init),
        new Dropout(0.25, new Rng(23)), new ReLU(),
        new Dense("d2", 8, 5, Initializer.pytorchDefault(), init)));
  }

  private static final List<Supplier<Sequential>> NETWORKS = List.of(
      BatchPartsTest::network, BatchPartsTest::inputDenseNetwork,
      BatchPartsTest::inputDenseReluNetwork);

  private static int[] identity(int n) {
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    return index;
  }

  /**
   * One step's parts as the training step runs them, in the order {@code order} gives the
   * parts (any order within a phase): inputs and first products, forward, loss gradient
   * {@code upstream}, backward. Returns the output.
   */
  private static Matrix runParts(BatchParts plan, Matrix x, Matrix upstream, int parts,
      int[] order) {
    int rows = x.rows();
    Matrix out = Matrix.zeros(rows, upstream.cols());
    plan.prepareStep();
    for (int t : order) {
      plan.gatherInput(t, x, identity(rows), 0, rows);
      plan.forwardInputBlock(t, rows);
    }
    for (int t : order) {
      int from = BatchParts.blockStart(rows, t, parts);
      int to = BatchParts.blockStart(rows, t + 1, parts);
      if (from == to) {
        continue;
      }
      out.rowRange(from, to).copyFrom(plan.forward(t, from, to));
      plan.outputGradientRows(from, to).copyFrom(upstream.rowRange(from, to));
      plan.backward(t, from, to);
    }
    return out;
  }

  private static Matrix random(int rows, int cols, long seed) {
    return TestMatrices.gaussian(rows, cols, new Rng(seed));
  }

  @Test
  void partsThenBlocks_giveTheWholeBatchGradients_withTheSameDropoutMasks() {
    int rows = 23;
    Matrix x = random(rows, 9, 5);
    Matrix upstream = random(rows, 5, 6); // ∂J/∂output, fixed
    for (Supplier<Sequential> network : NETWORKS) {
      for (int parts : new int[] {1, 2, 3, 7}) {
        for (FirstLayer first : FirstLayer.values()) {
          Sequential whole = network.get();
          Matrix out = whole.forward(x, Layer.Mode.TRAIN).copy();
          whole.backward(upstream);

          Sequential net = network.get();
          BatchParts plan = new BatchParts(net, 32, parts, first);
          assertEquals(first == FirstLayer.BY_INPUTS && parts >= 2
              && net.layers().get(0) instanceof Dense, plan.splitsInput());
          int[] reversed = new int[parts];
          for (int t = 0; t < parts; t++) {
            reversed[t] = parts - 1 - t;
          }
          Matrix o = runParts(plan, x, upstream, parts, reversed);
          for (int i = 0; i < o.size(); i++) {
            assertEquals(out.at(i), o.at(i), 1e-6, "output, " + parts + " parts");
          }
          for (int t = 0; t < parts; t++) {
            plan.parameterGradients(rows, t);
          }
          List<Parameter> expected = whole.parameters();
          List<Parameter> actual = net.parameters();
          for (int k = 0; k < expected.size(); k++) {
            Matrix e = expected.get(k).gradient();
            Matrix a = actual.get(k).gradient();
            double scale = Math.sqrt(e.sumOfSquares() / e.size());
            assertTrue(scale > 0, "a gradient to compare");
            for (int i = 0; i < e.size(); i++) {
              assertEquals(e.at(i), a.at(i), 1e-5 * scale,
                  parts + " parts, " + first + ", " + expected.get(k) + "[" + i + "]");
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
    }
  }

  /** A batch smaller than the buffers, gathered through an index from a larger source. */
  @Test
  void gatherInput_takesTheIndexedRowsOfAShorterBatch() {
    int rows = 5;
    Matrix source = random(40, 9, 7);
    int[] index = {3, 17, 39, 0, 21, 8, 11, 2};
    int first = 2;
    Matrix x = Matrix.zeros(rows, 9);
    for (int i = 0; i < rows; i++) {
      x.copyRow(source, index[first + i], i);
    }
    Matrix upstream = random(rows, 5, 8);
    for (Supplier<Sequential> network : NETWORKS) {
      for (FirstLayer split : FirstLayer.values()) {
        Sequential whole = network.get();
        Matrix expected = whole.forward(x, Layer.Mode.TRAIN).copy();
        BatchParts plan = new BatchParts(network.get(), 32, 2, split);
        plan.prepareStep();
        for (int t = 0; t < 2; t++) {
          plan.gatherInput(t, source, index, first, rows);
          plan.forwardInputBlock(t, rows);
        }
        for (int t = 0; t < 2; t++) {
          int from = BatchParts.blockStart(rows, t, 2);
          int to = BatchParts.blockStart(rows, t + 1, 2);
          Matrix o = plan.forward(t, from, to);
          for (int i = 0; i < o.size(); i++) {
            assertEquals(expected.rowRange(from, to).at(i), o.at(i), 1e-6,
                split + ", part " + t);
          }
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
    for (Supplier<Sequential> network : NETWORKS) {
      Sequential net = network.get();
      BatchParts plan = new BatchParts(net, 32, parts, FirstLayer.BY_INPUTS);
      runParts(plan, x, upstream, parts, new int[] {0, 1});
      Map<Parameter, Matrix> buffers = new IdentityHashMap<>();
      Map<Parameter, Matrix> before = new IdentityHashMap<>();
      long seed = 20;
      for (Parameter p : net.parameters()) {
        Matrix b = random(p.value().rows(), p.value().cols(), seed++);
        buffers.put(p, b);
        before.put(p, b.copy());
      }
      for (int t = parts - 1; t >= 0; t--) {
        plan.parameterGradients(rows, t, buffers::get, 0.5f);
        plan.parameterGradients(rows, t);
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
  }

  @Test
  void aPartOutsideThePlan_isRefusedByName() {
    BatchParts plan = new BatchParts(inputDenseNetwork(), 32, 2, FirstLayer.BY_INPUTS);
    assertTrue(plan.splitsInput());
    Matrix x = random(4, 9, 9);
    int[] index = {0, 1, 2, 3};
    for (int part : new int[] {-1, 2}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> plan.gatherInput(part, x, index, 0, 4));
      assertEquals("part " + part + " of a plan for 2 parts", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> plan.forwardInputBlock(part, 4));
      assertThrows(IllegalArgumentException.class, () -> plan.forward(part, 0, 2));
      assertThrows(IllegalArgumentException.class, () -> plan.backward(part, 0, 2));
      assertThrows(IllegalArgumentException.class, () -> plan.parameterGradients(4, part));
    }
    assertThrows(IllegalArgumentException.class, () -> new BatchParts(network(), 8, 0));
    assertThrows(NullPointerException.class, () -> new BatchParts(network(), 8, 2, null));
  }

  /**
   * The first layer is split by its inputs when they are more than twice the batch's rows,
   * unless the measurement switch names a split; the three-argument plan follows that choice.
   */
  @Test
  void firstLayerChoice_byInputsAboveTwiceTheRows_orAsTheSwitchSays() {
    assertEquals(FirstLayer.BY_INPUTS, FirstLayer.choose(784, 128));
    assertEquals(FirstLayer.BY_INPUTS, FirstLayer.choose(257, 128));
    assertEquals(FirstLayer.BY_ROWS, FirstLayer.choose(256, 128));
    assertEquals(FirstLayer.BY_ROWS, FirstLayer.choose(16, 128));
    assertFalse(new BatchParts(inputDenseNetwork(), 32, 2).splitsInput(), "9 inputs, 32 rows");
    assertTrue(new BatchParts(inputDenseNetwork(), 4, 2).splitsInput(), "9 inputs, 4 rows");
    for (String value : new String[] {"inputs", "rows"}) {
      System.setProperty("tikhonov.step.first", value);
      try {
        FirstLayer expected = value.equals("inputs") ? FirstLayer.BY_INPUTS : FirstLayer.BY_ROWS;
        assertEquals(expected, FirstLayer.choose(16, 128), value);
        assertEquals(expected, FirstLayer.choose(784, 128), value);
        assertEquals(value.equals("inputs"),
            new BatchParts(inputDenseNetwork(), 32, 2).splitsInput(), value);
      } finally {
        System.clearProperty("tikhonov.step.first");
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
      public Matrix backward(Matrix outputGradient) {
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
