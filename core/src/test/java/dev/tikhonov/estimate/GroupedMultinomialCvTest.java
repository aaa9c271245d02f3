package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.linear.MultinomialPenalty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The grouped multinomial lasso through the estimators: cv.glmnet with
 * {@code type.multinomial = "grouped"} on data/wine.csv with the fold ids of
 * ref/real/wine-foldid.csv at thresh 1e-14 (ref/make_grouped.R), and the refusals of GROUPED
 * for the other families.
 */
class GroupedMultinomialCvTest {

  /** A reference CSV of ref/grouped: header and numbers. */
  private static RealDataGlmnetTest.Table ref(String name) {
    try {
      List<String> lines = Files.readAllLines(
          Path.of("src", "test", "resources", "ref", "grouped", name));
      double[][] rows = new double[lines.size() - 1][];
      for (int i = 1; i < lines.size(); i++) {
        rows[i - 1] = Arrays.stream(lines.get(i).split(",")).mapToDouble(Double::parseDouble)
            .toArray();
      }
      return new RealDataGlmnetTest.Table(List.of(lines.get(0).split(",")), rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * λ of cv.glmnet's curve that every fold's fit reached: at thresh 1e-14 one fold's grouped
   * fit stops at λ #81 ("Convergence for 81th lambda value not reached after maxit=1e7",
   * make_grouped.R's warnings), and cv.glmnet's mean from #81 on leaves that fold out.
   */
  private static final int GLMNET_FOLDS_CONVERGED = 80;

  /**
   * cv.glmnet's CV mean and SE (λ #1–80), λ_min (#64) and λ_1se (#45). glmnet's fold fits are
   * 3e-5·λ from their KKT conditions (make_grouped.R), ours 1e-10: measured 5.0e-5 relative in
   * the CV mean at most (1.0e-5 at λ_min); asserted 1e-4.
   */
  @Test
  void wine_groupedCv_matchesCvGlmnet() {
    Dataset data = Dataset.read(RealDataGlmnetTest.DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS);
    CrossValidatedPath<LinearClassifier> fit = ElasticNetCV.multinomial()
        .multinomialPenalty(MultinomialPenalty.GROUPED).tolerance(1e-10)
        .maxIterations(10_000_000).foldIds(RealDataGlmnetTest.folds("wine", data.numRows()))
        .build().crossValidate(data);
    RealDataGlmnetTest.Table cv = ref("wine-cv.csv");
    double[] lambdas = cv.column(0);
    double[] cvm = cv.column(1);
    double[] cvsd = cv.column(2);
    assertTrue(fit.path().size() >= lambdas.length, fit.path().size() + " λ");
    double worst = 0;
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], fit.path().lambdas()[l], 1e-12 * lambdas[l], "λ #" + (l + 1));
      if (l >= GLMNET_FOLDS_CONVERGED) {
        continue;
      }
      worst = Math.max(worst, Math.abs(fit.mean()[l] - cvm[l]) / cvm[l]);
      assertEquals(cvm[l], fit.mean()[l], 1e-4 * cvm[l], "CV mean at λ #" + (l + 1));
      assertEquals(cvsd[l], fit.standardError()[l], 1e-4 * cvsd[l], "CV SE at λ #" + (l + 1));
    }
    System.out.println("wine grouped cv: largest relative CV mean difference " + worst);
    RealDataGlmnetTest.Table select = ref("wine-cv-select.csv");
    double min = select.value("lambda_min");
    double oneSe = select.value("lambda_1se");
    assertEquals(min, fit.lambdaMin(), 1e-10 * min, "λ_min");
    assertEquals(oneSe, fit.lambda1se(), 1e-10 * oneSe, "λ_1se");
    // Grouped: every feature of the chosen model is in all three classes or in none.
    double[][] b = fit.atMinimum().coefficients();
    for (int j = 0; j < b[0].length; j++) {
      int zeros = 0;
      for (double[] bk : b) {
        zeros += bk[j] == 0 ? 1 : 0;
      }
      assertTrue(zeros == 0 || zeros == b.length, "feature " + j + ": " + zeros + " zeros");
    }
  }

  private static Dataset wine() {
    return Dataset.read(RealDataGlmnetTest.DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS);
  }

