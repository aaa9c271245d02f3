package dev.tikhonov.internal.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.KFold;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathFilesTest {

  /**
   * A lasso sequence of three large λ on y = 3x₁ + noise (λ_max = 3) ends while the held-out
   * loss still falls: path.json's λ_min warning names the path commands' flags by default, and
   * states the fact alone with an empty remedy (an experiment's, whose user sets no sequence).
   */
  @Test
  void lambdaMinWarning_namesTheFlagsOnlyWhenAsked() {
    CrossValidation.Fit fit = lasso(0, 2.5, 2.0, 1.5);
    assertEquals(1.5, fit.cv().lambdaMin(), "the minimum at the sequence's end");

    String flags = warning(PathFiles.json(fit.path(), Optional.of(fit.cv())));
    assertTrue(flags.startsWith("lambda_min is the sequence's smallest lambda, 1.5: "), flags);
    assertTrue(flags.endsWith("; " + PathFiles.FLAGS_REMEDY), flags);

    String fact = warning(PathFiles.json(fit.path(), Optional.of(fit.cv()), ""));
    assertEquals(flags.substring(0, flags.indexOf("; ")), fact);
    assertFalse(fact.contains("--"), fact);
  }

  /**
   * The null model's dev_ratio at λ_max is 0 up to rounding, −9.7e-16 on diabetes: the table
   * printed it as "-0.0000", a negative ratio; a small negative that rounds to zero prints
   * 0.0000, a ratio that does not round to zero keeps its sign.
   */
  @Test
  void summary_printsARatioThatRoundsToZeroWithoutItsMinusSign() {
    dev.tikhonov.linear.PathSolution p = lasso(0, 2.5, 2.0, 1.5).path();
    double[] ratio = {-9.7e-16, -0.0012, p.devianceRatio(2)};
    dev.tikhonov.linear.PathSolution edited = new dev.tikhonov.linear.PathSolution(p.family(),
        p.l1Ratio(), p.multinomialPenalty(), p.lambdas(), p.intercepts(), p.coefficients(),
        p.degreesOfFreedom(), ratio, p.nullDeviance(), p.tolerance(), p.converged(),
        p.passes(), p.certificate(), p.featureNames(), p.classNames(), p.end());
    List<String> rows = PathFiles.summary(edited, Optional.empty(), java.nio.file.Path.of("out"))
        .lines().skip(1).toList();
    assertTrue(rows.get(0).matches("2\\.5 +[0-9]+ +0\\.0000 .*"), rows.get(0));
    assertTrue(rows.get(1).matches("2\\.0 +[0-9]+ +-0\\.0012 .*"), rows.get(1));
  }

  /**
   * A 5-fold cross-validated lasso on {@code lambdas} of y = 3x₁ + {@code b2}·x₂ + noise
   * (200 rows, seed 7).
   */
  private static CrossValidation.Fit lasso(double b2, double... lambdas) {
    Random random = new Random(7);
    int n = 200;
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = random.nextGaussian();
      y[i] = 3 * x[i][0] + b2 * x[i][1] + 0.1 * random.nextGaussian();
    }
    return CrossValidation.path(Family.GAUSSIAN, x, y, PathSettings.lasso().withLambdas(lambdas),
        List.of("x1", "x2"), List.of(), KFold.random(n, 5, 1), 1);
  }

  /**
   * λ_min = 0, the end of every sequence that reaches it, has no smaller λ to try: no warning
   * (it said "a smaller lambda may predict better" and advised smaller values in --lambdas).
   */
  @Test
  void lambdaMinWarning_atLambdaZero_isNotGiven() {
    CrossValidation.Fit fit = lasso(2, 0.5, 0.0);
    assertEquals(0.0, fit.cv().lambdaMin(), "the minimum at λ = 0");
    assertFalse(fit.path().lastOfFullSequence(fit.cv().indexMin()));
    Map<String, Object> json = PathFiles.json(fit.path(), Optional.of(fit.cv()));
    assertTrue(((Map<?, ?>) json.get("cv")).containsKey("lambda_min_warning"), "the field");
    assertEquals(null, warning(json));
  }

  /**
   * A binomial lasso cross-validated by the AUC on three large λ, where the ranking still
   * improves at the last: path.json names the measure, the printed λ line says the means are
   * AUCs, largest at λ_min, and the warning at the sequence's end says the mean AUC was still
   * rising, not that a loss was falling.
   */
  @Test
  void aucPath_namesItsMeasureInJsonSummaryAndWarning() {
    Random random = new Random(11);
    int n = 300;
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = random.nextGaussian();
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-2 * x[i][0] - 1.5 * x[i][1])) ? 1 : 0;
    }
    PathSettings settings = PathSettings.lasso();
    double lambdaMax = CrossValidation.path(Family.BINOMIAL, x, y, settings.withNumLambdas(2),
        List.of("x1", "x2"), List.of("0", "1"), KFold.random(n, 5, 1), 1).path().lambda(0);
    CrossValidation.Fit fit = CrossValidation.path(Family.BINOMIAL, x, y,
        dev.tikhonov.linear.Observations.none(), settings.withLambdas(0.9 * lambdaMax,
            0.4 * lambdaMax, 0.05 * lambdaMax), List.of("x1", "x2"), List.of("0", "1"),
        KFold.random(n, 5, 1), CrossValidation.Alignment.INTERPOLATE,
        dev.tikhonov.select.CvMeasure.AUC, 1);
    assertEquals(2, fit.cv().indexMin(), "the largest mean AUC at the sequence's end: "
        + java.util.Arrays.toString(fit.cv().mean()));
    @SuppressWarnings("unchecked")
    Map<String, Object> cv = (Map<String, Object>) PathFiles.json(fit.path(),
        Optional.of(fit.cv())).get("cv");
    assertEquals("auc", cv.get("measure"));
    String warning = warning(PathFiles.json(fit.path(), Optional.of(fit.cv())));
    assertTrue(warning.contains(": the mean AUC was still rising where the sequence ended"),
        warning);
    String summary = PathFiles.summary(fit.path(), Optional.of(fit.cv()),
        java.nio.file.Path.of("out"));
    assertTrue(summary.lines().reduce((a, b) -> b).orElseThrow().endsWith("; cv_mean: the AUC"
        + " averaged over the folds, largest at lambda_min"), summary);
  }

  @SuppressWarnings("unchecked")
  private static String warning(Map<String, Object> json) {
    return (String) ((Map<String, Object>) json.get("cv")).get("lambda_min_warning");
  }
}
