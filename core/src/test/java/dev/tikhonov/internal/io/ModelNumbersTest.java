package dev.tikhonov.internal.io;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Matrix;
import org.junit.jupiter.api.Test;

/** The number rules that loading a model file applies to each layer and the standardizer. */
class ModelNumbersTest {
  /** The rule's edge: 1e6·Σ|w| + |b| at the limit loads, a little above does not. */
  @Test
  void numbersRule_layerBoundIsExact() {
    float w = (float) (ModelNumbers.LAYER_LIMIT / 1e6 / 2);
    Matrix weights = Matrix.of(2, 1, w, w);
    ModelNumbers.requireLayer(weights, Matrix.of(1, 1, 0f), "dense0.weight", "dense0.bias", "f");
    Matrix over = Matrix.of(2, 1, w, Math.nextUp(w) * 1.001f);
    assertThrows(InputException.class, () -> ModelNumbers.requireLayer(over,
        Matrix.of(1, 1, 0f), "dense0.weight", "dense0.bias", "f"));
    // the standardizer of a constant column (scale 1) and of Standardizer's smallest scale pass
    ModelNumbers.requireStandardizer(new double[] {3e5, 1e9}, new double[] {1, 1e-12 * 1e9}, "f");
  }
}
