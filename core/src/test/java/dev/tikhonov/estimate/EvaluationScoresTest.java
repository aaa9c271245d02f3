package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * R², MSE and D² of {@link Evaluation} on datasets small enough to work by hand: the least
 * squares line through four points, and a Poisson model with one binary feature, whose
 * unpenalized fit is the two groups' means. R's {@code summary(lm(y ~ x))$r.squared} gives
 * 0.691428571428572 for the first and {@code 1 - deviance/null.deviance} of
 * {@code glm(y ~ x, family = poisson)} 0.66880249126382 for the second.
 */
class EvaluationScoresTest {
  private static final List<String> X = List.of("x");

  /** x = 0..3, y = (1, 3, 2, 5): x̄ = 1.5, ȳ = 2.75, Sxx = 5, Sxy = 5.5, Syy = 8.75. */
  private static final Dataset LINE = Dataset.of(
      new double[][] {{0}, {1}, {2}, {3}}, new double[] {1, 3, 2, 5}, X);

  /** The least squares line b = Sxy/Sxx = 1.1, a = ȳ − b·x̄ = 1.1. */
  private static LinearModel line() {
    return ElasticNet.gaussian().lambda(0).tolerance(1e-14).build().fit(LINE);
  }

  /** A count model's scores by hand: μ = e^η, MSE and MAE of μ, the loss Σ(μ − yη)/n. */
  @Test
  void ofCounts_scoresTheMeansByHand() {
    double[] y = {0, 2, 5};
    double[] eta = {0, Math.log(4), Math.log(5)};
    var e = Evaluation.ofCounts(y, eta, 0.25);
    // μ = 1, 4, 5: residuals −1, −2, 0
    assertEquals(5.0 / 3, e.meanSquaredError(), 1e-12);
    assertEquals(3.0 / 3, e.meanAbsoluteError(), 1e-12);
    assertEquals((1 + 4 - 2 * Math.log(4) + 5 - 5 * Math.log(5)) / 3, e.loss(), 1e-12);
    assertEquals(0.25, e.penalty(), 0.0);
  }

  @Test
  void evaluate_leastSquaresLine_givesRSquaredAndMeanSquaredErrorByHand() {
    LinearModel m = line();
    assertEquals(1.1, m.coefficients()[0], 1e-10);
    assertEquals(1.1, m.intercept(), 1e-10);
    // residuals −0.1, 0.8, −1.3, 0.6: RSS = 2.7; TSS = Syy = 8.75
    var e = m.evaluate(LINE);
    assertEquals(2.7 / 4, e.meanSquaredError(), 1e-10);
    assertEquals((0.1 + 0.8 + 1.3 + 0.6) / 4, e.meanAbsoluteError(), 1e-10);
    assertEquals(1 - 2.7 / 8.75, e.rSquared().orElseThrow(), 1e-10);
    // … which is, for a least squares line on its own rows, Sxy²/(Sxx·Syy)
    assertEquals(5.5 * 5.5 / (5 * 8.75), e.rSquared().orElseThrow(), 1e-10);
    assertEquals(0.5 * e.meanSquaredError(), e.loss(), 1e-15,
        "the loss is ½·MSE (DESIGN.md's ℓ)");
    assertFalse(e.devianceExplained().isPresent(), "D² is the Poisson score");
  }

  @Test
  void rSquared_onOtherRows_usesTheMeanOfTheEvaluatedRows() {
    LinearModel m = line();
    // ŷ(4) = 5.5, ŷ(5) = 6.6; y = (5, 7): RSS = 0.25 + 0.16, ȳ = 6, TSS = 2
    Dataset later = Dataset.of(new double[][] {{4}, {5}}, new double[] {5, 7}, X);
    assertEquals(1 - 0.41 / 2, m.evaluate(later).rSquared().orElseThrow(), 1e-10);
    // worse than predicting their mean: R² < 0, as scikit-learn's r2_score
    Dataset reversed = Dataset.of(new double[][] {{4}, {5}}, new double[] {7, 5}, X);
    assertEquals(1 - (1.5 * 1.5 + 1.6 * 1.6) / 2, m.evaluate(reversed).rSquared().orElseThrow(),
        1e-10);
  }

  @Test
  void rSquared_whenEveryRowHasTheSameTarget_isEmpty() {
    Dataset flat = Dataset.of(new double[][] {{4}, {5}}, new double[] {3, 3}, X);
    var e = line().evaluate(flat);
    assertFalse(e.rSquared().isPresent(), "Σ(y − ȳ)² = 0 gives R² no value");
    // ŷ = 5.5, 6.6
    assertEquals((2.5 * 2.5 + 3.6 * 3.6) / 2, e.meanSquaredError(), 1e-10);
  }

