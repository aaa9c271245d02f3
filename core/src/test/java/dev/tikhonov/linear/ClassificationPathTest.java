package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ProximalNewtonRefData.Data;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Binomial and multinomial paths of {@link ElasticNetPath}: options, edge cases, predictions. */
class ClassificationPathTest {

  private static final Data BINOM = ProximalNewtonRefData.data("binom.csv");
  private static final Data MULTI = ProximalNewtonRefData.data("multi.csv");
  private static final double TOL = 1e-12;

  private static PathSolution fitBinomial(double[][] x, double[] y, PathSettings config) {
    return ElasticNetPath.fit(Family.BINOMIAL, x, y, config, names(x[0].length),
        List.of("no", "yes"));
  }

  private static PathSolution multinomial(double[][] x, double[] y, PathSettings config,
      List<String> featureNames, List<String> classNames) {
    return ElasticNetPath.fit(Family.MULTINOMIAL, x, y, config, featureNames, classNames);
  }

  private static List<String> names(int p) {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      out.add("f" + j);
    }
    return out;
  }

  /** Logistic data with a few informative features, seeded. */
  private static Data logisticData(int n, int p, long seed) {
    Random rng = new Random(seed);
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double eta = 0.3;
      for (int j = 0; j < p; j++) {
        x[i][j] = rng.nextGaussian() * (1 + j % 3);
        if (j < 3) {
          eta += (j == 1 ? -0.8 : 0.6) * x[i][j];
        }
      }
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    return new Data(x, y, names(p));
  }

  private static void assertAllFinite(PathSolution path) {
    for (int l = 0; l < path.size(); l++) {
      assertTrue(Double.isFinite(path.lambda(l)));
      assertTrue(Double.isFinite(path.devianceRatio(l)));
      for (int k = 0; k < path.intercepts(l).length; k++) {
        assertTrue(Double.isFinite(path.intercept(l, k)), "intercept at λ index " + l);
        for (double b : path.coefficients(l)[k]) {
          assertTrue(Double.isFinite(b), "coefficient at λ index " + l);
        }
      }
    }
  }

  private static void assertKkt(PathSolution path, Data d, boolean standardize, double[] v,
      int from, double tol) {
    for (int l = from; l < path.size(); l++) {
      double viol = ProximalNewtonRefData.kktViolation(path, l, d.x(), d.y(), standardize, v);
      assertTrue(viol < tol, "λ index " + l + ": relative KKT violation " + viol);
    }
  }

  @Test
  void fit_whenLambdaAboveMax_returnsZeros() {
    PathSettings config = PathSettings.of(1).withTolerance(TOL);
    double lambdaMax = fitBinomial(BINOM.x(), BINOM.y(), config).lambda(0);
    // At λ_max itself the largest gradient equals λα: rounding decides (as in glmnet).
    PathSolution path = fitBinomial(BINOM.x(), BINOM.y(),
        config.withLambdas(3 * lambdaMax, lambdaMax * (1 + 1e-9), 0.98 * lambdaMax));
    double share = 0;
    for (double yi : BINOM.y()) {
      share += yi / BINOM.y().length;
    }
    for (int l = 0; l < 2; l++) {
      assertEquals(0, path.degreesOfFreedom(l), "λ index " + l);
      assertEquals(Math.log(share / (1 - share)), path.intercept(l, 0), 1e-9);
      assertEquals(0, path.devianceRatio(l), 1e-12);
    }
    assertTrue(path.degreesOfFreedom(2) > 0, "just below λ_max a feature enters");
  }

  @Test
  void fit_multinomialWhenLambdaAboveMax_returnsZeros() {
    PathSettings config = PathSettings.of(0.7).withTolerance(TOL);
    double lambdaMax = multinomial(MULTI.x(), MULTI.y(), config, MULTI.featureNames(),
        List.of()).lambda(0);
    PathSolution path = multinomial(MULTI.x(), MULTI.y(),
        config.withLambdas(lambdaMax, 0.98 * lambdaMax), MULTI.featureNames(), List.of());
    assertEquals(0, path.degreesOfFreedom(0));
    assertTrue(path.degreesOfFreedom(1) > 0);
    assertEquals(List.of("0", "1", "2"), path.classNames());
  }

  @Test
  void fit_whenSingleClass_throwsClearError() {
    double[] y = new double[BINOM.y().length];
    InputException e = assertThrows(InputException.class,
        () -> fitBinomial(BINOM.x(), y, PathSettings.of(1)));
    assertTrue(e.getMessage().contains("single class"), e.getMessage());
    double[] twoOfThree = MULTI.y().clone();
    for (int i = 0; i < twoOfThree.length; i++) {
      twoOfThree[i] = Math.min(twoOfThree[i], 1);
    }
    e = assertThrows(InputException.class, () -> multinomial(MULTI.x(), twoOfThree,
        PathSettings.of(1), MULTI.featureNames(), List.of("a", "b", "c")));
    assertTrue(e.getMessage().contains("class c has no observations"), e.getMessage());
  }

  @Test
  void fit_whenLabelsOrShapesAreWrong_namesTheRowOneBased() {
    double[] bad = BINOM.y().clone();
    bad[5] = 0.5;
    InputException e = assertThrows(InputException.class,
        () -> fitBinomial(BINOM.x(), bad, PathSettings.of(1)));
    assertEquals("row 6: class index 0.5 is not an integer in 0..1", e.getMessage());
    bad[5] = 2;
    e = assertThrows(InputException.class,
        () -> fitBinomial(BINOM.x(), bad, PathSettings.of(1)));
    assertEquals("row 6: class index 2.0 is not an integer in 0..1", e.getMessage());
    e = assertThrows(InputException.class, () -> ElasticNetPath.fit(Family.BINOMIAL, BINOM.x(),
        BINOM.y(), PathSettings.of(1), names(3), List.of()));
    assertTrue(e.getMessage().startsWith("featureNames: 3 names for "), e.getMessage());
    double[][] nan = {{1, 2}, {2, 3}, {1, Double.NaN}};
    e = assertThrows(InputException.class,
        () -> fitBinomial(nan, new double[] {0, 1, 1}, PathSettings.of(1)));
    assertEquals("row 3, column 2: value NaN is not finite", e.getMessage());
    e = assertThrows(InputException.class, () -> ElasticNetPath.fit(Family.BINOMIAL, MULTI.x(),
        MULTI.y(), PathSettings.of(1), MULTI.featureNames(), List.of("a", "b", "c")));
    assertTrue(e.getMessage().startsWith("a binomial path needs exactly 2 classes"),
        e.getMessage());
  }

  @Test
  void fit_whenSeparable_returnsFiniteAndStopsLikeGlmnet() {
    Random rng = new Random(7);
    int n = 200;
    double[][] x = new double[n][4];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = rng.nextGaussian();
      }
      y[i] = x[i][0] + 0.5 * x[i][1] > 0 ? 1 : 0;
    }
    // Down to glmnet's smallest ratio 1e-6 the fit separates the classes: the path stops, as
    // glmnet's does, once the deviance ratio passes 0.999.
    PathSettings deep = PathSettings.builder().lambdaMinRatio(1e-6).build();
    PathSolution path = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> fitBinomial(x, y, deep));
    assertAllFinite(path);
    assertTrue(path.size() < 100, "the path stops early on separable data");
    assertTrue(path.devianceRatio(path.size() - 1) > PathLoop.MAX_DEVIANCE_RATIO);
    assertTrue(path.devianceRatio(path.size() - 2) <= PathLoop.MAX_DEVIANCE_RATIO);
    // A user sequence to λ = 0 must end, finite, too.
    double[] lambdas = new double[30];
    for (int l = 0; l < lambdas.length; l++) {
      lambdas[l] = path.lambda(0) * Math.pow(1e-8, l / 29.0);
    }
    lambdas[29] = 0;
    for (double alpha : new double[] {1, 0.5, 0}) {
      PathSolution user = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> fitBinomial(x, y, PathSettings.of(alpha).withLambdas(lambdas)));
      assertTrue(user.size() >= 1);
      assertAllFinite(user);
    }
    // Multinomial, three separated classes.
    double[] y3 = new double[n];
    for (int i = 0; i < n; i++) {
      y3[i] = x[i][0] < -0.5 ? 0 : x[i][0] < 0.5 ? 1 : 2;
    }
    PathSolution multi = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> multinomial(
        x, y3, PathSettings.of(1).withLambdas(lambdas), names(4), List.of()));
    assertAllFinite(multi);
  }

  @Test
  void fit_withConstantColumn_keepsItZeroAndFitsTheRest() {
    Data d = logisticData(150, 5, 11);
    double[][] x = new double[150][6];
    for (int i = 0; i < 150; i++) {
      System.arraycopy(d.x()[i], 0, x[i], 0, 5);
      x[i][5] = 3.5;
    }
    PathSettings config = PathSettings.of(1).withTolerance(TOL);
    PathSolution with = fitBinomial(x, d.y(), config);
    PathSolution without = fitBinomial(d.x(), d.y(), config);
    assertEquals(without.size(), with.size());
    for (int l = 0; l < with.size(); l++) {
      assertEquals(0, with.coefficient(l, 0, 5));
      assertEquals(without.intercept(l, 0), with.intercept(l, 0), 1e-9);
      for (int j = 0; j < 5; j++) {
        assertEquals(without.coefficient(l, 0, j), with.coefficient(l, 0, j), 1e-9);
      }
    }
  }

  @Test
  void fit_withDuplicatedColumn_splitsEvenlyUnderElasticNet() {
    Data d = logisticData(150, 4, 12);
    double[][] x = new double[150][5];
    for (int i = 0; i < 150; i++) {
      System.arraycopy(d.x()[i], 0, x[i], 0, 4);
      x[i][4] = x[i][0];
    }
    PathSolution path = fitBinomial(x, d.y(), PathSettings.of(0.5).withTolerance(1e-14));
    assertAllFinite(path);
    for (int l = 0; l < path.size(); l++) {
      // Coordinate descent closes the gap between exact duplicates slowly (the problem is
      // ill-conditioned along b₀ − b₄, with curvature only λ(1−α), and each step is below the
      // threshold long before the gap closes; glmnet behaves the same), hence 1e-3 relative.
      double scale = Math.max(1e-3, Math.abs(path.coefficient(l, 0, 0)));
      assertEquals(path.coefficient(l, 0, 0), path.coefficient(l, 0, 4), 1e-3 * scale,
          "λ index " + l);
    }
    assertKkt(path, new Data(x, d.y(), names(5)), true, ProximalNewtonRefData.ones(5), 0, 1e-4);
    // The lasso may split a duplicate any way, but the fit must still be optimal.
    PathSolution lasso = fitBinomial(x, d.y(), PathSettings.of(1).withTolerance(1e-14));
    assertKkt(lasso, new Data(x, d.y(), names(5)), true, ProximalNewtonRefData.ones(5), 0, 1e-4);
  }

  @Test
  void fit_whenMoreFeaturesThanRows_usesGlmnetMinRatioAndStaysOptimal() {
    Data d = logisticData(40, 120, 13);
    PathSolution path = fitBinomial(d.x(), d.y(),
        PathSettings.of(1).withStandardize(false).withTolerance(1e-14));
    assertAllFinite(path);
    assertEquals(0.01, Math.pow(path.lambda(1) / path.lambda(0), 99), 1e-9,
        "steps of the 1e-2 grid");
    assertKkt(path, d, false, ProximalNewtonRefData.ones(120), 0, 1e-4);
  }

  @Test
  void fit_withPenaltyFactors_rescalesAndKeepsUnpenalizedFeatureIn() {
    Data d = logisticData(200, 6, 14);
    PathSettings base = PathSettings.of(1).withTolerance(1e-14).withStandardize(false);
    PathSolution ones = fitBinomial(d.x(), d.y(), base);
    PathSolution twos = fitBinomial(d.x(), d.y(), base.withPenaltyFactors(2, 2, 2, 2, 2, 2));
    assertEquals(ones.size(), twos.size());
    for (int l = 0; l < ones.size(); l++) {
      assertEquals(ones.lambda(l), twos.lambda(l), 1e-12 * ones.lambda(l));
      assertEquals(ones.coefficient(l, 0, 2), twos.coefficient(l, 0, 2), 1e-10);
    }
    double[] factors = {0, 1, 1, 1, 1, 2};
    PathSolution weighted = fitBinomial(d.x(), d.y(), base.withPenaltyFactors(factors));
    assertTrue(weighted.coefficient(0, 0, 0) != 0, "an unpenalized feature is in at λ_max");
    for (int j = 1; j < 6; j++) {
      assertEquals(0, weighted.coefficient(0, 0, j));
    }
    double[] normalized = new double[6];
    for (int j = 0; j < 6; j++) {
      normalized[j] = factors[j] * 6 / 6.0;
    }
    assertKkt(weighted, d, false, normalized, 0, 1e-5);
  }

  @Test
  void fit_ridge_firstLambdaIsSolvedNotAPlaceholder() {
    // Ridge has no finite λ_max (glmnet's is that of α = 10⁻³, where it reports the null model
    // as a placeholder); here every point of the path, the first included, is the solution.
    Data d = logisticData(200, 6, 15);
    PathSolution path = fitBinomial(d.x(), d.y(), PathSettings.of(0).withTolerance(1e-14));
    assertEquals(6, path.degreesOfFreedom(0));
    assertTrue(path.allConverged());
    // Relative to λ·10⁻³ (the ridge λ_max convention): 1e-4 here is 1e-7 of λ.
    assertKkt(path, d, true, ProximalNewtonRefData.ones(6), 0, 1e-4);
  }

  /**
   * glmnet's intercept = FALSE: the null model is η = 0 (p = 1/2, deviance 2·log 2 per row),
   * so λ_max is max_j |Σᵢ xᵢⱼ(yᵢ − 1/2)| / (n·sⱼ) with x uncentered and sⱼ the column's
   * (centered) standard deviation, glmnet's lstandard1; no intercept anywhere; every class
   * of a multinomial starts at 1/K (deviance 2·log K per row).
   */
  @Test
  void fit_withoutIntercept_startsFromEtaZero_andKeepsEveryInterceptZero() {
    PathSettings noIntercept = PathSettings.builder().numLambdas(20).intercept(false)
        .tolerance(TOL).build();
    PathSolution path = fitBinomial(BINOM.x(), BINOM.y(), noIntercept);
    double[][] x = BINOM.x();
    int n = x.length;
    double lambdaMax = 0;
    for (int j = 0; j < x[0].length; j++) {
      double sum = 0;
      double squares = 0;
      double gradient = 0;
      for (int i = 0; i < n; i++) {
        sum += x[i][j];
        squares += x[i][j] * x[i][j];
        gradient += x[i][j] * (BINOM.y()[i] - 0.5);
      }
      double sd = Math.sqrt(squares / n - (sum / n) * (sum / n));
      lambdaMax = Math.max(lambdaMax, Math.abs(gradient) / n / sd);
    }
    assertEquals(lambdaMax, path.lambda(0), 1e-12 * lambdaMax);
    assertEquals(2 * Math.log(2), path.nullDeviance(), 1e-13);
    for (int l = 0; l < path.size(); l++) {
      assertEquals(0.0, path.intercept(l, 0), 0.0, "λ index " + l);
    }
    assertTrue(path.degreesOfFreedom(path.size() - 1) > 0);

    PathSolution multi = multinomial(MULTI.x(), MULTI.y(), noIntercept, MULTI.featureNames(),
        List.of());
    assertEquals(2 * Math.log(3), multi.nullDeviance(), 1e-13);
    for (int l = 0; l < multi.size(); l++) {
      for (double a : multi.intercepts(l)) {
        assertEquals(0.0, a, 0.0, "λ index " + l);
      }
    }
    assertTrue(multi.degreesOfFreedom(multi.size() - 1) > 0);
  }

  @Test
  void fit_withUnsortedUserLambdas_fitsThemInDecreasingOrder() {
    PathSolution path = fitBinomial(BINOM.x(), BINOM.y(),
        PathSettings.of(1).withLambdas(0.01, 0.1, 0.05));
    assertEquals(3, path.size());
    assertEquals(0.1, path.lambda(0));
    assertEquals(0.05, path.lambda(1));
    assertEquals(0.01, path.lambda(2));
    assertTrue(path.degreesOfFreedom(0) <= path.degreesOfFreedom(2));
  }

  @Test
  void fit_reportsSmallKktViolationAndMonotoneDevianceRatio() {
    PathSolution path = fitBinomial(BINOM.x(), BINOM.y(), PathSettings.of(1).withTolerance(TOL));
    for (int l = 0; l < path.size(); l++) {
      assertTrue(path.certificate(l) < 1e-5, "λ index " + l + ": " + path.certificate(l));
      if (l > 0) {
        assertTrue(path.devianceRatio(l) >= path.devianceRatio(l - 1) - 1e-12);
      }
    }
  }

  @Test
  void meanDeviance_onTrainingData_equalsDevianceRatioAccounting() {
    PathSolution path = fitBinomial(BINOM.x(), BINOM.y(), PathSettings.of(1).withTolerance(TOL));
    double share = 0;
    for (double yi : BINOM.y()) {
      share += yi / BINOM.y().length;
    }
    double nullDeviance = -2 * (share * Math.log(share) + (1 - share) * Math.log(1 - share));
    for (int l = 0; l < path.size(); l += 7) {
      double dev = path.meanDeviance(BINOM.x(), BINOM.y(), l);
      assertEquals(nullDeviance * (1 - path.devianceRatio(l)), dev, 1e-9, "λ index " + l);
    }
    PathSolution multi = multinomial(MULTI.x(), MULTI.y(),
        PathSettings.of(1).withTolerance(TOL), MULTI.featureNames(), List.of());
    double multiNull = 0;
    double[] counts = new double[3];
    for (double yi : MULTI.y()) {
      counts[(int) yi]++;
    }
    for (double c : counts) {
      double s = c / MULTI.y().length;
      multiNull -= 2 * s * Math.log(s);
    }
    int last = multi.size() - 1;
    assertEquals(multiNull * (1 - multi.devianceRatio(last)),
        multi.meanDeviance(MULTI.x(), MULTI.y(), last), 1e-9);
  }

  @Test
  void predictProbabilities_rowsAreDistributionsMatchingTheLinearPredictor() {
    PathSolution path = fitBinomial(BINOM.x(), BINOM.y(), PathSettings.of(1));
    int l = path.size() / 2;
    double[][] prob = path.probabilities(BINOM.x(), l);
    double[][] eta = path.linearPredictor(BINOM.x(), l);
    for (int i = 0; i < prob.length; i++) {
      assertEquals(2, prob[i].length);
      assertEquals(1, prob[i][0] + prob[i][1], 1e-12);
      assertEquals(1 / (1 + Math.exp(-eta[i][0])), prob[i][1], 1e-12);
    }
    PathSolution multi = multinomial(MULTI.x(), MULTI.y(), PathSettings.of(1),
        MULTI.featureNames(), List.of());
    double[][] p3 = multi.probabilities(MULTI.x(), multi.size() - 1);
    for (double[] row : p3) {
      assertEquals(3, row.length);
      assertEquals(1, row[0] + row[1] + row[2], 1e-12);
      assertFalse(Double.isNaN(row[0]));
    }
  }
}
