package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stopping rule certifies the answer: at a tight tolerance every λ of the path is within
 * 1e-6 (relative to the largest coefficient) of the exact solution, which {@link ExactSolution}
 * computes independently and certifies by the KKT conditions, for every family.
 */
class CertifiedPathTest {

  @Test
  void fit_lassoWithMoreFeaturesThanRows_isWithin1e6OfTheExactSolutionAtTolerance1e14() {
    // 50 informative features among 1,000, 200 rows: coordinate descent creeps near the end of
    // the path, and glmnet's rule alone (dlx < thr at thr = 1e-14·var(y)) left the path 4.9e-5
    // from the exact solution here (measured before the certificate existed).
    Dataset d = Synthetic.regression().rows(200).features(1000).informative(50).noise(1.0)
        .seed(0).build().data();
    double[][] x = new double[d.numRows()][d.numFeatures()];
    double[] y = new double[d.numRows()];
    for (int i = 0; i < d.numRows(); i++) {
      y[i] = d.target(i);
      for (int j = 0; j < d.numFeatures(); j++) {
        x[i][j] = d.features().get(i, j);
      }
    }
    PathSolution path = ElasticNetPath.fit(x, y, PathSettings.lasso().withTolerance(1e-14),
        d.featureNames());
    double worst = 0;
    for (int l = 0; l < path.size(); l++) {
      assertTrue(path.converged(l), "λ index " + l + ": certificate " + path.certificate(l));
      ExactSolution.Point exact = ExactSolution.gaussian(x, y, path, l, true);
      worst = Math.max(worst, ExactSolution.relativeError(path, l, exact));
    }
    System.out.println("p > n lasso at tolerance 1e-14: " + path.size()
        + " λ, worst relative error to the exact solution " + worst);
    assertTrue(worst < 1e-6, "worst relative error " + worst);
  }

  @Test
  void fit_binomialLasso_isWithin1e6OfTheExactSolutionAtTolerance1e14() {
    ProximalNewtonRefData.Data d = ProximalNewtonRefData.data("binom.csv");
    PathSolution path = ElasticNetPath.fit(Family.BINOMIAL, d.x(), d.y(),
        PathSettings.lasso().withStandardize(false).withTolerance(1e-14), d.featureNames(),
        List.of());
    double worst = 0;
    for (int l = 1; l < path.size(); l++) {
      assertTrue(path.converged(l), "λ index " + l + ": certificate " + path.certificate(l));
      ExactSolution.Point exact = ExactSolution.classification(d.x(), d.y(), path, l, false);
      worst = Math.max(worst, ExactSolution.relativeError(path, l, exact));
    }
    System.out.println("binomial lasso at tolerance 1e-14: " + path.size()
        + " λ, worst relative error to the exact solution " + worst);
    assertTrue(worst < 1e-6, "worst relative error " + worst);
  }

  @Test
  void fit_multinomialLasso_isWithin1e6OfTheExactSolutionAtTolerance1e14() {
    ProximalNewtonRefData.Data d = ProximalNewtonRefData.data("multi.csv");
    PathSolution path = ElasticNetPath.fit(Family.MULTINOMIAL, d.x(), d.y(),
        PathSettings.lasso().withTolerance(1e-14), d.featureNames(), List.of());
    double worst = 0;
    for (int l = 1; l < path.size(); l++) {
      assertTrue(path.converged(l), "λ index " + l + ": certificate " + path.certificate(l));
      ExactSolution.Point exact = ExactSolution.classification(d.x(), d.y(), path, l, true);
      worst = Math.max(worst, ExactSolution.relativeError(path, l, exact));
    }
    System.out.println("multinomial lasso at tolerance 1e-14: " + path.size()
        + " λ, worst relative error to the exact solution " + worst);
    assertTrue(worst < 1e-6, "worst relative error " + worst);
  }
}
