package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.Standardizer;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.train.DivergenceException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code standardizeTarget}: a regression network fitted to (y − μ)/σ whose output layer is
 * rescaled to predict y. On data/diabetes.csv (progression 25..346, σ ≈ 77) the MLP diverges
 * at the default learning rate without it.
 */
class TargetStandardizationTest {
  static final TrainTest DIABETES = Splits.trainTest(RealDataGlmnetTest.diabetes(), 0.2, 0);

  static MlpRegressor.Builder mlp() {
    return MlpRegressor.builder().hiddenLayers(16).standardize(true).epochs(30).batchSize(32)
        .seed(3).threads(1);
  }

  @Test
  void mlpOnDiabetes_divergesWithoutIt_andPredictsWellWithIt() {
    assertThrows(DivergenceException.class, () -> mlp().build().fit(DIABETES.train()));
    NetworkRegressor model = mlp().standardizeTarget(true).build().fit(DIABETES.train());
    var test = model.evaluate(DIABETES.test());
    // the lasso by CV reaches a held-out R² of about 0.45 on such splits; a constant is 0
    assertTrue(test.rSquared().getAsDouble() > 0.3, "held-out R² " + test.rSquared());
    double[] predicted = model.predict(DIABETES.test());
    double mean = java.util.Arrays.stream(predicted).average().orElseThrow();
    // on y's scale (the mean progression is about 152), not on the standardized one
    assertTrue(mean > 100 && mean < 200, "mean prediction " + mean);
    assertEquals(Boolean.TRUE, model.provenance().settings().get("standardize_target"));
  }

