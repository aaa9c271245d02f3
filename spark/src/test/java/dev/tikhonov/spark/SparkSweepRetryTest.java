package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.TrainTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** local[2,2]: one retry per task. A sweep task that fails its first attempt changes no bit. */
class SparkSweepRetryTest {
  @Test
  void run_whenTheFirstAttemptOfATaskThrows_retriesAndGivesTheSameResults() throws Exception {
    SparkSession spark = TestSpark.session("local[2,2]");
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TrainTest digits = SparkSweepTest.digits(300, 200);
    List<SweepSetting> settings = List.of(new SweepSetting(0, 0, 0),
        new SweepSetting(0.01, 0.2, 1), new SweepSetting(1e-3, 0, 2));
    SparkSweep sweep = SparkSweepTest.recipe().settings(settings).build();
    SweepResults clean = sweep.run(context.parallelize(settings, 3), digits.train(),
        digits.test());

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
    JavaRDD<SweepSetting> failing = context.parallelize(settings, 3)
        .mapPartitionsWithIndex((index, it) -> {
          if (index == 1 && TaskContext.get().attemptNumber() == 0) {
            throw new IllegalStateException("injected failure of the first attempt");
          }
          return it;
        }, true);
    spark.sparkContext().addSparkListener(listener);
    SweepResults retried;
    try {
      retried = sweep.run(failing, digits.train(), digits.test());
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    assertEquals(1, failures.get(), "the first attempt of the second setting's task failed");
    assertEquals(3, retried.runs().size());
    for (int i = 0; i < 3; i++) {
      assertEquals(SparkSweepTest.numbers(clean.runs().get(i)),
          SparkSweepTest.numbers(retried.runs().get(i)), "setting " + settings.get(i));
    }
    SparkSweepTest.assertSameAsAlone(retried.runs().get(1), digits.train(), digits.test());
  }
}
