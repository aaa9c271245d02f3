package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** redteam45: the library as a Java user meets it. */
class RedTeam45LibraryTest {

  /**
   * Fails now: {@code ElasticNet.gaussian().lambda(0.1).build().fit(data)} on rows whose
   * features do not vary is refused with "lambdas must be given here: the default sequence
   * starts at λ_max, which is 0 …", though a λ was given. {@code fit} first fits a one-λ
   * default sequence to find λ_max for its warm starts (ElasticNet.java:148-149), and that
   * sequence throws when λ_max = 0 (PathLoop.java:100-104). Ridge at the same λ, the CLI's
   * {@code path --lambdas 0.1} on the same rows, and scikit-learn's ElasticNet(alpha=0.1) all
   * give the intercept-only model, the mean of y. Also binomial, poisson, λ = 0, l1Ratio 0.
   */
  @Test
  void fit_givenLambda_onConstantFeatures_isTheInterceptOnlyModel() {
    Dataset data = Dataset.of(new double[][] {{1, 5}, {1, 5}, {1, 5}, {1, 5}},
        new double[] {1, 2, 3, 4});
    assertEquals(2.5, Ridge.builder().lambda(0.1).build().fit(data)
        .predict(new double[][] {{1, 5}})[0], 1e-12);
    LinearModel m = ElasticNet.gaussian().lambda(0.1).build().fit(data);
    assertArrayEquals(new double[] {0, 0}, m.coefficients());
    assertEquals(2.5, m.predict(new double[][] {{1, 5}})[0], 1e-12);
  }

  /**
   * Fails now: a class label holding a line break (a quoted CSV cell, {@code "a\nb"}) is
   * printed raw in "is not one of the model's classes [a⏎b, c]", a two-line error, where the
   * missing-column message escapes the same name as {@code "x\x0a1"}. Features.java:249-251
   * quotes the label by hand and ClassLabels.listed (internal/data/ClassLabels.java:169-175)
   * joins the names as they are; CsvReader.java:293-294 (the CLI's evaluate) lists them so too.
   */
  @Test
  void evaluate_unknownLabel_withALineBreakInTheModelsClasses_isOneLine() {
    double[][] x = {{0, 1}, {1, 0}, {0, 2}, {2, 0}, {1, 1}, {3, 1}};
    Dataset train = Dataset.ofClasses(x, List.of("a\nb", "c", "a\nb", "c", "a\nb", "c"),
        List.of("x1", "x2"));
    LinearClassifier model = ElasticNet.binomial().lambda(0.01).build().fit(train);
    Dataset other = Dataset.ofClasses(x, List.of("a\nb", "d", "a\nb", "d", "a\nb", "d"),
        List.of("x1", "x2"));
    InputException e = assertThrows(InputException.class, () -> model.evaluate(other));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  /**
   * Passes now: Predictor's javadoc promises that many threads predicting with one model get
   * exactly the single-threaded results. An MLP classifier (probabilities too) and a lasso,
   * 16 inputs of 1..300 rows predicted from 8 threads, 20 rounds, compared bit for bit.
   */
  @Test
  void predict_fromEightThreads_equalsSerialBitForBit() throws Exception {
    Random r = new Random(45);
    double[][] x = new double[200][6];
    int[] labels = new int[200];
    double[] y = new double[200];
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < 6; j++) {
        x[i][j] = r.nextGaussian();
      }
      y[i] = x[i][0] - 2 * x[i][1] + 0.3 * r.nextGaussian();
      labels[i] = (y[i] > 0 ? 1 : 0) + (y[i] > 2 ? 1 : 0);
    }
    NetworkClassifier mlp = MlpClassifier.builder().hiddenLayers(32, 16).lambda(1e-3)
        .epochs(3).build().fit(Dataset.ofClasses(x, labels));
    LinearModel lasso = ElasticNet.gaussian().lambda(0.05).build().fit(Dataset.of(x, y));
    double[][][] inputs = new double[16][][];
    for (int t = 0; t < inputs.length; t++) {
      inputs[t] = new double[1 + r.nextInt(300)][6];
      for (double[] row : inputs[t]) {
        for (int j = 0; j < 6; j++) {
          row[j] = 3 * r.nextGaussian();
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (Predictor p : List.<Predictor>of(mlp, lasso)) {
        List<double[]> serial = new ArrayList<>();
        List<double[][]> serialProba = new ArrayList<>();
        for (double[][] in : inputs) {
          serial.add(p.predict(in));
          serialProba.add(p == mlp ? mlp.predictProba(in) : new double[0][]);
        }
        for (int round = 0; round < 20; round++) {
          List<Future<?>> jobs = new ArrayList<>();
          for (int t = 0; t < inputs.length; t++) {
            int k = t;
            jobs.add(pool.submit(() -> {
              assertArrayEquals(serial.get(k), p.predict(inputs[k]));
              if (p == mlp) {
                assertArrayEquals(serialProba.get(k), mlp.predictProba(inputs[k]));
              }
              return null;
            }));
          }
          for (Future<?> job : jobs) {
            job.get();
          }
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}
