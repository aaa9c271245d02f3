package dev.tikhonov.estimate;

import static dev.tikhonov.estimate.RealDataGlmnetTest.folds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.RelaxedCvResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The measure set on the estimators' builders reaches every cross-validation route: the relaxed
 * lasso's, the adaptive lasso's, the gaussian statistics' route and the rows' route, and the
 * provenance; a measure the family does not take is refused when the estimator is built.
 */
class CvMeasureEstimatorsTest {

  /** The relaxed lasso at γ = 1 is the lasso: its AUC curve is ElasticNetCV's, on the same folds. */
  @Test
  void relaxedLasso_auc_gammaOneIsTheLassosCurve_andThePairHasTheLargestMean() {
    Dataset data = CvMeasureGlmnetTest.breastCancer();
    int[] ids = folds("breast_cancer", data.numRows());
    CvResult lasso = ElasticNetCV.binomial().measure(CvMeasure.AUC).foldIds(ids).build()
        .crossValidate(data).cv();
    CrossValidatedRelaxedPath<LinearClassifier> relaxed = RelaxedLasso.binomial()
        .measure(CvMeasure.AUC).foldIds(ids).build().crossValidate(data);
    RelaxedCvResult cv = relaxed.cv();
    assertEquals(CvMeasure.AUC, cv.measure());
    CvResult gammaOne = cv.curve(cv.gammas().length - 1);
    assertEquals(1.0, cv.gammas()[cv.gammas().length - 1]);
    for (int l = 0; l < lasso.lambdas().length; l++) {
      assertEquals(lasso.mean()[l], gammaOne.mean()[l], 1e-12, "λ #" + (l + 1));
    }
    double best = Double.NEGATIVE_INFINITY;
    for (int g = 0; g < cv.gammas().length; g++) {
      for (double v : cv.curve(g).mean()) {
        best = Math.max(best, v);
      }
    }
    assertEquals(best, cv.curve(cv.gammaIndexMin()).mean()[cv.indexMin()], 0.0,
        "(λ_min, γ_min) has the largest mean AUC of every pair");
    assertEquals("auc", relaxed.path().provenance().settings().get("measure"));
  }

  @Test
  void adaptiveLasso_misclassification_scoresFoldsByTheirErrorRate() {
    Dataset data = CvMeasureGlmnetTest.breastCancer();
    CrossValidatedPath<LinearClassifier> fit = ElasticNetCV.binomial().adaptive()
        .measure(CvMeasure.MISCLASSIFICATION).foldIds(folds("breast_cancer", data.numRows()))
        .build().crossValidate(data);
    CvResult cv = fit.cv();
    assertEquals(CvMeasure.MISCLASSIFICATION, cv.measure());
    for (double[] fold : cv.foldLoss()) {
      for (double rate : fold) {
        assertTrue(rate >= 0 && rate <= 1, "a fold's error rate: " + rate);
      }
    }
    double smallest = Double.POSITIVE_INFINITY;
    for (double v : cv.mean()) {
      smallest = Math.min(smallest, v);
    }
    assertEquals(smallest, cv.mean()[cv.indexMin()], 0.0);
    assertEquals("class", fit.path().provenance().settings().get("measure"));
  }

  /**
   * For gaussian the MSE is the deviance: the statistics' route serves both, with the same
   * numbers, each labelled as asked; the MAE takes the rows' route.
   */
  @Test
  void gaussian_mseIsTheDeviance_andMaeTakesTheRows() {
    Dataset data = RealDataGlmnetTest.diabetes();
    int[] ids = folds("diabetes", data.numRows());
    CvResult deviance = ElasticNetCV.gaussian().foldIds(ids).build().crossValidate(data).cv();
    CvResult mse = ElasticNetCV.gaussian().measure(CvMeasure.MEAN_SQUARED_ERROR).foldIds(ids)
        .build().crossValidate(data).cv();
    assertEquals(CvMeasure.DEVIANCE, deviance.measure());
    assertEquals(CvMeasure.MEAN_SQUARED_ERROR, mse.measure());
    for (int l = 0; l < deviance.lambdas().length; l++) {
      assertEquals(deviance.mean()[l], mse.mean()[l], 0.0);
    }
    CvResult mae = ElasticNetCV.gaussian().measure(CvMeasure.MEAN_ABSOLUTE_ERROR).foldIds(ids)
        .build().crossValidate(data).cv();
    // |r| ≤ √(r²) on average: the mean absolute error is below the root mean squared error
    for (int l = 0; l < mae.lambdas().length; l++) {
      assertTrue(mae.mean()[l] <= Math.sqrt(mse.mean()[l]) * (1 + 1e-12), "λ #" + (l + 1));
    }
  }

  /**
   * The same rows as a LIBSVM file, kept sparse (η by sparse dot products): the same AUC and
   * misclassification curves as the CSV's dense rows, to rounding.
   */
  @Test
  void sparseRows_scoreAsTheDenseOnes() {
    Dataset dense = CvMeasureGlmnetTest.breastCancer();
    Dataset sparse = Dataset.read(RealDataGlmnetTest.DATA.resolve("breast_cancer.svm.gz"),
        dev.tikhonov.data.TargetKind.CLASS);
    assertTrue(sparse.isSparse());
    int[] ids = folds("breast_cancer", dense.numRows());
    for (CvMeasure m : new CvMeasure[] {CvMeasure.AUC, CvMeasure.MISCLASSIFICATION}) {
      CvResult a = ElasticNetCV.binomial().measure(m).foldIds(ids).build().crossValidate(dense)
          .cv();
      CvResult b = ElasticNetCV.binomial().measure(m).foldIds(ids).build()
          .crossValidate(sparse).cv();
      assertEquals(a.lambdas().length, b.lambdas().length);
      for (int l = 0; l < a.lambdas().length; l++) {
        assertEquals(a.mean()[l], b.mean()[l], 1e-9, m.id() + " at λ #" + (l + 1));
      }
      assertEquals(a.indexMin(), b.indexMin(), m.id());
    }
  }

  @Test
  void aMeasureTheFamilyDoesNotTake_isRefusedWhenBuilt() {
    InputException auc = assertThrows(InputException.class,
        () -> ElasticNetCV.multinomial().measure(CvMeasure.AUC).build());
    assertEquals(Optional.of("measure"), auc.setting());
    InputException cls = assertThrows(InputException.class,
        () -> RelaxedLasso.gaussian().measure(CvMeasure.MISCLASSIFICATION).build());
    assertEquals(Optional.of("measure"), cls.setting());
    assertThrows(NullPointerException.class, () -> ElasticNetCV.gaussian().measure(null));
    assertEquals(CvMeasure.DEVIANCE, ElasticNetCV.poisson().build().measure());
  }
}
