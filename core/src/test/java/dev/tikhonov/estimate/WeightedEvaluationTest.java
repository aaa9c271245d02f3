package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.Family;
import dev.tikhonov.optim.Optimizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@link Predictor#evaluate(Dataset, String)}: the scores of four fixed linear models against
 * scikit-learn's metrics with {@code sample_weight} (ref/make_weighted_scores.py), weights all 1
 * against {@code evaluate(data)} bit for bit (linear models and networks), integer weights
 * against repeated rows, and the weight column's refusals.
 */
class WeightedEvaluationTest {
  private static final double TOLERANCE = 1e-12;
  private static final List<String> X = List.of("x1", "x2", "x3");
  private static final List<String> X_AND_W = List.of("x1", "x2", "x3", "w");
  private static final List<String[]> DATA = read("data.csv");
  private static final Map<String, Double> SCORES = scores();

  /** The rows of ref/weighted-scores/{@code name} after its header. */
  private static List<String[]> read(String name) {
    try (java.io.InputStream in = WeightedEvaluationTest.class.getResourceAsStream(
        "/ref/weighted-scores/" + name)) {
      String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .split("\n");
      return Arrays.stream(lines, 1, lines.length).map(l -> l.split(",", -1)).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, Double> scores() {
    Map<String, Double> m = new HashMap<>();
    for (String[] r : read("scores.csv")) {
      m.put(r[0] + " " + r[1], Double.parseDouble(r[2]));
    }
    return m;
  }

  private static double score(String model, String score) {
    return SCORES.get(model + " " + score);
  }

  /** x1, x2, x3 and w of data.csv (the weights a feature column, as a CSV reads them). */
  private static double[][] xAndW() {
    double[][] x = new double[DATA.size()][4];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = Double.parseDouble(DATA.get(i)[j]);
      }
    }
    return x;
  }

  private static double[] column(int j) {
    return DATA.stream().mapToDouble(r -> Double.parseDouble(r[j])).toArray();
  }

  private static Dataset gaussian() {
    return Dataset.of(xAndW(), column(4), X_AND_W);
  }

  private static Dataset counts() {
    return Dataset.of(xAndW(), column(7), X_AND_W);
  }

  private static Dataset twoClasses() {
    return Dataset.ofClasses(xAndW(), DATA.stream().mapToInt(r -> Integer.parseInt(r[5]))
        .toArray(), List.of("0", "1"), X_AND_W);
  }

  private static Dataset threeClasses() {
    return Dataset.ofClasses(xAndW(), DATA.stream().mapToInt(r -> r[6].charAt(0) - 'a')
        .toArray(), List.of("a", "b", "c"), X_AND_W);
  }

  /** models.csv's coefficients of {@code model} as this library's parameters (λ = 0). */
  private static LinearParameters parameters(String model, Family family, List<String> classes) {
    List<double[]> rows = new ArrayList<>();
    for (String[] r : read("models.csv")) {
      if (r[0].equals(model)) {
        rows.add(Arrays.stream(r, 2, 6).mapToDouble(Double::parseDouble).toArray());
      }
    }
    double[] a0 = rows.stream().mapToDouble(r -> r[0]).toArray();
    double[][] b = rows.stream().map(r -> Arrays.copyOfRange(r, 1, 4)).toArray(double[][]::new);
    return new LinearParameters(family, 0, 0, a0, b, new double[] {1, 1, 1},
        new double[] {1, 1, 1}, X, classes);
  }

  private static Provenance provenance(Dataset data) {
    return Provenance.of("fixed", Map.of(), OptionalLong.empty(), data);
  }

  private static LinearModel regression(String model, Family family, Dataset data) {
    return new LinearModel(parameters(model, family, List.of()), provenance(data));
  }

  private static LinearClassifier classifier(String model, Family family, Dataset data) {
    return new LinearClassifier(parameters(model, family, data.classNames()), provenance(data));
  }

  @Test
  void evaluate_gaussian_matchesSklearnMetricsWithSampleWeight() {
    RegressionEvaluation e = regression("gaussian", Family.GAUSSIAN, gaussian())
        .evaluate(gaussian(), "w");
    assertEquals(score("gaussian", "loss"), e.loss(), TOLERANCE);
    assertEquals(score("gaussian", "mse"), e.meanSquaredError(), TOLERANCE);
    assertEquals(score("gaussian", "mae"), e.meanAbsoluteError(), TOLERANCE);
    assertEquals(score("gaussian", "r2"), e.rSquared().orElseThrow(), TOLERANCE);
    assertEquals(60, e.rows());
    assertEquals(Arrays.stream(column(3)).sum(), e.weightSum(), TOLERANCE);
  }

