package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.LibsvmReader;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a fitted model finds its features in a Dataset, on every route data take: columns whose
 * names were given (a CSV header, a names list) by name, extra columns ignored; columns whose
 * names stand for positions ({@code Dataset.of} without names, LIBSVM, IDX, a CSV without a
 * header) by position, exactly as many as the model has. ConformanceTest checks the same for
 * every model kind.
 */
class ColumnMatchingTest {
  @TempDir Path dir;

  static final Dataset REGRESSION = Synthetic.regression().rows(50).features(5).informative(5)
      .noise(0.5).seed(1).build().data();

  /** Rows of {@code data} with an id column (1000 + i) in front. */
  static double[][] withIdFirst(Dataset data, int rows) {
    double[][] out = new double[rows][data.numFeatures() + 1];
    for (int i = 0; i < rows; i++) {
      out[i][0] = 1000 + i;
      for (int j = 0; j < data.numFeatures(); j++) {
        out[i][j + 1] = data.feature(i, j);
      }
    }
    return out;
  }

  /** A row of one value is counted in the singular: it said "input row 2 has 1 values". */
  @Test
  void predict_rowOfTheWrongLength_saysHowManyValues_inTheSingularForOne() {
    LinearModel ridge = Ridge.builder().lambda(0.01).build().fit(REGRESSION);
    assertEquals("input row 2 has 1 value; the model expects 5 features", assertThrows(
        InputException.class, () -> ridge.predict(new double[][] {new double[5], {1}}))
        .getMessage());
    assertEquals("input row 1 has 6 values; the model expects 5 features", assertThrows(
        InputException.class, () -> ridge.predict(new double[][] {new double[6]}))
        .getMessage());
  }

  /** The reviewer's case: it used to take the first five columns (the id among them). */
  @Test
  void predict_unnamedDatasetWithAnExtraColumn_isAnInputException_notAWrongPrediction() {
    LinearModel ridge = Ridge.builder().lambda(0.01).build().fit(REGRESSION);
    Dataset withId = Dataset.of(withIdFirst(REGRESSION, 2), new double[2]);
    InputException e = assertThrows(InputException.class, () -> ridge.predict(withId));
    assertEquals("double[][]: 6 feature columns for a model of 5 features. These columns have"
        + " no names (Dataset.of without names, LIBSVM, IDX), so they are the model's features"
        + " by position and must be exactly 5; give the columns names to match them by name",
        e.getMessage());
    // The same as the explicit default names, x0..x5 (they stand for positions too).
    assertThrows(InputException.class, () -> ridge.predict(Dataset.of(withIdFirst(REGRESSION,
        2), new double[2], Dataset.defaultNames(6))));
    // Named, the id column is ignored and the model takes x0..x4 by name.
    List<String> names = new ArrayList<>(List.of("id"));
    names.addAll(REGRESSION.featureNames());
    double[] expected = ridge.predict(REGRESSION.subset(new int[] {0, 1}).featureRows());
    assertArrayEquals(expected, ridge.predict(Dataset.of(withIdFirst(REGRESSION, 2),
        new double[2], names)));
  }

  /** The reviewer's other case: a model fitted on named pixels, given unnamed rows. */
  @Test
  void predict_unnamedRowsForAModelWithNamedFeatures_matchByPosition() {
    TrainTest digits = Mnist.bundled();
    LinearClassifier m = ElasticNet.multinomial().lambda(0.05).build()
        .fit(digits.train().subset(IntStream.range(0, 300).toArray()));
    double[][] rows = digits.test().subset(new int[] {0, 1, 2}).featureRows();
    assertArrayEquals(m.predict(rows), m.predict(Dataset.of(rows, new double[3])));
    assertArrayEquals(m.predict(rows), m.predict(digits.test().subset(new int[] {0, 1, 2})));
  }

  /**
   * LIBSVM names its columns x1..xp: a model fitted on it, given Dataset.of's x0..xp, used to
   * find x1..xp one column to the right.
   */
  @Test
  void libsvmModel_takesUnnamedRowsByPosition_beforeAndAfterSaving() throws Exception {
    Path svm = dir.resolve("a.svm");
    Files.writeString(svm, "1 1:1 3:2\n2 2:1\n3 1:2 2:1 3:1\n0 3:4\n1.5 1:1 2:1\n");
    Dataset libsvm = Dataset.read(svm, TargetKind.REAL);
    assertEquals(List.of("x1", "x2", "x3"), libsvm.featureNames());
    LinearModel m = ElasticNet.gaussian().lambda(0.01).build().fit(libsvm);
    double[][] rows = {{1, 0, 2}, {0, 1, 0}};
    double[] expected = m.predict(rows);
    assertArrayEquals(expected, m.predict(Dataset.of(rows, new double[2])));
    double[][] wider = {{9, 1, 0, 2}, {9, 0, 1, 0}};
    assertThrows(InputException.class, () -> m.predict(Dataset.of(wider, new double[2])));
    Path file = dir.resolve("libsvm.model");
    m.save(file);
    Predictor back = Predictor.load(file);
    assertArrayEquals(expected, back.predict(Dataset.of(rows, new double[2])));
    assertArrayEquals(m.predict(libsvm), back.predict(libsvm));
    assertThrows(InputException.class, () -> back.predict(Dataset.of(wider, new double[2])));
  }

