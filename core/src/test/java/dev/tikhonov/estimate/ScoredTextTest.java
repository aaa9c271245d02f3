package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.select.CvMeasure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A printed {@link GridSearchCV.Scored}, search result and {@link MlpPathCV.Result} name what
 * the score is and whether the held-out rows were weighted: "score 0.12" could be a log-loss or
 * a misclassification rate, weighted or not.
 */
class ScoredTextTest {
  private static final Dataset DATA = RidgeWeightsTest.data("tall.csv", true);
  private static final Dataset CLASSES = dev.tikhonov.data.Synthetic.classification().rows(60)
      .features(3).classes(2).seed(1).build();

  @Test
  void scored_namesItsMeasure_andThatItIsUnweighted() {
    Ridge ridge = Ridge.builder().lambda(0.3).build();
    Estimator<LinearModel> own = train -> ridge.fit(train.withoutColumns("w"));
    String mse = GridSearchCV.crossValScore(own, DATA, Resampling.kFold(4, 5),
        CvMeasure.MEAN_SQUARED_ERROR).toString();
    assertTrue(mse.matches(
        "Scored\\[\\{\\}, mse [0-9.e+-]+ ± [0-9.e+-]+ over 4 splits, unweighted]"), mse);
    String loss = GridSearchCV.crossValScore(own, DATA, Resampling.kFold(4, 5),
        CvMeasure.DEVIANCE).toString();
    assertTrue(loss.startsWith("Scored[{}, loss "), loss);
    Estimator<LinearClassifier> logistic = ElasticNet.binomial().lambda(0.01).build();
    String error = GridSearchCV.crossValScore(logistic, CLASSES, Resampling.kFold(3, 0),
        CvMeasure.MISCLASSIFICATION).toString();
    assertTrue(error.startsWith("Scored[{}, misclassification "), error);
    assertTrue(error.endsWith(" over 3 splits, unweighted]"), error);
  }

  @Test
  void weightedScoredAndResult_nameTheWeightColumn() {
    Ridge weighted = Ridge.builder().lambda(0.3).weightColumn("w").build();
    String one = GridSearchCV.crossValScore(weighted, DATA, Resampling.kFold(4, 5),
        CvMeasure.MEAN_SQUARED_ERROR).toString();
    assertTrue(one.endsWith(" over 4 splits, weighted by column \"w\"]"), one);
    GridSearchCV.Result<LinearModel> r = GridSearchCV.builder(List.of(
            GridSearchCV.Candidate.of(Map.of("lambda", 3.0),
                Ridge.builder().lambda(3).weightColumn("w").build()),
            GridSearchCV.Candidate.of(Map.of("lambda", 0.3), weighted)))
        .resampling(Resampling.kFold(4, 5)).measure(CvMeasure.MEAN_SQUARED_ERROR).threads(1)
        .build().crossValidate(DATA);
    String text = r.toString();
    assertTrue(text.contains(" (mse "), text);
    assertTrue(text.contains(", weighted by column \"w\"); indexMin "), text);
    assertTrue(r.outcomes().get(1).toString().endsWith(", weighted by column \"w\"]"),
        r.outcomes().get(1).toString());
  }

  @Test
  void searchResult_namesAMisclassificationScore_andThatItIsUnweighted() {
    GridSearchCV.Result<LinearClassifier> r = GridSearchCV.builder(List.of(
            GridSearchCV.Candidate.of(Map.of("lambda", 0.1),
                ElasticNet.binomial().lambda(0.1).build()),
            GridSearchCV.Candidate.of(Map.of("lambda", 0.01),
                ElasticNet.binomial().lambda(0.01).build())))
        .resampling(Resampling.kFold(3, 0)).measure(CvMeasure.MISCLASSIFICATION).threads(1)
        .build().crossValidate(CLASSES);
    String text = r.toString();
    assertTrue(text.contains(" (misclassification "), text);
    assertTrue(text.contains(", unweighted); indexMin "), text);
    assertEquals(-1, text.indexOf(" (class "), text);
  }

  @Test
  void pathCVResult_namesItsMeasure_andTheWeightColumn() {
    double[] w = new double[CLASSES.numRows()];
    for (int i = 0; i < w.length; i++) {
      w[i] = 1 + i % 3;
    }
    MlpClassifier base = MlpClassifier.builder().hiddenLayers(4).epochs(2).batchSize(20)
        .seed(1).threads(1).weightColumn("w").build();
    MlpPath<NetworkClassifier> path = MlpPath.builder(base).lambdas(0.1, 0.01).patience(0)
        .validationFraction(0).build();
    String text = MlpPathCV.builder(path).resampling(Resampling.kFold(3, 0))
        .measure(CvMeasure.MISCLASSIFICATION).threads(1).build()
        .crossValidate(CLASSES.withColumn("w", w)).toString();
    assertTrue(text.matches("MlpPathCV\\.Result\\[1se: λ = .* \\(index \\d, misclassification"
        + " [^)]*\\), λ_1se = .* \\(index \\d, misclassification [^)]*\\); 2 λ, 3 folds,"
        + " weighted by column \"w\"; warm, .* s]"), text);
    assertEquals(-1, text.indexOf("loss"), text);
  }

  @Test
  void pathCVResult_ofARegressor_namesItsMeasure_andThatItIsUnweighted() {
    MlpRegressor base = MlpRegressor.builder().hiddenLayers(4).epochs(2).batchSize(20)
        .seed(1).threads(1).build();
    MlpPath<NetworkRegressor> path = MlpPath.builder(base).lambdas(0.1, 0.01).patience(0)
        .validationFraction(0).build();
    MlpPathCV<NetworkRegressor> search = MlpPathCV.builder(path)
        .resampling(Resampling.kFold(3, 0)).measure(CvMeasure.MEAN_ABSOLUTE_ERROR).threads(1)
        .build();
    String text = search.crossValidate(DATA.withoutColumns("w")).toString();
    assertTrue(text.contains(" (index 0, mae ") || text.contains(" (index 1, mae "), text);
    assertTrue(text.contains("; 2 λ, 3 folds, unweighted; warm, "), text);
    String loss = search.toBuilder().measure(CvMeasure.DEVIANCE).build()
        .crossValidate(DATA.withoutColumns("w")).toString();
    assertTrue(loss.contains(", loss "), loss);
  }
}
