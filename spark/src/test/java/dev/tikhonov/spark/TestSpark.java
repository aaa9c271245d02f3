package dev.tikhonov.spark;

import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Local Spark sessions and small data sets for the tests. */
final class TestSpark {
  private TestSpark() {}

  private static SparkSession current;

  /**
   * The shared session on {@code master} (local[2], local[2,2], ...), loopback only, no UI.
   * Test classes share it (a session costs seconds to start on a loaded machine); asking for
   * another master stops it and starts a new one.
   */
  static synchronized SparkSession session(String master) {
    if (current != null && !current.sparkContext().isStopped()
        && current.sparkContext().master().equals(master)) {
      return current;
    }
    if (current != null) {
      current.stop();
    }
    current = SparkSession.builder().master(master).appName("tikhonov-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    return current;
  }

  /** Stops the shared session (the next {@link #session} starts a new one). */
  static synchronized void restart() {
    if (current != null) {
      current.stop();
      current = null;
    }
  }

  static final StructType SCHEMA = new StructType()
      .add("features", SQLDataTypes.VectorType(), true)
      .add("label", DataTypes.DoubleType, true)
      .add("weight", DataTypes.DoubleType, true)
      .add("fold", DataTypes.IntegerType, true);

  /**
   * n rows of p features: feature j is offset_j + (j + 1)·N(0, 1), label = 50 + Σ ±z_j + noise,
   * weights in [0.5, 2), fold ids 1..K cycling (row i in fold i mod K + 1).
   */
  /** PathJob's exit code and its two streams. */
  record JobResult(int code, String out, String err) {}

  /** Runs PathJob in-process on {@code spark}, its streams captured. */
  static JobResult runPathJob(SparkSession spark, String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = PathJob.run(args, spark, new java.io.PrintStream(out, true,
        java.nio.charset.StandardCharsets.UTF_8), new java.io.PrintStream(err, true,
        java.nio.charset.StandardCharsets.UTF_8));
    return new JobResult(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
        err.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  record Table(double[][] x, double[] y, double[] w, int[] folds) {
    int n() {
      return y.length;
    }

    /** Labels made from the target by {@code rule} (classes cut at its quantiles, counts). */
    double[] labels(java.util.function.DoubleUnaryOperator rule) {
      return java.util.Arrays.stream(y).map(rule).toArray();
    }

    /** The target's order statistic at the fraction k/m of the rows. */
    double quantile(int k, int m) {
      double[] sorted = y.clone();
      java.util.Arrays.sort(sorted);
      return sorted[k * sorted.length / m];
    }

    List<Row> rows() {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        rows.add(RowFactory.create(Vectors.dense(x[i]), y[i], w[i], folds[i]));
      }
      return rows;
    }

    /** Rows (0-based) whose fold is k, or (inFold false) is not k. */
    int[] rowsOf(int k, boolean inFold) {
      return java.util.stream.IntStream.range(0, y.length)
          .filter(i -> (folds[i] == k) == inFold).toArray();
    }
  }

  static Table table(int n, int p, int numFolds, long seed) {
    Rng rng = new Rng(seed);
    double[][] x = new double[n][p];
    double[] y = new double[n];
    double[] w = new double[n];
    int[] folds = new int[n];
    for (int i = 0; i < n; i++) {
      double signal = 0;
      for (int j = 0; j < p; j++) {
        double z = rng.nextGaussian();
        x[i][j] = (j % 3 == 0 ? 1e4 * (j + 1) : 0.0) + (j + 1) * z;
        signal += (j % 2 == 0 ? 1 : -0.5) * z;
      }
      y[i] = 50 + signal + 0.5 * rng.nextGaussian();
      w[i] = 0.5 + 1.5 * rng.nextDouble();
      folds[i] = i % numFolds + 1;
    }
    return new Table(x, y, w, folds);
  }

  /** The table as a DataFrame in {@code partitions} contiguous slices. */
  static Dataset<Row> frame(SparkSession spark, Table table, int partitions) {
    return spark.createDataFrame(rdd(spark, table, partitions), SCHEMA);
  }

  static JavaRDD<Row> rdd(SparkSession spark, Table table, int partitions) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(table.rows(), partitions);
  }
}
