package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.tensor.Matrix;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns of a Dataset by name, for a Java user holding arrays: {@code withColumn} appends one
 * (a weight or offset column for {@code weightColumn}/{@code offsetColumn}), {@code column}
 * reads one, {@code withoutColumns} drops some. Each result is compared with the data set the
 * factories (or the CSV reader) make of the same values and names: the same rows, names, way of
 * matching columns and fingerprint, in every storage (double rows, float32, sparse, a subset).
 */
class DatasetColumnsTest {
  @TempDir Path dir;

  static final double[][] X = {{1, 2}, {3, 4}, {5, 7}};
  static final double[] Y = {1, 2, 3};
  static final double[] W = {0.1, 2.5, 1e-3};
  static final double[][] XW = {{1, 2, 0.1}, {3, 4, 2.5}, {5, 7, 1e-3}};

  /** Rows, names, classes, targets, matching and fingerprint: all but the source. */
  static void assertSameData(Dataset expected, Dataset actual) {
    assertEquals(expected.featureNames(), actual.featureNames());
    assertEquals(expected.hasNamedFeatures(), actual.hasNamedFeatures(), "matched by name");
    assertEquals(expected.classNames(), actual.classNames());
    assertArrayEquals(expected.targets(), actual.targets());
    assertArrayEquals(expected.featureRows(), actual.featureRows());
    assertEquals(expected.holdsDoubles(), actual.holdsDoubles(), "precision");
    assertEquals(expected.fingerprint(), actual.fingerprint());
  }

  @Test
  void withColumn_appendsAFeature_asTheFactoryWithThatColumnMakesIt() {
    Dataset named = Dataset.of(X, Y, List.of("a", "b")).withColumn("w", W);
    assertSameData(Dataset.of(XW, Y, List.of("a", "b", "w")), named);
    assertEquals("double[][] with column \"w\"", named.source());
    // Names standing for positions: a named column makes the columns named (so weightColumn can
    // find it), the next default name keeps them positional, as Dataset.of would.
    Dataset positional = Dataset.of(X, Y).withColumn("w", W);
    assertSameData(Dataset.of(XW, Y, List.of("x0", "x1", "w")), positional);
    assertTrue(positional.hasNamedFeatures());
    assertSameData(Dataset.of(XW, Y), Dataset.of(X, Y).withColumn("x2", W));
    assertFalse(Dataset.of(X, Y).withColumn("x2", W).hasNamedFeatures());
    // A CSV header's names stay named, whatever they are.
    Path csv = TestFiles.write(dir, "d.csv", "x0,x1,y\n1,2,1\n3,4,2\n5,7,3\n");
    assertTrue(Dataset.read(csv, "y", TargetKind.REAL).withColumn("x2", W).hasNamedFeatures());
    // The data set's own fingerprint is not the new one's.
    assertNotEquals(Dataset.of(X, Y).fingerprint(), positional.fingerprint());
  }

  @Test
  void withColumn_ofClassesAndOfASubset_keepsTheClassesAndTheSubsetsRows() {
    int[] labels = {1, 0, 1};
    Dataset classes = Dataset.ofClasses(X, labels, List.of("no", "yes"), List.of("a", "b"))
        .withColumn("w", W);
    assertSameData(Dataset.ofClasses(XW, labels, List.of("no", "yes"), List.of("a", "b", "w")),
        classes);
    int[] rows = {2, 0, 2};
    Dataset subset = Dataset.of(X, Y, List.of("a", "b")).subset(rows)
        .withColumn("w", new double[] {7, 8, 9});
    assertSameData(Dataset.of(new double[][] {{5, 7, 7}, {1, 2, 8}, {5, 7, 9}},
        new double[] {3, 1, 3}, List.of("a", "b", "w")), subset);
    // the values are copied: writing into the array afterwards changes nothing
    double[] w = W.clone();
    Dataset d = Dataset.of(X, Y).withColumn("w", w);
    w[0] = 99;
    assertEquals(0.1, d.feature(0, 2));
  }

