package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.Shortfall;
import dev.tikhonov.loss.Family;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * cv.glmnet (4.1-6) with a λ sequence of one's own where one fold's path ends early
 * (ref/make_cv_short_fold.R): 8 λ, 3 folds, glmnet's maxit 2000 cuts fold 2 at λ #7, so that
 * fold has 6 fits. cv.glmnet scores it at λ #7 and #8 with its 6th fit and counts it in the
 * standard error's N there (N = K = 3 at every λ). Our budget of 7000 passes cuts the same fold
 * at the same λ while the full path and the other folds fit all 8 (measured: budgets from 6500
 * to 7500 do; below 6500 the budget also cuts the full path at its λ #8, which the path now
 * drops as glmnet does, and from 8000 on fold 2 completes λ #7). Before, the fold was left out
 * of N at #7 and #8 (a standard error √2 too large there) and scored with the fit its budget
 * had cut short.
 */
class CvShortFoldGlmnetTest {
  private static final int BUDGET = 7000;
  private static final Data DATA = Data.read();

  private record Data(double[][] x, double[] y, int[] fold, double[][] cv,
      double[][] defaultCv) {
    static Data read() {
      double[][] rows = csv("gauss-short.csv");
      int n = rows.length;
      double[][] x = new double[n][];
      double[] y = new double[n];
      int[] fold = new int[n];
      for (int i = 0; i < n; i++) {
        x[i] = java.util.Arrays.copyOf(rows[i], 8);
        y[i] = rows[i][8];
        fold[i] = (int) rows[i][9];
      }
      return new Data(x, y, fold, csv("gauss-short-cv.csv"),
          csv("gauss-short-default-cv.csv"));
    }

    double[] lambdas() {
      double[] out = new double[cv.length];
      for (int l = 0; l < cv.length; l++) {
        out[l] = cv[l][0];
      }
      return out;
    }
  }

  private static double[][] csv(String name) {
    String resource = "/ref/cvshort/" + name;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        CvShortFoldGlmnetTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      return in.lines().skip(1).map(line -> java.util.Arrays.stream(line.split(","))
          .mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PathSettings settings() {
    return PathSettings.lasso().withLambdas(DATA.lambdas()).withTolerance(1e-10)
        .withMaxIterations(BUDGET);
  }

  private static List<String> names() {
    return List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8");
  }

  /** Only fold 2's path fell short, on the budget of passes, at λ #7 (glmnet's fold too). */
  private static void assertFold2CutAtLambda7(CvResult cv) {
    assertFold2Cut(cv, 7);
  }

  /** Only fold 2's path fell short, on the budget of passes, at its own λ #{@code at}. */
  private static void assertFold2Cut(CvResult cv, int at) {
    CvShortfall shortfall = cv.shortfall().orElseThrow();
    assertEquals(List.of(2), shortfall.pathFolds());
    Shortfall fold2 = shortfall.folds().get(0).path().orElseThrow();
    assertEquals(Shortfall.Kind.PASS_BUDGET, fold2.kind());
    assertEquals(at, fold2.lambdaNumber());
    assertEquals(at - 1, fold2.fitted(), "the λ the budget interrupted is dropped, as glmnet's");
  }

  /**
   * The standard error counts every fold at every λ (N = K = 3; the folds' weights are their
   * 20 rows each), then the mean, the standard error and each fold's held-out MSE are
   * cv.glmnet's at every λ.
   */
  private static void assertCvGlmnets(CvResult cv, String what) {
    assertCvGlmnets(cv, DATA.cv(), what);
  }

  private static void assertCvGlmnets(CvResult cv, double[][] reference, String what) {
    assertEquals(reference.length, cv.numLambdas());
    for (int l = 0; l < cv.numLambdas(); l++) {
      double mean = (cv.foldLoss(0, l) + cv.foldLoss(1, l) + cv.foldLoss(2, l)) / 3;
      double squares = 0;
      for (int k = 0; k < 3; k++) {
        squares += Math.pow(cv.foldLoss(k, l) - mean, 2);
      }
      assertEquals(Math.sqrt(squares / 3 / (3 - 1)), cv.standardError(l),
          1e-12 * cv.standardError(l), what + ": N = 3 in the standard error at λ #" + (l + 1));
    }
    for (int l = 0; l < cv.numLambdas(); l++) {
      assertEquals(reference[l][0], cv.lambda(l), 1e-10 * reference[l][0], what + ": λ");
      double[] ref = reference[l];
      for (int k = 0; k < 3; k++) {
        assertEquals(ref[3 + k], cv.foldLoss(k, l), 1e-6 * ref[3 + k],
            what + ": fold " + (k + 1) + " at λ #" + (l + 1));
      }
      assertEquals(ref[1], cv.mean(l), 1e-6 * ref[1], what + ": mean at λ #" + (l + 1));
      assertEquals(ref[2], cv.standardError(l), 1e-5 * ref[2],
          what + ": standard error at λ #" + (l + 1));
    }
  }

  @Test
  void sameLambdas_foldCutByThePassBudget_isCountedAndScoredAsCvGlmnet() {
    CvResult cv = CrossValidation.path(Family.GAUSSIAN, DATA.x(), DATA.y(), settings(),
        names(), List.of(), KFold.of(DATA.fold()), CrossValidation.Alignment.SAME_LAMBDAS, 1)
        .cv();
    assertFold2CutAtLambda7(cv);
    assertCvGlmnets(cv, "rows");
    // the stand-in: fold 2's 6th fit, the last its budget completed
    assertEquals(cv.foldLoss(1, 5), cv.foldLoss(1, 6));
    assertEquals(cv.foldLoss(1, 5), cv.foldLoss(1, 7));
  }

  @Test
  void fromSufficientStatistics_foldCutByThePassBudget_isCountedAndScoredAsCvGlmnet() {
    KFold folds = KFold.of(DATA.fold());
    CvResult cv = CrossValidation.gaussian(FoldStatistics.of(DATA.x(), DATA.y(), folds),
        settings(), names(), CrossValidation.Alignment.SAME_LAMBDAS, 1).cv();
    assertFold2CutAtLambda7(cv);
    assertCvGlmnets(cv, "statistics");
  }

  /** γ = 1 is the lasso: the relaxed CV's curve there is cv.glmnet's lasso curve. */
  @Test
  void relaxed_foldCutByThePassBudget_isCountedAndScoredAsCvGlmnetAtGammaOne() {
    RelaxedCvResult relaxed = RelaxedCrossValidation.path(Family.GAUSSIAN, DATA.x(), DATA.y(),
        settings(), names(), List.of(), new double[] {0.5, 1}, KFold.of(DATA.fold()), 1).cv();
    CvResult lasso = relaxed.curve(1);
    assertFold2CutAtLambda7(lasso);
    assertCvGlmnets(lasso, "relaxed, γ = 1");
    CvResult half = relaxed.curve(0);
    for (int l = 6; l < 8; l++) {
      assertEquals(half.foldLoss(1, 5), half.foldLoss(1, l), "γ = 0.5: fold 2's stand-in");
    }
    assertTrue(half.standardError(7) > 0);
  }

  /**
   * The default sequence (cv.glmnet's alignment "lambda"): a budget of 2000 passes, glmnet's and
   * ours, cuts fold 2's own path at its own λ #53, after 52 fits (89 without the cut; the full
   * path and the other folds stop by glmnet's deviance rule, at 63, 65 and 63 λ, both). The full
   * path's λ below fold 2's 52nd are scored at that fit, as glmnet's predict(s = lambda) clamps
   * them; before, the interpolation reached for the fit the budget cut short.
   */
  @Test
  void defaultSequence_foldCutByThePassBudget_isInterpolatedAsCvGlmnet() {
    PathSettings settings = PathSettings.lasso().withTolerance(1e-10).withMaxIterations(2000);
    KFold folds = KFold.of(DATA.fold());
    CvResult rows = CrossValidation.path(Family.GAUSSIAN, DATA.x(), DATA.y(), settings, names(),
        List.of(), folds, CrossValidation.Alignment.INTERPOLATE, 1).cv();
    assertFold2Cut(rows, 53);
    assertCvGlmnets(rows, DATA.defaultCv(), "default sequence, rows");
    CvResult statistics = CrossValidation.gaussian(FoldStatistics.of(DATA.x(), DATA.y(), folds),
        settings, names(), CrossValidation.Alignment.INTERPOLATE, 1).cv();
    assertFold2Cut(statistics, 53);
    assertCvGlmnets(statistics, DATA.defaultCv(), "default sequence, statistics");
    CvResult relaxed = RelaxedCrossValidation.path(Family.GAUSSIAN, DATA.x(), DATA.y(),
        settings, names(), List.of(), new double[] {1}, folds, 1).cv().curve(0);
    assertFold2Cut(relaxed, 53);
    assertCvGlmnets(relaxed, DATA.defaultCv(), "default sequence, relaxed γ = 1");
  }
}