  /**
   * A LIBSVM test file whose rows never reach the last index reads narrower than the training
   * file: the message says why and how to read it at the model's width (it advised giving the
   * columns names, which a LIBSVM file cannot have).
   */
  @Test
  void predict_libsvmFileNarrowerThanTheModel_saysToReadItAtTheModelsWidth() throws Exception {
    Path train = dir.resolve("train.svm");
    Files.writeString(train, "1 1:1 3:2\n2 2:1\n3 1:2 2:1 3:1\n0 3:4\n1.5 1:1 2:1\n");
    LinearModel m = ElasticNet.gaussian().lambda(0.01).build()
        .fit(Dataset.read(train, TargetKind.REAL));
    Path test = dir.resolve("test.svm");
    Files.writeString(test, "1 1:1\n2 2:1\n");
    InputException e = assertThrows(InputException.class,
        () -> m.predict(Dataset.read(test, TargetKind.REAL)));
    assertEquals(test + ": 2 feature columns for a model of 3 features. A LIBSVM file has as"
        + " many columns as its largest feature index, so one whose rows never reach index 3"
        + " reads narrower: read it with LibsvmReader.read(file, kind, 3) for the model's 3"
        + " columns", e.getMessage());
    double[] expected = m.predict(new double[][] {{1, 0, 0}, {0, 1, 0}});
    assertArrayEquals(expected, m.predict(LibsvmReader.read(test, TargetKind.REAL, 3)));
    // Positional columns of another origin keep the general advice.
    InputException rows = assertThrows(InputException.class,
        () -> m.predict(Dataset.of(new double[][] {{1, 0}}, new double[1])));
    assertTrue(rows.getMessage().endsWith("give the columns names to match them by name"),
        rows.getMessage());
  }

  /**
   * A model fitted on unnamed columns keeps x0..x{p−1} in its file: after loading, unnamed data
   * are matched by position, a CSV by those names (an id column, other orders), and a CSV
   * without a header by position.
   */
  @Test
  void modelOfUnnamedColumns_afterLoading_takesUnnamedRowsByPositionAndCsvColumnsByName()
      throws Exception {
    Dataset data = Synthetic.regression().rows(40).features(3).informative(3).noise(0.1).seed(2)
        .build().data();
    LinearModel m = Ridge.builder().lambda(0.01).build().fit(data);
    Path file = dir.resolve("r.model");
    m.save(file);
    Predictor back = Predictor.load(file);
    double[][] rows = {{1, 2, 3}};
    double expected = m.predict(rows)[0];
    assertEquals(expected, back.predict(Dataset.of(rows, new double[1]))[0]);
    Path csv = dir.resolve("p.csv");
    Files.writeString(csv, "id,x2,x0,x1,y\n7,3,1,2,0\n");
    Dataset named = Dataset.read(csv, "y", TargetKind.REAL);
    assertTrue(named.hasNamedFeatures());
    assertEquals(expected, back.predict(named)[0], 1e-12);
    Path headerless = dir.resolve("h.csv");
    Files.writeString(headerless, "1,2,3,0\n4,5,6,1\n");
    Dataset positional = CsvReader.read(headerless, "4", TargetKind.REAL,
        CsvOptions.defaults().withHeader(false));
    assertEquals(List.of("1", "2", "3"), positional.featureNames());
    assertEquals(expected, back.predict(positional)[0], 1e-12);
  }

  /** Validation rows without names are the training columns by position, as at prediction. */
  @Test
  void fit_withUnnamedValidationRows_matchesThemByPosition() {
    TrainTest digits = Mnist.bundled();
    Dataset train = digits.train().subset(IntStream.range(0, 200).toArray());
    Dataset test = digits.test().subset(new int[] {0, 1, 2, 3});
    Dataset validation = Dataset.ofClasses(test.featureRows(), test.labels(),
        test.classNames(), Dataset.defaultNames(test.numFeatures()));
    NetworkClassifier m = LogisticRegression.builder().epochs(1).patience(1).build()
        .fit(train, validation, TrainingListener.none());
    assertEquals(4, m.predict(validation).length);
    Dataset narrower = Dataset.ofClasses(new double[][] {{0, 1}, {1, 0}}, new int[] {0, 1});
    InputException e = assertThrows(InputException.class, () -> LogisticRegression.builder()
        .epochs(1).build().fit(train, narrower, TrainingListener.none()));
    assertTrue(e.getMessage().contains("features differ"), e.getMessage());
  }

