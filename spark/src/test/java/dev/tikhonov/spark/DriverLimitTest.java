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
}
