package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.tensor.Matrix;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dataset factories: which routes give named columns and which positional ones, and what
 * a bad argument is told (names lists, nulls, non-finite values).
 */
class DatasetTest {
  @TempDir Path dir;

  static final double[][] X = {{1, 2}, {3, 4}, {5, 7}};
  static final double[] Y = {1, 2, 3};

  @Test
  void hasNamedFeatures_isTrueForGivenNames_falseForNamesThatStandForPositions()
      throws Exception {
    assertFalse(Dataset.of(X, Y).hasNamedFeatures());
    assertFalse(Dataset.of(X, Y, Dataset.defaultNames(2)).hasNamedFeatures());
    assertTrue(Dataset.of(X, Y, List.of("a", "b")).hasNamedFeatures());
    assertFalse(Dataset.ofClasses(X, new int[] {0, 1, 0}).hasNamedFeatures());
    assertTrue(Dataset.ofClasses(X, new int[] {0, 1, 0}, List.of("u", "v"), List.of("a", "b"))
        .hasNamedFeatures());
    assertFalse(Dataset.sparse(SparseMatrix.fromDense(X, 2), Y).hasNamedFeatures());
    assertTrue(Dataset.sparse(SparseMatrix.fromDense(X, 2), Y, List.of("a", "b"), List.of(),
        "s").hasNamedFeatures());
    assertFalse(new Dataset(Matrix.zeros(2, 2), Matrix.zeros(2, 1), Dataset.defaultNames(2),
        List.of(), "m").hasNamedFeatures());
    assertTrue(new Dataset(Matrix.zeros(2, 2), Matrix.zeros(2, 1), List.of("a", "b"),
        List.of(), "m").hasNamedFeatures());
    assertFalse(Synthetic.regression().rows(10).features(3).informative(2).noise(0.1).seed(1)
        .build().data().hasNamedFeatures());
    assertFalse(Mnist.bundled().test().hasNamedFeatures(), "px0.. are pixel positions");
    Path csv = TestFiles.write(dir, "d.csv", "a,b,y\n1,2,3\n4,5,6\n");
    assertTrue(Dataset.read(csv, "y", TargetKind.REAL).hasNamedFeatures());
    Path headerless = TestFiles.write(dir, "h.csv", "1,2,3\n4,5,6\n");
    assertFalse(CsvReader.read(headerless, "3", TargetKind.REAL, CsvOptions.defaults()
        .withHeader(false)).hasNamedFeatures());
    Path svm = TestFiles.write(dir, "d.svm", "1 1:2 2:3\n0 2:1\n");
    assertFalse(Dataset.read(svm, TargetKind.REAL).hasNamedFeatures(), "x1.. are indices");
    Dataset named = Dataset.of(X, Y, List.of("a", "b"));
    assertTrue(named.subset(new int[] {2}).hasNamedFeatures());
    assertTrue(named.withSource("other").hasNamedFeatures());
    assertFalse(Dataset.of(X, Y).subset(new int[] {1}).withSource("o").hasNamedFeatures());
    assertFalse(Dataset.of(X, Y).withFeatures(Matrix.zeros(3, 2)).hasNamedFeatures());
    assertTrue(named.withFeatures(Matrix.zeros(3, 2)).hasNamedFeatures());
  }

  @Test
  void namesLists_ofTheWrongSizeNullOrRepeated_areNamed() {
    InputException size = assertThrows(InputException.class,
        () -> Dataset.of(X, Y, List.of("a")));
    assertEquals("featureNames: 1 name for 2 feature columns", size.getMessage());
    InputException repeated = assertThrows(InputException.class,
        () -> Dataset.of(X, Y, List.of("a", "a")));
    assertEquals("featureNames: duplicate name \"a\" (names 1 and 2); a model finds its columns"
        + " by name", repeated.getMessage());
    NullPointerException nullName = assertThrows(NullPointerException.class,
        () -> Dataset.of(X, Y, Arrays.asList("a", null)));
    assertEquals("featureNames: name 2 is null", nullName.getMessage());
    assertEquals("featureNames: 3 names for 2 feature columns",
        assertThrows(InputException.class, () -> new Dataset(Matrix.zeros(1, 2),
            Matrix.zeros(1, 1), List.of("a", "b", "c"), List.of(), "m")).getMessage());
    assertEquals("classNames: duplicate name \"u\"; class labels are matched by name",
        assertThrows(InputException.class, () -> Dataset.ofClasses(X, new int[] {0, 1, 0},
            List.of("u", "u"), List.of("a", "b"))).getMessage());
    // Without rows the names give the width.
    assertEquals(2, Dataset.of(new double[0][], new double[0], List.of("a", "b")).numFeatures());
  }

