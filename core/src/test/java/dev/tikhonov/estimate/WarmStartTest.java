package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.optim.Optimizers;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link FitOptions#withInitialWeights}: a fit that starts from given weights. */
class WarmStartTest {
  static final Dataset DIGITS = Mnist.bundled().train().subset(IntStream.range(0, 400).toArray());

  static MlpClassifier.Builder small() {
    return MlpClassifier.builder().hiddenLayers(24, 12).batchSize(50).seed(4).threads(1);
  }

  @Test
  void fit_fromWeightsWithNegligibleSteps_keepsThemBitForBit() {
    NetworkClassifier first = small().epochs(3).build().fit(DIGITS);
    // steps of lr·g with lr = 1e-30 vanish next to float32 weights: w − 1e-30·g == w
    NetworkClassifier again = small().epochs(1).optimizer(Optimizers.sgd(1e-30)).build()
        .fit(DIGITS, FitOptions.none().withInitialWeights(first.layers()));
    List<LayerWeights> a = first.layers();
    List<LayerWeights> b = again.layers();
    assertEquals(3, b.size());
    for (int l = 0; l < a.size(); l++) {
      assertArrayEquals(a.get(l).weight(), b.get(l).weight(), "layer " + l);
      assertArrayEquals(a.get(l).bias(), b.get(l).bias(), "layer " + l);
    }
    NetworkClassifier cold = small().epochs(1).optimizer(Optimizers.sgd(1e-30)).build()
        .fit(DIGITS);
    assertFalse(java.util.Arrays.equals(a.get(1).weight(), cold.layers().get(1).weight()),
        "without initial weights the fit starts from the random initialization");
  }

  @Test
  void fit_fromAConvergedModel_startsWhereItEnded() {
    MlpClassifier.Builder settings = small().lambda(1e-3);
    NetworkClassifier trained = settings.epochs(15).build().fit(DIGITS);
    double trainedLoss = trained.evaluate(DIGITS).objective();
    NetworkClassifier warm = settings.epochs(1).build()
        .fit(DIGITS, FitOptions.none().withInitialWeights(trained.layers()));
    NetworkClassifier cold = settings.epochs(1).build().fit(DIGITS);
    double warmLoss = warm.evaluate(DIGITS).objective();
    double coldLoss = cold.evaluate(DIGITS).objective();
    // one more epoch from the trained weights stays near them; from scratch it is far above
    assertTrue(warmLoss < trainedLoss + 0.1, warmLoss + " vs trained " + trainedLoss);
    assertTrue(coldLoss > warmLoss + 0.5, "cold " + coldLoss + " vs warm " + warmLoss);
    // the history of the warm fit begins at the trained model's level, not at log 10
    double firstEpoch = warm.training().orElseThrow().history().epochs().get(0).trainLoss();
    assertTrue(firstEpoch < 0.5 * Math.log(10), "first epoch's loss " + firstEpoch);
  }

  @Test
  void fit_fromWeights_isReproducible() {
    NetworkClassifier start = small().epochs(2).build().fit(DIGITS);
    MlpClassifier next = small().epochs(2).lambda(1e-2).build();
    FitOptions options = FitOptions.none().withInitialWeights(start.layers());
    assertArrayEquals(next.fit(DIGITS, options).layers().get(1).weight(),
        next.fit(DIGITS, options).layers().get(1).weight());
  }

  @Test
  void fit_withWeightsOfAnotherShape_orWithAResume_isRefusedNamingTheLayer() {
    NetworkClassifier other = MlpClassifier.builder().hiddenLayers(24, 10).epochs(1).threads(1)
        .build().fit(DIGITS);
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> small().epochs(1).build().fit(DIGITS,
            FitOptions.none().withInitialWeights(other.layers())));
    assertTrue(shape.getMessage().contains("dense layer 2 is 24×10, the network's is 24×12"),
        shape.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> small().epochs(1).build().fit(DIGITS,
            FitOptions.none().withInitialWeights(other.layers().subList(0, 2))));
    assertTrue(count.getMessage().contains("2 dense layers, the network has 3"),
        count.getMessage());
  }
}
