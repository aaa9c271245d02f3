package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The library's printed results write λ and a search's settings as the CLI's lines do
 * ({@code 1e-04}, {@code {lambda=1e-04}}), not {@code %.4g}'s "0.0001000" or Java's "1.0E-4",
 * and the linear cross-validation results say whether their rows were weighted, as
 * {@link GridSearchCV.Scored} does.
 */
class PrintedLambdaTest {
  private static final Dataset WEIGHTED = RidgeWeightsTest.data("tall.csv", true);
  private static final Dataset DATA = WEIGHTED.withoutColumns("w");
  private static final Dataset CLASSES = dev.tikhonov.data.Synthetic.classification().rows(60)
      .features(3).classes(2).seed(1).build();
  /** The λ the tests' sequences hold, as they are to be written. */
  private static final Map<Double, String> WRITTEN = Map.of(0.1, "0.1", 0.01, "0.01",
      1e-3, "1e-03", 1e-4, "1e-04");

  @Test
  void crossValidatedPath_writesLambdaInFewDigits_andItsWeighting() {
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.gaussian().lambdas(0.1, 0.01, 1e-3, 1e-4)
        .numFolds(4).seed(0).rule(SelectionRule.MINIMUM).build().crossValidate(DATA);
    String text = cv.toString();
    assertTrue(text.startsWith("CrossValidatedPath[min: λ = " + WRITTEN.get(cv.chosenLambda())
        + " (index " + cv.chosenIndex() + "); λ_min = " + WRITTEN.get(cv.lambdaMin())
        + " (index "), text);
    assertTrue(text.contains("λ_1se = " + WRITTEN.get(cv.lambda1se()) + " (index "), text);
    assertTrue(text.endsWith("; 4 λ, 4 folds, unweighted]"), text);
    String weighted = ElasticNetCV.gaussian().lambdas(0.1, 0.01, 1e-3, 1e-4).numFolds(4)
        .seed(0).weightColumn("w").build().crossValidate(WEIGHTED).toString();
    assertEquals(java.util.Optional.empty(), cv.weightColumn());
    assertTrue(weighted.contains("; 4 λ, 4 folds, weighted by column \"w\""), weighted);
  }

  @Test
  void crossValidatedL1Ratios_writesLambdaInFewDigits_andItsWeighting() {
    CrossValidatedL1Ratios<LinearModel> cv = ElasticNetCV.gaussian().l1Ratios(0.5, 1)
        .lambdas(0.1, 0.01, 1e-3, 1e-4).numFolds(4).seed(0).rule(SelectionRule.MINIMUM)
        .weightColumn("w").build().crossValidateL1Ratios(WEIGHTED);
    String text = cv.toString();
    assertTrue(text.startsWith("CrossValidatedL1Ratios[min: α = " + (cv.chosenL1Ratio() == 1
        ? "1" : "0.5") + ", λ = " + WRITTEN.get(cv.chosenLambda()) + "; α = 0.5: λ_min = "),
        text);
    assertTrue(text.endsWith("; 4 λ, 4 folds; weighted by column \"w\"]"), text);
    assertEquals(java.util.Optional.of("w"), cv.weightColumn());
  }

  @Test
  void crossValidatedRelaxedPath_writesLambdaInFewDigits_andItsWeighting() {
    CrossValidatedRelaxedPath<LinearModel> cv = RelaxedLasso.gaussian()
        .lambdas(0.1, 0.01, 1e-3, 1e-4).numFolds(3).seed(0).weightColumn("w").build()
        .crossValidate(WEIGHTED);
    String text = cv.toString();
    assertTrue(text.startsWith("CrossValidatedRelaxedPath[min: λ = "
        + WRITTEN.get(cv.chosenLambda()) + ", γ = "), text);
    assertTrue(text.contains("; λ_min = " + WRITTEN.get(cv.lambdaMin()) + " (index "), text);
    assertTrue(text.contains(" × 4 λ, weighted by column \"w\""), text);
    assertEquals(java.util.Optional.of("w"), cv.weightColumn());
    assertTrue(cv.atGamma(cv.chosenGamma()).toString().contains(", weighted by column \"w\""),
        cv.atGamma(cv.chosenGamma()).toString());
  }

