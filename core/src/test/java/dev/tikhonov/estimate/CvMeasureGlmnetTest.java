package dev.tikhonov.estimate;

import static dev.tikhonov.estimate.RealDataGlmnetTest.DATA;
import static dev.tikhonov.estimate.RealDataGlmnetTest.folds;
import static dev.tikhonov.estimate.RealDataGlmnetTest.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.RealDataGlmnetTest.Table;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.KFold;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * cv.glmnet's {@code type.measure} other than the deviance, on the real data of {@code data/}
 * with the fold ids of {@code ref/real/TAG-foldid.csv}, against glmnet 4.1-6
 * ({@code ref/make_cv_measures.R}): the mean and standard error per λ and λ_min, λ_1se, for the
 * AUC, the misclassification rate, the MSE and the MAE of binomial (also with observation
 * weights), multinomial, Poisson with an offset and gaussian paths. The fits are those of
 * {@link RealDataGlmnetTest} (the same arithmetic as glmnet's at its default tolerance, 1e-10
 * against its exact gaussian path), so the measures agree as the deviance does there, except
 * where a measure counts: a misclassification rate is a count of rows over a fold's size, equal
 * or a whole row apart, never nearly equal.
 */
class CvMeasureGlmnetTest {

  static Dataset breastCancer() {
    return CsvReader.read(DATA.resolve("breast_cancer.csv"), "diagnosis", TargetKind.CLASS,
        CsvOptions.defaults().withIgnoredColumns("id"));
  }

  /**
   * Our curve against the reference's cvm_M, cvsd_M and the chosen λ of measure M. For the AUC,
   * only at the λ where no fold had rows of both classes at one rounded probability
   * ({@code ties_auc} = 0): cv.glmnet ranks 1/(1 + e^−η), which rounds to exactly 1 for η &gt; 37,
   * and breaks ties at random; this ranks η. Where it tied (breast cancer's last λ, nearly
   * separable), the two are asserted within 0.01.
   */
  static void check(String tag, CvResult cv, double tolerance) {
    String m = cv.measure().id();
    Table curves = ref(tag + "-cv-measures.csv");
    double[] lambda = curves.column(0);
    double[] cvm = curves.column(curves.column("cvm_" + m));
    double[] cvsd = curves.column(curves.column("cvsd_" + m));
    assertEquals(lambda.length, cv.lambdas().length, tag + " " + m + ": λ count");
    double[] ties = cv.measure() == CvMeasure.AUC ? curves.column(curves.column("ties_auc"))
        : new double[lambda.length];
    for (int l = 0; l < lambda.length; l++) {
      assertEquals(lambda[l], cv.lambdas()[l], 1e-10 * lambda[l], tag + ": λ #" + (l + 1));
      if (ties[l] == 1) {
        assertEquals(cvm[l], cv.mean()[l], 0.01, tag + " " + m + ": CV mean at λ #" + (l + 1)
            + ", where cv.glmnet broke ties at random");
        continue;
      }
      assertEquals(cvm[l], cv.mean()[l], tolerance * Math.abs(cvm[l]) + 1e-15,
          tag + " " + m + ": CV mean at λ #" + (l + 1));
      assertEquals(cvsd[l], cv.standardError()[l], tolerance * cvsd[l] + 1e-15,
          tag + " " + m + ": CV standard error at λ #" + (l + 1));
    }
    Table chosen = ref(tag + "-cv-measures-select.csv");
    double min = chosen.value("lambda_min_" + m);
    double oneSe = chosen.value("lambda_1se_" + m);
    assertEquals(min, cv.lambdaMin(), 1e-10 * min, tag + " " + m + ": λ_min");
    assertEquals(oneSe, cv.lambda1se(), 1e-10 * oneSe, tag + " " + m + ": λ_1se");
  }

  static CvResult binomial(Dataset data, CvMeasure measure) {
    return ElasticNetCV.binomial().measure(measure)
        .foldIds(folds("breast_cancer", data.numRows())).build().crossValidate(data).cv();
  }

  @Test
  void breastCancer_auc_isCvGlmnets_andItsLargestMeanIsTheBest() {
    Dataset data = breastCancer();
    CvResult auc = binomial(data, CvMeasure.AUC);
    check("breast_cancer", auc, RealDataGlmnetTest.SAME_WORK);
    // λ_min is where the AUC is largest, not smallest: the chosen model ranks well
    double best = 0;
    for (double v : auc.mean()) {
      best = Math.max(best, v);
    }
    assertEquals(best, auc.mean()[auc.indexMin()], 0.0);
    assertTrue(auc.mean()[auc.index1se()] >= best - auc.standardError()[auc.indexMin()]);
    assertTrue(auc.index1se() <= auc.indexMin());
  }

