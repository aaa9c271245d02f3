package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.tensor.Matrix;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {
  /** 1000 rows: class 0 has 700, class 1 200, class 2 100; feature = row number. */
  private static Dataset imbalanced() {
    int n = 1000;
    Matrix x = Matrix.zeros(n, 1);
    Matrix y = Matrix.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      x.put(i, i);
      y.put(i, i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2);
    }
    return new Dataset(x, y, Dataset.defaultNames(1), Dataset.indexNames(3), "test");
  }

  @Test
  void trainTest_stratified_keepsClassProportionsExactly() {
    TrainTest split = Splits.trainTest(imbalanced(), 0.25, 7, true);
    assertArrayEquals(new int[] {175, 50, 25}, counts(split.test()));
    assertArrayEquals(new int[] {525, 150, 75}, counts(split.train()));
  }

  @Test
  void trainTest_partitionsRowsWithoutOverlapInOriginalOrder() {
    TrainTest split = Splits.trainTest(imbalanced(), 0.3, 11, false);
    assertEquals(300, split.test().size());
    assertEquals(700, split.train().size());
    Set<Float> seen = new HashSet<>();
    for (Dataset part : new Dataset[] {split.train(), split.test()}) {
      float previous = -1;
      for (int i = 0; i < part.size(); i++) {
        float row = part.features().at(i);
        assertTrue(row > previous, "rows keep their original order");
        previous = row;
        assertTrue(seen.add(row), "row " + row + " in both parts");
      }
    }
    assertEquals(1000, seen.size());
  }

  @Test
  void trainTest_sameSeedSameSplit_otherSeedOtherSplit() {
    float[] a = Splits.trainTest(imbalanced(), 0.2, 5, true).test().features().toArray();
    float[] b = Splits.trainTest(imbalanced(), 0.2, 5, true).test().features().toArray();
    float[] c = Splits.trainTest(imbalanced(), 0.2, 6, true).test().features().toArray();
    assertArrayEquals(a, b);
    assertTrue(!java.util.Arrays.equals(a, c));
  }

  @Test
  void trainTest_stratifiedOnRegression_isRejected() {
    Dataset regression = Synthetic.makeRegression(20, 2, 1, 0.1, 1).data();
    assertThrows(IllegalArgumentException.class,
        () -> Splits.trainTest(regression, 0.2, 1, true));
  }

  @Test
  void trainTest_whenFractionLeavesEmptyPart_namesSource() {
    Dataset tiny = Synthetic.makeRegression(3, 1, 1, 0, 1).data();
    InputException e = assertThrows(InputException.class,
        () -> Splits.trainTest(tiny, 0.05, 1, false));
    assertTrue(e.getMessage().startsWith(tiny.source() + ": 3 rows cannot be split"));
  }

  private static int[] counts(Dataset d) {
    int[] counts = new int[d.numClasses()];
    for (int i = 0; i < d.size(); i++) {
      counts[d.label(i)]++;
    }
    return counts;
  }
}
