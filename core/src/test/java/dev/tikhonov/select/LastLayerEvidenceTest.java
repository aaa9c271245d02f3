package dev.tikhonov.select;

import dev.tikhonov.loss.Family;
import dev.tikhonov.optim.Optimizers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Dense;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.train.ModelSpec;
import dev.tikhonov.train.TrainConfig;
import dev.tikhonov.train.Training;
import dev.tikhonov.train.TrainingListener;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The last-layer evidence of a network: equal to the logistic evidence when there is no hidden
 * layer, and a curve with an interior maximum for a small MLP trained on real digits.
 */
class LastLayerEvidenceTest {
  private static final EvidenceData.Table WINE = EvidenceData.table("wine.csv");

  /** Wine's first four measurements, standardized, as float32 (what a network sees). */
  private static Dataset wine() {
    double[][] x = WINE.columns(0, 4);
    int n = x.length;
    Matrix features = Matrix.zeros(n, 4);
    for (int j = 0; j < 4; j++) {
      double mean = 0;
      for (double[] row : x) {
        mean += row[j] / n;
      }
      double variance = 0;
      for (double[] row : x) {
        variance += (row[j] - mean) * (row[j] - mean) / n;
      }
      for (int i = 0; i < n; i++) {
        features.set(i, j, (float) ((x[i][j] - mean) / Math.sqrt(variance)));
      }
    }
    Matrix targets = Matrix.zeros(n, 1);
    int[] labels = WINE.labels();
    for (int i = 0; i < n; i++) {
      targets.put(i, labels[i]);
    }
    return new Dataset(features, targets, Dataset.defaultNames(4), Dataset.indexNames(3),
        "wine.csv");
  }

