package dev.tikhonov.estimate;

import static dev.tikhonov.estimate.RealDataGlmnetTest.folds;
import static dev.tikhonov.estimate.RealDataGlmnetTest.ref;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.RealDataGlmnetTest.Table;
import dev.tikhonov.select.OutOfFoldPredictions;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * cv.glmnet's {@code keep = TRUE} ({@code fit.preval}, {@code foldid}) on the real data of
 * {@code data/} with the fold ids of {@code ref/real/TAG-foldid.csv}, against glmnet 4.1-6
 * ({@code ref/make_out_of_fold.R}): every row's out-of-fold linear predictor at every λ. At the
 * default tolerance against glmnet's default thresh (the same sweeps, {@link RealDataGlmnetTest}),
 * and at tolerance 1e-10 against its thresh = 1e-14 fits, for binomial (breast cancer),
 * multinomial (wine), Poisson with an offset (cgd) and gaussian (diabetes).
 */
class OutOfFoldGlmnetTest {

  /**
   * The largest |ours − glmnet's| / max(1, |glmnet's|) over every row, output and λ, after
   * checking the shape and the fold of each row; {@code ours} one block of columns after the
   * other (one per γ of a relaxed fit, as the file has them).
   */
  static double difference(String file, List<OutOfFoldPredictions> ours) {
    Table ref = ref(file);
    int n = ref.rows().length;
    int columns = 1;
    double worst = 0;
    for (OutOfFoldPredictions block : ours) {
      assertEquals(n, block.numRows(), file + ": rows");
      int m = block.numLambdas();
      for (int i = 0; i < n; i++) {
        assertEquals((int) ref.rows()[i][0], block.foldId(i), file + ": fold of row "
            + (i + 1));
        for (int k = 0; k < block.numOutputs(); k++) {
          for (int l = 0; l < m; l++) {
            double theirs = ref.rows()[i][columns + k * m + l];
            double d = Math.abs(block.linearPredictor(i, k, l) - theirs)
                / Math.max(1, Math.abs(theirs));
            worst = Math.max(worst, d);
          }
        }
      }
      columns += block.numOutputs() * m;
    }
    assertEquals(columns, ref.header().size(), file + ": columns");
    return worst;
  }

  static void check(String file, OutOfFoldPredictions ours, double tolerance) {
    check(file, List.of(ours), tolerance);
  }

  static void check(String file, List<OutOfFoldPredictions> ours, double tolerance) {
    double d = difference(file, ours);
    assertTrue(d <= tolerance, String.format(Locale.ROOT, "%s: out-of-fold η %.3g from"
        + " glmnet's (allowed %.1g)", file, d, tolerance));
  }

  @Test
  void breastCancer_binomial_isFitPreval_atEveryLambda() {
    Dataset data = CvMeasureGlmnetTest.breastCancer();
    CrossValidatedPath<LinearClassifier> cv = ElasticNetCV.binomial().keepOutOfFoldPredictions()
        .foldIds(folds("breast_cancer", data.numRows())).build().crossValidate(data);
    OutOfFoldPredictions oof = cv.outOfFold().orElseThrow();
    assertArrayEquals(cv.cv().lambdas(), oof.lambdas(), 0.0);
    assertEquals(0, oof.outputs().size());
    check("breast_cancer-out-of-fold.csv.gz", oof, 1e-5);
  }

  /**
   * At thresh 1e-14 (tolerance 1e-10 here, with the passes that takes): measured 4.5e-4 at
   * worst, at the small λ where breast cancer is nearly separable and each fold's η runs to
   * ±30; 1e-5 up to λ #54. The default tolerance's test above is the tight one (the same sweeps).
   */
  @Test
  void breastCancer_binomial_tight_isExactFitPreval() {
    Dataset data = CvMeasureGlmnetTest.breastCancer();
    OutOfFoldPredictions oof = ElasticNetCV.binomial().keepOutOfFoldPredictions()
        .tolerance(1e-10).maxIterations(1_000_000)
        .foldIds(folds("breast_cancer", data.numRows())).build().crossValidate(data).outOfFold()
        .orElseThrow();
    check("breast_cancer-out-of-fold-exact.csv.gz", oof, 1e-3);
  }