  @Test
  void nullArguments_areNamedByTheParameter() {
    Object[][] cases = {
        {(Executable) () -> Dataset.of((double[][]) null, Y), "x"},
        {(Executable) () -> Dataset.of(X, null), "y"},
        {(Executable) () -> Dataset.of(new double[][] {{1, 2}, null}, new double[] {1, 2}),
            "x: row 2 is null"},
        {(Executable) () -> Dataset.of(X, Y, null), "featureNames"},
        {(Executable) () -> Dataset.ofClasses(X, (int[]) null), "labels"},
        {(Executable) () -> Dataset.ofClasses(X, new int[] {0, 1, 0}, null, List.of("a", "b")),
            "classNames"},
        {(Executable) () -> Dataset.sparse(null, Y), "x"},
        {(Executable) () -> Dataset.read(null, "y", TargetKind.REAL), "file"},
        {(Executable) () -> Dataset.read(null, TargetKind.REAL), "file"},
        {(Executable) () -> Dataset.of(X, Y).subset(null), "index"},
        {(Executable) () -> new Dataset(null, Matrix.zeros(1, 1), List.of("a"), List.of(), "m"),
            "features"},
        {(Executable) () -> SparseMatrix.of(1, 1, null, new int[0], new double[0]),
            "columnPointers"},
    };
    for (Object[] c : cases) {
      NullPointerException e = assertThrows(NullPointerException.class, (Executable) c[0]);
      assertEquals(c[1], e.getMessage());
    }
  }

  /**
   * float[][] rows (images, embeddings, another library's arrays) make the Dataset that the
   * same values as double[][] make, each float widened exactly, and the messages name float[][]:
   * a user with float rows used to write the widening loop.
   */
  @Test
  void floatRows_makeTheDatasetOfTheDoublesTheyAre_andMessagesNameThem() {
    float[][] xf = {{1.1f, 2}, {3, 4.7f}, {5, 7}};
    double[][] xd = {{1.1f, 2}, {3, 4.7f}, {5, 7}};
    Dataset f = Dataset.of(xf, Y);
    Dataset d = Dataset.of(xd, Y);
    assertTrue(Arrays.deepEquals(d.featureRows(), f.featureRows()));
    assertEquals(d.featureNames(), f.featureNames());
    assertFalse(f.hasNamedFeatures());
    assertEquals("float[][]", f.source());
    assertEquals(List.of("a", "b"), Dataset.of(xf, Y, List.of("a", "b")).featureNames());
    Dataset classes = Dataset.ofClasses(xf, new int[] {0, 2, 1});
    assertEquals(List.of("0", "1", "2"), classes.classNames());
    assertEquals(Dataset.ofClasses(xd, new int[] {0, 2, 1}).labels()[1], classes.labels()[1]);
    Dataset named = Dataset.ofClasses(xf, new int[] {1, 0, 1}, List.of("cat", "dog"),
        List.of("a", "b"));
    assertTrue(named.hasNamedFeatures());
    assertEquals(List.of("cat", "dog"), named.classNames());
    assertTrue(Arrays.deepEquals(xd, named.featureRows()));
    assertEquals("float[][]: 3 feature rows but 2 targets", assertThrows(InputException.class,
        () -> Dataset.of(xf, new double[2])).getMessage());
    assertEquals("features: row 2, column 1: NaN is not allowed; values must be finite",
        assertThrows(InputException.class, () -> Dataset.of(new float[][] {{1}, {Float.NaN}},
            new double[2])).getMessage());
    assertEquals("features: row 2 has 1 value, expected 2", assertThrows(InputException.class,
        () -> Dataset.ofClasses(new float[][] {{1, 2}, {3}}, new int[] {0, 1})).getMessage());
    assertEquals("x: row 2 is null", assertThrows(NullPointerException.class,
        () -> Dataset.of(new float[][] {{1}, null}, new double[2])).getMessage());
    assertEquals("x", assertThrows(NullPointerException.class,
        () -> Dataset.of((float[][]) null, Y)).getMessage());
  }