  @Test
  void breastCancer_classMseMae_areCvGlmnets() {
    Dataset data = breastCancer();
    for (CvMeasure m : List.of(CvMeasure.MISCLASSIFICATION, CvMeasure.MEAN_SQUARED_ERROR,
        CvMeasure.MEAN_ABSOLUTE_ERROR)) {
      check("breast_cancer", binomial(data, m), RealDataGlmnetTest.SAME_WORK);
    }
  }

  /**
   * With observation weights 1 + (i mod 3): a fold's AUC weighs each pair by the product of the
   * rows' weights (glmnet's auc.mat), the other measures are weighted means.
   */
  @Test
  void breastCancer_weighted_aucClassMse_areCvGlmnets() {
    Dataset data = breastCancer();
    double[] weights = new double[data.numRows()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = 1 + (i + 1) % 3;
    }
    KFold folds = KFold.of(folds("breast_cancer", data.numRows()));
    for (CvMeasure m : List.of(CvMeasure.AUC, CvMeasure.MISCLASSIFICATION,
        CvMeasure.MEAN_SQUARED_ERROR)) {
      CvResult cv = CrossValidation.path(Family.BINOMIAL, data.featureRows(), data.targets(),
          Observations.ofWeights(weights), PathSettings.lasso(), data.featureNames(),
          data.classNames(), folds, CrossValidation.Alignment.INTERPOLATE, m, 2).cv();
      check("breast_cancer_weighted", cv, RealDataGlmnetTest.SAME_WORK);
    }
  }

  @Test
  void wine_multinomialClassMseMae_areCvGlmnets() {
    Dataset data = Dataset.read(DATA.resolve("wine.csv"), "cultivar", TargetKind.CLASS);
    for (CvMeasure m : List.of(CvMeasure.MISCLASSIFICATION, CvMeasure.MEAN_SQUARED_ERROR,
        CvMeasure.MEAN_ABSOLUTE_ERROR)) {
      CvResult cv = ElasticNetCV.multinomial().measure(m).foldIds(folds("wine", data.numRows()))
          .build().crossValidate(data).cv();
      // wine's paths agree to 5e-8 of the largest coefficient (RealDataGlmnetTest)
      check("wine", cv, 1e-5);
    }
  }

  @Test
  void cgd_poissonWithOffset_mseMae_areCvGlmnets() {
    Dataset data = RealDataGlmnetTest.cgd();
    for (CvMeasure m : List.of(CvMeasure.MEAN_SQUARED_ERROR, CvMeasure.MEAN_ABSOLUTE_ERROR)) {
      CvResult cv = ElasticNetCV.poisson().measure(m).offsetColumn("log_followup_years")
          .foldIds(folds("cgd", data.numRows())).build().crossValidate(data).cv();
      check("cgd", cv, RealDataGlmnetTest.SAME_WORK);
    }
  }

  @Test
  void diabetes_gaussianMae_isCvGlmnetsExact() {
    Dataset data = RealDataGlmnetTest.diabetes();
    CvResult cv = ElasticNetCV.gaussian().measure(CvMeasure.MEAN_ABSOLUTE_ERROR)
        .tolerance(1e-10).foldIds(folds("diabetes", data.numRows())).build().crossValidate(data)
        .cv();
    check("diabetes", cv, 1e-5);
    assertEquals(CvMeasure.MEAN_ABSOLUTE_ERROR, cv.measure());
    assertTrue(cv.toString().contains("mae "), cv.toString());
  }

  /** The measures pick different λ on the same folds: the choice is the measure's. */
  @Test
  void breastCancer_measuresChooseTheirOwnLambda() {
    Dataset data = breastCancer();
    double deviance = binomial(data, CvMeasure.DEVIANCE).lambda1se();
    double auc = binomial(data, CvMeasure.AUC).lambda1se();
    double mse = binomial(data, CvMeasure.MEAN_SQUARED_ERROR).lambda1se();
    assertTrue(auc != deviance && deviance != mse && mse != auc, String.format(Locale.ROOT,
        "λ_1se: auc %.5g, deviance %.5g, mse %.5g", auc, deviance, mse));
  }
}
