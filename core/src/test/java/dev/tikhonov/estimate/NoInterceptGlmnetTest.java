package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * glmnet's {@code intercept = FALSE} (gaussian) on the real diabetes data against glmnet 4.1-6
 * at thresh 1e-14 ({@code ref/make_nointercept.R}, files {@code ref/real/diabetes-nointercept-*}):
 * the same default λ sequence and path length, the same coefficients, and the conversion of
 * glmnet's elastic-net λ, α to ours when y is not centered.
 *
 * <p>glmnet's own solution creeps once a second feature enters this uncentered, ill-conditioned
 * path: the largest KKT residual of its lasso path, relative to λ, is 3e-14 down to λ #34 and
 * 1.7e-6 from #35 (1e-5 at #55, 6.6e-4 at #100), although at thresh 1e-14. So the coefficients
 * are compared at rounding level where glmnet is exact (measured 2e-13 of the largest, lasso
 * and elastic net alike) and at glmnet's own accuracy beyond (measured 1.4e-5 over the first 55
 * λ), with the deviance ratio over the whole path.
 */
class NoInterceptGlmnetTest {
  /** The λ where glmnet's lasso reference is exact (KKT residual 3e-14 of λ; the class note). */
  static final int EXACT_LAMBDAS = 34;
  /** The elastic net's: its second feature enters at λ #33. */
  static final int EXACT_LAMBDAS_ENET = 32;
  /** Where glmnet's KKT residual is at most 1e-5 of λ. */
  static final int ACCURATE_LAMBDAS = 55;

  static RegularizationPath<LinearModel> fit(ElasticNet.Builder<LinearModel> builder) {
    return builder.intercept(false).tolerance(1e-13).maxIterations(10_000_000).build()
        .path(RealDataGlmnetTest.diabetes());
  }

  /** Largest |ours − glmnet's| / max |glmnet's| over the first {@code lambdas} λ. */
  static double coefficientError(RegularizationPath<LinearModel> path,
      RealDataGlmnetTest.Table ref, int lambdas) {
    double worst = 0;
    List<String> features = path.featureNames();
    for (int l = 0; l < lambdas; l++) {
      double largest = 0;
      double diff = 0;
      for (int j = 0; j < features.size(); j++) {
        double theirs = ref.rows()[l][ref.column(features.get(j))];
        largest = Math.max(largest, Math.abs(theirs));
        diff = Math.max(diff, Math.abs(path.coefficients()[l][0][j] - theirs));
      }
      assertEquals(0.0, path.intercepts()[l][0], 0.0, "no intercept at λ #" + (l + 1));
      worst = Math.max(worst, largest == 0 ? diff : diff / largest);
    }
    return worst;
  }

  @Test
  void lasso_withoutIntercept_isGlmnets() {
    RealDataGlmnetTest.Table ref = RealDataGlmnetTest.ref("diabetes-nointercept-lasso.csv");
    RegularizationPath<LinearModel> path = fit(ElasticNet.gaussian().l1Ratio(1));

    assertEquals(ref.rows().length, path.size(), "path length (glmnet: no early stop here)");
    double[] lambda = ref.column(ref.column("lambda"));
    double[] devRatio = ref.column(ref.column("dev_ratio"));
    for (int l = 0; l < path.size(); l++) {
      assertEquals(lambda[l], path.lambdas()[l], 1e-10 * lambda[l], "λ #" + (l + 1));
      assertEquals(devRatio[l], path.devianceRatio()[l], 1e-6, "dev_ratio at λ #" + (l + 1));
    }
    double exact = coefficientError(path, ref, EXACT_LAMBDAS);
    assertTrue(exact < 1e-10, "coefficients off glmnet's by " + exact + " of the largest");
    double beyond = coefficientError(path, ref, ACCURATE_LAMBDAS);
    assertTrue(beyond < 1e-4, "coefficients off glmnet's by " + beyond + " of the largest");
  }

  /**
   * glmnet divides a gaussian y by a scale s inside the fit, which changes the ridge part of its
   * penalty (docs/objective.md): with an intercept s is y's standard deviation, without one it
   * does not center y and s is y's root mean square √(Σy²/n) (170.5 here, against a standard
   * deviation of 77.0). glmnet's λ = l, α = a is then ours at λ = l·(a + (1−a)/s),
   * α = a/(a + (1−a)/s); the standard deviation in its place gives another model.
   */
  @Test
  void elasticNet_withoutIntercept_convertsWithRootMeanSquareOfY() {
    RealDataGlmnetTest.Table ref = RealDataGlmnetTest.ref("diabetes-nointercept-enet05.csv");
    Dataset data = RealDataGlmnetTest.diabetes();
    double[] y = data.targets();
    double sumSquares = 0;
    double sum = 0;
    for (double v : y) {
      sumSquares += v * v;
      sum += v;
    }
    double n = y.length;
    double rootMeanSquare = Math.sqrt(sumSquares / n);
    double standardDeviation = Math.sqrt(sumSquares / n - (sum / n) * (sum / n));
    double[] glmnetLambdas = ref.column(ref.column("lambda"));

    RegularizationPath<LinearModel> right = converted(glmnetLambdas, rootMeanSquare);
    double wrong = coefficientError(converted(glmnetLambdas, standardDeviation), ref,
        EXACT_LAMBDAS_ENET);

    double exact = coefficientError(right, ref, EXACT_LAMBDAS_ENET);
    assertTrue(exact < 1e-10, "with y's root mean square: off by " + exact);
    double beyond = coefficientError(right, ref, ACCURATE_LAMBDAS);
    assertTrue(beyond < 1e-4, "with y's root mean square: off by " + beyond);
    assertTrue(wrong > 1e-2, "with y's standard deviation the model should differ: " + wrong);
  }