  /**
   * Ten rows of y = 0.1: ȳ rounds to 0.10000000000000002, Σ(y − ȳ)² is 1.9e-33 instead of 0,
   * and R² was −1.2e38 (evaluate --json printed "r2":-1.17e38 for a gaussian path on such
   * rows), where it has no value. Counts of 0.1 likewise gave D² = −3.7e15.
   */
  @Test
  void rSquaredAndDevianceExplained_onAConstantTargetWhoseMeanRounds_areEmpty() {
    double[] y = new double[10];
    double[] predicted = new double[10];
    for (int i = 0; i < y.length; i++) {
      y[i] = 0.1;
      predicted[i] = 0.2 + i;
    }
    double sum = 0;
    for (double v : y) {
      sum += v;
    }
    assertTrue(sum / y.length != 0.1, "ȳ summed in order rounds away from 0.1");
    assertFalse(Evaluation.ofRegressor(y, predicted, 0).rSquared().isPresent());
    var counts = Evaluation.ofCounts(y, predicted, 0);
    assertFalse(counts.rSquared().isPresent());
    assertFalse(counts.devianceExplained().isPresent());
    // one row apart: both have values again
    y[9] = 0.3;
    assertTrue(Evaluation.ofRegressor(y, predicted, 0).rSquared().isPresent());
    assertTrue(Evaluation.ofCounts(y, predicted, 0).devianceExplained().isPresent());
  }

  /** x ∈ {0, 1}; y = (1, 3) at x = 0 and (4, 6, 8) at x = 1: the MLE is μ = 2 and μ = 6. */
  private static final Dataset COUNTS = Dataset.of(
      new double[][] {{0}, {0}, {1}, {1}, {1}}, new double[] {1, 3, 4, 6, 8}, X);

  @Test
  void evaluate_poissonWithOneBinaryFeature_givesDevianceExplainedByHand() {
    LinearModel m = ElasticNet.poisson().lambda(0).tolerance(1e-14).build().fit(COUNTS);
    double[] y = {1, 3, 4, 6, 8};
    double[] mu = {2, 2, 6, 6, 6};
    double mean = 22.0 / 5;
    double deviance = 0;
    double nullDeviance = 0;
    for (int i = 0; i < y.length; i++) {
      // 2[y log(y/μ) − (y − μ)]; the (y − μ) terms sum to 0 for both μ, kept for the formula
      deviance += 2 * (y[i] * Math.log(y[i] / mu[i]) - (y[i] - mu[i]));
      nullDeviance += 2 * (y[i] * Math.log(y[i] / mean) - (y[i] - mean));
    }
    var e = m.evaluate(COUNTS);
    assertEquals(1 - deviance / nullDeviance, e.devianceExplained().orElseThrow(), 1e-8);
    assertEquals(0.66880249126382, e.devianceExplained().orElseThrow(), 1e-8, "R's glm");
    // residuals −1, 1, −2, 0, 2; Σ(y − ȳ)² = 29.2
    assertEquals(10.0 / 5, e.meanSquaredError(), 1e-8);
    assertEquals(1 - 10 / 29.2, e.rSquared().orElseThrow(), 1e-8);
  }

  @Test
  void devianceExplained_whenEveryCountIsZero_isEmpty() {
    LinearModel m = ElasticNet.poisson().lambda(0.1).build().fit(COUNTS);
    Dataset zeros = Dataset.of(new double[][] {{0}, {1}}, new double[] {0, 0}, X);
    var e = m.evaluate(zeros);
    assertFalse(e.devianceExplained().isPresent(), "the null deviance of zeros is 0");
    assertTrue(e.loss() > 0);
  }

  @Test
  void evaluate_networkRegressor_scoresItsPredictions() {
    NetworkRegressor m = LinearRegression.builder().epochs(400).batchSize(4)
        .optimizer(dev.tikhonov.optim.Optimizers.sgd(0.05)).build().fit(LINE);
    var e = m.evaluate(LINE);
    // gradient descent on the same squared error reaches the least squares line
    assertEquals(1 - 2.7 / 8.75, e.rSquared().orElseThrow(), 1e-4);
    assertEquals(2.7 / 4, e.meanSquaredError(), 1e-4);
    assertEquals(0.5 * e.meanSquaredError(), e.loss(), 1e-15);
  }

  @Test
  void toString_showsThePresentScoresOnly() {
    String s = line().evaluate(LINE).toString();
    assertTrue(s.contains("R²=") && s.contains("MSE="), s);
    assertFalse(s.contains("accuracy") || s.contains("D²") || s.contains("Optional"), s);
  }

  /** Both kinds printed "Evaluation[…]", hiding which type the scores came from. */
  @Test
  void toString_namesItsOwnKind() {
    RegressionEvaluation regression = line().evaluate(LINE);
    assertEquals("RegressionEvaluation[rows=" + regression.rows() + ", loss="
        + regression.loss() + ", penalty=" + regression.penalty() + ", R²="
        + regression.rSquared().orElseThrow() + ", MSE=" + regression.meanSquaredError()
        + ", MAE=" + regression.meanAbsoluteError() + "]", regression.toString());
    ClassifierEvaluation classifier = Evaluation.ofTwoClasses(0.5, 0.75, 0.0,
        new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
    assertEquals("ClassifierEvaluation[rows=4, loss=0.5, penalty=0.0, accuracy=0.75, AUC=0.75]",
        classifier.toString());
  }
}
