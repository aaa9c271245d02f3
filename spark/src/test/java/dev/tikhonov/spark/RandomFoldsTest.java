package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;

/** Content-hashed folds: a function of the row alone, near-uniform, seed-dependent. */
class RandomFoldsTest {
  @Test
  void fold_isTheSameForDenseAndSparseFormsOfARow() {
    Vector dense = Vectors.dense(0, 2.5, 0, -0.0, 7);
    Vector sparse = Vectors.sparse(5, new int[] {1, 3, 4}, new double[] {2.5, 0.0, 7});
    for (long seed = 0; seed < 50; seed++) {
      assertEquals(RandomFolds.fold(seed, 10, 1.5, dense), RandomFolds.fold(seed, 10, 1.5, sparse));
    }
  }

  @Test
  void fold_ofManyRows_isNearUniform() {
    int n = 20_000;
    int numFolds = 7;
    int[] sizes = new int[numFolds + 1];
    for (int i = 0; i < n; i++) {
      int fold = RandomFolds.fold(42, numFolds, i % 3, Vectors.dense(i, i * 0.5));
      assertTrue(fold >= 1 && fold <= numFolds, "fold " + fold);
      sizes[fold]++;
    }
    double expected = (double) n / numFolds;
    double sd = Math.sqrt(n * (1.0 / numFolds) * (1 - 1.0 / numFolds));
    for (int k = 1; k <= numFolds; k++) {
      assertEquals(expected, sizes[k], 5 * sd, "fold " + k);
    }
  }

  @Test
  void fold_dependsOnTheSeedAndTheContent() {
    int sameAcrossSeeds = 0;
    int sameAcrossLabels = 0;
    for (int i = 0; i < 1000; i++) {
      Vector x = Vectors.dense(i, 1);
      int fold = RandomFolds.fold(1, 10, 0.0, x);
      sameAcrossSeeds += fold == RandomFolds.fold(2, 10, 0.0, x) ? 1 : 0;
      sameAcrossLabels += fold == RandomFolds.fold(1, 10, 1.0, x) ? 1 : 0;
    }
    // Independent assignments agree about 1 time in 10.
    assertTrue(sameAcrossSeeds < 150, "same fold under another seed: " + sameAcrossSeeds);
    assertTrue(sameAcrossLabels < 150, "same fold for another label: " + sameAcrossLabels);
    assertNotEquals(0, sameAcrossSeeds);
  }
}