  /**
   * A regressor is scored against the targets in double precision, as the data set holds them:
   * 10⁷ + y has float32 spacing 1 there, and against float32 targets every one of these test
   * rows was 10⁷ (MSE 0, "R² undefined: every target value is the same") while the
   * predictions, rounded by the float32 output layer, missed them by up to 0.5.
   */
  @Test
  void evaluate_scoresAgainstTheTargetsInDouble_evenWhereFloat32RoundsThemTogether() {
    double[][] x = DIABETES.test().featureRows();
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = 1e7 + 0.01 * DIABETES.test().target(i);
    }
    Dataset test = Dataset.of(x, y, DIABETES.test().featureNames());
    double[][] trainRows = DIABETES.train().featureRows();
    double[] trainY = new double[trainRows.length];
    for (int i = 0; i < trainY.length; i++) {
      trainY[i] = 1e7 + 0.01 * DIABETES.train().target(i);
    }
    NetworkRegressor model = mlp().standardizeTarget(true).build()
        .fit(Dataset.of(trainRows, trainY, DIABETES.train().featureNames()));
    double[] predicted = model.predict(test);
    var expected = Evaluation.ofRegressor(y, predicted, 0);
    var e = model.evaluate(test);
    assertTrue(e.rSquared().isPresent(), "R² of varying targets is defined");
    assertEquals(expected.meanSquaredError(), e.meanSquaredError(),
        0.0);
    assertEquals(expected.rSquared().getAsDouble(), e.rSquared().getAsDouble(), 0.0);
    assertTrue(e.meanSquaredError() > 0, "MSE " + e.meanSquaredError());
  }

  /**
   * The fit equals one without the setting on the standardized target, its predictions mapped
   * back by σ·f(x) + μ (the same seed: the same initialization, batches and steps).
   */
  @Test
  void fit_equalsAFitToTheStandardizedTargetMappedBack() {
    Dataset train = DIABETES.train();
    Standardizer st = Standardizer.fit(train.targetMatrix());
    double mu = st.mean()[0];
    double sigma = st.scale()[0];
    double[] z = new double[train.numRows()];
    for (int i = 0; i < z.length; i++) {
      z[i] = (train.targetMatrix().get(i, 0) - mu) / sigma;
    }
    // the features as held (doubles), so that their standardization is the same
    Dataset standardized = Dataset.of(train.featureRows(), z, train.featureNames());
    NetworkRegressor onY = mlp().lambda(1e-3).standardizeTarget(true).build().fit(train);
    NetworkRegressor onZ = mlp().lambda(1e-3).build().fit(standardized);
    double[] a = onY.predict(DIABETES.test());
    double[] b = onZ.predict(DIABETES.test());
    for (int i = 0; i < a.length; i++) {
      assertEquals(sigma * b[i] + mu, a[i], 1e-4 * sigma, "row " + (i + 1));
    }
    // the hidden layer is the same network's; the output layer alone is rescaled
    assertArrayEquals(onZ.layers().get(0).weight(), onY.layers().get(0).weight());
    assertEquals(onZ.training().orElseThrow().history().epochs().get(29).trainLoss(),
        onY.training().orElseThrow().history().epochs().get(29).trainLoss(), 0,
        "the history's losses are on the standardized scale");
  }

  /**
   * Initial weights are a model of y (a path's previous fit): the fit brings them to the
   * standardized scale first, so negligible steps keep the model it started from.
   */
  @Test
  void fit_fromAModelsOwnWeights_startsWhereItEnded() {
    NetworkRegressor first = mlp().standardizeTarget(true).build().fit(DIABETES.train());
    NetworkRegressor again = mlp().standardizeTarget(true).epochs(1)
        .optimizer(Optimizers.sgd(1e-30)).build()
        .fit(DIABETES.train(), FitOptions.none().withInitialWeights(first.layers()));
    double[] a = first.predict(DIABETES.test());
    double[] b = again.predict(DIABETES.test());
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-3, "row " + (i + 1));
    }
  }

  /**
   * A path's default grid starts at the λ_max of the target the fits see: y's λ_max (95.9 on
   * these rows, which diverged at lr·λ ≥ 1) divided by σ.
   */
  @Test
  void path_derivesItsGridFromTheStandardizedTarget_andFitsIt() {
    Dataset train = DIABETES.train();
    double sigma = Standardizer.fit(train.targetMatrix()).scale()[0];
    MlpPath<NetworkRegressor> path = MlpPath.builder(mlp().standardizeTarget(true).build())
        .lambdas(LambdaGrid.fromData(4, 1e-4)).warmEpochs(5).build();
    double[] lambdas = path.lambdas(train);
    double top = LambdaGrid.lambdaMaxStandardized(train);
    assertTrue(top > 50, "y's λ_max " + top);
    assertEquals(top / sigma, lambdas[0], 1e-12 * lambdas[0]);
    MlpPath.Fit<NetworkRegressor> fit = path.fit(train);
    // the smallest λ's model explains the held-out rows; the largest is near a constant
    assertTrue(fit.atIndex(3).evaluate(DIABETES.test()).rSquared().getAsDouble() > 0.3);
  }

  @Test
  void savedModel_predictsY(@TempDir Path dir) throws java.io.IOException {
    NetworkRegressor model = mlp().standardizeTarget(true).build().fit(DIABETES.train());
    Path file = dir.resolve("m.tkh");
    model.save(file);
    assertTrue(Files.size(file) > 0);
    Predictor loaded = Predictor.load(file);
    assertArrayEquals(model.predict(DIABETES.test()), loaded.predict(DIABETES.test()));
  }

  @Test
  void linearRegression_withIt_stillFitsTheLeastSquaresLine() {
    // y = 1000 + 500·x: a linear model on the standardized target predicts y, not z
    int n = 200;
    double[][] x = new double[n][1];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = (i - 100) / 50.0;
      y[i] = 1000 + 500 * x[i][0];
    }
    Dataset line = Dataset.of(x, y);
    NetworkRegressor model = LinearRegression.builder().standardizeTarget(true).epochs(200)
        .batchSize(20).threads(1).build().fit(line);
    assertEquals(1000 + 500 * 0.7, model.predict(new double[][] {{0.7}})[0], 1.0);
  }

  /** y = scale·(1 + 2x) + offset on x in [−2, 2): a line every setting below should fit. */
  private static Dataset line(double scale, double offset) {
    int n = 200;
    double[][] x = new double[n][1];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = (i - 100) / 50.0;
      y[i] = scale * (1 + 2 * x[i][0]) + offset;
    }
    return Dataset.of(x, y);
  }

  /**
   * σ is the target's own: a target in units of 10⁻¹⁴ (sd 2.3·10⁻¹⁴) is not "constant". Its σ
   * was taken as 1 (the feature standardizer's floor of 10⁻¹² in absolute terms), so the MLP
   * fitted z ≈ 10⁻¹⁴ from its random start and predicted its initialization's noise: training
   * R² of −9.7·10²² on this line.
   */
  @Test
  void aTargetOfTinyUnits_isStandardizedByItsOwnScale() {
    for (double units : new double[] {1e-9, 1e-14}) {
      Dataset data = line(units, 0);
      NetworkRegressor model = mlp().standardizeTarget(true).build().fit(data);
      double r2 = model.evaluate(data).rSquared().getAsDouble();
      assertTrue(r2 > 0.9, units + " units: training R² " + r2);
    }
  }

  /**
   * μ and σ come from the targets as the data set holds them (double), as the features'
   * standardizer reads them: y = 10⁶ + 0.1·(1 + 2x) was rounded to float32 (spacing 0.0625 at
   * 10⁶) before μ, σ and z were taken, so σ read 0.2321 for 0.2309 and z was a staircase.
   */
  @Test
  void aTargetFarFromZero_keepsItsVariation() {
    Dataset data = line(0.1, 1e6);
    NetworkFit.TargetScale t = NetworkFit.TargetScale.of(data);
    // sd of 1 + 2x over x = −2, −1.98, ..., 1.98 (two-pass, in double)
    double[] v = new double[data.numRows()];
    double mean = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.1 * (1 + 2 * ((i - 100) / 50.0));
      mean += v[i] / v.length;
    }
    double ss = 0;
    for (double value : v) {
      ss += (value - mean) * (value - mean);
    }
    assertEquals(Math.sqrt(ss / v.length), t.scale(), 1e-9);
    assertEquals(1e6 + mean, t.mean(), 1e-6);
  }

  /**
   * Dataset.of takes any finite double, but the squares of targets near 1e200 overflow: the
   * fit says so, where σ = ∞ had made every z zero.
   */
  @Test
  void aTargetWhoseVarianceOverflows_isNamed() {
    Dataset huge = Dataset.of(new double[][] {{1}, {2}, {3}}, new double[] {1e200, -1e200, 0});
    dev.tikhonov.data.InputException e = assertThrows(dev.tikhonov.data.InputException.class,
        () -> NetworkFit.TargetScale.of(huge));
    assertTrue(e.getMessage().contains("standard deviation overflows a double"), e.getMessage());
  }

  @Test
  void aConstantTarget_hasScaleOne() {
    NetworkFit.TargetScale t = NetworkFit.TargetScale.of(Dataset.of(
        new double[][] {{1}, {2}, {3}}, new double[] {0.1, 0.1, 0.1}));
    assertEquals(0.1, t.mean(), 1e-16);
    assertEquals(1, t.scale());
    assertEquals(1, NetworkFit.TargetScale.of(line(0, 0)).scale());
  }

  @Test
  void classifierProvenance_hasNoTargetSetting() {
    NetworkClassifier c = MlpClassifier.builder().hiddenLayers(4).epochs(1).threads(1).build()
        .fit(WarmStartTest.DIGITS);
    assertFalse(c.provenance().settings().containsKey("standardize_target"));
  }
}
