package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ProximalNewtonRefData.Data;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Options, edge cases and the prediction helpers of {@link LogisticPath}. */
class LogisticPathTest {

  private static final Data BINOM = ProximalNewtonRefData.data("binom.csv");
  private static final Data MULTI = ProximalNewtonRefData.data("multi.csv");
  private static final double TOL = 1e-12;

  private static GlmPath fitBinomial(double[][] x, double[] y, ElasticNetConfig config) {
    return LogisticPath.fit(x, y, 2, config, names(x[0].length), List.of("no", "yes"));
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

  private static void assertAllFinite(GlmPath path) {
    for (int l = 0; l < path.size(); l++) {
      assertTrue(Double.isFinite(path.lambda()[l]));
      assertTrue(Double.isFinite(path.devRatio()[l]));
      for (int k = 0; k < path.intercept()[l].length; k++) {
        assertTrue(Double.isFinite(path.intercept()[l][k]), "intercept at λ index " + l);
        for (double b : path.coef()[l][k]) {
          assertTrue(Double.isFinite(b), "coefficient at λ index " + l);
        }
      }
    }
  }

  private static void assertKkt(GlmPath path, Data d, boolean standardize, double[] v,
      int from, double tol) {
    for (int l = from; l < path.size(); l++) {
      double viol = ProximalNewtonRefData.kktViolation(path, l, d.x(), d.y(), standardize, v);
      assertTrue(viol < tol, "λ index " + l + ": relative KKT violation " + viol);
    }
  }

  @Test
  void fit_whenLambdaAboveMax_returnsZeros() {
    ElasticNetConfig config = ElasticNetConfig.of(1).withTol(TOL);
    double lambdaMax = fitBinomial(BINOM.x(), BINOM.y(), config).lambda()[0];
    GlmPath path = fitBinomial(BINOM.x(), BINOM.y(),
        config.withLambdas(3 * lambdaMax, lambdaMax, 0.98 * lambdaMax));
    double share = 0;
    for (double yi : BINOM.y()) {
      share += yi / BINOM.y().length;
    }
    for (int l = 0; l < 2; l++) {
      assertEquals(0, path.df()[l], "λ index " + l);
      assertEquals(Math.log(share / (1 - share)), path.intercept()[l][0], 1e-9);
      assertEquals(0, path.devRatio()[l], 1e-12);
    }
    assertTrue(path.df()[2] > 0, "just below λ_max a feature enters");
  }

  @Test
  void fit_multinomialWhenLambdaAboveMax_returnsZeros() {
    ElasticNetConfig config = ElasticNetConfig.of(0.7).withTol(TOL);
    double lambdaMax = LogisticPath.fit(MULTI.x(), MULTI.y(), 3, config, MULTI.featureNames(),
        List.of()).lambda()[0];
    GlmPath path = LogisticPath.fit(MULTI.x(), MULTI.y(), 3,
        config.withLambdas(lambdaMax, 0.98 * lambdaMax), MULTI.featureNames(), List.of());
    assertEquals(0, path.df()[0]);
    assertTrue(path.df()[1] > 0);
    assertEquals(List.of("0", "1", "2"), path.classNames());
  }

  @Test
  void fit_whenSingleClass_throwsClearError() {
    double[] y = new double[BINOM.y().length];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fitBinomial(BINOM.x(), y, ElasticNetConfig.of(1)));
    assertTrue(e.getMessage().contains("single class"), e.getMessage());
    double[] twoOfThree = MULTI.y().clone();
    for (int i = 0; i < twoOfThree.length; i++) {
      twoOfThree[i] = Math.min(twoOfThree[i], 1);
    }
    e = assertThrows(IllegalArgumentException.class, () -> LogisticPath.fit(MULTI.x(),
        twoOfThree, 3, ElasticNetConfig.of(1), MULTI.featureNames(), List.of("a", "b", "c")));
    assertTrue(e.getMessage().contains("class c has no observations"), e.getMessage());
  }