  /** Every feature's coefficients at every λ are zero in all classes or in none. */
  private static void assertGrouped(String tag, double[][][] coefficients) {
    for (int l = 0; l < coefficients.length; l++) {
      double[][] b = coefficients[l];
      for (int j = 0; j < b[0].length; j++) {
        int zeros = 0;
        for (double[] bk : b) {
          zeros += bk[j] == 0 ? 1 : 0;
        }
        assertTrue(zeros == 0 || zeros == b.length, tag + ": feature " + j + " at λ #" + (l + 1)
            + ": " + zeros + " of " + b.length + " classes zero");
      }
    }
  }

  /**
   * The relaxed lasso takes the grouped penalty: its γ = 1 path is ElasticNet's grouped path,
   * bit for bit, and its refits (γ = 0) are unpenalized on exactly the lasso's active groups.
   */
  @Test
  void relaxedLasso_grouped_refitsTheActiveGroups() {
    double[] lambdas = {0.3, 0.1, 0.03};
    RelaxedPath<LinearClassifier> relaxed = RelaxedLasso.multinomial()
        .multinomialPenalty(MultinomialPenalty.GROUPED).lambdas(lambdas).build().path(wine());
    RegularizationPath<LinearClassifier> lasso = ElasticNet.multinomial()
        .multinomialPenalty(MultinomialPenalty.GROUPED).lambdas(lambdas).build().path(wine());
    double[][][] ours = relaxed.atGamma(1).coefficients();
    for (int l = 0; l < lambdas.length; l++) {
      for (int k = 0; k < 3; k++) {
        assertArrayEquals(lasso.coefficients()[l][k], ours[l][k], "λ #" + (l + 1));
      }
    }
    double[][][] refit = relaxed.atGamma(0).coefficients();
    assertGrouped("refit", refit);
    // λ #1's 5 active features nearly separate the classes and its unpenalized refit spends the
    // budget of passes before its deviance ratio shows it: a λ the budget interrupts is no fit,
    // so λ #1 keeps the lasso's solution and a note says why; λ #2 and #3 stop on separation
    // (deviance ratio above 0.999) and are refitted where the fit stopped
    assertFalse(relaxed.refitted()[0], "λ #1: its refit ran out of passes");
    // said as the refit's budget, without the setting's name (the CLI prints notes as they are)
    assertEquals("λ #1 (0.300000): the unpenalized refit on 5 active features failed (it ran"
        + " out of the budget of 100000 coordinate passes before it converged), so it is not"
        + " used", relaxed.solution().notes().get(0));
    for (int l = 1; l < lambdas.length; l++) {
      assertTrue(relaxed.refitted()[l], "λ #" + (l + 1) + " refitted");
      for (int j = 0; j < refit[l][0].length; j++) {
        assertEquals(ours[l][0][j] != 0, refit[l][0][j] != 0, "λ #" + (l + 1) + ", feature "
            + j + ": refit on the active groups");
      }
    }
  }

  /** The adaptive lasso takes the grouped penalty: its path is grouped, and says so. */
  @Test
  void adaptiveLasso_grouped_isGrouped() {
    RegularizationPath<LinearClassifier> adaptive = ElasticNet.multinomial()
        .multinomialPenalty(MultinomialPenalty.GROUPED).adaptive().numLambdas(20).build()
        .path(wine());
    assertGrouped("adaptive", adaptive.coefficients());
    assertEquals("grouped", adaptive.provenance().settings().get("multinomial_penalty"));
    RegularizationPath<LinearClassifier> ungrouped = ElasticNet.multinomial().adaptive()
        .numLambdas(20).build().path(wine());
    assertEquals("ungrouped", ungrouped.provenance().settings().get("multinomial_penalty"));
    assertTrue(!Arrays.deepEquals(adaptive.coefficients(), ungrouped.coefficients()),
        "the penalty changed the path");
  }

  @Test
  void grouped_isRefusedByTheEstimatorsOfOtherFamilies() {
    List<Runnable> builds = List.of(
        () -> ElasticNet.gaussian().multinomialPenalty(MultinomialPenalty.GROUPED).build(),
        () -> ElasticNet.binomial().multinomialPenalty(MultinomialPenalty.GROUPED).build(),
        () -> ElasticNetCV.poisson().multinomialPenalty(MultinomialPenalty.GROUPED).build(),
        () -> RelaxedLasso.binomial().multinomialPenalty(MultinomialPenalty.GROUPED).build(),
        () -> ElasticNetCV.multinomial().multinomialPenalty(MultinomialPenalty.GROUPED)
            .upperLimits(1).build());
    for (Runnable build : builds) {
      InputException e = assertThrows(InputException.class, build::run);
      assertEquals("multinomialPenalty", e.setting().orElseThrow(), e.getMessage());
    }
  }
}
