package dev.tikhonov.spark;

import dev.tikhonov.select.FoldStatistics;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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

  @Test
  void fit_whenTheFirstAttemptOfAPartitionThrows_givesExactlyTheSamePathAndCv() {
    SparkElasticNetCV estimator = new SparkElasticNetCV().setWeightCol("weight").setNumFolds(5)
        .setSeed(11).setL1Ratio(0.5);
    SparkElasticNetModel clean = estimator.fit(TestSpark.frame(spark, TABLE, 7));
    JavaRDD<Row> failing = TestSpark.rdd(spark, TABLE, 7).mapPartitionsWithIndex((index, it) -> {
      if (index == 2 && TaskContext.get().attemptNumber() == 0) {
        throw new IllegalStateException("injected failure of the first attempt");
      }
      return it;
    }, true);
    SparkElasticNetModel retried = estimator.fit(spark.createDataFrame(failing,
        TestSpark.SCHEMA));
    assertArrayEquals(clean.path().lambdas(), retried.path().lambdas(), 0.0);
    assertTrue(Arrays.deepEquals(clean.path().coefficients(), retried.path().coefficients()),
        "bit-identical coefficients along the path");
    assertTrue(Arrays.deepEquals(clean.path().intercepts(), retried.path().intercepts()));
    assertArrayEquals(clean.cv().mean(), retried.cv().mean(), 0.0);
    assertArrayEquals(clean.cv().standardError(),
        retried.cv().standardError(), 0.0);
    assertEquals(clean.selectedLambda(), retried.selectedLambda());
  }

  /**
   * TABLE's rows with its label cut into classes: 0/1 at 50, or 0/1/2 at 49 and 51; or, for
   * {@code numClasses} 0, made counts ⌊e^((y − 50)/2)⌋ (Poisson).
   */
  private static JavaRDD<Row> classRows(int numClasses, int partitions) {
    return TestSpark.rdd(spark, TABLE, partitions).map(row -> {
      double y = row.getDouble(1);
      double label = numClasses == 0 ? Math.floor(Math.exp((y - 50) / 2))
          : numClasses == 2 ? (y > 50 ? 1 : 0) : (y < 49 ? 0 : y < 51 ? 1 : 2);
      return RowFactory.create(row.get(0), label, row.get(2), row.get(3));
    });
  }

  /**
   * Every pass's first attempt at partition 2 throws (attempt numbers start at 0 in each job):
   * each pass is retried once, and the whole IRLS fit, path and cross-validation, keeps its bits.
   */
  private static void assertRetriedFitIsIdentical(String family, int numClasses)
      throws Exception {
    SparkElasticNetCV estimator = new SparkElasticNetCV().setFamily(family)
        .setWeightCol("weight").setNumFolds(5).setSeed(11).setL1Ratio(0.5).setNumLambdas(8);
    SparkElasticNetModel clean = estimator.fit(spark.createDataFrame(classRows(numClasses, 7),
        TestSpark.SCHEMA));
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
    JavaRDD<Row> failing = classRows(numClasses, 7).mapPartitionsWithIndex((index, it) -> {
      if (index == 2 && TaskContext.get().attemptNumber() == 0) {
        throw new IllegalStateException("injected failure of the first attempt");
      }
      return it;
    }, true);
    spark.sparkContext().addSparkListener(listener);
    SparkElasticNetModel retried;
    try {
      retried = estimator.fit(spark.createDataFrame(failing, TestSpark.SCHEMA));
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    assertEquals(clean.dataPasses(), retried.dataPasses(), "passes");
    assertEquals(clean.dataPasses(), failures.get(), "one failed first attempt per pass");
    assertArrayEquals(clean.path().lambdas(), retried.path().lambdas(), 0.0);
    assertTrue(Arrays.deepEquals(clean.path().coefficients(), retried.path().coefficients()),
        "bit-identical coefficients along the path");
    assertTrue(Arrays.deepEquals(clean.path().intercepts(), retried.path().intercepts()));
    assertArrayEquals(clean.path().passes(), retried.path().passes());
    assertArrayEquals(clean.cv().mean(), retried.cv().mean(), 0.0);
    assertArrayEquals(clean.cv().standardError(),
        retried.cv().standardError(), 0.0);
    assertEquals(clean.selectedLambda(), retried.selectedLambda());
    assertEquals(numClasses, clean.numClasses());
  }

  @Test
  void fitBinomial_whenEveryPassFailsItsFirstAttemptAtOnePartition_givesExactlyTheSameFit()
      throws Exception {
    assertRetriedFitIsIdentical("binomial", 2);
  }

  @Test
  void fitPoisson_whenEveryPassFailsItsFirstAttemptAtOnePartition_givesExactlyTheSameFit()
      throws Exception {
    assertRetriedFitIsIdentical("poisson", 0);
  }

  @Test
  void fitMultinomial_whenEveryPassFailsItsFirstAttemptAtOnePartition_givesExactlyTheSameFit()
      throws Exception {
    assertRetriedFitIsIdentical("multinomial", 3);
  }
}