  @Test
  void evaluate_binomial_matchesSklearnLogLossAccuracyAndAuc() {
    ClassifierEvaluation e = classifier("binomial", Family.BINOMIAL, twoClasses())
        .evaluate(twoClasses(), "w");
    assertEquals(score("binomial", "loss"), e.loss(), TOLERANCE);
    assertEquals(score("binomial", "accuracy"), e.accuracy(), TOLERANCE);
    assertEquals(score("binomial", "auc"), e.auc().orElseThrow(), TOLERANCE);
    assertEquals(score("binomial", "auc"), e.roc().orElseThrow().area(), 1e-9,
        "the weighted ROC curve's area is the weighted AUC");
  }

  @Test
  void evaluate_multinomial_matchesSklearnLogLossAndAccuracy() {
    ClassifierEvaluation e = classifier("multinomial", Family.MULTINOMIAL, threeClasses())
        .evaluate(threeClasses(), "w");
    assertEquals(score("multinomial", "loss"), e.loss(), TOLERANCE);
    assertEquals(score("multinomial", "accuracy"), e.accuracy(), TOLERANCE);
    assertFalse(e.auc().isPresent());
  }

  @Test
  void evaluate_poisson_matchesSklearnDevianceExplainedAndErrors() {
    RegressionEvaluation e = regression("poisson", Family.POISSON, counts())
        .evaluate(counts(), "w");
    assertEquals(score("poisson", "loss"), e.loss(), TOLERANCE);
    assertEquals(score("poisson", "mse"), e.meanSquaredError(), TOLERANCE);
    assertEquals(score("poisson", "mae"), e.meanAbsoluteError(), TOLERANCE);
    assertEquals(score("poisson", "r2"), e.rSquared().orElseThrow(), TOLERANCE);
    assertEquals(score("poisson", "d2"), e.devianceExplained().orElseThrow(), TOLERANCE);
    assertEquals(score("poisson", "deviance"), e.meanPoissonDeviance().orElseThrow(), TOLERANCE);
  }

  @Test
  void evaluate_poisson_meanPoissonDevianceIsSklearns_unweightedAndNonNegative() {
    RegressionEvaluation e = regression("poisson", Family.POISSON, counts()).evaluate(counts());
    double deviance = e.meanPoissonDeviance().orElseThrow();
    assertEquals(score("poisson", "deviance_unweighted"), deviance, TOLERANCE);
    assertTrue(deviance > 0, "deviance " + deviance);
    // the other kinds have none
    assertFalse(regression("gaussian", Family.GAUSSIAN, gaussian()).evaluate(gaussian())
        .meanPoissonDeviance().isPresent());
  }

  @Test
  void confusionMatrix_weighted_matchesSklearnConfusionMatrixWithSampleWeight() {
    Object[][] cases = {{"binomial", Family.BINOMIAL, twoClasses()},
        {"multinomial", Family.MULTINOMIAL, threeClasses()}};
    for (Object[] c : cases) {
      String model = (String) c[0];
      Dataset data = (Dataset) c[2];
      LinearClassifier classifier = classifier(model, (Family) c[1], data);
      ConfusionMatrix m = classifier.confusionMatrix(data, "w");
      int k = data.classNames().size();
      for (int a = 0; a < k; a++) {
        for (int p = 0; p < k; p++) {
          String cell = "[" + a + "][" + p + "]";
          assertEquals(score(model, "confusion" + cell), m.weight(a, p), TOLERANCE,
              model + cell);
          assertEquals(score(model, "counts" + cell), m.count(a, p), 0.0, model + cell);
        }
      }
      assertEquals(60, m.rows());
      ClassifierEvaluation e = classifier.evaluate(data, "w");
      assertEquals(e.weightSum(), m.weightSum(), TOLERANCE);
      assertEquals(e.accuracy(), m.accuracy(), 1e-15, "the diagonal's share of Σw");
      assertTrue(m.toString().startsWith("ConfusionMatrix[60 rows, Σw "
          + ConfusionMatrix.number(m.weightSum()) + "; cells: Σw of their rows;"), m.toString());
      // weights all 1: the unweighted matrix, equal and printed alike
      ConfusionMatrix ones = classifier.confusionMatrix(withWeights(data, ones(60)), "w");
      assertEquals(classifier.confusionMatrix(data), ones);
      assertEquals(classifier.confusionMatrix(data).toString(), ones.toString());
    }
  }

