package dev.tikhonov.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchStepTest {
  private final int savedThreads = Blas.threads();

  @AfterEach
  void restoreThreads() {
    Blas.setThreads(savedThreads);
  }

  private static Sequential network(double dropout) {
    return Architecture.mlp(dropout, 24, 12).build(7, 4, Initializer.pytorchDefault(),
        new Rng(3), new Rng(4));
  }

  private static Matrix[] batch(int rows) {
    Rng rng = new Rng(11);
    Matrix x = Matrix.zeros(rows, 7);
    Matrix y = Matrix.zeros(rows, 1);
    for (int i = 0; i < rows; i++) {
      y.put(i, rng.nextInt(4));
      for (int j = 0; j < 7; j++) {
        x.set(i, j, (float) rng.nextGaussian());
      }
    }
    return new Matrix[] {x, y};
  }

  private static float[][] gradients(Sequential network) {
    List<Parameter> ps = network.parameters();
    float[][] out = new float[ps.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = ps.get(i).gradient().toArray();
    }
    return out;
  }

  @Test
  void parallelStep_givesTheFullBatchGradientOfTheSequentialStep() {
    Matrix[] data = batch(67); // odd row count: parts of 33 and 34 rows
    Blas.setThreads(1);
    Sequential one = network(0);
    double lossOne = BatchStep.of(one, new SoftmaxCrossEntropy(), 67, 7, 1, 4)
        .lossAndGradients(data[0], data[1]);
    Blas.setThreads(2);
    Sequential two = network(0);
    BatchStep step = BatchStep.of(two, new SoftmaxCrossEntropy(), 67, 7, 1, 4);
    double lossTwo = step.lossAndGradients(data[0], data[1]);
    step.release();
    assertEquals(lossOne, lossTwo, 1e-6 * Math.abs(lossOne));
    float[][] a = gradients(one);
    float[][] b = gradients(two);
    for (int p = 0; p < a.length; p++) {
      double scale = 0;
      for (float v : a[p]) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int k = 0; k < a[p].length; k++) {
        assertEquals(a[p][k], b[p][k], 1e-5 * scale + 1e-7, "parameter " + p + " element " + k);
      }
    }
  }

  @Test
  void parallelStep_sameThreads_isBitIdentical() {
    Matrix[] data = batch(64);
    Blas.setThreads(2);
    float[][][] runs = new float[2][][];
    for (int r = 0; r < 2; r++) {
      Sequential net = network(0);
      BatchStep step = BatchStep.of(net, new SoftmaxCrossEntropy(), 64, 7, 1, 4);
      step.lossAndGradients(data[0], data[1]);
      step.lossAndGradients(data[0], data[1]);
      step.release();
      runs[r] = gradients(net);
    }
    for (int p = 0; p < runs[0].length; p++) {
      assertArrayEquals(runs[0][p], runs[1][p]);
    }
    Blas.setThreads(2);
    assertTrue(!network(0.2).canReplicate(), "dropout keeps the sequential step");
    boolean anyNonZero = false;
    for (float v : runs[0][0]) {
      anyNonZero |= v != 0;
    }
    assertTrue(anyNonZero, "the step computed a gradient");
  }
}
