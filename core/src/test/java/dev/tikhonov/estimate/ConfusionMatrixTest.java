package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Synthetic;
import java.util.List;
import java.util.Optional;
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
      for (int i = 0; i < THREE.numRows(); i++) {
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
    int[] reversed = new int[THREE.numRows()];
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

  @Test
  void of_withWeights_sumsEachCellsWeights_andPrintsThem() {
    ConfusionMatrix m = ConfusionMatrix.of(List.of("cat", "dog"), new int[] {0, 1, 1, 1},
        new int[] {0, 0, 1, 1}, new double[] {0.5, 2, 1.25, 0});
    assertArrayEquals(new int[][] {{1, 0}, {1, 2}}, m.counts());
    assertArrayEquals(new double[][] {{0.5, 0}, {2, 1.25}}, m.weights());
    assertEquals(2, m.weight(1, 0));
    assertEquals(3.75, m.weightSum());
    assertEquals(1.75 / 3.75, m.accuracy());
    assertEquals("ConfusionMatrix[4 rows, Σw 3.75; cells: Σw of their rows; rows: actual class,"
        + " columns: predicted]\n"
        + "      cat  dog\n"
        + " cat  0.5    0\n"
        + " dog    2 1.25", m.toString());
    assertEquals(ConfusionMatrix.of(List.of("cat", "dog"), new int[] {0, 1}, new int[] {0, 1}),
        ConfusionMatrix.of(List.of("cat", "dog"), new int[] {0, 1}, new int[] {0, 1},
            new double[] {1, 1}));
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(List.of("cat", "dog"), new int[] {0, 1}, new int[] {0, 1},
            new double[] {1, -1}));
    assertEquals("row 2: weight -1.0; weights must be finite and ≥ 0", negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(List.of("cat", "dog"),
        new int[] {0, 1}, new int[] {0, 1}, new double[] {1}));
  }

  /** Weights 0, 0.5, 1, 1.5 in turn: one row in four weighs nothing. */
  private static double[] weights(int rows) {
    double[] w = new double[rows];
    for (int i = 0; i < rows; i++) {
      w[i] = (i % 4) * 0.5;
    }
    return w;
  }

  @Test
  void classifier_weightedConfusionMatrix_sumsTheColumnsWeights_forANetwork() {
    double[] w = weights(THREE.numRows());
    Dataset data = THREE.withColumn("w", w);
    NetworkClassifier model = MlpClassifier.builder().hiddenLayers(8).epochs(3).batchSize(30)
        .seed(0).weightColumn("w").build().fit(data);
    ConfusionMatrix m = model.confusionMatrix(data, "w");
    double[][] expected = new double[3][3];
    int[] predicted = model.predictClasses(data);
    for (int i = 0; i < data.numRows(); i++) {
      expected[data.label(i)][predicted[i]] += w[i];
    }
    assertArrayEquals(expected, m.weights());
    assertEquals(model.evaluate(data, "w").accuracy(), m.accuracy(), 1e-15);
    InputException reads = assertThrows(InputException.class,
        () -> model.confusionMatrix(data, model.featureNames().get(0)));
    assertTrue(reads.getMessage().contains("the model reads this column as one of its inputs"),
        reads.getMessage());
  }

  @Test
  void table_isTheTextBelowItsHeaderLine_countsOrWeights() {
    ConfusionMatrix counts = ConfusionMatrix.of(List.of("cat", "dog"), new int[] {0, 1, 1, 1},
        new int[] {0, 0, 1, 1});
    assertEquals("    cat dog\n"
        + "cat   1   0\n"
        + "dog   1   2", counts.table());
    ConfusionMatrix weighted = ConfusionMatrix.of(List.of("cat", "dog"),
        new int[] {0, 1, 1, 1}, new int[] {0, 0, 1, 1}, new double[] {0.5, 2, 1.25, 0});
    assertEquals("      cat  dog\n"
        + " cat  0.5    0\n"
        + " dog    2 1.25", weighted.table());
    for (ConfusionMatrix m : List.of(counts, weighted)) {
      String text = m.toString();
      assertEquals(text.substring(text.indexOf('\n') + 1), m.table());
    }
  }

  /**
   * A classifier's evaluation holds the confusion matrix of the predictions it scored, so the
   * scores and the matrix come from one prediction of the rows (evaluate --confusion predicted
   * them twice): the matrix confusionMatrix gives, weighted as the evaluation is.
   */
  @Test
  void evaluation_holdsTheConfusionMatrixOfTheSamePredictions_forEveryKind() {
    double[] w = weights(THREE.numRows());
    Dataset data = THREE.withColumn("w", w);
    Dataset two = Synthetic.classification().rows(80).features(3).classes(2).seed(3).build()
        .withColumn("w", weights(80));
    List<Classifier> models = List.of(
        ElasticNet.multinomial().lambda(0.05).build().fit(THREE),
        ElasticNet.binomial().lambda(0.05).build().fit(two.withoutColumns("w")),
        MlpClassifier.builder().hiddenLayers(8).epochs(3).batchSize(30).seed(0).build()
            .fit(THREE),
        MlpClassifier.builder().hiddenLayers(4).epochs(3).batchSize(20).seed(0).build()
            .fit(two.withoutColumns("w")));
    for (Classifier model : models) {
      Dataset rows = model.classNames().size() == 2 ? two : data;
      ClassifierEvaluation plain = model.evaluate(rows);
      assertEquals(Optional.of(model.confusionMatrix(rows)), plain.confusionMatrix(),
          model.toString());
      assertEquals(plain.accuracy(), plain.confusionMatrix().get().accuracy(), 1e-15);
      ClassifierEvaluation weighted = model.evaluate(rows, "w");
      assertEquals(Optional.of(model.confusionMatrix(rows, "w")), weighted.confusionMatrix(),
          model.toString());
      assertEquals(weighted.accuracy(), weighted.confusionMatrix().get().accuracy(), 1e-15);
    }
    assertEquals(Optional.empty(), Evaluation.ofClassifier(4, 0.3, 0.75, 0).confusionMatrix(),
        "an evaluation made from scores alone has no matrix");
  }
}
