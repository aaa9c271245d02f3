package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.estimate.Predictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark fit's data fingerprint ({@link DataFingerprint}, computed in the statistics pass):
 * the same rows in any order or partitioning give the same fingerprint, other rows or other
 * column names another, and the fit's provenance (and the model file made from it) carries it.
 */
class DataFingerprintTest {
  private static final List<String> NAMES = List.of("x0", "x1", "x2");
  private static SparkSession spark;
  private static List<Row> rows;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
    java.util.Random random = new java.util.Random(3);
    rows = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double y = 1 + 2 * x[0] - x[2] + 0.1 * random.nextGaussian();
      rows.add(RowFactory.create(Vectors.dense(x), y, 0.5 + i % 3, i % 4 + 1));
    }
  }

  private static Dataset<Row> frame(List<Row> content, int partitions) {
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(content, partitions), SparkElasticNetFitTest.SCHEMA);
  }

  private static String fingerprint(Dataset<Row> data, Optional<String> weightCol) {
    StatisticsPass.Output out = new StatisticsPass("features", "label", weightCol,
        Optional.empty(), 4, 0L, 100, 2).pass(data);
    return DataFingerprint.of(out.fingerprintSums(), NAMES, "label", weightCol.orElse(""));
  }

  @Test
  void fingerprint_ofTheSameRows_readTwiceReorderedOrRepartitioned_isTheSame() {
    Dataset<Row> data = frame(rows, 2);
    String first = fingerprint(data, Optional.of("weight"));
    assertTrue(first.matches("spark-rows-v1:[0-9a-f]{64}"), first);
    assertEquals(first, fingerprint(data, Optional.of("weight")), "read twice");
    List<Row> reversed = new ArrayList<>(rows);
    Collections.reverse(reversed);
    assertEquals(first, fingerprint(frame(reversed, 5), Optional.of("weight")),
        "reversed, in 5 partitions");
    assertEquals(first, fingerprint(data.repartition(7), Optional.of("weight")),
        "repartitioned by Spark (rows shuffled)");
    List<Row> sparse = new ArrayList<>();
    for (Row r : rows) {
      sparse.add(RowFactory.create(((org.apache.spark.ml.linalg.Vector) r.get(0)).toSparse(),
          r.get(1), r.get(2), r.get(3)));
    }
    assertEquals(first, fingerprint(frame(sparse, 3), Optional.of("weight")),
        "the same values as sparse vectors");
  }

  @Test
  void fingerprint_ofOtherRowsOrColumns_differs() {
    String first = fingerprint(frame(rows, 2), Optional.of("weight"));
    List<Row> changed = new ArrayList<>(rows);
    Row r = rows.get(57);
    double[] x = ((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray();
    x[1] = Math.nextUp(x[1]);
    changed.set(57, RowFactory.create(Vectors.dense(x), r.get(1), r.get(2), r.get(3)));
    assertNotEquals(first, fingerprint(frame(changed, 2), Optional.of("weight")),
        "one feature one ulp apart");
    List<Row> relabelled = new ArrayList<>(rows);
    relabelled.set(3, RowFactory.create(rows.get(3).get(0), rows.get(3).getDouble(1) + 1,
        rows.get(3).get(2), rows.get(3).get(3)));
    assertNotEquals(first, fingerprint(frame(relabelled, 2), Optional.of("weight")),
        "one label");
    assertNotEquals(first, fingerprint(frame(rows.subList(0, 119), 2), Optional.of("weight")),
        "one row fewer");
    List<Row> doubled = new ArrayList<>(rows);
    doubled.add(rows.get(0));
    assertNotEquals(first, fingerprint(frame(doubled, 2), Optional.of("weight")),
        "one row twice");
    assertNotEquals(first, fingerprint(frame(rows, 2), Optional.empty()), "without the weights");
  }

  @Test
  void fit_recordsTheFingerprintInItsProvenance_andTheModelFileKeepsIt(@TempDir Path dir) {
    Dataset<Row> data = frame(rows, 2);
    SparkElasticNetCV estimator = new SparkElasticNetCV().setWeightCol("weight")
        .setNumFolds(4).setNumLambdas(10);
    String expected = fingerprint(data, Optional.of("weight"));
    SparkElasticNetModel model = estimator.fit(data);
    assertEquals(Optional.of(expected), model.toLinearModel().provenance().dataFingerprint());
    Path file = dir.resolve("enet.safetensors");
    model.toLinearModel().save(file);
    assertEquals(Optional.of(expected), Predictor.load(file).provenance().dataFingerprint());
    SparkElasticNetCV.PathFit path = estimator.pathOnly(frame(rows, 3));
    assertEquals(Optional.of(expected), path.record().provenance().dataFingerprint(),
        "a path without cross-validation, the same rows in 3 partitions");
  }
}