  /** {@code data} with its column w replaced by {@code w}. */
  private static Dataset withWeights(Dataset data, double[] w) {
    double[][] x = data.featureRows();
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i].clone(); // the data set's own rows
      x[i][3] = w[i];
    }
    return data.isClassification()
        ? Dataset.ofClasses(x, data.labels(), data.classNames(), X_AND_W)
        : Dataset.of(x, data.targets(), X_AND_W);
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return w;
  }

  @Test
  void evaluate_weightsAllOne_isTheUnweightedEvaluationBitForBit() {
    List<Predictor> models = List.of(regression("gaussian", Family.GAUSSIAN, gaussian()),
        regression("poisson", Family.POISSON, counts()),
        classifier("binomial", Family.BINOMIAL, twoClasses()),
        classifier("multinomial", Family.MULTINOMIAL, threeClasses()));
    List<Dataset> data = List.of(gaussian(), counts(), twoClasses(), threeClasses());
    for (int m = 0; m < models.size(); m++) {
      Dataset ones = withWeights(data.get(m), ones(60));
      Evaluation plain = models.get(m).evaluate(ones);
      assertEquals(plain, models.get(m).evaluate(ones, "w"), "model " + m);
      assertEquals(plain.toString(), models.get(m).evaluate(ones, "w").toString());
    }
  }

  @Test
  void evaluate_networksWithWeightsAllOne_isTheUnweightedEvaluationBitForBit() {
    Dataset ones = withWeights(twoClasses(), ones(60));
    NetworkClassifier c = MlpClassifier.builder().hiddenLayers(4).epochs(3).batchSize(16)
        .optimizer(Optimizers.sgd(0.1)).seed(1).weightColumn("w").build().fit(ones);
    assertEquals(c.evaluate(ones), c.evaluate(ones, "w"));
    Dataset three = withWeights(threeClasses(), ones(60));
    NetworkClassifier k = MlpClassifier.builder().hiddenLayers(4).epochs(3).batchSize(16)
        .optimizer(Optimizers.sgd(0.1)).seed(1).weightColumn("w").build().fit(three);
    assertEquals(k.evaluate(three), k.evaluate(three, "w"));
    Dataset values = withWeights(gaussian(), ones(60));
    NetworkRegressor r = MlpRegressor.builder().hiddenLayers(4).epochs(3).batchSize(16)
        .optimizer(Optimizers.sgd(0.01)).seed(1).weightColumn("w").build().fit(values);
    assertEquals(r.evaluate(values), r.evaluate(values, "w"));
  }

  /** Row i of {@code data} repeated {@code copies[i]} times, without the weight column. */
  private static Dataset repeated(Dataset data, int[] copies) {
    List<double[]> x = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    double[][] all = data.featureRows();
    for (int i = 0; i < copies.length; i++) {
      for (int c = 0; c < copies[i]; c++) {
        x.add(Arrays.copyOf(all[i], 3));
        rows.add(i);
      }
    }
    double[][] xs = x.toArray(double[][]::new);
    int[] at = rows.stream().mapToInt(Integer::intValue).toArray();
    return data.isClassification()
        ? Dataset.ofClasses(xs, Arrays.stream(at).map(i -> data.labels()[i]).toArray(),
            data.classNames(), X)
        : Dataset.of(xs, Arrays.stream(at).mapToDouble(i -> data.targets()[i]).toArray(), X);
  }

  @Test
  void evaluate_integerWeights_scoreAsRepeatedRows() {
    int[] copies = new int[60];
    double[] w = new double[60];
    for (int i = 0; i < 60; i++) {
      copies[i] = (i * 7) % 4; // 0 to 3 copies
      w[i] = copies[i];
    }
    Dataset g = withWeights(gaussian(), w);
    RegressionEvaluation rg = regression("gaussian", Family.GAUSSIAN, g).evaluate(g, "w");
    RegressionEvaluation eg = regression("gaussian", Family.GAUSSIAN, g)
        .evaluate(repeated(g, copies));
    assertEquals(eg.loss(), rg.loss(), TOLERANCE);
    assertEquals(eg.meanAbsoluteError(), rg.meanAbsoluteError(), TOLERANCE);
    assertEquals(eg.rSquared().orElseThrow(), rg.rSquared().orElseThrow(), TOLERANCE);
    assertEquals(eg.rows(), rg.weightSum(), 0.0);
    Dataset c = withWeights(counts(), w);
    RegressionEvaluation rc = regression("poisson", Family.POISSON, c).evaluate(c, "w");
    RegressionEvaluation ec = regression("poisson", Family.POISSON, c)
        .evaluate(repeated(c, copies));
    assertEquals(ec.loss(), rc.loss(), TOLERANCE);
    assertEquals(ec.devianceExplained().orElseThrow(), rc.devianceExplained().orElseThrow(),
        TOLERANCE);
    Dataset b = withWeights(twoClasses(), w);
    ClassifierEvaluation rb = classifier("binomial", Family.BINOMIAL, b).evaluate(b, "w");
    ClassifierEvaluation eb = classifier("binomial", Family.BINOMIAL, b)
        .evaluate(repeated(b, copies));
    assertEquals(eb.loss(), rb.loss(), TOLERANCE);
    assertEquals(eb.accuracy(), rb.accuracy(), TOLERANCE);
    assertEquals(eb.auc().orElseThrow(), rb.auc().orElseThrow(), TOLERANCE);
    NetworkClassifier net = MlpClassifier.builder().hiddenLayers(4).epochs(2).batchSize(16)
        .optimizer(Optimizers.sgd(0.1)).seed(2).build().fit(repeated(b, copies));
    ClassifierEvaluation nw = net.evaluate(b, "w");
    ClassifierEvaluation nr = net.evaluate(repeated(b, copies));
    assertEquals(nr.loss(), nw.loss(), 1e-9);
    assertEquals(nr.accuracy(), nw.accuracy(), TOLERANCE);
    assertEquals(nr.auc().orElseThrow(), nw.auc().orElseThrow(), TOLERANCE);
  }

  @Test
  void evaluate_aModelFittedWithTheWeightColumn_leftItOutOfItsFeatures() {
    Dataset g = gaussian();
    LinearModel m = Ridge.builder().lambda(0.1).weightColumn("w").build().fit(g);
    assertEquals(X, m.featureNames());
    // unweighted, the column is an extra one, ignored by name; weighted, it weights the rows
    Dataset ones = withWeights(g, ones(60));
    assertEquals(m.evaluate(ones), m.evaluate(ones, "w"));
    assertTrue(m.evaluate(g, "w").loss() != m.evaluate(g).loss());
  }

  @Test
  void evaluate_aBadWeightColumn_isRefusedNamingItAndTheRow() {
    Dataset g = gaussian();
    LinearModel m = regression("gaussian", Family.GAUSSIAN, g);
    double[] w = column(3);
    w[6] = -1;
    InputException negative = assertThrows(InputException.class,
        () -> m.evaluate(withWeights(g, w), "w"));
    assertTrue(negative.getMessage().startsWith("weightColumn \"w\": row 7 of "),
        negative.getMessage());
    assertTrue(negative.getMessage().endsWith(": weight -1.0; weights must be finite and ≥ 0"),
        negative.getMessage());
    w[6] = Double.NaN;
    assertThrows(InputException.class, () -> m.evaluate(withWeights(g, w), "w"));
    InputException zeros = assertThrows(InputException.class,
        () -> m.evaluate(withWeights(g, new double[60]), "w"));
    assertTrue(zeros.getMessage().endsWith("is 0; nothing to score"), zeros.getMessage());
    InputException missing = assertThrows(InputException.class, () -> m.evaluate(g, "v"));
    assertTrue(missing.getMessage().startsWith("weightColumn \"v\": "), missing.getMessage());
    assertTrue(missing.getMessage().contains("has no such column"), missing.getMessage());
    InputException feature = assertThrows(InputException.class, () -> m.evaluate(g, "x2"));
    assertEquals("weightColumn \"x2\": the model reads this column as one of its inputs, so it"
        + " cannot also weight the rows", feature.getMessage());
    assertThrows(NullPointerException.class, () -> m.evaluate(g, null));
  }
}
