package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.Synthetic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The λ grid of network paths: validation, order, and λ_max against numpy. */
class LambdaGridTest {

  @Test
  void lambdaMax_onTheBundledDigits_equalsNumpysLargestSingularValue() throws IOException {
    Dataset train = Mnist.bundled().train();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        LambdaGridTest.class.getResourceAsStream("lambda-max/lambda-max.csv"),
        StandardCharsets.UTF_8))) {
      in.readLine();
      int cases = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        Dataset d = train.subset(IntStream.range(0, Integer.parseInt(f[0])).toArray());
        double expected = Double.parseDouble(f[2]);
        // the features are float32 (pixels/255 rounded); numpy's are float64
        assertEquals(expected, LambdaGrid.lambdaMax(d, Boolean.parseBoolean(f[1])),
            1e-6 * expected, line);
        cases++;
      }
      assertEquals(4, cases);
    }
  }

  @Test
  void lambdaMax_forRegression_isTheNormOfTheCentredCorrelation() {
    Dataset d = Synthetic.regression().rows(200).features(5).informative(3).noise(1.0)
        .intercept(0.5).seed(3).build().data();
    double[][] x = d.featureRows();
    double[] y = d.targets();
    double mean = java.util.Arrays.stream(y).average().orElseThrow();
    double sum = 0;
    for (int j = 0; j < 5; j++) {
      double g = 0;
      for (int i = 0; i < y.length; i++) {
        g += (float) x[i][j] * (y[i] - mean);
      }
      sum += (g / y.length) * (g / y.length);
    }
    assertEquals(Math.sqrt(sum), LambdaGrid.lambdaMax(d, false), 1e-9 * Math.sqrt(sum));
  }

  @Test
  void fromData_isLogarithmicFromLambdaMaxDownToTheFloor() {
    Dataset d = Mnist.bundled().train().subset(IntStream.range(0, 600).toArray());
    double top = LambdaGrid.lambdaMax(d, false);
    double[] grid = LambdaGrid.fromData(7, 1e-6).lambdas(d, false);
    assertEquals(7, grid.length);
    assertEquals(top, grid[0], 0.0);
    assertEquals(1e-6, grid[6], 1e-18);
    for (int l = 1; l < 7; l++) {
      assertEquals(Math.log(grid[l - 1] / grid[l]), Math.log(top / 1e-6) / 6, 1e-12);
    }
    assertArrayEquals(new double[] {top}, LambdaGrid.fromData(1, 1e-6).lambdas(d, false));
    double[] above = LambdaGrid.fromData(3, 10).lambdas(d, false);
    assertEquals(top * 1e-4, above[2], 1e-12 * top, "a floor above λ_max: four decades below");
  }

  @Test
  void of_sortsDecreasingAndKeepsZero() {
    assertArrayEquals(new double[] {1, 0.1, 0.001, 0},
        LambdaGrid.of(0.1, 0, 1, 0.001).lambdas(Mnist.bundled().test(), false));
  }

  @Test
  void badGrids_areRefusedNamingTheSetting() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        LambdaGrid::of);
    assertTrue(empty.getMessage().startsWith("lambdas must hold at least one λ"),
        empty.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> LambdaGrid.of(0.1, -0.01, 0.001));
    assertEquals("lambdas must be finite numbers >= 0; value 2 of 3 is -0.01",
        negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LambdaGrid.of(0.1, Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> LambdaGrid.of(0.1, Double.POSITIVE_INFINITY));
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> LambdaGrid.of(0.1, 0.01, 0.1));
    assertTrue(twice.getMessage().contains("0.1 is given twice (values 1 and 3)"),
        twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LambdaGrid.fromData(0, 1e-6));
    assertThrows(IllegalArgumentException.class, () -> LambdaGrid.fromData(5, 0));
    // 2e9 λ used to pass and then exhaust the heap (select --nlambda 2000000000).
    IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
        () -> LambdaGrid.fromData(2_000_000_000, 1e-6));
    assertEquals("numLambdas must be in 1..100000, got 2000000000", huge.getMessage());
  }

  @Test
  void fromData_withTargetsThatDoNotVary_isAnInputException() {
    double[][] x = {{1, 2}, {3, 4}, {5, 7}};
    Dataset flat = Dataset.of(x, new double[] {2, 2, 2});
    InputException e = assertThrows(InputException.class,
        () -> LambdaGrid.defaults().lambdas(flat, false));
    assertTrue(e.getMessage().contains("do not vary"), e.getMessage());
    // the remedy is a setting: named as such, so the CLI says --lambdas
    assertEquals(java.util.Optional.of("lambdas"), e.setting());
  }

  /**
   * Features that never vary leave nothing for the weights to fit, whatever their value: λ_max
   * is exactly 0 and the grid is refused. Summed from the raw values, 0.1·Σ(yᵢ − ȳ) rounded to
   * 8.9e-17 and the grid ran from there down to 1e-20 (review26's finding).
   */
  @Test
  void lambdaMax_ofFeaturesThatNeverVary_isExactlyZero() {
    double[][] x = new double[7][];
    double[] y = new double[7];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {0.1, 2, 1e6};
      y[i] = 0.3 * i + 0.7;
    }
    Dataset flat = Dataset.of(x, y);
    assertEquals(0.0, LambdaGrid.lambdaMax(flat, false));
    assertEquals(0.0, LambdaGrid.lambdaMax(flat, true));
    InputException e = assertThrows(InputException.class,
        () -> LambdaGrid.defaults().lambdas(flat, false));
    assertTrue(e.getMessage().contains("(λ_max = 0.0)"), e.getMessage());
  }
}
