package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import dev.tikhonov.linear.ProximalNewtonRefData;
import dev.tikhonov.loss.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Information criteria of paths fitted with observation weights and offsets: the weighted df
 * is the divergence of the weighted fit (finite differences), an offset in a gaussian fit is
 * the same as fitting y − o, and equal weights are no weights.
 */
class WeightedInformationCriteriaTest {
  private static final Table POIS = CrossValidationObservationsTest.POIS;
  private static final Table GLM2 = CrossValidationObservationsTest.GLM2;

  private static double[] column(Table t, String name) {
    return CrossValidationObservationsTest.column(t, name);
  }

  private static double[][] x() {
    return CrossValidationObservationsTest.x();
  }

  private static List<String> names() {
    return CrossValidationObservationsTest.names();
  }

  /**
   * Weighted gaussian elastic net (α = 0.5, standardized with the weighted moments): the
   * effective df is tr(∂ŷ/∂y) − 1 (the intercept), the divergence measured by refitting with
   * each yᵢ moved by h.
   */
  @Test
  void gaussianWeightedElasticNet_dfIsTheDivergenceOfTheFit() {
    double[][] x = x();
    double[] y = column(GLM2, "yg");
    Observations w = Observations.ofWeights(column(POIS, "w"));
    int n = y.length;
    PathSettings settings = PathSettings.of(0.5).withTolerance(1e-14);
    double lambda = ElasticNetPath.fit(Family.GAUSSIAN, x, y, w, settings.withNumLambdas(10),
        names(), List.of()).lambda(5);
    PathSettings at = settings.withLambdas(lambda);
    PathSolution base = ElasticNetPath.fit(Family.GAUSSIAN, x, y, w, at, names(), List.of());
    InformationCriteria ic = InformationCriteria.of(base, x, y, w, at, 1.0);
    double h = 0.01;
    double trace = 0;
    for (int i = 0; i < n; i++) {
      double[] moved = y.clone();
      moved[i] += h;
      PathSolution fit = ElasticNetPath.fit(Family.GAUSSIAN, x, moved, w, at, names(),
          List.of());
      trace += (fit.linearPredictor(x[i], 0, 0) - base.linearPredictor(x[i], 0, 0)) / h;
    }
    System.out.println("weighted elastic-net df " + ic.degreesOfFreedom()[0]
        + ", divergence − 1 " + (trace - 1) + " (" + base.degreesOfFreedom(0) + " nonzero)");
    assertEquals(trace - 1, ic.degreesOfFreedom()[0], 1e-4);
    assertTrue(ic.degreesOfFreedom()[0] < base.degreesOfFreedom(0) - 0.01,
        "the ridge part shrinks df below the count of nonzeros");
  }

  /** A gaussian fit with an offset o is the fit of y − o: the same criteria. */
  @Test
  void gaussianWithAnOffset_equalsTheFitOfYMinusTheOffset() {
    double[][] x = x();
    double[] y = column(GLM2, "yg");
    double[] off = column(POIS, "off");
    double[] shifted = y.clone();
    for (int i = 0; i < y.length; i++) {
      shifted[i] -= off[i];
    }
    PathSettings settings = PathSettings.of(0.5).withNumLambdas(20);
    PathSolution withOffset = ElasticNetPath.fit(Family.GAUSSIAN, x, y,
        Observations.ofOffsets(off), settings, names(), List.of());
    PathSolution plain = ElasticNetPath.fit(Family.GAUSSIAN, x, shifted, settings, names(),
        List.of());
    InformationCriteria a = InformationCriteria.of(withOffset, x, y,
        Observations.ofOffsets(off), settings, 1.0);
    InformationCriteria b = InformationCriteria.of(plain, x, shifted, settings);
    for (int l = 0; l < plain.size(); l++) {
      assertEquals(b.bic()[l], a.bic()[l], 1e-9 * Math.abs(b.bic()[l]), "λ index " + l);
      assertEquals(b.degreesOfFreedom()[l], a.degreesOfFreedom()[l], 1e-9, "λ index " + l);
    }
  }

