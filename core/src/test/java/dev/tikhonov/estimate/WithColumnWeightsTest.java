package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights held in an array, attached with {@link Dataset#withColumn} (scikit-learn's
 * {@code sample_weight=}), fit as the same weights read from a CSV column do: the elastic net
 * sees the same doubles in the same order, so its coefficients are equal bit for bit, and the
 * model's features, saved and loaded, are the data's without the weight column. (The CSV route
 * is checked against glmnet's weighted fits in WeightsOffsetsGlmnetTest and the
 * *ObservationsGlmnetTest classes.)
 */
class WithColumnWeightsTest {
  @TempDir Path dir;

  @Test
  void weightColumn_ofWithColumn_fitsAsTheCsvColumn_andIsNoFeatureOfTheModel()
      throws Exception {
    Random random = new Random(37);
    int n = 80;
    double[][] x = new double[n][3];
    double[] y = new double[n];
    double[] w = new double[n];
    StringBuilder csv = new StringBuilder("a,b,c,w,y\n");
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = 1.5 * x[i][0] - 2 * x[i][2] + 0.3 * random.nextGaussian();
      w[i] = 0.25 + 2 * random.nextDouble();
      // Double.toString is the shortest text that reads back as the same double
      csv.append(x[i][0]).append(',').append(x[i][1]).append(',').append(x[i][2]).append(',')
          .append(w[i]).append(',').append(y[i]).append('\n');
    }
    Path file = Files.writeString(dir.resolve("weighted.csv"), csv);
    Dataset read = Dataset.read(file, "y", TargetKind.REAL);
    Dataset attached = Dataset.of(x, y, List.of("a", "b", "c")).withColumn("w", w);
    ElasticNet<LinearModel> net = ElasticNet.gaussian().l1Ratio(0.5).lambda(0.05)
        .weightColumn("w").build();
    LinearModel fromCsv = net.fit(read);
    LinearModel fromArrays = net.fit(attached);
    assertEquals(fromCsv.intercept(), fromArrays.intercept(), 0.0);
    assertArrayEquals(fromCsv.coefficients(), fromArrays.coefficients(), 0.0);
    assertEquals(List.of("a", "b", "c"), fromArrays.featureNames());
    // the weights mattered: without them the fit differs
    LinearModel unweighted = ElasticNet.gaussian().l1Ratio(0.5).lambda(0.05).build()
        .fit(attached.withoutColumns("w"));
    assertEquals(true, Math.abs(unweighted.coefficients()[0] - fromArrays.coefficients()[0])
        > 1e-6, "weights change the fit");
    Path saved = dir.resolve("weighted.model");
    fromArrays.save(saved);
    LinearModel loaded = Predictor.load(saved, LinearModel.class);
    assertEquals(List.of("a", "b", "c"), loaded.featureNames());
    // it predicts rows without the weight column, by name or by position
    assertArrayEquals(fromArrays.predict(x), loaded.predict(Dataset.of(x, y)), 0.0);
    assertArrayEquals(fromArrays.predict(x), loaded.predict(attached), 0.0);
    assertEquals("double[][] with column \"w\"", fromArrays.provenance().dataSource());
  }
}
