package dev.tikhonov.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.loss.Loss;
import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.loss.SquaredError;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Dense;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.ReLU;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The weighted step ({@link WeightedLoss}): its batch gradient is (1/B) Σ w̃ᵢ ∇ℓᵢ with
 * w̃ᵢ = wᵢ·n/Σw, the gradient of Σ wᵢℓᵢ / Σ wᵢ, on one thread and on the data-parallel step's
 * two.
 */
class WeightedStepTest {
  private final int savedThreads = Blas.threads();

  /** Small networks: the switch splits them on two threads whatever their work. */
  @BeforeEach
  void splitWhateverTheWork() {
    System.setProperty("tikhonov.step", "parts");
  }

  @AfterEach
  void restoreThreads() {
    Blas.setThreads(savedThreads);
    System.clearProperty("tikhonov.step");
  }

  /** The rows of {@code m}, row i taken {@code counts[i]} times. */
  private static Matrix repeat(Matrix m, int[] counts) {
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    Matrix out = Matrix.zeros(total, m.cols());
    int r = 0;
    for (int i = 0; i < m.rows(); i++) {
      for (int k = 0; k < counts[i]; k++, r++) {
        for (int j = 0; j < m.cols(); j++) {
          out.set(r, j, m.get(i, j));
        }
      }
    }
    return out;
  }

  /** The full-batch gradient of the weighted loss on {@code threads} threads; its value. */
  private static double weighted(Sequential net, Matrix x, Matrix y, double[] w, int threads) {
    Blas.setThreads(threads);
    Matrix targets = WeightedLoss.withWeights(y, w);
    BatchStep step = BatchStep.of(net, new WeightedLoss(new SoftmaxCrossEntropy()), x.rows(),
        x.cols(), targets.cols(), 4);
    assertEquals(threads > 1, step instanceof ParallelStep, threads + " threads");
    double value = step.lossAndGradients(x, targets);
    step.close();
    return value;
  }

  private static double unweighted(Sequential net, Matrix x, Matrix y, int threads) {
    Blas.setThreads(threads);
    BatchStep step = BatchStep.of(net, new SoftmaxCrossEntropy(), x.rows(), x.cols(), 1, 4);
    double value = step.lossAndGradients(x, y);
    step.close();
    return value;
  }

  @Test
  void integerWeights_giveTheGradientOfTheRowsRepeated() {
    // counts 0..3: a row of weight k is the row taken k times (weight 0: the row left out)
    Matrix[] data = BatchStepTest.batch(67);
    int[] counts = new int[67];
    double[] w = new double[67];
    for (int i = 0; i < 67; i++) {
      counts[i] = (i * 7) % 4;
      w[i] = counts[i];
    }
    for (int threads : new int[] {1, 2}) {
      Sequential a = BatchStepTest.network(0);
      double value = weighted(a, data[0], data[1], w, threads);
      Sequential b = BatchStepTest.network(0);
      double repeated = unweighted(b, repeat(data[0], counts), repeat(data[1], counts),
          threads);
      assertEquals(repeated, value, 1e-6 * repeated, threads + " threads");
      assertClose(BatchStepTest.gradients(b), BatchStepTest.gradients(a), threads + " threads");
    }
  }

  @Test
  void equalWeights_giveTheUnweightedGradientBitForBit() {
    Matrix[] data = BatchStepTest.batch(67);
    double[] w = new double[67];
    java.util.Arrays.fill(w, 0.1); // w̃ = 0.1·67/Σw, 1 in float32
    for (int threads : new int[] {1, 2}) {
      Sequential a = BatchStepTest.network(0);
      double value = weighted(a, data[0], data[1], w, threads);
      Sequential b = BatchStepTest.network(0);
      double plain = unweighted(b, data[0], data[1], threads);
      assertEquals(plain, value, 1e-15 * plain, threads + " threads");
      float[][] ga = BatchStepTest.gradients(a);
      float[][] gb = BatchStepTest.gradients(b);
      for (int p = 0; p < ga.length; p++) {
        assertArrayEquals(gb[p], ga[p], threads + " threads, parameter " + p);
      }
    }
  }

