package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.select.AdaptivePenalty;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvMeasure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every estimator kind gives back its settings as a builder, {@code toBuilder()}, as the
 * network estimators did alone: the linear ones had none, so a variant of an ElasticNetCV (the
 * same settings at another α) meant repeating every setter. A builder from {@code toBuilder()}
 * builds an estimator that fits what the original fits, and changing it leaves the original
 * alone.
 */
class ToBuilderTest {
  /** Regression data with a weight column "w" (positive weights) beside 5 features. */
  static final Dataset WEIGHTED = weighted();

  static Dataset weighted() {
    Dataset d = Synthetic.regression().rows(80).features(5).informative(3).noise(1.0).seed(2)
        .build().data();
    double[][] x = d.featureRows();
    double[][] withWeights = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      withWeights[i] = java.util.Arrays.copyOf(x[i], 6);
      withWeights[i][5] = 1 + i % 3;
    }
    List<String> names = new ArrayList<>(d.featureNames());
    names.add("w");
    return Dataset.of(withWeights, d.targets(), names);
  }

  @Test
  void elasticNet_toBuilder_buildsTheSameEstimator_andLeavesTheOriginalAlone() {
    ElasticNet<LinearModel> original = ElasticNet.gaussian().l1Ratio(0.7).lambda(0.05)
        .numLambdas(30).lambdaMinRatio(0.01).standardize(false).tolerance(1e-6)
        .maxIterations(5000).penaltyFactors(1, 2, 1, 1, 0.5).intercept(false)
        .lowerLimits(-1).upperLimits(3).maxFeatures(4).maxEverActive(5).weightColumn("w")
        .build();
    ElasticNet<LinearModel> copy = original.toBuilder().build();
    assertEquals(original.toString(), copy.toString());
    assertEquals(original.settings(), copy.settings());
    assertEquals(original.fit(WEIGHTED), copy.fit(WEIGHTED), "the same model");
    ElasticNet<LinearModel> ridge = original.toBuilder().l1Ratio(0).lambda(0.2).build();
    assertEquals(0, ridge.settings().l1Ratio());
    assertEquals(0.2, ridge.lambda().orElseThrow());
    assertEquals(0.7, original.settings().l1Ratio(), "the original keeps its α");
    assertEquals(0.05, original.lambda().orElseThrow(), "and its λ");
    assertNotEquals(original.fit(WEIGHTED), ridge.fit(WEIGHTED));
  }

  @Test
  void elasticNetCv_toBuilder_keepsTheCrossValidationsSettings() {
    ElasticNetCV<LinearModel> original = ElasticNetCV.gaussian().l1Ratio(0.5).numFolds(4)
        .seed(7).rule(SelectionRule.ONE_STANDARD_ERROR).measure(CvMeasure.MEAN_ABSOLUTE_ERROR)
        .threads(2).alignment(CrossValidation.Alignment.FRACTION).keepOutOfFoldPredictions()
        .weightColumn("w").build();
    ElasticNetCV<LinearModel> copy = original.toBuilder().build();
    assertEquals(original.toString(), copy.toString());
    assertEquals(original.settings(), copy.settings());
    CrossValidatedPath<LinearModel> a = original.crossValidate(WEIGHTED);
    CrossValidatedPath<LinearModel> b = copy.crossValidate(WEIGHTED);
    assertEquals(a.chosenModel(), b.chosenModel());
    assertEquals(a.toString(), b.toString());
    assertTrue(b.outOfFold().isPresent(), "keepOutOfFoldPredictions carried over");
    ElasticNetCV<LinearModel> other = original.toBuilder().seed(8).build();
    assertTrue(other.toString().contains("seed=8") && original.toString().contains("seed=7"),
        other + " / " + original);
  }

  @Test
  void relaxedLasso_toBuilder_keepsItsGammasAndAdaptiveSetting() {
    RelaxedLasso<LinearModel> original = RelaxedLasso.gaussian().gammas(0, 0.5, 1).numFolds(3)
        .seed(2).adaptive(AdaptivePenalty.Pilot.RIDGE, 1.0).build();
    RelaxedLasso<LinearModel> copy = original.toBuilder().build();
    assertEquals(original.toString(), copy.toString());
    CrossValidatedRelaxedPath<LinearModel> a = original.crossValidate(WEIGHTED);
    CrossValidatedRelaxedPath<LinearModel> b = copy.crossValidate(WEIGHTED);
    assertEquals(a.chosenModel(), b.chosenModel());
    assertEquals(a.toString(), b.toString());
  }

  @Test
  void ridgeAndRidgeCv_toBuilder_buildTheSameEstimators() {
    Ridge ridge = Ridge.builder().lambda(0.3).standardize(true).build();
    assertEquals(ridge.toString(), ridge.toBuilder().build().toString());
    assertEquals(ridge.fit(WEIGHTED), ridge.toBuilder().build().fit(WEIGHTED));
    assertEquals(0.3, ridge.lambda(), "the original keeps its λ");
    assertEquals(1.0, ridge.toBuilder().lambda(1).build().lambda());
    RidgeCV gcv = RidgeCV.builder().lambdas(0.01, 0.1, 1).standardize(true).build();
    RidgeCV loo = gcv.toBuilder().criterion(RidgeCV.Criterion.LEAVE_ONE_OUT).build();
    assertEquals(RidgeCV.Criterion.GCV, gcv.criterion());
    assertEquals(RidgeCV.Criterion.LEAVE_ONE_OUT, loo.criterion());
    assertEquals(gcv.toString(), gcv.toBuilder().build().toString());
    assertEquals(gcv.fit(WEIGHTED), gcv.toBuilder().build().fit(WEIGHTED));
  }

  @Test
  void searches_toBuilder_keepTheirResamplingRuleMeasureAndThreads() {
    Dataset digits = ConformanceTest.DIGITS.train();
    MlpClassifier base = MlpClassifier.builder().hiddenLayers(8).epochs(1).seed(3).build();
    GridSearchCV<NetworkClassifier> grid = GridSearchCV.builder(MlpGrid.builder(base)
        .lambdas(1e-3, 1e-2).build()).resampling(Resampling.kFold(2, 4))
        .measure(CvMeasure.MISCLASSIFICATION).rule(SelectionRule.MINIMUM).threads(2).build();
    GridSearchCV<NetworkClassifier> gridCopy = grid.toBuilder().build();
    assertEquals(grid.toString(), gridCopy.toString());
    assertEquals(grid.fit(digits), gridCopy.fit(digits));
    assertEquals(SelectionRule.ONE_STANDARD_ERROR,
        grid.toBuilder().rule(SelectionRule.ONE_STANDARD_ERROR).build().rule());
    assertEquals(SelectionRule.MINIMUM, grid.rule(), "the original keeps its rule");

    MlpPathCV<NetworkClassifier> path = MlpPathCV.builder(MlpPath.builder(base)
        .lambdas(1e-2, 1e-3).build()).resampling(Resampling.kFold(2, 4)).threads(2).build();
    MlpPathCV<NetworkClassifier> pathCopy = path.toBuilder().build();
    assertEquals(path.toString(), pathCopy.toString());
    assertEquals(path.threads(), pathCopy.threads());
    assertEquals(path.resampling().toString(), pathCopy.resampling().toString());
    assertEquals(path.fit(digits), pathCopy.fit(digits));
  }
}
