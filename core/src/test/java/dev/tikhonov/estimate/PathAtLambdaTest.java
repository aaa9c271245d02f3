package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import org.junit.jupiter.api.Test;

/**
 * A model taken from a path at a λ of the caller's ({@link RegularizationPath#atLambda},
 * glmnet's {@code predict(fit, s = λ)}) reports the λ its coefficients belong to. Outside the
 * path's range they are the end solution's; the model used to report the λ asked for (λ = 0
 * with the coefficients of the smallest λ), in {@code lambda()} and in its provenance.
 */
class PathAtLambdaTest {
  static final Dataset DATA = Synthetic.regression().rows(120).features(6).informative(3).noise(2.0)
      .intercept(1.5).seed(7).build().data();

  private static double provenanceLambda(Predictor m) {
    return ((Number) m.provenance().settings().get("lambda")).doubleValue();
  }

  @Test
  void atLambda_belowTheSmallestLambda_isTheSmallestLambdasModel_withItsLambda() {
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().numLambdas(10).build()
        .path(DATA);
    int last = path.size() - 1;
    double smallest = path.lambdas()[last];
    LinearModel atZero = path.atLambda(0);
    assertArrayEquals(path.atIndex(last).coefficients(), atZero.coefficients());
    assertEquals(smallest, atZero.lambda(), "not 0: no coefficients of λ = 0 are on the path");
    assertEquals(smallest, provenanceLambda(atZero));
    assertEquals(smallest, path.atLambda(smallest / 2).lambda());
  }

  @Test
  void atLambda_belowTheSmallestLambda_ofAClassifier_reportsTheSmallestLambda() {
    Dataset classes = Synthetic.classification().rows(150).features(4).informative(2).classes(2)
        .seed(3).build();
    RegularizationPath<LinearClassifier> path = ElasticNet.binomial().numLambdas(8).build()
        .path(classes);
    double smallest = path.lambdas()[path.size() - 1];
    LinearClassifier m = path.atLambda(0);
    assertEquals(smallest, m.lambda());
    assertEquals(smallest, provenanceLambda(m));
  }

  @Test
  void atLambda_withinTheRange_isInterpolatedAtTheLambdaAsked() {
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().numLambdas(10).build()
        .path(DATA);
    double mid = Math.sqrt(path.lambdas()[3] * path.lambdas()[4]);
    LinearModel m = path.atLambda(mid);
    assertEquals(mid, m.lambda());
    assertEquals(mid, provenanceLambda(m));
    assertEquals(path.lambdas()[4], path.atLambda(path.lambdas()[4]).lambda());
  }

  /** Above λ_max with α > 0 the null model solves every λ, so the λ asked for is right. */
  @Test
  void atLambda_aboveLambdaMax_isTheNullModelAtTheLambdaAsked_whichTheFitThereConfirms() {
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().l1Ratio(0.5).numLambdas(10)
        .build().path(DATA);
    double above = 10 * path.lambdas()[0];
    LinearModel m = path.atLambda(above);
    assertEquals(above, m.lambda());
    assertEquals(above, provenanceLambda(m));
    LinearModel fitted = ElasticNet.gaussian().l1Ratio(0.5).lambda(above).build().fit(DATA);
    assertArrayEquals(fitted.coefficients(), m.coefficients());
    assertArrayEquals(new double[DATA.numFeatures()], m.coefficients());
  }

  /** An unpenalized feature (vⱼ = 0) stays in the null model: still exact above λ_max. */
  @Test
  void atLambda_aboveLambdaMax_withAnUnpenalizedFeature_isAtTheLambdaAsked() {
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().numLambdas(10)
        .penaltyFactors(0, 1, 1, 1, 1, 1).build().path(DATA);
    LinearModel m = path.atLambda(5 * path.lambdas()[0]);
    assertNotEquals(0.0, m.coefficients()[0], "the unpenalized feature");
    assertEquals(5 * path.lambdas()[0], m.lambda());
  }

  /**
   * A sequence that starts below λ_max has nonzero coefficients at its largest λ, which do not
   * solve a larger λ: the model is the largest λ's, with its λ.
   */
  @Test
  void atLambda_aboveAGivenSequenceThatStartsBelowLambdaMax_isItsLargestLambdasModel() {
    double lambdaMax = ElasticNet.gaussian().numLambdas(2).build().path(DATA).lambdas()[0];
    RegularizationPath<LinearModel> path = ElasticNet.gaussian()
        .lambdas(lambdaMax / 4, lambdaMax / 40).build().path(DATA);
    LinearModel m = path.atLambda(lambdaMax);
    assertEquals(lambdaMax / 4, m.lambda());
    assertEquals(lambdaMax / 4, provenanceLambda(m));
    assertArrayEquals(path.atIndex(0).coefficients(), m.coefficients());
  }

  /**
   * Ridge (α = 0) by coordinate descent: no finite λ zeroes the coefficients, so the first λ
   * of its path (glmnet's λ_max for α = 0.001) does not solve a larger one.
   */
  @Test
  void atLambda_aboveARidgePath_isItsLargestLambdasModel() {
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().l1Ratio(0).numLambdas(10)
        .build().path(DATA);
    LinearModel m = path.atLambda(10 * path.lambdas()[0]);
    assertEquals(path.lambdas()[0], m.lambda());
    assertArrayEquals(path.atIndex(0).coefficients(), m.coefficients());
  }

  @Test
  void relaxedAtLambda_belowTheSmallestLambda_reportsTheSmallestLambda() {
    RelaxedPath<LinearModel> path = RelaxedLasso.gaussian().numLambdas(10).build().path(DATA);
    double smallest = path.lambdas()[path.size() - 1];
    LinearModel m = path.atLambda(0, 0.5);
    assertEquals(smallest, m.lambda());
    assertArrayEquals(path.atIndex(path.size() - 1, 0.5).coefficients(), m.coefficients());
    double above = 3 * path.lambdas()[0];
    assertEquals(above, path.atLambda(above, 0).lambda(), "the null model above λ_max");
  }
}
