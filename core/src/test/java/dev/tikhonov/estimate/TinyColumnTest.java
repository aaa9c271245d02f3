package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A column of values near 10⁻³⁰¹, built from {@code double[][]} (the readers refuse it, the
 * library's own Dataset does not): its squared deviations underflow to 0, and before the
 * standardization scaled each column by a power of two before squaring, its spread read 0 and
 * the column was dropped as a constant. Standardized fits do not depend on a column's units, so
 * the column scaled by 10⁻³⁰¹ gets the unscaled column's coefficient times 10³⁰¹.
 */
class TinyColumnTest {
  private static final double TINY = 1e-301;

  @Test
  void ridge_onATinyColumn_fitsTheUnscaledColumnsCoefficient() {
    LinearModel plain = Ridge.builder().lambda(0.1).standardize(true).build().fit(data(1));
    LinearModel tiny = Ridge.builder().lambda(0.1).standardize(true).build().fit(data(TINY));
    assertSame(plain.intercept(), plain.coefficients(), tiny.intercept(), tiny.coefficients());
  }

  @Test
  void lassoPath_onATinyColumn_fitsTheUnscaledColumnsCoefficients() {
    ElasticNet lasso = ElasticNet.gaussian().tolerance(1e-14).build();
    RegularizationPath<LinearModel> plain = lasso.path(data(1));
    RegularizationPath<LinearModel> tiny = lasso.path(data(TINY));
    assertEquals(plain.size(), tiny.size());
    for (int k = 0; k < plain.size(); k++) {
      assertEquals(plain.lambdas()[k], tiny.lambdas()[k], 1e-12 * plain.lambdas()[k]);
      assertSame(plain.intercepts()[k][0], plain.coefficients()[k][0],
          tiny.intercepts()[k][0], tiny.coefficients()[k][0]);
    }
  }

  /**
   * A network without standardization trains on the float32 copy, zeros for values near
   * 1e-301: it refuses the column with the readers' message (Numbers.Float32Column); with
   * standardization, the standardizer refuses it as varying too little.
   */
  @Test
  void network_onATinyColumn_refusesItAsTheReadersDo() {
    InputException plain = assertThrows(InputException.class, () -> MlpRegressor.builder()
        .hiddenLayers(2).epochs(1).build().fit(data(TINY)));
    assertTrue(plain.getMessage().startsWith("double[][] (column \"x1\"): holds "),
        plain.getMessage());
    assertTrue(plain.getMessage().endsWith("rescale the column (multiply it by 1e301, say)"),
        plain.getMessage());
    InputException standardized = assertThrows(InputException.class, () -> MlpRegressor
        .builder().hiddenLayers(2).epochs(1).standardize(true).build().fit(data(TINY)));
    assertTrue(standardized.getMessage().contains("column \"x1\" varies by too little"),
        standardized.getMessage());
  }

  /** Tiny's coefficients with the tiny column's taken back to the unscaled column's units. */
  private static void assertSame(double intercept, double[] coefficients, double tinyIntercept,
      double[] tinyCoefficients) {
    assertEquals(intercept, tinyIntercept, 1e-10);
    assertEquals(coefficients[0], tinyCoefficients[0], 1e-10);
    assertEquals(coefficients[1], tinyCoefficients[1] * TINY, 1e-10);
    assertEquals(coefficients[2], tinyCoefficients[2], 1e-10);
  }

  /** 50 rows, 3 normal features, y = 1 + x₀ − 2x₁ + 0.5x₂ + noise; column 1 times {@code s}. */
  private static Dataset data(double s) {
    Random random = new Random(42);
    double[][] x = new double[50][3];
    double[] y = new double[50];
    for (int i = 0; i < 50; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = 1 + x[i][0] - 2 * x[i][1] + 0.5 * x[i][2] + 0.3 * random.nextGaussian();
      x[i][1] *= s;
    }
    return Dataset.of(x, y);
  }
}
