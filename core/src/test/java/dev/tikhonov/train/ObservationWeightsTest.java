package dev.tikhonov.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The public record's own checks: what a caller of Trainer.fit passes without an estimator. */
class ObservationWeightsTest {
  @Test
  void badWeights_areRefusedNamingTheRowAndTheRows() {
    assertEquals("the training row 2: weight -1.0; weights must be finite and ≥ 0",
        assertThrows(IllegalArgumentException.class,
            () -> new ObservationWeights(new double[] {1, -1}, new double[0])).getMessage());
    assertEquals("the validation row 1: weight NaN; weights must be finite and ≥ 0",
        assertThrows(IllegalArgumentException.class,
            () -> new ObservationWeights(new double[0], new double[] {Double.NaN}))
            .getMessage());
    assertEquals("the training row 1: weight Infinity; weights must be finite and ≥ 0",
        assertThrows(IllegalArgumentException.class, () -> new ObservationWeights(
            new double[] {Double.POSITIVE_INFINITY}, new double[0])).getMessage());
    assertEquals("the training rows' weights are all 0; they need a finite, positive sum",
        assertThrows(IllegalArgumentException.class,
            () -> new ObservationWeights(new double[] {0, 0}, new double[0])).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ObservationWeights(
        new double[] {Double.MAX_VALUE, Double.MAX_VALUE}, new double[0])).getMessage()
        .startsWith("the training rows' weights sum to Infinity"));
  }

  @Test
  void arrays_areCopiedInAndOut_andNoneWeightsNothing() {
    double[] w = {1, 2};
    ObservationWeights weights = new ObservationWeights(w, new double[0]);
    w[0] = 5;
    weights.train()[1] = 7;
    assertArrayEquals(new double[] {1, 2}, weights.train());
    assertTrue(weights.weightsTraining());
    assertFalse(weights.weightsValidation());
    assertFalse(ObservationWeights.none().weightsTraining());
    assertEquals(new ObservationWeights(new double[] {1, 2}, new double[0]), weights);
  }
}