  /**
   * A constant target without an intercept is a regression like any other (the null model is 0,
   * not the constant): it was refused as "the target is constant (150.0): nothing to fit",
   * which glmnet fits ({@code ref/make_nointercept_constant.R}, y = 150 on diabetes's features).
   * The same λ, the coefficients while its first feature is alone in the model (where glmnet's
   * uncentered path is exact, as the class note says), the deviance ratio along the whole path;
   * a target of 0 is still nothing to fit.
   */
  @Test
  void constantTarget_withoutIntercept_isGlmnets() {
    RealDataGlmnetTest.Table ref = RealDataGlmnetTest.ref("diabetes-nointercept-constant.csv");
    Dataset diabetes = RealDataGlmnetTest.diabetes();
    double[] y = new double[diabetes.numRows()];
    java.util.Arrays.fill(y, 150);
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().intercept(false)
        .tolerance(1e-13).maxIterations(10_000_000).build()
        .path(Dataset.of(diabetes.featureRows(), y, diabetes.featureNames()));

    assertEquals(ref.rows().length, path.size(), "path length");
    double[] lambda = ref.column(ref.column("lambda"));
    double[] devRatio = ref.column(ref.column("dev_ratio"));
    for (int l = 0; l < path.size(); l++) {
      assertEquals(lambda[l], path.lambdas()[l], 1e-10 * lambda[l], "λ #" + (l + 1));
      assertEquals(devRatio[l], path.devianceRatio()[l], 1e-6, "dev_ratio at λ #" + (l + 1));
    }
    int firstOnly = 0;
    while (ref.rows()[firstOnly + 1][ref.column("df")] <= 1) {
      firstOnly++;
    }
    double exact = coefficientError(path, ref, firstOnly + 1);
    assertTrue(exact < 1e-10, "coefficients off glmnet's by " + exact + " of the largest");
    java.util.Arrays.fill(y, 0);
    org.junit.jupiter.api.Assertions.assertThrows(dev.tikhonov.data.ConstantTargetException.class,
        () -> ElasticNet.gaussian().intercept(false).build()
            .path(Dataset.of(diabetes.featureRows(), y, diabetes.featureNames())));
  }

  /**
   * Cross-validation without an intercept on a target of one value but in one row: the fold
   * holding that row out trains on a constant, which is a fit like any other without an
   * intercept, so the folds are not refused as having nothing to fit (they were, with the
   * intercept's message); a target 0 but in one row still is, dense and sparse, relaxed too.
   */
  @Test
  void crossValidation_withoutIntercept_takesAFoldOfOneTargetValue_butNotOfZeros() {
    Dataset diabetes = RealDataGlmnetTest.diabetes();
    double[] y = new double[diabetes.numRows()];
    java.util.Arrays.fill(y, 150);
    y[7] = 200;
    Dataset lone = Dataset.of(diabetes.featureRows(), y, diabetes.featureNames());
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.gaussian().intercept(false).numFolds(5)
        .seed(1).build().crossValidate(lone);
    assertTrue(cv.path().size() > 1, "a path of " + cv.path().size() + " λ");
    org.junit.jupiter.api.Assertions.assertThrows(dev.tikhonov.data.InputException.class,
        () -> ElasticNetCV.gaussian().numFolds(5).seed(1).build().crossValidate(lone));
    RelaxedLasso.gaussian().intercept(false).numFolds(5).seed(1).build().crossValidate(lone);

    java.util.Arrays.fill(y, 0);
    y[7] = 200;
    Dataset zeros = Dataset.of(diabetes.featureRows(), y, diabetes.featureNames());
    dev.tikhonov.data.InputException refused = org.junit.jupiter.api.Assertions.assertThrows(
        dev.tikhonov.data.InputException.class, () -> ElasticNetCV.gaussian().intercept(false)
            .numFolds(5).seed(1).build().crossValidate(zeros));
    assertTrue(refused.getMessage().contains("whatever the folds"), refused.getMessage());
  }

  static RegularizationPath<LinearModel> converted(double[] glmnetLambdas, double scale) {
    double a = 0.5;
    double c = a + (1 - a) / scale;
    double[] lambdas = new double[glmnetLambdas.length];
    for (int l = 0; l < lambdas.length; l++) {
      lambdas[l] = glmnetLambdas[l] * c;
    }
    return fit(ElasticNet.gaussian().l1Ratio(a / c).lambdas(lambdas));
  }
}
