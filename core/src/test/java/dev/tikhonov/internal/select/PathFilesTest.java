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
    Random random = new Random(7);
    int n = 200;
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = random.nextGaussian();
      y[i] = 3 * x[i][0] + 0.1 * random.nextGaussian();
    }
    CrossValidation.Fit fit = CrossValidation.path(Family.GAUSSIAN, x, y,
        PathSettings.lasso().withLambdas(2.5, 2.0, 1.5), List.of("x1", "x2"), List.of(),
        KFold.random(n, 5, 1), 1);
    assertEquals(1.5, fit.cv().lambdaMin(), "the minimum at the sequence's end");

    String flags = warning(PathFiles.json(fit.path(), Optional.of(fit.cv())));
    assertTrue(flags.startsWith("lambda_min is the sequence's smallest lambda, 1.50000: "), flags);
    assertTrue(flags.endsWith("; " + PathFiles.FLAGS_REMEDY), flags);

    String fact = warning(PathFiles.json(fit.path(), Optional.of(fit.cv()), ""));
    assertEquals(flags.substring(0, flags.indexOf("; ")), fact);
    assertFalse(fact.contains("--"), fact);
  }

  @SuppressWarnings("unchecked")
  private static String warning(Map<String, Object> json) {
    return (String) ((Map<String, Object>) json.get("cv")).get("lambda_min_warning");
  }
}