  /** A row of one value is counted in the singular: it said "row 2 has 1 values". */
  @Test
  void rowsOfTheWrongLength_sayHowManyValues_inTheSingularForOne() {
    double[][] ragged = {{1, 2}, {3}};
    assertEquals("features: row 2 has 1 value, expected 2", assertThrows(InputException.class,
        () -> Dataset.of(ragged, new double[2])).getMessage());
    assertEquals("features: row 2 has 3 values, expected 2", assertThrows(InputException.class,
        () -> Dataset.of(new double[][] {{1, 2}, {3, 4, 5}}, new double[2])).getMessage());
    assertEquals("sparse matrix: row 2 has 1 value, expected 2", assertThrows(
        InputException.class, () -> SparseMatrix.fromDense(ragged, 2)).getMessage());
  }

  /**
   * Every public way to a Dataset checks that the features are finite: the float32 constructor
   * and withFeatures did not, and predictions then blamed the model for a NaN in the data.
   */
  @Test
  void publicFactories_refuseNonFiniteFeatures() {
    Matrix nan = Matrix.zeros(2, 2);
    nan.set(1, 0, Float.NaN);
    InputException e = assertThrows(InputException.class,
        () -> new Dataset(nan, Matrix.zeros(2, 1), List.of("a", "b"), List.of(), "m"));
    assertEquals("m (features): row 2, column 1: NaN is not allowed; values must be finite",
        e.getMessage());
    Matrix inf = Matrix.zeros(3, 2);
    inf.set(0, 1, Float.POSITIVE_INFINITY);
    e = assertThrows(InputException.class, () -> Dataset.of(X, Y).withFeatures(inf));
    assertEquals("double[][] (features): row 1, column 2: +infinity is not allowed; values"
        + " must be finite", e.getMessage());
    // fromRows uses the readers' arrays unchecked: it is not public.
    for (Method m : Dataset.class.getDeclaredMethods()) {
      if (m.getName().equals("fromRows")) {
        assertFalse(Modifier.isPublic(m.getModifiers()), m.toString());
      }
    }
  }

  /**
   * A row or feature index out of range is named with the valid range: it used to be a raw
   * ArrayIndexOutOfBoundsException, or for a subset (whose rows map into its parent) and for
   * float32 storage (row-major, so feature p of row i is feature 0 of row i + 1) a wrong value.
   */
  @Test
  void accessors_indexOutOfRange_nameTheIndexAndTheRange() {
    Dataset doubles = Dataset.of(X, Y);
    Dataset floats = new Dataset(Matrix.of(3, 2, 1, 2, 3, 4, 5, 7), Matrix.of(3, 1, 1, 2, 3),
        List.of("a", "b"), List.of(), "m");
    Dataset sparse = Dataset.sparse(SparseMatrix.fromDense(X, 2), Y);
    Dataset classes = Dataset.ofClasses(X, new int[] {0, 1, 0});
    for (Dataset d : List.of(doubles, floats, sparse, classes)) {
      Dataset subset = d.subset(new int[] {0});
      for (Dataset e : List.of(d, subset)) {
        int n = e.numRows();
        String rows = "row " + n + " of a data set of " + n + (n == 1 ? " row" : " rows")
            + " (0-based)";
        assertEquals(rows, assertThrows(IndexOutOfBoundsException.class,
            () -> e.feature(n, 0)).getMessage(), e.toString());
        assertEquals(rows, assertThrows(IndexOutOfBoundsException.class,
            () -> e.target(n)).getMessage(), e.toString());
        assertEquals("row -1 of a data set of " + n + (n == 1 ? " row" : " rows")
            + " (0-based)", assertThrows(IndexOutOfBoundsException.class,
            () -> e.target(-1)).getMessage(), e.toString());
        assertEquals("feature 2 of 2 features (0-based)", assertThrows(
            IndexOutOfBoundsException.class, () -> e.feature(0, 2)).getMessage(), e.toString());
        assertEquals("feature -1 of 2 features (0-based)", assertThrows(
            IndexOutOfBoundsException.class, () -> e.feature(0, -1)).getMessage());
      }
      assertEquals("row 1 of a data set of 1 row (0-based)", assertThrows(
          IndexOutOfBoundsException.class, () -> subset.subset(new int[] {1})).getMessage());
    }
    Dataset subset = classes.subset(new int[] {0});
    assertEquals("row 1 of a data set of 1 row (0-based)", assertThrows(
        IndexOutOfBoundsException.class, () -> subset.label(1)).getMessage());
    assertEquals(5.0, floats.feature(2, 0));
    assertEquals(7.0, sparse.subset(new int[] {2}).feature(0, 1));
  }

