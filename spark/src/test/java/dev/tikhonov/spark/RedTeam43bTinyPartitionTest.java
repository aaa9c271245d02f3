package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.select.FoldStatistics;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * redteam43b: GaussianStatistics.Accumulator.toStatistics() refuses a column whose largest
 * magnitude is below 2^-400, and StatisticsPass calls it per partition and per fold. A feature
 * that is tiny (1e-130) in the first half of the rows and of order 1 in the second is fine for
 * the whole data (GaussianStatistics.of takes it), but the first partition's accumulators see
 * only its tiny values.
 */
class RedTeam43bTinyPartitionTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  @Test
  void aColumnTinyInOnePartitionOnly_isTakenAsOnOneMachine() {
    TestSpark.Table table = TestSpark.table(240, 5, 4, 3);
    for (int i = 0; i < 120; i++) {
      table.x()[i][1] *= 1e-130;
    }
    // one machine: the column's largest magnitude is of order 1, so the statistics are made
    GaussianStatistics whole = GaussianStatistics.of(table.x(), table.y(), table.w());
    assertTrue(whole.featureScatter()[1 * 5 + 1] > 0);
    StatisticsPass pass = new StatisticsPass("features", "label", Optional.of("weight"),
        Optional.of("fold"), 4, 7L, DriverLimit.MAX_FEATURES, 2);
    FoldStatistics folds = assertDoesNotThrow(() -> pass.run(TestSpark.frame(spark, table, 2)));
    assertTrue(folds.total().featureScatter()[1 * 5 + 1] > 0);
  }
}