  /**
   * An offset or weight column is taken out by name, which unnamed columns do not have; a model
   * with an offset column asks unnamed data for it by name.
   */
  @Test
  void offsetColumn_needsNamedColumns_atFitAndPrediction() {
    java.util.Random random = new java.util.Random(1);
    double[][] x = new double[40][];
    double[] y = new double[40];
    for (int i = 0; i < 40; i++) {
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian(), 0.1};
      y[i] = random.nextInt(4);
    }
    InputException e = assertThrows(InputException.class, () -> ElasticNet.poisson()
        .offsetColumn("x2").lambda(0.01).build().fit(Dataset.of(x, y)));
    assertEquals("offsetColumn \"x2\": the columns of double[][] have no names (x0, x1, x2"
        + " stand for positions); give them names, e.g. Dataset.of(x, y, names), to take a"
        + " column out by name", e.getMessage());
    assertThrows(InputException.class, () -> ElasticNet.gaussian().weightColumn("x2")
        .lambda(0.01).build().fit(Dataset.of(x, y)));
    LinearModel m = ElasticNet.poisson().offsetColumn("off").lambda(0.01).build()
        .fit(Dataset.of(x, y, List.of("a", "b", "off")));
    e = assertThrows(InputException.class, () -> m.predict(Dataset.of(x, y)));
    assertEquals("double[][]: the model needs the column \"off\" by name, but these columns"
        + " have no names (Dataset.of without names, LIBSVM, IDX); give the columns names, or"
        + " the values as an array", e.getMessage());
  }

  /**
   * coefficientsByName pairs each feature name with its coefficient in the model's order; a
   * weight or offset column the fit took out of the features is not among them.
   */
  @Test
  void coefficientsByName_pairsFeatureNamesWithCoefficients_withoutTheOffsetColumn() {
    java.util.Random random = new java.util.Random(2);
    double[][] x = new double[60][];
    double[] y = new double[60];
    for (int i = 0; i < 60; i++) {
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian(), 0.1,
          random.nextGaussian()};
      y[i] = random.nextInt(5);
    }
    LinearModel m = ElasticNet.poisson().offsetColumn("off").lambda(0.01).build()
        .fit(Dataset.of(x, y, List.of("b", "a", "off", "c")));
    java.util.Map<String, Double> byName = m.coefficientsByName();
    assertEquals(List.of("b", "a", "c"), new java.util.ArrayList<>(byName.keySet()),
        "the model's feature order, not sorted, the offset column left out");
    double[] b = m.coefficients();
    for (int j = 0; j < b.length; j++) {
      assertEquals(b[j], byName.get(m.featureNames().get(j)));
    }
    assertThrows(UnsupportedOperationException.class, () -> byName.put("a", 0.0));
  }

  /**
   * A classifier's coefficientsByName(class) is that class's vector by feature name (every class
   * of a multinomial model; a binomial model's second class, whose log-odds its one vector
   * gives); a class the model does not know, or a binomial model's first class, is an
   * InputException that names the model's classes.
   */
  @Test
  void coefficientsByName_ofAClass_isThatClassesVector_andUnknownClassesAreDescribed() {
    java.util.Random random = new java.util.Random(5);
    double[][] x = new double[90][];
    int[] labels = new int[90];
    for (int i = 0; i < 90; i++) {
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      // class k is most likely where feature k is largest: each class has its own vector
      labels[i] = x[i][0] > Math.max(x[i][1], x[i][2]) ? 0 : x[i][1] > x[i][2] ? 1 : 2;
    }
    List<String> features = List.of("z", "a", "m");
    LinearClassifier three = ElasticNet.multinomial().lambda(0.01).build()
        .fit(Dataset.ofClasses(x, labels, List.of("fox", "cat", "dog"), features));
    assertEquals(List.of("fox", "cat", "dog"), three.classNames());
    for (int k = 0; k < 3; k++) {
      java.util.Map<String, Double> byName = three.coefficientsByName(three.classNames().get(k));
      assertEquals(features, new ArrayList<>(byName.keySet()), "the model's feature order");
      for (int j = 0; j < 3; j++) {
        assertEquals(three.coefficients()[k][j], byName.get(features.get(j)));
      }
      assertTrue(byName.get(features.get(k)) > 0, "class " + k + "'s own feature");
    }
    InputException unknown = assertThrows(InputException.class,
        () -> three.coefficientsByName("owl"));
    assertEquals("className \"owl\" is not one of the model's classes [fox, cat, dog]",
        unknown.getMessage());

    int[] two = new int[90];
    for (int i = 0; i < 90; i++) {
      two[i] = x[i][1] > 0 ? 1 : 0;
    }
    LinearClassifier binomial = ElasticNet.binomial().lambda(0.01).build()
        .fit(Dataset.ofClasses(x, two, List.of("neg", "pos"), features));
    java.util.Map<String, Double> pos = binomial.coefficientsByName("pos");
    for (int j = 0; j < 3; j++) {
      assertEquals(binomial.coefficients()[0][j], pos.get(features.get(j)));
    }
    assertTrue(pos.get("a") > 0, "the log-odds of pos grow with a");
    InputException first = assertThrows(InputException.class,
        () -> binomial.coefficientsByName("neg"));
    assertEquals("className \"neg\" is the binomial model's first class, whose linear "
        + "predictor is 0: its coefficients are those of class \"pos\", the log-odds of \"pos\" "
        + "against \"neg\"", first.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> pos.put("a", 0.0));
  }

  /**
   * A binomial model's intercept() and coefficientsByName() are LinearModel's spellings of its
   * one vector, the second class's (glmnet's one-column coef(), scikit-learn's coef_[0] and
   * intercept_[0]); a multinomial model, two classes or more, refuses both and names the
   * class-wise methods.
   */
  @Test
  void intercept_andCoefficientsByName_ofABinomialModel_areTheSecondClasses() {
    java.util.Random random = new java.util.Random(7);
    double[][] x = new double[80][];
    int[] labels = new int[80];
    for (int i = 0; i < 80; i++) {
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
      labels[i] = x[i][0] - x[i][1] + random.nextGaussian() > 0.5 ? 1 : 0;
    }
    Dataset data = Dataset.ofClasses(x, labels, List.of("no", "yes"), List.of("q", "p"));
    LinearClassifier binomial = ElasticNet.binomial().lambda(0.01).build().fit(data);
    assertEquals(binomial.intercepts()[0], binomial.intercept());
    assertTrue(binomial.intercept() < 0, "yes is the rarer class");
    assertEquals(binomial.coefficientsByName("yes"), binomial.coefficientsByName());
    assertEquals(List.of("q", "p"), new ArrayList<>(binomial.coefficientsByName().keySet()));
    assertThrows(UnsupportedOperationException.class,
        () -> binomial.coefficientsByName().put("q", 0.0));

    LinearClassifier two = ElasticNet.multinomial().lambda(0.01).build().fit(data);
    IllegalStateException e = assertThrows(IllegalStateException.class, two::intercept);
    assertEquals("a multinomial model has an intercept per class: intercepts()[k], in the"
        + " order of classNames() [no, yes]", e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> two.coefficientsByName());
    assertEquals("a multinomial model has a coefficient vector per class:"
        + " coefficientsByName(className), with className one of [no, yes]", e.getMessage());
  }

  /**
   * A model fitted before LIBSVM labels were parsed as numbers names its classes as the file
   * spelled them ("-1", "+1"); LIBSVM data read now name them "-1", "1". The labels find the
   * model's classes by numeric value, so its evaluation is the same.
   */
  @Test
  void libsvmClassesNamedCanonically_findAnOldModelsSignedClassesByValue() throws Exception {
    double[][] x = {{1, 0}, {0, 1}, {0.9, 0.1}, {0.2, 1.1}, {1.2, 0}, {0, 0.8}};
    int[] labels = {1, 0, 1, 0, 1, 0};
    List<String> names = Dataset.defaultNames(2);
    LinearClassifier old = ElasticNet.binomial().lambda(0.01).build()
        .fit(Dataset.ofClasses(x, labels, List.of("-1", "+1"), names));
    assertEquals(List.of("-1", "+1"), old.classNames());
    Path svm = dir.resolve("now.svm");
    Files.writeString(svm, "1 1:1\n-1 2:1\n1 1:0.9 2:0.1\n-1 1:0.2 2:1.1\n1 1:1.2\n-1 2:0.8\n");
    Dataset now = Dataset.read(svm, TargetKind.CLASS);
    assertEquals(List.of("-1", "1"), now.classNames());
    var dense = old.evaluate(Dataset.ofClasses(x, labels, List.of("-1", "+1"), names));
    var read = old.evaluate(now);
    assertEquals(dense.loss(), read.loss(), 1e-12);
    assertEquals(dense.accuracy(), read.accuracy());
  }
}
