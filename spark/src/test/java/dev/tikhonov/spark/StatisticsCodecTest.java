package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tikhonov.linear.GaussianStatistics;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The byte encoding of partial results loses no bit. */
class StatisticsCodecTest {
  private static final TestSpark.Table TABLE = TestSpark.table(90, 6, 3, 5);

  @Test
  void encodeThenDecode_isBitIdentical() {
    GaussianStatistics[] folds = new GaussianStatistics[3];
    for (int k = 1; k <= 3; k++) {
      int[] rows = TABLE.rowsOf(k, true);
      // a merge, so that the scatter is a result of plus as well as of the accumulator
      folds[k - 1] = GaussianStatistics.of(TABLE.x(), TABLE.y(), TABLE.w(),
              java.util.Arrays.copyOf(rows, 10))
          .plus(GaussianStatistics.of(TABLE.x(), TABLE.y(), TABLE.w(),
              java.util.Arrays.copyOfRange(rows, 10, rows.length)));
    }
    GaussianStatistics[] decoded = StatisticsCodec.decode(StatisticsCodec.encode(folds));
    assertArrayEquals(folds, decoded);
  }

  @Test
  void emptyPartition_decodesToNull_andIsTheIdentityOfMerge() {
    assertNull(StatisticsCodec.decode(new byte[0][]));
    GaussianStatistics[] one = {GaussianStatistics.of(TABLE.x(), TABLE.y(),
        IntStream.range(0, 30).toArray())};
    byte[][] encoded = StatisticsCodec.encode(one);
    assertEquals(one[0],
        StatisticsCodec.decode(StatisticsPass.merge("features", new byte[0][], encoded))[0]);
    assertEquals(one[0],
        StatisticsCodec.decode(StatisticsPass.merge("features", encoded, new byte[0][]))[0]);
  }

  @Test
  void noFeatures_roundTrips() {
    GaussianStatistics none = GaussianStatistics.of(new double[][] {{}, {}}, new double[] {1, 3});
    assertEquals(none, StatisticsCodec.decode(StatisticsCodec.encode(none)));
  }
}
