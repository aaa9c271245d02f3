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
    assertEquals("labels: only one class (u); classification needs two",
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
    assertEquals("labels: only one class (dog); classification needs two",
        assertThrows(InputException.class,
            () -> Dataset.ofClasses(xf, List.of("dog", "dog", "dog"))).getMessage());
    assertEquals("float[][]: 3 feature rows but 2 targets", assertThrows(InputException.class,
        () -> Dataset.ofClasses(xf, List.of("dog", "cat"))).getMessage());
  }
}