  /** Regression targets are values: a label would be the value cast to int (2.7 gave 2). */
  @Test
  void labels_ofRegressionData_throw() {
    Dataset regression = Dataset.of(X, new double[] {2.7, 1, 3});
    String expected = "double[][]: regression data has no class labels; target(i) gives the"
        + " value";
    assertEquals(expected, assertThrows(IllegalStateException.class,
        () -> regression.label(0)).getMessage());
    assertEquals(expected, assertThrows(IllegalStateException.class,
        regression::labels).getMessage());
    assertEquals(2.7, regression.target(0));
    Dataset classes = Dataset.ofClasses(X, new int[] {1, 0, 1}, List.of("u", "v"),
        List.of("a", "b"));
    assertEquals(1, classes.label(2));
    assertEquals(List.of(1, 0, 1), Arrays.stream(classes.labels()).boxed().toList());
  }

  /**
   * Dataset.ofFeatures holds new rows to predict, found by name, without the dummy target
   * users wrote ({@code Dataset.of(x, new double[n], names)}): it has no target, keeps none
   * through every derivation, and every accessor of the target refuses it with one message
   * (the one fit and evaluate give).
   */
  @Test
  void ofFeatures_hasNoTarget_throughItsDerivations_andTheTargetAccessorsSaySo() {
    Dataset features = Dataset.ofFeatures(X, List.of("a", "b"));
    assertTrue(Dataset.of(X, Y).hasTarget());
    assertFalse(features.hasTarget());
    assertTrue(features.hasNamedFeatures());
    assertFalse(Dataset.ofFeatures(X, Dataset.defaultNames(2)).hasNamedFeatures());
    assertEquals(3, features.numRows());
    assertFalse(features.isClassification());
    assertEquals("Dataset[double[][]: 3 rows, 2 features, no target]", features.toString());
    assertEquals(Arrays.toString(X[2]), Arrays.toString(features.featureRows()[2]));
    Dataset floats = features.withFeatures(features.features());
    List<Dataset> derived = List.of(features, features.subset(new int[] {2, 0}),
        features.withColumn("w", new double[] {1, 2, 3}), features.withoutColumns("a"),
        features.withSource("new rows"), floats, floats.withoutColumns("b"),
        floats.withColumn("w", new double[] {1, 2, 3}));
    for (Dataset d : derived) {
      assertFalse(d.hasTarget(), d.toString());
      String expected = d.source() + ": the data have no target, only features"
          + " (Dataset.ofFeatures): a fitted model predicts them; fit and evaluate need a"
          + " target (Dataset.of, Dataset.ofClasses, Dataset.read)";
      for (Executable target : List.<Executable>of(() -> d.target(0), d::targets,
          () -> d.label(0), d::labels, d::targetMatrix)) {
        assertEquals(expected, assertThrows(InputException.class, target).getMessage());
      }
    }
    assertEquals("x", assertThrows(NullPointerException.class,
        () -> Dataset.ofFeatures(null, List.of("a"))).getMessage());
    assertEquals("featureNames", assertThrows(NullPointerException.class,
        () -> Dataset.ofFeatures(X, null)).getMessage());
    assertEquals("featureNames: 2 names for 3 feature columns", assertThrows(
        InputException.class, () -> Dataset.ofFeatures(new double[][] {{1, 2, 3}},
            List.of("a", "b"))).getMessage());
  }

  /**
   * A label with no class name, or a negative one, is named with its row: fewer names than
   * labels used to be told "only one class", and a negative label "not a class in 0..K−1".
   */
  @Test
  void ofClasses_labelWithoutAName_isNamedWithItsRow() {
    assertEquals("labels: row 2: label 1 has no name among the 1 class name given [u]; a label"
        + " is the index of its class name, counted from 0", assertThrows(InputException.class,
        () -> Dataset.ofClasses(X, new int[] {0, 1, 0}, List.of("u"), List.of("a", "b")))
        .getMessage());
    assertEquals("labels: row 3: label 2 has no name among the 2 class names given [u, v]; a"
        + " label is the index of its class name, counted from 0", assertThrows(
        InputException.class, () -> Dataset.ofClasses(X, new int[] {0, 1, 2}, List.of("u",
        "v"), List.of("a", "b"))).getMessage());
    assertEquals("labels: row 1: label -1 is negative; a label is the index of its class name,"
        + " counted from 0", assertThrows(InputException.class,
        () -> Dataset.ofClasses(X, new int[] {-1, 1, 0}, List.of("u", "v"), List.of("a",
        "b"))).getMessage());
    assertEquals("labels: row 2: label -3 is negative; a label is the index of its class name,"
        + " counted from 0", assertThrows(InputException.class,
        () -> Dataset.ofClasses(X, new int[] {0, -3, 1})).getMessage());
    assertEquals("labels: row 1: label -2 is negative; a label is the index of its class name,"
        + " counted from 0", assertThrows(InputException.class,
        () -> Dataset.ofClasses(X, new int[] {-2, -3, -1})).getMessage());
    assertEquals("classNames: none given; classification needs two or more", assertThrows(
        InputException.class, () -> Dataset.ofClasses(new double[0][], new int[0], List.of(),
        List.of("a", "b"))).getMessage());
    assertEquals("double[][]: only one class (u); classification needs two", assertThrows(
        InputException.class, () -> Dataset.ofClasses(X, new int[] {0, 0, 0}, List.of("u"),
        List.of("a", "b"))).getMessage());
  }