  @Test
  void weightedGradient_matchesFiniteDifferencesOfTheWeightedObjective() {
    Rng rng = new Rng(12);
    Sequential net = Architecture.mlp(0, 6).build(4, 3, Initializer.he(), rng, rng);
    Matrix x = Matrix.zeros(9, 4);
    for (int i = 0; i < x.size(); i++) {
      x.put(i, (float) rng.nextGaussian());
    }
    Matrix y = Matrix.column(0, 2, 1, 1, 0, 2, 2, 1, 0);
    double[] w = {0.5, 3, 0, 1.25, 2, 0.1, 1, 4, 0.7};
    checkFiniteDifferences(net, new SoftmaxCrossEntropy(), x, y, w, true);
    Sequential regression = Architecture.mlp(0, 5).build(3, 1, Initializer.he(), rng, rng);
    Matrix xr = Matrix.zeros(9, 3);
    Matrix yr = Matrix.zeros(9, 1);
    for (int i = 0; i < 9; i++) {
      yr.put(i, (float) rng.nextGaussian());
      for (int j = 0; j < 3; j++) {
        xr.set(i, j, (float) rng.nextGaussian());
      }
    }
    checkFiniteDifferences(regression, new SquaredError(), xr, yr, w, false);
  }

  private static void checkFiniteDifferences(Sequential net, Loss loss, Matrix x, Matrix y,
      double[] w, boolean classes) {
    Blas.setThreads(1);
    Matrix targets = WeightedLoss.withWeights(y, w);
    BatchStep step = BatchStep.of(net, new WeightedLoss(loss), x.rows(), x.cols(),
        targets.cols(), net.outputSize());
    double value = step.lossAndGradients(x, targets);
    step.close();
    assertEquals(objective(net, x, y, w, classes, null, 0, 0), value, 1e-5 * value);
    double h = 1e-6;
    int checked = 0;
    for (Parameter p : net.parameters()) {
      for (int i = 0; i < p.value().size(); i++) {
        double numeric = (objective(net, x, y, w, classes, p, i, h)
            - objective(net, x, y, w, classes, p, i, -h)) / (2 * h);
        assertEquals(numeric, p.gradient().at(i), 2e-4 + 2e-3 * Math.abs(numeric),
            p.name() + "[" + i + "]");
        checked++;
      }
    }
    assertTrue(checked >= 20, "checked " + checked);
  }

  /** Σ wᵢℓᵢ / Σ wᵢ in double, the network's values with one entry moved by delta. */
  private static double objective(Sequential net, Matrix x, Matrix y, double[] w,
      boolean classes, Parameter perturbed, int index, double delta) {
    int n = x.rows();
    double[][] h = new double[n][x.cols()];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < x.cols(); j++) {
        h[i][j] = x.get(i, j);
      }
    }
    for (Layer layer : net.layers()) {
      if (layer instanceof Dense d) {
        Matrix weight = d.weight().value();
        Matrix bias = d.bias().value();
        double[][] next = new double[n][weight.cols()];
        for (int i = 0; i < n; i++) {
          for (int o = 0; o < weight.cols(); o++) {
            double s = bias.at(o) + (d.bias() == perturbed && o == index ? delta : 0);
            for (int j = 0; j < weight.rows(); j++) {
              int k = j * weight.cols() + o;
              s += h[i][j] * (weight.at(k) + (d.weight() == perturbed && k == index ? delta : 0));
            }
            next[i][o] = s;
          }
        }
        h = next;
      } else if (layer instanceof ReLU) {
        for (double[] row : h) {
          for (int j = 0; j < row.length; j++) {
            row[j] = Math.max(0, row[j]);
          }
        }
      }
    }
    double total = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double l;
      if (classes) {
        l = dev.tikhonov.loss.SoftmaxCrossEntropy.crossEntropy(h[i], (int) y.at(i));
      } else {
        double r = h[i][0] - y.at(i);
        l = 0.5 * r * r;
      }
      total += w[i] * l;
      sum += w[i];
    }
    return total / sum;
  }

  private static void assertClose(float[][] expected, float[][] actual, String what) {
    for (int p = 0; p < expected.length; p++) {
      double scale = 0;
      for (float v : expected[p]) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int k = 0; k < expected[p].length; k++) {
        assertEquals(expected[p][k], actual[p][k], 1e-5 * scale + 1e-7,
            what + ", parameter " + p + " element " + k);
      }
    }
  }
}
