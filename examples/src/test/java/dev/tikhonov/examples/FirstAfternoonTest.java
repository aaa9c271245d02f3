package dev.tikhonov.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.Classifier;
import dev.tikhonov.estimate.CrossValidatedPath;
import dev.tikhonov.estimate.CrossValidatedRelaxedPath;
import dev.tikhonov.estimate.ElasticNet;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.estimate.GridSearchCV;
import dev.tikhonov.estimate.LinearClassifier;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.estimate.LogisticRegression;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.MlpGrid;
import dev.tikhonov.estimate.MlpPath;
import dev.tikhonov.estimate.MlpPathCV;
import dev.tikhonov.estimate.MlpRegressor;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.estimate.NetworkRegressor;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.estimate.RegressionEvaluation;
import dev.tikhonov.estimate.RelaxedLasso;
import dev.tikhonov.estimate.Resampling;
import dev.tikhonov.estimate.RidgeCV;
import dev.tikhonov.select.AdaptivePenalty;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java developer's first afternoon: every model kind, written from README.md and
 * docs/java.md alone, through the same six calls (read, fit, predict, evaluate, save, load and
 * predict again). Each test is what a user would write; its assertions are what the guide
 * promises: a loaded model predicts bit for bit what the saved one did, a result prints what it
 * holds.
 */
class FirstAfternoonTest {
  static final Path DATA = Path.of("..", "data");
  @TempDir Path dir;

  /**
   * Saves {@code model} into a folder that does not exist yet (save creates it), loads it as
   * {@code type} and checks the predictions are identical.
   */
  <M extends Predictor> M roundTrip(M model, Class<M> type, Dataset test) {
    Path file = dir.resolve("models").resolve(model.getClass().getSimpleName() + ".model");
    model.save(file);
    M back = Predictor.load(file, type);
    assertArrayEquals(model.predict(test), back.predict(test), "predictions after loading");
    assertEquals(model.evaluate(test), back.evaluate(test), "evaluation after loading");
    assertEquals(model, back);
    InputException onAFolder = assertThrows(InputException.class, () -> model.save(dir));
    assertTrue(onAFolder.getMessage().startsWith(dir.toString()), onAFolder.getMessage());
    return back;
  }

  static void assertPrints(Object value, String... parts) {
    String text = value.toString();
    assertTrue(!text.contains("@"), "prints as Object's Name@hash: " + text);
    for (String part : parts) {
      assertTrue(text.contains(part), "\"" + text + "\" does not say " + part);
    }
  }

  @Test
  void lassoCv_onDiabetes() {
    Dataset data = Dataset.read(DATA.resolve("diabetes.csv"), "progression", TargetKind.REAL);
    TrainTest split = Splits.trainTest(data, 0.25, 0);
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.gaussian().l1Ratio(1).numFolds(10).seed(0)
        .build().crossValidate(split.train());
    LinearModel model = cv.atOneStandardError();
    RegressionEvaluation test = model.evaluate(split.test());
    assertTrue(test.rSquared().orElseThrow() > 0.3, test.toString());
    assertPrints(cv, "λ");
    assertPrints(model, "ElasticNetCV[gaussian, λ=",
        model.nonzeroCoefficients() + " of 10 coefficients");
    assertPrints(test, "R²");
    roundTrip(model, LinearModel.class, split.test());
  }

  @Test
  void elasticNetLogistic_onBreastCancer() {
    Dataset data = Dataset.read(DATA.resolve("breast_cancer.csv"), "diagnosis", TargetKind.CLASS,
        CsvOptions.defaults().withIgnoredColumns("id"));
    TrainTest split = Splits.stratifiedTrainTest(data, 0.25, 0);
    LinearClassifier model = ElasticNetCV.binomial().l1Ratio(0.5).numFolds(5).seed(0).build()
        .fit(split.train());
    assertTrue(model.evaluate(split.test()).accuracy() > 0.9);
    assertTrue(model.evaluate(split.test()).auc().orElseThrow() > 0.9);
    Classifier back = roundTrip(model, LinearClassifier.class, split.test());
    assertEquals(model.predictClassNames(split.test()), back.predictClassNames(split.test()));
  }