  @Test
  void withObservedClasses_keepsTheClassesARowShows_renumbered_inTheirOrder() {
    double[][] x = {{1, 2}, {3, 4}, {5, 7}, {6, 8}};
    Dataset all = Dataset.ofClasses(x, new int[] {0, 1, 2, 2}, List.of("ant", "bee", "cat"),
        List.of("a", "b"));
    Dataset firstAndLast = all.subset(new int[] {3, 0, 2});
    assertEquals(List.of("ant", "bee", "cat"), firstAndLast.classNames(), "subset keeps all");

    Dataset observed = firstAndLast.withObservedClasses();
    assertEquals(List.of("ant", "cat"), observed.classNames());
    assertEquals(List.of(1, 0, 1), Arrays.stream(observed.labels()).boxed().toList());
    assertEquals(1.0f, observed.targetMatrix().get(0, 0));
    assertEquals(3, observed.numRows());
    assertEquals(Arrays.deepToString(firstAndLast.featureRows()),
        Arrays.deepToString(observed.featureRows()));
    assertEquals(firstAndLast.featureNames(), observed.featureNames());
    assertTrue(observed.hasNamedFeatures());
    // Float32 storage (IDX images) and sparse storage keep their rows too.
    Dataset floats = new Dataset(Matrix.column(1, 2, 3), Matrix.column(0, 1, 2), List.of("p"), List.of("x", "y", "z"),
        "m").subset(new int[] {2, 1});
    assertEquals(List.of("y", "z"), floats.withObservedClasses().classNames());
    assertEquals(List.of(1, 0),
        Arrays.stream(floats.withObservedClasses().labels()).boxed().toList());
    assertEquals(3.0f, floats.withObservedClasses().features().get(0, 0));
  }

  @Test
  void withObservedClasses_whenEveryClassHasRows_isTheSameData() {
    Dataset all = Dataset.ofClasses(X, new int[] {0, 1, 0});
    assertTrue(all.withObservedClasses() == all);
  }

  @Test
  void withObservedClasses_ofOneClassOrRegression_isRefused() {
    Dataset all = Dataset.ofClasses(X, new int[] {0, 1, 1}, List.of("ant", "bee"),
        List.of("a", "b"));
    InputException one = assertThrows(InputException.class,
        () -> all.subset(new int[] {1, 2}).withObservedClasses());
    assertEquals("double[][]: only one class (bee) has rows; classification needs two",
        one.getMessage());
    assertThrows(IllegalStateException.class, () -> Dataset.of(X, Y).withObservedClasses());
  }

  /**
   * Dataset.read with CsvOptions, the one call a user reaches for: a semicolon file whose id
   * column is text reads with the id left out; without the options the id's text is named.
   */
  @Test
  void read_withCsvOptions_leavesOutTheIgnoredColumns() throws Exception {
    Path file = dir.resolve("ids.csv");
    java.nio.file.Files.writeString(file, "id;a;y\nx17;1.5;2\nx18;2.5;3\n");
    Dataset d = Dataset.read(file, "y", TargetKind.REAL,
        CsvOptions.defaults().withIgnoredColumns("id"));
    assertEquals(List.of("a"), d.featureNames());
    assertEquals(2.5, d.feature(1, 0));
    assertEquals(3, d.target(1));
    InputException text = assertThrows(InputException.class,
        () -> Dataset.read(file, "y", TargetKind.REAL));
    assertTrue(text.getMessage().contains("x17"), text.getMessage());
    assertThrows(NullPointerException.class, () -> Dataset.read(file, "y", TargetKind.REAL,
        null));
  }
}
