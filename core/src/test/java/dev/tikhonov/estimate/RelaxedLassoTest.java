package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.ProximalNewtonRefData;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.AdaptivePenalty;
import dev.tikhonov.select.KFold;
import dev.tikhonov.select.RelaxedCrossValidation;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public face of the relaxed and adaptive lasso: {@link RelaxedLasso} gives the core's
 * relaxed fit and cross-validation with plain {@link LinearModel}s at (λ, γ), and
 * {@link ElasticNetCV} with the adaptive setting gives the adaptive path.
 */
class RelaxedLassoTest {
  @TempDir Path dir;

  static Dataset data() {
    ProximalNewtonRefData.Relax r = ProximalNewtonRefData.relax();
    return Dataset.of(r.x(), r.yg(), r.names());
  }

  static int[] foldIds(int n) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i % 5 + 1;
    }
    return ids;
  }

  @Test
  void crossValidate_isTheCoreCrossValidation_andItsModelsAreTheBlends() {
    Dataset d = data();
    CrossValidatedRelaxedPath<LinearModel> cv = RelaxedLasso.gaussian().tolerance(1e-10)
        .foldIds(foldIds(d.numRows())).threads(2).build().crossValidate(d);
    RelaxedCrossValidation.Fit core = RelaxedCrossValidation.path(Family.GAUSSIAN,
        d.featureRows(), d.targets(), PathSettings.lasso().withTolerance(1e-10),
        d.featureNames(), List.of(), RelaxedCrossValidation.defaultGammas(),
        KFold.of(foldIds(d.numRows())), 1);
    assertEquals(core.cv().lambdaMin(), cv.lambdaMin(), 0);
    assertEquals(core.cv().gammaMin(), cv.gammaMin(), 0);
    assertEquals(core.cv().lambda1se(), cv.lambda1se(), 0);
    assertEquals(core.cv().gamma1se(), cv.gamma1se(), 0);
    LinearModel min = cv.atMinimum();
    PathSolution blend = core.fit().blend(core.cv().gammaMin());
    assertArrayEquals(blend.coefficients(core.cv().indexMin())[0], min.coefficients(), 1e-15);
    assertEquals(blend.intercept(core.cv().indexMin(), 0), min.intercept(), 1e-15);
    assertEquals(cv.gammaMin(), ((Number) min.provenance().settings().get("gamma"))
        .doubleValue(), 0);
    assertEquals(cv.lambdaMin(), min.lambda(), 0);
    // Its predictions are the blend's, and the model saves and loads as any linear model.
    double[] yhat = min.predict(d.featureRows());
    assertEquals(blend.means(d.featureRows(), core.cv().indexMin())[3], yhat[3], 1e-12);
    Path file = dir.resolve("relaxed.safetensors");
    min.save(file);
    assertArrayEquals(yhat, Predictor.load(file).predict(d.featureRows()), 1e-12);
    // γ = 1's curve is the plain lasso's; fit() keeps the rule's pair.
    CrossValidatedPath<LinearModel> lasso = cv.atGamma(1);
    assertArrayEquals(cv.path().lasso().coefficients()[4][0], lasso.path().coefficients()[4][0],
        0);
    assertThrows(InputException.class, () -> cv.atGamma(0.3));
  }

  @Test
  void path_modelAtLambdaAndGamma_isTheBlend() {
    Dataset d = data();
    RelaxedPath<LinearModel> path = RelaxedLasso.gaussian().numLambdas(20).build().path(d);
    int l = 10;
    double[] lassoB = path.lasso().atIndex(l).coefficients();
    double[] refit = path.atGamma(0).atIndex(l).coefficients();
    double[] half = path.atIndex(l, 0.5).coefficients();
    for (int j = 0; j < lassoB.length; j++) {
      assertEquals(0.5 * lassoB[j] + 0.5 * refit[j], half[j], 1e-14);
      assertEquals(lassoB[j] != 0, refit[j] != 0, "the refit keeps the active set");
    }
    InputException e = assertThrows(InputException.class, () -> path.atIndex(l, 1.5));
    assertTrue(e.getMessage().startsWith("gamma must be in [0, 1]"), e.getMessage());
  }

  /**
   * The builder's default is glmnet's γ, and RelaxedCrossValidation.defaultGammas() hands out a
   * new array each time: a caller who writes into the one it got changes no later default.
   */
  @Test
  void defaultGammas_areGlmnets_andWritingIntoOneChangesNoLaterDefault() {
    double[] got = RelaxedCrossValidation.defaultGammas();
    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, got, 0.0);
    assertArrayEquals(got, RelaxedLasso.gaussian().build().gammas(), 0.0);
    got[0] = 0.125;
    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1},
        RelaxedCrossValidation.defaultGammas(), 0.0);
    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1},
        RelaxedLasso.gaussian().build().gammas(), 0.0);
  }

  @Test
  void badSettings_areErrorsNamingTheSetting() {
    InputException e = assertThrows(InputException.class,
        () -> RelaxedLasso.gaussian().l1Ratio(0).build());
    assertTrue(e.getMessage().startsWith("l1Ratio (α) is 0: a ridge path has no active set"),
        e.getMessage());
    e = assertThrows(InputException.class, () -> RelaxedLasso.gaussian().gammas(0, 2));
    assertTrue(e.getMessage().startsWith("gammas: every γ must be in [0, 1]"), e.getMessage());
    e = assertThrows(InputException.class,
        () -> ElasticNet.gaussian().adaptive(AdaptivePenalty.Pilot.RIDGE, -1));
    assertEquals("adaptivePower must be positive and finite, got -1.0", e.getMessage());
  }

  @Test
  void adaptiveElasticNetCV_selectsZousSupport() {
    // Zou (2006)'s inconsistent-lasso design (select.AdaptivePenaltyTest compares with the
    // lasso over 20 data sets).
    double r1 = -0.39;
    double r2 = 0.23;
    double[][] c = {{1, r1, r1, r2}, {r1, 1, r1, r2}, {r1, r1, 1, r2}, {r2, r2, r2, 1}};
    double[][] chol = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j <= i; j++) {
        double s = c[i][j];
        for (int k = 0; k < j; k++) {
          s -= chol[i][k] * chol[j][k];
        }
        chol[i][j] = i == j ? Math.sqrt(s) : s / chol[j][j];
      }
    }
    int n = 500;
    Random random = new Random(7);
    double[][] x = new double[n][4];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double[] z = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(),
          random.nextGaussian()};
      for (int j = 0; j < 4; j++) {
        for (int k = 0; k <= j; k++) {
          x[i][j] += chol[j][k] * z[k];
        }
        y[i] += (j < 3 ? 5.6 : 0) * x[i][j];
      }
      y[i] += random.nextGaussian();
    }
    Dataset d = Dataset.of(x, y);
    LinearModel adaptive = ElasticNetCV.gaussian().adaptive().rule(
        SelectionRule.ONE_STANDARD_ERROR).threads(2).build().fit(d);
    double[] b = adaptive.coefficients();
    assertTrue(b[0] != 0 && b[1] != 0 && b[2] != 0 && b[3] == 0, java.util.Arrays.toString(b));
    assertEquals("ridge", adaptive.provenance().settings().get("adaptive_pilot"));
  }
}