  @Test
  void fit_whenLabelsOrShapesAreWrong_throws() {
    double[] bad = BINOM.y().clone();
    bad[5] = 0.5;
    assertThrows(IllegalArgumentException.class,
        () -> fitBinomial(BINOM.x(), bad, ElasticNetConfig.of(1)));
    bad[5] = 2;
    assertThrows(IllegalArgumentException.class,
        () -> fitBinomial(BINOM.x(), bad, ElasticNetConfig.of(1)));
    assertThrows(IllegalArgumentException.class, () -> LogisticPath.fit(BINOM.x(), BINOM.y(), 2,
        ElasticNetConfig.of(1), names(3), List.of()));
    double[][] nan = {{1, Double.NaN}, {2, 3}};
    assertThrows(IllegalArgumentException.class,
        () -> fitBinomial(nan, new double[] {0, 1}, ElasticNetConfig.of(1)));
    assertThrows(IllegalArgumentException.class, () -> ElasticNetConfig.of(1.5));
    assertThrows(IllegalArgumentException.class,
        () -> ElasticNetConfig.of(1).withLambdas(1, -1));
    assertThrows(IllegalArgumentException.class,
        () -> ElasticNetConfig.of(1).withPenaltyFactors(0, 0));
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
    ElasticNetConfig deep = new ElasticNetConfig(1, 100, 1e-6, null, true, 1e-7, 100_000, null, true);
    GlmPath path = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> fitBinomial(x, y, deep));
    assertAllFinite(path);
    assertTrue(path.size() < 100, "the path stops early on separable data");
    assertTrue(path.devRatio()[path.size() - 1] > LogisticPath.MAX_DEVIANCE_RATIO);
    assertTrue(path.devRatio()[path.size() - 2] <= LogisticPath.MAX_DEVIANCE_RATIO);
    // A user sequence to λ = 0 must end, finite, too.
    double[] lambdas = new double[30];
    for (int l = 0; l < lambdas.length; l++) {
      lambdas[l] = path.lambda()[0] * Math.pow(1e-8, l / 29.0);
    }
    lambdas[29] = 0;
    for (double alpha : new double[] {1, 0.5, 0}) {
      GlmPath user = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> fitBinomial(x, y, ElasticNetConfig.of(alpha).withLambdas(lambdas)));
      assertTrue(user.size() >= 1);
      assertAllFinite(user);
    }
    // Multinomial, three separated classes.
    double[] y3 = new double[n];
    for (int i = 0; i < n; i++) {
      y3[i] = x[i][0] < -0.5 ? 0 : x[i][0] < 0.5 ? 1 : 2;
    }
    GlmPath multi = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> LogisticPath.fit(
        x, y3, 3, ElasticNetConfig.of(1).withLambdas(lambdas), names(4), List.of()));
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
    ElasticNetConfig config = ElasticNetConfig.of(1).withTol(TOL);
    GlmPath with = fitBinomial(x, d.y(), config);
    GlmPath without = fitBinomial(d.x(), d.y(), config);
    assertEquals(without.size(), with.size());
    for (int l = 0; l < with.size(); l++) {
      assertEquals(0, with.coef()[l][0][5]);
      assertEquals(without.intercept()[l][0], with.intercept()[l][0], 1e-9);
      for (int j = 0; j < 5; j++) {
        assertEquals(without.coef()[l][0][j], with.coef()[l][0][j], 1e-9);
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
    GlmPath path = fitBinomial(x, d.y(), ElasticNetConfig.of(0.5).withTol(1e-14));
    assertAllFinite(path);
    for (int l = 0; l < path.size(); l++) {
      // Coordinate descent closes the gap between exact duplicates slowly (the problem is
      // ill-conditioned along b₀ − b₄, with curvature only λ(1−α), and each step is below the
      // threshold long before the gap closes; glmnet behaves the same), hence 1e-3 relative.
      double scale = Math.max(1e-3, Math.abs(path.coef()[l][0][0]));
      assertEquals(path.coef()[l][0][0], path.coef()[l][0][4], 1e-3 * scale, "λ index " + l);
    }
    assertKkt(path, new Data(x, d.y(), names(5)), true, ProximalNewtonRefData.ones(5), 0, 1e-4);
    // The lasso may split a duplicate any way, but the fit must still be optimal.
    GlmPath lasso = fitBinomial(x, d.y(), ElasticNetConfig.of(1).withTol(1e-14));
    assertKkt(lasso, new Data(x, d.y(), names(5)), true, ProximalNewtonRefData.ones(5), 0, 1e-4);
  }

  @Test
  void fit_whenMoreFeaturesThanRows_usesGlmnetMinRatioAndStaysOptimal() {
    Data d = logisticData(40, 120, 13);
    GlmPath path = fitBinomial(d.x(), d.y(),
        ElasticNetConfig.of(1).withStandardize(false).withTol(1e-14));
    assertAllFinite(path);
    assertEquals(0.01, Math.pow(path.lambda()[1] / path.lambda()[0], 99), 1e-9,
        "steps of the 1e-2 grid");
    assertKkt(path, d, false, ProximalNewtonRefData.ones(120), 0, 1e-4);
  }

  @Test
  void fit_withPenaltyFactors_rescalesAndKeepsUnpenalizedFeatureIn() {
    Data d = logisticData(200, 6, 14);
    ElasticNetConfig base = ElasticNetConfig.of(1).withTol(1e-14).withStandardize(false);
    GlmPath ones = fitBinomial(d.x(), d.y(), base);
    GlmPath twos = fitBinomial(d.x(), d.y(), base.withPenaltyFactors(2, 2, 2, 2, 2, 2));
    assertEquals(ones.size(), twos.size());
    for (int l = 0; l < ones.size(); l++) {
      assertEquals(ones.lambda()[l], twos.lambda()[l], 1e-12 * ones.lambda()[l]);
      assertEquals(ones.coef()[l][0][2], twos.coef()[l][0][2], 1e-10);
    }
    double[] factors = {0, 1, 1, 1, 1, 2};
    GlmPath weighted = fitBinomial(d.x(), d.y(), base.withPenaltyFactors(factors));
    assertTrue(weighted.coef()[0][0][0] != 0, "an unpenalized feature is in at λ_max");
    for (int j = 1; j < 6; j++) {
      assertEquals(0, weighted.coef()[0][0][j]);
    }
    double[] normalized = new double[6];
    for (int j = 0; j < 6; j++) {
      normalized[j] = factors[j] * 6 / 6.0;
    }
    assertKkt(weighted, d, false, normalized, 0, 1e-5);
  }

  @Test
  void fit_ridge_firstLambdaIsGlmnetPlaceholderThenOptimal() {
    Data d = logisticData(200, 6, 15);
    GlmPath path = fitBinomial(d.x(), d.y(), ElasticNetConfig.of(0).withTol(1e-14));
    assertEquals(0, path.df()[0]);
    assertEquals(6, path.df()[1]);
    // Relative to λ·10⁻³ (the ridge λ_max convention): 1e-4 here is 1e-7 of λ.
    assertKkt(path, d, true, ProximalNewtonRefData.ones(6), 1, 1e-4);
  }

  @Test
  void fit_withoutIntercept_isRejected() {
    ElasticNetConfig noIntercept = new ElasticNetConfig(1, 20, Double.NaN, null, false, 1e-7,
        100_000, null, false);
    assertThrows(IllegalArgumentException.class, () -> LogisticPath.fit(MULTI.x(), MULTI.y(), 3,
        noIntercept, MULTI.featureNames(), List.of()));
  }

  @Test
  void fit_withUnsortedUserLambdas_fitsThemInDecreasingOrder() {
    GlmPath path = fitBinomial(BINOM.x(), BINOM.y(),
        ElasticNetConfig.of(1).withLambdas(0.01, 0.1, 0.05));
    assertEquals(3, path.size());
    assertEquals(0.1, path.lambda()[0]);
    assertEquals(0.05, path.lambda()[1]);
    assertEquals(0.01, path.lambda()[2]);
    assertTrue(path.df()[0] <= path.df()[2]);
  }

  @Test
  void fit_reportsSmallKktViolationAndMonotoneDevianceRatio() {
    GlmPath path = fitBinomial(BINOM.x(), BINOM.y(), ElasticNetConfig.of(1).withTol(TOL));
    for (int l = 0; l < path.size(); l++) {
      assertTrue(path.dualityGap()[l] < 1e-5, "λ index " + l + ": " + path.dualityGap()[l]);
      if (l > 0) {
        assertTrue(path.devRatio()[l] >= path.devRatio()[l - 1] - 1e-12);
      }
    }
  }

  @Test
  void meanDeviance_onTrainingData_equalsDevianceRatioAccounting() {
    GlmPath path = fitBinomial(BINOM.x(), BINOM.y(), ElasticNetConfig.of(1).withTol(TOL));
    double share = 0;
    for (double yi : BINOM.y()) {
      share += yi / BINOM.y().length;
    }
    double nullDeviance = -2 * (share * Math.log(share) + (1 - share) * Math.log(1 - share));
    for (int l = 0; l < path.size(); l += 7) {
      double dev = LogisticPath.meanDeviance(path, l, BINOM.x(), BINOM.y());
      assertEquals(nullDeviance * (1 - path.devRatio()[l]), dev, 1e-9, "λ index " + l);
    }
    GlmPath multi = LogisticPath.fit(MULTI.x(), MULTI.y(), 3,
        ElasticNetConfig.of(1).withTol(TOL), MULTI.featureNames(), List.of());
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
    assertEquals(multiNull * (1 - multi.devRatio()[last]),
        LogisticPath.meanDeviance(multi, last, MULTI.x(), MULTI.y()), 1e-9);
  }

  @Test
  void predictProbabilities_rowsAreDistributionsMatchingTheLinearPredictor() {
    GlmPath path = fitBinomial(BINOM.x(), BINOM.y(), ElasticNetConfig.of(1));
    int l = path.size() / 2;
    double[][] prob = LogisticPath.predictProbabilities(path, l, BINOM.x());
    double[][] eta = path.linearPredictor(BINOM.x(), l);
    for (int i = 0; i < prob.length; i++) {
      assertEquals(2, prob[i].length);
      assertEquals(1, prob[i][0] + prob[i][1], 1e-12);
      assertEquals(1 / (1 + Math.exp(-eta[i][0])), prob[i][1], 1e-12);
    }
    GlmPath multi = LogisticPath.fit(MULTI.x(), MULTI.y(), 3, ElasticNetConfig.of(1),
        MULTI.featureNames(), List.of());
    double[][] p3 = LogisticPath.predictProbabilities(multi, multi.size() - 1, MULTI.x());
    for (double[] row : p3) {
      assertEquals(3, row.length);
      assertEquals(1, row[0] + row[1] + row[2], 1e-12);
      assertFalse(Double.isNaN(row[0]));
    }
  }
}
