package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RidgeCV's default grid reaches the λ its criterion prefers even when the features' scales
 * differ (no standardization, RidgeCV's default): glmnet's grid ends where the small-scale
 * feature is shrunk to nothing, and GCV, still falling there, chose that end.
 */
class RidgeCvGridTest {
  /** price = 3·size + 10·rooms + noise, size in [50, 150], rooms 1..5: docs/java.md's houses. */
  static Dataset houses(int n, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double size = 50 + 100 * random.nextDouble();
      int rooms = 1 + random.nextInt(5);
      x[i] = new double[] {size, rooms};
      y[i] = 3 * size + 10 * rooms + 20 * random.nextGaussian();
    }
    return Dataset.of(x, y, List.of("size", "rooms"));
  }

  @Test
  void defaultGrid_whenTheCriterionFallsPastItsEnd_isContinuedToTheMinimum() {
    Dataset train = houses(150, 0);
    for (RidgeCV.Criterion criterion : RidgeCV.Criterion.values()) {
      RidgeCV.Validation v = RidgeCV.builder().criterion(criterion).build().crossValidate(train);
      double[] score = criterion == RidgeCV.Criterion.GCV ? v.gcv() : v.leaveOneOutMse();
      int chosen = v.chosenIndex();
      assertTrue(chosen > 99, "past glmnet's 100 values: " + v);
      assertTrue(chosen < score.length - 1, "an interior minimum, not the grid's end: " + v);
      for (double s : score) {
        assertTrue(score[chosen] <= s);
      }
      // The first 100 values are glmnet's grid, continued by its own ratio.
      double[] glmnet = RidgeCV.defaultLambdas(train.featureRows(), train.targets(), 100);
      assertArrayEquals(glmnet, Arrays.copyOf(v.lambdas(), 100));
      assertEquals(glmnet[1] / glmnet[0], v.lambdas()[120] / v.lambdas()[119], 1e-12);
      // Rooms keeps its effect (it had 0.07 of the true 10 at glmnet's smallest λ).
      double rooms = v.chosenModel().coefficientsByName().get("rooms");
      assertTrue(rooms > 5, v + ": rooms " + rooms);
    }
  }

  @Test
  void givenLambdas_areUsedAsTheyAre_evenWhenTheMinimumIsAtTheirEnd() {
    RidgeCV.Validation v = RidgeCV.builder().lambdas(1000, 500, 250).build()
        .crossValidate(houses(150, 0));
    assertArrayEquals(new double[] {1000, 500, 250}, v.lambdas());
    assertEquals(2, v.chosenIndex());
  }

  @Test
  void continuedDownward_stopsWhereTheWeakestDirectionIsShrunkByATenthOfAPercent() {
    double[] grid = {1, 0.1};
    double[] longer = RidgeCV.continuedDownward(grid, new double[] {10, 1}, 100);
    // n·λ = 1e-3·d_min² = 1e-3: λ = 1e-5, reached from 0.1 in four steps of 0.1.
    assertEquals(6, longer.length, Arrays.toString(longer));
    assertEquals(1e-5, longer[5], 1e-18);
    // A grid that already reaches n·λ = 1e-3·d_min² (here λ = 10) stays as it is.
    assertArrayEquals(grid, RidgeCV.continuedDownward(grid, new double[] {1000, 100}, 1));
  }
}
