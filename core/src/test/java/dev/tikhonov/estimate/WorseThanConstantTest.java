package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.train.TrainResult;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A learning rate too large to converge but not large enough for the divergence check (a NaN,
 * or a loss grown 10¹⁰ times) used to end at chance accuracy with nothing to tell it from a
 * good run: {@link TrainResult#predictsWorseThanConstant()} now says that the last epoch's mean
 * training loss is above the all-zero output's, ℓ₀ ({@link TrainResult#constantPredictionLoss()}).
 */
class WorseThanConstantTest {
  static final Dataset DIGITS = Mnist.bundled().train().subset(IntStream.range(0, 2000).toArray());

  static TrainResult fit(double learningRate) {
    return MlpClassifier.builder().hiddenLayers(8).epochs(2).batchSize(128).seed(0)
        .optimizer(Optimizers.sgd(learningRate).momentum(0.9)).build().fit(DIGITS).training()
        .orElseThrow();
  }

  @Test
  void aLearningRateThatOvershootsWithoutDiverging_predictsWorseThanConstant() {
    TrainResult r = fit(10);
    assertEquals(Math.log(10), r.constantPredictionLoss(), 1e-12, "ℓ₀ = log K for 10 classes");
    assertEquals(r.history().last().trainLoss(), r.finalEpochLoss(), 0.0);
    assertTrue(r.predictsWorseThanConstant(), "final epoch's loss " + r.finalEpochLoss());
  }

  @Test
  void theUsualLearningRate_doesNotPredictWorseThanConstant() {
    TrainResult r = fit(0.05);
    assertFalse(r.predictsWorseThanConstant(), "final epoch's loss " + r.finalEpochLoss());
    assertTrue(r.finalEpochLoss() < 0.8 * r.constantPredictionLoss(), "" + r.finalEpochLoss());
  }

  /** ℓ₀ for squared error is ½·mean(y²) over the training rows, whatever the model. */
  @Test
  void constantPredictionLoss_ofSquaredError_isHalfTheMeanSquare() {
    double[][] x = {{0}, {1}, {2}, {3}};
    double[] y = {1, -2, 3, 0.5};
    TrainResult r = MlpRegressor.builder().hiddenLayers(4).epochs(1).batchSize(2).seed(0)
        .build().fit(Dataset.of(x, y)).training().orElseThrow();
    assertEquals(0.5 * (1 + 4 + 9 + 0.25) / 4, r.constantPredictionLoss(), 1e-6);
  }

  /**
   * A target that varies in two of twelve rows only, and a validation fraction of one half:
   * for some seeds both rows fall in the validation part and the rows left to fit have one
   * value. A single fit trained on it, and the λ path (whose parts are split before their fits)
   * refused it as "the target is constant", which it is not; both now name the setting. Seeds
   * are tried until one holds out both rows (a quarter of them do, the same in every run).
   */
  @Test
  void aValidationSplitLeavingOneTargetValue_isRefusedNamingTheSetting() {
    double[][] x = new double[12][];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {i % 5, i % 3};
      y[i] = i == 2 ? 6 : i == 9 ? 7 : 5;
    }
    Dataset data = Dataset.of(x, y);
    String expected = "validationFraction 0.5 of the 12 training rows of " + data.source()
        + " leaves 6 rows to fit, whose target is constant (5.0): nothing to fit; hold out a"
        + " smaller share, or split with another seed";
    int refused = 0;
    for (long seed = 0; seed < 12; seed++) {
      MlpRegressor regressor = MlpRegressor.builder().hiddenLayers(3).epochs(1)
          .validationFraction(0.5).seed(seed).build();
      try {
        regressor.fit(data);
      } catch (dev.tikhonov.data.InputException e) {
        assertEquals(expected, e.getMessage(), "seed " + seed);
        assertEquals(java.util.Optional.of("validationFraction"), e.setting());
        var path = org.junit.jupiter.api.Assertions.assertThrows(
            dev.tikhonov.data.InputException.class, () -> MlpPath.builder(regressor)
                .lambdas(0.1, 0.01).validationFraction(0.5).build().fit(data));
        assertEquals(expected, path.getMessage(), "the path, seed " + seed);
        refused++;
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(refused > 0, "no seed held out both rows");
    // One row left to fit is one value whatever the seed: "1 rows … another seed" misled.
    Dataset two = Dataset.of(new double[][] {{0}, {1}}, new double[] {1, 2});
    var one = org.junit.jupiter.api.Assertions.assertThrows(dev.tikhonov.data.InputException.class,
        () -> MlpRegressor.builder().hiddenLayers(3).epochs(1).validationFraction(0.5).seed(0)
            .build().fit(two));
    org.junit.jupiter.api.Assertions.assertTrue(one.getMessage().matches("validationFraction 0\\.5"
        + " of the 2 training rows of .* leaves 1 row to fit, whose target is one value"
        + " \\([12]\\.0\\): nothing to fit; hold out a smaller share, or give more rows"),
        one.getMessage());
  }

  /**
   * A regression target of one value is refused, as the linear paths refuse it: the network
   * used to fit it and end at its own rounding noise, "worse than a constant" (ℓ₀ = 0 for an
   * all-zero target, or for any constant one standardized).
   */
  @Test
  void aConstantRegressionTarget_isAConstantTargetException() {
    double[][] x = {{0}, {1}, {2}, {3}};
    for (double c : new double[] {0, 5}) {
      double[] y = {c, c, c, c};
      for (var fit : java.util.List.<java.util.function.Supplier<Object>>of(
          () -> MlpRegressor.builder().hiddenLayers(4).epochs(1).build().fit(Dataset.of(x, y)),
          () -> MlpRegressor.builder().hiddenLayers(4).epochs(1).standardizeTarget(true).build()
              .fit(Dataset.of(x, y)),
          () -> LinearRegression.builder().epochs(1).build().fit(Dataset.of(x, y)))) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(
            dev.tikhonov.data.ConstantTargetException.class, fit::get);
        assertEquals("the target is constant (" + c + "): nothing to fit", e.getMessage());
      }
    }
  }
}
