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
      double[] score = switch (criterion) {
        case GCV -> v.gcv();
        case LEAVE_ONE_OUT -> v.leaveOneOutMse();
        case K_FOLD -> v.cv().orElseThrow().mean(); // 10 folds' mean held-out MSE
      };
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

  /**
   * The default grid is glmnet's α = 0 sequence in this objective's units: glmnet fits y/s_y,
   * so its λ = l is l/s_y here, and the models there are glmnet's (ref/make_ridge_grid.R,
   * diabetes unstandardized; glmnet's first λ reports zero coefficients, so from the second;
   * to 10⁻⁵ of the largest, glmnet's coordinate descent on these correlated raw columns being
   * 3·10⁻⁶ from the closed form at thresh 1e-14, where λ·77 would be far off).
   * It used to be glmnet's numbers unconverted, which move with y's scale while the λ the
   * criterion prefers does not: y·10¹⁷ chose 2 of 10 degrees of freedom, y·10⁻¹⁷ the grid's
   * first λ. Now y and c·y get the same grid, choice and coefficients over c.
   */
  @Test
  void defaultGrid_isGlmnetsRidgeSequenceOverSy_soTheChoiceDoesNotDependOnYsScale()
      throws Exception {
    Dataset diabetes = Dataset.read(java.nio.file.Path.of("..", "data", "diabetes.csv"),
        "progression", dev.tikhonov.data.TargetKind.REAL);
    double[] y = diabetes.targets();
    double mean = Arrays.stream(y).average().orElseThrow();
    double sy = Math.sqrt(Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length);
    double[][] glmnet = dev.tikhonov.linear.ReferenceData.rows("ridge-grid-diabetes");
    double[] grid = RidgeCV.defaultLambdas(diabetes.featureRows(), y, 100);
    for (int r = 0; r < glmnet.length; r++) {
      int l = r == glmnet.length - 1 ? 99 : 11 * r;
      assertEquals(glmnet[r][0] / sy, grid[l], 1e-10 * grid[l], "λ #" + (l + 1));
      if (l == 0) {
        continue;
      }
      LinearModel m = Ridge.builder().lambda(grid[l]).build().fit(diabetes);
      double largest = Arrays.stream(m.coefficients()).map(Math::abs).max().orElseThrow();
      // a0 = ȳ − x̄ᵀb carries the coefficients' error times the means (s1's is 189)
      double means = 0;
      for (double[] row : diabetes.featureRows()) {
        means += Arrays.stream(row).map(Math::abs).sum() / y.length;
      }
      assertEquals(glmnet[r][1], m.intercept(), 1e-5 * largest * (1 + means), "λ #" + (l + 1));
      for (int j = 0; j < m.coefficients().length; j++) {
        assertEquals(glmnet[r][2 + j], m.coefficients()[j], 1e-5 * largest,
            "λ #" + (l + 1) + ", coefficient " + (j + 1));
      }
    }
    RidgeCV.Validation base = RidgeCV.builder().build().crossValidate(diabetes);
    for (double c : new double[] {1e-17, 1e-8, 1e8, 1e17}) {
      double[] scaled = y.clone();
      for (int i = 0; i < scaled.length; i++) {
        scaled[i] *= c;
      }
      RidgeCV.Validation v = RidgeCV.builder().build().crossValidate(
          Dataset.of(diabetes.featureRows(), scaled, diabetes.featureNames()));
      assertEquals(base.chosenIndex(), v.chosenIndex(), "y·" + c + ": " + v);
      assertArrayEquals(base.lambdas(), v.lambdas(), 1e-12 * base.lambdas()[0], "y·" + c);
      double[] b = base.chosenModel().coefficients();
      double[] bc = v.chosenModel().coefficients();
      for (int j = 0; j < b.length; j++) {
        assertEquals(b[j], bc[j] / c, 1e-9 * Math.abs(b[j]), "y·" + c + ", coefficient " + j);
      }
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
