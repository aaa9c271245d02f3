package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The adaptive lasso on Zou (2006)'s example where the lasso is inconsistent: four features with
 * correlation −0.39 among the first three and 0.23 between each of them and the fourth,
 * β = (5.6, 5.6, 5.6, 0). The irrepresentable condition fails (|C₂₁C₁₁⁻¹ sign β₁| = 3.14 &gt; 1),
 * so no λ of the lasso path selects {1, 2, 3}; the adaptive lasso's does. The factors are checked
 * against their closed form from the pilot (least squares and ridge, solved here by normal
 * equations).
 */
class AdaptivePenaltyTest {
  static final int N = 1000;
  static final List<String> NAMES = List.of("x1", "x2", "x3", "x4");
  static final double[] BETA = {5.6, 5.6, 5.6, 0};

  record Data(double[][] x, double[] y) {}

  static Data zou(long seed, int n) {
    return zou(seed, n, 3);
  }

  static Data zou(long seed, int n, double sigma) {
    double r1 = -0.39;
    double r2 = 0.23;
    double[][] c = {{1, r1, r1, r2}, {r1, 1, r1, r2}, {r1, r1, 1, r2}, {r2, r2, r2, 1}};
    double[][] chol = cholesky(c);
    Random random = new Random(seed);
    double[][] x = new double[n][4];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double[] z = new double[4];
      for (int j = 0; j < 4; j++) {
        z[j] = random.nextGaussian();
      }
      for (int j = 0; j < 4; j++) {
        for (int k = 0; k <= j; k++) {
          x[i][j] += chol[j][k] * z[k];
        }
        y[i] += BETA[j] * x[i][j];
      }
      y[i] += sigma * random.nextGaussian();
    }
    return new Data(x, y);
  }

  static double[][] cholesky(double[][] a) {
    int p = a.length;
    double[][] l = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
      }
    }
    return l;
  }

  static boolean selectsExactly(double[] b, boolean[] support) {
    for (int j = 0; j < b.length; j++) {
      if ((b[j] != 0) != support[j]) {
        return false;
      }
    }
    return true;
  }

  static int lambdasWithTrueSupport(PathSolution path) {
    boolean[] truth = {true, true, true, false};
    int count = 0;
    for (int l = 0; l < path.size(); l++) {
      if (selectsExactly(path.coefficients(l)[0], truth)) {
        count++;
      }
    }
    return count;
  }

  /** Seeds of the Monte Carlo: each a fresh data set from Zou's design. */
  static final int REPLICATIONS = 20;

  @Test
  void zouExample_adaptiveLassoRecoversTheSupport_lassoRarely() {
    // Over 20 data sets (n = 500, σ = 1): how often some λ of the path selects exactly
    // {1, 2, 3}. The lasso can only by luck (Zhao & Yu: at most half the time when the
    // irrepresentable condition fails); the adaptive lasso nearly always.
    PathSettings settings = PathSettings.lasso().withTolerance(1e-9);
    int lasso = 0;
    int[] adaptive = new int[AdaptivePenalty.Pilot.values().length];
    for (int r = 0; r < REPLICATIONS; r++) {
      Data d = zou(2006 + r, 500, 1);
      if (lambdasWithTrueSupport(ElasticNetPath.fit(d.x(), d.y(), settings, NAMES)) > 0) {
        lasso++;
      }
      for (AdaptivePenalty.Pilot pilot : AdaptivePenalty.Pilot.values()) {
        AdaptivePenalty.Fit fit = AdaptivePenalty.fit(Family.GAUSSIAN, d.x(), d.y(), settings,
            new AdaptivePenalty.Settings(pilot, 1), NAMES, List.of(), 2);
        if (lambdasWithTrueSupport(fit.path()) > 0) {
          adaptive[pilot.ordinal()]++;
        }
      }
    }
    System.out.printf("Zou's example, %d data sets: some λ selects exactly {1, 2, 3} for the"
        + " lasso %d times, the adaptive lasso (ridge pilot) %d, (least squares) %d%n",
        REPLICATIONS, lasso, adaptive[0], adaptive[1]);
    assertTrue(lasso <= REPLICATIONS / 2, "lasso " + lasso);
    for (int count : adaptive) {
      assertTrue(count >= REPLICATIONS - 1, "adaptive " + count);
    }
  }

  @Test
  void zouExample_crossValidatedAdaptiveLasso_choosesTheTrueSupport_lassoDoesNot() {
    // λ_1se of 10-fold CV (the adaptive pilot refitted inside each fold) over 20 data sets.
    int adaptive = 0;
    int lasso = 0;
    boolean[] truth = {true, true, true, false};
    for (int r = 0; r < REPLICATIONS; r++) {
      Data d = zou(7 + r, 500, 1);
      KFold folds = KFold.random(500, 10, r);
      AdaptivePenalty.Fit fit = AdaptivePenalty.crossValidate(Family.GAUSSIAN, d.x(), d.y(),
          PathSettings.lasso(), AdaptivePenalty.Settings.defaults(), NAMES, List.of(), folds, 2);
      if (selectsExactly(fit.path().coefficients(fit.cv().orElseThrow().index1se())[0],
          truth)) {
        adaptive++;
      }
      CrossValidation.Fit plain = CrossValidation.path(Family.GAUSSIAN, d.x(), d.y(),
          PathSettings.lasso(), NAMES, List.of(), folds, 2);
      if (selectsExactly(plain.path().coefficients(plain.cv().index1se())[0], truth)) {
        lasso++;
      }
    }
    System.out.printf("Zou's example, %d data sets: λ_1se selects exactly {1, 2, 3} for the"
        + " adaptive lasso %d times, for the lasso %d%n", REPLICATIONS, adaptive, lasso);
    assertTrue(adaptive >= REPLICATIONS - 2, "adaptive " + adaptive);
    assertTrue(lasso <= REPLICATIONS / 4, "lasso " + lasso);
  }

  /** Centered, scaled design Z (1/n standard deviations) and centered y. */
  static double[][] standardized(double[][] x, double[] s) {
    int n = x.length;
    int p = x[0].length;
    double[][] z = new double[n][p];
    for (int j = 0; j < p; j++) {
      double m = 0;
      for (double[] row : x) {
        m += row[j] / n;
      }
      double ss = 0;
      for (double[] row : x) {
        ss += (row[j] - m) * (row[j] - m) / n;
      }
      s[j] = Math.sqrt(ss);
      for (int i = 0; i < n; i++) {
        z[i][j] = (x[i][j] - m) / s[j];
      }
    }
    return z;
  }

  /** b̃ = (ZᵀZ/n + λI)⁻¹ Zᵀ(y − ȳ)/n by Gaussian elimination. */
  static double[] ridge(double[][] z, double[] y, double lambda) {
    int n = z.length;
    int p = z[0].length;
    double mean = 0;
    for (double v : y) {
      mean += v / n;
    }
    double[][] a = new double[p][p + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          a[j][k] += z[i][j] * z[i][k] / n;
        }
        a[j][p] += z[i][j] * (y[i] - mean) / n;
      }
    }
    for (int j = 0; j < p; j++) {
      a[j][j] += lambda;
    }
    for (int c = 0; c < p; c++) {
      for (int r = c + 1; r < p; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k <= p; k++) {
          a[r][k] -= f * a[c][k];
        }
      }
    }
    double[] b = new double[p];
    for (int r = p - 1; r >= 0; r--) {
      double s = a[r][p];
      for (int k = r + 1; k < p; k++) {
        s -= a[r][k] * b[k];
      }
      b[r] = s / a[r][r];
    }
    return b;
  }

  /**
   * The limits on the features (glmnet's dfmax and pmax) are the adaptive path's, not its
   * pilots': a ridge pilot has every feature in its fit from its first λ, so the path's
   * maxFeatures ended the pilot's path at its fifth λ and its cross-validation chose among those
   * five (a pilot shrunk toward 0, its factors large and alike).
   */
  @Test
  void factors_doNotDependOnThePathsFeatureLimits() {
    Data d = zou(3, 300);
    int[] all = java.util.stream.IntStream.range(0, 300).toArray();
    PathSettings settings = PathSettings.lasso().withTolerance(1e-12);
    for (AdaptivePenalty.Pilot pilot : AdaptivePenalty.Pilot.values()) {
      AdaptivePenalty.Settings adaptive = new AdaptivePenalty.Settings(pilot, 1);
      AdaptivePenalty.Factors free = AdaptivePenalty.factors(Family.GAUSSIAN, d.x(), d.y(), all,
          settings, adaptive, NAMES, List.of(), 1);
      AdaptivePenalty.Factors limited = AdaptivePenalty.factors(Family.GAUSSIAN, d.x(), d.y(),
          all, settings.toBuilder().maxFeatures(1).maxEverActive(2).build(), adaptive, NAMES,
          List.of(), 1);
      assertEquals(free.pilotLambda(), limited.pilotLambda(), pilot + ": the pilot's λ");
      assertArrayEquals(free.factors(), limited.factors(), pilot + ": the factors");
    }
  }

  @Test
  void factors_equalTheClosedFormFromThePilot() {
    Data d = zou(3, 300);
    double[] s = new double[4];
    double[][] z = standardized(d.x(), s);
    PathSettings settings = PathSettings.lasso().withTolerance(1e-12);
    int[] all = java.util.stream.IntStream.range(0, 300).toArray();
    // Least squares, ν = 1 and ν = 2: vⱼ = 1/|b̃ⱼ|^ν with b̃ the standardized OLS coefficients.
    double[] ols = ridge(z, d.y(), 0);
    for (double power : new double[] {1, 2}) {
      AdaptivePenalty.Factors f = AdaptivePenalty.factors(Family.GAUSSIAN, d.x(), d.y(), all,
          settings, new AdaptivePenalty.Settings(AdaptivePenalty.Pilot.LEAST_SQUARES, power),
          NAMES, List.of(), 1);
      assertEquals(0, f.pilotLambda());
      for (int j = 0; j < 4; j++) {
        double expected = Math.pow(Math.abs(ols[j]), -power);
        assertEquals(expected, f.factors()[j], 1e-8 * expected, "ν = " + power + ", j = " + j);
      }
    }
    // Ridge at the pilot's cross-validated λ.
    AdaptivePenalty.Factors f = AdaptivePenalty.factors(Family.GAUSSIAN, d.x(), d.y(), all,
        settings.withTolerance(1e-14), AdaptivePenalty.Settings.defaults(), NAMES, List.of(), 1);
    assertTrue(f.pilotLambda() > 0);
    double[] r = ridge(z, d.y(), f.pilotLambda());
    double largest = 0;
    for (double v : r) {
      largest = Math.max(largest, Math.abs(v));
    }
    for (int j = 0; j < 4; j++) {
      // The pilot path is certified to a relative duality gap of 1e-14, which bounds the
      // coefficients' error by about √(2·gap·dev₀/μ) ≈ 3e-6 here.
      assertEquals(Math.abs(r[j]), f.pilotCoefficients()[j], 1e-5 * largest, "j = " + j);
      assertEquals(1 / f.pilotCoefficients()[j], f.factors()[j], 1e-15 * f.factors()[j]);
    }
    // Without standardization the scale sⱼ is 1: the factors of x scaled by 10 are 10× larger.
    double[][] x10 = new double[300][4];
    for (int i = 0; i < 300; i++) {
      for (int j = 0; j < 4; j++) {
        x10[i][j] = d.x()[i][j] / 10;
      }
    }
    AdaptivePenalty.Factors raw = AdaptivePenalty.factors(Family.GAUSSIAN, x10, d.y(), all,
        settings.withStandardize(false), new AdaptivePenalty.Settings(
            AdaptivePenalty.Pilot.LEAST_SQUARES, 1), NAMES, List.of(), 1);
    for (int j = 0; j < 4; j++) {
      double expected = 1 / Math.abs(ols[j] / s[j] * 10);
      assertEquals(expected, raw.factors()[j], 1e-8 * expected, "raw scale, j = " + j);
    }
  }

  @Test
  void zeroPilotCoefficient_infiniteFactor_featureLeftOutWithoutNaN() {
    Data d = zou(5, 200);
    double[][] x = new double[200][5];
    for (int i = 0; i < 200; i++) {
      System.arraycopy(d.x()[i], 0, x[i], 0, 4);
      x[i][4] = 3.0; // constant: its pilot coefficient is 0
    }
    List<String> names = List.of("x1", "x2", "x3", "x4", "c");
    AdaptivePenalty.Fit fit = AdaptivePenalty.fit(Family.GAUSSIAN, x, d.y(),
        PathSettings.lasso(), AdaptivePenalty.Settings.defaults(), names, List.of(), 1);
    assertEquals(Double.POSITIVE_INFINITY, fit.factors().factors()[4]);
    assertEquals(4, fit.factors().kept().length);
    assertEquals(Double.MAX_VALUE, fit.factors().normalized()[4]);
    double sum = 0;
    for (int j = 0; j < 4; j++) {
      sum += fit.factors().normalized()[j];
    }
    assertEquals(4, sum, 1e-12, "the finite factors sum to the number of features kept");
    for (int l = 0; l < fit.path().size(); l++) {
      assertEquals(0, fit.path().coefficient(l, 0, 4));
      assertTrue(Double.isFinite(fit.path().intercept(l, 0)));
      for (double b : fit.path().coefficients(l)[0]) {
        assertTrue(Double.isFinite(b));
      }
    }
  }

  @Test
  void badSettings_areErrorsNamingTheSetting() {
    InputException e = assertThrows(InputException.class,
        () -> new AdaptivePenalty.Settings(AdaptivePenalty.Pilot.RIDGE, 0));
    assertEquals("adaptivePower must be positive and finite, got 0.0", e.getMessage());
    assertThrows(InputException.class,
        () -> new AdaptivePenalty.Settings(AdaptivePenalty.Pilot.RIDGE, -1));
    assertThrows(InputException.class,
        () -> new AdaptivePenalty.Settings(AdaptivePenalty.Pilot.RIDGE, Double.NaN));
    Data d = zou(1, 4);
    e = assertThrows(InputException.class, () -> AdaptivePenalty.fit(Family.GAUSSIAN, d.x(),
        d.y(), PathSettings.lasso(), new AdaptivePenalty.Settings(
            AdaptivePenalty.Pilot.LEAST_SQUARES, 1), NAMES, List.of(), 1));
    assertEquals("adaptivePilot: least squares needs more rows than features (n = 4, p = 4);"
        + " use the ridge pilot", e.getMessage());
  }

  /** cgd.csv's features and infections, {@code ignored} columns left out. */
  private static dev.tikhonov.data.Dataset cgd(String... ignored) {
    return dev.tikhonov.data.CsvReader.read(java.nio.file.Path.of("..", "data", "cgd.csv"),
        "infections", dev.tikhonov.data.TargetKind.REAL, dev.tikhonov.data.CsvOptions.defaults()
            .withIgnoredColumns(ignored));
  }

  private static AdaptivePenalty.Factors leastSquaresFactors(dev.tikhonov.data.Dataset d,
      PathSettings settings) {
    double[][] x = d.featureRows();
    return AdaptivePenalty.factors(Family.POISSON, x, d.targets(),
        java.util.stream.IntStream.range(0, x.length).toArray(), settings,
        new AdaptivePenalty.Settings(AdaptivePenalty.Pilot.LEAST_SQUARES, 1),
        d.featureNames(), List.of(), 1);
  }

  /**
   * cgd's four center dummies sum to 1: with the intercept the unpenalized Poisson fit is not
   * unique (R's glm gives center_europe_other NA), and the pilot took whatever coordinate
   * descent stopped at, without a word.
   */
  @Test
  void leastSquaresPilot_onCgdsFourCenterDummies_isRefusedNamingThem() {
    dev.tikhonov.data.Dataset d = cgd("id", "followup_days", "log_followup_years");
    InputException e = assertThrows(InputException.class,
        () -> leastSquaresFactors(d, PathSettings.lasso()));
    assertEquals("adaptivePilot: the least-squares pilot is not unique: center_europe_other is"
        + " a linear combination of center_us_nih, center_us_other and center_europe_amsterdam"
        + " (with the intercept) over the rows fitted, so its unpenalized coefficient, and its"
        + " penalty factor, would be arbitrary (R's glm gives NA for it); use the ridge pilot,"
        + " or leave center_europe_other out", e.getMessage());
    assertEquals(java.util.Optional.of("adaptivePilot"), e.setting());
    // Without the intercept the four dummies are independent: glm(... - 1) fits them all.
    assertEquals(d.numFeatures(), leastSquaresFactors(d,
        PathSettings.lasso().toBuilder().intercept(false).build()).factors().length);
    // Without one center (as glm's own answer drops it) the pilot is unique and fitted.
    dev.tikhonov.data.Dataset three = cgd("id", "followup_days", "log_followup_years",
        "center_europe_other");
    assertEquals(three.numFeatures(), leastSquaresFactors(three, PathSettings.lasso())
        .kept().length);
  }

  /**
   * A column that is another plus a little noise, both with a mean far from 0: R's lm gives it
   * NA when what is left of it after the intercept and the other is below 1e-7 of its raw norm
   * (dqrdc2's test); measured against its centered norm, b (3e-7 of it, 3e-9 of the raw) was
   * fitted with coefficients of ±10⁶ as factors. ref/make_aliased_near.R.
   */
  @Test
  void leastSquaresPilot_refusesANearCopyWhereRsLmGivesItNa() throws Exception {
    java.nio.file.Path ref = java.nio.file.Path.of("src/test/resources/ref/aliased");
    List<String> verdicts = java.nio.file.Files.readAllLines(ref.resolve("near-lm.csv"));
    assertEquals(List.of("column,aliased", "b,TRUE", "c,FALSE"), verdicts);
    for (String column : List.of("b", "c")) {
      dev.tikhonov.data.Dataset d = dev.tikhonov.data.CsvReader.read(ref.resolve("near.csv"),
          "y", dev.tikhonov.data.TargetKind.REAL, dev.tikhonov.data.CsvOptions.defaults()
              .withIgnoredColumns(column.equals("b") ? "c" : "b"));
      double[][] x = d.featureRows();
      java.util.function.Supplier<AdaptivePenalty.Factors> pilot = () -> AdaptivePenalty.factors(
          Family.GAUSSIAN, x, d.targets(), java.util.stream.IntStream.range(0, x.length)
              .toArray(), PathSettings.lasso(),
          new AdaptivePenalty.Settings(AdaptivePenalty.Pilot.LEAST_SQUARES, 1),
          d.featureNames(), List.of(), 1);
      if (column.equals("b")) {
        InputException e = assertThrows(InputException.class, pilot::get);
        assertTrue(e.getMessage().startsWith("adaptivePilot: the least-squares pilot is not"
            + " unique: b is a linear combination of a (with the intercept)"), e.getMessage());
      } else {
        assertEquals(2, pilot.get().factors().length);
      }
    }
  }

  /** A duplicated column, under weights: the second copy is named, the first kept. */
  @Test
  void leastSquaresPilot_withADuplicatedColumn_isRefusedNamingTheCopy() {
    Data d = zou(5, 60);
    double[][] x = new double[d.x().length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = java.util.Arrays.copyOf(d.x()[i], 5);
      x[i][4] = x[i][1];
    }
    double[] w = new double[x.length];
    java.util.Arrays.fill(w, 2.0);
    InputException e = assertThrows(InputException.class, () -> AdaptivePenalty.factors(
        Family.GAUSSIAN, x, d.y(), java.util.stream.IntStream.range(0, x.length).toArray(),
        dev.tikhonov.linear.Observations.ofWeights(w), PathSettings.lasso(),
        new AdaptivePenalty.Settings(AdaptivePenalty.Pilot.LEAST_SQUARES, 1),
        List.of("a", "b", "c", "d", "b2"), List.of(), 1));
    assertTrue(e.getMessage().startsWith("adaptivePilot: the least-squares pilot is not unique:"
        + " b2 is a linear combination of b (with the intercept) over the rows fitted"),
        e.getMessage());
  }

  /**
   * A fold of the ridge pilot's own 10-fold CV whose held-out rows all have weight 0: the
   * message said "fold 3 of 10: …", a fold the caller never made, and as a FoldException the
   * CLI blamed the user's --cv-folds or --foldid for it.
   */
  @Test
  void ridgePilotsFoldOfWeightZero_isNamedAsThePilotsCrossValidation() {
    Data d = zou(1, 40);
    double[] w = new double[40];
    for (int i = 0; i < 8; i++) {
      w[i * 5] = 1; // 8 rows of weight 1 among 40: a pilot fold of 4 rows has none of them
    }
    InputException e = assertThrows(InputException.class, () -> AdaptivePenalty.factors(
        Family.GAUSSIAN, d.x(), d.y(), java.util.stream.IntStream.range(0, 40).toArray(),
        dev.tikhonov.linear.Observations.ofWeights(w), PathSettings.lasso(),
        AdaptivePenalty.Settings.defaults(), NAMES, List.of(), 1));
    assertFalse(e instanceof FoldException, e.getMessage());
    assertTrue(e.getMessage().matches("the adaptive lasso's ridge pilot's cross-validation:"
        + " fold \\d+ of 10: every held-out row has weight 0, so the fold cannot be scored"
        + " \\(the pilot's 10 folds are random over the rows fitted, seeded 0; the"
        + " least-squares pilot has no cross-validation\\)"), e.getMessage());
  }

  /**
   * Several α cross-validated together fit the all-rows pilot and each fold's pilot once: 6
   * pilots for 5 folds and 3 α, counted through the pilots' seam, each on the rows it belongs
   * to (before, each α refitted them: 18).
   */
  @Test
  void crossValidate_severalAlphas_fitsEachPilotOnce() {
    Data d = zou(3, 300);
    KFold folds = KFold.random(300, 5, 1);
    List<Integer> fitted = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    AdaptivePenalty.PilotFitter pilots = (rows, classes, threads) -> {
      fitted.add(rows.length);
      return AdaptivePenalty.factors(Family.GAUSSIAN, d.x(), d.y(), rows,
          dev.tikhonov.linear.Observations.none(), PathSettings.lasso(),
          AdaptivePenalty.Settings.defaults(), NAMES, classes, threads);
    };
    List<AdaptivePenalty.Fit> fits = AdaptivePenalty.crossValidate(pilots, Family.GAUSSIAN,
        d.x(), d.y(), dev.tikhonov.linear.Observations.none(), PathSettings.lasso(),
        new double[] {1, 0.5, 0.2}, NAMES, List.of(), folds, CvMeasure.DEVIANCE,
        CrossValidation.Keep.SCORES, 2);
    assertEquals(3, fits.size());
    List<Integer> expected = new java.util.ArrayList<>(List.of(300));
    for (int f = 1; f <= 5; f++) {
      expected.add(folds.trainRows(f).length);
    }
    assertEquals(expected.stream().sorted().toList(), fitted.stream().sorted().toList(),
        "the pilots fitted (their rows)");
    for (AdaptivePenalty.Fit fit : fits) {
      assertTrue(fit.factors() == fits.get(0).factors(), "one all-rows pilot for every α");
    }
  }
}
