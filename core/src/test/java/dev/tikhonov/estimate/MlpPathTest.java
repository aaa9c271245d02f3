package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.Splits;
import dev.tikhonov.select.EvidenceCurve;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link MlpPath}: warm and cold paths are what their definitions say, point by point. */
class MlpPathTest {
  static final Dataset DIGITS = Mnist.bundled().train().subset(IntStream.range(0, 400).toArray());
  static final long SEED = 2;

  static MlpClassifier base() {
    return MlpClassifier.builder().hiddenLayers(16).epochs(6).batchSize(40).seed(SEED)
        .threads(1).build();
  }

  static MlpPath<NetworkClassifier> path(MlpPath.Start start) {
    return MlpPath.builder(base()).lambdas(LambdaGrid.fromData(4, 1e-4)).start(start)
        .warmEpochs(2).patience(2).validationFraction(0.1).build();
  }

  /** The validation rows the path holds out: 10 %, stratified, seeded by the seed + 1. */
  static Dataset validationRows() {
    return Splits.stratifiedTrainTest(DIGITS, 0.1, SEED + 1).test();
  }

  static void assertSameWeights(NetworkClassifier a, NetworkClassifier b, String what) {
    List<LayerWeights> x = a.layers();
    List<LayerWeights> y = b.layers();
    for (int l = 0; l < x.size(); l++) {
      assertArrayEquals(x.get(l).weight(), y.get(l).weight(), what + ", layer " + l);
      assertArrayEquals(x.get(l).bias(), y.get(l).bias(), what + ", layer " + l);
    }
  }

  @Test
  void warm_eachPointIsTheFitAtItsLambdaFromTheWeightsOfTheLambdaBelow() {
    MlpPath.Fit<NetworkClassifier> fit = path(MlpPath.Start.WARM).fit(DIGITS);
    double[] lambdas = fit.lambdas();
    assertEquals(4, fit.size());
    assertEquals(LambdaGrid.lambdaMax(DIGITS, false), lambdas[0], 0.0);
    assertEquals(DIGITS.numRows() - validationRows().numRows(), fit.trainingRows().numRows());
    FitOptions validation = FitOptions.none().withValidation(validationRows());
    NetworkClassifier first = base().toBuilder().lambda(lambdas[3]).patience(2).build()
        .fit(fit.trainingRows(), validation);
    assertSameWeights(first, fit.atIndex(3), "the smallest λ: a cold fit with the full budget");
    for (int l = 2; l >= 0; l--) {
      NetworkClassifier expected = base().toBuilder().lambda(lambdas[l]).epochs(2).patience(2)
          .build().fit(fit.trainingRows(),
              validation.withInitialWeights(fit.atIndex(l + 1).layers()));
      assertSameWeights(expected, fit.atIndex(l), "λ_" + l + ": 2 epochs from λ_" + (l + 1));
      MlpPath.Point p = fit.points().get(l);
      assertTrue(p.epochs() <= 2 && p.bestEpoch() <= p.epochs(), p.toString());
      assertEquals(lambdas[l], p.lambda());
      // Float products: the trainer evaluates on one thread (oneDNN), evaluate() on the
      // process's thread count (OpenBLAS when above one), so the sums round differently.
      double loss = expected.evaluate(validationRows()).loss();
      assertEquals(loss, p.validationLoss().orElseThrow(), 1e-6 * loss,
          "the kept weights' validation loss");
      assertEquals(expected.evaluate(validationRows()).accuracy(),
          p.validationAccuracy().orElseThrow(), 1e-12);
      assertEquals(expected.evaluate(DIGITS).penalty(), p.penalty(), 1e-9 * p.penalty());
    }
  }

  @Test
  void warmDecreasing_isGlmnetsOrder_fromTheLargestLambdaDown() {
    MlpPath.Fit<NetworkClassifier> fit = MlpPath.builder(base())
        .lambdas(LambdaGrid.fromData(3, 1e-4)).warmEpochs(2)
        .direction(MlpPath.Direction.DECREASING_LAMBDA).build().fit(DIGITS);
    FitOptions validation = FitOptions.none().withValidation(validationRows());
    assertSameWeights(base().toBuilder().lambda(fit.lambdas()[0]).patience(2).build()
        .fit(fit.trainingRows(), validation), fit.atIndex(0), "λ_max: full budget");
    for (int l = 1; l < 3; l++) {
      assertSameWeights(base().toBuilder().lambda(fit.lambdas()[l]).epochs(2).patience(2)
          .build().fit(fit.trainingRows(), validation.withInitialWeights(
              fit.atIndex(l - 1).layers())), fit.atIndex(l), "λ_" + l + " from λ_" + (l - 1));
    }
  }