  private static double[][] rows(Matrix m) {
    double[][] out = new double[m.rows()][m.cols()];
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.cols(); j++) {
        out[i][j] = m.get(i, j);
      }
    }
    return out;
  }

  /** A network without hidden layers holding the fit's W and b (rounded to float32). */
  private static Sequential logisticNetwork(LogisticEvidence.Fit fit, int p, int k) {
    Sequential network = Architecture.linear().build(p, k, Initializer.zeros(), new Rng(1),
        new Rng(2));
    Dense dense = (Dense) network.layers().get(0);
    double[][] w = fit.coefficients();
    double[] b = fit.intercepts();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < p; j++) {
        dense.weight().value().set(j, c, (float) w[c][j]);
      }
      dense.bias().value().set(0, c, (float) b[c]);
    }
    return network;
  }

  @Test
  void noHiddenLayer_equalsTheLogisticEvidence_sameDataLambdaAndWeights() {
    Dataset data = wine();
    double[][] x = rows(data.features());
    int[] y = IntStream.range(0, data.numRows()).map(data::label).toArray();
    LogisticEvidence logistic = LogisticEvidence.of(x, y, 3, Logits.SOFTMAX);
    double[] columns = new double[x.length * 4];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 4; j++) {
        columns[i + j * x.length] = x[i][j];
      }
    }
    SoftmaxLayer layer = new SoftmaxLayer(columns, x.length, 4, y, 3, Logits.SOFTMAX);
    for (double lambda : new double[] {1e-4, 1e-3, 0.03}) {
      LogisticEvidence.Fit fit = logistic.fit(lambda);
      Sequential network = logisticNetwork(fit, 4, 3);
      // At the trained weights: the network holds the MAP rounded to float32 (relative 6e-8),
      // which moves the likelihood and prior by O(rounding²) and log det H by O(rounding).
      LastLayerEvidence.Result trained = LastLayerEvidence.evaluate(network, data, lambda);
      LaplaceEvidence e = trained.evidence();
      assertEquals(Curvature.FULL, e.curvature());
      assertEquals(fit.evidence().parameters(), e.parameters());
      assertEquals(fit.evidence().weights(), e.weights());
      assertEquals(lambda, e.lambda());
      assertEquals(0, trained.refitSteps());
      assertEquals(fit.logEvidence(), trained.logEvidence(), 1e-6, "λ = " + lambda);
      assertEquals(fit.evidence().logDeterminant(), e.logDeterminant(), 1e-5);
      assertTrue(e.gradientCorrection() < 1e-8, "float rounding only: " + e);
      // At the refitted MAP: the same numbers as the logistic fit, to rounding.
      LastLayerEvidence.Result map = LastLayerEvidence.evaluate(network, data, lambda,
          Curvature.FULL, LastLayerEvidence.Expansion.LAST_LAYER_MAP);
      assertTrue(map.refitGain() >= 0 && map.refitGain() < 1e-8, "gain " + map.refitGain());
      assertEquals(fit.logEvidence(), map.logEvidence(), 1e-9 * Math.abs(fit.logEvidence()));
      assertEquals(fit.evidence().logDeterminant(), map.evidence().logDeterminant(), 1e-9);
      assertEquals(fit.evidence().logLikelihood(), map.evidence().logLikelihood(), 1e-9);
      assertTrue(map.evidence().gradientCorrection() < 1e-12);

      // Every curvature: the refit it preconditions lands on the same MAP, and the evidence
      // there is the layer's with that curvature.
      double[] theta = new double[layer.dimension()];
      double[][] w = fit.coefficients();
      double[] b = fit.intercepts();
      for (int c = 0; c < 3; c++) {
        System.arraycopy(w[c], 0, theta, c * 4, 4);
      }
      theta[12] = b[1] - b[0];
      theta[13] = b[2] - b[0];
      for (Curvature curvature : Curvature.values()) {
        LaplaceEvidence direct = layer.evidence(theta, lambda, curvature);
        LaplaceEvidence viaNetwork = LastLayerEvidence.evaluate(network, data, lambda,
            curvature, LastLayerEvidence.Expansion.LAST_LAYER_MAP).evidence();
        assertEquals(direct.logEvidence(), viaNetwork.logEvidence(),
            1e-8 * Math.abs(direct.logEvidence()), curvature.toString());
      }
    }
  }

  @Test
  void refit_takesAnUntrainedLastLayerToTheLogisticMap() {
    // Zero weights are far from the MAP: the refit gains what Newton from zero gains.
    Dataset data = wine();
    double[][] x = rows(data.features());
    int[] y = IntStream.range(0, data.numRows()).map(data::label).toArray();
    double lambda = 1e-3;
    LogisticEvidence.Fit fit = LogisticEvidence.of(x, y, 3, Logits.SOFTMAX).fit(lambda);
    Sequential network = Architecture.linear().build(4, 3, Initializer.zeros(), new Rng(1),
        new Rng(2));
    for (Curvature curvature : Curvature.values()) {
      LastLayerEvidence.Result result = LastLayerEvidence.evaluate(network, data, lambda,
          curvature, LastLayerEvidence.Expansion.LAST_LAYER_MAP);
      // f(0) = n log 3; f(MAP) = −log-likelihood + (nλ/2)‖W‖².
      double w2 = Arrays.stream(fit.coefficients()).flatMapToDouble(Arrays::stream)
          .map(v -> v * v).sum();
      double atMap = -fit.evidence().logLikelihood() + 0.5 * data.numRows() * lambda * w2;
      assertEquals(data.numRows() * Math.log(3) - atMap, result.refitGain(), 1e-7,
          curvature.toString());
      assertTrue(result.refitSteps() > 0);
      assertTrue(result.evidence().gradientCorrection() < 1e-9, curvature + ": "
          + result.evidence());
    }
  }

  @Test
  void penaltyFactor_scalesThePriorPrecision() {
    Dataset data = wine();
    double[][] x = rows(data.features());
    int[] y = IntStream.range(0, data.numRows()).map(data::label).toArray();
    LogisticEvidence.Fit fit = LogisticEvidence.of(x, y, 3, Logits.SOFTMAX).fit(2e-3);
    Sequential network = logisticNetwork(fit, 4, 3);
    ((Dense) network.layers().get(0)).weight().setPenaltyFactor(2.0);
    // v·λ = 2 · 1e-3 is the prior precision the MAP at 2e-3 was fitted with.
    LaplaceEvidence scaled = LastLayerEvidence.evaluate(network, data, 1e-3, Curvature.FULL,
        LastLayerEvidence.Expansion.LAST_LAYER_MAP).evidence();
    assertEquals(1e-3, scaled.lambda());
    assertEquals(fit.logEvidence(), scaled.logEvidence(), 1e-9 * Math.abs(fit.logEvidence()));
  }

  @Test
  void smallMlpOnRealDigits_evidenceCurveIsFiniteWithItsMaximumInside() {
    // 600 real MNIST digits, 784-16-10, trained at each λ of a grid five decades wide.
    Dataset train = Mnist.bundled().train().subset(IntStream.range(0, 600).toArray());
    double[] grid = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1};
    double[] full = new double[grid.length];
    double[] kronecker = new double[grid.length];
    for (int l = 0; l < grid.length; l++) {
      TrainConfig config = new TrainConfig(30, 32, 0, Penalty.l2(grid[l]),
          Optimizers.sgd(0.05).momentum(0.9), 0);
      Sequential network = Training.fit(ModelSpec.parse("mlp:16", 0, Family.MULTINOMIAL), train, null, null,
          config, TrainingListener.none(), null, null).model().network();
      LaplaceEvidence e = LastLayerEvidence.evaluate(network, train, grid[l]).evidence();
      assertEquals(Curvature.FULL, e.curvature());
      assertEquals(16 * 10 + 9, e.parameters());
      assertTrue(Double.isFinite(e.logEvidence()), "λ = " + grid[l] + ": " + e);
      assertTrue(e.logLikelihood() < 0 && e.occamFactor() < 0, e.toString());
      assertTrue(e.gradientCorrection() >= 0, e.toString());
      full[l] = e.logEvidence();
      kronecker[l] = LastLayerEvidence.evaluate(network, train, grid[l], Curvature.KRONECKER,
          LastLayerEvidence.Expansion.TRAINED_WEIGHTS).logEvidence();
      // The refit never ends below the trained weights, and stops at a zero gradient.
      LastLayerEvidence.Result map = LastLayerEvidence.evaluate(network, train, grid[l],
          Curvature.FULL, LastLayerEvidence.Expansion.LAST_LAYER_MAP);
      assertTrue(map.refitGain() >= 0, "λ = " + grid[l] + ": " + map);
      assertTrue(map.evidence().gradientCorrection() < 1e-9, map.toString());
    }
    EvidenceCurve curve = new EvidenceCurve(grid, full);
    assertTrue(curve.hasInteriorMaximum(), "full: " + Arrays.toString(full));
    EvidenceCurve kfac = new EvidenceCurve(grid, kronecker);
    assertTrue(kfac.hasInteriorMaximum(), "Kronecker: " + Arrays.toString(kronecker));
  }

  @Test
  void badInput_isRejectedWithWhatWasExpected() {
    Dataset data = wine();
    Sequential network = Architecture.mlp(0, 5).build(4, 3, Initializer.pytorchDefault(),
        new Rng(3), new Rng(4));
    InputException e = assertThrows(InputException.class,
        () -> LastLayerEvidence.evaluate(network, data, 0.0));
    assertTrue(e.getMessage().contains("λ > 0"), e.getMessage());
    Sequential twoOutputs = Architecture.mlp(0, 5).build(4, 2, Initializer.pytorchDefault(),
        new Rng(3), new Rng(4));
    e = assertThrows(InputException.class,
        () -> LastLayerEvidence.evaluate(twoOutputs, data, 0.1));
    assertTrue(e.getMessage().contains("3 classes but the network has 2 outputs"),
        e.getMessage());
    Dataset regression = new Dataset(data.features(), Matrix.zeros(data.numRows(), 1),
        data.featureNames(), java.util.List.of(), "regression");
    e = assertThrows(InputException.class,
        () -> LastLayerEvidence.evaluate(network, regression, 0.1));
    assertTrue(e.getMessage().contains("RidgeEvidence"), e.getMessage());
    ((Dense) network.layers().get(2)).bias().setPenaltyFactor(1);
    assertThrows(IllegalArgumentException.class,
        () -> LastLayerEvidence.evaluate(network, data, 0.1));
  }

  @Test
  void penultimateFeatures_areTheHiddenActivations() {
    Dataset data = wine();
    Sequential network = Architecture.mlp(0, 5).build(4, 3, Initializer.pytorchDefault(),
        new Rng(3), new Rng(4));
    double[][] phi = LastLayerEvidence.penultimateFeatures(network, data.features());
    Dense first = (Dense) network.layers().get(0);
    for (int i = 0; i < data.numRows(); i += 17) {
      double[] expected = new double[5];
      for (int h = 0; h < 5; h++) {
        double s = first.bias().value().get(0, h);
        for (int j = 0; j < 4; j++) {
          s += data.features().get(i, j) * first.weight().value().get(j, h);
        }
        expected[h] = Math.max(0, s);
      }
      assertArrayEquals(expected, phi[i], 1e-5);
    }
  }
}
