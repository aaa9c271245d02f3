package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A layer's weights by (input, output) stay inside the layer; its arrays fit its shape. */
class LayerWeightsTest {
  static final LayerWeights LAYER = new LayerWeights("dense0", 2, 3,
      new float[] {1, 2, 3, 4, 5, 6}, new float[] {7, 8, 9});

  /**
   * An output past the last read the next input's weight (weight(0, 3) of a 2×3 layer was
   * W[1][0]) and a negative index the array's bare ArrayIndexOutOfBoundsException.
   */
  @Test
  void weight_outsideTheLayer_isRefusedNamingTheIndicesAndTheShape() {
    assertEquals(6f, LAYER.weight(1, 2));
    for (int[] io : new int[][] {{0, 3}, {2, 0}, {-1, 0}, {0, -1}}) {
      IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
          () -> LAYER.weight(io[0], io[1]));
      assertEquals("weight (input " + io[0] + ", output " + io[1] + ") of layer dense0, 2"
          + " inputs x 3 outputs (0-based)", e.getMessage());
    }
  }

  /** Arrays that do not fit the shape were kept, and weight(i, o) then read the wrong ones. */
  @Test
  void construction_withArraysThatDoNotFitTheShape_isRefused() {
    IllegalArgumentException weights = assertThrows(IllegalArgumentException.class,
        () -> new LayerWeights("dense0", 2, 3, new float[5], new float[3]));
    assertEquals("layer dense0: weight holds 5 values for 2 inputs x 3 outputs, expected 6",
        weights.getMessage());
    IllegalArgumentException bias = assertThrows(IllegalArgumentException.class,
        () -> new LayerWeights("dense0", 2, 3, new float[6], new float[2]));
    assertEquals("layer dense0: bias holds 2 values for 3 outputs", bias.getMessage());
  }
}
