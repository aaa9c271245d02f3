package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ProximalNewtonRefData.Data;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import dev.tikhonov.loss.Family;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pure-L1 multinomial path, ungrouped, with standardization, against glmnet 4.1-6
 * (ref/make_multinomial_lasso_std.R: family = "multinomial", alpha = 1,
 * type.multinomial = "ungrouped", standardize = TRUE, thresh 1e-14): {@link MultinomialGlmnetTest}
 * compares the unstandardized path only. Coefficients on the original scale to
 * {@link BinomialGlmnetTest#COEF_TOL} of the largest at each λ, glmnet's λ sequence reproduced,
 * and λ off by 1 % another path.
 */
class MultinomialLassoStdGlmnetTest {
  private static final Data DATA = ProximalNewtonRefData.data("multi.csv");
  private static final List<String> CLASSES = List.of("0", "1", "2");
  private static final Table REF = ProximalNewtonRefData.read("multi-lasso-std.csv");

  private static PathSolution fit(PathSettings config) {
    return ElasticNetPath.fit(Family.MULTINOMIAL, DATA.x(), DATA.y(), config,
        DATA.featureNames(), CLASSES);
  }

  @Test
  void lassoStandardizedAtGlmnetsLambdas_isGlmnetsPath_andOnePercentOffIsNot() {
    double[] lambdas = ProximalNewtonRefData.lambdas(REF);
    PathSolution path = fit(PathSettings.of(1).withTolerance(BinomialGlmnetTest.FIT_TOL)
        .withLambdas(lambdas));
    double err = BinomialGlmnetTest.maxRelativeError(path, REF, 3);
    System.out.println("multi lasso std, glmnet λ: max relative coefficient error " + err);
    assertTrue(err < BinomialGlmnetTest.COEF_TOL, "max relative error " + err);
    PathSolution off = fit(PathSettings.of(1).withTolerance(BinomialGlmnetTest.FIT_TOL)
        .withLambdas(Arrays.stream(lambdas).map(l -> 1.01 * l).toArray()));
    double offErr = BinomialGlmnetTest.maxRelativeError(off, REF, 3);
    assertTrue(offErr > 10 * BinomialGlmnetTest.COEF_TOL, "λ·1.01 is only " + offErr + " off");
  }

  @Test
  void lassoStandardizedDefaultSequence_isGlmnets() {
    double[] lambdas = ProximalNewtonRefData.lambdas(REF);
    PathSolution path = fit(PathSettings.of(1).withTolerance(BinomialGlmnetTest.FIT_TOL));
    assertEquals(lambdas.length, path.size());
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], path.lambda(l), 1e-12 * lambdas[l], "λ index " + l);
    }
    double err = BinomialGlmnetTest.maxRelativeError(path, REF, 3);
    assertTrue(err < BinomialGlmnetTest.COEF_TOL, "max relative error " + err);
  }
}
