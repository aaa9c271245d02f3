package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network model answers {@code lambda()} and {@code l1Ratio()} as a linear one does, before
 * and after saving, and prints them: one vocabulary across model kinds, not
 * {@code provenance().settings().get("lambda")} as an Object for one kind only.
 */
class NetworkPenaltyAccessorsTest {
  static final Dataset REGRESSION = Synthetic.regression().rows(60).features(3).informative(2)
      .noise(0.5).seed(2).build().data();

  @TempDir Path dir;

  @Test
  void networkModels_haveLambdaAndL1Ratio_keptInTheFile_andPrinted() {
    Dataset classes = Synthetic.classification().rows(90).features(3).informative(2).classes(3)
        .seed(1).build();
    NetworkClassifier mlp = MlpClassifier.builder().hiddenLayers(4).lambda(1e-3).l1Ratio(0.25)
        .epochs(1).seed(0).build().fit(classes);
    assertEquals(1e-3, mlp.lambda());
    assertEquals(0.25, mlp.l1Ratio());
    assertEquals("MlpClassifier[mlp:4, λ=1e-03, α=0.25, 3 classes]", mlp.toString());
    mlp.save(dir.resolve("mlp.model"));
    NetworkClassifier back = Predictor.load(dir.resolve("mlp.model"), NetworkClassifier.class);
    assertEquals(1e-3, back.lambda());
    assertEquals(0.25, back.l1Ratio());

    NetworkRegressor linear = LinearRegression.builder().lambda(0.5).epochs(1).build()
        .fit(REGRESSION);
    assertEquals(0.5, linear.lambda());
    assertEquals(0.0, linear.l1Ratio());
    assertTrue(linear.toString().startsWith("LinearRegression[linear, λ=0.5, α=0"),
        linear.toString());
  }

  /** Dropout is a setting of the training objective too: printed when there is one. */
  @Test
  void networkModels_trainedWithDropout_printIt_beforeAndAfterSaving() {
    NetworkClassifier mlp = MlpClassifier.builder().hiddenLayers(4).lambda(1e-3).dropout(0.5)
        .epochs(1).seed(0).build().fit(Synthetic.classification().rows(90).features(3)
            .informative(2).classes(3).seed(1).build());
    assertEquals("MlpClassifier[mlp:4, λ=1e-03, α=0, dropout=0.5, 3 classes]", mlp.toString());
    mlp.save(dir.resolve("mlp.model"));
    assertEquals(mlp.toString(),
        Predictor.load(dir.resolve("mlp.model"), NetworkClassifier.class).toString());
    NetworkRegressor regressor = MlpRegressor.builder().hiddenLayers(3).dropout(0.25).epochs(1)
        .seed(0).build().fit(REGRESSION);
    assertEquals("MlpRegressor[mlp:3, λ=0, α=0, dropout=0.25]", regressor.toString());
  }

  /**
   * Decoupled weight decay is no penalty in J, but it shrinks the weights as λ does: a model
   * trained with it alone printed as "λ=0, α=0", as an unregularized one.
   */
  @Test
  void networkModels_trainedWithWeightDecay_printIt_beforeAndAfterSaving() {
    NetworkRegressor mlp = MlpRegressor.builder().hiddenLayers(3).weightDecay(1e-3).dropout(0.25)
        .epochs(1).seed(0).build().fit(REGRESSION);
    assertEquals("MlpRegressor[mlp:3, λ=0, α=0, dropout=0.25, weight_decay=1e-03]",
        mlp.toString());
    mlp.save(dir.resolve("mlp.model"));
    assertEquals(mlp.toString(), Predictor.load(dir.resolve("mlp.model")).toString());
  }
}
