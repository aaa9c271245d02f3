package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.ProximalNewtonRefData;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import dev.tikhonov.linear.RidgeSvdPath;
import dev.tikhonov.loss.Family;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A row of weight 0 is a row left out, for the information criteria too: n (the likelihood's
 * and BIC's log n) counts the rows of positive weight, as R's {@code logLik.lm} and
 * {@code nobs.lm} do (ref/make_weight0_criteria.R), for the elastic net of every family and
 * the closed-form ridge path.
 */
class InformationCriteriaWeightZeroTest {
  private static final Table POIS = CrossValidationObservationsTest.POIS;
  private static final Table GLM2 = CrossValidationObservationsTest.GLM2;
  private static final Table R = ProximalNewtonRefData.read("weight0-criteria.csv");
  /** The rows (0-based) of weight 0, those make_weight0_criteria.R sets to 0 (1-based). */
  private static final int[] ZERO = {3, 17, 99, 249, 332};

  private static double[] column(Table t, String name) {
    return CrossValidationObservationsTest.column(t, name);
  }

  private static double r(String name) {
    return R.rows()[0][R.header().indexOf(name)];
  }

  private static double[] weightsWithZeros() {
    double[] w = column(POIS, "w");
    for (int i : ZERO) {
      w[i] = 0;
    }
    return w;
  }

  private static boolean kept(int i) {
    return Arrays.stream(ZERO).noneMatch(z -> z == i);
  }

  private static double[][] keptRows(double[][] rows) {
    return java.util.stream.IntStream.range(0, rows.length).filter(
        InformationCriteriaWeightZeroTest::kept).mapToObj(i -> rows[i]).toArray(double[][]::new);
  }

  private static double[] keptValues(double[] values) {
    return java.util.stream.IntStream.range(0, values.length).filter(
        InformationCriteriaWeightZeroTest::kept).mapToDouble(i -> values[i]).toArray();
  }

  private static void assertSame(InformationCriteria expected, InformationCriteria actual,
      String what) {
    assertEquals(expected.n(), actual.n(), what + ": n");
    for (int l = 0; l < expected.numLambdas(); l++) {
      String at = what + ", λ index " + l;
      assertEquals(expected.degreesOfFreedom(l), actual.degreesOfFreedom(l), 1e-8, at);
      assertEquals(expected.aic(l), actual.aic(l), 1e-8 * Math.abs(expected.aic(l)), at);
      assertEquals(expected.bic(l), actual.bic(l), 1e-8 * Math.abs(expected.bic(l)), at);
      assertEquals(expected.extendedBic(l), actual.extendedBic(l),
          1e-8 * Math.abs(expected.extendedBic(l)), at);
    }
  }

  /**
   * Gaussian, binomial and poisson elastic net (α = 0.5, standardized, with offsets): the rows
   * of weight 0 give the criteria of the fit without them, on the same λ.
   */
  @Test
  void elasticNet_rowsOfWeightZero_giveTheCriteriaOfTheRowsRemoved() {
    double[][] x = CrossValidationObservationsTest.x();
    double[] w = weightsWithZeros();
    double[] off = column(POIS, "off");
    List<String> names = CrossValidationObservationsTest.names();
    for (Family family : List.of(Family.GAUSSIAN, Family.BINOMIAL, Family.POISSON)) {
      double[] y = family == Family.POISSON ? column(POIS, "y")
          : column(GLM2, family == Family.GAUSSIAN ? "yg" : "yb");
      Observations all = Observations.ofWeights(w).withOffsets(off);
      Observations fewer = Observations.ofWeights(keptValues(w)).withOffsets(keptValues(off));
      PathSettings grid = PathSettings.of(0.5).withTolerance(1e-14).withNumLambdas(12);
      double[] lambdas = ElasticNetPath.fit(family, x, y, all, grid, names, List.of())
          .lambdas();
      PathSettings settings = grid.withLambdas(lambdas);
      PathSolution withZeros = ElasticNetPath.fit(family, x, y, all, settings, names,
          List.of());
      PathSolution removed = ElasticNetPath.fit(family, keptRows(x), keptValues(y), fewer,
          settings, names, List.of());
      assertSame(InformationCriteria.of(removed, keptRows(x), keptValues(y), fewer, settings,
          1.0), InformationCriteria.of(withZeros, x, y, all, settings, 1.0), family.name());
    }
  }

  /**
   * The closed-form ridge path, eigendecomposition (395 of 400 rows kept) and SVD (19 of 24):
   * {@code of(path, n)} with n the rows of positive weight is the path without them.
   */
  @Test
  void ridgeSvdPath_rowsOfWeightZero_giveTheCriteriaOfTheRowsRemoved() {
    double[] lambdas = {1.0, 0.1, 0.01, 0.001};
    for (int rows : new int[] {400, 24}) {
      double[][] x = Arrays.copyOf(CrossValidationObservationsTest.x(), rows);
      double[] y = Arrays.copyOf(column(GLM2, "yg"), rows);
      double[] w = Arrays.copyOf(weightsWithZeros(), rows);
      RidgeSvdPath withZeros = RidgeSvdPath.fit(x, y, Observations.ofWeights(w), lambdas);
      RidgeSvdPath removed = RidgeSvdPath.fit(keptRows(x), keptValues(y),
          Observations.ofWeights(keptValues(w)), lambdas);
      int positive = keptValues(w).length;
      assertSame(InformationCriteria.of(removed, positive),
          InformationCriteria.of(withZeros, positive), rows + " rows");
    }
  }

  /**
   * Against R: at λ = 0 the weighted fit is weighted least squares, whose AIC and BIC R's lm
   * computes without the rows of weight 0; tikhonov's leave out σ² and the intercept from df
   * and the likelihood's constants (the script's {@code constant}), otherwise the same. The
   * elastic net (a lasso path's λ = 10⁻¹⁰, every coefficient nonzero) and the closed-form
   * ridge at λ = 0.
   */
  @Test
  void leastSquaresWithRowsOfWeightZero_matchRsLogLik() {
    double[][] x = CrossValidationObservationsTest.x();
    double[] y = column(GLM2, "yg");
    Observations w = Observations.ofWeights(weightsWithZeros());
    double positive = r("n_positive");
    double p = r("p");
    double aic = r("aic") - 2 * (p + 2) + 2 * p + r("constant");
    double bic = r("bic") - Math.log(positive) * (p + 2) + Math.log(positive) * p
        + r("constant");
    PathSettings settings = PathSettings.of(1.0).withStandardize(false).withTolerance(1e-16)
        .withLambdas(1e-10);
    PathSolution path = ElasticNetPath.fit(Family.GAUSSIAN, x, y, w, settings,
        CrossValidationObservationsTest.names(), List.of());
    InformationCriteria net = InformationCriteria.of(path, x, y, w, settings, 1.0);
    InformationCriteria ridge = InformationCriteria.of(
        RidgeSvdPath.fit(x, y, w, new double[] {0.0}), (int) positive);
    System.out.printf("R: AIC %.10f, BIC %.10f; elastic net %.10f, %.10f; ridge %.10f, %.10f%n",
        aic, bic, net.aic(0), net.bic(0), ridge.aic(0), ridge.bic(0));
    assertEquals(positive, net.n());
    assertEquals(p, net.degreesOfFreedom(0));
    assertEquals(aic, net.aic(0), 1e-7);
    assertEquals(bic, net.bic(0), 1e-7);
    assertEquals(aic, ridge.aic(0), 1e-7);
    assertEquals(bic, ridge.bic(0), 1e-7);
  }
}
