package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Synthetic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The confusion matrix a classifier gives: rows actual, columns predicted, labels by name. */
class ConfusionMatrixTest {
  static final Dataset THREE = Synthetic.classification().rows(150).features(4).informative(2)
      .classes(3).seed(5).build();

  @Test
  void of_countsEachActualPredictedPair_andPrintsATable() {
    ConfusionMatrix m = ConfusionMatrix.of(List.of("cat", "dog"), new int[] {0, 1, 1, 1},
        new int[] {0, 0, 1, 1});
    assertArrayEquals(new int[][] {{1, 0}, {1, 2}}, m.counts());
    assertEquals(1, m.count(1, 0));
    assertEquals(4, m.rows());
    assertEquals(0.75, m.accuracy());
    assertEquals("ConfusionMatrix[4 rows; rows: actual class, columns: predicted]\n"
        + "    cat dog\n"
        + "cat   1   0\n"
        + "dog   1   2", m.toString());
    assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(List.of("cat", "dog"), new int[] {0, 2}, new int[] {0, 1}));
  }

  @Test
  void count_ofAClassIndexOutOfRange_namesTheIndexAndTheClasses() {
    ConfusionMatrix m = ConfusionMatrix.of(List.of("cat", "dog"), new int[] {0, 1},
        new int[] {0, 1});
    // it was the array's own ArrayIndexOutOfBoundsException: "Index 2 out of bounds for length 2"
    IndexOutOfBoundsException actual =
        assertThrows(IndexOutOfBoundsException.class, () -> m.count(2, 0));
    assertEquals("actual class 2 of a confusion matrix of 2 classes [cat, dog] (0-based)",
        actual.getMessage());
    IndexOutOfBoundsException predicted =
        assertThrows(IndexOutOfBoundsException.class, () -> m.count(1, -1));
    assertEquals("predicted class -1 of a confusion matrix of 2 classes [cat, dog] (0-based)",
        predicted.getMessage());
  }

  @Test
  void classifier_confusionMatrix_agreesWithPredictionsAndAccuracy_forEveryKind() {
    List<Classifier> models = List.of(
        ElasticNet.multinomial().lambda(0.05).build().fit(THREE),
        MlpClassifier.builder().hiddenLayers(8).epochs(3).batchSize(30).seed(0).build()
            .fit(THREE));
    for (Classifier model : models) {
      ConfusionMatrix m = model.confusionMatrix(THREE);
      int[][] expected = new int[3][3];
      int[] predicted = model.predictClasses(THREE);
      for (int i = 0; i < THREE.size(); i++) {
        expected[THREE.label(i)][predicted[i]]++;
      }
      assertArrayEquals(expected, m.counts(), model.toString());
      assertEquals(model.classNames(), m.classNames());
      assertEquals(model.evaluate(THREE).accuracy(), m.accuracy(), 1e-15);
    }
  }

  @Test
  void classifier_confusionMatrix_matchesLabelsByName() {
    LinearClassifier model = ElasticNet.multinomial().lambda(0.05).build().fit(THREE);
    // The same rows with the class names in reverse order ("2", "1", "0"), labels renumbered.
    int[] reversed = new int[THREE.size()];
    for (int i = 0; i < reversed.length; i++) {
      reversed[i] = 2 - THREE.label(i);
    }
    Dataset renamed = Dataset.ofClasses(THREE.featureRows(), reversed, List.of("2", "1", "0"),
        THREE.featureNames());
    assertEquals(model.confusionMatrix(THREE), model.confusionMatrix(renamed));
  }

  @Test
  void classifier_confusionMatrix_badData_isAnInputExceptionNamingIt() {
    LinearClassifier model = ElasticNet.multinomial().lambda(0.05).build().fit(THREE);
    Dataset unseen = Dataset.ofClasses(THREE.featureRows(), THREE.labels(),
        List.of("0", "1", "7"), THREE.featureNames());
    InputException e = assertThrows(InputException.class, () -> model.confusionMatrix(unseen));
    assertTrue(e.getMessage().contains("label \"7\" is not one of the model's classes"),
        e.getMessage());
    InputException numbers = assertThrows(InputException.class,
        () -> model.confusionMatrix(Dataset.of(THREE.featureRows(), THREE.targets())));
    assertTrue(numbers.getMessage().contains("the target is a number"), numbers.getMessage());
  }
}