  @Test
  void softmax_onWine() {
    Dataset data = Dataset.read(DATA.resolve("wine.csv"), "cultivar", TargetKind.CLASS);
    TrainTest split = Splits.stratifiedTrainTest(data, 0.25, 0);
    LinearClassifier model = ElasticNetCV.multinomial().numFolds(5).seed(0).build()
        .fit(split.train());
    assertEquals(3, model.classNames().size());
    assertPrints(model.confusionMatrix(split.test()), "class_0");
    roundTrip(model, LinearClassifier.class, split.test());
  }

  @Test
  void poisson_withAnExposure_onCgd() {
    Dataset data = Dataset.read(DATA.resolve("cgd.csv"), "infections", TargetKind.REAL,
        CsvOptions.defaults().withIgnoredColumns("id", "followup_days"));
    TrainTest split = Splits.trainTest(data, 0.25, 0);
    LinearModel model = ElasticNetCV.poisson().offsetColumn("log_followup_years").numFolds(5)
        .seed(0).build().fit(split.train());
    assertTrue(model.evaluate(split.test()).devianceExplained().isPresent());
    roundTrip(model, LinearModel.class, split.test());
  }

  @Test
  void relaxedAndAdaptiveLasso_onDiabetes() {
    Dataset data = Dataset.read(DATA.resolve("diabetes.csv"), "progression", TargetKind.REAL);
    TrainTest split = Splits.trainTest(data, 0.25, 0);
    CrossValidatedRelaxedPath<LinearModel> relaxed = RelaxedLasso.gaussian().numFolds(5).seed(0)
        .build().crossValidate(split.train());
    assertPrints(relaxed, "γ");
    roundTrip(relaxed.chosenModel(), LinearModel.class, split.test());
    LinearModel adaptive = ElasticNetCV.gaussian().adaptive(AdaptivePenalty.Pilot.RIDGE, 1.0)
        .numFolds(5).seed(0).build().fit(split.train());
    roundTrip(adaptive, LinearModel.class, split.test());
  }

