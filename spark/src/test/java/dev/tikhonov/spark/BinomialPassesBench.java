package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * Passes per λ of the binomial IRLS at several settings (docs/spark.md, "Binomial"), on
 * glmnet's binomial reference data (binom.csv, n = 1000, p = 20) with 10 given folds, in
 * local[2]. Not part of the suite (surefire's default includes skip *Bench): run it with
 * {@code mvn -q -o -pl spark -am test -Dtest=BinomialPassesBench
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints one line per setting.
 */
class BinomialPassesBench {

  @Test
  void passesPerLambda() throws IOException {
    SparkSession spark = TestSpark.session("local[2]");
    List<String> lines = Files.readAllLines(SparkElasticNetFitTest.REF.resolve("binom.csv"),
        StandardCharsets.UTF_8);
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
      }
    }
    int n = rows.size();
    int p = rows.get(0).length - 1;
    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] w = new double[n];
    int[] folds = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = Arrays.copyOf(rows.get(i), p);
      y[i] = rows.get(i)[p];
      w[i] = 1;
      folds[i] = i % 10 + 1;
    }
    LongAccumulator reads = spark.sparkContext().longAccumulator();
    Dataset<Row> data = spark.createDataFrame(JavaSparkContext.fromSparkContext(
        spark.sparkContext()).parallelize(SparkElasticNetFitTest.rows(x, y, w, folds), 2)
        .map(row -> {
          reads.add(1);
          return row;
        }), SparkElasticNetFitTest.SCHEMA);
    double[][] settings = {{1.0, 1e-3}, {1.0, 1e-6}, {0.5, 1e-3}};
    for (double[] setting : settings) {
      double alpha = setting[0];
      double tolerance = setting[1];
      {
        long before = reads.value();
        long start = System.nanoTime();
        SparkElasticNetModel model = new SparkElasticNetCV().setFamily("binomial")
            .setFoldCol("fold").setNumFolds(10).setL1Ratio(alpha).setTolerance(tolerance)
            .fit(data);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals((long) n * model.dataPasses(), reads.value() - before);
        int[] perLambda = model.path().passes();
        PathSolution single = ElasticNetPath.fit(Family.BINOMIAL, x, y,
            PathSettings.of(alpha).withTolerance(tolerance), model.path().featureNames(),
            List.of());
        double largest = 0;
        double difference = 0;
        for (int l = 0; l < Math.min(single.size(), model.path().size()); l++) {
          for (int j = 0; j < p; j++) {
            largest = Math.max(largest, Math.abs(single.coefficients()[l][0][j]));
            difference = Math.max(difference, Math.abs(single.coefficients()[l][0][j]
                - model.path().coefficients()[l][0][j]));
          }
        }
        System.out.printf("BENCH   single machine at the same settings: %d λ; largest"
            + " coefficient difference %.2e of the largest coefficient%n", single.size(),
            difference / largest);
        System.out.printf("BENCH binomial α = %.1f, standardized, tolerance %.0e: %d λ,"
            + " full path %.2f passes per λ (max %d), %d passes in all (path + 10-fold CV),"
            + " all converged %s, %.1f s%n", alpha, tolerance, perLambda.length,
            Arrays.stream(perLambda).average().orElse(0),
            Arrays.stream(perLambda).max().orElse(0), model.dataPasses(),
            model.path().allConverged(), seconds);
      }
    }
  }
}