  @Test
  void ridgeValidation_writesLambdaInFewDigits_andItsWeighting() {
    RidgeCV.Validation gcv = RidgeCV.builder().lambdas(0.1, 0.01, 1e-3, 1e-4).build()
        .crossValidate(DATA);
    String text = gcv.toString();
    assertTrue(text.startsWith("RidgeCV.Validation[gcv: λ = " + WRITTEN.get(gcv.chosenLambda())
        + " (index "), text);
    assertTrue(text.endsWith(" degrees of freedom, unweighted]"), text);
    RidgeCV.Validation folds = RidgeCV.builder().lambdas(0.1, 0.01, 1e-3, 1e-4)
        .resampling(Resampling.kFold(4, 0))
        .weightColumn("w").build().crossValidate(WEIGHTED);
    String k = folds.toString();
    assertTrue(k.contains(", λ_min = " + WRITTEN.get(folds.cv().get().lambdaMin())
        + ", λ_1se = "), k);
    assertTrue(k.endsWith(" degrees of freedom, weighted by column \"w\"]"), k);
    assertEquals(java.util.Optional.of("w"), folds.weightColumn());
  }

  @Test
  void mlpPathCvResult_writesLambdaInFewDigits() {
    MlpPath<NetworkClassifier> path = MlpPath.builder(MlpClassifier.builder().hiddenLayers(4)
            .epochs(1).batchSize(20).seed(1).threads(1).build())
        .lambdas(1e-3, 1e-4).patience(0).validationFraction(0).build();
    MlpPathCV.Result<NetworkClassifier> r = MlpPathCV.builder(path)
        .resampling(Resampling.kFold(2, 0)).threads(1).build().crossValidate(CLASSES);
    String text = r.toString();
    assertTrue(text.startsWith("MlpPathCV.Result[1se: λ = " + WRITTEN.get(r.chosenLambda())
        + " (index " + r.chosenIndex() + "); λ_min = " + WRITTEN.get(r.lambdaMin())
        + " (index "), text);
  }

  @Test
  void scoredAndSearchResult_writeTheSettingsAsTheCliDoes() {
    GridSearchCV.Result<LinearModel> r = GridSearchCV.builder(List.of(
            GridSearchCV.Candidate.of(Map.of("lambda", 1e-4),
                Ridge.builder().lambda(1e-4).build())))
        .resampling(Resampling.kFold(4, 5)).threads(1).build().crossValidate(DATA);
    assertTrue(r.outcomes().get(0).toString().startsWith("Scored[{lambda=1e-04}, loss "),
        r.outcomes().get(0).toString());
    assertTrue(r.toString().contains(" of 1 candidates {lambda=1e-04} (loss "), r.toString());
  }

  @Test
  void mismatchedWeights_nameTheCandidatesSettingsAsTheCliDoes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.builder(List.of(
            GridSearchCV.Candidate.of(Map.of("lambda", 3.0),
                Ridge.builder().lambda(3).weightColumn("w").build()),
            GridSearchCV.Candidate.of(Map.of("lambda", 1e-4),
                Ridge.builder().lambda(1e-4).build()))));
    assertTrue(e.getMessage().startsWith("candidates {lambda=3} and {lambda=1e-04} weight their"
        + " rows differently"), e.getMessage());
    IllegalArgumentException told = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.builder(List.of(GridSearchCV.Candidate.of(Map.of("lambda", 1e-4),
            Ridge.builder().lambda(1e-4).build()))).weightColumn("w").build());
    assertTrue(told.getMessage().startsWith("candidate {lambda=1e-04} is unweighted"),
        told.getMessage());
    IllegalArgumentException reseeded = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.Candidate.of(Map.of("lambda", 1e-4),
            Ridge.builder().lambda(1e-4).build()).estimator(7));
    assertTrue(reseeded.getMessage().startsWith("candidate {lambda=1e-04} cannot be reseeded"),
        reseeded.getMessage());
  }

  @Test
  void fittedModels_writeLambdaAndAlphaInFewDigits() {
    String linear = ElasticNet.gaussian().lambda(1e-4).l1Ratio(1).build().fit(DATA).toString();
    assertTrue(linear.startsWith("ElasticNet[gaussian, λ=1e-04, α=1, "), linear);
    NetworkClassifier net = MlpClassifier.builder().hiddenLayers(4).epochs(1).batchSize(20)
        .lambda(1e-4).dropout(0.25).seed(1).threads(1).build().fit(CLASSES);
    assertTrue(net.toString().startsWith("MlpClassifier[mlp:4, λ=1e-04, α=0, dropout=0.25, "),
        net.toString());
  }
}
