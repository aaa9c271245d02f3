package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.select.InformationCriteria;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link ElasticNet#informationCriteria(RegularizationPath, Dataset)} takes what
 * {@link ElasticNet#path} returns and gives the criteria of its solution (the formulas are
 * checked against R and exact counts in dev.tikhonov.select's tests), on sparse data as on the
 * same values dense; its best index picks the path's model.
 */
class PathInformationCriteriaTest {
  private static void assertSame(InformationCriteria a, InformationCriteria b) {
    assertArrayEquals(a.degreesOfFreedom(), b.degreesOfFreedom(), 1e-9);
    assertArrayEquals(a.aic(), b.aic(), 1e-7);
    assertArrayEquals(a.bic(), b.bic(), 1e-7);
    assertArrayEquals(a.extendedBic(), b.extendedBic(), 1e-7);
    assertEquals(a.n(), b.n());
  }

  @Test
  void informationCriteria_ofThePath_areThoseOfItsSolution_andPickItsModel() {
    Dataset data = Synthetic.regression().rows(100).features(5).informative(2).noise(1)
        .seed(0).build().data();
    ElasticNet<LinearModel> lasso = ElasticNet.gaussian().build();
    RegularizationPath<LinearModel> path = lasso.path(data);
    InformationCriteria ic = lasso.informationCriteria(path, data);
    assertSame(lasso.informationCriteria(path.solution(), data), ic);
    int best = ic.bestBic();
    assertEquals(ic.degreesOfFreedom(best), path.atIndex(best).nonzeroCoefficients(),
        "a lasso's df is its model's nonzero count");
    assertEquals(path.lambdas()[best], path.atIndex(best).lambda(), 0);
  }

  @Test
  void informationCriteria_onSparseClasses_equalTheDenseOnes() {
    double[][] x = SparseEstimatorsTest.dense();
    int[] labels = Arrays.stream(SparseEstimatorsTest.target(x, true)).mapToInt(v -> (int) v)
        .toArray();
    Dataset dense = Dataset.ofClasses(x, labels);
    Dataset sparse = Dataset.sparseClasses(SparseMatrix.fromDense(x, x[0].length), labels);
    ElasticNet<LinearClassifier> lasso = ElasticNet.binomial().tolerance(1e-13).build();
    assertSame(lasso.informationCriteria(lasso.path(dense), dense),
        lasso.informationCriteria(lasso.path(sparse), sparse));
  }
}