  /**
   * A float32 data set given a double column becomes a double one, its floats widened exactly:
   * the weight 0.1 stays 0.1, as a CSV cell's would, instead of float32's 0.10000000149.
   */
  @Test
  void withColumn_ofFloat32Data_holdsDoubles_keepingEveryValueExactly() {
    Dataset floats = new Dataset(Matrix.of(3, 2, 1.1f, 2, 3, 4.7f, 5, 7), Matrix.column(1, 2, 3),
        List.of("a", "b"), List.of(), "m");
    Dataset d = floats.withColumn("w", W);
    assertTrue(d.holdsDoubles());
    assertEquals(0.1, d.feature(0, 2));
    assertEquals((double) 1.1f, d.feature(0, 0));
    assertEquals((double) 4.7f, d.feature(1, 1));
    assertSameData(Dataset.of(new float[][] {{1.1f, 2}, {3, 4.7f}, {5, 7}}, Y,
        List.of("a", "b")).withColumn("w", W), d);
    assertEquals("m with column \"w\"", d.source());
  }

  /** Sparse data stay sparse (the column's zeros are not stored), dense-equal to the dense. */
  @Test
  void withColumn_ofSparseData_staysSparse() {
    double[][] x = {{0, 2}, {3, 0}, {0, 0}};
    double[] w = {0, 1.5, 0.25};
    Dataset sparse = Dataset.sparse(SparseMatrix.fromDense(x, 2), Y, List.of("a", "b"),
        List.of(), "s").withColumn("w", w);
    assertTrue(sparse.isSparse());
    assertEquals(4, sparse.sparseFeatures().orElseThrow().numEntries(), "2 + the nonzero w's");
    assertSameData(Dataset.of(new double[][] {{0, 2, 0}, {3, 0, 1.5}, {0, 0, 0.25}}, Y,
        List.of("a", "b", "w")), sparse);
    Dataset subset = Dataset.sparse(SparseMatrix.fromDense(x, 2), Y).subset(new int[] {1, 1})
        .withColumn("x2", new double[] {4, 0});
    assertTrue(subset.isSparse());
    assertSameData(Dataset.of(new double[][] {{3, 0, 4}, {3, 0, 0}}, new double[] {2, 2}),
        subset);
  }

  @Test
  void withColumn_badValues_areRefusedNamingTheColumnTheRowAndTheSizes() {
    Dataset d = Dataset.of(X, Y, List.of("a", "b"));
    assertEquals("column \"w\": 2 values for the 3 rows of double[][]",
        assertThrows(InputException.class, () -> d.withColumn("w", new double[2]))
            .getMessage());
    assertEquals("column \"w\": row 2: NaN is not allowed; values must be finite",
        assertThrows(InputException.class,
            () -> d.withColumn("w", new double[] {1, Double.NaN, 1})).getMessage());
    assertEquals("column \"w\": row 3: Infinity is not allowed; values must be finite",
        assertThrows(InputException.class,
            () -> d.withColumn("w", new double[] {1, 1, Double.POSITIVE_INFINITY}))
            .getMessage());
    assertEquals("double[][]: already has a feature column \"b\"; names are distinct, a model"
            + " finds its columns by name (withoutColumns(\"b\") first to replace it)",
        assertThrows(InputException.class, () -> d.withColumn("b", W)).getMessage());
    assertEquals("name", assertThrows(NullPointerException.class,
        () -> d.withColumn(null, W)).getMessage());
    assertEquals("values", assertThrows(NullPointerException.class,
        () -> d.withColumn("w", null)).getMessage());
  }

  @Test
  void column_isACopyOfTheColumnByName_inEveryStorage() {
    Dataset doubles = Dataset.of(XW, Y, List.of("a", "b", "w"));
    Dataset floats = new Dataset(Matrix.of(3, 2, 1.1f, 2, 3, 4.7f, 5, 7), Matrix.column(1, 2, 3),
        List.of("a", "b"), List.of(), "m");
    Dataset sparse = Dataset.sparse(SparseMatrix.fromDense(XW, 3), Y, List.of("a", "b", "w"),
        List.of(), "s");
    assertArrayEquals(W, doubles.column("w"));
    assertArrayEquals(W, sparse.column("w"));
    assertArrayEquals(new double[] {1.1f, 3, 5}, floats.column("a"));
    assertArrayEquals(new double[] {2, 4.7f, 7}, floats.column("b"));
    assertArrayEquals(new double[] {2.5, 0.1}, sparse.subset(new int[] {1, 0}).column("w"));
    assertArrayEquals(new double[] {3, 1}, Dataset.of(X, Y).subset(new int[] {1, 0})
        .column("x0"));
    double[] copy = doubles.column("w");
    copy[0] = 99;
    assertEquals(0.1, doubles.column("w")[0], "a copy, not the data set's own values");
  }

