package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.PathSolution;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IRLS fits (one pass over the input per Newton step) against inputs as a user's job hands
 * them over: one that gives other rows in a later pass, and the same rows in other partitions.
 */
class SparkIrlsInputTest {
  private static SparkSession spark;
  private static final TestSpark.Table TABLE = TestSpark.table(200, 3, 5, 23);
  /** Reads of partition 0 so far, in this JVM (local mode: the tasks run here). */
  private static final AtomicInteger READS = new AtomicInteger();

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  /** TABLE with labels 0/1 (binomial) or 0/1/2 (multinomial) from its gaussian label. */
  private static List<Row> rows(int classes) {
    List<Row> rows = new ArrayList<>();
    for (Row r : TABLE.rows()) {
      double y = r.getDouble(1);
      double label = classes == 2 ? (y > 50 ? 1 : 0) : (y > 51 ? 2 : y > 49 ? 1 : 0);
      rows.add(RowFactory.create(r.get(0), label, r.get(2), r.get(3)));
    }
    return rows;
  }

  /**
   * An input whose partition 0 loses its first row from its second read on, as a source that
   * changes between reads, or a nondeterministic filter of an uncached input, would: the fit
   * took each Newton step on other rows than the first pass's statistics and returned a path
   * with no sign of it. Now the first Newton pass that reads other rows stops the fit.
   */
  @Test
  void fit_ofAnInputThatGivesOtherRowsInALaterPass_isRefused() {
    for (int classes : new int[] {2, 3}) {
      READS.set(0);
      JavaRDD<Row> changing = org.apache.spark.api.java.JavaSparkContext
          .fromSparkContext(spark.sparkContext()).parallelize(rows(classes), 2)
          .mapPartitionsWithIndex((index, it) -> {
            if (index == 0 && READS.incrementAndGet() > 1) {
              it.next();
            }
            return it;
          }, true);
      Dataset<Row> data = spark.createDataFrame(changing, TestSpark.SCHEMA);
      String family = classes == 2 ? "binomial" : "multinomial";
      InputException e = assertThrows(InputException.class, () -> new SparkElasticNetCV()
          .setFamily(family).setNumFolds(5).setWeightCol("weight").setNumLambdas(8).fit(data));
      assertTrue(e.getMessage().startsWith("the data changed between passes: a Newton pass"
          + " read "), e.getMessage());
      assertTrue(e.getMessage().endsWith("; a " + family + " fit reads its input once per pass,"
          + " so it must give the same rows each time: persist() or localCheckpoint() it"
          + " before the fit"), e.getMessage());
    }
  }

  /**
   * The same rows in 1 and in 7 partitions (7 > the 2 cores, and partitions of a few rows)
   * give the same binomial and Poisson fits up to the rounding of the merges: the random folds
   * hash each row's content, so they do not move with the partitioning.
   */
  @Test
  void fit_ofTheSameRowsInOtherPartitions_isTheSameUpToRounding() {
    for (String family : List.of("binomial", "poisson")) {
      List<Row> rows = rows(2);
      SparkElasticNetCV cv = new SparkElasticNetCV().setFamily(family).setNumFolds(5)
          .setSeed(3).setWeightCol("weight").setL1Ratio(0.5).setNumLambdas(10);
      SparkElasticNetModel one = cv.fit(spark.createDataFrame(rows, TestSpark.SCHEMA)
          .repartition(1));
      SparkElasticNetModel seven = cv.fit(spark.createDataFrame(
          org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
              .parallelize(rows, 7), TestSpark.SCHEMA));
      PathSolution a = one.path();
      PathSolution b = seven.path();
      assertEquals(a.size(), b.size(), family);
      for (int l = 0; l < a.size(); l++) {
        assertEquals(a.lambdas()[l], b.lambdas()[l], 1e-12 * a.lambdas()[l], family);
        double scale = 1;
        for (double v : a.coefficients()[l][0]) {
          scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < 3; j++) {
          assertEquals(a.coefficients()[l][0][j], b.coefficients()[l][0][j], 1e-8 * scale,
              family + " λ " + l + " coefficient " + j);
        }
        assertEquals(one.cv().mean()[l], seven.cv().mean()[l],
            1e-8 * one.cv().mean()[l], family + " cv λ " + l);
      }
      assertEquals(one.cv().indexMin(), seven.cv().indexMin(), family);
    }
  }
}
