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

  /**
   * Tiny (about 2⁻⁵⁰⁰) on every row outside fold 2 and about 2⁻³⁰⁰ on fold 2's: the whole
   * data's largest is above 2⁻⁴⁰⁰, but fold 2's training rows hold only the tiny values, and
   * their statistics read the feature as constant (before: taken without a word, that fold's
   * training scatter 0). Refused naming the fold and the power of two for its training rows,
   * which keeps fold 2's values squarable (2⁻³⁰⁰·2⁵⁰⁰ = 2²⁰⁰).
   */
  @Test
  void aFeatureTinyOnOneFoldsTrainingRowsOnly_isRefusedNamingTheFoldAndThePowerOfTwo() {
    TestSpark.Table table = TestSpark.table(240, 5, 4, 3);
    for (int i = 0; i < 240; i++) {
      double[] row = table.x()[i];
      double scale = table.folds()[i] == 2 ? 0x1p-300 : 0x1p-500;
      row[2] = scale * (1 + 0.5 * Math.tanh(row[2] - 3)); // in [1, 1.5)·2^-500 off fold 2
    }
    InputException e = assertThrows(InputException.class,
        () -> pass().run(TestSpark.frame(spark, table, 3)));
    assertTrue(e.getMessage().startsWith("column 'features', feature 3 (vector index 2), on the"
        + " training rows of fold 2 of 1..4 (every row outside fold 2): its largest magnitude"
        + " over all 180 rows is "), e.getMessage());
    assertTrue(e.getMessage().contains("multiply the column by 2^500 (exact: a power of two)"
        + " and divide its coefficient by 2^500"), e.getMessage());
  }

  /**
   * Tiny (near 1e-301) outside fold 3 and of order 1 on fold 3's rows: no power of two takes
   * both into squarable range (2^1000 would take the order-1 values to 1e301, whose squares
   * overflow), so the refusal says so and names the ways out instead of a power.
   */
  @Test
  void aFeatureTinyOutsideOneFoldAndOfOrderOneOnIt_isRefusedWithoutAPowerThatWouldOverflow() {
    TestSpark.Table table = TestSpark.table(240, 5, 4, 3);
    for (int i = 0; i < 240; i++) {
      if (table.folds()[i] != 3) {
        table.x()[i][2] *= 1e-301;
      }
    }
    InputException e = assertThrows(InputException.class,
        () -> pass().run(TestSpark.frame(spark, table, 3)));
    assertTrue(e.getMessage().startsWith("column 'features', feature 3 (vector index 2), on the"
        + " training rows of fold 3 of 1..4 (every row outside fold 3): its largest magnitude"
        + " over all 180 rows is "), e.getMessage());
    assertTrue(e.getMessage().contains("no power of two scales both"), e.getMessage());
    assertTrue(!e.getMessage().contains("multiply the column"), e.getMessage());
  }

  /** The path without cross-validation has no folds to fit: only the whole data counts. */
  @Test
  void aFeatureTinyOnOneFoldsTrainingRowsOnly_isTakenByThePathPass() {
    TestSpark.Table table = TestSpark.table(240, 5, 4, 3);
    for (int i = 0; i < 240; i++) {
      if (table.folds()[i] != 3) {
        table.x()[i][2] *= 1e-301;
      }
    }
    StatisticsPass.Output out = pass().pathPass(TestSpark.frame(spark, table, 3));
    assertTrue(out.total().featureScatter()[2 * 5 + 2] > 0);
  }
}
