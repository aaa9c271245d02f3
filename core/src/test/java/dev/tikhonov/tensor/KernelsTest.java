package dev.tikhonov.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KernelsTest {
  @Test
  void reluMask_keepsGradientWhereOutputPositive_evenSubnormal() {
    float[] y = {0f, Float.MIN_VALUE, 1e-30f, 3f, 0f, Float.MAX_VALUE};
    float[] g = {5f, -2f, 7f, -1.5f, -4f, 0.25f};
    Kernels.reluMask(y, g, y.length);
    assertArrayEquals(new float[] {0f, -2f, 7f, -1.5f, 0f, 0.25f}, g, 0f);
  }

  @Test
  void reluMask_onMatrices_matchesTheDefinition() {
    Rng rng = new Rng(3);
    Matrix y = Matrix.zeros(5, 7);
    Matrix g = Matrix.zeros(5, 7);
    for (int i = 0; i < y.size(); i++) {
      y.put(i, Math.max(0f, (float) rng.nextGaussian()));
      g.put(i, (float) rng.nextGaussian());
    }
    float[] expected = g.toArray();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = y.at(i) > 0 ? expected[i] : 0f;
    }
    Kernels.reluMask(y, g);
    float[] actual = g.toArray();
    for (int i = 0; i < actual.length; i++) {
      assertEquals(expected[i], actual[i], 0f, "element " + i); // ±0 compare equal
    }
  }

  @Test
  void addRowVectorRelu_equalsBiasThenRectifier_bitForBit() {
    Rng rng = new Rng(4);
    Matrix z = Matrix.zeros(6, 9);
    Matrix bias = Matrix.zeros(1, 9);
    for (int i = 0; i < z.size(); i++) {
      z.put(i, (float) rng.nextGaussian());
    }
    for (int j = 0; j < 9; j++) {
      bias.put(j, (float) rng.nextGaussian());
    }
    Matrix reference = z.copy();
    Kernels.addRowVector(bias, reference);
    float[] expected = reference.toArray();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = expected[i] > 0f ? expected[i] : 0f;
    }
    Kernels.addRowVectorRelu(bias, z);
    assertArrayEquals(expected, z.toArray(), 0f);
  }
}
