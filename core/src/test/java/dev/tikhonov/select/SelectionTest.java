package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ElasticNetConfig;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.GlmPath;
import dev.tikhonov.linear.ReferenceData;
import dev.tikhonov.linear.Ridge;
import dev.tikhonov.linear.RidgeFit;
import dev.tikhonov.linear.RidgePath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Information criteria and grid search. */
class SelectionTest {
  private static final ReferenceData.Regression DATA = ReferenceData.gauss();

  @Test
  void informationCriteria_lasso_countsNonzerosAndUsesRss() {
    ElasticNetConfig config = ElasticNetConfig.lasso().withStandardize(false).withNlambda(30);
    GlmPath path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    InformationCriteria ic = InformationCriteria.of(path, DATA.x(), DATA.y(), config);
    int n = DATA.y().length;
    double nullRss = n; // y has unit variance (1/n) in gauss.csv
    for (int l = 0; l < path.size(); l++) {
      assertEquals(path.df()[l], ic.df()[l], 0.0);
      assertEquals(nullRss * (1 - path.devRatio()[l]), ic.rss()[l], 1e-6 * n);
      assertEquals(n * Math.log(ic.rss()[l] / n) + Math.log(n) * ic.df()[l], ic.bic()[l], 1e-9);
    }
    assertTrue(ic.bestBic() <= ic.bestAic(), "BIC picks a sparser model (larger λ) than AIC");
  }

  @Test
  void informationCriteria_alphaZero_traceEqualsRidgeDf() {
    double[] lambdas = {1.0, 0.1, 0.01};
    ElasticNetConfig config = ElasticNetConfig.of(0.0).withStandardize(false).withTol(1e-16)
        .withLambdas(lambdas);
    GlmPath path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    InformationCriteria ic = InformationCriteria.of(path, DATA.x(), DATA.y(), config);
    RidgePath ridge = RidgePath.fit(DATA.x(), DATA.y(), lambdas);
    InformationCriteria closed = InformationCriteria.of(ridge, DATA.y().length);
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(ridge.df()[l], ic.df()[l], 1e-9);
      assertEquals(closed.aic()[l], ic.aic()[l], 1e-4);
    }
  }

  @Test
  void gridSearch_picksTheLowestMeanScore_sameWithOneOrTwoThreads() {
    List<Double> lambdas = List.of(10.0, 0.1, 0.001);
    GridSearch.Scorer<Double> scorer = (lambda, train, validation) -> {
      double[][] x = new double[train.length][];
      double[] y = new double[train.length];
      for (int i = 0; i < train.length; i++) {
        x[i] = DATA.x()[train[i]];
        y[i] = DATA.y()[train[i]];
      }
      RidgeFit fit = Ridge.fit(x, y, lambda);
      double s = 0;
      for (int i : validation) {
        double e = DATA.y()[i] - fit.predict(DATA.x()[i]);
        s += e * e;
      }
      return s / validation.length;
    };
    List<GridSearch.Split> splits = GridSearch.kFold(KFold.random(DATA.y().length, 3, 1));
    GridSearch.Result<Double> one = GridSearch.run(lambdas, scorer, splits, 1);
    GridSearch.Result<Double> two = GridSearch.run(lambdas, scorer, splits, 2);
    assertArrayEquals(one.mean(), two.mean(), 0.0);
    for (int i = 0; i < lambdas.size(); i++) {
      assertTrue(one.mean()[one.best()] <= one.mean()[i]);
      assertTrue(one.standardError()[i] > 0);
    }
    assertTrue(one.bestConfig() < 10.0, "heavy shrinkage loses on this data");
    List<GridSearch.Split> holdout = GridSearch.holdout(1000, 0.2, 3);
    assertEquals(200, holdout.get(0).validationRows().length);
    assertEquals(800, holdout.get(0).trainRows().length);
    GridSearch.Result<Double> single = GridSearch.run(lambdas, scorer, holdout, 2);
    assertEquals(0.0, single.standardError()[0]);
  }
}