  @Test
  void ridgeCv_onArrays() {
    double[][] x = new double[60][3];
    double[] y = new double[60];
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = 1 + 2 * x[i][0] - x[i][2] + 0.1 * random.nextGaussian();
    }
    Dataset data = Dataset.of(x, y);
    RidgeCV.Validation v = RidgeCV.builder().build().crossValidate(data);
    assertPrints(v, "λ");
    LinearModel model = v.chosenModel();
    assertEquals(2, model.coefficientsByName().get("x0"), 0.05);
    roundTrip(model, LinearModel.class, data);
  }

  @Test
  void mlpClassifier_onMnist() {
    TrainTest digits = Mnist.bundled();
    Dataset train = digits.train().subset(IntStream.range(0, 1000).toArray());
    NetworkClassifier model = MlpClassifier.builder().hiddenLayers(32).lambda(1e-4).epochs(2)
        .seed(0).build().fit(train);
    assertPrints(model, "MlpClassifier[", "λ=1e-04");
    assertPrints(model.training().orElseThrow(), "epochs");
    roundTrip(model, NetworkClassifier.class, digits.test());
  }

  @Test
  void mlpRegressor_onDiabetes() {
    Dataset data = Dataset.read(DATA.resolve("diabetes.csv"), "progression", TargetKind.REAL);
    TrainTest split = Splits.trainTest(data, 0.25, 0);
    NetworkRegressor model = MlpRegressor.builder().hiddenLayers(16).standardize(true)
        .standardizeTarget(true).lambda(1e-3).epochs(30).seed(0).build().fit(split.train());
    assertTrue(model.evaluate(split.test()).rSquared().orElseThrow() > 0.2);
    roundTrip(model, NetworkRegressor.class, split.test());
  }

  @Test
  void gridSearch_onWine() {
    Dataset data = Dataset.read(DATA.resolve("wine.csv"), "cultivar", TargetKind.CLASS);
    TrainTest split = Splits.stratifiedTrainTest(data, 0.25, 0);
    MlpClassifier base = MlpClassifier.builder().hiddenLayers(8).standardize(true).epochs(20)
        .seed(0).build();
    GridSearchCV.Result<NetworkClassifier> result = GridSearchCV.builder(MlpGrid.builder(base)
        .lambdas(1e-3, 1e-1).build()).resampling(Resampling.kFold(3, 0)).build()
        .crossValidate(split.train());
    assertPrints(result, "lambda=");
    roundTrip(result.chosenModel(), NetworkClassifier.class, split.test());
  }

  @Test
  void sparseLibsvm_binomialPath() {
    Dataset data = Dataset.read(DATA.resolve("breast_cancer.svm.gz"), TargetKind.CLASS);
    assertTrue(data.isSparse());
    assertPrints(data.sparseFeatures().orElseThrow(), "569 × 30");
    TrainTest split = Splits.stratifiedTrainTest(data, 0.25, 0);
    LinearClassifier model = ElasticNetCV.binomial().numFolds(5).seed(0).build()
        .fit(split.train());
    assertTrue(model.evaluate(split.test()).accuracy() > 0.9);
    roundTrip(model, LinearClassifier.class, split.test());
  }

  @Test
  void logisticRegressionNetwork_onArraysWithNamedClasses() {
    java.util.Random random = new java.util.Random(3);
    double[][] x = new double[200][2];
    int[] labels = new int[200];
    for (int i = 0; i < x.length; i++) {
      labels[i] = i % 2;
      x[i][0] = random.nextGaussian() + 2 * labels[i];
      x[i][1] = 1000 + 100 * random.nextGaussian();
    }
    Dataset data = Dataset.ofClasses(x, labels, java.util.List.of("cat", "dog"),
        java.util.List.of("whiskers", "weight"));
    NetworkClassifier model = LogisticRegression.builder().standardize(true).lambda(1e-3)
        .epochs(20).seed(0).build().fit(data);
    assertEquals(java.util.List.of("cat", "dog"), model.classNames());
    assertTrue(model.evaluate(data).accuracy() > 0.8);
    assertEquals("dog", model.predictClassNames(new double[][] {{4, 1000}}).get(0));
    roundTrip(model, NetworkClassifier.class, data);
  }

  @Test
  void newRowsFromACsvWithoutTheTarget_arePredicted() throws java.io.IOException {
    Dataset data = Dataset.read(DATA.resolve("diabetes.csv"), "progression", TargetKind.REAL);
    LinearModel model = ElasticNet.gaussian().lambda(1).build().fit(data);
    Path newRows = java.nio.file.Files.writeString(dir.resolve("new.csv"),
        "id,s6,s5,s4,s3,s2,s1,bp,bmi,sex,age\n7,87,4.8598,4,38,93.2,157,101,32.1,2,59\n");
    double[][] x = CsvReader.readFeatures(newRows, model.featureNames());
    assertArrayEquals(model.predict(data.subset(new int[] {0})), model.predict(x));
  }

  @Test
  void mlpLambdaByCrossValidation_onWine() {
    Dataset data = Dataset.read(DATA.resolve("wine.csv"), "cultivar", TargetKind.CLASS);
    MlpPath<NetworkClassifier> path = MlpPath.builder(MlpClassifier.builder().hiddenLayers(6)
        .standardize(true).epochs(10).seed(0).build()).lambdas(1, 0.1, 0.01).build();
    MlpPathCV.Result<NetworkClassifier> cv = MlpPathCV.builder(path)
        .resampling(Resampling.kFold(3, 0)).build().crossValidate(data);
    assertPrints(cv, "λ");
    roundTrip(cv.chosenModel(), NetworkClassifier.class, data);
  }
}
