package dev.tikhonov.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.tensor.Matrix;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {
  @Test
  void hugeLogits_stayFiniteAndExact() {
    Matrix z = Matrix.of(2, 2, 1000f, 0f, -1000f, 1000f);
    Matrix y = Matrix.column(1, 0);
    Matrix g = Matrix.zeros(2, 2);
    double loss = new SoftmaxCrossEntropy().lossAndGradient(z, y, g);
    assertEquals((1000 + 2000) / 2.0, loss, 1e-3);
    assertTrue(g.allFinite());
    assertEquals(0.5, g.get(0, 0), 1e-6); // (1 − 0)/n
    assertEquals(-0.5, g.get(0, 1), 1e-6);
  }

  @Test
  void uniformLogits_giveLogK() {
    Matrix z = Matrix.zeros(3, 10);
    double loss = new SoftmaxCrossEntropy().lossAndGradient(z, Matrix.column(1, 5, 9),
        Matrix.zeros(3, 10));
    assertEquals(Math.log(10), loss, 1e-6);
    assertEquals(3 * Math.log(10), new SoftmaxCrossEntropy().sum(z, Matrix.column(1, 5, 9)),
        1e-5);
  }

  @Test
  void gradientRows_sumToZero() {
    Matrix z = Matrix.of(2, 3, 0.3f, -1.2f, 2f, 4f, 0f, 1f);
    Matrix g = Matrix.zeros(2, 3);
    new SoftmaxCrossEntropy().lossAndGradient(z, Matrix.column(2, 0), g);
    for (int i = 0; i < 2; i++) {
      assertEquals(0, g.get(i, 0) + g.get(i, 1) + g.get(i, 2), 1e-6);
    }
  }

  @Test
  void crossEntropyOfDoubleLogits_isMinusLogSoftmax_andFiniteWhereSoftmaxUnderflows() {
    double[] z = {0.3, -1.2, 2.0};
    double norm = Math.exp(0.3) + Math.exp(-1.2) + Math.exp(2.0);
    for (int y = 0; y < 3; y++) {
      assertEquals(-Math.log(Math.exp(z[y]) / norm), SoftmaxCrossEntropy.crossEntropy(z, y),
          1e-15);
    }
    // p(0) = e^{-800} is 0 in double: −log p would be ∞; the loss is 800 + log(1 + e^{-800}).
    assertEquals(800.0, SoftmaxCrossEntropy.crossEntropy(new double[] {0, 800}, 0), 0.0);
    assertEquals(0.0, SoftmaxCrossEntropy.crossEntropy(new double[] {0, 800}, 1), 0.0);
    // Tiny losses keep their precision (log1p): −log σ(40) = log(1 + e^{-40}).
    assertEquals(Math.exp(-40), SoftmaxCrossEntropy.crossEntropy(new double[] {0, 40}, 1),
        1e-30);
    // Two tied maxima: log(2e^{1000} + e^{-1002}) + 1002 = 2002 + log 2.
    assertEquals(2002 + Math.log(2),
        SoftmaxCrossEntropy.crossEntropy(new double[] {1000, 1000, -1002}, 2), 1e-12);
  }

  @Test
  void squaredError_usesHalfConvention() {
    Matrix p = Matrix.column(1, 2);
    Matrix t = Matrix.column(0, 0);
    Matrix g = Matrix.zeros(2, 1);
    assertEquals(0.5 * (1 + 4) / 2, new SquaredError().lossAndGradient(p, t, g), 1e-9);
    assertEquals(0.5, g.at(0), 1e-7);
    assertEquals(1.0, g.at(1), 1e-7);
  }
}
