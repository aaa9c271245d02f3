package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.RealDataGlmnetTest.Table;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.RelaxedFit;
import dev.tikhonov.select.CvResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relaxed lasso with observation weights and offsets against glmnet 4.1-6's
 * {@code relax = TRUE} on the real data of {@code data/} (ref/make_relax_weights.R, thresh
 * 1e-14): diabetes (gaussian) and breast cancer (binomial) with weights wᵢ = 1 + (i mod 3), cgd
 * (poisson) with those weights and the log follow-up offset. Through the public estimator: the
 * lasso path, the unpenalized refits on each λ's active set ({@code fit$relaxed}, with the same
 * weights and offsets), the blends {@code coef(fit, s, gamma)}, and cv.glmnet(relax = TRUE)
 * with the fold ids of ref/real/TAG-foldid.csv: mean and SE per (λ, γ) (weighted held-out
 * deviance, offsets in η, folds weighted by their weight sums) and (λ_min, γ_min),
 * (λ_1se, γ_1se). Coefficients to {@link #COEFFICIENTS} of the largest at each λ, CV numbers to
 * {@link #CV} relative.
 *
 * <p>What dropping a weight or an offset from the refits costs, for scale (measured by
 * refitting with {@code Observations.none()}, or the weights only, in {@code RelaxedFit}): the
 * refits move by 5.1e-2 (diabetes), 3.8e-1 (breast cancer), 3.4e-1 (cgd) of the largest
 * coefficient, 3.2e-1 for cgd without its offset alone, and the CV means by 2e-2 to 2.4e-1:
 * thousands of tolerances.
 */
class RelaxedObservationsGlmnetTest {
  /** Measured ≤ 5.1e-6 (diabetes: glmnet's change rule at 1e-14 creeps on the collinear s1–s4). */
  static final double COEFFICIENTS = 2e-5;
  /** Measured ≤ 1.3e-5 (cgd), relative, of the mean and SE of the held-out deviance. */
  static final double CV = 5e-5;
  static final double[] GAMMAS = {0, 0.25, 0.5, 0.75, 1};

  /**
   * {@code data} with an "obs_weight" column (cgd has a feature "weight") appended from the
   * reference's observations, as a user holding the weights in an array appends them.
   */
  static Dataset withWeights(Dataset data, String tag) {
    Table obs = RealDataGlmnetTest.ref(tag + "-relax-observations.csv");
    return data.withColumn("obs_weight", obs.column(obs.column("weight")));
  }

  static Dataset diabetes() {
    return withWeights(RealDataGlmnetTest.diabetes(), "diabetes_weighted");
  }

  static Dataset breastCancer() {
    return withWeights(CsvReader.read(RealDataGlmnetTest.DATA.resolve("breast_cancer.csv"),
        "diagnosis", TargetKind.CLASS, CsvOptions.defaults().withIgnoredColumns("id")),
        "breast_cancer_weighted");
  }

  static Dataset cgd() {
    return withWeights(RealDataGlmnetTest.cgd(), "cgd_weighted");
  }

  /** The largest |ours − glmnet's| at λ index l relative to glmnet's largest |coefficient|. */
  static double error(PathSolution ours, int l, Table ref, int row) {
    double[] mine = new double[ours.coefficients(l)[0].length + 1];
    mine[0] = ours.intercept(l, 0);
    System.arraycopy(ours.coefficients(l)[0], 0, mine, 1, mine.length - 1);
    int first = ref.column("a0");
    double scale = 0;
    double err = 0;
    for (int j = 0; j < mine.length; j++) {
      double r = ref.rows()[row][first + j];
      scale = Math.max(scale, Math.abs(r));
      err = Math.max(err, Math.abs(mine[j] - r));
    }
    return err / scale;
  }

  /** Checks a cross-validated relaxed path against the tag's references; returns the errors. */
  static double[] check(String tag, CrossValidatedRelaxedPath<?> cv) {
    RelaxedFit fit = cv.path().solution();
    Table lasso = RealDataGlmnetTest.ref(tag + "-relax-lasso.csv");
    Table relaxed = RealDataGlmnetTest.ref(tag + "-relax-relaxed.csv");
    Table blend = RealDataGlmnetTest.ref(tag + "-relax-blend.csv");
    assertEquals(lasso.header().subList(2, lasso.header().size()),
        fit.lasso().featureNames(), tag + ": the features, without the weight and offset");
    double[] lambdas = lasso.column(0);
    assertEquals(lambdas.length, fit.size(), tag + ": glmnet's sequence ends alike");
    double worstLasso = 0;
    double worstRelaxed = 0;
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], fit.lasso().lambda(l), 1e-10 * lambdas[l], tag + ": λ #"
          + (l + 1));
      worstLasso = Math.max(worstLasso, error(fit.lasso(), l, lasso, l));
      worstRelaxed = Math.max(worstRelaxed, error(fit.relaxed(), l, relaxed, l));
    }
    double worstBlend = 0;
    for (int r = 0; r < blend.rows().length; r++) {
      int l = (int) blend.rows()[r][blend.column("index")] - 1;
      double gamma = blend.rows()[r][blend.column("gamma")];
      worstBlend = Math.max(worstBlend, error(fit.blend(gamma), l, blend, r));
    }
    Table curves = RealDataGlmnetTest.ref(tag + "-relax-cv.csv");
    double worstCv = 0;
    for (int c = 0; c < GAMMAS.length; c++) {
      CvResult curve = cv.cv().curve(c);
      assertEquals(GAMMAS[c], cv.gammas()[c], 0);
      double[] mean = curves.column(curves.column("cvm_" + label(GAMMAS[c])));
      double[] se = curves.column(curves.column("cvsd_" + label(GAMMAS[c])));
      assertEquals(mean.length, curve.mean().length, tag + ": CV λ");
      for (int l = 0; l < mean.length; l++) {
        worstCv = Math.max(worstCv, Math.abs(curve.mean()[l] - mean[l]) / mean[l]);
        worstCv = Math.max(worstCv, Math.abs(curve.standardError()[l] - se[l]) / se[l]);
      }
    }
    System.out.printf("relaxed %s: lasso %.2e, relaxed %.2e, blends %.2e, cv %.2e%n", tag,
        worstLasso, worstRelaxed, worstBlend, worstCv);
    return new double[] {worstLasso, worstRelaxed, worstBlend, worstCv};
  }

  static void assertMatches(String tag, CrossValidatedRelaxedPath<?> cv) {
    double[] err = check(tag, cv);
    assertTrue(err[0] < COEFFICIENTS, tag + ": lasso off by " + err[0]);
    assertTrue(err[1] < COEFFICIENTS, tag + ": refits off by " + err[1]);
    assertTrue(err[2] < COEFFICIENTS, tag + ": blends off by " + err[2]);
    assertTrue(err[3] < CV, tag + ": CV mean or SE off by " + err[3]);
    Table select = RealDataGlmnetTest.ref(tag + "-relax-cv-select.csv");
    double min = select.value("lambda_min");
    double oneSe = select.value("lambda_1se");
    assertEquals(min, cv.lambdaMin(), 1e-10 * min, tag + ": λ_min");
    assertEquals(select.value("gamma_min"), cv.gammaMin(), 0, tag + ": γ_min");
    assertEquals(oneSe, cv.lambda1se(), 1e-10 * oneSe, tag + ": λ_1se");
    assertEquals(select.value("gamma_1se"), cv.gamma1se(), 0, tag + ": γ_1se");
    assertTrue(cv.path().warning().isEmpty(), cv.path().warning().orElse(""));
  }

  private static String label(double gamma) {
    return gamma == (int) gamma ? Integer.toString((int) gamma) : Double.toString(gamma);
  }

  @Test
  void diabetesWeighted_refitsBlendsAndCv_matchGlmnet() {
    Dataset data = diabetes();
    assertMatches("diabetes_weighted", RelaxedLasso.gaussian().tolerance(1e-12)
        .weightColumn("obs_weight").foldIds(RealDataGlmnetTest.folds("diabetes", data.numRows()))
        .build().crossValidate(data));
  }

  @Test
  void breastCancerWeighted_refitsBlendsAndCv_matchGlmnet() {
    Dataset data = breastCancer();
    CrossValidatedRelaxedPath<LinearClassifier> cv = RelaxedLasso.binomial().tolerance(1e-12)
        .lambdaMinRatio(0.03).weightColumn("obs_weight")
        .foldIds(RealDataGlmnetTest.folds("breast_cancer", data.numRows())).build()
        .crossValidate(data);
    assertMatches("breast_cancer_weighted", cv);
  }

  @Test
  void cgdWeightedWithOffset_refitsBlendsAndCv_matchGlmnet() {
    Dataset data = cgd();
    CrossValidatedRelaxedPath<LinearModel> cv = RelaxedLasso.poisson().tolerance(1e-12)
        .weightColumn("obs_weight").offsetColumn("log_followup_years")
        .keepOutOfFoldPredictions()
        .foldIds(RealDataGlmnetTest.folds("cgd", data.numRows())).build().crossValidate(data);
    assertMatches("cgd_weighted", cv);
    // fit.preval per γ, on the link scale with each row's offset (measured 1.4e-5)
    OutOfFoldGlmnetTest.check("cgd_weighted-relax-out-of-fold.csv.gz", cv.outOfFold(), 5e-5);
  }

  /**
   * A model at one (λ, γ) fitted with an offset column predicts μ = exp(offset + a₀ + x·b)
   * with the blend's coefficients, reading the offset from the data's column as the fit did.
   */
  @Test
  void cgdWithOffset_modelAtLambdaGamma_predictsWithTheRowsOffset() {
    Dataset data = cgd();
    RelaxedPath<LinearModel> path = RelaxedLasso.poisson().weightColumn("obs_weight")
        .offsetColumn("log_followup_years").build().path(data);
    int l = path.size() / 2;
    LinearModel model = path.atIndex(l, 0.5);
    PathSolution blend = path.solution().blend(0.5);
    double[] mu = model.predict(data);
    int offset = data.featureNames().indexOf("log_followup_years");
    List<String> features = blend.featureNames();
    for (int i = 0; i < data.numRows(); i++) {
      double eta = data.feature(i, offset) + blend.intercept(l, 0);
      for (int j = 0; j < features.size(); j++) {
        eta += blend.coefficient(l, 0, j)
            * data.feature(i, data.featureNames().indexOf(features.get(j)));
      }
      assertEquals(Math.exp(eta), mu[i], 1e-12 * Math.exp(eta), "row " + (i + 1));
    }
  }
}
