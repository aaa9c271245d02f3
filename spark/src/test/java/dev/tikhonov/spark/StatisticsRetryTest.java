package dev.tikhonov.spark;

import dev.tikhonov.select.FoldStatistics;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** local[2,2]: one retry per task. A task that fails its first attempt changes no bit. */
class StatisticsRetryTest {
  private static SparkSession spark;
  private static final TestSpark.Table TABLE = TestSpark.table(300, 4, 5, 21);

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2,2]");
  }

  private static final StatisticsPass PASS = new StatisticsPass("features", "label",
      Optional.of("weight"), Optional.empty(), 5, 11L, DriverLimit.MAX_FEATURES, 2);

  @Test
  void run_whenTheFirstAttemptOfAPartitionThrows_retriesAndGivesTheSameBits() throws Exception {
    FoldStatistics clean = PASS.run(TestSpark.frame(spark, TABLE, 9));
    AtomicInteger failures = new AtomicInteger();
    SparkListener listener = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() instanceof ExceptionFailure failure
            && failure.description().contains("injected failure")) {
          failures.incrementAndGet();
        }
      }
    };
    JavaRDD<Row> failing = TestSpark.rdd(spark, TABLE, 9).mapPartitionsWithIndex((index, it) -> {
      if (index == 4 && TaskContext.get().attemptNumber() == 0) {
        throw new IllegalStateException("injected failure of the first attempt");
      }
      return it;
    }, true);
    spark.sparkContext().addSparkListener(listener);
    FoldStatistics retried;
    try {
      retried = PASS.run(spark.createDataFrame(failing, TestSpark.SCHEMA));
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    assertEquals(1, failures.get(), "the first attempt of partition 4 failed once");
    assertEquals(clean, retried, "bit-identical statistics after the retry");
  }
}
