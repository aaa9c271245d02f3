package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.linear.PathSolution;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every cross-validation result prints what a user looks for first, the chosen λ (or
 * candidate) and cv.glmnet's two candidates with their loss ± SE, instead of Object's
 * "CrossValidatedPath@74235045" or a record's "[D@463fd068" for its arrays.
 */
class CrossValidationResultsTextTest {
  static final Dataset DATA = Synthetic.regression().rows(120).features(6).informative(3).noise(1.0)
      .seed(4).build().data();
  static final Dataset CLASSES = Synthetic.classification().rows(120).features(4).informative(2)
      .classes(2).seed(9).build();

  static String g(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** λ and γ as the results write them: few digits, below 0.01 in scientific form. */
  static String few(double v) {
    return dev.tikhonov.internal.data.Digits.few(v);
  }

  static void assertReadable(String text) {
    assertFalse(text.contains("@"), text);
  }

  @Test
  void crossValidatedPath_toString_namesRuleChoiceAndBothCandidates() {
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.gaussian().numFolds(4).seed(0)
        .rule(SelectionRule.ONE_STANDARD_ERROR).build().crossValidate(DATA);
    String text = cv.toString();
    assertReadable(text);
    assertTrue(text.startsWith("CrossValidatedPath[1se: λ = " + few(cv.chosenLambda())
        + " (index " + cv.chosenIndex() + "); λ_min = " + few(cv.lambdaMin()) + " (index "
        + cv.indexMin() + ", loss "), text);
    assertTrue(text.contains("λ_1se = " + few(cv.lambda1se()) + " (index " + cv.index1se()),
        text);
    assertTrue(text.endsWith(cv.path().size() + " λ, 4 folds, unweighted]"), text);
    assertReadable(cv.cv().toString());
    assertTrue(cv.cv().toString().contains("λ_min = " + g(cv.lambdaMin())), cv.cv().toString());
  }

  /** The candidates' scores are named by the measure they are: "loss" was said of an MAE too. */
  @Test
  void crossValidatedPath_toString_namesTheMeasureOfItsScores() {
    String text = ElasticNetCV.gaussian().numFolds(4).seed(0)
        .measure(dev.tikhonov.select.CvMeasure.MEAN_ABSOLUTE_ERROR).build().crossValidate(DATA)
        .toString();
    assertTrue(text.matches(".*λ_min = \\S+ \\(index \\d+, mae .*"
        + "λ_1se = \\S+ \\(index \\d+, mae .*"), text);
    assertFalse(text.contains(", loss "), text);
  }

  /**
   * The ridge path's default sequence on 3/4 of data/diabetes.csv ends while the held-out loss
   * is still falling (λ_min at index 99 of 100; the other quarter's R² is 0.24 there, 0.41 at
   * the minimum of the path extended to 10⁻⁶ λ_max): the
   * result says so and names the setting that extends it, and says nothing once it is extended.
   */
  @Test
  void crossValidatedPath_minimumAtTheEndOfAFullPath_isNamedWithItsRemedy() {
    Dataset diabetes = dev.tikhonov.data.Splits.trainTest(Dataset.read(
        java.nio.file.Path.of("..", "data", "diabetes.csv"), "progression",
        dev.tikhonov.data.TargetKind.REAL), 0.25, 0).train();
    CrossValidatedPath<LinearModel> edge = ElasticNetCV.gaussian().l1Ratio(0).numFolds(10)
        .seed(0).build().crossValidate(diabetes);
    assertEquals(edge.path().size() - 1, edge.indexMin(), edge.toString());
    assertTrue(edge.minimumAtPathEnd());
    assertTrue(edge.toString().contains("λ_min is the path's smallest λ")
        && edge.toString().contains("lambdaMinRatio"), edge.toString());
    CrossValidatedPath<LinearModel> extended = ElasticNetCV.gaussian().l1Ratio(0)
        .lambdaMinRatio(1e-6).numFolds(10).seed(0).build().crossValidate(diabetes);
    assertTrue(extended.indexMin() < extended.path().size() - 1, extended.toString());
    assertFalse(extended.minimumAtPathEnd());
    assertFalse(extended.toString().contains("smallest λ"), extended.toString());
    assertTrue(extended.cv().mean()[extended.indexMin()] < edge.cv().mean()[edge.indexMin()]);
  }

  /**
   * The relaxed lasso's CV says so too: on data/diabetes.csv a sequence of three large λ (the
   * lasso's λ_max is near 45 there) ends while the held-out loss still falls; the default
   * sequence, cut short by the deviance rule, does not end at its minimum.
   */
  @Test
  void crossValidatedRelaxedPath_minimumAtTheSequencesEnd_saysSo() {
    Dataset diabetes = dev.tikhonov.data.Splits.trainTest(Dataset.read(
        java.nio.file.Path.of("..", "data", "diabetes.csv"), "progression",
        dev.tikhonov.data.TargetKind.REAL), 0.25, 0).train();
    CrossValidatedRelaxedPath<LinearModel> edge = RelaxedLasso.gaussian().lambdas(30, 20, 10)
        .numFolds(5).seed(0).build().crossValidate(diabetes);
    assertEquals(2, edge.cv().indexMin(), edge.toString());
    assertTrue(edge.minimumAtPathEnd());
    assertTrue(edge.toString().contains("λ_min is the path's smallest λ")
        && edge.toString().contains("lambdaMinRatio"), edge.toString());
    CrossValidatedRelaxedPath<LinearModel> inside = RelaxedLasso.gaussian().numFolds(5).seed(0)
        .build().crossValidate(diabetes);
    assertFalse(inside.minimumAtPathEnd(), inside.toString());
    assertFalse(inside.toString().contains("smallest λ"), inside.toString());
  }

  /** A lasso path cut short by glmnet's deviance rule ends where the fit stops changing. */
  @Test
  void crossValidatedPath_pathCutShortByTheDevianceRule_isNotAtItsEnd() {
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.gaussian().l1Ratio(1).numFolds(4).seed(0)
        .build().crossValidate(Synthetic.regression().rows(120).features(6).informative(6)
            .noise(0.01).seed(4).build().data());
    assertEquals(dev.tikhonov.linear.PathSolution.Ending.DEVIANCE_RULE,
        cv.path().solution().end().reason());
    assertFalse(cv.minimumAtPathEnd(), cv.toString());
  }

  @Test
  void pathSolution_toString_namesFamilyLambdasAndEnd() {
    PathSolution path = ElasticNet.gaussian().l1Ratio(1).build().path(DATA).solution();
    String text = path.toString();
    assertReadable(text);
    assertTrue(text.startsWith("PathSolution[gaussian, α = 1, " + path.size() + " λ from "
        + g(path.lambda(0)) + " to " + g(path.lambda(path.size() - 1)) + ", 6 features,"
        + " deviance ratio up to "), text);
    assertTrue(text.endsWith("; end: " + path.end().reason() + "]"), text);
    String classes = ElasticNet.multinomial().build().path(Synthetic.classification().rows(120)
        .features(4).informative(2).classes(3).seed(9).build()).solution().toString();
    assertReadable(classes);
    assertTrue(classes.contains(", 4 features, 3 classes, "), classes);
  }

  @Test
  void crossValidatedRelaxedPath_toString_namesLambdaAndGamma() {
    CrossValidatedRelaxedPath<LinearModel> cv = RelaxedLasso.gaussian().numFolds(3).seed(0)
        .build().crossValidate(DATA);
    String text = cv.toString();
    assertReadable(text);
    assertTrue(text.startsWith("CrossValidatedRelaxedPath[min: λ = " + few(cv.chosenLambda())
        + ", γ = " + few(cv.chosenGamma()) + "; λ_min = " + few(cv.lambdaMin())), text);
    assertTrue(text.contains("γ_1se = " + few(cv.gamma1se())), text);
    assertReadable(cv.cv().toString());
  }

  @Test
  void ridgeValidation_toString_namesCriterionAndChoice() {
    RidgeCV.Validation v = RidgeCV.builder().criterion(RidgeCV.Criterion.LEAVE_ONE_OUT).build()
        .crossValidate(DATA);
    String text = v.toString();
    assertReadable(text);
    assertTrue(text.startsWith("RidgeCV.Validation[leave_one_out: λ = " + few(v.chosenLambda())
        + " (index " + v.chosenIndex() + " of " + v.lambdas().length + ")"), text);
  }

  @Test
  void mlpPathCvResult_toString_namesChosenLambda() {
    MlpPathCV.Result<NetworkClassifier> r = MlpPathCV.builder(MlpPath.builder(
            MlpClassifier.builder().hiddenLayers(4).epochs(1).batchSize(40).seed(0).build())
        .lambdas(LambdaGrid.of(0.1, 0.01)).build())
        .resampling(Resampling.kFold(2, 0)).threads(1).build().crossValidate(CLASSES);
    String text = r.toString();
    assertReadable(text);
    assertTrue(text.startsWith("MlpPathCV.Result[1se: λ = " + few(r.chosenLambda()) + " (index "
        + r.chosenIndex() + "); λ_min = " + few(r.lambdaMin())), text);
    assertTrue(text.contains("2 λ, 2 folds"), text);
  }

  @Test
  void gridSearchResult_toString_namesChosenSettings() {
    GridSearchCV.Result<NetworkClassifier> r = GridSearchCV.builder(MlpGrid.builder(
            MlpClassifier.builder().hiddenLayers(4).epochs(1).batchSize(40).seed(0).build())
        .lambdas(0.1, 0.01).build())
        .resampling(Resampling.kFold(2, 0)).threads(1).build().crossValidate(CLASSES);
    String text = r.toString();
    assertReadable(text);
    assertTrue(text.startsWith("GridSearchCV.Result[1se: index " + r.chosenIndex()
        + " of 2 candidates " + dev.tikhonov.internal.data.Digits.settings(r.chosenSettings())
        + " (loss "), text);
    assertTrue(text.contains("; indexMin " + r.indexMin() + ", index1se " + r.index1se()), text);
    assertTrue(text.contains("0 diverged"), text);
    String scores = r.scores().toString();
    assertReadable(scores);
    assertTrue(scores.startsWith("Result[2 configs, 2 splits; min: " + r.scores().configMin()),
        scores);
    assertEquals(-1, r.misclassification().orElseThrow().toString().indexOf('@'));
  }
}
