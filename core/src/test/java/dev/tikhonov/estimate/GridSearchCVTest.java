package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.select.GridSearch;
import dev.tikhonov.tensor.Blas;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link GridSearchCV} over an {@link MlpGrid}: scores, the rule, the refit, the order. */
class GridSearchCVTest {
  static final Dataset DIGITS = Mnist.bundled().train().subset(IntStream.range(0, 300).toArray());

  static MlpClassifier base() {
    return MlpClassifier.builder().hiddenLayers(12).epochs(4).batchSize(30).seed(1).build();
  }

  static MlpGrid<NetworkClassifier> grid() {
    return MlpGrid.builder(base()).lambdas(1e-4, 0.1).dropouts(0, 0.3)
        .learningRates(0.05, 0.02).build();
  }

  @Test
  void grid_listsTheMostRegularizedFirst() {
    MlpGrid<NetworkClassifier> g = MlpGrid.builder(base()).lambdas(1e-4, 0.1, 0.01)
        .dropouts(0, 0.3).weightDecays(0, 1e-3).learningRates(0.05, 0.02).build();
    assertEquals(24, g.size());
    List<Map<String, Object>> s = g.candidates().stream().map(GridSearchCV.Candidate::settings)
        .toList();
    assertEquals(Map.of("lambda", 0.1, "dropout", 0.3, "weight_decay", 1e-3,
        "learning_rate", 0.05), s.get(0));
    assertEquals(Map.of("lambda", 0.1, "dropout", 0.3, "weight_decay", 1e-3,
        "learning_rate", 0.02), s.get(1));
    assertEquals(Map.of("lambda", 0.1, "dropout", 0.3, "weight_decay", 0.0,
        "learning_rate", 0.05), s.get(2));
    assertEquals(Map.of("lambda", 1e-4, "dropout", 0.0, "weight_decay", 0.0,
        "learning_rate", 0.02), s.get(23));
    assertEquals(List.of(0.1, 0.01, 1e-4), g.axes().get("lambda"));
    MlpGrid<NetworkClassifier> alone = MlpGrid.builder(base()).build();
    assertEquals(1, alone.size(), "every axis defaults to the base's value");
    assertEquals(Map.of("lambda", 0.0, "dropout", 0.0, "weight_decay", 0.0,
        "learning_rate", 0.05), alone.candidates().get(0).settings());
  }

  @Test
  void search_scoresEveryCandidateOnEverySplit_asAFitAlone() {
    GridSearchCV.Result<NetworkClassifier> r = GridSearchCV.builder(grid())
        .resampling(Resampling.kFold(3, 2)).threads(2).build().search(DIGITS);
    GridSearch.Result<Map<String, Object>> scores = r.scores();
    assertEquals(8, scores.configs().size());
    assertEquals(3, scores.scores()[0].length);
    Resampling.Split split = Resampling.kFold(3, 2).splits(DIGITS).get(2);
    int before = Blas.threads();
    Blas.setThreads(1);
    try {
      // candidate 5: λ = 1e-4, dropout 0.3, learning rate 0.02
      NetworkClassifier alone = base().toBuilder().lambda(1e-4).dropout(0.3)
          .optimizer(Optimizers.sgd(0.02).momentum(0.9)).build()
          .fit(DIGITS.subset(split.trainRows()));
      assertEquals(Map.of("lambda", 1e-4, "dropout", 0.3, "weight_decay", 0.0,
          "learning_rate", 0.02), scores.configs().get(5));
      assertEquals(alone.evaluate(DIGITS.subset(split.testRows())).loss(),
          scores.scores()[5][2], 0.0);
    } finally {
      Blas.setThreads(before);
    }
    assertTrue(scores.oneStandardError() <= scores.best());
    assertEquals(scores.oneStandardError(), r.chosenIndex());
    double heavy = scores.mean()[0];
    assertTrue(heavy > scores.mean()[scores.best()] + 0.5, "λ = 0.1 underfits: " + heavy);
  }

  @Test
  void search_refitsTheChosenCandidateOnAllRows_underItsOwnName() {
    GridSearchCV.Result<NetworkClassifier> r = GridSearchCV.builder(grid())
        .resampling(Resampling.kFold(3, 2)).rule(SelectionRule.MINIMUM).threads(2).build()
        .search(DIGITS);
    assertEquals(r.scores().best(), r.chosenIndex());
    Map<String, Object> chosen = r.chosenSettings();
    NetworkClassifier expected = base().toBuilder()
        .lambda((Double) chosen.get("lambda")).dropout((Double) chosen.get("dropout"))
        .optimizer(Optimizers.sgd((Double) chosen.get("learning_rate")).momentum(0.9)).build()
        .fit(DIGITS);
    assertArrayEquals(expected.layers().get(0).weight(), r.model().layers().get(0).weight());
    assertEquals("GridSearchCV", r.model().provenance().estimator());
    assertEquals(chosen.get("lambda"), r.model().provenance().settings().get("lambda"));
    assertEquals("min", r.model().provenance().settings().get("rule"));
    assertTrue(r.misclassification().orElseThrow().mean()[r.chosenIndex()] < 0.5);
  }

  @Test
  void repeatedSeeds_needCandidatesThatCanBeReseeded() {
    GridSearchCV.Result<NetworkClassifier> r = GridSearchCV.builder(
        MlpGrid.builder(base()).lambdas(1e-3, 1e-2).build())
        .resampling(Resampling.repeatedSeeds(0.3, 1, 5, 6)).threads(2).build().search(DIGITS);
    assertTrue(r.scores().scores()[0][0] != r.scores().scores()[0][1], "two seeds, two fits");
    GridSearchCV.Candidate<NetworkClassifier> plain =
        GridSearchCV.Candidate.of(Map.of("lambda", 0.01), base());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.builder(List.of(plain))
            .resampling(Resampling.repeatedSeeds(0.3, 1, 5, 6)).build().search(DIGITS));
    assertTrue(e.getMessage().contains("cannot be reseeded"), e.getMessage());
    GridSearchCV.Result<NetworkClassifier> any = GridSearchCV.builder(List.of(plain))
        .resampling(Resampling.kFold(2, 0)).build().search(DIGITS);
    assertEquals(0, any.chosenIndex());
  }

  @Test
  void badSettings_areRefusedByName() {
    assertThrows(IllegalArgumentException.class, () -> MlpGrid.builder(base()).lambdas());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> MlpGrid.builder(base()).lambdas(0.1, -1));
    assertTrue(negative.getMessage().startsWith("lambdas must be"), negative.getMessage());
    IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class,
        () -> MlpGrid.builder(base()).dropouts(0, 1));
    assertTrue(dropout.getMessage().startsWith("dropouts must be in [0, 1)"),
        dropout.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MlpGrid.builder(base()).learningRates(0));
    assertThrows(IllegalArgumentException.class,
        () -> MlpGrid.builder(base()).weightDecays(0.1, 0.1));
    IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.builder(List.of(GridSearchCV.Candidate.of(Map.of(),
            base().toBuilder().threads(2).build()))));
    assertTrue(threads.getMessage().contains("sets threads"), threads.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GridSearchCV.builder(List.of()));
  }
}
