package dev.tikhonov.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Numbers#unitScale} on subnormal largest magnitudes (below 2⁻¹⁰²², down to 2⁻¹⁰⁷⁴): no
 * double power of two takes them into [1, 2) (2¹⁰⁷⁴ overflows), so the scale is 2¹⁰²³, exact,
 * and the scaled values lie in [2⁻⁵¹, 2), whose squares, and the squares of the differences
 * of two such values, are normal numbers: the spread survives squaring. Passed before this
 * test (only the javadoc's "into [1, 2)" was wrong for them); a guard.
 */
class NumbersUnitScaleTest {
  @Test
  void unitScale_subnormalLargest_isTwoTo1023_andKeepsTheSpreadSquarable() {
    double[] subnormals = {Double.MIN_VALUE, 3 * Double.MIN_VALUE, 0x1p-1050,
        Math.nextDown(Double.MIN_NORMAL)};
    for (double largest : subnormals) {
      double s = Numbers.unitScale(largest);
      assertEquals(0x1p1023, s, "scale of " + largest);
      double scaled = largest * s;
      assertEquals(largest, scaled / s, "exact: " + largest);
      assertTrue(scaled >= 0x1p-51 && scaled < 2, largest + " scaled to " + scaled);
      assertTrue(scaled * scaled >= Double.MIN_NORMAL, "square of " + scaled);
    }
    double spread = (5 * Double.MIN_VALUE - 3 * Double.MIN_VALUE)
        * Numbers.unitScale(5 * Double.MIN_VALUE);
    assertEquals(0x1p-50, spread);
    assertTrue(spread * spread >= Double.MIN_NORMAL);
    assertEquals(0, (2 * Double.MIN_VALUE) * (2 * Double.MIN_VALUE), "unscaled, it underflows");
  }

  @Test
  void unitScale_normalLargestBelowOne_takesItIntoOneToTwo() {
    for (double largest : new double[] {Double.MIN_NORMAL, 1e-301, 1e-123, 0.75,
        Math.nextDown(1.0)}) {
      double scaled = largest * Numbers.unitScale(largest);
      assertTrue(scaled >= 1 && scaled < 2, largest + " scaled to " + scaled);
    }
    assertEquals(1.0, Numbers.unitScale(0));
    assertEquals(1.0, Numbers.unitScale(1));
    assertEquals(1.0, Numbers.unitScale(1e300));
    assertEquals(1.0, Numbers.unitScale(Double.NaN));
  }
}
