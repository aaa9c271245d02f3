package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A feature name that names nothing ("" or spaces) is refused where names are given, as a
 * duplicate name is: Dataset.of(x, y, List.of("a", "", "b")) and withColumn("", …) were
 * accepted, and a model then held a column no one can ask for by name.
 */
class BlankNamesTest {
  static final double[][] X = {{1, 2, 3}, {4, 5, 6}};
  static final double[] Y = {1, 2};

  @Test
  void theFactories_refuseAnEmptyOrBlankName() {
    assertEquals("featureNames: name 2 is empty; a model finds its columns by name",
        assertThrows(InputException.class,
            () -> Dataset.of(X, Y, List.of("a", "", "b"))).getMessage());
    assertEquals("featureNames: name 3 is blank (\"  \"); a model finds its columns by name",
        assertThrows(InputException.class,
            () -> Dataset.of(X, Y, List.of("a", "b", "  "))).getMessage());
    assertEquals("featureNames: name 1 is empty; a model finds its columns by name",
        assertThrows(InputException.class, () -> new Dataset(Matrix.zeros(2, 1),
            Matrix.zeros(2, 1), List.of(""), List.of(), "m")).getMessage());
  }

  @Test
  void withColumn_refusesAnEmptyOrBlankName() {
    Dataset d = Dataset.of(X, Y, List.of("a", "b", "c")).withSource("train.csv");
    assertEquals("train.csv: a feature's name cannot be empty; a model finds its columns by"
        + " name", assertThrows(InputException.class,
            () -> d.withColumn("", new double[] {1, 2})).getMessage());
    assertEquals("train.csv: a feature's name cannot be blank (\" \"); a model finds its"
        + " columns by name", assertThrows(InputException.class,
            () -> d.withColumn(" ", new double[] {1, 2})).getMessage());
  }
}