  @Test
  void cold_eachPointIsAFreshFitWithTheFullBudget() {
    MlpPath.Fit<NetworkClassifier> fit = path(MlpPath.Start.COLD).fit(DIGITS);
    FitOptions validation = FitOptions.none().withValidation(validationRows());
    for (int l = 0; l < fit.size(); l++) {
      NetworkClassifier expected = base().toBuilder().lambda(fit.lambdas()[l]).patience(2)
          .build().fit(fit.trainingRows(), validation);
      assertSameWeights(expected, fit.atIndex(l), "λ_" + l);
    }
    assertEquals(MlpPath.Start.COLD, fit.start());
  }

  @Test
  void warmDecreasing_oneHiddenLayer_startsWhereTheWeightsCollapse_andGrowsThem() {
    // without early stopping, which would keep an early epoch before the weights decayed
    MlpPath.Fit<NetworkClassifier> fit = MlpPath.builder(base())
        .lambdas(LambdaGrid.fromData(4, 1e-4)).warmEpochs(2).patience(0)
        .direction(MlpPath.Direction.DECREASING_LAMBDA).build().fit(DIGITS);
    List<MlpPath.Point> points = fit.points();
    // one hidden layer: at λ_max = σ_max(G) zero weights are optimal (LambdaGrid's docs); six
    // epochs take PyTorch's initialization (‖w‖ ≈ 2.9) most of the way there, and the
    // predictions to the class frequencies (loss ≈ log 10)
    assertTrue(points.get(0).weightNorm() < 0.3, "collapsing at λ_max: " + points.get(0));
    assertTrue(points.get(0).validationLoss().orElseThrow() > 0.99 * Math.log(10));
    assertTrue(points.get(3).weightNorm() > 10 * points.get(0).weightNorm(), points.toString());
    assertTrue(points.get(3).validationLoss().orElseThrow()
        < points.get(0).validationLoss().orElseThrow() - 1, points.toString());
    assertEquals(2, points.get(0).layerNorms().length);
  }

  @Test
  void warmDecreasing_twoHiddenLayers_staysAtTheSaddleAtZero_warmIncreasingLearns() {
    MlpClassifier deep = base().toBuilder().hiddenLayers(16, 16).build();
    MlpPath.Builder<NetworkClassifier> b = MlpPath.builder(deep)
        .lambdas(LambdaGrid.fromData(4, 1e-4)).warmEpochs(2);
    MlpPath.Fit<NetworkClassifier> down =
        b.direction(MlpPath.Direction.DECREASING_LAMBDA).build().fit(DIGITS);
    MlpPath.Fit<NetworkClassifier> up =
        b.direction(MlpPath.Direction.INCREASING_LAMBDA).build().fit(DIGITS);
    // the same smallest λ: from collapsed weights the network has not moved off zero
    double stuck = down.points().get(3).validationLoss().orElseThrow();
    double learnt = up.points().get(3).validationLoss().orElseThrow();
    assertTrue(stuck > 0.97 * Math.log(10), "decreasing: " + down.points().get(3));
    assertTrue(learnt < 0.6 * Math.log(10), "increasing: " + up.points().get(3));
  }

  @Test
  void evidence_isFiniteAtEveryLambda_andRefusesL1() {
    MlpPath.Fit<NetworkClassifier> fit = path(MlpPath.Start.WARM).fit(DIGITS);
    EvidenceCurve curve = fit.evidence();
    assertEquals(4, curve.size());
    for (double v : curve.logEvidence()) {
      assertTrue(Double.isFinite(v) && v < 0, String.valueOf(v));
    }
    MlpPath<NetworkClassifier> l1 = MlpPath.builder(base().toBuilder().l1Ratio(0.5).build())
        .lambdas(0.01).build();
    assertThrows(IllegalArgumentException.class, () -> l1.fit(DIGITS).evidence());
  }

  @Test
  void settings_areValidatedByName() {
    assertThrows(IllegalArgumentException.class,
        () -> MlpPath.builder(base()).warmEpochs(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MlpPath.builder(base()).validationFraction(0).patience(2).build());
    assertTrue(e.getMessage().startsWith("patience "), e.getMessage());
    assertEquals(2, MlpPath.builder(base()).build().warmEpochs(), "a third of 6 epochs");
  }
}
