package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LinearBuilder#lowerLimits}/{@link LinearBuilder#upperLimits} in the estimators. */
class BoundedEstimatorsTest {

  /** The Poisson data (x1..x8, counts) of ref/pois.csv with the w and off columns. */
  private static Dataset data() {
    return PoissonEstimatorsTest.withColumns();
  }

  @Test
  void elasticNet_withLimits_isTheBoundedPath_andRecordsThem() {
    Dataset data = data();
    RegularizationPath<LinearModel> path = ElasticNet.poisson().weightColumn("w")
        .offsetColumn("off").lowerLimits(0).upperLimits(0.3).numLambdas(15).build()
        .path(data);
    double[][] x = new double[data.numRows()][8];
    double[] w = new double[data.numRows()];
    double[] off = new double[data.numRows()];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(data.featureRows()[i], 0, x[i], 0, 8);
      w[i] = data.featureRows()[i][8];
      off[i] = data.featureRows()[i][9];
    }
    PathSolution direct = ElasticNetPath.fit(Family.POISSON, x, data.targets(),
        dev.tikhonov.linear.Observations.ofWeights(w).withOffsets(off),
        PathSettings.lasso().withNumLambdas(15).withLowerLimits(0).withUpperLimits(0.3),
        data.featureNames().subList(0, 8), List.of());
    assertEquals(direct.size(), path.size());
    for (int l = 0; l < path.size(); l++) {
      assertArrayEquals(direct.coefficients(l)[0], path.coefficients()[l][0], 0);
      for (double b : path.coefficients()[l][0]) {
        assertTrue(b >= 0 && b <= 0.3, "in the box: " + b);
      }
    }
    assertEquals(List.of(0.0), path.provenance().settings().get("lower_limits"));
    assertEquals(List.of(0.3), path.provenance().settings().get("upper_limits"));
  }

  @Test
  void elasticNetCv_withLimits_crossValidatesTheBoundedPath() {
    Dataset data = data();
    int[] ids = new int[data.numRows()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i % 4 + 1;
    }
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.poisson().weightColumn("w")
        .offsetColumn("off").lowerLimits(0).foldIds(ids).numLambdas(20).threads(1).build()
        .crossValidate(data);
    for (double[][][] at : new double[][][][] {cv.path().coefficients()}) {
      for (double[][] b : at) {
        for (double v : b[0]) {
          assertTrue(v >= 0, "non-negative: " + v);
        }
      }
    }
    assertTrue(cv.lambdaMin() <= cv.lambda1se());
  }
}
