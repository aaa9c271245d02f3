package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.linear.MultinomialPenalty;
import org.junit.jupiter.api.Test;

/**
 * glmnet's {@code intercept = FALSE} for the binomial, Poisson (with an offset) and multinomial
 * families, ungrouped and grouped, on the real data against glmnet 4.1-6 at thresh 1e-14, maxit
 * 1e7 ({@code ref/make_nointercept_glm.R}, files {@code ref/real/TAG-nointercept-*}): the same
 * default λ sequence (λ_max is the gradient at η = offset: p = 1/2, μ = exp(offset), 1/K per
 * class), the same deviance ratios (against that null model's deviance), coefficients and df,
 * every intercept 0, and cv.glmnet's curve and choice with the same fold ids.
 *
 * <p>As for the gaussian path ({@link NoInterceptGlmnetTest}), glmnet's own solution creeps on
 * these uncentered designs although at thresh 1e-14: its largest KKT residual relative to λ is
 * below 1e-14 only over cgd's first 12 λ and wine's first 20, then grows to 2.8e-4 (cgd),
 * 6.2e-5 (wine) and 7.4e-5 (wine grouped, 5e-8 from λ #2) ({@code
 * ref/check_nointercept_glm_kkt.R}). So the coefficients are compared at rounding level where
 * glmnet is exact and at glmnet's accuracy beyond, and ours are certified (the scaled KKT
 * residual ≤ 1e-10 at every λ). Wine's sequence ends at λ_min/λ_max = 0.01: below it glmnet
 * does not converge without an intercept even at maxit 1e7 (the script says where).
 */
class NoInterceptFamiliesGlmnetTest {
  private static final double TOLERANCE = 1e-10;

  /** Largest |ours − glmnet's| / max |glmnet's| over the first {@code lambdas} λ. */
  private static double coefficientError(RegularizationPath<?> path,
      RealDataGlmnetTest.Table ref, int lambdas) {
    double worst = 0;
    for (int l = 0; l < lambdas; l++) {
      double[] ours = RealDataGlmnetTest.row(path, l);
      double diff = 0;
      double scale = 0;
      for (int j = 0; j < ours.length; j++) {
        double theirs = ref.rows()[l][3 + j];
        diff = Math.max(diff, Math.abs(ours[j] - theirs));
        scale = Math.max(scale, Math.abs(theirs));
      }
      worst = Math.max(worst, scale == 0 ? diff : diff / scale);
    }
    return worst;
  }

  /**
   * Every intercept 0, every certificate within the tolerance, the coefficients to {@code
   * exact} over the first {@code exactLambdas} λ; then RealDataGlmnetTest's comparison of λ,
   * coefficients (to {@code coefficients}), deviance ratios, df and CV.
   */
  private static void check(String tag, CrossValidatedPath<?> fit, int exactLambdas,
      double exact, double coefficients, double devianceRatio, double cv) {
    RegularizationPath<?> path = fit.path();
    for (int l = 0; l < path.size(); l++) {
      for (double a : path.intercepts()[l]) {
        assertEquals(0.0, a, 0.0, tag + ": no intercept at λ #" + (l + 1));
      }
      assertTrue(path.solution().certificate(l) <= TOLERANCE, tag + ": certificate at λ #"
          + (l + 1) + " is " + path.solution().certificate(l));
    }
    String name = tag + "-nointercept-path.csv";
    double err = coefficientError(path, RealDataGlmnetTest.ref(name), exactLambdas);
    assertTrue(err < exact, tag + ": where glmnet is exact, coefficients off by " + err);
    RealDataGlmnetTest.check(tag + "-nointercept", fit, name, "", coefficients, devianceRatio,
        cv);
  }

  /**
   * The binomial path alone (its CV would cost eleven such paths): without an intercept the
   * breast cancer features (means up to 880, uncentered) make it the slowest problem here, and
   * near-separable at its end (deviance ratio 0.90). Measured against glmnet's thresh 1e-14
   * path, with CV, at tolerance 1e-3, 1e-5, 1e-7: coefficients 1.9e-1, 2.2e-3, 1.1e-4 of the
   * largest, deviance ratio 2.5e-3, 2.5e-5, 9.2e-7, CV mean 3.2e-2, 2.9e-4, 2.0e-5 (relative):
   * the same solution, approached as the tolerance falls.
   */
  @Test
  void breastCancer_binomialWithoutIntercept_isGlmnets() {
    Dataset data = CsvReader.read(RealDataGlmnetTest.DATA.resolve("breast_cancer.csv"),
        "diagnosis", TargetKind.CLASS, CsvOptions.defaults().withIgnoredColumns("id"));
    RegularizationPath<LinearClassifier> path = ElasticNet.binomial().intercept(false)
        .tolerance(1e-7).maxIterations(10_000_000).build().path(data);
    RealDataGlmnetTest.Table ref = RealDataGlmnetTest.ref("breast_cancer-nointercept-path.csv");
    assertEquals(ref.rows().length, path.size(), "glmnet's 100 λ");
    for (int l = 0; l < path.size(); l++) {
      assertEquals(ref.rows()[l][0], path.lambdas()[l], 1e-10 * ref.rows()[l][0],
          "λ #" + (l + 1));
      assertEquals(ref.rows()[l][1], path.devianceRatio()[l], 1e-5, "dev_ratio #" + (l + 1));
      assertEquals(0.0, path.intercepts()[l][0], 0.0, "no intercept at λ #" + (l + 1));
    }
    double err = coefficientError(path, ref, path.size());
    assertTrue(err < 1e-3, "coefficients off glmnet's by " + err + " of the largest");
  }

  @Test
  void cgd_poissonWithOffsetWithoutIntercept_isGlmnets() {
    Dataset data = RealDataGlmnetTest.cgd();
    CrossValidatedPath<LinearModel> fit = ElasticNetCV.poisson().intercept(false)
        .offsetColumn("log_followup_years")
        .tolerance(TOLERANCE).maxIterations(10_000_000)
        .foldIds(RealDataGlmnetTest.folds("cgd", data.numRows())).build().crossValidate(data);
    check("cgd", fit, 12, 1e-8, 1e-4, 1e-6, 1e-4);
  }

  @Test
  void wine_multinomialWithoutIntercept_isGlmnets() {
    Dataset data = Dataset.read(RealDataGlmnetTest.DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS);
    CrossValidatedPath<LinearClassifier> fit = ElasticNetCV.multinomial().intercept(false)
        .lambdaMinRatio(0.01)
        .tolerance(TOLERANCE).maxIterations(10_000_000)
        .foldIds(RealDataGlmnetTest.folds("wine", data.numRows())).build().crossValidate(data);
    check("wine", fit, 20, 1e-8, 1e-4, 1e-6, 1e-4);
  }

  @Test
  void wine_groupedMultinomialWithoutIntercept_isGlmnets() {
    Dataset data = Dataset.read(RealDataGlmnetTest.DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS);
    CrossValidatedPath<LinearClassifier> fit = ElasticNetCV.multinomial().intercept(false)
        .multinomialPenalty(MultinomialPenalty.GROUPED).lambdaMinRatio(0.01)
        .tolerance(TOLERANCE).maxIterations(10_000_000)
        .foldIds(RealDataGlmnetTest.folds("wine", data.numRows())).build().crossValidate(data);
    check("wine_grouped", fit, 1, 1e-8, 1e-4, 1e-6, 1e-4);
  }
}
