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
  void squaredError_usesHalfConvention() {
    Matrix p = Matrix.column(1, 2);
    Matrix t = Matrix.column(0, 0);
    Matrix g = Matrix.zeros(2, 1);
    assertEquals(0.5 * (1 + 4) / 2, new SquaredError().lossAndGradient(p, t, g), 1e-9);
    assertEquals(0.5, g.at(0), 1e-7);
    assertEquals(1.0, g.at(1), 1e-7);
  }
}
