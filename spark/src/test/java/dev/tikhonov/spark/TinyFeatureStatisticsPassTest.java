package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.select.FoldStatistics;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A feature whose values all lie below 2⁻⁴⁰⁰ (near 1e-301): its squared deviations underflow,
 * and the pass's statistics read it as constant (scatter 0, a coefficient of 0 without a word).
 * The pass refuses it by the whole data's largest magnitude, gathered in the same pass across
 * partitions, naming the feature and the exact power of two; a feature of order 1 that is tiny
 * in every partition but one is taken.
 */
class TinyFeatureStatisticsPassTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  private static StatisticsPass pass() {
    return new StatisticsPass("features", "label", Optional.of("weight"), Optional.of("fold"), 4,
        7L, DriverLimit.MAX_FEATURES, 2);
  }

  @Test
  void aFeatureBelow2toMinus400OnEveryRow_isRefusedNamingItAndThePowerOfTwo() {
    TestSpark.Table table = TestSpark.table(240, 5, 4, 3);
    for (double[] row : table.x()) {
      // in [2^-1001, 1.5·2^-1000), below 2^-400; the largest is in [1, 2)·2^-1000
      row[2] = 0x1p-1000 * (1 + 0.5 * Math.tanh(row[2]));
    }
    InputException e = assertThrows(InputException.class,
        () -> pass().run(TestSpark.frame(spark, table, 3)));
    assertTrue(e.getMessage().startsWith("column 'features', feature 3 (vector index 2): its"
        + " largest magnitude over all 240 rows is "), e.getMessage());
    assertTrue(e.getMessage().contains("multiply the column by 2^1000 (exact: a power of two)"
        + " and divide its coefficient by 2^1000"), e.getMessage());
  }

  @Test
  void aFeatureOfOrderOneTinyInAllPartitionsButOne_isTaken() {
    TestSpark.Table table = TestSpark.table(240, 5, 4, 3);
    for (int i = 0; i < 200; i++) {
      table.x()[i][2] *= 1e-301;
    }
    FoldStatistics folds = pass().run(TestSpark.frame(spark, table, 3));
    assertTrue(folds.total().featureScatter()[2 * 5 + 2] > 0);
    assertEquals(240, folds.total().count());
  }
}
