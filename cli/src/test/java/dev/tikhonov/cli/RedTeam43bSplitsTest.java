package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * redteam43b: Splits' javadoc says "a class loses all its rows to the test part only when
 * round(n·f) exceeds n minus the number of classes". The allocation raises each class once in
 * its first pass, so a large class with a zero remainder gives one extra row while the rows
 * still owed take singletons' only rows.
 */
class RedTeam43bSplitsTest {
  private static Dataset classes(int... sizes) {
    int n = 0;
    for (int s : sizes) {
      n += s;
    }
    Matrix x = Matrix.zeros(n, 1);
    Matrix y = Matrix.zeros(n, 1);
    int i = 0;
    for (int c = 0; c < sizes.length; c++) {
      for (int r = 0; r < sizes[c]; r++) {
        x.put(i, i);
        y.put(i, c);
        i++;
      }
    }
    return new Dataset(x, y, Dataset.defaultNames(1), Dataset.indexNames(sizes.length), "rt");
  }

  private static int[] trainCounts(TrainTest split, int k) {
    int[] counts = new int[k];
    Dataset train = split.train();
    for (int i = 0; i < train.numRows(); i++) {
      counts[train.label(i)]++;
    }
    return counts;
  }

  @Test
  void tenRowsAndFiveSingletonsAtSixTenths_everyClassCanKeepATrainingRow() {
    // n = 15, 6 classes, round(15·0.6) = 9 = n − classes: a split keeping one training row of
    // every class exists (A: 9 test, 1 train), yet two singletons lose their only row
    TrainTest split = Splits.stratifiedTrainTest(classes(10, 1, 1, 1, 1, 1), 0.6, 1);
    assertEquals(9, split.test().numRows());
    int[] train = trainCounts(split, 6);
    for (int c = 0; c < 6; c++) {
      assertTrue(train[c] >= 1, "class " + c + " has no training row: "
          + java.util.Arrays.toString(train));
    }
  }

  @Test
  void manyTinyClasses_sizesAreRoundAndEveryClassThatCanKeepsATrainingRow() {
    Random r = new Random(43);
    List<String> failures = new ArrayList<>();
    double[] fractions = {0.1, 0.2, 0.25, 0.3, 0.45, 0.5, 0.6, 0.75, 0.9};
    for (int trial = 0; trial < 400; trial++) {
      int k = 2 + r.nextInt(8);
      int[] sizes = new int[k];
      for (int c = 0; c < k; c++) {
        sizes[c] = r.nextInt(4) == 0 ? 1 + r.nextInt(30) : 1 + r.nextInt(3);
      }
      Dataset d = classes(sizes);
      int n = d.numRows();
      for (double f : fractions) {
        long total = Math.round(n * f);
        if (total < 1 || total > n - 1) {
          continue;
        }
        for (long seed = 1; seed <= 2; seed++) {
          TrainTest split = Splits.stratifiedTrainTest(d, f, seed);
          if (split.test().numRows() != total) {
            failures.add("size " + split.test().numRows() + " != " + total);
          }
          int[] train = trainCounts(split, k);
          int empty = 0;
          for (int c = 0; c < k; c++) {
            if (train[c] == 0) {
              empty++;
            }
          }
          if (total <= n - k && empty > 0) {
            failures.add(java.util.Arrays.toString(sizes) + " f=" + f + ": " + empty
                + " class(es) without a training row, train " + java.util.Arrays.toString(train));
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " failures, first: "
        + failures.subList(0, Math.min(5, failures.size())));
  }
}
