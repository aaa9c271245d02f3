package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.ProximalNewtonRefData;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AIC, BIC and EBIC for the non-gaussian families, from definitions computed here. */
class GlmInformationCriteriaTest {
  static double[][] x;
  static double[] y;
  static List<String> names = new ArrayList<>();

  static {
    ProximalNewtonRefData.Table t = ProximalNewtonRefData.read("pois.csv");
    int n = t.rows().length;
    x = new double[n][8];
    y = new double[n];
    for (int j = 0; j < 8; j++) {
      names.add("x" + (j + 1));
    }
    for (int i = 0; i < n; i++) {
      System.arraycopy(t.rows()[i], 0, x[i], 0, 8);
      y[i] = t.rows()[i][8];
    }
  }

  private static double logChoose(int p, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(p - k + i) - Math.log(i);
    }
    return s;
  }

  @Test
  void poissonLasso_isTheDevianceWithNonzeroCount() {
    PathSettings settings = PathSettings.lasso().withNumLambdas(30).withTolerance(1e-10);
    PathSolution path = ElasticNetPath.fit(Family.POISSON, x, y, settings, names, List.of());
    InformationCriteria ic = InformationCriteria.of(path, x, y, settings);
    int n = y.length;
    for (int l = 0; l < path.size(); l++) {
      double[] mu = path.means(x, l);
      double d = 0;
      for (int i = 0; i < n; i++) {
        d += 2 * ((y[i] > 0 ? y[i] * Math.log(y[i] / mu[i]) : 0) - (y[i] - mu[i]));
      }
      int df = path.degreesOfFreedom(l);
      assertEquals(df, ic.degreesOfFreedom()[l], 0);
      assertEquals(d + 2 * df, ic.aic()[l], 1e-8 * d);
      assertEquals(d + Math.log(n) * df, ic.bic()[l], 1e-8 * d);
      assertEquals(ic.bic()[l] + 2 * logChoose(8, df), ic.extendedBic()[l], 1e-8 * d);
      assertTrue(Double.isNaN(ic.rss()[l]));
    }
    assertTrue(ic.bestExtendedBic() <= ic.bestBic() && ic.bestBic() <= ic.bestAic(),
        "EBIC ≤ BIC ≤ AIC in model size: " + ic.bestExtendedBic() + " " + ic.bestBic() + " "
            + ic.bestAic());
  }

  @Test
  void binomialRidge_effectiveDfFallsWithLambda_andReachesPAtTinyLambda() {
    double[] labels = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      labels[i] = y[i] > 3 ? 1 : 0;
    }
    double[] lambdas = {10, 1, 0.1, 0.01, 1e-7};
    PathSettings settings = PathSettings.of(0).withLambdas(lambdas).withTolerance(1e-12);
    PathSolution path = ElasticNetPath.fit(Family.BINOMIAL, x, labels, settings, names,
        List.of());
    InformationCriteria ic = InformationCriteria.of(path, x, labels, settings);
    for (int l = 1; l < lambdas.length; l++) {
      assertTrue(ic.degreesOfFreedom()[l] > ic.degreesOfFreedom()[l - 1],
          "df grows as λ falls: " + java.util.Arrays.toString(ic.degreesOfFreedom()));
    }
    assertTrue(ic.degreesOfFreedom()[0] > 0 && ic.degreesOfFreedom()[0] < 8);
    assertEquals(8, ic.degreesOfFreedom()[lambdas.length - 1], 1e-4);
  }

  @Test
  void logGamma_matchesFactorials() {
    double logFactorial = 0;
    for (int k = 1; k <= 40; k++) {
      logFactorial += Math.log(k);
      assertEquals(logFactorial, InformationCriteria.logGamma(k + 1), 1e-10 * (1 + logFactorial));
    }
    assertEquals(0.5 * Math.log(Math.PI), InformationCriteria.logGamma(0.5), 1e-13);
  }
}