  @Test
  void wine_multinomial_isFitPreval_onePerClass() {
    Dataset data = Dataset.read(RealDataGlmnetTest.DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS);
    OutOfFoldPredictions oof = ElasticNetCV.multinomial().keepOutOfFoldPredictions()
        .foldIds(folds("wine", data.numRows())).build().crossValidate(data).outOfFold()
        .orElseThrow();
    assertEquals(data.classNames(), oof.outputs());
    // wine's paths agree to 5e-8 of the largest coefficient (RealDataGlmnetTest), but its
    // unstandardized features (proline near 1000) multiply that: measured 2.2e-5 at the last λ
    check("wine-out-of-fold.csv.gz", oof, 5e-5);
  }

  @Test
  void cgd_poissonWithOffset_tight_isExactFitPreval_offsetIncluded() {
    Dataset data = RealDataGlmnetTest.cgd();
    OutOfFoldPredictions oof = ElasticNetCV.poisson().keepOutOfFoldPredictions()
        .offsetColumn("log_followup_years").tolerance(1e-10)
        .foldIds(folds("cgd", data.numRows())).build().crossValidate(data).outOfFold()
        .orElseThrow();
    check("cgd-out-of-fold-exact.csv.gz", oof, 1e-5);
  }

  @Test
  void diabetes_gaussian_tight_isExactFitPreval() {
    Dataset data = RealDataGlmnetTest.diabetes();
    OutOfFoldPredictions oof = ElasticNetCV.gaussian().keepOutOfFoldPredictions()
        .tolerance(1e-10).foldIds(folds("diabetes", data.numRows())).build().crossValidate(data)
        .outOfFold().orElseThrow();
    check("diabetes-out-of-fold-exact.csv.gz", oof, 1e-5);
  }

  /**
   * The relaxed lasso keeps one matrix per γ, as cv.glmnet(relax = TRUE, keep = TRUE); and
   * {@code atGamma(γ)} carries that γ's.
   */
  @Test
  void diabetes_relaxed_tight_isExactFitPreval_perGamma() {
    Dataset data = RealDataGlmnetTest.diabetes();
    CrossValidatedRelaxedPath<LinearModel> cv = RelaxedLasso.gaussian().gammas(0, 0.5, 1)
        .keepOutOfFoldPredictions().tolerance(1e-10).foldIds(folds("diabetes", data.numRows()))
        .build().crossValidate(data);
    assertEquals(3, cv.outOfFold().size());
    // measured 2.1e-5, in the γ = 0 block: the unpenalized refits of ill-conditioned diabetes
    check("diabetes-relaxed-out-of-fold-exact.csv.gz", cv.outOfFold(), 5e-5);
    assertTrue(cv.atGamma(0.5).outOfFold().orElseThrow() == cv.outOfFold().get(1));
    assertTrue(RelaxedLasso.gaussian().numFolds(3).build().crossValidate(data).outOfFold()
        .isEmpty());
  }

  /**
   * Not kept by default; with the adaptive lasso, each row is predicted by its fold's own
   * adaptive path: the folds weigh by their sizes, so the mean squared out-of-fold residual at
   * each λ is the CV curve's mean (which the folds' scorer computes on its own).
   */
  @Test
  void notKept_byDefault_andAdaptive_givesTheCvMeanBack() {
    Dataset data = RealDataGlmnetTest.diabetes();
    assertTrue(ElasticNetCV.gaussian().numFolds(3).build().crossValidate(data).outOfFold()
        .isEmpty());
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.gaussian().adaptive()
        .keepOutOfFoldPredictions().numFolds(4).seed(2).build().crossValidate(data);
    OutOfFoldPredictions oof = cv.outOfFold().orElseThrow();
    double[] y = data.targets();
    for (int l = 0; l < oof.numLambdas(); l++) {
      double[] eta = oof.column(l);
      double sum = 0;
      for (int i = 0; i < y.length; i++) {
        sum += (y[i] - eta[i]) * (y[i] - eta[i]);
      }
      assertEquals(cv.mean()[l], sum / y.length, 1e-9 * cv.mean()[l], "λ index " + l);
    }
  }
}
