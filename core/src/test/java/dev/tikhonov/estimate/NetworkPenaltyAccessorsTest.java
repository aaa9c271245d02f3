package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Standardizer;
import dev.tikhonov.data.Synthetic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
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

  /**
   * Dropout, weight decay and the inputs' standardization answer typed, as λ and α do, before
   * and after saving: they were readable only from toString() or from
   * {@code provenance().settings().get("weight_decay")} as an Object.
   */
  @Test
  void networkModels_answerDropoutWeightDecayAndStandardizer_keptInTheFile() {
    NetworkRegressor mlp = MlpRegressor.builder().hiddenLayers(3).weightDecay(1e-3).dropout(0.25)
        .standardize(true).epochs(1).seed(0).build().fit(REGRESSION);
    Standardizer expected = Standardizer.fit(REGRESSION);
    assertEquals(0.25, mlp.dropout());
    assertEquals(OptionalDouble.of(1e-3), mlp.weightDecay());
    assertArrayEquals(expected.mean(), mlp.standardizer().orElseThrow().mean());
    assertArrayEquals(expected.scale(), mlp.standardizer().orElseThrow().scale());
    mlp.save(dir.resolve("mlp.model"));
    NetworkRegressor back = Predictor.load(dir.resolve("mlp.model"), NetworkRegressor.class);
    assertEquals(0.25, back.dropout());
    assertEquals(OptionalDouble.of(1e-3), back.weightDecay());
    assertEquals(mlp.standardizer(), back.standardizer());

    NetworkClassifier plain = MlpClassifier.builder().hiddenLayers(4).standardize(false)
        .epochs(1).seed(0).build().fit(Synthetic.classification().rows(90).features(3)
            .informative(2).classes(3).seed(1).build());
    assertEquals(0.0, plain.dropout());
    assertEquals(OptionalDouble.of(0), plain.weightDecay());
    assertEquals(Optional.empty(), plain.standardizer());
  }

  /**
   * A model file whose provenance records no settings (a fuzz fixture: {@code "provenance": {}})
   * does not say what weight decay trained it: empty, not a made-up 0; its dropout is the
   * architecture's.
   */
  @Test
  void loadedModel_withoutRecordedSettings_hasNoWeightDecay() throws Exception {
    Path file = dir.resolve("dropout.model");
    try (var in = getClass().getResourceAsStream(
        "/dev/tikhonov/io/ModelFileFuzzTestInputs/load/valid-mlp-dropout")) {
      Files.copy(in, file);
    }
    NetworkPredictor back = Predictor.load(file, NetworkPredictor.class);
    assertEquals(0.5, back.dropout());
    assertEquals(OptionalDouble.empty(), back.weightDecay());
    assertEquals(Optional.empty(), back.standardizer());
  }
}
