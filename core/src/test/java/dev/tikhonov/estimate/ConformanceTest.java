package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.data.TrainTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One set of checks for every estimator (scikit-learn's {@code check_estimator} idea): fit →
 * predict shape, save → load → identical predictions, provenance present, many threads predict
 * exactly what one thread predicts, bad input → an {@link InputException} whose message names
 * no command-line flag.
 */
class ConformanceTest {
  @TempDir Path dir;

  /** One estimator under test, with the data it fits. */
  record Case(String name, Supplier<Estimator<?>> estimator, Dataset train, Dataset test) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final TrainTest DIGITS = digits();
  static final Dataset REGRESSION = Synthetic.regression().rows(300).features(8).informative(3)
      .noise(1.0).intercept(2.0).seed(5).build().data();
  static final Dataset CLASSES = Synthetic.classification().rows(300).features(6).informative(3)
      .classes(3).seed(7).build();
  static final Dataset TWO_CLASSES = Synthetic.classification().rows(300).features(6).informative(3)
      .classes(2).seed(11).build();
  static final Dataset COUNTS = counts(300, 5, 13);

  /** Poisson counts: y ~ Poisson(exp(0.5 + 0.4x₁ − 0.3x₂)), x standard normal, seeded. */
  static Dataset counts(int n, int p, long seed) {
    java.util.Random random = new java.util.Random(seed);
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = random.nextGaussian();
      }
      double limit = Math.exp(-Math.exp(0.5 + 0.4 * x[i][0] - 0.3 * x[i][1]));
      double product = random.nextDouble();
      int k = 0;
      while (product > limit) {
        product *= random.nextDouble();
        k++;
      }
      y[i] = k;
    }
    return Dataset.of(x, y);
  }

  static TrainTest digits() {
    TrainTest all = Mnist.bundled();
    int[] train = java.util.stream.IntStream.range(0, 600).toArray();
    int[] test = java.util.stream.IntStream.range(0, 300).toArray();
    return new TrainTest(all.train().subset(train), all.test().subset(test));
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("MlpClassifier", () -> MlpClassifier.builder().hiddenLayers(32).epochs(2)
            .lambda(1e-4).seed(3).build(), DIGITS.train(), DIGITS.test()),
        new Case("MlpClassifier+dropout", () -> MlpClassifier.builder().hiddenLayers(16, 8)
            .dropout(0.2).epochs(2).seed(1).build(), DIGITS.train(), DIGITS.test()),
        new Case("MlpRegressor", () -> MlpRegressor.builder().hiddenLayers(16).epochs(5)
            .standardize(true).lambda(1e-3).build(), half(REGRESSION, 0), half(REGRESSION, 1)),
        new Case("LinearRegression", () -> LinearRegression.builder().epochs(20).lambda(0.01)
            .standardize(true).build(), half(REGRESSION, 0), half(REGRESSION, 1)),
        new Case("LogisticRegression", () -> LogisticRegression.builder().epochs(5)
            .lambda(1e-3).l1Ratio(0.5).build(), half(CLASSES, 0), half(CLASSES, 1)),
        new Case("ElasticNet-gaussian", () -> ElasticNet.gaussian().l1Ratio(0.5).lambda(0.05)
            .build(), half(REGRESSION, 0), half(REGRESSION, 1)),
        new Case("ElasticNet-binomial", () -> ElasticNet.binomial().lambda(0.01).build(),
            half(TWO_CLASSES, 0), half(TWO_CLASSES, 1)),
        new Case("ElasticNet-multinomial", () -> ElasticNet.multinomial().l1Ratio(0.3)
            .lambda(0.01).build(), half(CLASSES, 0), half(CLASSES, 1)),
        new Case("ElasticNet-poisson", () -> ElasticNet.poisson().l1Ratio(0.5).lambda(0.01)
            .build(), half(COUNTS, 0), half(COUNTS, 1)),
        new Case("ElasticNetCV-poisson", () -> ElasticNetCV.poisson().numFolds(4).seed(1)
            .build(), half(COUNTS, 0), half(COUNTS, 1)),
        new Case("ElasticNetCV", () -> ElasticNetCV.gaussian().numFolds(5).seed(2).build(),
            half(REGRESSION, 0), half(REGRESSION, 1)),
        new Case("ElasticNetCV-binomial", () -> ElasticNetCV.binomial().numFolds(4)
            .rule(SelectionRule.ONE_STANDARD_ERROR).build(), half(TWO_CLASSES, 0),
            half(TWO_CLASSES, 1)),
        new Case("RelaxedLasso", () -> RelaxedLasso.gaussian().numFolds(4).seed(1).build(),
            half(REGRESSION, 0), half(REGRESSION, 1)),
        new Case("RelaxedLasso-binomial", () -> RelaxedLasso.binomial().numFolds(4)
            .gammas(0, 0.5, 1).rule(SelectionRule.ONE_STANDARD_ERROR).build(),
            half(TWO_CLASSES, 0), half(TWO_CLASSES, 1)),
        new Case("ElasticNet-adaptive", () -> ElasticNet.gaussian().adaptive().lambda(0.05)
            .build(), half(REGRESSION, 0), half(REGRESSION, 1)),
        new Case("ElasticNetCV-adaptive-poisson", () -> ElasticNetCV.poisson()
            .adaptive(dev.tikhonov.select.AdaptivePenalty.Pilot.LEAST_SQUARES, 0.5).numFolds(4)
            .build(), half(COUNTS, 0), half(COUNTS, 1)),
        new Case("Ridge", () -> Ridge.builder().lambda(0.1).standardize(true).build(),
            half(REGRESSION, 0), half(REGRESSION, 1)),
        new Case("RidgeCV", () -> RidgeCV.builder().criterion(RidgeCV.Criterion.LEAVE_ONE_OUT)
            .build(), half(REGRESSION, 0), half(REGRESSION, 1)),
        new Case("MlpPathCV", () -> MlpPathCV.builder(MlpPath.builder(MlpClassifier.builder()
            .hiddenLayers(16).epochs(2).seed(3).build()).lambdas(1e-2, 1e-4).warmEpochs(1)
            .build()).resampling(Resampling.kFold(2, 0)).threads(2).build(),
            DIGITS.train(), DIGITS.test()),
        new Case("MlpPathCV+regressor", () -> MlpPathCV.builder(MlpPath.builder(MlpRegressor
            .builder().hiddenLayers(8).epochs(4).standardize(true).build())
            .lambdas(LambdaGrid.fromData(3, 1e-3)).start(MlpPath.Start.COLD).build())
            .resampling(Resampling.kFold(3, 1)).threads(2).build(),
            half(REGRESSION, 0), half(REGRESSION, 1)),
        new Case("GridSearchCV", () -> GridSearchCV.builder(MlpGrid.builder(MlpClassifier
            .builder().hiddenLayers(16).epochs(2).seed(3).build()).lambdas(1e-3, 1e-2)
            .dropouts(0, 0.2).build()).resampling(Resampling.kFold(2, 0)).threads(2).build(),
            DIGITS.train(), DIGITS.test()));
  }

  static Dataset half(Dataset d, int which) {
    int n = d.numRows() / 2;
    int[] rows = java.util.stream.IntStream.range(which * n, which * n + n).toArray();
    return d.subset(rows);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fit_thenPredict_givesOneValuePerRow(Case c) {
    Predictor p = c.estimator().get().fit(c.train());
    double[] y = p.predict(c.test());
    assertEquals(c.test().numRows(), y.length);
    for (double v : y) {
      assertTrue(Double.isFinite(v));
    }
    assertArrayEquals(y, p.predict(c.test().featureRows()), "Dataset and double[][] agree");
    // one row as the rows' last; a network's float32 products round by the batch's shape
    double[] last = c.test().featureRows()[y.length - 1];
    assertEquals(y[y.length - 1], p.predict(last), 1e-6 * Math.max(1, Math.abs(y[y.length - 1])),
        "one row's prediction");
    if (p instanceof Classifier k) {
      double[][] proba = k.predictProba(c.test());
      assertArrayEquals(proba[y.length - 1], k.predictProba(last), 1e-6,
          "one row's probabilities");
      for (int i = 0; i < proba.length; i++) {
        double sum = 0;
        int best = 0;
        for (int j = 0; j < proba[i].length; j++) {
          sum += proba[i][j];
          best = proba[i][j] > proba[i][best] ? j : best;
        }
        assertEquals(1, sum, 1e-12);
        assertEquals(best, (int) y[i], "predict is the most probable class");
      }
      List<String> names = k.predictClassNames(c.test());
      assertEquals(names, k.predictClassNames(c.test().featureRows()));
      for (int i = 0; i < y.length; i++) {
        assertEquals(k.classNames().get((int) y[i]), names.get(i), "row " + i + "'s class name");
      }
      // a Predictor's evaluation is of the model's kind, so that its scores are plain values
      Evaluation general = p.evaluate(c.test());
      assertTrue(general instanceof ClassifierEvaluation, "a classifier's evaluation");
      ClassifierEvaluation e = k.evaluate(c.test());
      assertEquals(general, e);
      assertEquals(e.accuracy(), k.confusionMatrix(c.test()).accuracy(), 1e-12);
    } else {
      Evaluation general = p.evaluate(c.test());
      assertTrue(general instanceof RegressionEvaluation, "a regressor's evaluation");
      RegressionEvaluation e = (RegressionEvaluation) general;
      // scikit-learn's mean_squared_error and r2_score of predict(), written out here
      double[] t = c.test().targets();
      double mean = java.util.Arrays.stream(t).average().orElseThrow();
      double residual = 0;
      double total = 0;
      for (int i = 0; i < t.length; i++) {
        residual += (t[i] - y[i]) * (t[i] - y[i]);
        total += (t[i] - mean) * (t[i] - mean);
      }
      // networks see float targets and outputs, hence the relative 1e-6
      assertEquals(residual / t.length, e.meanSquaredError(),
          1e-6 * residual / t.length, "mean squared error");
      assertEquals(1 - residual / total, e.rSquared().orElseThrow(), 1e-6, "R²");
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void saveThenLoad_predictsIdentically(Case c) {
    Predictor p = c.estimator().get().fit(c.train());
    Path file = dir.resolve(c.name() + ".model");
    p.save(file);
    Predictor back = Predictor.load(file);
    assertArrayEquals(p.predict(c.test()), back.predict(c.test()));
    assertEquals(p.evaluate(c.test()), back.evaluate(c.test()));
    assertEquals(p.featureNames(), back.featureNames());
    assertEquals(p.provenance(), back.provenance());
    assertEquals(p instanceof Classifier, back instanceof Classifier);
    // every kind says its penalty as a Predictor, loaded too: a service needs no cast for λ
    assertEquals(p.lambda(), back.lambda());
    assertEquals(p.l1Ratio(), back.l1Ratio());
    assertEquals(((Number) p.provenance().settings().get("lambda")).doubleValue(),
        back.lambda(), 1e-12 * back.lambda(), p.toString());
    // models compare by value: the loaded one equals the saved one, and a fit on other rows not
    assertEquals(p, back);
    assertEquals(p.hashCode(), back.hashCode());
    assertNotEquals(p, c.estimator().get().fit(c.test()));
    // typed loading: as the model's own class with no cast; as another kind, an InputException
    // that says what the file holds
    Predictor typed = Predictor.load(file, p.getClass());
    assertEquals(p.getClass(), typed.getClass());
    assertEquals(p, typed);
    Class<? extends Predictor> other = p instanceof Classifier ? LinearModel.class
        : Classifier.class;
    InputException e = assertThrows(InputException.class, () -> Predictor.load(file, other));
    assertEquals(file + ": holds a " + (p instanceof Classifier ? "classifier" : "regression model")
        + " (" + p.getClass().getSimpleName() + " fitted by " + p.provenance().estimator()
        + "), not a " + other.getSimpleName(), e.getMessage());
    // Classifier.load is Predictor.load(file, Classifier.class), in its words too
    if (p instanceof Classifier) {
      assertEquals(p, Classifier.load(file));
    } else {
      assertEquals(assertThrows(InputException.class,
          () -> Predictor.load(file, Classifier.class)).getMessage(),
          assertThrows(InputException.class, () -> Classifier.load(file)).getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void provenance_namesEstimatorSettingsAndData(Case c) {
    Estimator<?> e = c.estimator().get();
    Provenance prov = e.fit(c.train()).provenance();
    assertEquals(e.name(), prov.estimator());
    assertTrue(prov.settings().containsKey("lambda"), prov.settings().toString());
    assertEquals(c.train().fingerprint(), prov.dataFingerprint().orElseThrow());
    assertEquals(c.train().numRows(), prov.trainingRows().orElseThrow());
    assertFalse(prov.libraryVersion().isEmpty());
    // an absent setting is left out or named ("threads=auto"), never null
    prov.settings().forEach((k, v) -> assertTrue(v != null, k + " is null in " + prov.settings()));
    assertFalse(e.toString().contains("null"), e.toString());
    // and it prints as its name with its settings, not as Object's Name@hash
    assertTrue(e.toString().startsWith(e.name()) && !e.toString().contains("@"), e.toString());
    // every estimator alike: Name{settings} (fitted models and results print Name[…])
    assertTrue(e.toString().startsWith(e.name() + "{") && e.toString().endsWith("}"),
        e.toString());
  }

  /**
   * Settings that are lists print their values: a given λ sequence printed as "[D@1b2c3d" in
   * ElasticNet's and ElasticNetCV's toString, and ElasticNet's own λ stood outside its
   * settings ("ElasticNet{…}[λ=0.1]").
   */
  @Test
  void estimators_printListSettingsByValue_andTheirLambdaAmongTheSettings() {
    String path = ElasticNetCV.gaussian().lambdas(0.5, 0.1).build().toString();
    assertTrue(path.contains("lambdas=[0.5, 0.1]") && !path.contains("@"), path);
    String single = ElasticNet.poisson().lambda(0.1).build().toString();
    assertTrue(single.startsWith("ElasticNet{family=poisson, lambda=0.1, ") && single.endsWith("}"),
        single);
  }

  /** A network estimator's toString and provenance say "auto" for threads it was not given. */
  @org.junit.jupiter.api.Test
  void threads_whenNotGiven_printAsAuto_andAsTheirNumberWhenGiven() {
    Estimator<?> auto = LinearRegression.builder().epochs(1).build();
    assertTrue(auto.toString().contains("threads=auto"), auto.toString());
    assertEquals("auto", auto.fit(half(REGRESSION, 0)).provenance().settings().get("threads"));
    Estimator<?> two = MlpRegressor.builder().hiddenLayers(2).epochs(1).threads(2).build();
    assertTrue(two.toString().contains("threads=2"), two.toString());
    assertEquals(2, two.fit(half(REGRESSION, 0)).provenance().settings().get("threads"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void eightThreads_predictExactlyWhatOneThreadPredicts(Case c) throws Exception {
    Predictor p = c.estimator().get().fit(c.train());
    double[] expected = p.predict(c.test());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<double[]>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          double[] last = null;
          for (int r = 0; r < 5; r++) {
            last = p.predict(c.test());
            assertArrayEquals(expected, last);
          }
          return last;
        }));
      }
      for (Future<double[]> f : futures) {
        assertArrayEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void badInput_isAnInputExceptionThatNamesNoFlag(Case c) {
    Predictor p = c.estimator().get().fit(c.train());
    int width = c.train().numFeatures();
    double[][] wrongWidth = {new double[width + 1]};
    double[][] notFinite = {new double[width]};
    notFinite[0][width - 1] = Double.NaN;
    for (Runnable bad : List.<Runnable>of(
        () -> p.predict(wrongWidth),
        () -> p.predict(notFinite),
        () -> c.estimator().get().fit(c.train().isClassification() ? REGRESSION : CLASSES))) {
      InputException e = assertThrows(InputException.class, bad::run);
      assertFalse(e.getMessage().contains("--"), e.getMessage());
    }
    Dataset noRows = c.test().subset(new int[0]);
    InputException empty = assertThrows(InputException.class, () -> p.evaluate(noRows));
    assertEquals(noRows.source() + ": no rows to evaluate on", empty.getMessage());
    Dataset noColumns = c.train().isClassification()
        ? Dataset.ofClasses(new double[6][0], new int[] {0, 1, 0, 1, 0, 1})
        : Dataset.of(new double[6][0], new double[] {1, 2, 3, 4, 5, 6});
    InputException columns = assertThrows(InputException.class,
        () -> c.estimator().get().fit(noColumns));
    assertEquals("double[][]: the data have no feature columns; a model needs at least one"
        + " input", columns.getMessage());
    Dataset featuresOnly = Dataset.ofFeatures(c.train().featureRows(),
        c.train().featureNames());
    for (Runnable needsTarget : List.<Runnable>of(() -> c.estimator().get().fit(featuresOnly),
        () -> p.evaluate(featuresOnly))) {
      InputException e = assertThrows(InputException.class, needsTarget::run);
      assertEquals("double[][]: the data have no target, only features (Dataset.ofFeatures): a"
          + " fitted model predicts them; fit and evaluate need a target (Dataset.of,"
          + " Dataset.ofClasses, Dataset.read)", e.getMessage());
    }
  }

  /**
   * A null argument of a public method is a NullPointerException naming the parameter, not an
   * internal variable.
   */
  @ParameterizedTest
  @MethodSource("cases")
  void nullArguments_namesTheParameter(Case c) {
    Predictor p = c.estimator().get().fit(c.train());
    List<Object[]> calls = new ArrayList<>(List.of(
        new Object[] {(Runnable) () -> p.predict((Dataset) null), "data"},
        new Object[] {(Runnable) () -> p.predict((double[][]) null), "x"},
        new Object[] {(Runnable) () -> p.predict(new double[][] {null}), "x: row 1 is null"},
        new Object[] {(Runnable) () -> p.predict((double[]) null), "row"},
        new Object[] {(Runnable) () -> p.evaluate(null), "data"},
        new Object[] {(Runnable) () -> p.save(null), "file"},
        new Object[] {(Runnable) () -> Predictor.load(null), "file"},
        new Object[] {(Runnable) () -> c.estimator().get().fit(null), "train"}));
    if (p instanceof Classifier k) {
      calls.add(new Object[] {(Runnable) () -> k.predictProba((Dataset) null), "data"});
      calls.add(new Object[] {(Runnable) () -> k.predictProba((double[][]) null), "x"});
      calls.add(new Object[] {(Runnable) () -> k.predictProba((double[]) null), "row"});
      calls.add(new Object[] {(Runnable) () -> k.predictClasses((Dataset) null), "data"});
    }
    for (Object[] call : calls) {
      NullPointerException e = assertThrows(NullPointerException.class,
          ((Runnable) call[0])::run);
      assertEquals(call[1], e.getMessage());
    }
  }

  /**
   * Columns without names (Dataset.of's x0.., LIBSVM, IDX) are the model's features by
   * position, exactly as many; named columns are found by name, extra ones ignored. An unnamed
   * Dataset with an extra column used to be read as "the columns named x0..", its first p.
   */
  @ParameterizedTest
  @MethodSource("cases")
  void predict_takesUnnamedColumnsByPositionAndNamedOnesByName(Case c) {
    Predictor p = c.estimator().get().fit(c.train());
    int width = p.featureNames().size();
    double[][] rows = c.test().subset(new int[] {0, 1, 2}).featureRows();
    double[] expected = p.predict(rows);
    assertArrayEquals(expected, p.predict(Dataset.of(rows, new double[3])));
    double[][] withId = new double[3][width + 1];
    for (int i = 0; i < 3; i++) {
      withId[i][0] = 1000 + i;
      System.arraycopy(rows[i], 0, withId[i], 1, width);
    }
    InputException e = assertThrows(InputException.class,
        () -> p.predict(Dataset.of(withId, new double[3])));
    assertTrue(e.getMessage().startsWith("double[][]: " + (width + 1) + " feature columns for a"
        + " model of " + width + " features"), e.getMessage());
    List<String> names = new ArrayList<>(List.of("id"));
    names.addAll(p.featureNames());
    assertArrayEquals(expected, p.predict(Dataset.of(withId, new double[3], names)));
    Dataset byName = Dataset.ofFeatures(withId, names);  // new rows, no dummy target
    assertArrayEquals(expected, p.predict(byName));
    if (p instanceof Classifier k) {
      assertArrayEquals(k.predictProba(rows), k.predictProba(byName));
    }
  }
}