  @Test
  void column_unknownName_namesItAndTheFeatureColumns() {
    Dataset d = Dataset.of(XW, Y, List.of("a", "b", "w"));
    assertEquals("double[][]: no feature column \"W\"; its feature columns: \"a\", \"b\", \"w\";"
        + " did you mean \"w\"?", assertThrows(InputException.class, () -> d.column("W"))
            .getMessage());
    assertEquals("name", assertThrows(NullPointerException.class, () -> d.column(null))
        .getMessage());
  }

  @Test
  void withoutColumns_dropsThem_asTheFactoryWithoutThemMakesIt() {
    Dataset d = Dataset.of(XW, Y, List.of("a", "b", "w"));
    Dataset dropped = d.withoutColumns("w");
    assertSameData(Dataset.of(X, Y, List.of("a", "b")), dropped);
    assertEquals("double[][] without column \"w\"", dropped.source());
    assertSameData(Dataset.of(new double[][] {{2}, {4}, {7}}, Y, List.of("b")),
        d.withoutColumns("w", "a"));
    assertEquals("double[][] without columns \"w\", \"a\"", d.withoutColumns("w", "a").source());
    // withColumn then withoutColumns gives the same data back
    assertSameData(Dataset.of(X, Y), Dataset.of(X, Y).withColumn("x2", W).withoutColumns("x2"));
    assertSameData(Dataset.of(X, Y, List.of("a", "b")),
        Dataset.of(X, Y, List.of("a", "b")).withColumn("w", W).withoutColumns("w"));
    // named columns stay named, even when what is left is x0..: they were a header's names
    assertTrue(Dataset.of(XW, Y, List.of("x0", "x1", "w")).withoutColumns("w")
        .hasNamedFeatures());
    // a subset's rows, a classification data set's classes
    int[] labels = {1, 0, 1};
    Dataset classes = Dataset.ofClasses(XW, labels, List.of("no", "yes"), List.of("a", "b", "w"))
        .subset(new int[] {2, 1});
    assertSameData(Dataset.ofClasses(new double[][] {{5, 7}, {3, 4}}, new int[] {1, 0},
        List.of("no", "yes"), List.of("a", "b")), classes.withoutColumns("w"));
    assertSame(d, d.withoutColumns(), "nothing to drop");
  }

  @Test
  void withoutColumns_keepsFloat32AndSparseStorage() {
    Dataset floats = new Dataset(Matrix.of(3, 3, 1.1f, 2, 0.1f, 3, 4.7f, 0.2f, 5, 7, 0.3f),
        Matrix.column(1, 2, 3), List.of("a", "b", "w"), List.of(), "m");
    Dataset f = floats.withoutColumns("b");
    assertFalse(f.holdsDoubles(), "float32 stays float32");
    assertSameData(new Dataset(Matrix.of(3, 2, 1.1f, 0.1f, 3, 0.2f, 5, 0.3f),
        Matrix.column(1, 2, 3), List.of("a", "w"), List.of(), "m"), f);
    assertEquals(0.3f, f.subset(new int[] {2}).withoutColumns("a").features().get(0, 0));
    Dataset sparse = Dataset.sparse(SparseMatrix.fromDense(XW, 3), Y, List.of("a", "b", "w"),
        List.of(), "s");
    Dataset s = sparse.withoutColumns("a");
    assertTrue(s.isSparse());
    assertSameData(Dataset.of(new double[][] {{2, 0.1}, {4, 2.5}, {7, 1e-3}}, Y,
        List.of("b", "w")), s);
    assertSameData(Dataset.of(new double[][] {{4}, {2}}, new double[] {2, 1}, List.of("b")),
        sparse.subset(new int[] {1, 0}).withoutColumns("a", "w"));
  }

  @Test
  void withoutColumns_unknownName_namesItAndTheFeatureColumns() {
    Dataset d = Dataset.of(XW, Y, List.of("a", "b", "w"));
    assertEquals("double[][]: no feature column \"id\"; its feature columns: \"a\", \"b\", \"w\"",
        assertThrows(InputException.class, () -> d.withoutColumns("w", "id")).getMessage());
    assertEquals("names: name 2 is null", assertThrows(NullPointerException.class,
        () -> d.withoutColumns("w", null)).getMessage());
  }
}
