package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A classifier evaluation's confusion matrix is counted on the first
 * {@link ClassifierEvaluation#confusionMatrix()} and kept ({@link ConfusionRows}): the same
 * matrix, bit for bit, as {@link Classifier#confusionMatrix} counts eagerly, for linear and
 * network classifiers of two and three classes, weighted and not; not made by evaluate().
 */
class LazyConfusionMatrixTest {
  /** Two and three classes, each with a feature column "w" of weights in [0, 3) (some 0). */
  private static List<Dataset> data() {
    return List.of(withWeights(Synthetic.classification().rows(120).features(4).informative(2)
            .classes(2).seed(3).build()),
        withWeights(Synthetic.classification().rows(150).features(4).informative(2)
            .classes(3).seed(5).build()));
  }

  private static Dataset withWeights(Dataset data) {
    Random random = new Random(7);
    double[] w = new double[data.numRows()];
    for (int i = 0; i < w.length; i++) {
      w[i] = i % 10 == 0 ? 0 : 3 * random.nextDouble();
    }
    return data.withColumn("w", w);
  }

  /** Linear and network classifiers of {@code data}, not reading its weight column. */
  private static List<Classifier> models(Dataset data) {
    Dataset x = data.withoutColumns("w");
    boolean two = data.classNames().size() == 2;
    Classifier linear = (two ? ElasticNet.binomial() : ElasticNet.multinomial()).lambda(0.05)
        .build().fit(x);
    Classifier network = MlpClassifier.builder().hiddenLayers(8).epochs(3).batchSize(30)
        .seed(0).build().fit(x);
    return List.of(linear, network);
  }

  private static void assertSameBits(ConfusionMatrix expected, ConfusionMatrix actual,
      String what) {
    assertEquals(expected, actual, what);
    assertArrayEquals(expected.counts(), actual.counts(), what);
    double[][] e = expected.weights();
    double[][] a = actual.weights();
    for (int k = 0; k < e.length; k++) {
      for (int l = 0; l < e.length; l++) {
        assertEquals(Double.doubleToRawLongBits(e[k][l]), Double.doubleToRawLongBits(a[k][l]),
            what + " [" + k + "][" + l + "]");
      }
    }
    assertEquals(Double.doubleToRawLongBits(expected.weightSum()),
        Double.doubleToRawLongBits(actual.weightSum()), what + " Σw");
    assertEquals(expected.toString(), actual.toString(), what);
  }

  @Test
  void confusionMatrix_countedOnRequest_isTheEagerMatrixBitForBit() {
    for (Dataset data : data()) {
      for (Classifier model : models(data)) {
        String what = model + " of " + data.classNames().size() + " classes";
        Dataset x = data.withoutColumns("w");
        ClassifierEvaluation plain = model.evaluate(x);
        assertSameBits(model.confusionMatrix(x), plain.confusionMatrix().orElseThrow(), what);
        ClassifierEvaluation weighted = model.evaluate(data, "w");
        assertSameBits(model.confusionMatrix(data, "w"),
            weighted.confusionMatrix().orElseThrow(), what + ", weighted");
      }
    }
  }

  @Test
  void evaluate_makesNoMatrix_untilAskedFor_thenKeepsIt() {
    for (Dataset data : data()) {
      for (Classifier model : models(data)) {
        String what = model + " of " + data.classNames().size() + " classes";
        ClassifierEvaluation e = model.evaluate(data, "w");
        e.accuracy();
        e.auc();
        e.loss();
        assertFalse(e.confusionMatrixMade(), what + ": evaluate() made the matrix");
        ConfusionMatrix first = e.confusionMatrix().orElseThrow();
        assertTrue(e.confusionMatrixMade(), what);
        assertSame(first, e.confusionMatrix().orElseThrow(), what + ": made twice");
      }
    }
  }

  @Test
  void equalsHashCodeAndToString_keepTheirMeaning_whetherTheMatrixIsMadeOrNot() {
    Dataset data = data().get(1);
    for (Classifier model : models(data)) {
      ClassifierEvaluation a = model.evaluate(data, "w");
      ClassifierEvaluation b = model.evaluate(data, "w");
      String text = a.toString();
      int hash = a.hashCode();
      assertEquals(a, b); // compares the matrices, so makes both
      assertTrue(a.confusionMatrixMade() && b.confusionMatrixMade());
      assertEquals(text, a.toString());
      assertEquals(hash, a.hashCode());
      assertEquals(hash, b.hashCode());
      // the same scores over other rows' matrix: not equal, as before
      assertFalse(a.equals(model.evaluate(data.withoutColumns("w"))));
    }
  }

  @Test
  void confusionRows_checkTheRowsWhenMade_asConfusionMatrixOfDoes() {
    List<String> names = List.of("cat", "dog");
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> new ConfusionRows(names, new int[] {0, 1}, new int[] {0, 1},
            new double[] {1, -1}));
    assertEquals("row 2: weight -1.0; weights must be finite and ≥ 0",
        negative.getMessage());
    assertEquals(negative.getMessage(), assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(names, new int[] {0, 1}, new int[] {0, 1},
            new double[] {1, -1})).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new ConfusionRows(names, new int[] {0, 2}, new int[] {0, 1}, new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> new ConfusionRows(names, new int[] {0}, new int[] {0, 1}, new double[] {1, 1}));
  }
}
