package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The gaussian path against glmnet 4.1-6 (reference paths polished to the exact optimum, see
 * test resources ref/README.md): coefficients to 1e-5 relative to the largest coefficient at
 * each λ, with glmnet's λ given and with the solver's own default sequence.
 */
class ElasticNetPathGlmnetTest {
  private static final double TIGHT_TOL = 1e-14;
  private static final double COEF_TOL = 1e-5;
  private static final ReferenceData.Regression DATA = ReferenceData.gauss();

  @Test
  void fit_lassoRawWithGlmnetLambdas_matchesGlmnet() {
    assertMatchesGivenLambdas("gauss-lasso-raw", 1.0, false);
  }

  @Test
  void fit_lassoStandardizedWithGlmnetLambdas_matchesGlmnet() {
    assertMatchesGivenLambdas("gauss-lasso-std", 1.0, true);
  }

  @Test
  void fit_elasticNetWithGlmnetLambdas_matchesGlmnet() {
    assertMatchesGivenLambdas("gauss-enet05-raw", 0.5, false);
  }

  @Test
  void fit_ridgeWithGlmnetLambdas_matchesGlmnet() {
    assertMatchesGivenLambdas("gauss-ridge-raw", 0.0, false);
  }

  @Test
  void fit_lassoRawDefaultSequence_matchesGlmnetLambdasAndCoefficients() {
    assertMatchesDefaultSequence("gauss-lasso-raw", 1.0, false, 0);
  }

  @Test
  void fit_lassoStandardizedDefaultSequence_matchesGlmnetLambdasAndCoefficients() {
    assertMatchesDefaultSequence("gauss-lasso-std", 1.0, true, 0);
  }

  @Test
  void fit_elasticNetDefaultSequence_matchesGlmnetLambdasAndCoefficients() {
    assertMatchesDefaultSequence("gauss-enet05-raw", 0.5, false, 0);
  }

  @Test
  void fit_ridgeDefaultSequence_matchesGlmnetLambdasAndCoefficients() {
    // glmnet's α = 0 file starts at the second λ of its default sequence (see README).
    assertMatchesDefaultSequence("gauss-ridge-raw", 0.0, false, 1);
  }

  private static void assertMatchesGivenLambdas(String name, double alpha, boolean standardize) {
    double[][] ref = ReferenceData.rows(name);
    PathSettings config = PathSettings.of(alpha).withStandardize(standardize)
        .withTolerance(TIGHT_TOL).withLambdas(ReferenceData.lambdas(ref));
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    assertEquals(ref.length, path.size(), "number of λ");
    for (int l = 0; l < ref.length; l++) {
      assertEquals(ref[l][0], path.lambda(l), 0.0, "λ is passed through");
      assertCoefficientsMatch(ref[l], path, l, name);
    }
  }

  private static void assertMatchesDefaultSequence(
      String name, double alpha, boolean standardize, int skip) {
    double[][] ref = ReferenceData.rows(name);
    PathSettings config =
        PathSettings.of(alpha).withStandardize(standardize).withTolerance(TIGHT_TOL);
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    assertEquals(ref.length + skip, path.size(), "path length (glmnet's early stop)");
    for (int l = 0; l < ref.length; l++) {
      assertEquals(ref[l][0], path.lambda(l + skip), 1e-10 * ref[l][0], "λ " + l);
      assertCoefficientsMatch(ref[l], path, l + skip, name);
    }
  }

  private static void assertCoefficientsMatch(double[] ref, PathSolution path, int l, String name) {
    int p = ref.length - 2;
    double scale = 0;
    for (int j = 0; j < p; j++) {
      scale = Math.max(scale, Math.abs(ref[2 + j]));
    }
    double worst = 0;
    double[] b = path.coefficients(l)[0];
    for (int j = 0; j < p; j++) {
      worst = Math.max(worst, Math.abs(b[j] - ref[2 + j]));
    }
    // At λ_max the reference is all zeros; rounding-level coefficients (1e-16) still pass.
    double tolerance = COEF_TOL * Math.max(scale, 1e-9);
    assertTrue(worst <= tolerance, name + " λ index " + l + ": max |b − glmnet| = " + worst
        + " > " + tolerance + "\n ours " + Arrays.toString(b));
    assertEquals(ref[1], path.intercept(l, 0), COEF_TOL * Math.max(1, Math.abs(ref[1])),
        name + " intercept at λ index " + l);
  }
}
