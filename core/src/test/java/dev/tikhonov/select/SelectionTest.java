package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.ReferenceData;
import dev.tikhonov.linear.RidgeSolution;
import dev.tikhonov.linear.RidgeSolver;
import dev.tikhonov.linear.RidgeSvdPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Information criteria and grid search. */
class SelectionTest {
  private static final ReferenceData.Regression DATA = ReferenceData.gauss();

  @Test
  void informationCriteria_lasso_countsNonzerosAndUsesRss() {
    PathSettings config = PathSettings.lasso().withStandardize(false).withNumLambdas(30);
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    InformationCriteria ic = InformationCriteria.of(path, DATA.x(), DATA.y(), config);
    int n = DATA.y().length;
    double nullRss = n; // y has unit variance (1/n) in gauss.csv
    for (int l = 0; l < path.size(); l++) {
      assertEquals(path.degreesOfFreedom(l), ic.degreesOfFreedom()[l], 0.0);
      assertEquals(nullRss * (1 - path.devianceRatio(l)), ic.rss()[l], 1e-6 * n);
      assertEquals(n * Math.log(ic.rss()[l] / n) + Math.log(n) * ic.degreesOfFreedom()[l],
          ic.bic()[l], 1e-9);
    }
    assertTrue(ic.bestBic() <= ic.bestAic(), "BIC picks a sparser model (larger λ) than AIC");
  }

  @Test
  void informationCriteria_alphaZero_traceEqualsRidgeDf() {
    double[] lambdas = {1.0, 0.1, 0.01};
    PathSettings config = PathSettings.of(0.0).withStandardize(false).withTolerance(1e-14)
        .withLambdas(lambdas);
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    InformationCriteria ic = InformationCriteria.of(path, DATA.x(), DATA.y(), config);
    RidgeSvdPath ridge = RidgeSvdPath.fit(DATA.x(), DATA.y(), lambdas);
    InformationCriteria closed = InformationCriteria.of(ridge, DATA.y().length);
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(ridge.degreesOfFreedom()[l], ic.degreesOfFreedom()[l], 1e-9);
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
      RidgeSolution fit = RidgeSolver.fit(x, y, lambda);
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
      assertTrue(one.mean()[one.indexMin()] <= one.mean()[i]);
      assertTrue(one.standardError()[i] > 0);
    }
    assertTrue(one.configMin() < 10.0, "heavy shrinkage loses on this data");
    List<GridSearch.Split> holdout = GridSearch.holdout(1000, 0.2, 3);
    assertEquals(200, holdout.get(0).validationRows().length);
    assertEquals(800, holdout.get(0).trainRows().length);
    GridSearch.Result<Double> single = GridSearch.run(lambdas, scorer, holdout, 2);
    assertEquals(0.0, single.standardError()[0]);
  }
}
