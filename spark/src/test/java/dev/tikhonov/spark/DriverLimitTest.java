package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The feature limit: 4096, or (K + 1)·p²·8 bytes within half the driver's heap. */
class DriverLimitTest {
  @Test
  void maxFeatures_isTheLargestPWhoseMatricesFitHalfTheHeap() {
    long heap = 1L << 30;
    int p = DriverLimit.maxFeatures(10, heap);
    assertTrue(DriverLimit.bytes(p, 10) <= heap / 2, "p = " + p);
    assertTrue(DriverLimit.bytes(p + 1, 10) > heap / 2, "p + 1 = " + (p + 1));
    assertEquals(2469, p);
  }

  @Test
  void maxFeatures_onALargeDriver_isCappedAt4096() {
    assertEquals(4096, DriverLimit.maxFeatures(10, 64L << 30));
  }

  @Test
  void message_namesTheColumnPKAndTheMemory() {
    assertEquals("column 'f' has 5000 features, more than the 4096 this fit takes with 10 "
        + "folds: the driver would hold 11 matrices of p×p doubles, (K + 1)·p²·8 = 2.0 GiB "
        + "(the limit is 4096 features, and that memory within half the driver's heap); select "
        + "or hash fewer features", DriverLimit.message("f", 5000, 10, 4096));
  }

  @Test
  void maxFeatures_withC2MatricesPerFit_isTheLargestPWhoseHessiansFitHalfTheHeap() {
    long heap = 1L << 30;
    int p = DriverLimit.maxFeatures(10, 9, heap);
    assertTrue(DriverLimit.bytes(p, 10, 9) <= heap / 2, "p = " + p);
    assertTrue(DriverLimit.bytes(p + 1, 10, 9) > heap / 2, "p + 1 = " + (p + 1));
    assertEquals(823, p);
    assertEquals(DriverLimit.maxFeatures(10, heap), DriverLimit.maxFeatures(10, 1, heap));
  }

  @Test
  void irlsMessage_namesTheColumnPKCAndTheMemory() {
    assertEquals("column 'f' has 1000 features, more than the 823 this fit takes with 10 "
        + "folds and 3 classes: the driver would hold 99 matrices of p×p doubles, "
        + "(K + 1)·C²·p²·8 = 755.3 MiB (the limit is 4096 features, and that memory within half "
        + "the driver's heap); select or hash fewer features",
        DriverLimit.irlsMessage("f", 1000, 10, "3 classes", 9, 823));
    assertEquals("column 'f' has 5000 features, more than the 4096 this fit takes with 10 "
        + "folds and 2 classes: the driver would hold 11 matrices of p×p doubles, "
        + "(K + 1)·p²·8 = 2.0 GiB (the limit is 4096 features, and that memory within half "
        + "the driver's heap); select or hash fewer features",
        DriverLimit.irlsMessage("f", 5000, 10, "2 classes", 1, 4096));
  }

  /**
   * Folds so many that not one feature fits: the message is about the folds (it said "column
   * 'f' has 3 features, more than the 0 this fit takes with 2000000000 folds").
   */
  @Test
  void messages_whenNotOneFeatureFits_nameTheFolds() {
    int k = 2_000_000_000;
    assertEquals(0, DriverLimit.maxFeatures(k, 1L << 30));
    String expected = "2000000000 folds are more than the driver can hold: the statistics of"
        + " their 2000000001 fits take 14.9 GiB even for one feature, more than half the"
        + " driver's heap; use fewer folds (at most one per row)";
    assertEquals(expected, DriverLimit.message("f", 3, k, 0));
    assertEquals(expected, DriverLimit.irlsMessage("f", 3, k, "2 classes", 1, 0));
    assertTrue(DriverLimit.irlsMessage("f", 3, k, "3 classes", 9, 0).contains("134.1 GiB"));
  }
}
