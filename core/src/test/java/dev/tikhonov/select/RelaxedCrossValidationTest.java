package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import dev.tikhonov.linear.ProximalNewtonRefData;
import dev.tikhonov.loss.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * cv.glmnet(relax = TRUE) against glmnet 4.1-6 (ref/make_relax.R: fold ids (i − 1) mod 5 + 1,
 * γ = 0, 0.25, 0.5, 0.75, 1, thresh 1e-14): the mean deviance and its standard error per (λ, γ),
 * and the chosen (λ_min, γ_min), (λ_1se, γ_1se). glmnet scores γ = 0 as γ = 10⁻⁵ (its
 * blend.relaxed's epsilon); the tolerance covers that.
 */
class RelaxedCrossValidationTest {

  static final ProximalNewtonRefData.Relax DATA = ProximalNewtonRefData.relax();

  static KFold folds(int n) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i % 5 + 1;
    }
    return KFold.of(ids);
  }

  private static void check(Family family, String tag, double tolerance) {
    double[] y = family == Family.GAUSSIAN ? DATA.yg() : DATA.yb();
    PathSettings settings = PathSettings.lasso().withStandardize(family == Family.GAUSSIAN)
        .withTolerance(1e-12);
    RelaxedCrossValidation.Fit fit = RelaxedCrossValidation.path(family, DATA.x(), y, settings,
        DATA.names(), List.of(), RelaxedCrossValidation.defaultGammas(), folds(y.length), 2);
    Table ref = ProximalNewtonRefData.read("relax-" + tag + "-cv.csv");
    Table select = ProximalNewtonRefData.read("relax-" + tag + "-cv-select.csv");
    RelaxedCvResult cv = fit.cv();
    int m = ref.rows().length;
    assertEquals(m, cv.lambdas().length);
    double worst = 0;
    for (int g = 0; g < cv.gammas().length; g++) {
      String gamma = format(cv.gammas()[g]);
      int cm = ref.header().indexOf("cvm_" + gamma);
      int cs = ref.header().indexOf("cvsd_" + gamma);
      assertTrue(cm >= 0 && cs >= 0, "columns for γ = " + gamma + " in " + ref.header());
      for (int l = 0; l < m; l++) {
        double cvm = ref.rows()[l][cm];
        double cvsd = ref.rows()[l][cs];
        worst = Math.max(worst, Math.abs(cv.curve(g).mean()[l] - cvm) / cvm);
        worst = Math.max(worst, Math.abs(cv.curve(g).standardError()[l] - cvsd) / cvm);
      }
    }
    System.out.printf("relaxed cv %s: max relative error of cvm and cvsd %.2e; λ_min %.6g γ_min"
        + " %s, λ_1se %.6g γ_1se %s%n", tag, worst, cv.lambdaMin(), cv.gammaMin(),
        cv.lambda1se(), cv.gamma1se());
    assertTrue(worst < tolerance, "cvm/cvsd relative error " + worst);
    double[] r = select.rows()[0];
    assertEquals(r[select.header().indexOf("lambda_min")], cv.lambdaMin(), 1e-9 * r[0]);
    assertEquals(r[select.header().indexOf("gamma_min")], cv.gammaMin(), 0);
    assertEquals(r[select.header().indexOf("lambda_1se")], cv.lambda1se(), 1e-9 * r[0]);
    assertEquals(r[select.header().indexOf("gamma_1se")], cv.gamma1se(), 0);
  }

  /** R's %g of the default γ values: 0, 0.25, 0.5, 0.75, 1. */
  private static String format(double g) {
    return g == Math.rint(g) ? Integer.toString((int) g) : Double.toString(g);
  }

  @Test
  void gaussian_matchesCvGlmnetRelax() {
    check(Family.GAUSSIAN, "gauss", 1e-5);
  }

  @Test
  void binomial_matchesCvGlmnetRelax() {
    check(Family.BINOMIAL, "binom", 1e-4);
  }

  @Test
  void choice_isTheLargestLambdaThenTheLargestGamma() {
    // Two γ, three λ: the minimum 1.0 is reached at λ index 1 for both γ: the larger γ wins.
    CvResult low = CvResult.of(new double[] {3, 2, 1}, new double[][] {{2, 1, 3}, {2, 1, 3}},
        new double[] {1, 1});
    CvResult high = CvResult.of(new double[] {3, 2, 1}, new double[][] {{4, 1, 1.5},
        {4, 1, 1.5}}, new double[] {1, 1});
    RelaxedCvResult r = RelaxedCvResult.of(new double[] {0, 1}, List.of(low, high));
    assertEquals(1, r.indexMin());
    assertEquals(1, r.gammaIndexMin());
    // Identical folds: the standard error is 0, so the 1se choice is the minimum's λ, and
    // there again the larger γ.
    assertEquals(1, r.index1se());
    assertEquals(1, r.gammaIndex1se());
    // With spread: mean 1.5, se 0.5 at λ index 1; the larger λ (mean 2.0) is within one se.
    CvResult spread = CvResult.of(new double[] {3, 2, 1}, new double[][] {{1.9, 1, 3},
        {2.1, 2, 3}}, new double[] {1, 1});
    RelaxedCvResult s = RelaxedCvResult.of(new double[] {0.5}, List.of(spread));
    assertEquals(1, s.indexMin());
    assertEquals(0, s.index1se(), "mean 2.0 at the largest λ is within 1.5 + 0.5");
  }

  @Test
  void gammas_areCheckedAndSorted_andARepeatIsRefusedAsARepeatedLambdaIs() {
    assertArrayEquals(new double[] {0, 0.5, 1}, RelaxedCrossValidation.gammas(1, 0.5, 0), 0);
    assertEquals("gammas must be distinct; 0.5 is given twice (values 2 and 4)", assertThrows(
        InputException.class, () -> RelaxedCrossValidation.gammas(1, 0.5, 0, 0.5)).getMessage());
    InputException e = assertThrows(InputException.class,
        () -> RelaxedCrossValidation.gammas(0, 1.2));
    assertEquals("gammas: every γ must be in [0, 1] (1 the lasso, 0 the unpenalized refit),"
        + " got 1.2", e.getMessage());
    assertThrows(InputException.class, () -> RelaxedCrossValidation.gammas());
  }
}
