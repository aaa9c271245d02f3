package dev.tikhonov.spark;

import dev.tikhonov.select.FoldStatistics;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.GaussianStatistics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed pass in local[2]: equal to the single-machine statistics of each fold, one
 * read of the input, the same bits whatever order the tasks finish in, clear errors.
 */
class StatisticsPassTest {
  private static SparkSession spark;
  private static final TestSpark.Table TABLE = TestSpark.table(240, 5, 4, 3);

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  private static StatisticsPass pass(Optional<String> foldCol, int numFolds) {
    return new StatisticsPass("features", "label", Optional.of("weight"), foldCol, numFolds, 7L,
        DriverLimit.MAX_FEATURES, 2);
  }

  /**
   * Within tol·(1 + κ) relative to each entry's natural scale √(S_jj·S_kk), κ = |mean|/spread
   * of the more offset column: the first-order rounding of centered moments (GaussianStatistics).
   */
  static void assertClose(GaussianStatistics expected, GaussianStatistics actual, double tol) {
    assertEquals(expected.count(), actual.count());
    assertEquals(expected.weightSum(), actual.weightSum(), tol * expected.weightSum());
    int p = expected.numFeatures();
    double[] s = expected.featureScatter();
    double[] condition = new double[p];
    for (int j = 0; j < p; j++) {
      double spread = Math.sqrt(s[j * p + j] / expected.weightSum());
      condition[j] = Math.abs(expected.featureMeans()[j]) / spread;
      assertEquals(expected.featureMeans()[j], actual.featureMeans()[j],
          tol * (1 + condition[j]) * spread, "mean " + j);
    }
    double yCondition = Math.abs(expected.targetMean())
        / Math.sqrt(expected.targetScatter() / expected.weightSum());
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < p; k++) {
        assertEquals(s[j * p + k], actual.featureScatter()[j * p + k],
            tol * (1 + Math.max(condition[j], condition[k])) * Math.sqrt(s[j * p + j]
                * s[k * p + k]), "S[" + j + "][" + k + "]");
      }
      assertEquals(expected.featureTargetScatter()[j], actual.featureTargetScatter()[j],
          tol * (1 + Math.max(condition[j], yCondition))
              * Math.sqrt(s[j * p + j] * expected.targetScatter()), "Sxy " + j);
    }
    assertEquals(expected.targetMean(), actual.targetMean(),
        tol * (1 + yCondition) * Math.sqrt(expected.targetScatter() / expected.weightSum()));
    assertEquals(expected.targetScatter(), actual.targetScatter(),
        tol * (1 + yCondition) * expected.targetScatter());
  }

  @Test
  void run_withFoldColumn_equalsSingleMachineStatisticsOfEveryFold() {
    FoldStatistics folds = pass(Optional.of("fold"), 4).run(TestSpark.frame(spark, TABLE, 5));
    assertEquals(4, folds.numFolds());
    assertEquals(5, folds.numFeatures());
    for (int k = 1; k <= 4; k++) {
      assertClose(GaussianStatistics.of(TABLE.x(), TABLE.y(), TABLE.w(), TABLE.rowsOf(k, true)),
          folds.fold(k), 1e-14);
      assertClose(GaussianStatistics.of(TABLE.x(), TABLE.y(), TABLE.w(), TABLE.rowsOf(k, false)),
          folds.training(k), 1e-14);
    }
    assertClose(GaussianStatistics.of(TABLE.x(), TABLE.y(), TABLE.w()), folds.total(), 1e-14);
    assertArrayEquals(new long[] {60, 60, 60, 60}, folds.rowCounts());
  }

  @Test
  void run_withRandomFolds_assignsEachRowByItsContent_whateverThePartitioning() {
    FoldStatistics three = pass(Optional.empty(), 4).run(TestSpark.frame(spark, TABLE, 3));
    FoldStatistics seven = pass(Optional.empty(), 4).run(TestSpark.frame(spark, TABLE, 7));
    for (int k = 1; k <= 4; k++) {
      int fold = k;
      int[] rows = java.util.stream.IntStream.range(0, TABLE.n())
          .filter(i -> RandomFolds.fold(7L, 4, TABLE.y()[i], Vectors.dense(TABLE.x()[i])) == fold)
          .toArray();
      assertTrue(rows.length > 30, "fold " + k + " has " + rows.length + " of 240 rows");
      GaussianStatistics expected = GaussianStatistics.of(TABLE.x(), TABLE.y(), TABLE.w(), rows);
      assertClose(expected, three.fold(k), 1e-14);
      assertClose(expected, seven.fold(k), 1e-14);
    }
  }

  @Test
  void run_readsTheInputOnce() {
    LongAccumulator reads = spark.sparkContext().longAccumulator("rows read");
    JavaRDD<Row> counted = TestSpark.rdd(spark, TABLE, 6).map(row -> {
      reads.add(1);
      return row;
    });
    Dataset<Row> data = spark.createDataFrame(counted, TestSpark.SCHEMA);
    FoldStatistics folds = pass(Optional.empty(), 5).run(data);
    assertEquals(240, folds.total().count());
    assertEquals(240, reads.value(), "rows read for the statistics of 5 folds and their total");
  }

  /** Tasks of the current delayed job that have read all their rows (local mode: one JVM). */
  private static final java.util.concurrent.atomic.AtomicInteger DONE =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * The data with the task of partition {@code slow} (−1: none) held back until every other
   * task has read all its rows, so that it finishes last however loaded the machine is.
   */
  private static Dataset<Row> delayed(int partitions, int slow) {
    DONE.set(0);
    JavaRDD<Row> rows = TestSpark.rdd(spark, TABLE, partitions)
        .mapPartitionsWithIndex((index, it) -> {
          if (index != slow) {
            return new CountingIterator(it);
          }
          long deadline = System.nanoTime() + 120_000_000_000L;
          while (DONE.get() < partitions - 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
          }
          Thread.sleep(300);
          return it;
        }, true);
    return spark.createDataFrame(rows, TestSpark.SCHEMA);
  }

  /**
   * The table in {@code partitions} partitions, where every partition but {@code first} waits
   * until one has run out of rows before giving its own: {@code first} finishes first, whatever
   * the machine's timing.
   */
  private static Dataset<Row> finishingFirst(int partitions, int first) {
    DONE.set(0);
    JavaRDD<Row> rows = TestSpark.rdd(spark, TABLE, partitions)
        .mapPartitionsWithIndex((index, it) -> {
          if (index != first) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (DONE.get() < 1 && System.nanoTime() < deadline) {
              Thread.sleep(10);
            }
          }
          return new CountingIterator(it);
        }, true);
    return spark.createDataFrame(rows, TestSpark.SCHEMA);
  }

  /** Counts itself done in {@link #DONE} when its rows run out. */
  private static final class CountingIterator implements java.util.Iterator<Row> {
    private final java.util.Iterator<Row> rows;
    private boolean counted;

    CountingIterator(java.util.Iterator<Row> rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      boolean more = rows.hasNext();
      if (!more && !counted) {
        counted = true;
        DONE.incrementAndGet();
      }
      return more;
    }

    @Override
    public Row next() {
      return rows.next();
    }
  }

  /** Partition indices in the order their tasks of the next job end. */
  private static List<Integer> recordTaskOrder(Runnable job) throws Exception {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    SparkListener listener = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.stageAttemptId() == 0 && order.size() < 64) {
          order.add(end.taskInfo().partitionId());
        }
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      job.run();
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    return order;
  }

  @Test
  void run_givesTheSameBits_whicheverTaskFinishesLast() throws Exception {
    // 16 partitions, depth 2: a level of 4 groups of 4 on executors, then 4 results on the
    // driver. Partition 0 finishes last in the first run and first in the second.
    FoldStatistics[] results = new FoldStatistics[2];
    List<Integer> firstOrder = recordTaskOrder(
        () -> results[0] = pass(Optional.of("fold"), 4).run(delayed(16, 0)));
    List<Integer> secondOrder = recordTaskOrder(
        () -> results[1] = pass(Optional.of("fold"), 4).run(finishingFirst(16, 0)));
    assertEquals(0, firstOrder.get(15), "partition 0 should finish last: " + firstOrder);
    assertTrue(secondOrder.indexOf(0) < 2, "partition 0 should finish first: " + secondOrder);
    assertEquals(results[0], results[1], "bit-identical statistics");
  }

  @Test
  void sparkTreeAggregate_mergesInArrivalOrder_soItsBitsFollowTheTiming() {
    // The same partial results merged by RDD.treeAggregate: the driver folds them in the order
    // the tasks finish, which is why OrderedTreeAggregate exists.
    byte[][][] results = new byte[2][][];
    for (int run = 0; run < 2; run++) {
      int slow = run == 0 ? 0 : 3;
      JavaRDD<Row> rows = delayed(4, slow).select("features", "label", "weight", "fold")
          .toJavaRDD();
      JavaRDD<byte[][]> partials = rows.mapPartitionsWithIndex(
          (index, it) -> Collections.singletonList(partial(it)).iterator(), true);
      results[run] = partials.treeAggregate(new byte[0][],
          (a, b) -> StatisticsPass.merge("features", a, b),
          (a, b) -> StatisticsPass.merge("features", a, b), 2);
    }
    GaussianStatistics[] first = StatisticsCodec.decode(results[0]);
    GaussianStatistics[] second = StatisticsCodec.decode(results[1]);
    boolean anyDifferent = false;
    for (int k = 0; k < first.length; k++) {
      assertClose(first[k], second[k], 1e-14);
      anyDifferent |= !first[k].equals(second[k]);
    }
    assertTrue(anyDifferent, "Spark's treeAggregate gave the same bits in both orders");
  }

  /** One partition's rows (features, label, weight, fold) as the pass's partial result. */
  private static byte[][] partial(java.util.Iterator<Row> it) {
    GaussianStatistics.Accumulator[] folds = new GaussianStatistics.Accumulator[4];
    for (int k = 0; k < 4; k++) {
      folds[k] = new GaussianStatistics.Accumulator(5);
    }
    while (it.hasNext()) {
      Row row = it.next();
      double[] x = ((org.apache.spark.ml.linalg.Vector) row.get(0)).toArray();
      folds[row.getInt(3) - 1].add(x, row.getDouble(1), row.getDouble(2));
    }
    GaussianStatistics[] statistics = new GaussianStatistics[4];
    for (int k = 0; k < 4; k++) {
      statistics[k] = folds[k].toStatistics();
    }
    return StatisticsCodec.encode(statistics);
  }

  private static Dataset<Row> withRow(Object[] values) {
    List<Row> rows = new ArrayList<>(TABLE.rows().subList(0, 20));
    rows.add(7, RowFactory.create(values));
    return spark.createDataFrame(rows, TestSpark.SCHEMA).repartition(1);
  }

  @Test
  void run_withNanFeature_namesTheColumnRowAndFeature() {
    InputException e = assertThrows(InputException.class, () -> pass(Optional.of("fold"), 4)
        .run(withRow(new Object[] {Vectors.dense(1, Double.NaN, 3, 4, 5), 1.0, 1.0, 2})));
    assertTrue(e.getMessage().startsWith("column 'features', row 8 of partition 0: feature 2 "
        + "(vector index 1) is NaN, not a finite number"), e.getMessage());
  }

  @Test
  void run_withFoldOutsideRange_namesTheFoldColumnAndValue() {
    InputException e = assertThrows(InputException.class, () -> pass(Optional.of("fold"), 4)
        .run(withRow(new Object[] {Vectors.dense(1, 2, 3, 4, 5), 1.0, 1.0, 5})));
    assertEquals("column 'fold', row 8 of partition 0: is 5.0, expected a fold id in 1..4 "
        + "(numFolds)", e.getMessage());
  }

  @Test
  void run_withNullLabelOrNegativeWeight_namesTheColumn() {
    InputException label = assertThrows(InputException.class, () -> pass(Optional.of("fold"), 4)
        .run(withRow(new Object[] {Vectors.dense(1, 2, 3, 4, 5), null, 1.0, 1})));
    assertEquals("column 'label', row 8 of partition 0: is null (expected a finite number)",
        label.getMessage());
    InputException nullWeight = assertThrows(InputException.class,
        () -> pass(Optional.of("fold"), 4)
            .run(withRow(new Object[] {Vectors.dense(1, 2, 3, 4, 5), 1.0, null, 1})));
    assertEquals("column 'weight', row 8 of partition 0: is null (expected a finite number ≥ 0)",
        nullWeight.getMessage());
    InputException weight = assertThrows(InputException.class, () -> pass(Optional.of("fold"), 4)
        .run(withRow(new Object[] {Vectors.dense(1, 2, 3, 4, 5), 1.0, -2.0, 1})));
    assertEquals("column 'weight', row 8 of partition 0: -2.0 is not a weight (expected a "
        + "finite number ≥ 0)", weight.getMessage());
  }

  @Test
  void run_withVectorsOfDifferentSizes_namesTheColumn() {
    InputException e = assertThrows(InputException.class, () -> pass(Optional.of("fold"), 4)
        .run(withRow(new Object[] {Vectors.dense(1, 2, 3), 1.0, 1.0, 1})));
    assertEquals("column 'features', row 8 of partition 0: has 3 elements; the rows before it "
        + "have 5", e.getMessage());
  }

  @Test
  void run_beyondTheFeatureLimit_namesPKAndTheMemory() {
    StatisticsPass limited = new StatisticsPass("features", "label", Optional.empty(),
        Optional.of("fold"), 4, 7L, 4, 2);
    InputException e = assertThrows(InputException.class,
        () -> limited.run(TestSpark.frame(spark, TABLE, 2)));
    assertTrue(e.getMessage().startsWith("column 'features' has 5 features, more than the 4 this "
        + "fit takes with 4 folds: the driver would hold 5 matrices of p×p doubles, "
        + "(K + 1)·p²·8 = 0.0 MiB"), e.getMessage());
  }

  @Test
  void run_withNoRows_saysSo() {
    JavaRDD<Row> none = org.apache.spark.api.java.JavaSparkContext
        .fromSparkContext(spark.sparkContext()).emptyRDD();
    List<Row> noRows = List.of();
    for (Dataset<Row> empty : List.of(spark.createDataFrame(none, TestSpark.SCHEMA),
        spark.createDataFrame(noRows, TestSpark.SCHEMA))) {
      InputException e = assertThrows(InputException.class,
          () -> pass(Optional.of("fold"), 4).run(empty));
      assertEquals("the data have no rows", e.getMessage());
    }
  }

  /** Every weight 0: said of the weight column, not of fold 1 as if the others had rows. */
  @Test
  void run_withEveryWeightZero_namesTheWeightColumn() {
    List<Row> rows = new ArrayList<>();
    for (Row r : TABLE.rows().subList(0, 20)) {
      rows.add(RowFactory.create(r.get(0), r.get(1), 0.0, r.get(3)));
    }
    InputException e = assertThrows(InputException.class, () -> pass(Optional.of("fold"), 4)
        .run(spark.createDataFrame(rows, TestSpark.SCHEMA)));
    assertEquals("column 'weight': every weight is 0 (20 rows); a fit needs a row of positive"
        + " weight", e.getMessage());
  }

  @Test
  void run_withAnEmptyFold_saysWhichAndWhatToDo() {
    InputException e = assertThrows(InputException.class,
        () -> pass(Optional.of("fold"), 5).run(TestSpark.frame(spark, TABLE, 2)));
    assertEquals("fold 5 of 1..5 has no rows: use fewer folds, or give fold ids that use every "
        + "fold", e.getMessage());
  }

  @Test
  void run_failingTaskWithoutRetries_failsWithTheTasksError() {
    // Here local[2] allows no retry, so a failing first attempt fails the job: the retry itself
    // is SparkStatisticsRetryTest's (local[2,2]); this checks the failure is not swallowed.
    JavaRDD<Row> failing = TestSpark.rdd(spark, TABLE, 4).mapPartitionsWithIndex((index, it) -> {
      if (index == 1 && TaskContext.get().attemptNumber() == 0) {
        throw new IllegalStateException("injected failure of the first attempt");
      }
      return it;
    }, true);
    Exception e = assertThrows(Exception.class, () -> pass(Optional.of("fold"), 4)
        .run(spark.createDataFrame(failing, TestSpark.SCHEMA)));
    assertTrue(String.valueOf(e.getMessage()).contains("injected failure"), e.getMessage());
  }
}