  /** Weights all 2.5 are no weights (poisson with an offset, binomial, α = 0.5). */
  @Test
  void equalWeights_areNoWeights() {
    double[][] x = x();
    double[] off = column(POIS, "off");
    double[] same = new double[off.length];
    java.util.Arrays.fill(same, 2.5);
    PathSettings settings = PathSettings.of(0.5).withNumLambdas(20);
    for (Family family : new Family[] {Family.POISSON, Family.BINOMIAL}) {
      double[] y = family == Family.POISSON ? column(POIS, "y") : column(GLM2, "yb");
      Observations none = Observations.ofOffsets(off);
      Observations equal = Observations.ofWeights(same).withOffsets(off);
      PathSolution plain = ElasticNetPath.fit(family, x, y, none, settings, names(), List.of());
      PathSolution weighted = ElasticNetPath.fit(family, x, y, equal, settings, names(),
          List.of());
      InformationCriteria a = InformationCriteria.of(plain, x, y, none, settings, 1.0);
      InformationCriteria b = InformationCriteria.of(weighted, x, y, equal, settings, 1.0);
      assertEquals(plain.size(), weighted.size());
      for (int l = 0; l < plain.size(); l++) {
        assertEquals(a.aic()[l], b.aic()[l], 1e-8 * Math.abs(a.aic()[l]), family + " " + l);
        assertEquals(a.degreesOfFreedom()[l], b.degreesOfFreedom()[l], 1e-8, family + " " + l);
      }
      assertTrue(a.degreesOfFreedom()[plain.size() - 1] > 1, "a nontrivial df");
    }
  }

  /**
   * The closed-form ridge path's criteria with weights are the weighted α = 0 elastic net's, as
   * this class documents them: RSS = Σuᵢeᵢ² with uᵢ = n·wᵢ/Σw (n·trainingMse, as trainingMse is
   * Σωᵢeᵢ²), df = Σd²/(d² + nλ) of the √(nωᵢ)-scaled rows; two rows of weight 0 among them,
   * left out of n as the elastic net leaves them out. 400 rows take the eigendecomposition, 24
   * (of 8 features) the SVD.
   */
  @Test
  void weightedRidgeSvdPath_equalsTheWeightedAlphaZeroPath() {
    double[] lambdas = {1.0, 0.1, 0.01, 0.001};
    for (int rows : new int[] {400, 24}) {
      double[][] x = java.util.Arrays.copyOf(x(), rows);
      double[] y = java.util.Arrays.copyOf(column(GLM2, "yg"), rows);
      double[] w = java.util.Arrays.copyOf(column(POIS, "w"), rows);
      w[3] = 0;
      w[17] = 0;
      Observations weights = Observations.ofWeights(w);
      PathSettings settings = PathSettings.of(0.0).withStandardize(false)
          .withTolerance(1e-14).withLambdas(lambdas);
      PathSolution path = ElasticNetPath.fit(Family.GAUSSIAN, x, y, weights, settings,
          names(), List.of());
      InformationCriteria net = InformationCriteria.of(path, x, y, weights, settings, 1.0);
      InformationCriteria closed = InformationCriteria.of(
          dev.tikhonov.linear.RidgeSvdPath.fit(x, y, weights, lambdas), rows - 2);
      for (int l = 0; l < lambdas.length; l++) {
        String at = rows + " rows, λ " + lambdas[l];
        assertEquals(net.degreesOfFreedom(l), closed.degreesOfFreedom(l), 1e-8, at);
        assertEquals(net.rss(l), closed.rss(l), 1e-8 * net.rss(l), at);
        assertEquals(net.aic(l), closed.aic(l), 1e-7, at);
        assertEquals(net.bic(l), closed.bic(l), 1e-7, at);
        assertEquals(net.extendedBic(l), closed.extendedBic(l), 1e-7, at);
      }
    }
  }

  /**
   * Without an intercept nothing is centered: the elastic net's df at α = 0 is the closed-form
   * ridge's Σd²/(d² + nλ) of the uncentered rows, weighted or not (it was the trace of the
   * centered design, 4.3818 for 4.3852 on these rows at λ = 1, unweighted).
   */
  @Test
  void withoutIntercept_alphaZeroDf_isTheUncenteredRidgeDf() {
    double[] lambdas = {1.0, 0.1, 0.01};
    double[][] x = x();
    double[] y = column(GLM2, "yg");
    for (Observations w : List.of(Observations.none(),
        Observations.ofWeights(column(POIS, "w")))) {
      PathSettings settings = PathSettings.of(0.0).withStandardize(false).withTolerance(1e-14)
          .withLambdas(lambdas).withIntercept(false);
      PathSolution path = ElasticNetPath.fit(Family.GAUSSIAN, x, y, w, settings, names(),
          List.of());
      InformationCriteria net = InformationCriteria.of(path, x, y, w, settings, 1.0);
      InformationCriteria closed = InformationCriteria.of(
          dev.tikhonov.linear.RidgeSvdPath.fitWithoutIntercept(x, y, w, lambdas), y.length);
      for (int l = 0; l < lambdas.length; l++) {
        String at = (w.weights().length > 0 ? "weighted" : "unweighted") + ", λ " + lambdas[l];
        assertEquals(closed.degreesOfFreedom(l), net.degreesOfFreedom(l), 1e-8, at);
        assertEquals(closed.bic(l), net.bic(l), 1e-7, at);
      }
    }
  }
}
