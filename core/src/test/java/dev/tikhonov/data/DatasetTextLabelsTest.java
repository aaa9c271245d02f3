package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Dataset.ofClasses(x, List<String> labels)}: text labels as scikit-learn users pass
 * {@code y}, their classes ordered as the CSV reader orders the same labels read from a file, so
 * a model fitted on either numbers its classes alike.
 */
class DatasetTextLabelsTest {
  @TempDir Path dir;

  static final double[][] X = {{1, 2}, {3, 4}, {5, 7}, {6, 1}, {2, 2}};

  static final String ONE_CLASS_HINT = " (data of one class to evaluate a model on:"
      + " Dataset.ofClasses(x, labels, classNames, featureNames) with the model's classNames())";

  /** The CSV of X with the labels as its target column y. */
  Dataset readFromCsv(List<String> labels) throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < X.length; i++) {
      csv.append(X[i][0]).append(',').append(X[i][1]).append(',').append(labels.get(i))
          .append('\n');
    }
    Path file = Files.writeString(dir.resolve("d.csv"), csv.toString());
    return Dataset.read(file, "y", TargetKind.CLASS);
  }

  @Test
  void ofClasses_textLabels_giveTheCsvReadersClassesAndIndices() throws Exception {
    for (List<String> labels : List.of(
        List.of("dog", "cat", "bird", "cat", "dog"),
        // numbers in numeric order (2 < 9 < 10), not the strings' ("10" < "2" < "9")
        List.of("10", "9", "2", "9", "10"),
        // one class per value, named by its shortest plain decimal
        List.of("1", "1.0", "2", "+2", "01"),
        List.of("yes", " no", "yes ", "no", "yes"))) {
      Dataset given = Dataset.ofClasses(X, labels, List.of("a", "b"));
      Dataset read = readFromCsv(labels);
      assertEquals(read.classNames(), given.classNames(), labels.toString());
      assertArrayEquals(read.labels(), given.labels(), labels.toString());
      assertEquals(List.of("a", "b"), given.featureNames());
      assertTrue(given.hasNamedFeatures());
    }
    assertEquals(List.of("2", "9", "10"),
        Dataset.ofClasses(X, List.of("10", "9", "2", "9", "10")).classNames());
    assertEquals(Dataset.defaultNames(2),
        Dataset.ofClasses(X, List.of("u", "v", "u", "v", "u")).featureNames());
    Dataset numbers = Dataset.ofClasses(X, List.of("1", "1.0", "2", "+2", "01"));
    assertEquals(List.of("1", "2"), numbers.classNames());
    assertArrayEquals(new int[] {0, 0, 1, 1, 0}, numbers.labels());
    // text beside the numbers: every string is a class, as before
    assertEquals(List.of("1", "1.0", "a"),
        Dataset.ofClasses(X, List.of("1", "1.0", "a", "1", "a")).classNames());
  }

  /**
   * Text labels of given classes (a model's): one class is enough, as evaluation input; a
   * number finds its class by value, and a label that is no class is refused naming its row.
   */
  @Test
  void ofClasses_textLabelsOfGivenClasses_takeOneClass_andNameAnUnknownLabel() {
    List<String> features = List.of("a", "b");
    Dataset dogs = Dataset.ofClasses(X, List.of("dog", "dog", " dog", "dog", "dog"),
        List.of("cat", "dog"), features);
    assertEquals(List.of("cat", "dog"), dogs.classNames());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1}, dogs.labels());
    assertEquals(features, dogs.featureNames());
    Dataset byValue = Dataset.ofClasses(X, List.of("1.0", "2", "+1", "2.0", "1"),
        List.of("1", "2"), features);
    assertArrayEquals(new int[] {0, 1, 0, 1, 0}, byValue.labels());
    assertEquals(List.of("1", "2"), byValue.classNames());
    assertEquals("labels: row 3: \"bird\" is not one of the class names [cat, dog]",
        assertThrows(InputException.class, () -> Dataset.ofClasses(X,
            List.of("dog", "cat", "bird", "dog", "dog"), List.of("cat", "dog"), features))
            .getMessage());
    assertEquals("labels: row 2: empty class label; missing values are not allowed",
        assertThrows(InputException.class, () -> Dataset.ofClasses(X,
            List.of("dog", "", "cat", "dog", "dog"), List.of("cat", "dog"), features))
            .getMessage());
    assertEquals("double[][]: only one class (dog); classification needs two",
        assertThrows(InputException.class, () -> Dataset.ofClasses(X,
            List.of("dog", "dog", "dog", "dog", "dog"), List.of("dog"), features))
            .getMessage());
    float[][] xf = {{1, 2}, {3, 4}};
    Dataset f = Dataset.ofClasses(xf, List.of("cat", "cat"), List.of("cat", "dog"), features);
    assertEquals("float[][]", f.source());
    assertArrayEquals(new int[] {0, 0}, f.labels());
  }

  @Test
  void ofClasses_textLabels_badLabel_isNamedByItsRow() {
    List<String> withNull = new ArrayList<>(Arrays.asList("u", null, "v", "u", "v"));
    assertEquals("labels: row 2 is null",
        assertThrows(NullPointerException.class, () -> Dataset.ofClasses(X, withNull))
            .getMessage());
    assertEquals("labels: row 3: empty class label; missing values are not allowed",
        assertThrows(InputException.class,
            () -> Dataset.ofClasses(X, List.of("u", "v", " ", "u", "v"))).getMessage());
    assertEquals("labels: only one class (u); classification needs two" + ONE_CLASS_HINT,
        assertThrows(InputException.class,
            () -> Dataset.ofClasses(X, List.of("u", "u", "u", "u", "u"))).getMessage());
    assertEquals("double[][]: 5 feature rows but 4 targets",
        assertThrows(InputException.class,
            () -> Dataset.ofClasses(X, List.of("u", "v", "u", "v"))).getMessage());
    assertEquals("labels",
        assertThrows(NullPointerException.class,
            () -> Dataset.ofClasses(X, (List<String>) null)).getMessage());
  }

  /** ofClasses(float[][], text labels) is ofClasses of the doubles the floats are. */
  @Test
  void ofClasses_floatRowsAndTextLabels_areTheDoubleRowsDataset() {
    float[][] xf = {{1.1f, 2}, {3, 4.7f}, {5, 7}};
    double[][] xd = {{1.1f, 2}, {3, 4.7f}, {5, 7}};
    List<String> labels = List.of("dog", "cat", "dog");
    Dataset f = Dataset.ofClasses(xf, labels);
    Dataset d = Dataset.ofClasses(xd, labels);
    assertEquals(List.of("cat", "dog"), f.classNames());
    assertArrayEquals(d.labels(), f.labels());
    assertArrayEquals(d.featureRows(), f.featureRows());
    assertEquals(d.featureNames(), f.featureNames());
    assertEquals(d.fingerprint(), f.fingerprint());
    assertEquals("float[][]", f.source());
    Dataset named = Dataset.ofClasses(xf, labels, List.of("a", "b"));
    assertEquals(Dataset.ofClasses(xd, labels, List.of("a", "b")).fingerprint(),
        named.fingerprint());
    assertTrue(named.hasNamedFeatures());
    assertEquals("labels: only one class (dog); classification needs two" + ONE_CLASS_HINT,
        assertThrows(InputException.class,
            () -> Dataset.ofClasses(xf, List.of("dog", "dog", "dog"))).getMessage());
    assertEquals("float[][]: 3 feature rows but 2 targets", assertThrows(InputException.class,
        () -> Dataset.ofClasses(xf, List.of("dog", "cat"))).getMessage());
  }
}
