package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Matrix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every estimator on data without rows, without feature columns or with a single row: a model
 * or an {@link InputException} that says so, and nothing else on the process's output. The BLAS
 * reports an illegal argument by printing on the C library's stdout, which no
 * {@code System.setOut} captures (ElasticNetCV computed its fold statistics of 0-column data
 * before checking them and printed "** On entry to DSYRK parameter number 7 had an illegal
 * value" three times before its InputException), so the cases run in a child JVM and the test
 * reads everything it wrote.
 */
class DegenerateDataTest {
  @Test
  void everyEstimator_onDegenerateData_givesAModelOrAnInputException_andPrintsNothingElse()
      throws Exception {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Probe.class.getName());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    List<String> lines = out.lines().toList();
    assertEquals(Probe.cases().size(), lines.size(), "one line per case, nothing else:\n" + out);
    for (String line : lines) {
      String[] parts = line.split("\t", 2);
      assertEquals(2, parts.length, "not a case's line: " + line + "\n" + out);
      String name = parts[0];
      String outcome = parts[1];
      if (name.endsWith(" on 0 rows")) {
        assertTrue(outcome.equals("InputException: empty: no rows to fit")
            || outcome.equals("InputException: empty: no rows to train on"), line);
      } else if (name.endsWith(" on 0 columns")) {
        assertEquals(name + "\tInputException: double[][]: the data have no feature columns; a"
            + " model needs at least one input", line);
      } else {
        assertTrue(outcome.equals("model") || outcome.startsWith("InputException: "), line);
      }
    }
  }

  /** The child: one line per case, "name TAB model" or "name TAB InputException: message". */
  static final class Probe {
    static Map<String, Function<Dataset, Object>> cases() {
      Map<String, Dataset> numbers = new LinkedHashMap<>();
      // A 0×3 matrix: Dataset.of(new double[0][3], …) has no feature columns either.
      numbers.put("0 rows", new Dataset(Matrix.zeros(0, 3), Matrix.zeros(0, 1),
          List.of("a", "b", "c"), List.of(), "empty"));
      // 30 rows, so that n ≥ p takes ElasticNetCV's route through the fold statistics.
      numbers.put("0 columns", Dataset.of(new double[30][0], new double[30]));
      numbers.put("1 row", Dataset.of(new double[][] {{1, 2}}, new double[] {3}));
      int[] alternating = new int[30];
      for (int i = 0; i < alternating.length; i++) {
        alternating[i] = i % 2;
      }
      Map<String, Dataset> classes = new LinkedHashMap<>();
      classes.put("0 columns", Dataset.ofClasses(new double[30][0], alternating));
      classes.put("2 rows", Dataset.ofClasses(new double[][] {{1, 2}, {2, 1}}, new int[] {0, 1}));

      Map<String, Function<Dataset, Object>> regression = new LinkedHashMap<>();
      regression.put("ElasticNet", d -> ElasticNet.gaussian().lambda(0.1).build().fit(d));
      regression.put("ElasticNet path", d -> ElasticNet.gaussian().build().path(d));
      regression.put("ElasticNet adaptive",
          d -> ElasticNet.gaussian().adaptive().lambda(0.1).build().fit(d));
      regression.put("ElasticNet poisson", d -> ElasticNet.poisson().lambda(0.1).build().fit(d));
      regression.put("ElasticNetCV", d -> ElasticNetCV.gaussian().numFolds(3).build().fit(d));
      regression.put("ElasticNetCV lambdas",
          d -> ElasticNetCV.gaussian().numFolds(3).lambdas(1, 0.1).build().fit(d));
      regression.put("ElasticNetCV adaptive",
          d -> ElasticNetCV.gaussian().numFolds(3).adaptive().build().fit(d));
      regression.put("ElasticNetCV poisson",
          d -> ElasticNetCV.poisson().numFolds(3).build().fit(d));
      regression.put("RelaxedLasso", d -> RelaxedLasso.gaussian().numFolds(3).build().fit(d));
      regression.put("RelaxedLasso path", d -> RelaxedLasso.gaussian().build().path(d));
      regression.put("Ridge", d -> Ridge.builder().lambda(0.1).build().fit(d));
      regression.put("Ridge standardized",
          d -> Ridge.builder().lambda(0.1).standardize(true).build().fit(d));
      regression.put("RidgeCV", d -> RidgeCV.builder().build().fit(d));
      regression.put("RidgeCV lambdas", d -> RidgeCV.builder().lambdas(0.1, 1).build().fit(d));
      regression.put("LinearRegression", d -> LinearRegression.builder().epochs(1).build().fit(d));
      regression.put("MlpRegressor",
          d -> MlpRegressor.builder().hiddenLayers(2).epochs(1).build().fit(d));
      Map<String, Function<Dataset, Object>> classifiers = new LinkedHashMap<>();
      classifiers.put("ElasticNet binomial", d -> ElasticNet.binomial().lambda(0.1).build().fit(d));
      classifiers.put("ElasticNet multinomial",
          d -> ElasticNet.multinomial().lambda(0.1).build().fit(d));
      classifiers.put("ElasticNetCV binomial",
          d -> ElasticNetCV.binomial().numFolds(2).build().fit(d));
      classifiers.put("RelaxedLasso binomial",
          d -> RelaxedLasso.binomial().numFolds(2).build().fit(d));
      classifiers.put("LogisticRegression",
          d -> LogisticRegression.builder().epochs(1).build().fit(d));
      classifiers.put("MlpClassifier",
          d -> MlpClassifier.builder().hiddenLayers(2).epochs(1).build().fit(d));

      Map<String, Function<Dataset, Object>> all = new LinkedHashMap<>();
      add(all, regression, numbers);
      add(all, classifiers, classes);
      // The kernel under ElasticNetCV's fold statistics, public on its own: statistics of no
      // feature columns are empty, computed without a BLAS call of leading dimension 0.
      all.put("GaussianStatistics.twoPass of 0 columns", ignored ->
          dev.tikhonov.linear.GaussianStatistics.twoPass(new double[30][0], new double[30],
              new int[] {0, 1, 2}));
      return all;
    }

    private static void add(Map<String, Function<Dataset, Object>> out,
        Map<String, Function<Dataset, Object>> estimators, Map<String, Dataset> data) {
      estimators.forEach((estimator, fit) -> data.forEach((what, d) ->
          out.put(estimator + " on " + what, ignored -> fit.apply(d))));
    }

    public static void main(String[] args) {
      List<String> lines = new ArrayList<>();
      cases().forEach((name, fit) -> {
        String outcome;
        try {
          fit.apply(null);
          outcome = "model";
        } catch (InputException e) {
          outcome = "InputException: " + e.getMessage();
        } catch (RuntimeException e) {
          outcome = e.getClass().getName() + ": " + e.getMessage();
        }
        System.out.println(name + "\t" + outcome);
      });
      System.out.flush();
    }
  }

  /**
   * A λ given to {@code ElasticNet.fit} on features that do not vary is fitted, the model of
   * the intercept alone: fit's warm starts begin at λ_max, which is 0 there, and fit refused
   * the data as the default sequence does ("lambdas must be given here: …") before,
   * for every family, at λ = 0 and for ridge (l1Ratio 0) alike.
   */
  @Test
  void elasticNetFit_givenLambda_onConstantFeatures_isTheInterceptOnlyModel() {
    double[][] x = {{1, 5}, {1, 5}, {1, 5}, {1, 5}};
    double[][] row = {{1, 5}};
    Dataset gaussian = Dataset.of(x, new double[] {1, 2, 3, 4});
    for (double lambda : new double[] {0.1, 0}) {
      for (double l1Ratio : new double[] {1, 0.5, 0}) {
        LinearModel m = ElasticNet.gaussian().lambda(lambda).l1Ratio(l1Ratio).build()
            .fit(gaussian);
        assertEquals(2.5, m.predict(row)[0], 1e-12, "λ " + lambda + ", l1Ratio " + l1Ratio);
        assertEquals(0, m.coefficients()[0]);
      }
    }
    LinearModel poisson = ElasticNet.poisson().lambda(0.1).build()
        .fit(Dataset.of(x, new double[] {1, 2, 3, 4}));
    assertEquals(2.5, poisson.predict(row)[0], 1e-6);
    LinearClassifier binomial = ElasticNet.binomial().lambda(0.1).build()
        .fit(Dataset.ofClasses(x, List.of("a", "b", "b", "b")));
    assertEquals(0.75, binomial.predictProba(row)[0][1], 1e-6);
  }
}
