package dev.tikhonov.spark;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.tensor.Rng;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Issue 10.7: {@link SparkElasticNetCV} (the lasso path over glmnet's 100 λ with 10-fold CV, from
 * one pass) beside MLlib's {@code CrossValidator(LinearRegression(elasticNetParam = 1))} over the
 * same λ as {@code regParam} (for the lasso with {@code standardization}, MLlib's normal solver
 * is tikhonov at λ = regParam: docs/spark.md) and the same folds ({@code foldCol}), in one
 * {@code local[2]} session on one cached DataFrame. Not a test: run by {@code bench/spark-cv.sh}
 * (CI never runs it).
 *
 * <p>{@code CrossValidator} fits every (λ, fold) pair from scratch, so its time is linear in the
 * number of λ; with {@code --grid G} it runs G of the 100 λ (every (100/G)-th, spanning the
 * path) and its time for 100 is projected as time·100/G (printed as such, next to the measured
 * time). Both sides are checked against the exact path (the single-machine
 * {@code ElasticNetPath} at a 1e-12 duality gap): the largest coefficient error at the λ each
 * selects, relative to the largest coefficient.
 *
 * <p>Usage: {@code CrossValidatorBench [--data synthetic|DIR] [--n N --p P] [--grid G]
 * [--partitions P]}; DIR holds {@code X.f64} (row-major little-endian n×p), {@code y.f64},
 * {@code foldid.i32} and {@code meta.json} with n and p (the peers' synth set).
 */
public final class CrossValidatorBench {
  private CrossValidatorBench() {}

  public static void main(String[] args) throws IOException {
    String data = "synthetic";
    int n = 100_000;
    int p = 200;
    int grid = 10;
    int partitions = 4;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--data" -> data = args[i + 1];
        case "--n" -> n = Integer.parseInt(args[i + 1]);
        case "--p" -> p = Integer.parseInt(args[i + 1]);
        case "--grid" -> grid = Integer.parseInt(args[i + 1]);
        case "--partitions" -> partitions = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    double[][] x;
    double[] y;
    int[] folds;
    if (data.equals("synthetic")) {
      Rng rng = new Rng(20261201);
      x = new double[n][p];
      y = new double[n];
      folds = new int[n];
      for (int i = 0; i < n; i++) {
        double shared = rng.nextGaussian();
        double signal = 0;
        for (int j = 0; j < p; j++) {
          x[i][j] = 0.5 * shared + rng.nextGaussian() * (1 + j % 5);
          if (j % 10 == 0) {
            signal += (j % 20 == 0 ? 1.0 : -0.7) * x[i][j];
          }
        }
        y[i] = 2 + signal + 3 * rng.nextGaussian();
        folds[i] = 1 + (int) (rng.nextDouble() * 10);
      }
    } else {
      Path dir = Path.of(data);
      String meta = Files.readString(dir.resolve("meta.json"));
      n = jsonInt(meta, "n");
      p = jsonInt(meta, "p");
      double[] flat = doubles(dir.resolve("X.f64"), n * p);
      x = new double[n][];
      for (int i = 0; i < n; i++) {
        x[i] = Arrays.copyOfRange(flat, i * p, (i + 1) * p);
      }
      y = doubles(dir.resolve("y.f64"), n);
      ByteBuffer f = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("foldid.i32")))
          .order(ByteOrder.LITTLE_ENDIAN);
      folds = new int[n];
      for (int i = 0; i < n; i++) {
        folds[i] = f.getInt();
      }
    }
    int k = Arrays.stream(folds).max().orElseThrow();

    SparkSession spark = SparkSession.builder().master("local[2]").appName("cv-bench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false)
        .add("label", DataTypes.DoubleType, false).add("fold", DataTypes.IntegerType, false)
        .add("fold0", DataTypes.IntegerType, false);
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create(Vectors.dense(x[i]), y[i], folds[i], folds[i] - 1));
    }
    Dataset<Row> frame = spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions),
        schema).cache();
    rows = null;
    System.out.printf(Locale.ROOT, "data: %s, n = %d, p = %d, K = %d, %d partitions, "
        + "cached rows: %d%n", data, n, p, k, partitions, frame.count());

    SparkElasticNetCV ours = new SparkElasticNetCV().setFoldCol("fold").setNumFolds(k)
        .setNumLambdas(100);
    // Warm-up (JIT, Spark's code paths) on a tenth of the rows, then the timed fit.
    Dataset<Row> tenth = frame.sample(false, 0.1, 1);
    ours.fit(tenth);
    long t0 = System.nanoTime();
    SparkElasticNetModel defaultPath = ours.fit(frame);
    double defaultSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "tikhonov SparkElasticNetCV, glmnet's default sequence "
        + "(stops early by glmnet's deviance rule): %d λ × %d folds in %.2f s%n",
        defaultPath.path().size(), k, defaultSeconds);
    // All 100 λ of glmnet's geometric sequence (λ_max to 1e-4·λ_max), given to both sides.
    double lambdaMax = defaultPath.path().lambdas()[0];
    double[] lambdas = new double[100];
    for (int l = 0; l < 100; l++) {
      lambdas[l] = lambdaMax * Math.pow(1e-4, l / 99.0);
    }
    ours.setLambdas(lambdas);
    long t2 = System.nanoTime();
    SparkElasticNetModel model = ours.fit(frame);
    double oursSeconds = (System.nanoTime() - t2) / 1e9;
    int m = lambdas.length;
    System.out.printf(Locale.ROOT, "tikhonov SparkElasticNetCV: %d λ × %d folds in %.2f s "
        + "(λ_min = %.6g)%n", m, k, oursSeconds, model.lambdaMin());

    int step = Math.max(1, m / grid);
    double[] sampled = java.util.stream.IntStream.range(0, m).filter(l -> l % step == 0)
        .limit(grid).mapToDouble(l -> lambdas[l]).toArray();
    LinearRegression lr = new LinearRegression().setElasticNetParam(1.0)
        .setStandardization(true).setSolver("normal");
    ParamMap[] maps = new ParamGridBuilder().addGrid(lr.regParam(), sampled).build();
    CrossValidator validator = new CrossValidator().setEstimator(lr).setEstimatorParamMaps(maps)
        .setEvaluator(new RegressionEvaluator().setMetricName("mse")).setFoldCol("fold0")
        .setNumFolds(k)
        .setParallelism(1);
    // Warm-up: one λ on the same tenth of the rows.
    new CrossValidator().setEstimator(lr)
        .setEstimatorParamMaps(new ParamGridBuilder().addGrid(lr.regParam(),
            new double[] {sampled[0]}).build())
        .setEvaluator(new RegressionEvaluator()).setNumFolds(2).fit(tenth);
    long t1 = System.nanoTime();
    CrossValidatorModel mllib = validator.fit(frame);
    double mllibSeconds = (System.nanoTime() - t1) / 1e9;
    double projected = mllibSeconds * m / sampled.length;
    LinearRegressionModel best = (LinearRegressionModel) mllib.bestModel();

    // The exact path: the single-machine path at a 1e-12 duality gap.
    PathSolution exact = ElasticNetPath.fit(dev.tikhonov.loss.Family.GAUSSIAN, x, y,
        PathSettings.lasso().withLambdas(lambdas).withTolerance(1e-12),
        dev.tikhonov.data.Dataset.defaultNames(p), List.of());
    int oursAt = model.selectedIndex();
    double oursError = relativeError(exact.coefficients()[oursAt][0],
        model.coefficients().toArray());
    double bestLambda = best.getRegParam();
    int mllibAt = 0;
    for (int l = 0; l < m; l++) {
      if (Math.abs(lambdas[l] - bestLambda) < Math.abs(lambdas[mllibAt] - bestLambda)) {
        mllibAt = l;
      }
    }
    double mllibError = relativeError(exact.coefficients()[mllibAt][0],
        best.coefficients().toArray());
    System.out.printf(Locale.ROOT, "MLlib CrossValidator(LinearRegression, normal solver): "
        + "%d λ × %d folds in %.2f s measured, %.1f s projected to %d λ (best regParam = %.6g)%n",
        sampled.length, k, mllibSeconds, projected, m, bestLambda);
    System.out.printf(Locale.ROOT, "against the exact path (max |Δb| / max |b| at the selected "
        + "λ): tikhonov %.2e, MLlib %.2e%n", oursError, mllibError);
    System.out.printf(Locale.ROOT, "ratio (MLlib projected to %d λ / tikhonov): %.0f×; on the "
        + "measured %d λ alone: %.1f×%n", m, projected / oursSeconds, sampled.length,
        mllibSeconds / oursSeconds);
    spark.stop();
  }

  private static double relativeError(double[] exact, double[] actual) {
    double scale = 0;
    double error = 0;
    for (int j = 0; j < exact.length; j++) {
      scale = Math.max(scale, Math.abs(exact[j]));
      error = Math.max(error, Math.abs(exact[j] - actual[j]));
    }
    return error / scale;
  }

  private static double[] doubles(Path file, int count) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[count];
    b.asDoubleBuffer().get(out);
    return out;
  }

  private static int jsonInt(String json, String key) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\"\\s*:\\s*(\\d+)")
        .matcher(json);
    if (!m.find()) {
      throw new IllegalArgumentException("meta.json has no " + key);
    }
    return Integer.parseInt(m.group(1));
  }
}
