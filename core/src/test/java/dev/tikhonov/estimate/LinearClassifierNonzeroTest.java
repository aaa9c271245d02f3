package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import org.junit.jupiter.api.Test;

/**
 * A fitted classifier says how many features it uses, as a {@link LinearModel} does: at every λ
 * of a lasso path, {@link LinearClassifier#nonzeroCoefficients()} is the path's own count,
 * glmnet's df (for multinomial, the features nonzero in any class, not the nonzeros summed over
 * the classes).
 */
class LinearClassifierNonzeroTest {
  static void assertPathsCount(RegularizationPath<LinearClassifier> path, boolean multinomial) {
    int[] df = path.solution().degreesOfFreedom();
    boolean someSelected = false;
    boolean classesDiffer = false;
    for (int l = 0; l < path.size(); l++) {
      LinearClassifier model = path.atIndex(l);
      assertEquals(df[l], model.nonzeroCoefficients(), "λ index " + l);
      int summed = 0;
      for (double[] vector : model.coefficients()) {
        for (double b : vector) {
          summed += b != 0 ? 1 : 0;
        }
      }
      someSelected |= df[l] > 0 && df[l] < model.featureNames().size();
      classesDiffer |= summed > df[l];
    }
    assertTrue(someSelected, "some λ selects some but not all features");
    assertEquals(multinomial, classesDiffer, "a multinomial path has a feature nonzero in more"
        + " than one class somewhere, a binomial one has one vector");
  }

  @Test
  void binomialLasso_countsItsNonzeroCoefficients() {
    Dataset data = Synthetic.classification().rows(200).features(12).informative(4).classes(2)
        .seed(5).build();
    assertPathsCount(ElasticNet.binomial().l1Ratio(1).build().path(data), false);
  }

  @Test
  void multinomialLasso_countsFeaturesNonzeroInAnyClass() {
    Dataset data = Synthetic.classification().rows(300).features(12).informative(4).classes(3)
        .seed(5).build();
    assertPathsCount(ElasticNet.multinomial().l1Ratio(1).build().path(data), true);
  }
}
