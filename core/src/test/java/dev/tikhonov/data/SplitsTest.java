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
  void stratifiedTrainTest_keepsClassProportionsExactly() {
    TrainTest split = Splits.stratifiedTrainTest(imbalanced(), 0.25, 7);
    assertArrayEquals(new int[] {175, 50, 25}, counts(split.test()));
    assertArrayEquals(new int[] {525, 150, 75}, counts(split.train()));
  }

  @Test
  void trainTest_partitionsRowsWithoutOverlapInOriginalOrder() {
    TrainTest split = Splits.trainTest(imbalanced(), 0.3, 11);
    assertEquals(300, split.test().numRows());
    assertEquals(700, split.train().numRows());
    Set<Float> seen = new HashSet<>();
    for (Dataset part : new Dataset[] {split.train(), split.test()}) {
      float previous = -1;
      for (int i = 0; i < part.numRows(); i++) {
        float row = part.features().at(i);
        assertTrue(row > previous, "rows keep their original order");
        previous = row;
        assertTrue(seen.add(row), "row " + row + " in both parts");
      }
    }
    assertEquals(1000, seen.size());
  }

  @Test
  void trainTest_onClassData_drawsRowsWithoutRegardToClass() {
    // 1000 rows with 700/200/100: a uniform draw of 250 (seed 7) does not hit the stratified
    // 175/50/25 exactly; the stratified split does (test above)
    TrainTest plain = Splits.trainTest(imbalanced(), 0.25, 7);
    TrainTest stratified = Splits.stratifiedTrainTest(imbalanced(), 0.25, 7);
    assertEquals(250, plain.test().numRows());
    assertTrue(!java.util.Arrays.equals(counts(plain.test()), counts(stratified.test())),
        "the plain split draws rows, not class quotas");
  }

  @Test
  void trainTest_sameSeedSameSplit_otherSeedOtherSplit() {
    float[] a = Splits.stratifiedTrainTest(imbalanced(), 0.2, 5).test().features().toArray();
    float[] b = Splits.stratifiedTrainTest(imbalanced(), 0.2, 5).test().features().toArray();
    float[] c = Splits.stratifiedTrainTest(imbalanced(), 0.2, 6).test().features().toArray();
    assertArrayEquals(a, b);
    assertTrue(!java.util.Arrays.equals(a, c));
  }

  /** The data's fault, so an InputException (it was a plain IllegalArgumentException). */
  @Test
  void stratifiedTrainTest_onRegression_isRejectedAsBadInput_namingTheData() {
    Dataset regression = Synthetic.regression().rows(20).features(2).informative(1).noise(0.1)
        .seed(1).build().data();
    InputException e = assertThrows(InputException.class,
        () -> Splits.stratifiedTrainTest(regression, 0.2, 1));
    assertEquals(regression.source() + ": a stratified split needs class labels, but the target"
        + " is a number; build it with Dataset.ofClasses(x, labels) or read it with"
        + " TargetKind.CLASS, or use"
        + " Splits.trainTest", e.getMessage());
  }

  @Test
  void trainTest_whenFractionLeavesEmptyPart_namesSource() {
    Dataset tiny = Synthetic.regression().rows(3).features(1).informative(1).noise(0).seed(1)
        .build().data();
    InputException e = assertThrows(InputException.class,
        () -> Splits.trainTest(tiny, 0.05, 1));
    assertTrue(e.getMessage().startsWith(tiny.source() + ": 3 rows cannot be split"));
  }

  /** Class 0 has {@code a} rows, class 1 {@code b}, class 2 {@code c}, in that order. */
  private static Dataset classes(int a, int b, int c) {
    int n = a + b + c;
    Matrix x = Matrix.zeros(n, 1);
    Matrix y = Matrix.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      x.put(i, i);
      y.put(i, i < a ? 0 : i < a + b ? 1 : 2);
    }
    return new Dataset(x, y, Dataset.defaultNames(1), Dataset.indexNames(3), "test");
  }

  @Test
  void stratifiedTrainTest_neverPutsAClassWhollyInTheTestPart_whileAnotherCanGiveARow() {
    // 7/7/1 at 0.45: 6.75 → 7 test rows, quotas ⌊3.15⌋ ⌊3.15⌋ ⌊0.45⌋ = 6; the one row left went
    // to the largest remainder, class 2's 0.45, its only row: the model never trained on it
    TrainTest split = Splits.stratifiedTrainTest(classes(7, 7, 1), 0.45, 1);
    assertArrayEquals(new int[] {4, 3, 0}, counts(split.test()));
    assertArrayEquals(new int[] {3, 4, 1}, counts(split.train()));
  }

  @Test
  void stratifiedTrainTest_givesALastRowOnlyWhenEveryClassWouldOtherwiseKeepRows() {
    // 1/1/1 at 0.5: 2 test rows of 3; the training row is one class's, whatever the order
    TrainTest split = Splits.stratifiedTrainTest(classes(1, 1, 1), 0.5, 1);
    assertEquals(2, split.test().size());
    assertEquals(1, split.train().size());
    // 3/1/1 at 0.5: 3 test rows; class 0 gives ⌈1.5⌉ = 2 and keeps one, a 1-row class the third
    TrainTest three = Splits.stratifiedTrainTest(classes(3, 1, 1), 0.5, 1);
    assertArrayEquals(new int[] {2, 1, 0}, counts(three.test()));
  }

  private static int[] counts(Dataset d) {
    int[] counts = new int[d.numClasses()];
    for (int i = 0; i < d.numRows(); i++) {
      counts[d.label(i)]++;
    }
    return counts;
  }
}
