package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver-memory limit of the binomial and multinomial IRLS ({@link DriverLimit}): enforced
 * before any pass when the features column's metadata gives p, and for multinomial, whose C is
 * known after the class pass, before any Newton pass.
 */
class IrlsDriverLimitTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  /** No rows, p = 5000 by the metadata: had a pass run, the error would be "no rows". */
  private static Dataset<Row> wide() {
    Metadata wide = new AttributeGroup("features", 5000).toMetadata();
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), true, wide)
        .add("label", DataTypes.DoubleType);
    return spark.createDataFrame(List.<Row>of(), schema);
  }

  @Test
  void fit_binomialBeyondTheLimitByTheMetadata_failsBeforeAnyPass() {
    InputException e = assertThrows(InputException.class,
        () -> new SparkElasticNetCV().setFamily("binomial").fit(wide()));
    assertTrue(e.getMessage().startsWith("column 'features' has 5000 features, more than the "),
        e.getMessage());
    assertTrue(e.getMessage().contains(" this fit takes with 10 folds and 2 classes: the driver"
        + " would hold 11 matrices of p×p doubles, (K + 1)·p²·8 = 2.0 GiB"), e.getMessage());
  }

  @Test
  void fit_multinomialBeyondTheLimitByTheMetadata_failsBeforeAnyPass() {
    InputException e = assertThrows(InputException.class,
        () -> new SparkElasticNetCV().setFamily("multinomial").setNumFolds(5).fit(wide()));
    assertTrue(e.getMessage().startsWith("column 'features' has 5000 features, more than the "),
        e.getMessage());
    assertTrue(e.getMessage().contains(" this fit takes with 5 folds and at least 2 classes: the"
        + " driver would hold 24 matrices of p×p doubles, (K + 1)·C²·p²·8 = 4.5 GiB"),
        e.getMessage());
  }

  @Test
  void fit_multinomialBeyondTheLimitOfItsClasses_failsAfterTheClassPassBeforeAnyNewtonPass() {
    // p = 1500, C = 10, K = 2: the statistics pass holds 3 matrices of p×p (54 MB), the Newton
    // passes would need 3·100 (5.0 GiB), beyond half of any test JVM's heap.
    int p = 1500;
    int n = 20;
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[p];
      for (int j = 0; j < p; j++) {
        x[j] = Math.sin(i * 7.0 + j);
      }
      rows.add(RowFactory.create(Vectors.dense(x), (double) (i % 10)));
    }
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false)
        .add("label", DataTypes.DoubleType, false);
    LongAccumulator reads = spark.sparkContext().longAccumulator("rows read");
    JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(rows, 2).map(row -> {
          reads.add(1);
          return row;
        });
    InputException e = assertThrows(InputException.class, () -> new SparkElasticNetCV()
        .setFamily("multinomial").setNumFolds(2).fit(spark.createDataFrame(rdd, schema)));
    assertTrue(e.getMessage().startsWith("column 'features' has 1500 features, more than the "),
        e.getMessage());
    assertTrue(e.getMessage().contains(" this fit takes with 2 folds and 10 classes: the driver"
        + " would hold 300 matrices of p×p doubles, (K + 1)·C²·p²·8 = 5.0 GiB"), e.getMessage());
    assertEquals(2L * n, reads.value(), "the statistics and class passes only");
  }
}
